import { judgeAllow } from '../allow-window.js';
import type { Stage } from '../config/resolve.js';
import type { PreflightConfig } from '../config/sections/preflight.js';
import { evaluateFreeze } from '../freeze.js';
import type { PreflightFacts } from './facts.js';
import { result, type GateResult } from './types.js';

/**
 * freeze: is now (the merge time on merge_group) inside a weekly window or a date range? With
 * declared stages, the stage the PR promotes into may also name allow windows (stages[].allow,
 * issue #20): outside every one of them the gate fails too. One row for both, so the freeze
 * override lifts both, and both are judged at the same instant.
 */
export function freezeGate(
  facts: Pick<PreflightFacts, 'now'>,
  config: PreflightConfig,
  stage?: Stage,
): GateResult {
  const decision = evaluateFreeze(facts.now, config.freeze ?? [], config.timezone);
  const allow = stage?.allow ? judgeAllow(stage, facts.now) : undefined;
  if (!allow) {
    if (!decision.frozen)
      return result('freeze', 'pass', `${decision.localTime}, no freeze window`);
    return result('freeze', 'fail', `${decision.localTime}: inside ${decision.description}`);
  }
  const frozen = decision.frozen
    ? `${decision.localTime}: inside ${decision.description}`
    : undefined;
  if (frozen || !allow.open)
    return result(
      'freeze',
      'fail',
      [frozen, allow.open ? '' : allow.text].filter(Boolean).join('; '),
    );
  const windows = config.freeze?.length ? `${decision.localTime}, no freeze window; ` : '';
  return result('freeze', 'pass', `${windows}${allow.text}`);
}
