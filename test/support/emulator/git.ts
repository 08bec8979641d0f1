// A real bare repository on disk: every ref, commit, tree, tag and comparison the emulator
// reports is git's own answer (argv arrays, never a shell string, started through test/support/spawner.ts).
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from '../spawner.js';
import { emulatorCacheDir } from './cache-dir.js';

export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
export const ZERO_SHA = '0000000000000000000000000000000000000000';

export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export interface Person {
  name: string;
  email: string;
  date: string;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: Person;
  committer: Person;
  message: string;
}

export interface TagInfo {
  sha: string;
  type: 'annotated' | 'lightweight';
  message: string;
  /** the tag object's own SHA (annotated) or the commit SHA (lightweight) */
  objectSha: string;
}

export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  sha: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  path: string;
  size?: number;
}

export interface CommitOptions {
  branch: string;
  files: Record<string, string | Buffer | null>;
  message: string;
  author?: { name: string; email: string };
  date?: string | Date;
  /** refuse (StaleBranchError) unless the branch is still at this SHA: a compare-and-swap commit */
  expectedTip?: string;
}

export class StaleBranchError extends Error {}

const DEFAULT_AUTHOR = { name: 'Octo Cat', email: 'octocat@users.noreply.github.com' };
const FORMAT = '%H%x1f%T%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%cn%x1f%ce%x1f%cI%x1f%B';

function isoDate(date: string | Date | undefined): string | undefined {
  if (date === undefined) return undefined;
  return (typeof date === 'string' ? new Date(date) : date).toISOString();
}

export class GitRepo {
  private writeLock: Promise<unknown> = Promise.resolve();
  private tmpCounter = 0;

  private constructor(
    readonly dir: string,
    readonly defaultBranch: string,
  ) {}

