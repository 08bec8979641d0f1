import type { PullRecord } from '../state.js';
import type { EmulatorCore } from '../types.js';
import { labelShape } from './label.js';
import { repository } from './repository.js';
import { simpleUser } from './user.js';

/** Keeps an open PR's head and base SHAs on their branch tips (GitHub follows pushes). */
export async function refreshPull(emu: EmulatorCore, pull: PullRecord): Promise<void> {
  if (pull.state !== 'open') return;
  const tips = await emu.git.branchTips([pull.head.ref, pull.base.ref]);
  pull.head.sha = tips.get(pull.head.ref) ?? pull.head.sha;
  pull.base.sha = tips.get(pull.base.ref) ?? pull.base.sha;
}

interface PullStats {
  commits: number;
  additions: number;
  deletions: number;
  changed_files: number;
  mergeable: boolean;
}

// Statistics depend only on the two SHAs: compute them once per pair (git is the slow part).
const statsCache = new WeakMap<EmulatorCore, Map<string, PullStats>>();

async function pullStats(emu: EmulatorCore, base: string, head: string): Promise<PullStats> {
  const cache = statsCache.get(emu) ?? new Map<string, PullStats>();
  statsCache.set(emu, cache);
  const key = `${base}..${head}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const mergeBase = await emu.git.mergeBase(base, head);
  const commits = mergeBase ? await emu.git.countCommits([`${mergeBase}..${head}`]) : 0;
  const files = mergeBase ? await emu.git.diffFiles(mergeBase, head, 3000, false) : [];
  const stats = {
    commits,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
    mergeable: (await emu.git.mergeTree(base, head)) !== undefined,
  };
  cache.set(key, stats);
  return stats;
}

function link(href: string) {
  return { href };
}

/** pull-request-simple (lists, requested reviewers). */
export function pullSimpleShape(emu: EmulatorCore, p: PullRecord) {
  const api = `${emu.apiRepo}/pulls/${p.number}`;
  const repo = repository(emu);
  const owner = simpleUser(emu, emu.owner);
  return {
    url: api,
    id: p.id,
    node_id: Buffer.from(`011:PullRequest${p.id}`).toString('base64'),
    html_url: `${emu.htmlRepo}/pull/${p.number}`,
    diff_url: `${emu.htmlRepo}/pull/${p.number}.diff`,
    patch_url: `${emu.htmlRepo}/pull/${p.number}.patch`,
    issue_url: `${emu.apiRepo}/issues/${p.number}`,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${emu.apiRepo}/pulls/comments{/number}`,
    comments_url: `${emu.apiRepo}/issues/${p.number}/comments`,
    statuses_url: `${emu.apiRepo}/statuses/${p.head.sha}`,
    number: p.number,
    state: p.state,
    locked: p.locked,
    title: p.title,
    user: simpleUser(emu, p.user),
    body: p.body,
    labels: p.labels.map((name) => labelShape(emu, name, false)),
    milestone: null,
    active_lock_reason: null,
    created_at: p.created_at,
    updated_at: p.updated_at,
    closed_at: p.closed_at,
    merged_at: p.merged_at,
    merge_commit_sha: p.merge_commit_sha,
    assignee: p.assignees[0] ? simpleUser(emu, p.assignees[0]) : null,
    assignees: p.assignees.map((a) => simpleUser(emu, a)),
    requested_reviewers: p.requested_reviewers.map((r) => simpleUser(emu, r)),
    requested_teams: [],
    head: {
      label: `${emu.owner}:${p.head.ref}`,
      ref: p.head.ref,
      sha: p.head.sha,
      user: owner,
      repo,
    },
    base: {
      label: `${emu.owner}:${p.base.ref}`,
      ref: p.base.ref,
      sha: p.base.sha,
      user: owner,
      repo,
    },
    _links: {
      self: link(api),
      html: link(`${emu.htmlRepo}/pull/${p.number}`),
      issue: link(`${emu.apiRepo}/issues/${p.number}`),
      comments: link(`${emu.apiRepo}/issues/${p.number}/comments`),
      review_comments: link(`${api}/comments`),
      review_comment: link(`${emu.apiRepo}/pulls/comments{/number}`),
      commits: link(`${api}/commits`),
      statuses: link(`${emu.apiRepo}/statuses/${p.head.sha}`),
    },
    author_association: p.user === emu.owner ? 'OWNER' : 'COLLABORATOR',
    auto_merge: null,
    draft: p.draft,
  };
}

/** The full pull-request (get, create, update): adds merge state and diff statistics from git. */
export async function pullShape(emu: EmulatorCore, p: PullRecord) {
  await refreshPull(emu, p);
  const base = pullSimpleShape(emu, p);
  const stats = await pullStats(emu, p.base.sha, p.head.sha);
  const mergeable = p.state === 'open' ? (p.mergeable ?? stats.mergeable) : null;
  return {
    ...base,
    merged: p.merged,
    mergeable,
    rebaseable: mergeable,
    mergeable_state: p.state !== 'open' ? 'unknown' : mergeable ? 'clean' : 'dirty',
    merged_by: p.merged_by ? simpleUser(emu, p.merged_by) : null,
    comments: emu.state.comments.filter((c) => c.issue_number === p.number).length,
    review_comments: 0,
    maintainer_can_modify: p.maintainer_can_modify,
    commits: stats.commits,
    additions: stats.additions,
    deletions: stats.deletions,
    changed_files: stats.changed_files,
  };
}
