import type { RunContext } from '@promote/core/context';
import { ConfigurationError } from '@promote/core/errors';
import { renderMarkdownTable, renderPlainTable, type ResultRow } from '@promote/core/report';
import { untrusted } from '@promote/core/untrusted-text';
import type { Deps } from './deps.js';
import { readInputs } from './inputs.js';
import { loadConfig } from '@promote/core/config/load';
import { sanitizePromotionName } from './name.js';
import { gatherFacts, lastAssignedReviewer } from './facts.js';
import { planPromotion } from './plan.js';
import { pickReviewer, readReviewerMarker, formatReviewer, type RotationPick } from './rotation.js';
import { mergeBody, type BodyInput } from './body.js';
import { readAudit, readMigrations } from './excerpts.js';
import { promotionRollbackCommand } from './rollback.js';
import { DEFAULT_TOKEN_WARNING, isDefaultGithubToken } from './token.js';
import { applyPlan } from './apply.js';
import { runPreOpenGates } from './gates.js';

/** Reads, plans, checks, then writes: every refusal (bad input, failing gate) comes before any write. */
export async function openPromotion(deps: Deps, ctx: RunContext): Promise<void> {
  const { io, logger } = deps;
  const inputs = readInputs(io);
  const config = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    logger,
  });
  const promote = config.promote;
  const name = sanitizePromotionName(inputs.name ?? promote.name);
  if (name.slug !== name.given)
    logger.info(`Promotion name "${name.given}" becomes "${name.slug}" in branch names.`);
  if (isDefaultGithubToken(inputs.token, inputs.githubToken)) logger.warning(DEFAULT_TOKEN_WARNING);

  const gh = deps.github(inputs.token);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const production = inputs.productionBranch ?? config.branches.production;
  const staging = inputs.stagingBranch ?? config.branches.staging;
  const facts = await gatherFacts({
    gh,
    repo,
    config: promote,
    name,
    productionBranch: production,
    stagingBranch: staging,
    now: deps.clock.now(),
  });
  const plan = planPromotion(facts, { config: promote });

  io.setOutput('head-sha', facts.staging.sha);
  if (plan.operation === 'none') {
    logger.info(plan.message);
    io.setOutput('operation', 'none');
    io.setOutput('branch', '');
    io.setOutput('pr-number', '');
    io.setOutput('pr-url', '');
    await io.appendSummary(
      `## Promotion ${untrusted(name.given, 'inline')}\n\n${untrusted(plan.message, 'inline')}\n`,
    );
    return;
  }

  // The reviewer stays with the PR: an update keeps the one recorded in its body.
  const kept = plan.pr ? readReviewerMarker(plan.pr.body) : undefined;
  const rotation: RotationPick = kept
    ? { reviewer: kept, skipped: [] }
    : pickReviewer({
        config: promote.reviewers,
        last: await lastAssignedReviewer(gh, repo, promote['branch-prefix']),
        authors: [ctx.actor, ...facts.lastCommitters],
      });

  const gateResults = await runPreOpenGates({
    config,
    facts,
    gh,
    repo,
    exec: deps.exec,
    clock: deps.clock,
    workspace: ctx.workspace,
    override: inputs.overrideReason
      ? { actor: ctx.actor, reason: inputs.overrideReason }
      : undefined,
  });
  const gateRows: ResultRow[] = gateResults.map((r) => r.row);
  if (gateRows.length) logger.info(renderPlainTable(gateRows));
  const failed = gateRows.filter((r) => r.status === 'fail');
  if (failed.length > 0) {
    await io.appendSummary(
      `## Promotion ${untrusted(name.given, 'inline')} refused\n\n${renderMarkdownTable(gateRows)}\n`,
    );
    const names = failed.map((r) => r.name).join(', ');
    throw new ConfigurationError(
      inputs.overrideReason
        ? `open-promote-pr: pre-open gate${failed.length === 1 ? '' : 's'} ${names} failed and cannot be overridden (preflight.override.lifts does not list ${failed.length === 1 ? 'it' : 'them'}); nothing was written. Fix what the table shows.`
        : `open-promote-pr: ${failed.length} pre-open gate${failed.length === 1 ? '' : 's'} failed (${names}); nothing was written. ` +
            'Fix what the table shows, or re-run with an `override-reason` (recorded in the PR) if this promotion must go out anyway.',
    );
  }
  const lifted = gateResults.filter((r) => r.overridden);
  const override =
    lifted.length > 0 && inputs.overrideReason
      ? { reason: inputs.overrideReason, actor: ctx.actor }
      : undefined;
  if (override)
    logger.warning(
      `Pre-open gates ${lifted.map((r) => r.row.name).join(', ')} failed; overridden by @${ctx.actor}: ${override.reason}`,
    );

  const bodyInput: BodyInput = {
    owner: ctx.owner,
    repo: ctx.repo,
    serverUrl: ctx.serverUrl,
    name: name.given,
    branch: plan.branch,
    production: facts.production,
    staging: facts.staging,
    aheadBy: facts.aheadBy,
    commits: facts.commits,
    files: facts.files,
    filesMaybeTruncated: facts.filesMaybeTruncated,
    areas: promote.areas,
    gateRows: gateRows.length ? gateRows : undefined,
    override,
    migrations: await readMigrations(promote, {
      exec: deps.exec,
      workspace: ctx.workspace,
      addedFiles: facts.addedFiles,
    }),
    audit: await readAudit(promote, { exec: deps.exec, workspace: ctx.workspace }),
    rollbackCommand: promotionRollbackCommand({
      owner: ctx.owner,
      repo: ctx.repo,
      production,
      workflow: promote['rollback-workflow'],
      name: name.slug,
    }),
    checklist: promote.checklist,
    rotation,
    runUrl: ctx.runUrl,
    actor: ctx.actor,
  };
  const body = mergeBody(plan.pr?.body, bodyInput);

  if (inputs.dryRun) {
    logger.info(`Dry run: ${plan.message}`);
    logger.info(
      `Dry run: would ${plan.operation} a PR from ${plan.branch} into ${production}${rotation.reviewer ? ` and request ${formatReviewer(rotation.reviewer, ctx.owner)}` : ''}.`,
    );
    io.setOutput('operation', 'none');
    io.setOutput('branch', plan.branch);
    io.setOutput('pr-number', plan.pr ? String(plan.pr.number) : '');
    io.setOutput('pr-url', plan.pr?.url ?? '');
    await io.appendSummary(
      `## Promotion ${untrusted(name.given, 'inline')} (dry run)\n\n${untrusted(plan.message, 'inline')}\n\n<details><summary>PR body</summary>\n\n${body}\n\n</details>\n`,
    );
    return;
  }

  const applied = await applyPlan({
    gh,
    repo,
    logger,
    plan,
    body,
    production,
    staging,
    config: promote,
    reviewer: rotation.reviewer,
    progress: deps.progress,
    override: override
      ? {
          comment: `**Pre-open gates overridden** by @${ctx.actor} in [this run](${ctx.runUrl}).\n\nReason: ${untrusted(override.reason, 'inline')}\n\n${renderMarkdownTable(gateRows)}`,
        }
      : undefined,
  });

  io.setOutput('pr-number', String(applied.number));
  io.setOutput('pr-url', applied.url);
  io.setOutput('operation', applied.operation);
  io.setOutput('branch', applied.branch);
  io.setOutput('head-sha', applied.headSha);
  const lines = [
    `## Promotion ${untrusted(name.given, 'inline')}: PR [#${applied.number}](${applied.url}) ${applied.operation}`,
    '',
    `- Branch ${untrusted(applied.branch, 'code')} at ${untrusted(applied.headSha.slice(0, 7), 'code')} (${facts.aheadBy} commit${facts.aheadBy === 1 ? '' : 's'} ahead of ${untrusted(production, 'code')})`,
    `- Reviewer: ${rotation.reviewer ? formatReviewer(rotation.reviewer, ctx.owner) : 'none (rotation empty)'}`,
  ];
  for (const old of plan.supersede) lines.push(`- Closed superseded PR #${old.number}`);
  if (gateRows.length) lines.push('', renderMarkdownTable(gateRows));
  await io.appendSummary(`${lines.join('\n')}\n`);
}
