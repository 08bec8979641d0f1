import type { CommitInfo, FileChange } from '../git.js';
import type { EmulatorCore } from '../types.js';
import { simpleUser } from './user.js';

const UNSIGNED = {
  verified: false,
  reason: 'unsigned',
  signature: null,
  payload: null,
  verified_at: null,
};

/** An author's GitHub account from a noreply address (`123+login@users.noreply.github.com`). */
function accountFor(emu: EmulatorCore, email: string) {
  const m = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email);
  if (m?.[1]) return simpleUser(emu, m[1]);
  const known = Object.values(emu.state.users).find(
    (u) => `${u.login}@users.noreply.github.com` === email,
  );
  return known ? simpleUser(emu, known.login) : null;
}

/** GitHub's diff-entry for one changed file. */
export function diffEntry(emu: EmulatorCore, f: FileChange, commitSha: string) {
  const encoded = f.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.changes,
    blob_url: `${emu.htmlRepo}/blob/${commitSha}/${encoded}`,
    raw_url: `${emu.htmlRepo}/raw/${commitSha}/${encoded}`,
    contents_url: `${emu.apiRepo}/contents/${encoded}?ref=${commitSha}`,
    ...(f.patch !== undefined ? { patch: f.patch } : {}),
  };
}

/** GitHub's commit object (GET /commits/{ref}, compare, pulls/commits). */
export function commitShape(emu: EmulatorCore, c: CommitInfo, files?: FileChange[]) {
  const shape: Record<string, unknown> = {
    url: `${emu.apiRepo}/commits/${c.sha}`,
    sha: c.sha,
    node_id: Buffer.from(`06:Commit${c.sha}`).toString('base64'),
    html_url: `${emu.htmlRepo}/commit/${c.sha}`,
    comments_url: `${emu.apiRepo}/commits/${c.sha}/comments`,
    commit: {
      url: `${emu.apiRepo}/git/commits/${c.sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${emu.apiRepo}/git/trees/${c.tree}` },
      verification: UNSIGNED,
    },
    author: accountFor(emu, c.author.email),
    committer: accountFor(emu, c.committer.email),
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${emu.apiRepo}/commits/${p}`,
      html_url: `${emu.htmlRepo}/commit/${p}`,
    })),
  };
  if (files) {
    const additions = files.reduce((n, f) => n + f.additions, 0);
    const deletions = files.reduce((n, f) => n + f.deletions, 0);
    shape.stats = { additions, deletions, total: additions + deletions };
    shape.files = files.map((f) => diffEntry(emu, f, c.sha));
  }
  return shape;
}

/** GitHub's git-commit object (the Git Database API). */
export function gitCommitShape(emu: EmulatorCore, c: CommitInfo) {
  return {
    sha: c.sha,
    node_id: Buffer.from(`06:Commit${c.sha}`).toString('base64'),
    url: `${emu.apiRepo}/git/commits/${c.sha}`,
    html_url: `${emu.htmlRepo}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${emu.apiRepo}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${emu.apiRepo}/git/commits/${p}`,
      html_url: `${emu.htmlRepo}/commit/${p}`,
    })),
    verification: UNSIGNED,
  };
}
