// Repository events (the webhook events a workflow's `on:` names), emitted by the routes that cause
// them and delivered to listeners after the response is sent.
import { repository } from './shapes/repository.js';
import { simpleUser } from './shapes/user.js';
import { ZERO_SHA } from './git.js';
import type { TokenKind } from './tokens.js';
import type { EmulatorCore } from './types.js';

export interface RepoActor {
  login: string;
  tokenKind: TokenKind | 'default';
  /** false for a GITHUB_TOKEN: "events triggered by the GITHUB_TOKEN ... will not create a new
   * workflow run" (https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#using-the-github_token-in-a-workflow) */
  startsWorkflows: boolean;
}

export interface RepoEvent {
  /** GitHub event name as in `on:` of a workflow */
  name:
    | 'pull_request'
    | 'pull_request_review'
    | 'push'
    | 'workflow_dispatch'
    | 'create'
    | 'delete'
    | 'merge_group';
  /** webhook payload shaped like GitHub's (action, pull_request, ref, before/after, inputs, repository, sender …) */
  payload: Record<string, any>;
  /** the ref the workflow file is read from / GITHUB_REF (refs/heads/main, refs/pull/7/merge …) */
  ref: string;
  /** GITHUB_SHA for the run */
  sha: string;
  /** who caused it; `startsWorkflows` is false when the token was a GITHUB_TOKEN (GitHub's rule) */
  actor: RepoActor;
}

export type RepoEventListener = (event: RepoEvent) => void | Promise<void>;

/** The fields every webhook payload carries. */
export function basePayload(emu: EmulatorCore, actor: RepoActor): Record<string, any> {
  return { repository: repository(emu), sender: simpleUser(emu, actor.login) };
}

async function pushCommit(emu: EmulatorCore, sha: string) {
  const c = await emu.git.readCommit(sha);
  if (!c) return null;
  return {
    id: c.sha,
    tree_id: c.tree,
    distinct: true,
    message: c.message,
    timestamp: c.committer.date,
    url: `${emu.htmlRepo}/commit/${c.sha}`,
    author: { name: c.author.name, email: c.author.email },
    committer: { name: c.committer.name, email: c.committer.email },
    added: [],
    removed: [],
    modified: [],
  };
}

/**
 * The events of one ref move: `push` always, plus `create`/`delete` when the ref appears or goes.
 * `before`/`after` are ZERO_SHA for a created/deleted ref, as in GitHub's payloads.
 */
export async function refMoveEvents(
  emu: EmulatorCore,
  actor: RepoActor,
  ref: string,
  before: string,
  after: string,
  forced = false,
): Promise<RepoEvent[]> {
  const created = before === ZERO_SHA;
  const deleted = after === ZERO_SHA;
  // GitHub lists at most 20 commits in a push payload (oldest first).
  const shas = deleted
    ? []
    : created
      ? [after]
      : (await emu.git.revList(after, before).catch(() => [after])).slice(-20);
  const commits = (await Promise.all(shas.map((s) => pushCommit(emu, s)))).filter(Boolean);
  const base = basePayload(emu, actor);
  const events: RepoEvent[] = [
    {
      name: 'push',
      ref,
      sha: deleted ? before : after,
      actor,
      payload: {
        ...base,
        ref,
        before,
        after,
        created,
        deleted,
        forced,
        base_ref: null,
        compare: `${emu.htmlRepo}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
        commits,
        head_commit: deleted ? null : await pushCommit(emu, after),
        pusher: { name: actor.login, email: `${actor.login}@users.noreply.github.com` },
      },
    },
  ];
  const m = /^refs\/(heads|tags)\/(.+)$/.exec(ref);
  if (m && (created || deleted)) {
    const refType = m[1] === 'heads' ? 'branch' : 'tag';
    events.push({
      name: created ? 'create' : 'delete',
      ref,
      sha: created ? after : before,
      actor,
      payload: {
        ...base,
        ref: m[2],
        ref_type: refType,
        pusher_type: 'user',
        ...(created ? { master_branch: emu.defaultBranch, description: null } : {}),
      },
    });
  }
  return events;
}
