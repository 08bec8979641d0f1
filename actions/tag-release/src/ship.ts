import type { PromotionConfig } from '@promote/core/config/schema';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { Logger } from '@promote/core/logger';
import type { ActionIO } from '@promote/core/io';
import type { Clock } from '@promote/core/clock';
import type { RunContext } from '@promote/core/context';
import type { Progress } from '@promote/core/progress';
import { notify as sendNotifications, resolveNotifyTargets } from '@promote/core/notify';
import { rollbackCommand } from '@promote/core/rollback-command';
import { changelogDate, renderChangelogSection } from './changelog.js';
import type { ReleaseHistory } from './history.js';
import type { Inputs } from './inputs.js';
import {
  claimNotification,
  commitChangelog,
  createAnnotatedTag,
  markNotified,
  publishRelease,
  TagTakenError,
  type ChangelogResult,
  type PublishDeps,
} from './publish.js';
import { moveMajorTag, planMajorTag } from './major-tag.js';
import { decideVersion, versionLogLine, type VersionDecision } from './release-plan.js';
import {
  compareUrl,
  NOTIFIED_MARKER,
  renderReleaseBody,
  renderTagMessage,
} from './release-notes.js';
import { renderShipReport } from './ship-report.js';

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
  config: PromotionConfig,
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

/** One line for the log and the ship report: where the changelog went, and why there. */
export function describeChangelog(result: ChangelogResult, path: string, version: string): string {
  const where =
    result.outcome === 'skipped'
      ? 'not written'
      : result.pullRequestUrl
        ? `pull request ${result.pullRequestUrl}`
        : result.outcome === 'unchanged'
          ? `${path} already had ${version}`
          : `${path} updated in ${result.commitSha?.slice(0, 12)}`;
  return result.fallback ? `${where} (${result.fallback})` : where;
}

/**
 * Decide, then write in the order that makes a re-run finish what a failed run started:
 * changelog commit -> tag -> release -> notifications. Each step first looks for what exists.
 */
