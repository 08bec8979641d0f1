// What follows a ref move or a pull-request change: the events GitHub sends, and the
// refs/pull/N/head and refs/pull/N/merge refs GitHub keeps for every open pull request.
import { basePayload, refMoveEvents, type RepoEvent } from '../events.js';
import { pullShape, refreshPull } from '../shapes/pull.js';
import type { PullRecord } from '../state.js';
import type { EmulatorCore, RouteContext } from '../types.js';

/**
 * Points refs/pull/N/head at the head and refs/pull/N/merge at a test merge of head into base
 * (what `pull_request` workflows check out). Returns the merge SHA, or undefined on a conflict
 * (GitHub then has no merge ref and runs no `pull_request` workflow).
 */
const mergeRefs = new WeakMap<PullRecord, { key: string; sha: string | undefined }>();

export async function updatePullRefs(
  emu: EmulatorCore,
  pull: PullRecord,
): Promise<string | undefined> {
  const key = `${pull.base.sha}..${pull.head.sha}`;
  const known = mergeRefs.get(pull);
  if (known?.key === key) return known.sha;
  const sha = await writePullRefs(emu, pull);
  mergeRefs.set(pull, { key, sha });
  return sha;
}

async function writePullRefs(emu: EmulatorCore, pull: PullRecord): Promise<string | undefined> {
  await emu.git.updateRef(`refs/pull/${pull.number}/head`, pull.head.sha);
  const tree = await emu.git.mergeTree(pull.base.sha, pull.head.sha);
  if (!tree) {
    // A conflict: GitHub keeps no merge ref (a stale one would run old code).
    await emu.git.deleteRef(`refs/pull/${pull.number}/merge`).catch(() => undefined);
    return undefined;
  }
  const sha = await emu.git.commitTree({
    tree,
    parents: [pull.base.sha, pull.head.sha],
    message: `Merge ${pull.head.sha} into ${pull.base.sha}`,
    author: { name: 'GitHub', email: 'noreply@github.com', date: emu.now() },
  });
  await emu.git.updateRef(`refs/pull/${pull.number}/merge`, sha);
  return sha;
}

/** A `pull_request` event (`opened`, `synchronize`, `closed`, `labeled` ...) for a PR as it is now. */
export async function pullRequestEvent(
  ctx: RouteContext,
  pull: PullRecord,
  action: string,
  extra: Record<string, unknown> = {},
): Promise<RepoEvent> {
  const { emu } = ctx;
  const ref = `refs/pull/${pull.number}/merge`;
  const sha =
    pull.state === 'open'
      ? ((await updatePullRefs(emu, pull)) ?? pull.head.sha)
      : ((await emu.git.revParse(ref)) ?? pull.merge_commit_sha ?? pull.head.sha);
  return {
    name: 'pull_request',
    ref,
    sha,
    actor: ctx.actor,
    payload: {
      action,
      number: pull.number,
      pull_request: await pullShape(emu, pull),
      ...basePayload(emu, ctx.actor),
      ...extra,
    },
  };
}

/**
 * After a ref moved through the API: `push` (and `create`/`delete`), and `synchronize` for every
 * open pull request whose head branch it is.
 */
export async function afterRefMove(
  ctx: RouteContext,
  ref: string,
  before: string,
  after: string,
  forced = false,
): Promise<void> {
  if (!ctx.listening) return;
  for (const e of await refMoveEvents(ctx.emu, ctx.actor, ref, before, after, forced)) ctx.emit(e);
  if (!ref.startsWith('refs/heads/')) return;
  const branch = ref.slice('refs/heads/'.length);
  for (const pull of ctx.emu.state.pulls) {
    if (pull.state !== 'open' || pull.head.ref !== branch) continue;
    await refreshPull(ctx.emu, pull);
    if (after === pull.head.sha)
      ctx.emit(await pullRequestEvent(ctx, pull, 'synchronize', { before, after }));
  }
}
