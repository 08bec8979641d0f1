import type { RunContext } from '@promote/core/context';
import { ConfigurationError } from '@promote/core/errors';
import type { PromotionConfig } from '@promote/core/config/schema';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { renderMarkdownTable, renderPlainTable } from '@promote/core/report';
import { untrusted } from '@promote/core/untrusted-text';
import type { Deps } from './deps.js';
import { readInputs, type Inputs } from './inputs.js';
import { loadConfig } from '@promote/core/config/load';
import { sanitizePromotionName, type PromotionName } from './name.js';
import { gatherFacts, lastAssignedReviewer, type GatheredFacts } from './facts.js';
import { planPromotion } from './plan.js';
import { pickReviewer, readReviewerMarker, type RotationPick } from './rotation.js';
import { mergeBody } from './body.js';
import { readAudit, readMigrations } from './excerpts.js';
import { promotionRollbackCommand } from './rollback.js';
import { DEFAULT_TOKEN_WARNING, isDefaultGithubToken } from './token.js';
import { applyPlan, type ActivePlan, type AppliedPromotion } from './apply.js';
import { runPreOpenGates } from './gates.js';
import { judgePreOpenGates, type GateVerdict } from './gate-verdict.js';
import { reportApplied, reportDryRun, reportNothingToPromote } from './promotion-report.js';

/** One promotion's setting, read once: inputs over config, the name, the client, the branches. */
interface Promotion {
  deps: Deps;
  ctx: RunContext;
  inputs: Inputs;
  config: PromotionConfig;
  name: PromotionName;
  gh: GitHubClient;
  repo: RepoRef;
  production: string;
  staging: string;
}

/** Reads, plans, checks, then writes: every refusal (bad input, failing gate) comes before any write. */
export async function openPromotion(deps: Deps, ctx: RunContext): Promise<void> {
  const { io, logger } = deps;
  const p = await readPromotion(deps, ctx);
  const facts = await gatherFacts({
    gh: p.gh,
    repo: p.repo,
    config: p.config.promote,
    name: p.name,
    productionBranch: p.production,
    stagingBranch: p.staging,
    now: deps.clock.now(),
  });
  const plan = planPromotion(facts, { config: p.config.promote });

  io.setOutput('head-sha', facts.staging.sha);
  if (plan.operation === 'none') return reportNothingToPromote(io, logger, p.name, plan);

  const rotation = await chooseReviewer(p, facts, plan);
  const verdict = await checkPreOpenGates(p, facts);
  const body = await composeBody(p, facts, plan, verdict, rotation);
  const where = { name: p.name, owner: ctx.owner, production: p.production };
  if (p.inputs.dryRun) return reportDryRun(io, logger, where, plan, rotation, body);

  const applied = await applyPromotion(p, plan, body, rotation, verdict);
  await reportApplied(
    io,
    { ...where, aheadBy: facts.aheadBy },
    plan,
    applied,
    rotation,
    verdict.rows,
  );
}

async function readPromotion(deps: Deps, ctx: RunContext): Promise<Promotion> {
  const { io, logger } = deps;
  const inputs = readInputs(io);
  const config = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    logger,
  });
  const name = sanitizePromotionName(inputs.name ?? config.promote.name);
  if (name.slug !== name.given)
    logger.info(`Promotion name "${name.given}" becomes "${name.slug}" in branch names.`);
  if (isDefaultGithubToken(inputs.token, inputs.githubToken)) logger.warning(DEFAULT_TOKEN_WARNING);
  return {
    deps,
    ctx,
    inputs,
    config,
    name,
    gh: deps.github(inputs.token),
    repo: { owner: ctx.owner, repo: ctx.repo },
    production: inputs.productionBranch ?? config.branches.production,
    staging: inputs.stagingBranch ?? config.branches.staging,
  };
}

