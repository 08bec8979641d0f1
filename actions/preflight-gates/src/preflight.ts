import { readConfigText } from '@promote/core/config/load';
import type { RunContext } from '@promote/core/context';
import { ConfigurationError } from '@promote/core/errors';
import { reportSkip } from '@promote/core/event-guard';
import { readEvent } from '@promote/core/events';
import {
  applyOverride,
  changedGateFiles,
  collectFacts,
  createBaseScripts,
  evaluateGates,
  gateFilePaths,
  missingReports,
  readCiRuns,
  readPullRequest,
  type GateResult,
} from '@promote/core/gates/index';
import { upsertIssueComment } from '@promote/core/github/comments';
import type { CheckAnnotation } from '@promote/core/report';
import { loadBaseConfig } from './base-config.js';
import { gateChangesNote, renderGateChanges } from './gate-changes.js';
import { readInputs, REPORT_INPUTS } from './inputs.js';
import type { Deps } from './main.js';
import { readOverride } from './override.js';
import { renderAudit, renderLog, renderSummary, renderText, verdictOf } from './render.js';
import { reportSetupProblem } from './setup-problem.js';
import { resolveTarget } from './target.js';
import { writeCheck } from './write-check.js';

// Each batch of 50 is one request; past this many a reader cannot use them anyway.
const MAX_ANNOTATIONS = 500;

export async function runPreflight(deps: Deps, ctx: RunContext): Promise<void> {
  const { io, logger, clock } = deps;
  const inputs = readInputs(io);
  const event = readEvent(deps.env);
  const target = resolveTarget(event, inputs);
  if ('skip' in target) {
    // main.ts's event guard skips these first; a skip never reports a pass.
    await reportSkip(deps, 'preflight-gates', target.skip);
    io.setOutput('result', 'skipped');
    io.setOutput('failed-gates', '[]');
    return;
  }

  const github = deps.github(inputs.token);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const pr = await readPullRequest(github, repo, target.pullNumber);
  const headSha = target.reportSha ?? pr.headSha;
  const base = { ref: pr.baseRef, sha: pr.baseSha };
  logger.info(
    `Evaluating PR #${pr.number} (${pr.headRef} -> ${pr.baseRef}) at ${headSha.slice(0, 12)} on ${target.event}.`,
  );

  // Everything the user must fix is found before the first write. The config is the base
  // branch's (issue #16): the PR's own copy is judged, never obeyed.
  const inputNames = Object.fromEntries(
    Object.entries(REPORT_INPUTS).map(([input, path]) => [path, input]),
  );
  const loaded = await loadBaseConfig({
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
  if (!loaded.ok) {
    await reportSetupProblem(
      deps,
      ctx,
      { inputs, github, repo, pr, headSha, base },
      loaded.problem,
    );
    return;
  }
  const { config } = loaded;
  logger.info(
    `Config: ${inputs.config} from ${base.ref} at ${base.sha.slice(0, 12)}; gates: ${loaded.gates.join(', ')}.`,
  );
  const pf = config.preflight;
  const missing = await missingReports(pf, ctx.workspace);
  const strict = missing.filter((p) => !warnOnly(pf, p));
  if (strict.length) {
    throw new ConfigurationError(
      `preflight-gates: report file${strict.length > 1 ? 's' : ''} not found in ${ctx.workspace}: ${strict.join(', ')}. ` +
        'Download the artifact that holds it before this step, or fix the path in promotion.yml (or the input that sets it).',
    );
  }
  for (const p of missing.filter((x) => !strict.includes(x)))
    logger.warning(`Report file ${p} not found; its gate reports a warning (on-error: warn).`);

  if (pr.baseRef !== config.branches.production) {
    logger.warning(
      `PR #${pr.number} targets ${pr.baseRef}, not the production branch ${config.branches.production}; evaluating anyway.`,
    );
  }

  const gateFiles = gateFilePaths(inputs.config, pf);
  const scripts = await createBaseScripts({
    github,
    repo,
    base,
    headSha: pr.headSha,
    ...(deps.env.RUNNER_TEMP ? { tempRoot: deps.env.RUNNER_TEMP } : {}),
  });
  const [override, facts] = await Promise.all([
    readOverride(github, repo, pr, pf, {
      ...(inputs.overrideReason !== undefined ? { inputReason: inputs.overrideReason } : {}),
      ...(target.dispatchActor !== undefined ? { dispatchActor: target.dispatchActor } : {}),
      now: clock.now(),
    }),
    collectFacts(
      {
        github,
        repo,
        exec: deps.exec,
        clock,
        workspace: ctx.workspace,
        checkName: inputs.checkName,
        productionBranch: config.branches.production,
        resolveCommand: (argv) => scripts.resolve(argv),
        gateFiles,
      },
      pr,
      pf,
    ).finally(() => scripts.dispose()),
  ]);
  if (scripts.taken.size > 0)
    logger.info(`Gate commands ran ${[...scripts.taken].join(', ')} as ${base.ref} has them.`);
  const gateChanges = facts.files.ok ? changedGateFiles(facts.files.value.files, gateFiles) : [];
  if (inputs.overrideReason && target.event !== 'workflow_dispatch') {
    logger.warning(
      'override-reason is honoured on workflow_dispatch only; on pull requests use the label and an Override-Reason: line.',
    );
  }
  const evaluated = await evaluateGates(facts, pf, {
    clock,
    readCiRuns: () => readCiRuns(github, repo, pr.headSha),
    ownWorkflow: ctx.workflow,
  });
  const results: GateResult[] = applyOverride(
    evaluated,
    override.state === 'granted' ? override.request : undefined,
    pf,
  );
  const verdict = verdictOf(results, override);

  logger.info(`${verdict.title}\n${renderLog(results, override)}`);
  const annotations: CheckAnnotation[] = results.flatMap((r) => r.annotations);
  const note =
    [
      gateChangesNote(gateChanges, base),
      annotations.length > MAX_ANNOTATIONS
        ? `_${annotations.length} annotations; the first ${MAX_ANNOTATIONS} are attached._`
        : '',
    ]
      .filter(Boolean)
      .join('\n\n') || undefined;
  const summary = renderSummary(results, override, verdict, note);
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

function warnOnly(
  pf: import('@promote/core/config/sections/preflight').PreflightConfig,
  path: string,
): boolean {
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
