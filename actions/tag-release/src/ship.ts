import type { AppIdentity } from '@promote/core/config/resolve';
import type { TagReleaseConfig } from './config.js';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { Logger } from '@promote/core/logger';
import type { ActionIO } from '@promote/core/io';
import type { Clock } from '@promote/core/clock';
import type { RunContext } from '@promote/core/context';
import type { Progress } from '@promote/core/progress';
import { rollbackCommand } from '@promote/core/rollback-command';
import { TagTakenError } from './annotated-tag.js';
import { changelogDate } from './changelog.js';
import type { ReleaseHistory } from './history.js';
import type { Inputs } from './inputs.js';
import { draftRelease } from './release-draft.js';
import { decideVersion, versionLogLine, type VersionDecision } from './release-plan.js';
import { compareUrl } from './release-notes.js';
import { renderShipReport, type ShipFacts } from './ship-report.js';
import { previewRelease, publishAll, type Shipped } from './ship-steps.js';

export interface ShipDeps {
  io: ActionIO;
  logger: Logger;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  gh: GitHubClient;
  repo: RepoRef;
  history: ReleaseHistory;
  fetch?: typeof fetch;
  /** Told of each write that landed (a failure then says what is done). */
  progress?: Progress;
}

/** The config a release works with: for one app of a monorepo, seen from it (release-config.ts). */
export type ShipConfig = TagReleaseConfig & { app?: AppIdentity | undefined };

export interface ShipResult {
  decision: VersionDecision;
  section: string;
  releaseUrl: string | null;
}

/**
 * Two releases at once (two merges, or one merge delivered twice) race for the version's tag: the
 * run whose tag lands second decides again, seeing the new tag. Its merge is then either covered
 * by it (a later merge released first: reported as released in that tag) or released above it.
 */
export async function ship(
  deps: ShipDeps,
  ctx: RunContext,
  config: ShipConfig,
  inputs: Inputs,
  targetSha: string,
): Promise<ShipResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await shipOnce(deps, ctx, config, inputs, targetSha);
    } catch (error) {
      if (!(error instanceof TagTakenError) || inputs.version || attempt >= 3) throw error;
      deps.logger.info(
        `${error.tag} was created on ${error.at.slice(0, 12)} while this run was releasing ${targetSha.slice(0, 12)} (another release at the same time); deciding the version again.`,
      );
    }
  }
}

/**
 * Decide, then write in the order that makes a re-run finish what a failed run started
 * (ship-steps.ts), then report: outputs and the job summary.
 */
async function shipOnce(
  deps: ShipDeps,
  ctx: RunContext,
  config: ShipConfig,
  inputs: Inputs,
  targetSha: string,
): Promise<ShipResult> {
  const repoUrl = `${ctx.serverUrl}/${deps.repo.owner}/${deps.repo.repo}`;
  const decision = await decide(deps, config, inputs, targetSha);
  const shipped = await shipDecision(deps, ctx, config, inputs, decision, repoUrl);
  writeShipOutputs(deps.io, decision, shipped, config.app?.name);
  await deps.io.appendSummary(
    renderShipReport(shipFacts(deps.repo, ctx, config, inputs, decision, shipped, repoUrl)),
  );
  return { decision, section: shipped.section, releaseUrl: shipped.releaseUrl };
}

/** The version decision, with each commit's verdict in a log group. */
async function decide(
  deps: ShipDeps,
  config: ShipConfig,
  inputs: Inputs,
  targetSha: string,
): Promise<VersionDecision> {
  const { logger } = deps;
  const { app } = config;
  const title = app
    ? `Deciding the version of ${app.name} (${config.release['tag-prefix']}*, commits that change ${app.paths.join(', ')})`
    : 'Deciding the version';
  const decision = await logger.group(title, async () => {
    const d = await decideVersion(deps.history, {
      targetSha,
      config: config.release,
      version: inputs.version,
      bump: inputs.bump,
      prerelease: inputs.prerelease,
      app,
    });
    for (const c of d.analysis.commits) {
      logger.info(
        `${c.sha.slice(0, 7)} ${c.status.padEnd(17)} ${c.bump.padEnd(5)} ${c.parsed.header}`,
      );
    }
    return d;
  });
  logger.info(versionLogLine(decision));
  return decision;
}

