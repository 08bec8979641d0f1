import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exec } from '@promote/core/exec';

/** Where the repository is and who may read it. */
export interface FetchSource {
  /** GITHUB_SERVER_URL (git is served there: https://github.com/<owner>/<repo>.git). */
  serverUrl: string;
  /** GITHUB_API_URL, checked against serverUrl (see gitRemoteOf). */
  apiUrl: string;
  owner: string;
  repo: string;
  token: string;
}

export type FetchedHistory =
  { ok: true; dir: string; url: string; remove: () => Promise<void> } | { ok: false; why: string };

/**
 * The REST API's URL for a GitHub server: https://api.github.com for github.com,
 * https://api.<name>.ghe.com for GHE.com, <server>/api/v3 for GitHub Enterprise Server
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/variables#default-environment-variables).
 */
function apiUrlFor(serverUrl: string): string {
  const u = new URL(serverUrl);
  if (u.host === 'github.com') return 'https://api.github.com';
  if (u.host.endsWith('.ghe.com')) return `${u.protocol}//api.${u.host}`;
  return `${serverUrl}/api/v3`;
}

/**
 * The repository's git URL, when GITHUB_SERVER_URL and GITHUB_API_URL name the same server: the
 * token is for that API, so it is sent to that server's git and nowhere else.
 */
export function gitRemoteOf(src: FetchSource): { url: string } | { why: string } {
  const server = src.serverUrl.replace(/\/+$/, '');
  let expected: string;
  try {
    expected = apiUrlFor(server);
  } catch {
    return { why: `GITHUB_SERVER_URL "${server}" is not a URL` };
  }
  if (expected !== src.apiUrl.replace(/\/+$/, ''))
    return { why: `GITHUB_API_URL is not the API of GITHUB_SERVER_URL ${server}` };
  return { url: `${server}/${src.owner}/${src.repo}.git` };
}

/**
 * What a fetch brings besides commits and tags: `tree:0` nothing (tags, ancestry and messages
 * need no more); `blob:none` the trees too, for the release of one app of a monorepo, whose
 * commits are those that change its paths (a tree diff: git-history.ts commitsTouching). The
 * trees cost bytes, not requests (13.6 instead of 3.3 MiB for 20,000 commits and 2,300 files);
 * a tree:0 fetch would make git fetch each missing tree as the walk meets it (300 fetches for
 * 300 commits): actions/tag-release/README.md, "Monorepo apps".
 */
export type HistoryFilter = 'tree:0' | 'blob:none';

/**
 * A treeless fetch of the release commit and every tag into a private bare repository: commits
 * and annotated tags only, no trees, no blobs (`--filter=tree:0`, https://git-scm.com/docs/partial-clone,
 * https://git-scm.com/docs/git-rev-list#Documentation/git-rev-list.txt---filterltfilter-specgt).
 * That is what tags, ancestry and messages need, and it costs a handful of git HTTP requests and
 * no REST requests whatever the history's length (the API pages 100 commits a request). With
 * `blob:none` (an app's release) the trees come too: more bytes, the same requests.
 *
 * The checkout is never touched (a shallow one stays shallow). The token goes to git as an
 * `http.<url>.extraheader` in the environment (GIT_CONFIG_COUNT/KEY/VALUE,
 * https://git-scm.com/docs/git-config#Documentation/git-config.txt-GITCONFIGCOUNT), the way
 * actions/checkout authenticates (basic, user x-access-token): never in argv, a URL or a file.
 */
export async function fetchReleaseHistory(
  exec: Exec,
  src: FetchSource,
  targetSha: string,
  tempRoot: string = tmpdir(),
  filter: HistoryFilter = 'tree:0',
): Promise<FetchedHistory> {
  if (!src.token) return { ok: false, why: 'no token to fetch with' };
  const remote = gitRemoteOf(src);
  if ('why' in remote) return { ok: false, why: remote.why };
  const dir = await mkdtemp(join(tempRoot, 'promote-history-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  const basic = Buffer.from(`x-access-token:${src.token}`).toString('base64');
  const header = `AUTHORIZATION: basic ${basic}`;
  const server = new URL(remote.url).origin;
  const opts = { cwd: dir, silent: true, allowFailure: true, timeoutMs: 300_000 } as const;
  try {
    await exec(['git', 'init', '-q', '--bare'], opts);
    await exec(['git', 'remote', 'add', 'origin', remote.url], opts);
    const r = await exec(
      [
        'git',
        'fetch',
        '--quiet',
        `--filter=${filter}`,
        '--no-tags',
        '--no-write-fetch-head',
        'origin',
        `+${targetSha}:refs/promote/release`,
        '+refs/tags/*:refs/tags/*',
      ],
      {
        ...opts,
        secrets: [src.token, basic, header],
        env: {
          GIT_CONFIG_COUNT: '1',
          GIT_CONFIG_KEY_0: `http.${server}/.extraheader`,
          GIT_CONFIG_VALUE_0: header,
          // No terminal on a runner: a refused token fails at once instead of asking for one.
          GIT_TERMINAL_PROMPT: '0',
        },
      },
    );
    if (r.exitCode !== 0) {
      await remove();
      const tail = r.stderr.trim().split('\n').slice(-2).join(' ');
      return { ok: false, why: `git fetch failed (exit ${r.exitCode}): ${tail}` };
    }
    return { ok: true, dir, url: remote.url, remove };
  } catch (error) {
    await remove();
    return { ok: false, why: `git fetch failed: ${(error as Error).message}` };
  }
}