async function shipOnce(
  deps: ShipDeps,
  ctx: RunContext,
  config: PromotionConfig,
  inputs: Inputs,
  targetSha: string,
): Promise<ShipResult> {
  const { io, logger } = deps;
  const rel = config.release;
  const repoUrl = `${ctx.serverUrl}/${deps.repo.owner}/${deps.repo.repo}`;

  const decision = await logger.group('Deciding the version', async () => {
    const d = await decideVersion(deps.history, {
      targetSha,
      config: rel,
      version: inputs.version,
      bump: inputs.bump,
      prerelease: inputs.prerelease,
    });
    for (const c of d.analysis.commits) {
      logger.info(
        `${c.sha.slice(0, 7)} ${c.status.padEnd(17)} ${c.bump.padEnd(5)} ${c.parsed.header}`,
      );
    }
    return d;
  });
  logger.info(versionLogLine(decision));

  let section = '';
  let releaseUrl: string | null = null;
  let changelogOutcome = 'not written';
  let tagOutcome = 'not created';
  let releaseOutcome = 'not created';
  let notifyOutcome = 'none';
  let majorTagOutcome: string | null = null;
  const tag = decision.tag;
  const version = decision.version;

  if (decision.status === 'covered') {
    tagOutcome = `none: ${targetSha.slice(0, 12)} is released in ${tag}`;
    changelogOutcome = releaseOutcome = notifyOutcome = `none (released in ${tag})`;
  } else if (decision.status !== 'nothing' && tag && version) {
    section = renderChangelogSection({
      version,
      date: changelogDate(deps.clock.now()),
      commits: decision.analysis.commits,
      repoUrl,
    });
    const links = {
      repoUrl,
      tag,
      previousTag: decision.previous?.tag ?? null,
      runUrl: ctx.runUrl,
      deploymentUrl: inputs.deploymentUrl,
    };
    const seal = { seal: inputs.seal, summary: inputs.sealSummary };
    const publish: PublishDeps = { gh: deps.gh, repo: deps.repo, logger };

    const majorTag = async () =>
      rel['major-tag']
        ? planMajorTag({
            version,
            sha: targetSha,
            prefix: rel['tag-prefix'],
            draft: rel.release.enabled && rel.release.draft,
            tags: [...(await deps.history.listTags()), { name: tag, sha: targetSha }],
          })
        : null;

    if (inputs.dryRun) {
      logger.info(`Dry run: nothing is written. ${tag} would go on ${targetSha}.`);
      logger.info(`Changelog section:\n${section}`);
      logger.info(`Release notes:\n${renderReleaseBody(section, links, seal)}`);
      changelogOutcome = tagOutcome = releaseOutcome = notifyOutcome = 'dry run';
      const plan = await majorTag();
      if (plan)
        majorTagOutcome =
          plan.action === 'move'
            ? `dry run: ${plan.tag} would point at ${targetSha.slice(0, 12)}`
            : `not moved: ${plan.why}`;
    } else {
      // 1. Changelog (commit or PR), found by its version section on a re-run.
      const mode = rel.changelog.enabled ? rel.changelog.mode : 'skip';
      if (mode === 'skip') {
        changelogOutcome = 'skipped (release.changelog)';
      } else {
        const result = await commitChangelog(publish, {
          branch: config.branches.production,
          targetSha,
          path: rel.changelog.path,
          mode,
          version,
          tag,
          previousTag: decision.previous?.tag ?? null,
          section,
          repoUrl,
          versionFiles: rel.changelog['version-files'],
          isAncestor: (a, b) => deps.history.isAncestor(a, b),
        });
        section = result.section;
        changelogOutcome = describeChangelog(result, rel.changelog.path, version);
        deps.progress?.done(`changelog: ${changelogOutcome}`);
        const line = changelogOutcome.startsWith(rel.changelog.path)
          ? `${changelogOutcome}`
          : `Changelog: ${changelogOutcome}`;
        // Not written at all is worth a look; a pull request instead of a commit is just said.
        if (result.outcome === 'skipped') logger.warning(line);
        else logger.info(line);
      }

      // 2. Annotated tag on the merge commit, found by its ref on a re-run.
      const tagResult = await createAnnotatedTag(publish, {
        tag,
        targetSha,
        message: renderTagMessage(tag, section),
      });
      tagOutcome = `${tag} (annotated) at ${targetSha} ${tagResult.outcome === 'created' ? 'created' : 'already there'}`;
      logger.info(`Tag ${tagOutcome}`);
      deps.progress?.done(`tag ${tag} at ${targetSha.slice(0, 12)}`);

      // 3. Release, upserted by tag.
      if (rel.release.enabled) {
        const published = await publishRelease(publish, {
          tag,
          name: tag,
          body: (notified, kept) => renderReleaseBody(section, links, seal, notified, kept),
          draft: rel.release.draft,
          prerelease: decision.prerelease,
          makeLatest: rel.release['make-latest'],
          notifiedMarker: NOTIFIED_MARKER,
        });
        releaseUrl = published.url;
        // The summary's Release row links the URL; its outcome row says only what happened.
        releaseOutcome = published.outcome;
        logger.info(`GitHub release ${published.outcome}: ${published.url}`);
        deps.progress?.done(`release ${tag} (${published.url})`);

        // 4. Notifications, at most once per release: the marker is written before sending, so
        // a crash in between loses a message rather than sending two.
        const targets = resolveNotifyTargets(config.notify, deps.env, logger);
        const services = Object.keys(targets);
        if (services.length === 0) notifyOutcome = 'none configured';
        else if (published.notified) notifyOutcome = `already sent (${services.join(', ')})`;
        else if (!(await claimNotification(publish, tag, targetSha)))
          notifyOutcome = `already sent for ${tag} by another run (${services.join(', ')})`;
        else {
          await markNotified(
            publish,
            published.id,
            renderReleaseBody(section, links, seal, true, published.kept),
          );
          deps.progress?.done('release marked as notified (notifications are not sent twice)');
          const results = await sendNotifications({
            targets,
            logger,
            message: {
              title: `${deps.repo.repo} ${tag} released`,
              status: inputs.seal === 'red' ? 'red' : inputs.seal === 'green' ? 'green' : 'info',
              lines: [
                versionLogLine(decision),
                `Commit ${targetSha.slice(0, 12)}${inputs.seal ? `, smoke seal ${inputs.seal}` : ''}`,
              ],
              url: published.url,
            },
            ...(deps.fetch ? { fetch: deps.fetch } : {}),
          });
          notifyOutcome = results.map((r) => `${r.service} ${r.ok ? 'sent' : 'failed'}`).join(', ');
        }
      } else {
        releaseOutcome = 'disabled (release.release.enabled: false)';
        notifyOutcome = 'skipped (no release)';
      }

      // 5. The major tag (release.major-tag), after the release it points users at; a re-run
      // finds it in place.
      const plan = await majorTag();
      if (plan) {
        majorTagOutcome =
          plan.action === 'move' ? await moveMajorTag(publish, plan) : `not moved: ${plan.why}`;
        logger.info(`Major tag: ${majorTagOutcome}`);
        if (plan.action === 'move') deps.progress?.done(`major tag ${majorTagOutcome}`);
      }
    }
  } else {
    logger.info(
      `No release-worthy commits since ${decision.previous?.tag ?? 'the beginning'}; nothing to release.`,
    );
  }

  io.setOutput('version', version ?? '');
  io.setOutput('previous-version', decision.previous?.version ?? '');
  io.setOutput('tag', tag ?? '');
  io.setOutput('release-url', releaseUrl ?? '');
  io.setOutput(
    'bump',
    decision.status === 'nothing' || decision.status === 'covered' ? 'none' : decision.bump,
  );
  io.setOutput('changelog', section);

  const rollback =
    tag && !inputs.dryRun && decision.status !== 'covered'
      ? safeRollbackCommand(
          deps.repo,
          inputs.rollbackWorkflow ?? config.promote['rollback-workflow'],
          decision.previous?.tag ?? undefined,
          tag,
        )
      : null;
  await io.appendSummary(
    renderShipReport({
      decision,
      dryRun: inputs.dryRun,
      repoUrl,
      compareUrl: tag
        ? compareUrl({ repoUrl, tag, previousTag: decision.previous?.tag ?? null })
        : null,
      releaseUrl,
      changelog: section,
      changelogOutcome,
      tagOutcome,
      releaseOutcome,
      notifyOutcome,
      majorTagOutcome,
      seal: inputs.seal,
      sealSummary: inputs.sealSummary,
      deploymentUrl: inputs.deploymentUrl,
      runUrl: ctx.runUrl,
      rollbackCommand: rollback,
    }),
  );
  return { decision, section, releaseUrl };
}

/** Rolling back a release means going back to the one before it. */
function safeRollbackCommand(
  repo: RepoRef,
  workflow: string,
  previousTag: string | undefined,
  tag: string,
): string {
  return rollbackCommand({
    owner: repo.owner,
    repo: repo.repo,
    workflow,
    ...(previousTag ? { release: previousTag } : {}),
    reason: `${tag} broke production`,
  });
}
