import type { PreflightConfig } from '../config/sections/preflight.js';
import type { BranchProtection } from '../github/branch-rules.js';
import type { PreflightFacts } from './facts.js';
import { cannotEvaluate, result, type GateResult } from './types.js';

/** "branch protection rule", "ruleset" or "branch protection rule and ruleset". */
function describeSources(p: BranchProtection): string {
  return p.sources.join(' and ');
}

/**
 * branch-protection: a green check on an unprotected branch protects nothing, so success is
 * refused there unless the config says `allow-unprotected: true` (then it warns). Protection is
 * a classic branch protection rule or a ruleset (or both); the report says which.
 */
export function branchProtectionGate(
  facts: Pick<PreflightFacts, 'branch' | 'checkName' | 'productionBranch'>,
  config: PreflightConfig,
): GateResult {
  const g = config['branch-protection']!;
  const b = facts.productionBranch;
  if (!facts.branch.ok)
    return cannotEvaluate('branch-protection', facts.branch.error, g['on-error']);
  const protection = facts.branch.value;
  const unprotected = g['allow-unprotected'] ? 'warn' : 'fail';
  const unreadable = protection.unreadable?.length
    ? ` Not readable (another source protects): ${protection.unreadable.join('; ')}.`
    : '';
  if (!protection.protected)
    return result('branch-protection', unprotected, `${b} is not protected`, {
      details: `Neither a branch protection rule nor a ruleset protects ${b}: add one that requires \`${facts.checkName}\`.`,
    });
  if (!protection.requiredChecks.includes(facts.checkName)) {
    return result(
      'branch-protection',
      unprotected,
      `${b} is protected (${describeSources(protection)}) but does not require ${facts.checkName}`,
      {
        details: `Required checks on ${b}: ${protection.requiredChecks.join(', ') || 'none'}. Add \`${facts.checkName}\` in the branch protection rule (or ruleset).${unreadable}`,
      },
    );
  }
  return result(
    'branch-protection',
    'pass',
    `${b} protected (${describeSources(protection)}), requires ${facts.checkName}`,
    unreadable ? { details: unreadable.trim() } : {},
  );
}
