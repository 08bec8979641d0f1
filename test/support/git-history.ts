/**
 * Real git histories in temp repositories, for tag-release tests and benches: linear runs, merge
 * commits, squash merges, `git revert`, breaking footers, prereleases, tag prefixes, tags on other
 * branches, hundreds of tags, and 10,000 commits in about a second through `git fast-import`.
 * Everything is git's own answer: messages `git revert` writes, ancestry from merge-base.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReleaseHistory } from '../../actions/tag-release/src/history.js';
import { gitReleaseHistory } from '../../actions/tag-release/src/git-history.js';
import { createExec } from '../../packages/core/src/exec.js';
import { memoryLogger } from '../../packages/core/src/logger.js';

const BASE_ENV = {
  GIT_AUTHOR_NAME: 'Ada Dev',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Dev',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export interface GitHistoryOptions {
  /** Default branch name. Default main. */
  branch?: string;
  /** Use this directory instead of a new temp dir (it must not be a repository yet). */
  dir?: string;
}

export class GitHistory {
  private counter = 0;
  /** Commit timestamps: one minute apart, so dates are ordered unless a test says otherwise. */
  private time = Date.UTC(2026, 0, 1) / 1000;

  constructor(
    readonly dir: string,
    readonly mainBranch: string,
  ) {}

  git(args: string[], input?: string, extraEnv: Record<string, string> = {}): string {
    return this.run('git', args, input, extraEnv);
  }