/** The reviewer stays with the PR: an update keeps the one recorded in its body. */
async function chooseReviewer(
  p: Promotion,
  facts: GatheredFacts,
  plan: ActivePlan,
): Promise<RotationPick> {
  const kept = plan.pr ? readReviewerMarker(plan.pr.body) : undefined;
  if (kept) return { reviewer: kept, skipped: [] };
  const promote = p.config.promote;
  return pickReviewer({
    config: promote.reviewers,
    last: await lastAssignedReviewer(p.gh, p.repo, promote['branch-prefix']),
    authors: [p.ctx.actor, ...facts.lastCommitters],
  });
}

/** Drift, change size and findings before anything is written; a failure refuses the promotion. */
async function checkPreOpenGates(p: Promotion, facts: GatheredFacts): Promise<GateVerdict> {
  const { deps, ctx, inputs } = p;
  const results = await runPreOpenGates({
    config: p.config,
    facts,
    gh: p.gh,
    repo: p.repo,
    exec: deps.exec,
    clock: deps.clock,
    workspace: ctx.workspace,
    override: inputs.overrideReason
      ? { actor: ctx.actor, reason: inputs.overrideReason }
      : undefined,
  });
  const verdict = judgePreOpenGates(results, inputs.overrideReason, ctx.actor);
  if (verdict.rows.length) deps.logger.info(renderPlainTable(verdict.rows));
  if (verdict.refusal) {
    await deps.io.appendSummary(
      `## Promotion ${untrusted(p.name.given, 'inline')} refused\n\n${renderMarkdownTable(verdict.rows)}\n`,
    );
    throw new ConfigurationError(verdict.refusal);
  }
  if (verdict.override)
    deps.logger.warning(
      `Pre-open gates ${verdict.lifted.join(', ')} failed; overridden by @${ctx.actor}: ${verdict.override.reason}`,
    );
  return verdict;
}

/** The PR body: the generated block merged into what the PR already says. */
async function composeBody(
  p: Promotion,
  facts: GatheredFacts,
  plan: ActivePlan,
  verdict: GateVerdict,
  rotation: RotationPick,
): Promise<string> {
  const { deps, ctx } = p;
  const promote = p.config.promote;
  return mergeBody(plan.pr?.body, {
    owner: ctx.owner,
    repo: ctx.repo,
    serverUrl: ctx.serverUrl,
    name: p.name.given,
    branch: plan.branch,
    production: facts.production,
    staging: facts.staging,
    aheadBy: facts.aheadBy,
    commits: facts.commits,
    files: facts.files,
    filesMaybeTruncated: facts.filesMaybeTruncated,
    areas: promote.areas,
    gateRows: verdict.rows.length ? verdict.rows : undefined,
    override: verdict.override,
    migrations: await readMigrations(p.config, {
      exec: deps.exec,
      workspace: ctx.workspace,
      env: deps.env,
      gh: p.gh,
      repo: p.repo,
      staging: facts.staging.sha,
      production: facts.production.sha,
      changedFiles: facts.changedFiles,
    }),
    audit: await readAudit(promote, { exec: deps.exec, workspace: ctx.workspace }),
    rollbackCommand: promotionRollbackCommand({
      owner: ctx.owner,
      repo: ctx.repo,
      production: p.production,
      workflow: promote['rollback-workflow'],
      name: p.name.slug,
    }),
    checklist: promote.checklist,
    rotation,
    runUrl: ctx.runUrl,
    actor: ctx.actor,
  });
}

/** The writes (apply.ts), with the override recorded in a PR comment when there was one. */
function applyPromotion(
  p: Promotion,
  plan: ActivePlan,
  body: string,
  rotation: RotationPick,
  verdict: GateVerdict,
): Promise<AppliedPromotion> {
  const { deps, ctx } = p;
  const { override } = verdict;
  return applyPlan({
    gh: p.gh,
    repo: p.repo,
    logger: deps.logger,
    plan,
    body,
    production: p.production,
    staging: p.staging,
    config: p.config.promote,
    reviewer: rotation.reviewer,
    progress: deps.progress,
    override: override
      ? {
          comment: `**Pre-open gates overridden** by @${ctx.actor} in [this run](${ctx.runUrl}).\n\nReason: ${untrusted(override.reason, 'inline')}\n\n${renderMarkdownTable(verdict.rows)}`,
        }
      : undefined,
  });
}
