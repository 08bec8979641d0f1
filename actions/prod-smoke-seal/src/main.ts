import { loadConfig } from '@promote/core/config/load';
import { readRunContext } from '@promote/core/context';
import { defaultActionDeps, runMain, type ActionDeps } from '@promote/core/action';
import { guardEvent } from '@promote/core/event-guard';
import { createExec } from '@promote/core/exec';
import { createGitHubClient, type GitHubClient } from '@promote/core/github/client';
import { untrusted } from '@promote/core/untrusted-text';
import { createSecretMasker } from '@promote/core/secrets';
import { readInputs } from './inputs.js';
import { planSmoke, renderSmokePlan } from './plan.js';
import { recordSeal } from './record-seal.js';
import { runSmoke } from './run-smoke.js';
import { decideSeal, renderSeal, resultsJson } from './seal.js';
import { waitUntilLive } from './wait-until-live.js';
import { planRollback, rollbackDispatch } from './rollback.js';
import { SMOKE_SEAL_EVENTS } from './event-policy.js';

/** The action's collaborators: core's ActionDeps (io, logger, env, clock, github?, exec?, fetch?). */
export type Deps = ActionDeps;
export const defaultDeps = defaultActionDeps;

export async function run(deps: Deps = defaultDeps()): Promise<void> {
  await runMain('prod-smoke-seal', () => smokeSeal(deps), deps);
}

