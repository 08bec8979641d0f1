import type { RunContext } from '@promote/core/context';
import { ConfigurationError } from '@promote/core/errors';
import { appFiles, changedApps, resolveConfig } from '@promote/core/config/resolve';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { renderMarkdownTable, renderPlainTable } from '@promote/core/report';
import { untrusted } from '@promote/core/untrusted-text';
import { CONFIG_SECTIONS, type PromoteActionConfig, type PromotePlace } from './config.js';
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
import {
  reportApplied,
  reportDryRun,
  reportNothingReady,
  reportNothingToPromote,
  reportWaitingForWindow,
} from './promotion-report.js';
import { promotionScope, scopedName, scopeTitleSuffix, type PromotionScope } from './scope.js';
import { findReadyCommit } from './ready-commit.js';
import { readAppChange, snapshotMessage, type AppChange } from './app-snapshot.js';
import { decideWindow } from './train.js';
import { appMarker } from './body.js';

/** One promotion's setting, read once: inputs over config, the name, the client, the branches. */
interface Promotion {
  deps: Deps;
  ctx: RunContext;
  inputs: Inputs;
  /** The config seen from the target stage and the app (resolveConfig). */
  config: PromotePlace;
  /** The loaded config itself (the chain and the apps as declared). */
  loaded: PromoteActionConfig;
  scope: PromotionScope;
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
  const now = deps.clock.now();
  const { scope } = p;
  // A train outside the target's allow windows stops before reading anything (issue #20).
  const window = decideWindow(scope.target, now, p.inputs.train || ctx.eventName === 'schedule');
  if (window.action === 'wait') return reportWaitingForWindow(io, logger, p.name, window.text);

  const gathered = await gatherFacts({
    gh: p.gh,
    repo: p.repo,
    config: p.config.promote,
    name: p.name,
    productionBranch: p.production,
    stagingBranch: p.staging,
    now,
    // Declared stages: only what is deployed, sealed green and soaked on the source stage moves on.
    ...(scope.declared && scope.source.declared
      ? {
          chooseHead: (ahead: string[]) =>
            findReadyCommit({
              gh: p.gh,
              repo: p.repo,
              source: scope.source,
              ahead,
              now,
              ...(scope.app ? { app: scope.app.name } : {}),
              ...(!scope.app && p.loaded.apps ? { apps: p.loaded.apps } : {}),
            }),
        }
      : {}),
    ...(scope.app ? { app: scope.app.name } : {}),
  });
  if ('notReady' in gathered) return reportNothingReady(io, logger, p.name, scope, gathered);
  const appChange =
    scope.app && gathered.aheadBy > 0
      ? await readAppChange(p.gh, p.repo, {
          target: gathered.production.sha,
          source: gathered.staging.sha,
          app: scope.app,
        })
      : undefined;
  // One app: the PR's files are that app's (gates, areas and migrations judge what it carries).
  const facts: GatheredFacts = appChange
    ? {
        ...gathered,
        files: appChange.files,
        changedFiles: appChange.changedFiles,
        filesMaybeTruncated: false,
      }
    : gathered;
  const plan = planPromotion(appChange?.entries.length === 0 ? { ...facts, aheadBy: 0 } : facts, {
    config: p.config.promote,
    titleSuffix: scopeTitleSuffix(scope),
    ...(scope.app ? { app: scope.app.name } : {}),
  });

  io.setOutput('head-sha', facts.staging.sha);
  if (plan.operation === 'none') {
    const message =
      appChange && facts.aheadBy > 0
        ? `Nothing of app ${scope.app!.name} to promote: ${p.production} (${facts.production.sha.slice(0, 7)}) already has every file of it as ${p.staging} (${facts.staging.sha.slice(0, 7)}) has it; no branch, no PR.`
        : plan.message;
    return reportNothingToPromote(io, logger, p.name, { ...plan, message });
  }

