import type { PreflightConfig } from '../config/sections/preflight.js';
import type { GateResult } from './types.js';

/** Who asked for an emergency override, when and why (the audit record). */
export interface OverrideRequest {
  actor: string;
  at: string;
  reason: string;
  /** 'label "emergency-override"' or 'workflow_dispatch input'. */
  via: string;
}

/**
 * An override turns failures of the liftable gates (time and size: freeze, change-size by
 * default; backup, drift, ci when configured) into warnings that carry the audit. Secrets,
 * findings, tests, approvals, branch protection and custom commands are never lifted: the
 * schema refuses them in `override.lifts`. The migrations gate is lifted per rule: only when
 * every rule that fails it is in `preflight.migrations.override-lifts` (it sets `liftable`).
 */
export function applyOverride(
  results: GateResult[],
  override: OverrideRequest | undefined,
  config: PreflightConfig,
): GateResult[] {
  if (!override) return results;
  const lifts = new Set<string>(config.override.lifts);
  return results.map((r) => {
    if (r.row.status !== 'fail' || !(lifts.has(r.gate) || r.liftable)) return r;
    return {
      ...r,
      overridden: true,
      row: {
        ...r.row,
        status: 'warn',
        summary: `${r.row.summary} (overridden by ${override.actor}: ${override.reason.slice(0, 120)})`,
      },
    };
  });
}