async function smokeSeal(deps: Deps): Promise<void> {
  const { io, logger, env } = deps;
  // Before anything else: a seal only on a commit production runs (issue #16); the production
  // branch is judged again once the config is read.
  const shaInput = io.getInput('sha') || undefined;
  if (!(await guardEvent(deps, SMOKE_SEAL_EVENTS, { sha: shaInput }))) return;
  const inputs = readInputs(io);
  const ctx = readRunContext(env);
  const masker = createSecretMasker(logger);
  if (inputs.token) masker.register(inputs.token, 'the token input');
  const config = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    overrides: { 'smoke.base-url': inputs.baseUrl, 'smoke.on-failure': inputs.onFailure },
    inputNames: { 'smoke.base-url': 'base-url', 'smoke.on-failure': 'on-failure' },
    logger,
  });
  const event = await guardEvent(
    deps,
    SMOKE_SEAL_EVENTS,
    { sha: shaInput, productionBranch: config.branches.production },
    { announce: false },
  );
  if (!event) return;
  const smoke = config.smoke;
  // Everything that can be wrong with the config fails here, before any request.
  // A baseline is one pre-deploy measurement, never a window.
  const watch = inputs.mode === 'baseline' ? false : inputs.watch;
  const plan = planSmoke(smoke, { env, masker, ...(watch !== undefined ? { watch } : {}) });
  if (inputs.dryRun) {
    const text = renderSmokePlan(plan, masker.mask).join('\n');
    logger.info(`Dry run: nothing is requested, run or written. The plan:\n${text}`);
    await io.appendSummary(
      `## Production smoke seal: dry run\n\nNothing was requested, run or written. The plan:\n\n${untrusted(text, 'block')}\n`,
    );
    return;
  }
  // The commit production runs: a merged PR's merge commit, never its head
  // (merge_commit_sha: https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request).
  const sha = inputs.sha ?? event.sha ?? ctx.sha;
  const rollback = planRollback(config, inputs);
  const exec = deps.exec ?? createExec({ logger, masker, env });

  let client: GitHubClient | undefined;
  const github = (): GitHubClient =>
    (client ??= deps.github ?? createGitHubClient({ token: inputs.token ?? '', logger, env }));

  // A baseline is measured before the deploy: nothing to wait for.
  const live =
    plan.live && inputs.mode === 'seal'
      ? await waitUntilLive(plan.live, sha, {
          clock: deps.clock,
          logger,
          mask: masker.mask,
          github,
          repo: { owner: ctx.owner, repo: ctx.repo },
          ...(inputs.deploymentId !== undefined ? { ownDeploymentId: inputs.deploymentId } : {}),
        })
      : undefined;

  const what = `${plan.checks.length} HTTP check${plan.checks.length === 1 ? '' : 's'}${plan.commands.length ? ` and ${plan.commands.length} command check${plan.commands.length === 1 ? '' : 's'}` : ''}`;
  const smoked =
    live?.ok === false
      ? { checks: [] }
      : await logger.group(
          `Smoke checks against production (${what}, ${plan.concurrency} at a time)`,
          () =>
            runSmoke(plan, {
              clock: deps.clock,
              exec,
              mask: masker.mask,
              workspace: ctx.workspace,
              ...(inputs.baseline?.p95Ms !== undefined
                ? { baseline: { p95Ms: inputs.baseline.p95Ms, source: 'baseline input' } }
                : smoke.watch?.baseline?.['p95-ms'] !== undefined
                  ? {
                      baseline: {
                        p95Ms: smoke.watch.baseline['p95-ms'],
                        source: 'smoke.watch.baseline',
                      },
                    }
                  : {}),
              onProgress: (line) => logger.info(masker.mask(line)),
            }),
        );
  // Production never served the SHA: checking it would seal the old version, so nothing else runs.
  const outcome = { ...smoked, checks: [...(live ? [live] : []), ...smoked.checks] };
  for (const c of outcome.checks) logger.info(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.reason}`);

  if (inputs.mode === 'baseline') {
    const report = decideSeal(sha, outcome.checks, outcome.watch);
    io.setOutput('seal', report.seal);
    io.setOutput('results', resultsJson(report));
    io.setOutput('summary', '');
    await io.appendSummary(
      `### Production smoke baseline\n\np95 ${report.p95Ms ?? '–'} ms over ${outcome.checks.length} checks (pass this run's \`results\` output as \`baseline\` after the deploy).`,
    );
    logger.info(
      `Baseline measured: p95 ${report.p95Ms ?? '–'} ms. Nothing recorded (mode: baseline).`,
    );
    return;
  }

  const failedNames = outcome.checks.filter((c) => !c.ok).map((c) => c.name);
  const { inputs: dispatchInputs, command } = rollbackDispatch(rollback, ctx, sha, failedNames);
  const report = decideSeal(sha, outcome.checks, outcome.watch, command);
  const markdown = masker.mask(renderSeal(report, plan.watch));

  io.setOutput('seal', report.seal);
  io.setOutput('results', masker.mask(resultsJson(report)));
  io.setOutput('summary', markdown);

  const targets = await recordSeal(report, markdown, {
    smoke,
    notify: config.notify,
    inputs,
    ctx,
    env,
    logger,
    masker,
    dispatch: { workflow: rollback.workflow, ref: rollback.ref, inputs: dispatchInputs },
    github,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  const recorded = targets.map((t) => `- ${t.ok ? '✓' : '!'} ${t.name}: ${t.detail}`).join('\n');
  await io.appendSummary(
    `${markdown}\n\n<details><summary>Where the seal was recorded</summary>\n\n${masker.mask(recorded)}\n\n</details>\n`,
  );

  const unrecorded = unrecordedSeal(report.seal, targets);
  if (report.seal === 'green') {
    logger.notice(`Smoke seal GREEN: ${report.headline}`);
    // A seal GitHub does not show gates nothing (a required status stays pending): not a success.
    if (unrecorded) io.setFailed(masker.mask(unrecorded));
    return;
  }
  if (unrecorded) logger.error(masker.mask(unrecorded));
  logger.error(`Smoke seal RED: ${report.headline}`);
  logger.info(`To roll production back: ${command}`);
  if (smoke['on-failure'] === 'fail') {
    io.setFailed(`Production smoke checks failed (${report.headline}); roll back with: ${command}`);
  } else if (smoke['on-failure'] === 'rollback') {
    const dispatched = targets.find((t) => t.name === 'rollback dispatch');
    if (dispatched?.ok) {
      logger.warning(`Rollback dispatched: ${dispatched.detail}. Follow it in the Actions tab.`);
    } else {
      // A configured automatic rollback that did not start is a failure, not a warning: production
      // is broken and nobody is restoring it.
      io.setFailed(
        masker.mask(
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
