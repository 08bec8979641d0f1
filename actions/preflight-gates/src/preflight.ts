import { readConfigText } from '@promote/core/config/load';
import type { PreflightConfig } from '@promote/core/config/sections/preflight';
import type { RunContext } from '@promote/core/context';
import { ConfigurationError } from '@promote/core/errors';
import { reportSkip } from '@promote/core/event-guard';
import { readEvent } from '@promote/core/events';
import { appNames, changedApps, resolveConfig } from '@promote/core/config/resolve';
// Each gate module by name, not through gates/index: the index would load every gate's parser
// (XML, YAML, JSONPath) at start; evaluateGates loads those gates when configured (issue #18).
import {
  APP_GATES,
  appReads,
  changedNames,
  collectAppFacts,
  onlyAppGates,
  withoutAppGates,
} from '@promote/core/gates/app-gates';
import { createBaseScripts } from '@promote/core/gates/base-scripts';
import {
  attempt,
  collectFacts,
  missingReports,
  readCiRuns,
  readPullRequest,
  readPullRequestFiles,
  type CollectDeps,
} from '@promote/core/gates/collect';
import type { ChangedFile } from '@promote/core/gates/diff';
import { evaluateGates, orderResults, type EvaluateOptions } from '@promote/core/gates/evaluate';
import type { PreflightFacts, PullRequestFacts } from '@promote/core/gates/facts';
import { changedGateFiles, gateFilePaths } from '@promote/core/gates/gate-files';
import { applyOverride } from '@promote/core/gates/override';
import { SOAK_GATE } from '@promote/core/gates/soak';
import { forApp, type GateResult } from '@promote/core/gates/types';
import { upsertIssueComment } from '@promote/core/github/comments';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { Logger } from '@promote/core/logger';
import type { CheckAnnotation } from '@promote/core/report';
import type { BaseConfig, BaseRef } from './base-config.js';
import { enabledGates } from './enabled-gates.js';
import type { Deps } from './deps.js';
import { gateChangesNote, renderGateChanges } from './gate-changes.js';
import { readInputs, REPORT_INPUTS, type Inputs } from './inputs.js';
import { readOverride, type OverrideState } from './override.js';
import { renderAudit, renderLog, renderSummary, renderText, verdictOf } from './render.js';
import { reportSetupProblem } from './setup-problem.js';
import { stageOfPullRequest } from './stage-of-pr.js';
import { resolveApps, stageRows, type Judging } from './stage-rows.js';
import { resolveTarget, type Target } from './target.js';
import { writeCheck } from './write-check.js';

// Each batch of 50 is one request; past this many a reader cannot use them anyway.
const MAX_ANNOTATIONS = 500;

/** The pull request this run judges, read once. */
interface Judged {
  inputs: Inputs;
  target: Target;
  github: GitHubClient;
  repo: RepoRef;
  pr: PullRequestFacts;
  /** Where the check run goes: the PR head, or the merge queue's commit. */
  headSha: string;
  base: BaseRef;
}

/** The gates' results once the override (if any) is applied. */
interface Judgement {
  results: GateResult[];
  override: OverrideState;
  /** Gate files (scripts, reports, the config) the PR changes: judged, never obeyed. */
  gateChanges: ChangedFile[];
}

/** Read the PR, load the base branch's config, judge every gate, report: the check run is the verdict. */
export async function runPreflight(deps: Deps, ctx: RunContext): Promise<void> {
  const inputs = readInputs(deps.io);
  const target = resolveTarget(readEvent(deps.env), inputs);
  if ('skip' in target) {
    // main.ts's event guard skips these first; a skip never reports a pass.
    await reportSkip(deps, 'preflight-gates', target.skip);
    deps.io.setOutput('result', 'skipped');
    deps.io.setOutput('failed-gates', '[]');
    return;
  }
  const judged = await readJudged(deps, ctx, inputs, target);
  // Everything the user must fix is found before the first write.
  const loaded = await loadJudgingConfig(judged, deps.logger);
  if (!loaded.ok) return reportSetupProblem(deps, ctx, judged, loaded.problem);
  const place = stageOfPullRequest(loaded.config, judged.pr);
  // The PR's base branch decides the stage (issue #20): the config as that stage sees it.
  const config = resolveConfig(loaded.config, place.resolveAs ? { stage: place.resolveAs } : {});
  const hasApps = appNames(config).length > 0;
  deps.logger.info(
    `Config: ${inputs.config} from ${judged.base.ref} at ${judged.base.sha.slice(0, 12)}; gates: ${[...enabledGates(config.preflight, place.into), ...(place.from ? [SOAK_GATE] : [])].join(', ')}.`,
  );
  if (place.into)
    deps.logger.info(
      `Stage: ${place.into.name} (${place.into.branch})${place.from ? `, promoted from ${place.from.name}` : ', the first stage'}.`,
    );
  await requireReports(
    deps.logger,
    hasApps ? withoutAppGates(config.preflight) : config.preflight,
    ctx.workspace,
  );
  if (place.warning) deps.logger.warning(place.warning);
  const judgement = await judgeGates(deps, ctx, judged, { file: loaded.config, config, place });
  await reportVerdict(deps, ctx, judged, judgement);
}

