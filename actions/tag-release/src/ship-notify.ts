import type { NotifyConfig } from '@promote/core/config/sections/notify';
import type { RepoRef } from '@promote/core/github/client';
import {
  notify as sendNotifications,
  resolveNotifyTargets,
  type NotifyMessage,
} from '@promote/core/notify';
import type { Progress } from '@promote/core/progress';
import type { PublishedRelease } from './github-release.js';
import { claimNotification, markNotified } from './notification-claim.js';
import type { PublishDeps } from './publish.js';
import type { ReleaseDraft } from './release-draft.js';
import { renderReleaseBody } from './release-notes.js';
import { versionLogLine } from './release-plan.js';

/** What telling chat about a release needs (ship.ts's ShipDeps gives it). */
export interface NotifyDeps extends PublishDeps {
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** Told of each write that landed (a failure then says what is done). */
  progress?: Progress;
}

/**
 * Notifications, at most once per release: the marker is written before sending, so a crash in
 * between loses a message rather than sending two. Returns the outcome line for the report.
 */
export async function notifyRelease(
  deps: NotifyDeps,
  config: NotifyConfig,
  draft: ReleaseDraft,
  section: string,
  published: PublishedRelease,
): Promise<string> {
  const { logger } = deps;
  const { tag, targetSha } = draft;
  const targets = resolveNotifyTargets(config, deps.env, logger);
  const services = Object.keys(targets);
  if (services.length === 0) return 'none configured';
  if (published.notified) return `already sent (${services.join(', ')})`;
  if (!(await claimNotification(deps, tag, targetSha)))
    return `already sent for ${tag} by another run (${services.join(', ')})`;
  await markNotified(
    deps,
    published.id,
    renderReleaseBody(section, draft.links, draft.seal, true, published.kept),
  );
  deps.progress?.done('release marked as notified (notifications are not sent twice)');
  const results = await sendNotifications({
    targets,
    logger,
    message: releaseMessage(deps.repo, draft, published.url),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  return results.map((r) => `${r.service} ${r.ok ? 'sent' : 'failed'}`).join(', ');
}

/** "<repo> v1.4.0 released" ("<repo> api v1.4.0 released" for an app), coloured by the smoke seal. Pure. */
function releaseMessage(repo: RepoRef, draft: ReleaseDraft, url: string): NotifyMessage {
  const seal = draft.seal.seal;
  return {
    title: `${repo.repo} ${draft.name} released`,
    status: seal === 'red' ? 'red' : seal === 'green' ? 'green' : 'info',
    lines: [
      versionLogLine(draft.decision),
      `Commit ${draft.targetSha.slice(0, 12)}${seal ? `, smoke seal ${seal}` : ''}`,
    ],
    url,
  };
}
