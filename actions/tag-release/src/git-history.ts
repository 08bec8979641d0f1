import type { AppIdentity } from '@promote/core/config/resolve';
import type { Exec, ExecOptions } from '@promote/core/exec';
import { prunePathspecs, touchesApp } from './app-paths.js';
import type { CommitInfo, ReleaseHistory, TagInfo } from './history.js';

/**
 * ReleaseHistory read from a full clone (actions/checkout with fetch-depth: 0): no API requests
 * for tags, ancestry or commits. PR labels still come from the API (`labels`). Every git call is
 * an argv array; nothing from a commit message reaches a command line.
 */
export function gitReleaseHistory(
  exec: Exec,
  dir: string,
  labels: ReleaseHistory['pullRequestLabels'],
): ReleaseHistory {
  const git = async (
    args: string[],
    allow: number[] = [0],
    input?: string,
    more: Pick<ExecOptions, 'onStdout' | 'env'> = {},
  ) => {
    const r = await exec(['git', ...args], {
      ...more,
      cwd: dir,
      input,
      silent: true,
      allowFailure: true,
      timeoutMs: 120_000,
    });
    if (!allow.includes(r.exitCode)) {
      throw new Error(
        `git ${args[0]} failed (exit ${r.exitCode}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`,
      );
    }
    return r;
  };
  return {
    async listTags(): Promise<TagInfo[]> {
      const { stdout } = await git([
        'for-each-ref',
        'refs/tags',
        '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)',
      ]);
      return stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [name = '', sha = '', peeled = ''] = line.split('\0');
          return { name, sha: peeled || sha };
        });
    },
    async isAncestor(ancestorSha: string, targetSha: string): Promise<boolean> {
      const r = await git(['merge-base', '--is-ancestor', ancestorSha, targetSha], [0, 1]);
      return r.exitCode === 0;
    },
    async commitsBetween(baseSha: string | null, targetSha: string): Promise<CommitInfo[]> {
      const range = baseSha ? [targetSha, `^${baseSha}`] : [targetSha];
      // One `git log` walks the range once and its output is parsed as it streams in (any size,
      // never cut to exec's captured tail). Paging with --skip re-walked every earlier commit
      // per page; a rev-list then `log --stdin` by SHA ran the walk twice.
      const out: CommitInfo[] = [];
      const records = nulSeparated((rec) => out.push(commitRecord(rec)));
      await git(['log', '-z', '--format=%H%x1f%P%x1f%B', ...range, '--'], [0], undefined, {
        onStdout: records.push,
      });
      records.end();
      return out;
    },
    pullRequestLabels: labels,
    async commitsTouching(
      baseSha: string | null,
      targetSha: string,
      app: AppIdentity,
    ): Promise<Set<string>> {
      const range = baseSha ? [targetSha, `^${baseSha}`] : [targetSha];
      const touching = new Set<string>();
      const records = commitFiles((sha, files) => {
        if (touchesApp(app, files)) touching.add(sha);
      });
      // Each commit with the files it changes against its first parent (for a merge: what it
      // brings in, https://git-scm.com/docs/git-log#Documentation/git-log.txt---diff-mergesformat,
      // git 2.31+), pruned to the app's base directories. --full-history --sparse: every commit
      // of the range is listed, whatever git's history simplification would drop, and judged by
      // its files alone. --no-renames: a file moved out of the app counts for the app, and no
      // blob is read to guess renames (a blob:none fetch has none). log.follow off: one path
      // must not turn on --follow.
      await git(
        [
          '-c',
          'log.follow=false',
          'log',
          '-z',
          '--full-history',
          '--sparse',
          '--diff-merges=first-parent',
          '--no-renames',
          '--name-only',
          '--format=%x01%H',
          ...range,
          '--',
          ...prunePathspecs(app.paths),
        ],
        [0],
        undefined,
        // A missing tree (a tree:0 partial clone) fails the command instead of one fetch per tree.
        { onStdout: records.push, env: { GIT_NO_LAZY_FETCH: '1' } },
      );
      records.end();
      return touching;
    },
  };
}

