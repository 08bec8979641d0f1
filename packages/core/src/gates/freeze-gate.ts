import type { PreflightConfig } from '../config/sections/preflight.js';
import { evaluateFreeze } from '../freeze.js';
import type { PreflightFacts } from './facts.js';
import { result, type GateResult } from './types.js';

/** freeze: is now (the merge time on merge_group) inside a weekly window or a date range? */
export function freezeGate(
  facts: Pick<PreflightFacts, 'now'>,
  config: PreflightConfig,
): GateResult {
  const decision = evaluateFreeze(facts.now, config.freeze ?? [], config.timezone);
  if (!decision.frozen) return result('freeze', 'pass', `${decision.localTime}, no freeze window`);
  return result('freeze', 'fail', `${decision.localTime}: inside ${decision.description}`);
}
