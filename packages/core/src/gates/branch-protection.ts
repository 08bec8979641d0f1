import type { PreflightConfig } from '../config/sections/preflight.js';
import type { PreflightFacts } from './facts.js';
import { cannotEvaluate, result, type GateResult } from './types.js';

/**
 * branch-protection: a green check on an unprotected branch protects nothing, so success is
 * refused there unless the config says `allow-unprotected: true` (then it warns).
 */
export function branchProtectionGate(
  facts: Pick<PreflightFacts, 'branch' | 'checkName' | 'productionBranch'>,
  config: PreflightConfig,
): GateResult {
  const g = config['branch-protection']!;
  const b = facts.productionBranch;
  if (!facts.branch.ok)
    return cannotEvaluate('branch-protection', facts.branch.error, g['on-error']);
  const unprotected = g['allow-unprotected'] ? 'warn' : 'fail';
  if (!facts.branch.value.protected)
    return result('branch-protection', unprotected, `${b} is not protected`);
  if (!facts.branch.value.requiredChecks.includes(facts.checkName)) {
    return result(
      'branch-protection',
      unprotected,
      `${b} is protected but does not require ${facts.checkName}`,
      {
        details: `Required checks on ${b}: ${facts.branch.value.requiredChecks.join(', ') || 'none'}. Add \`${facts.checkName}\` in the branch protection rule (or ruleset).`,
      },
    );
  }
  return result('branch-protection', 'pass', `${b} protected, requires ${facts.checkName}`);
}