  /** A fresh bare repository whose default branch holds one commit (README.md). */
  static async create(defaultBranch = 'main'): Promise<GitRepo> {
    // Copying a ready-made repository costs no git process: emulator startup stays cheap.
    const template = await templateFor(defaultBranch);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'emulator-git-'));
    await cp(template, dir, { recursive: true });
    return new GitRepo(dir, defaultBranch);
  }

  /** Builds the repository every emulator starts from (one commit: README.md, fixed date, so a fixed SHA). */
  static async createFresh(dir: string, defaultBranch: string): Promise<GitRepo> {
    const repo = new GitRepo(dir, defaultBranch);
    await repo.run(['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`, dir]);
    await repo.commit({
      branch: defaultBranch,
      files: { 'README.md': '# app\n' },
      message: 'Initial commit',
      date: '2026-01-01T00:00:00Z',
    });
    return repo;
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Runs git against the bare repository; rejects with GitError on a non-zero exit. */
  run(
    args: string[],
    opts: {
      input?: string | Buffer;
      env?: Record<string, string>;
      allowExit?: number[];
      cwd?: string;
    } = {},
  ): Promise<string> {
    return this.runBuffer(args, opts).then((b) => b.toString('utf8'));
  }

  runBuffer(
    args: string[],
    opts: {
      input?: string | Buffer;
      env?: Record<string, string>;
      allowExit?: number[];
      cwd?: string;
    } = {},
  ): Promise<Buffer> {
    return runProcess('git', args, {
      cwd: opts.cwd ?? this.dir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GIT_DIR: this.dir,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_TERMINAL_PROMPT: '0',
        LC_ALL: 'C',
        ...opts.env,
      },
      input: opts.input ?? '',
    }).then(({ code, stdout, stderr }) => {
      if (code === 0 || (code !== null && opts.allowExit?.includes(code))) return stdout;
      const text = stderr.toString('utf8');
      throw new GitError(
        `git ${args[0] ?? ''} failed (${String(code)}): ${text.trim()}`,
        code,
        text,
      );
    });
  }

  /** Serialises writes so two concurrent API calls never race on a ref. */
  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.writeLock.then(fn, fn);
    this.writeLock = next.catch(() => undefined);
    return next;
  }

  /** The object SHA a ref or SHA names, or undefined. `revParse('main')`, `revParse('v1.0.0^{commit}')`. */
  async revParse(ref: string): Promise<string | undefined> {
    if (ref.startsWith('-')) return undefined;
    try {
      return (
        (await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', ref])).trim() ||
        undefined
      );
    } catch {
      return undefined;
    }
  }

  /** Tips of the named branches (one git process); missing branches are absent from the map. */
  async branchTips(branches: string[]): Promise<Map<string, string>> {
    const refs = branches.map((b) => `refs/heads/${b}`);
    const out = await this.run(['for-each-ref', '--format=%(refname)%1f%(objectname)', ...refs]);
    const tips = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [ref, sha] = line.split('\x1f');
      // for-each-ref matches prefixes (refs/heads/a also lists refs/heads/a/b): keep exact names only
      if (ref && sha && refs.includes(ref)) tips.set(ref.slice('refs/heads/'.length), sha);
    }
    return tips;
  }

  /** Resolves a branch, tag, full ref or (abbreviated) SHA to a commit SHA. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    for (const candidate of [`refs/heads/${ref}`, `refs/tags/${ref}`, ref]) {
      const sha = await this.revParse(`${candidate}^{commit}`);
      if (sha) return sha;
    }
    return undefined;
  }

  async objectType(sha: string): Promise<string | undefined> {
    try {
      return (await this.run(['cat-file', '-t', sha])).trim();
    } catch {
      return undefined;
    }
  }

  async branch(name: string, fromSha: string): Promise<void> {
    await this.locked(() => this.run(['update-ref', `refs/heads/${name}`, fromSha, ZERO_SHA]));
  }

  /** Moves a ref; `expectedOld` makes it a compare-and-swap (ZERO_SHA = must not exist). */
  async updateRef(ref: string, sha: string, expectedOld?: string): Promise<void> {
    const args = ['update-ref', ref, sha];
    if (expectedOld) args.push(expectedOld);
    await this.locked(() => this.run(args));
  }

  async deleteRef(ref: string): Promise<void> {
    await this.locked(() => this.run(['update-ref', '-d', ref]));
  }

  /** All refs (full names) with their object SHA and type, optionally under a prefix. */
  async listRefs(prefix = 'refs/'): Promise<{ ref: string; sha: string; type: string }[]> {
    const out = await this.run([
      'for-each-ref',
      '--format=%(refname)%1f%(objectname)%1f%(objecttype)',
      prefix,
    ]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [ref, sha, type] = line.split('\x1f') as [string, string, string];
        return { ref, sha, type };
      });
  }

  async hashObject(content: string | Buffer): Promise<string> {
    return (await this.run(['hash-object', '-w', '--stdin'], { input: content })).trim();
  }

  /** Writes a tree: starts from `baseTree` (or empty), applies blob/removal/subtree changes. */
  async writeTree(
    baseTree: string | undefined,
    changes: { path: string; mode: string; sha: string | null }[],
  ): Promise<string> {
    const index = path.join(this.dir, `emulator-index-${process.pid}-${++this.tmpCounter}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      await this.run(['read-tree', baseTree ?? '--empty'], { env });
      const lines: string[] = [];
      for (const c of changes) {
        if (c.sha === null) {
          lines.push(`0 ${ZERO_SHA}\t${c.path}`);
        } else if (c.mode === '040000') {
          await this.run(['update-index', '--index-info'], { env, input: lines.join('\n') + '\n' });
          lines.length = 0;
          await this.run(['rm', '--cached', '-r', '-q', '--ignore-unmatch', '--', c.path], { env });
          await this.run(['read-tree', `--prefix=${c.path}/`, c.sha], { env });
        } else {
          lines.push(`${c.mode} ${c.sha}\t${c.path}`);
        }
      }
      if (lines.length)
        await this.run(['update-index', '--index-info'], { env, input: lines.join('\n') + '\n' });
      return (await this.run(['write-tree'], { env })).trim();
    } finally {
      await rm(index, { force: true });
    }
  }

  async commitTree(opts: {
    tree: string;
    parents: string[];
    message: string;
    author?: { name: string; email: string; date?: string };
    committer?: { name: string; email: string; date?: string };
  }): Promise<string> {
    const author = opts.author ?? DEFAULT_AUTHOR;
    const committer = opts.committer ?? author;
    const env: Record<string, string> = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
    };
    const ad = isoDate(opts.author?.date);
    const cd = isoDate(opts.committer?.date) ?? ad;
    if (ad) env.GIT_AUTHOR_DATE = ad;
    if (cd) env.GIT_COMMITTER_DATE = cd;
    const args = ['commit-tree', opts.tree, ...opts.parents.flatMap((p) => ['-p', p]), '-F', '-'];
    return (await this.run(args, { env, input: opts.message })).trim();
  }

  /** Commits files to a branch (created from the default branch when missing); null deletes a file. */
  async commit(opts: CommitOptions): Promise<string> {
    const [sha] = await this.commitMany(opts.branch, [opts], opts.expectedTip);
    return sha as string;
  }

  /**
   * Several commits on one branch in one `git fast-import` run (one process instead of ~6 per
   * commit: 260 commits take well under a second). Returns the new SHAs, oldest first.
   */
  async commitMany(
    branch: string,
    commits: Omit<CommitOptions, 'branch' | 'expectedTip'>[],
    expectedTip?: string,
  ): Promise<string[]> {
    if (!commits.length) return [];
    return this.locked(async () => {
      const ref = `refs/heads/${branch}`;
      const current = await this.revParse(ref);
      if (expectedTip && current !== expectedTip) {
        throw new StaleBranchError(
          `${branch} is at ${current ?? 'nothing'}, expected ${expectedTip}`,
        );
      }
      const parent = current ?? (await this.revParse(`refs/heads/${this.defaultBranch}`));
      const chunks: Buffer[] = [];
      const data = (content: string | Buffer) => {
        const buf = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        chunks.push(Buffer.from(`data ${buf.length}\n`), buf, Buffer.from('\n'));
      };
      commits.forEach((c, i) => {
        const who = c.author ?? DEFAULT_AUTHOR;
        // An identity is one header line of the fast-import stream: a newline would inject commands.
        if (/[\n\r\0<>]/.test(`${who.name}${who.email}`))
          throw new GitError(`invalid author identity`, null, '');
        const when = Math.floor((c.date ? new Date(c.date) : new Date()).getTime() / 1000);
        const ident = `${who.name} <${who.email}> ${when} +0000`;
        chunks.push(
          Buffer.from(`commit ${ref}\nmark :${i + 1}\nauthor ${ident}\ncommitter ${ident}\n`),
        );
        data(c.message);
        if (i === 0 && parent) chunks.push(Buffer.from(`from ${parent}\n`));
        for (const [file, content] of Object.entries(c.files)) {
          if (content === null) {
            chunks.push(Buffer.from(`D ${quotePath(file)}\n`));
          } else {
            chunks.push(Buffer.from(`M 100644 inline ${quotePath(file)}\n`));
            data(content);
          }
        }
        chunks.push(Buffer.from('\n'));
      });
      const marks = path.join(this.dir, `emulator-marks-${process.pid}-${++this.tmpCounter}`);
      try {
        await this.run(['fast-import', '--quiet', '--date-format=raw', `--export-marks=${marks}`], {
          input: Buffer.concat(chunks),
        });
        const text = await readFile(marks, 'utf8');
        const byMark = new Map(
          text
            .split('\n')
            .filter(Boolean)
            .map((l) => l.split(' ') as [string, string]),
        );
        return commits.map((_, i) => byMark.get(`:${i + 1}`) as string);
      } finally {
        await rm(marks, { force: true });
      }
    });
  }

  /** Commits reachable from `ref`, newest first (like `git log`). */
  async log(
    ref: string,
    opts: { max?: number; path?: string; exclude?: string } = {},
  ): Promise<CommitInfo[]> {
    const args = ['log', '-z', `--format=${FORMAT}`];
    if (opts.max) args.push(`--max-count=${opts.max}`);
    args.push('--end-of-options', ref);
    if (opts.exclude) args.push(`^${opts.exclude}`);
    if (opts.path) args.push('--', opts.path);
    return parseCommits(await this.run(args));
  }

  async readCommit(sha: string): Promise<CommitInfo | undefined> {
    try {
      return parseCommits(
        await this.run([
          'log',
          '-z',
          '--no-walk=unsorted',
          `--format=${FORMAT}`,
          '--end-of-options',
          sha,
        ]),
      )[0];
    } catch {
      return undefined;
    }
  }

  async readFile(ref: string, file: string): Promise<string | undefined> {
    const buf = await this.readBlobAt(ref, file);
    return buf?.toString('utf8');
  }

  async readBlobAt(ref: string, file: string): Promise<Buffer | undefined> {
    try {
      return await this.runBuffer(['cat-file', 'blob', `${ref}:${file}`]);
    } catch {
      return undefined;
    }
  }

  async readBlob(sha: string): Promise<Buffer | undefined> {
    try {
      return await this.runBuffer(['cat-file', 'blob', sha]);
    } catch {
      return undefined;
    }
  }

  /** Entries of a tree (`ref:path` or a tree SHA); recursive lists every blob and subtree. */
  async lsTree(treeish: string, recursive = false): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-z', '-l', ...(recursive ? ['-r', '-t'] : []), treeish];
    const out = await this.run(args);
    return out
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode, type, sha, size] = line.slice(0, tab).split(/ +/) as [
          string,
          TreeEntry['type'],
          string,
          string,
        ];
        return {
          mode,
          type,
          sha,
          path: line.slice(tab + 1),
          ...(size !== '-' ? { size: Number(size) } : {}),
        };
      });
  }

  /** Tag name -> target commit SHA, kind and message (annotated tags' own message). */
  async tags(): Promise<Record<string, TagInfo>> {
    const out = await this.run([
      'for-each-ref',
      '--format=%(refname:strip=2)%1f%(objecttype)%1f%(objectname)%1f%(*objectname)%1f%(contents)%1e',
      'refs/tags',
    ]);
    const result: Record<string, TagInfo> = {};
    for (const record of out.split('\x1e\n').filter((r) => r.trim())) {
      const [name, type, objectSha, target, message] = record
        // eslint-disable-next-line no-control-regex -- git's record separator, on purpose
        .replace(/\x1e$/, '')
        .split('\x1f') as string[];
      const annotated = type === 'tag';
      result[name as string] = {
        sha: annotated ? (target as string) : (objectSha as string),
        type: annotated ? 'annotated' : 'lightweight',
        message: annotated ? (message ?? '') : '',
        objectSha: objectSha as string,
      };
    }
    return result;
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const out = await this.run(['merge-base', a, b], { allowExit: [1] });
    return out.trim() || undefined;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    try {
      await this.run(['merge-base', '--is-ancestor', ancestor, descendant]);
      return true;
    } catch (e) {
      if (e instanceof GitError && e.exitCode === 1) return false;
      throw e;
    }
  }

  async countCommits(range: string[]): Promise<number> {
    return Number((await this.run(['rev-list', '--count', ...range])).trim());
  }

  /** SHAs in `exclude..include`, oldest first (the order GitHub's compare lists them). */
  async revList(include: string, exclude?: string): Promise<string[]> {
    const args = ['rev-list', '--reverse', include];
    if (exclude) args.push(`^${exclude}`);
    return (await this.run(args)).split('\n').filter(Boolean);
  }

  async readCommits(shas: string[]): Promise<CommitInfo[]> {
    if (!shas.length) return [];
    return parseCommits(
      await this.run(['log', '-z', '--no-walk=unsorted', `--format=${FORMAT}`, ...shas]),
    );
  }

  /** The tree of merging `head` into `base` (git's own three-way merge), or undefined on conflict. */
  async mergeTree(base: string, head: string): Promise<string | undefined> {
    try {
      const out = await this.run(['merge-tree', '--write-tree', '--no-messages', base, head]);
      return out.split('\n')[0]?.trim();
    } catch (e) {
      if (e instanceof GitError && e.exitCode === 1) return undefined;
      throw e;
    }
  }

  /**
   * Merges `head` into branch `base` as GitHub's merge button does: 'merge' makes a merge commit
   * (always, even when a fast-forward were possible), 'squash' one commit with the combined change.
   * Returns the new commit SHA, or undefined when the branches conflict.
   */
  async merge(
    base: string,
    head: string,
    opts: {
      method?: 'merge' | 'squash' | 'rebase';
      message: string;
      author?: { name: string; email: string };
    },
  ): Promise<string | undefined> {
    return this.locked(async () => {
      const baseSha = await this.resolveCommit(base);
      const headSha = await this.resolveCommit(head);
      if (!baseSha || !headSha)
        throw new GitError(`cannot merge ${head} into ${base}: unknown ref`, null, '');
      if (opts.method === 'rebase') {
        const tip = await this.rebaseOnto(baseSha, headSha, opts.author);
        if (tip) await this.run(['update-ref', `refs/heads/${base}`, tip, baseSha]);
        return tip;
      }
      const tree = await this.mergeTree(baseSha, headSha);
      if (!tree) return undefined;
      const method = opts.method ?? 'merge';
      const parents = method === 'merge' ? [baseSha, headSha] : [baseSha];
      const sha = await this.commitTree({
        tree,
        parents,
        message: opts.message,
        author: opts.author,
      });
      await this.run(['update-ref', `refs/heads/${base}`, sha, baseSha]);
      return sha;
    });
  }

  /**
   * GitHub's "rebase and merge": every commit of head not in base is replayed on base with
   * `git cherry-pick` in a temporary worktree (authors kept, committer is the merger).
   * Returns the new tip, or undefined when a commit does not apply.
   */
  private async rebaseOnto(
    baseSha: string,
    headSha: string,
    committer: { name: string; email: string } = DEFAULT_AUTHOR,
  ): Promise<string | undefined> {
    const mergeBase = await this.mergeBase(baseSha, headSha);
    const commits = (await this.revList(headSha, mergeBase)).filter(Boolean);
    const worktree = await mkdtemp(path.join(os.tmpdir(), 'emulator-rebase-'));
    await this.run(['worktree', 'add', '--detach', '--quiet', worktree, baseSha]);
    // the worktree's .git file names its private git dir inside the bare repository
    const gitdir = (await readFile(path.join(worktree, '.git'), 'utf8'))
      .replace(/^gitdir: /, '')
      .trim();
    const env = {
      GIT_DIR: path.resolve(worktree, gitdir),
      GIT_WORK_TREE: worktree,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
    };
    try {
      for (const c of commits) {
        // merge commits in head are flattened, as GitHub's rebase does
        const parents = (await this.readCommit(c))?.parents ?? [];
        if (parents.length > 1) continue;
        try {
          await this.run(['cherry-pick', '--allow-empty', '--keep-redundant-commits', c], {
            cwd: worktree,
            env,
          });
        } catch (e) {
          if (e instanceof GitError) return undefined;
          throw e;
        }
      }
      return (await this.run(['rev-parse', 'HEAD'], { cwd: worktree, env })).trim();
    } finally {
      await this.run(['worktree', 'remove', '--force', worktree]).catch(() => undefined);
      await rm(worktree, { recursive: true, force: true });
      await this.run(['worktree', 'prune']).catch(() => undefined);
    }
  }

  /** Changed files between two commits (`from` undefined = the root commit's own files). */
  async diffFiles(
    from: string | undefined,
    to: string,
    limit = Infinity,
    withPatch = true,
  ): Promise<FileChange[]> {
    const base = from ?? EMPTY_TREE;
    const raw = await this.run(['diff-tree', '-r', '-z', '--no-renames', base, to]);
    const num = await this.run(['diff-tree', '-r', '-z', '--no-renames', '--numstat', base, to]);
    const parts = raw.split('\0');
    const files: FileChange[] = [];
    for (let i = 0; i + 1 < parts.length && files.length < limit; i += 2) {
      const meta = parts[i] as string;
      if (!meta.startsWith(':')) break;
      const [, , , newSha, status] = meta.slice(1).split(' ') as string[];
      const map: Record<string, FileChange['status']> = {
        A: 'added',
        D: 'removed',
        M: 'modified',
        T: 'changed',
      };
      files.push({
        filename: parts[i + 1] as string,
        status: map[status ?? 'M'] ?? 'modified',
        sha: newSha === ZERO_SHA ? (meta.slice(1).split(' ')[2] as string) : (newSha as string),
        additions: 0,
        deletions: 0,
        changes: 0,
      });
    }
    const byName = new Map(files.map((f) => [f.filename, f]));
    for (const rec of num.split('\0')) {
      const m = /^(\d+|-)\t(\d+|-)\t(.*)$/s.exec(rec);
      const f = m ? byName.get(m[3] as string) : undefined;
      if (!m || !f) continue;
      f.additions = m[1] === '-' ? 0 : Number(m[1]);
      f.deletions = m[2] === '-' ? 0 : Number(m[2]);
      f.changes = f.additions + f.deletions;
    }
    if (files.length && withPatch) {
      const patch = await this.run([
        'diff',
        '--no-renames',
        '--no-color',
        base,
        to,
        '--',
        ...files.map((f) => f.filename),
      ]);
      for (const chunk of patch.split(/^diff --git /m).slice(1)) {
        const hunk = chunk.indexOf('\n@@');
        const nameMatch = /^\+\+\+ b\/(.*)$/m.exec(chunk) ?? /^--- a\/(.*)$/m.exec(chunk);
        const f = nameMatch ? byName.get(nameMatch[1] as string) : undefined;
        if (f && hunk >= 0) f.patch = chunk.slice(hunk + 1).replace(/\n$/, '');
      }
    }
    return files;
  }
}

const templates = new Map<string, Promise<string>>();
// Bump when the starting repository changes.
const TEMPLATE_FORMAT = 1;

/**
 * The starting repository, built once per machine in the OS temp dir (atomically: built aside,
 * then renamed) and copied for every emulator, so no git process runs at startup.
 */
function templateFor(defaultBranch: string): Promise<string> {
  let template = templates.get(defaultBranch);
  if (!template) {
    template = (async () => {
      const root = emulatorCacheDir();
      const dir = path.join(
        root,
        `template-v${TEMPLATE_FORMAT}-${Buffer.from(defaultBranch).toString('hex')}.git`,
      );
      if (existsSync(path.join(dir, 'HEAD'))) return dir;
      await mkdir(root, { recursive: true });
      const building = await mkdtemp(path.join(root, 'building-'));
      await GitRepo.createFresh(building, defaultBranch);
      try {
        await rename(building, dir);
      } catch {
        await rm(building, { recursive: true, force: true }); // another process won the race
      }
      return dir;
    })();
    templates.set(defaultBranch, template);
  }
  return template;
}

/** fast-import path syntax: quote (C-style) when the path has spaces, quotes or newlines. */
function quotePath(p: string): string {
  if (!/[\s"\\]/.test(p)) return p;
  return `"${p.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

function parseCommits(out: string): CommitInfo[] {
  return out
    .split('\0')
    .filter((r) => r.length > 0)
    .map((record) => {
      const [sha, tree, parents, an, ae, ad, cn, ce, cd, ...rest] = record
        .replace(/^\n/, '')
        .split('\x1f');
      return {
        sha: sha as string,
        tree: tree as string,
        parents: (parents as string).split(' ').filter(Boolean),
        author: { name: an as string, email: ae as string, date: normalizeDate(ad as string) },
        committer: { name: cn as string, email: ce as string, date: normalizeDate(cd as string) },
        message: rest.join('\x1f').replace(/\n$/, ''),
      };
    });
}

/** GitHub reports commit dates in UTC with a Z suffix. */
function normalizeDate(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
