import { untrusted } from '@promote/core/untrusted-text';
import { checkProduction, type SmokeOutcome } from './check-production.js';
import { concludeSeal } from './conclude.js';
import type { Deps } from './deps.js';
import { prepareSeal, type SealRun } from './prepare-seal.js';
import { recordSeal } from './record-seal.js';
import { renderSmokePlan } from './plan.js';
import { planRollback, rollbackDispatch, type RollbackPlan } from './rollback.js';
import { decideSeal, renderSeal, resultsJson } from './seal.js';

/** Plan, check production, record the seal where people look, then say what it means. */
export async function sealProduction(
  deps: Deps,
  shaInput: string | undefined,
  branch?: string,
): Promise<void> {
  const run = await prepareSeal(deps, shaInput, branch);
  if (!run) return;
  if (run.inputs.dryRun) return reportDryRun(deps, run);
  const rollback = planRollback(
    run.config,
    run.inputs,
    run.config.app?.name,
    run.config.stage?.name,
  );
  const outcome = await checkProduction(deps, run);
  if (run.inputs.mode === 'baseline') return reportBaseline(deps, run, outcome);
  await publishSeal(deps, run, rollback, outcome);
}

async function reportDryRun(deps: Deps, run: SealRun): Promise<void> {
  const text = renderSmokePlan(run.plan, run.masker.mask).join('\n');
  deps.logger.info(`Dry run: nothing is requested, run or written. The plan:\n${text}`);
  await deps.io.appendSummary(
    `## Production smoke seal: dry run\n\nNothing was requested, run or written. The plan:\n\n${untrusted(text, 'block')}\n`,
  );
}

/** mode: baseline measures production before the deploy and records nothing. */
async function reportBaseline(deps: Deps, run: SealRun, outcome: SmokeOutcome): Promise<void> {
  const { io, logger } = deps;
  const report = decideSeal(run.sha, outcome.checks, outcome.watch);
  io.setOutput('seal', report.seal);
  io.setOutput('results', resultsJson(report));
  io.setOutput('summary', '');
  await io.appendSummary(
    `### Production smoke baseline\n\np95 ${report.p95Ms ?? '–'} ms over ${outcome.checks.length} checks (pass this run's \`results\` output as \`baseline\` after the deploy).`,
  );
  logger.info(
    `Baseline measured: p95 ${report.p95Ms ?? '–'} ms. Nothing recorded (mode: baseline).`,
  );
}

/** The seal in the outputs, everywhere the config records it, and the job summary; then the verdict. */
async function publishSeal(
  deps: Deps,
  run: SealRun,
  rollback: RollbackPlan,
  outcome: SmokeOutcome,
): Promise<void> {
  const { io } = deps;
  const { masker, sha } = run;
  const failedNames = outcome.checks.filter((c) => !c.ok).map((c) => c.name);
  const dispatch = rollbackDispatch(rollback, run.ctx, sha, failedNames);
  const report = decideSeal(sha, outcome.checks, outcome.watch, dispatch.command);
  const markdown = masker.mask(renderSeal(report, run.plan.watch));
  io.setOutput('seal', report.seal);
  io.setOutput('results', masker.mask(resultsJson(report)));
  io.setOutput('summary', markdown);

  const targets = await recordSeal(report, markdown, {
    smoke: run.config.smoke,
    notify: run.config.notify,
    inputs: run.inputs,
    ctx: run.ctx,
    env: deps.env,
    logger: deps.logger,
    masker,
    dispatch: { workflow: rollback.workflow, ref: rollback.ref, inputs: dispatch.inputs },
    github: run.github,
    fetch: deps.fetch,
  });
  const recorded = targets.map((t) => `- ${t.ok ? '✓' : '!'} ${t.name}: ${t.detail}`).join('\n');
  await io.appendSummary(
    `${markdown}\n\n<details><summary>Where the seal was recorded</summary>\n\n${masker.mask(recorded)}\n\n</details>\n`,
  );
  concludeSeal(deps, run, { report, targets, command: dispatch.command });
}