/** Opens each commit of commitsTouching's `git log` (`%x01`), followed by its SHA alone. */
const COMMIT_MARK = '\u0001';

/**
 * `git log -z --name-only --format=%x01%H` as it streams in: a NUL-terminated "\x01<sha>" opens
 * each commit, then its file names, each NUL-terminated (the first one after a newline).
 */
function commitFiles(each: (sha: string, files: string[]) => void) {
  let sha: string | null = null;
  let files: string[] = [];
  const flush = () => {
    if (sha) each(sha, files);
    sha = null;
    files = [];
  };
  const records = nulSeparated((rec) => {
    const head = rec.replace(/^\n/, '');
    if (head.startsWith(COMMIT_MARK) && /^[0-9a-f]{40,64}$/.test(head.slice(1))) {
      flush();
      sha = head.slice(1);
    } else if (sha) {
      files.push(files.length === 0 ? rec.replace(/^\n/, '') : rec);
    }
  });
  return {
    push: records.push,
    end(): void {
      records.end();
      flush();
    },
  };
}

/** Calls `each` with every NUL-terminated record of a stream that arrives in arbitrary pieces. */
function nulSeparated(each: (record: string) => void) {
  let pending = '';
  return {
    push(chunk: string): void {
      const parts = (pending + chunk).split('\0');
      pending = parts.pop() ?? '';
      for (const rec of parts) if (rec) each(rec);
    },
    end(): void {
      if (pending) each(pending);
      pending = '';
    },
  };
}

/** "<sha> US <parents> US <message>": the message is everything after the second separator. */
function commitRecord(rec: string): CommitInfo {
  const a = rec.indexOf('\x1f');
  const b = rec.indexOf('\x1f', a + 1);
  return {
    sha: rec.slice(0, a).trim(),
    parents: rec
      .slice(a + 1, b)
      .split(' ')
      .filter(Boolean),
    message: rec.slice(b + 1).trimEnd(),
  };
}

/**
 * Whether `dir` is a full clone that holds `targetSha`: a shallow clone (checkout's default
 * fetch-depth: 1) lacks the history and the tags, so the API is used instead. With `trees` (an
 * app's release reads the files each commit changes), a treeless partial clone (actions/checkout
 * `filter: tree:0`) does not do either: git would fetch each missing tree on its own.
 */
export async function canReadHistoryFrom(
  exec: Exec,
  dir: string,
  targetSha: string,
  need: { trees?: boolean } = {},
): Promise<{ ok: boolean; why: string }> {
  const opts = { cwd: dir, silent: true, allowFailure: true, timeoutMs: 30_000 } as const;
  const inside = await exec(['git', 'rev-parse', '--is-inside-work-tree'], opts).catch(
    () => undefined,
  );
  if (!inside || inside.exitCode !== 0)
    return { ok: false, why: 'no git checkout in the workspace' };
  const shallow = await exec(['git', 'rev-parse', '--is-shallow-repository'], opts);
  if (shallow.stdout.trim() !== 'false')
    return { ok: false, why: 'the checkout is shallow (use fetch-depth: 0)' };
  const has = await exec(['git', 'cat-file', '-e', `${targetSha}^{commit}`], opts);
  if (has.exitCode !== 0) return { ok: false, why: `the checkout does not contain ${targetSha}` };
  if (need.trees) {
    // https://git-scm.com/docs/partial-clone: the filter a promisor remote was cloned with.
    const filters = await exec(
      ['git', 'config', '--get-regexp', '^remote\\..*\\.partialclonefilter$'],
      opts,
    );
    if (/tree:/.test(filters.stdout))
      return { ok: false, why: 'the checkout has no trees (a tree:0 partial clone)' };
  }
  return { ok: true, why: 'full clone' };
}