async function readJudged(
  deps: Deps,
  ctx: RunContext,
  inputs: Inputs,
  target: Target,
): Promise<Judged> {
  const github = deps.github(inputs.token);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const pr = await readPullRequest(github, repo, target.pullNumber);
  const headSha = target.reportSha ?? pr.headSha;
  deps.logger.info(
    `Evaluating PR #${pr.number} (${pr.headRef} -> ${pr.baseRef}) at ${headSha.slice(0, 12)} on ${target.event}.`,
  );
  return { inputs, target, github, repo, pr, headSha, base: { ref: pr.baseRef, sha: pr.baseSha } };
}

/** The base branch's config (issue #16): the PR's own copy is judged, never obeyed. */
async function loadJudgingConfig(judged: Judged, logger: Logger): Promise<BaseConfig> {
  const { inputs, github, repo, pr, base } = judged;
  // With the YAML parser and the schema: loaded once the PR is read, not at start (issue #18).
  const { loadBaseConfig } = await import('./base-config.js');
  const inputNames = Object.fromEntries(
    Object.entries(REPORT_INPUTS).map(([input, path]) => [path, input]),
  );
  return loadBaseConfig({
    github,
    repo,
    path: inputs.config,
    base,
    overrides: inputs.reportOverrides,
    inputNames,
    logger,
    prHasFile: async () =>
      (await readConfigText({
        kind: 'api',
        github,
        ...repo,
        path: inputs.config,
        ref: pr.headSha,
      })) !== undefined,
  });
}

/** A report file the config names must be in the workspace, unless its gate only warns. */
async function requireReports(
  logger: Logger,
  pf: PreflightConfig,
  workspace: string,
): Promise<void> {
  const missing = await missingReports(pf, workspace);
  const strict = missing.filter((p) => !warnOnly(pf, p));
  if (strict.length) {
    throw new ConfigurationError(
      `preflight-gates: report file${strict.length > 1 ? 's' : ''} not found in ${workspace}: ${strict.join(', ')}. ` +
        'Download the artifact that holds it before this step, or fix the path in promotion.yml (or the input that sets it).',
    );
  }
  for (const p of missing.filter((x) => !strict.includes(x)))
    logger.warning(`Report file ${p} not found; its gate reports a warning (on-error: warn).`);
}

/** Facts read once (gate commands run as the base branch has them), then every gate evaluated. */
async function judgeGates(
  deps: Deps,
  ctx: RunContext,
  judged: Judged,
  judging: Judging,
): Promise<Judgement> {
  const { inputs, target, github, repo, pr, base } = judged;
  const { config, place } = judging;
  const pf = config.preflight;
  const apps = resolveApps(judging);
  const gateFiles = [
    ...new Set(
      [pf, ...apps.map((a) => a.preflight)].flatMap((p) => gateFilePaths(inputs.config, p)),
    ),
  ];
  // Apps: one file list, read once, tells which apps the PR changes and gives each its files.
  const files = apps.length
    ? await attempt('PR files', () => readPullRequestFiles(github, repo, pr))
    : undefined;
  const changed = files?.ok ? changedApps(config, changedNames(files.value.files)) : [];
  const judgedApps = apps.filter((a) => changed.includes(a.app!.name));
  for (const a of judgedApps)
    await requireReports(deps.logger, onlyAppGates(a.preflight), ctx.workspace);
  const repoPf = apps.length ? withoutAppGates(pf) : pf;
  const scripts = await createBaseScripts({
    github,
    repo,
    base,
    headSha: pr.headSha,
    ...(deps.env.RUNNER_TEMP ? { tempRoot: deps.env.RUNNER_TEMP } : {}),
  });
  const collectDeps: CollectDeps = {
    github,
    repo,
    exec: deps.exec,
    clock: deps.clock,
    workspace: ctx.workspace,
    checkName: inputs.checkName,
    productionBranch: config.branches.production,
    resolveCommand: (argv) => scripts.resolve(argv),
    gateFiles,
    migrate: config.migrate,
    env: deps.env,
    ...(files ? { files, alsoRead: appReads(judgedApps.map((a) => a.preflight)) } : {}),
  };
  const collectAll = async () => {
    const facts = await collectFacts(collectDeps, pr, repoPf);
    const compares = new Map<string, Promise<PreflightFacts['compare']>>();
    const appFacts = await Promise.all(
      judgedApps.map((a) =>
        collectAppFacts(
          collectDeps,
          facts,
          { identity: a.app!, preflight: a.preflight, migrate: a.migrate },
          compares,
        ),
      ),
    );
    return { facts, appFacts };
  };
  const [override, { facts, appFacts }] = await Promise.all([
    readOverride(github, repo, pr, pf, {
      ...(inputs.overrideReason !== undefined ? { inputReason: inputs.overrideReason } : {}),
      ...(target.dispatchActor !== undefined ? { dispatchActor: target.dispatchActor } : {}),
      now: deps.clock.now(),
    }),
    collectAll().finally(() => scripts.dispose()),
  ]);
  if (scripts.taken.size > 0)
    deps.logger.info(`Gate commands ran ${[...scripts.taken].join(', ')} as ${base.ref} has them.`);
  if (inputs.overrideReason && target.event !== 'workflow_dispatch') {
    deps.logger.warning(
      'override-reason is honoured on workflow_dispatch only; on pull requests use the label and an Override-Reason: line.',
    );
  }
  const options: EvaluateOptions = {
    clock: deps.clock,
    readCiRuns: () => readCiRuns(github, repo, pr.headSha),
    ownWorkflow: ctx.workflow,
    ...(place.into ? { stage: place.into } : {}),
  };
  const granted = override.state === 'granted' ? override.request : undefined;
  const [evaluated, stageResults, appRows] = await Promise.all([
    evaluateGates(facts, repoPf, options),
    stageRows(github, repo, pr, judging, facts, files, changed),
    Promise.all(
      judgedApps.map(async (a, i) =>
        applyOverride(
          (
            await evaluateGates(appFacts[i]!, onlyAppGates(a.preflight), {
              ...options,
              only: APP_GATES,
            })
          ).map((r) => forApp(r, a.app!.name)),
          granted,
          a.preflight,
        ),
      ),
    ),
  ]);
  return {
    results: orderResults([
      ...applyOverride([...evaluated, ...stageResults], granted, pf),
      ...appRows.flat(),
    ]),
    override,
    gateChanges: facts.files.ok ? changedGateFiles(facts.files.value.files, gateFiles) : [],
  };
}

