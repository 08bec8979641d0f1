import type { Deps } from './deps.js';
import type { TargetOutcome } from './record-seal.js';
import type { SealRun } from './prepare-seal.js';
import type { SealReport } from './seal.js';

/**
 * What the recorded seal means for the step: green passes (unless GitHub does not show it), red
 * alerts, fails the step or reports the rollback it dispatched, as smoke.on-failure says.
 */
export function concludeSeal(
  deps: Deps,
  run: SealRun,
  sealed: { report: SealReport; targets: TargetOutcome[]; command: string },
): void {
  const { io, logger } = deps;
  const { report, targets, command } = sealed;
  const { mask } = run.masker;
  const unrecorded = unrecordedSeal(report.seal, targets);
  if (report.seal === 'green') {
    logger.notice(`Smoke seal GREEN: ${report.headline}`);
    // A seal GitHub does not show gates nothing (a required status stays pending): not a success.
    if (unrecorded) io.setFailed(mask(unrecorded));
    return;
  }
  if (unrecorded) logger.error(mask(unrecorded));
  logger.error(`Smoke seal RED: ${report.headline}`);
  logger.info(`To roll production back: ${command}`);
  const onFailure = run.config.smoke['on-failure'];
  if (onFailure === 'fail') {
    io.setFailed(`Production smoke checks failed (${report.headline}); roll back with: ${command}`);
  } else if (onFailure === 'rollback') {
    const dispatched = targets.find((t) => t.name === 'rollback dispatch');
    if (dispatched?.ok) {
      logger.warning(`Rollback dispatched: ${dispatched.detail}. Follow it in the Actions tab.`);
    } else {
      // A configured automatic rollback that did not start is a failure, not a warning: production
      // is broken and nobody is restoring it.
      io.setFailed(
        mask(
          `Smoke seal RED and the automatic rollback did NOT start: ${dispatched?.detail ?? 'not dispatched'}. Roll back by hand now: ${command}`,
        ),
      );
    }
  }
}

/** Where GitHub shows the seal: a target failing here leaves the seal unseen by people and rules. */
const GITHUB_SEAL_TARGETS = new Set([
  'commit status',
  'deployment status',
  'release body',
  'issue',
]);

/** The failure message when the seal is missing from a GitHub target: what is done, what to re-run. */
export function unrecordedSeal(
  seal: string,
  targets: Array<{ name: string; ok: boolean; detail: string }>,
): string | undefined {
  const missing = targets.filter((t) => !t.ok && GITHUB_SEAL_TARGETS.has(t.name));
  if (!missing.length) return undefined;
  const recorded = targets.filter((t) => t.ok).map((t) => t.name);
  return (
    `The smoke seal is ${seal.toUpperCase()}, but it could not be recorded in the ` +
    `${missing.map((t) => `${t.name} (${t.detail})`).join(', ')}. ` +
    `Done: ${recorded.length ? `the seal is recorded in the ${recorded.join(', ')}` : 'nothing was recorded'}. ` +
    'Re-run this job to record it (the smoke checks run again; statuses and the release section are written in place).'
  );
}
