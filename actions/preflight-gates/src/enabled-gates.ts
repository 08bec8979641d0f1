import type { Stage } from '@promote/core/config/resolve';
import type { PreflightConfig } from '@promote/core/config/sections/preflight';
import { configuredGates, type Gate } from '@promote/core/gates/evaluate';

/**
 * The gates a config runs: enabled ones, and freeze only with at least one window (a freeze
 * window, or an allow window of the stage the PR promotes into).
 */
export function enabledGates(pf: PreflightConfig, stage?: Pick<Stage, 'allow'>): Gate[] {
  return configuredGates(pf, stage).filter((g) =>
    g === 'freeze'
      ? (pf.freeze?.length ?? 0) > 0 || stage?.allow !== undefined
      : (pf[g] as { enabled: boolean }).enabled,
  );
}