/** Covered, nothing to release, a dry run, or the writes. */
async function shipDecision(
  deps: ShipDeps,
  ctx: RunContext,
  config: ShipConfig,
  inputs: Inputs,
  decision: VersionDecision,
  repoUrl: string,
): Promise<Shipped> {
  const { tag, version, targetSha } = decision;
  if (decision.status === 'covered') {
    const covered = `none (released in ${tag})`;
    return {
      section: '',
      releaseUrl: null,
      outcomes: {
        changelog: covered,
        tag: `none: ${targetSha.slice(0, 12)} is released in ${tag}`,
        release: covered,
        notify: covered,
        majorTag: null,
      },
    };
  }
  if (decision.status === 'nothing' || !tag || !version) {
    const changing = config.app ? ` changing app ${config.app.name}` : '';
    deps.logger.info(
      `No release-worthy commits${changing} since ${decision.previous?.tag ?? 'the beginning'}; nothing to release.`,
    );
    return {
      section: '',
      releaseUrl: null,
      outcomes: {
        changelog: 'not written',
        tag: 'not created',
        release: 'not created',
        notify: 'none',
        majorTag: null,
      },
    };
  }
  const draft = draftRelease(
    decision,
    { tag, version, targetSha, date: changelogDate(deps.clock.now()) },
    { repoUrl, runUrl: ctx.runUrl },
    inputs,
    config.app?.name,
  );
  return inputs.dryRun
    ? previewRelease(deps, config.release, draft)
    : publishAll(deps, config, draft);
}

function writeShipOutputs(
  io: ActionIO,
  decision: VersionDecision,
  shipped: Shipped,
  app: string | undefined,
): void {
  io.setOutput('app', app ?? '');
  io.setOutput('version', decision.version ?? '');
  io.setOutput('previous-version', decision.previous?.version ?? '');
  io.setOutput('tag', decision.tag ?? '');
  io.setOutput('release-url', shipped.releaseUrl ?? '');
  io.setOutput(
    'bump',
    decision.status === 'nothing' || decision.status === 'covered' ? 'none' : decision.bump,
  );
  io.setOutput('changelog', shipped.section);
}

/** What the job summary shows (ship-report.ts). Pure. */
function shipFacts(
  repo: RepoRef,
  ctx: RunContext,
  config: ShipConfig,
  inputs: Inputs,
  decision: VersionDecision,
  shipped: Shipped,
  repoUrl: string,
): ShipFacts {
  const { tag } = decision;
  const rollback =
    tag && !inputs.dryRun && decision.status !== 'covered'
      ? safeRollbackCommand(
          repo,
          inputs.rollbackWorkflow ?? config.promote['rollback-workflow'],
          decision.previous?.tag ?? undefined,
          tag,
          config.app?.name,
        )
      : null;
  const { outcomes } = shipped;
  return {
    decision,
    app: config.app?.name,
    dryRun: inputs.dryRun,
    repoUrl,
    compareUrl: tag
      ? compareUrl({ repoUrl, tag, previousTag: decision.previous?.tag ?? null })
      : null,
    releaseUrl: shipped.releaseUrl,
    changelog: shipped.section,
    changelogOutcome: outcomes.changelog,
    tagOutcome: outcomes.tag,
    releaseOutcome: outcomes.release,
    notifyOutcome: outcomes.notify,
    majorTagOutcome: outcomes.majorTag,
    seal: inputs.seal,
    sealSummary: inputs.sealSummary,
    deploymentUrl: inputs.deploymentUrl,
    runUrl: ctx.runUrl,
    rollbackCommand: rollback,
  };
}

/**
 * Rolling back a release means going back to the one before it; an app's release, that app's
 * (the rollback workflow's `app` input restores its backup only).
 */
function safeRollbackCommand(
  repo: RepoRef,
  workflow: string,
  previousTag: string | undefined,
  tag: string,
  app: string | undefined,
): string {
  return rollbackCommand({
    owner: repo.owner,
    repo: repo.repo,
    workflow,
    ...(previousTag ? { release: previousTag } : {}),
    reason: `${tag} broke production`,
    ...(app ? { fields: { app } } : {}),
  });
}
