import type { Exec } from '@promote/core/exec';
import type { CommitInfo, ReleaseHistory, TagInfo } from './history.js';

/** Commits per `git log` call: keeps each output far below exec's 16 MiB capture. */
const LOG_CHUNK = 2000;

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
  const git = async (args: string[], allow: number[] = [0], input?: string) => {
    const r = await exec(['git', ...args], {
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
      // One walk of the range for the SHAs, then their messages by SHA in chunks on stdin (keeps
      // each output far below exec's capture). Paging `git log` with --skip re-walked every
      // earlier commit per page; SHAs as argv cost git a lookup per argument.
      const shas = (await git(['rev-list', ...range, '--'])).stdout.split('\n').filter(Boolean);
      const out: CommitInfo[] = [];
      for (let i = 0; i < shas.length; i += LOG_CHUNK) {
        const { stdout } = await git(
          ['log', '--no-walk=unsorted', '--stdin', '-z', '--format=%H%x1f%P%x1f%B'],
          [0],
          shas.slice(i, i + LOG_CHUNK).join('\n') + '\n',
        );
        for (const rec of stdout.split('\0')) {
          if (!rec) continue;
          const [sha = '', parents = '', message = ''] = rec.split('\x1f');
          out.push({
            sha: sha.trim(),
            parents: parents.split(' ').filter(Boolean),
            message: message.trimEnd(),
          });
        }
      }
      if (out.length !== shas.length)
        throw new Error(`git log returned ${out.length} commits, expected ${shas.length}`);
      return out;
    },
    pullRequestLabels: labels,
  };
}

/**
 * Whether `dir` is a full clone that holds `targetSha`: a shallow clone (checkout's default
 * fetch-depth: 1) lacks the history and the tags, so the API is used instead.
 */
export async function canReadHistoryFrom(
  exec: Exec,
  dir: string,
  targetSha: string,
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
  return { ok: true, why: 'full clone' };
}
