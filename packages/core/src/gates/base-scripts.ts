import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GitHubClient, RepoRef } from '../github/client.js';
import { repoPathOf } from './gate-files.js';

/**
 * Gate commands run the base branch's scripts against the PR's files (issue #16: what the PR
 * changes is judged, never obeyed). Each argv element that names a file of the repository is
 * fetched from the base SHA through the contents API into a private folder, and the command gets
 * that copy's absolute path; the command still runs in the workspace (the PR's checkout), which
 * is what it judges. The contents API needs no git history and no persisted credentials, so a
 * shallow checkout (actions/checkout's default, persist-credentials: false) is enough.
 *
 * An element that names no file at the base stays as it is (a tool on PATH, a file the job
 * generated) unless the PR itself adds that file: then the command is refused, because running it
 * would obey the PR.
 */
export interface BaseScripts {
  /** The argv to run, with repository files replaced by their base copies; throws when refused. */
  resolve(argv: readonly string[]): Promise<string[]>;
  /** Repository paths taken from the base so far (for the log). */
  readonly taken: ReadonlySet<string>;
  /** Remove the private folder. */
  dispose(): Promise<void>;
}

export interface BaseScriptsOptions {
  github: GitHubClient;
  repo: RepoRef;
  base: { ref: string; sha: string };
  headSha: string;
  /** Parent of the private folder (RUNNER_TEMP on a runner). */
  tempRoot?: string;
}

type Blob = { kind: 'file'; content: Buffer } | { kind: 'absent' } | { kind: 'other' };

async function readBlob(
  github: GitHubClient,
  repo: RepoRef,
  path: string,
  ref: string,
): Promise<Blob> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
      return { kind: 'other' };
    if (data.encoding === 'none' || (data.content === '' && data.size > 0))
      throw new Error(
        `${path} at ${ref.slice(0, 12)} is ${data.size} bytes, more than the contents API returns (1 MB)`,
      );
    return { kind: 'file', content: Buffer.from(data.content, 'base64') };
  } catch (e) {
    if ((e as { status?: number }).status === 404) return { kind: 'absent' };
    throw e;
  }
}

export async function createBaseScripts(options: BaseScriptsOptions): Promise<BaseScripts> {
  const { github, repo, base, headSha } = options;
  const dir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'promote-base-scripts-'));
  const taken = new Set<string>();
  const copies = new Map<string, Promise<string | undefined>>();

  const copyOf = (path: string, program: boolean): Promise<string | undefined> => {
    const key = `${program ? 'x' : 'r'}:${path}`;
    let p = copies.get(key);
    if (!p) {
      p = (async () => {
        const blob = await readBlob(github, repo, path, base.sha);
        if (blob.kind === 'other') return undefined;
        if (blob.kind === 'absent') {
          const head = await readBlob(github, repo, path, headSha);
          if (head.kind === 'file')
            throw new Error(
              `${path} is not on ${base.ref} (${base.sha.slice(0, 12)}); this PR adds it. Gates run only the scripts the base branch has: merge the script first, then the gate can run it`,
            );
          return undefined;
        }
        const target = join(dir, program ? 'x' : 'r', path);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, blob.content);
        // The contents API does not say whether a file is executable: the program of a command
        // (`./scripts/check.sh`) must be, an argument (`python3 scripts/check.py`) need not be.
        await chmod(target, program ? 0o755 : 0o644);
        taken.add(path);
        return target;
      })();
      copies.set(key, p);
    }
    return p;
  };

  return {
    taken,
    async resolve(argv) {
      return Promise.all(
        argv.map(async (arg, i) => {
          const path = repoPathOf(arg);
          if (!path) return arg;
          return (await copyOf(path, i === 0)) ?? arg;
        }),
      );
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