  const rotation = await chooseReviewer(p, facts, plan);
  const verdict = await checkPreOpenGates(p, facts);
  const body = await composeBody(p, facts, plan, verdict, rotation, {
    ready: facts.readyVerdict,
    appChange,
    ...(window.note ? { windowNote: window.note } : {}),
  });
  const where = { name: p.name, owner: ctx.owner, production: p.production };
  if (p.inputs.dryRun) return reportDryRun(io, logger, where, plan, rotation, body);

  const applied = await applyPromotion(p, plan, body, rotation, verdict, appChange, facts);
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
  const loaded = await loadConfig({
    source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
    logger,
    sections: CONFIG_SECTIONS,
  });
  // The config seen from the target stage and the app (issue #20): branches.staging is the stage
  // before it (promoted from), branches.production the stage itself (promoted into).
  const config = resolveConfig(loaded, {
    ...(inputs.stage ? { stage: inputs.stage } : {}),
    ...(inputs.app ? { app: inputs.app } : {}),
  });
  const scope = promotionScope(loaded, config);
  const given = sanitizePromotionName(inputs.name ?? config.promote.name);
  const name = scopedName(given, scope);
  if (given.slug !== given.given)
    logger.info(`Promotion name "${name.given}" becomes "${name.slug}" in branch names.`);
  if (isDefaultGithubToken(inputs.token, inputs.githubToken)) logger.warning(DEFAULT_TOKEN_WARNING);
  return {
    deps,
    ctx,
    inputs,
    config,
    loaded,
    scope,
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
    // An app with its own rotation continues after its own last PR; otherwise one rotation.
    last: await lastAssignedReviewer(
      p.gh,
      p.repo,
      promote['branch-prefix'],
      p.scope.appRotation && p.scope.app
        ? (body) => body.includes(appMarker(p.scope.app!.name))
        : undefined,
    ),
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
  extra: { ready?: string; appChange?: AppChange; windowNote?: string },
): Promise<string> {
  const { deps, ctx, scope } = p;
  const promote = p.config.promote;
  const app = scope.app;
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
    ...(scope.declared
      ? {
          stages: {
            source: scope.source.name,
            target: scope.target.name,
            ...(extra.ready ? { ready: extra.ready } : {}),
          },
        }
      : {}),
    ...(app && extra.appChange
      ? {
          app: {
            name: app.name,
            files: extra.appChange.files,
            bothChanged: extra.appChange.bothChanged,
          },
        }
      : {}),
    ...(!app && p.loaded.apps ? { apps: appsChanged(p.loaded, facts.files) } : {}),
    ...(extra.windowNote ? { windowNote: extra.windowNote } : {}),
  });
}

/** Each declared app the compare's files touch, with its files: one file list, no request per app. */
function appsChanged(
  loaded: PromoteActionConfig,
  files: string[],
): { name: string; files: string[] }[] {
  return changedApps(loaded, files).map((name) => ({
    name,
    files: appFiles({ name, paths: loaded.apps![name]!.paths }, files),
  }));
}

/** The writes (apply.ts), with the override recorded in a PR comment when there was one. */
function applyPromotion(
  p: Promotion,
  plan: ActivePlan,
  body: string,
  rotation: RotationPick,
  verdict: GateVerdict,
  appChange: AppChange | undefined,
  facts: GatheredFacts,
): Promise<AppliedPromotion> {
  const { deps, ctx, scope } = p;
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
    ...(appChange && scope.app
      ? {
          appSnapshot: {
            targetTree: appChange.targetTree,
            entries: appChange.entries,
            message: snapshotMessage({
              app: scope.app.name,
              sourceStage: scope.source.name,
              targetStage: scope.target.name,
              source: facts.staging.sha,
              target: facts.production.sha,
              files: appChange.files.length,
            }),
          },
        }
      : {}),
    override: override
      ? {
          comment: `**Pre-open gates overridden** by @${ctx.actor} in [this run](${ctx.runUrl}).\n\nReason: ${untrusted(override.reason, 'inline')}\n\n${renderMarkdownTable(verdict.rows)}`,
        }
      : undefined,
  });
}