  /** `program args` in the repository, its dates one minute after the last call's. */
  private run(
    program: string,
    args: string[],
    input?: string,
    extraEnv: Record<string, string> = {},
  ): string {
    this.time += 60;
    const date = `${this.time} +0000`;
    return execFileSync(program, args, {
      cwd: this.dir,
      input,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: {
        ...process.env,
        ...BASE_ENV,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        ...extraEnv,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    }).trimEnd();
  }

  /** A commit on the current branch that changes a file of its own (so it can be reverted). */
  commit(message: string, options: { file?: string; content?: string } = {}): string {
    const n = ++this.counter;
    const file = options.file ?? `changes/c${n}.txt`;
    const path = join(this.dir, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, options.content ?? `change ${n}\n`);
    // add, commit and rev-parse in one process started (each start from a large test process is
    // dear: test/support/spawner.ts); the file name is an argument, never part of the script.
    // The clock moves as if they were three calls: the commit is dated by the second.
    this.time += 60;
    const sha = this.run(
      'sh',
      ['-c', 'git add -- "$1" && git commit -q -F - && git rev-parse HEAD', 'sh', file],
      message,
    );
    this.time += 60;
    return sha;
  }

  head(ref = 'HEAD'): string {
    return this.git(['rev-parse', `${ref}^{commit}`]);
  }

  currentBranch(): string {
    return this.git(['rev-parse', '--abbrev-ref', 'HEAD']);
  }

  /** Create `name` at `from` (default HEAD) and switch to it. */
  branch(name: string, from = 'HEAD'): void {
    this.git(['checkout', '-q', '-b', name, from]);
  }

  checkout(name: string): void {
    this.git(['checkout', '-q', name]);
  }

  /** GitHub's "Create a merge commit": --no-ff with "Merge pull request #n from owner/branch\n\n<title>". */
  mergePullRequest(branch: string, pr: number, title: string, into = this.mainBranch): string {
    this.checkout(into);
    this.git([
      'merge',
      '-q',
      '--no-ff',
      '-m',
      `Merge pull request #${pr} from acme/${branch}`,
      '-m',
      title,
      branch,
    ]);
    return this.head();
  }

  /** GitHub's "Squash and merge": one commit "<title> (#n)" with the branch's messages as body. */
  squashPullRequest(branch: string, pr: number, title: string, into = this.mainBranch): string {
    this.checkout(into);
    const log = this.git(['log', '--format=* %s', `${into}..${branch}`]);
    this.git(['merge', '-q', '--squash', branch]);
    this.git(['commit', '-q', '-F', '-'], `${title} (#${pr})\n\n${log}`);
    return this.head();
  }

  /** `git revert --no-edit` (merge commits with -m 1): git's own "Revert ..." message. */
  revert(sha: string): string {
    const parents = this.git(['rev-list', '--parents', '-n', '1', sha]).split(' ').length - 1;
    this.git(['revert', '--no-edit', ...(parents > 1 ? ['-m', '1'] : []), sha]);
    return this.head();
  }

  /** A tag at `target` (default HEAD); annotated unless `lightweight`. */
  tag(
    name: string,
    target = 'HEAD',
    options: { lightweight?: boolean; message?: string } = {},
  ): void {
    if (options.lightweight) this.git(['tag', name, target]);
    else this.git(['tag', '-a', name, '-m', options.message ?? name, target]);
  }

  /** Many lightweight tags in one `git update-ref --stdin` (hundreds of tags in milliseconds). */
  tagMany(tags: { name: string; sha: string }[]): void {
    this.git(
      ['update-ref', '--stdin'],
      tags.map((t) => `create refs/tags/${t.name} ${t.sha}\n`).join(''),
    );
  }

  /**
   * Append `count` commits to the current branch with one `git fast-import` (10,000 commits in
   * about a second). Each touches its own file. Returns their SHAs, oldest first.
   */
  appendCommits(count: number, message: (i: number) => string): string[] {
    const branchRef = `refs/heads/${this.currentBranch()}`;
    const parent = this.head();
    const chunks: string[] = [];
    for (let i = 0; i < count; i++) {
      this.time += 60;
      const msg = message(i);
      const content = `bulk ${i}\n`;
      chunks.push(
        `commit ${branchRef}\nmark :${i + 1}\n` +
          `author Ada Dev <ada@example.com> ${this.time} +0000\n` +
          `committer Ada Dev <ada@example.com> ${this.time} +0000\n` +
          `data ${Buffer.byteLength(msg)}\n${msg}\n` +
          (i === 0 ? `from ${parent}\n` : '') +
          `M 100644 inline bulk/f${i % 1000}.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`,
      );
    }
    this.git(['fast-import', '--quiet', '--done'], chunks.join('') + 'done\n');
    this.git(['reset', '-q', '--hard', branchRef]);
    return this.git(['rev-list', '--reverse', `${parent}..${branchRef}`])
      .split('\n')
      .filter(Boolean);
  }

  /** Push every branch and tag to another repository (e.g. the emulator's bare repo). */
  pushTo(remotePath: string): void {
    this.git(['push', '-q', '--force', remotePath, '--all']);
    this.git(['push', '-q', '--force', remotePath, '--tags']);
  }

  /**
   * The action's own git-backed ReleaseHistory (history: git) over this repository; PR labels
   * come from `labels`. `calls` counts each operation (what the API would be asked).
   */
  releaseHistory(
    labels: Map<number, string[]> = new Map(),
  ): ReleaseHistory & { calls: Record<string, number> } {
    const calls: Record<string, number> = {
      listTags: 0,
      isAncestor: 0,
      commitsBetween: 0,
      pullRequestLabels: 0,
      commitsTouching: 0,
    };
    const inner = gitReleaseHistory(
      createExec({ logger: memoryLogger(), env: { ...process.env, ...BASE_ENV } }),
      this.dir,
      async (numbers) => new Map(numbers.map((n) => [n, labels.get(n) ?? []])),
    );
    const count =
      <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> => {
        calls[name] = (calls[name] ?? 0) + 1;
        return fn(...args);
      };
    return {
      calls,
      listTags: count('listTags', inner.listTags),
      isAncestor: count('isAncestor', inner.isAncestor),
      commitsBetween: count('commitsBetween', inner.commitsBetween),
      pullRequestLabels: count('pullRequestLabels', inner.pullRequestLabels),
      commitsTouching: count('commitsTouching', inner.commitsTouching!),
    };
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A new repository with one root commit "chore: initial commit" on `main`. */
export function createGitHistory(options: GitHistoryOptions = {}): GitHistory {
  const branch = options.branch ?? 'main';
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'promote-git-history-'));
  execFileSync('git', ['init', '-q', '-b', branch, dir], { env: { ...process.env, ...BASE_ENV } });
  const h = new GitHistory(dir, branch);
  h.commit('chore: initial commit', { file: 'README.md', content: '# demo\n' });
  return h;
}