/** The table in the log and the job summary, the outputs, the check run and the override's audit. */
async function reportVerdict(
  deps: Deps,
  ctx: RunContext,
  judged: Judged,
  judgement: Judgement,
): Promise<void> {
  const { io, logger } = deps;
  const { inputs, github, repo, pr, headSha, base } = judged;
  const { results, override, gateChanges } = judgement;
  const verdict = verdictOf(results, override);
  logger.info(`${verdict.title}\n${renderLog(results, override)}`);
  const annotations: CheckAnnotation[] = results.flatMap((r) => r.annotations);
  const tooMany =
    annotations.length > MAX_ANNOTATIONS
      ? `_${annotations.length} annotations; the first ${MAX_ANNOTATIONS} are attached._`
      : '';
  const note = [gateChangesNote(gateChanges, base), tooMany].filter(Boolean).join('\n\n');
  const summary = renderSummary(results, override, verdict, note || undefined);
  // The diff first: the check run's text is cut at GitHub's limit from the end.
  const text = [renderGateChanges(gateChanges, base), renderText(results, override)]
    .filter(Boolean)
    .join('\n\n');
  await io.appendSummary(`${summary}\n\n${text}`);
  io.setOutput('result', verdict.result);
  io.setOutput('failed-gates', JSON.stringify(verdict.failedGates));

  if (inputs.dryRun) {
    logger.info('dry-run: no check run or comment written.');
    io.setOutput('check-run-id', '');
  } else {
    await writeCheck(
      deps,
      { github, repo, name: inputs.checkName, headSha, runUrl: ctx.runUrl },
      {
        conclusion: verdict.result === 'pass' ? 'success' : 'failure',
        title: verdict.title,
        summary,
        text,
        annotations: annotations.slice(0, MAX_ANNOTATIONS),
      },
    );
    if (override.state !== 'none') {
      const body = `${renderAudit(override, results)}\n\nCheck run \`${inputs.checkName}\` on ${headSha.slice(0, 12)} ([run](${ctx.runUrl})).`;
      await upsertIssueComment(github, repo, pr.number, 'preflight-override', body, logger);
    }
  }
  if (verdict.result === 'fail') io.setFailed(`preflight-gates: ${verdict.title}`);
}

function warnOnly(pf: PreflightConfig, path: string): boolean {
  const owners = [
    pf.findings && [...pf.findings.sarif, ...pf.findings.json].includes(path)
      ? pf.findings['on-error']
      : undefined,
    pf.tests && [...pf.tests.junit, ...pf.tests.lcov, ...pf.tests.cobertura].includes(path)
      ? pf.tests['on-error']
      : undefined,
    pf.approvals && pf.approvals['state-files'].some((s) => s.path === path)
      ? pf.approvals['on-error']
      : undefined,
    pf.backup?.file?.path === path ? pf.backup['on-error'] : undefined,
  ].filter(Boolean);
  return owners.length > 0 && owners.every((o) => o === 'warn');
}
