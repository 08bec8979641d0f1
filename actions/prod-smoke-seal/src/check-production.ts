import type { CheckResult } from './http-check.js';
import type { Deps } from './deps.js';
import { runSmoke } from './run-smoke.js';
import type { SealRun } from './prepare-seal.js';
import { waitUntilLive } from './wait-until-live.js';
import type { Baseline, WatchOutcome } from './watch.js';

export interface SmokeOutcome {
  /** The wait-for-live row first (when configured), then every smoke check. */
  checks: CheckResult[];
  watch?: WatchOutcome;
}

/**
 * Waits until production serves the SHA (seal mode only: a baseline is measured before the
 * deploy), then runs the smoke checks. Production that never served the SHA is not checked:
 * checking it would seal the old version.
 */
export async function checkProduction(deps: Deps, run: SealRun): Promise<SmokeOutcome> {
  const { logger, clock } = deps;
  const { plan, inputs, masker } = run;
  const live =
    plan.live && inputs.mode === 'seal'
      ? await waitUntilLive(plan.live, run.sha, {
          clock,
          logger,
          mask: masker.mask,
          github: run.github,
          repo: { owner: run.ctx.owner, repo: run.ctx.repo },
          ...(inputs.deploymentId !== undefined ? { ownDeploymentId: inputs.deploymentId } : {}),
        })
      : undefined;
  const baseline = baselineOf(run);
  const smoked =
    live?.ok === false
      ? { checks: [] }
      : await logger.group(
          `Smoke checks against production (${describeChecks(run)}, ${plan.concurrency} at a time)`,
          () =>
            runSmoke(plan, {
              clock,
              exec: deps.exec,
              mask: masker.mask,
              workspace: run.ctx.workspace,
              ...(baseline ? { baseline } : {}),
              onProgress: (line) => logger.info(masker.mask(line)),
            }),
        );
  const outcome = { ...smoked, checks: [...(live ? [live] : []), ...smoked.checks] };
  for (const c of outcome.checks) logger.info(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.reason}`);
  return outcome;
}

/** The latency the watch compares against: the baseline input, else smoke.watch.baseline. */
function baselineOf(run: SealRun): Baseline | undefined {
  const given = run.inputs.baseline?.p95Ms;
  if (given !== undefined) return { p95Ms: given, source: 'baseline input' };
  const configured = run.config.smoke.watch?.baseline?.['p95-ms'];
  if (configured !== undefined) return { p95Ms: configured, source: 'smoke.watch.baseline' };
  return undefined;
}

/** "3 HTTP checks and 1 command check". */
function describeChecks(run: SealRun): string {
  const { checks, commands } = run.plan;
  const http = `${checks.length} HTTP check${checks.length === 1 ? '' : 's'}`;
  if (!commands.length) return http;
  return `${http} and ${commands.length} command check${commands.length === 1 ? '' : 's'}`;
}
