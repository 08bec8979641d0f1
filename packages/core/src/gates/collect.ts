import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Clock } from '../clock.js';
import type { PreflightConfig } from '../config/sections/preflight.js';
import type { MigrateConfig } from '../config/sections/migrate.js';
import type { Exec } from '../exec.js';
import type { GitHubClient, RepoRef } from '../github/client.js';
import { readBranchProtection } from '../github/branch-rules.js';
import { compareFiles } from '../github/compare.js';
import { parseDuration } from '../time.js';
import picomatch from 'picomatch';
import type { ChangedFile } from './diff.js';
import { readMigrationFacts } from './migrations/collect-migrations.js';
import { configuredGates, type Gate } from './evaluate.js';
import { gateCommands } from './gate-files.js';
import type { CommandOutcome, PreflightFacts, PullRequestFacts, WorkflowRunInfo } from './facts.js';
import { notCollected } from './facts.js';
import { fact, missing, type Fact } from './types.js';

/** GitHub's hard limits on list endpoints (3,000 files, 250 commits: https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files): beyond them the list is silently cut. */
export const PR_FILES_LIMIT = 3000;
const PR_COMMITS_LIMIT = 250;

export interface CollectDeps {
  github: GitHubClient;
  repo: RepoRef;
  exec: Exec;
  clock: Clock;
  /** Where report files and commands are resolved (GITHUB_WORKSPACE). */
  workspace: string;
  checkName: string;
  productionBranch: string;
  /**
   * The argv a gate command really runs: preflight-gates replaces the repository's files with
   * the base branch's copies (base-scripts.ts). Throwing refuses the command. Default: as given.
   */
  resolveCommand?: (argv: readonly string[]) => Promise<readonly string[]>;
  /** The config file and the files gate commands name (gate-files.ts); diff-guard protects them. */
  gateFiles?: readonly string[];
  /** The migrate section: where the migrations gate finds the migrations and production. */
  migrate?: MigrateConfig;
  /** The step's environment: the migrations gate asks production when the database URL is in it. */
  env?: NodeJS.ProcessEnv;
  /** The PR's files, already read (apps: one list, read once and shared by every app). */
  files?: PreflightFacts['files'];
  /** Facts the apps' gates need although the repository-wide gates do not (issue #20). */
  alsoRead?: { commits?: boolean; reviews?: boolean };
}

function describe(e: unknown): string {
  const err = e as { status?: number; message?: string };
  return err.status
    ? `GitHub answered ${err.status}: ${err.message ?? ''}`.trim()
    : (err.message ?? String(e));
}

/** `fn()` as a fact; a failure kept as its reason. */
export async function attempt<T>(what: string, fn: () => Promise<T>): Promise<Fact<T>> {
  try {
    return fact(await fn());
  } catch (e) {
    return missing(`${what}: ${describe(e)}`);
  }
}

/** The PR read fresh from the API: labels and head SHA as they are now, not as the replayed payload says. */
export async function readPullRequest(
  github: GitHubClient,
  repo: RepoRef,
  number: number,
): Promise<PullRequestFacts> {
  const { data } = await github.rest.pulls.get({ ...repo, pull_number: number });
  return {
    number,
    title: data.title,
    body: data.body ?? '',
    author: data.user?.login ?? '',
    headSha: data.head.sha,
    headRef: data.head.ref,
    baseSha: data.base.sha,
    baseRef: data.base.ref,
    labels: data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
    changedFiles: data.changed_files,
    commits: data.commits,
  };
}

export async function readPullRequestFiles(
  github: GitHubClient,
  repo: RepoRef,
  pr: PullRequestFacts,
): Promise<{ files: ChangedFile[]; truncated?: string }> {
  const files = (await github.paginate(github.rest.pulls.listFiles, {
    ...repo,
    pull_number: pr.number,
    per_page: 100,
  })) as ChangedFile[];
  const out: { files: ChangedFile[]; truncated?: string } = {
    files: files.map((f) => {
      const c: ChangedFile = {
        filename: f.filename,
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
      };
      if (f.patch !== undefined) c.patch = f.patch;
      if (f.previous_filename) c.previous_filename = f.previous_filename;
      return c;
    }),
  };
  // GitHub's changed_files is the true count; the list stops at 3,000. A PR of exactly 3,000
  // files is complete, one of 3,001 is not, and then no gate that reads the diff may pass.
  if (pr.changedFiles > files.length) {
    out.truncated = `the PR changes ${pr.changedFiles} files but GitHub lists at most ${PR_FILES_LIMIT} (got ${files.length}); split the promotion`;
  }
  return out;
}

export async function readCiRuns(
  github: GitHubClient,
  repo: RepoRef,
  headSha: string,
): Promise<Fact<WorkflowRunInfo[]>> {
  return attempt('workflow runs', async () => {
    const runs = await github.paginate(github.rest.actions.listWorkflowRunsForRepo, {
      ...repo,
      head_sha: headSha,
      per_page: 100,
    });
    return (
      runs as {
        name?: string | null;
        status: string | null;
        conclusion: string | null;
        run_number: number;
        html_url: string;
      }[]
    ).map((r) => ({
      name: r.name ?? '',
      status: r.status ?? '',
      conclusion: r.conclusion,
      runNumber: r.run_number,
      url: r.html_url,
    }));
  });
}

/** Report and state files a config reads, relative to the workspace. */
function reportPaths(config: PreflightConfig): string[] {
  const paths: string[] = [];
  const on = <T extends { enabled: boolean }>(g: T | undefined): g is T => Boolean(g?.enabled);
  if (on(config.findings)) paths.push(...config.findings.sarif, ...config.findings.json);
  if (on(config.tests))
    paths.push(...config.tests.junit, ...config.tests.lcov, ...config.tests.cobertura);
  if (on(config.approvals)) paths.push(...config.approvals['state-files'].map((s) => s.path));
  return [...new Set(paths)];
}

/** Report files that do not exist: a user error, reported before anything is written. */
export async function missingReports(
  config: PreflightConfig,
  workspace: string,
): Promise<string[]> {
  const out: string[] = [];
  for (const p of reportPaths(config)) {
    const abs = isAbsolute(p) ? p : resolve(workspace, p);
    try {
      await stat(abs);
    } catch {
      out.push(p);
    }
  }
  if (config.backup?.enabled && config.backup.file) {
    const p = config.backup.file.path;
    try {
      await stat(isAbsolute(p) ? p : resolve(workspace, p));
    } catch {
      out.push(p);
    }
  }
  return out;
}

/** A file's text at `ref`, null when it is not there. */
export async function decodeContent(
  github: GitHubClient,
  repo: RepoRef,
  path: string,
  ref: string,
): Promise<string | null> {
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
      throw new Error(`${path} at ${ref} is not a file`);
    return Buffer.from(data.content, (data.encoding as BufferEncoding) || 'base64').toString(
      'utf8',
    );
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null;
    throw e;
  }
}

/** What the configured gates need read, decided from the config alone. */
interface Reads {
  files: boolean;
  commits: boolean;
  reviews: boolean;
  /** The environment whose deployments of the head SHA the approvals gate reads. */
  deployEnv?: string;
  branch: boolean;
  drift?: DriftCompare;
  ci: boolean;
  migrations: boolean;
  backupFile?: BackupFile;
  /** Protected paths whose base and head contents diff-guard compares at a JSON path. */
  jsonProtected: ProtectedPath[];
}

type DriftCompare = NonNullable<NonNullable<PreflightConfig['drift']>['compare']>;
type BackupFile = NonNullable<NonNullable<PreflightConfig['backup']>['file']>;
type ProtectedPath = NonNullable<PreflightConfig['diff-guard']>['protected-paths'][number];

function readsFor(config: PreflightConfig, gateFiles: readonly string[]): Reads {
  const gates = new Set(
    configuredGates(config).filter(
      (g) => g === 'freeze' || (config[g] as { enabled: boolean }).enabled,
    ),
  );
  const on = (g: Gate) => gates.has(g);
  return {
    files:
      gateFiles.length > 0 ||
      on('tests') ||
      on('migrations') ||
      on('diff-guard') ||
      (on('change-size') && config['change-size']!.count.includes('areas')),
    commits: on('change-size'),
    reviews: on('approvals') || on('diff-guard') || on('migrations'),
    deployEnv: on('approvals') ? config.approvals!['staging-deployment']?.environment : undefined,
    branch: on('branch-protection'),
    drift: on('drift') ? config.drift!.compare : undefined,
    ci: on('ci'),
    migrations: on('migrations'),
    backupFile: on('backup') ? config.backup!.file : undefined,
    jsonProtected: on('diff-guard')
      ? config['diff-guard']!['protected-paths'].filter((p) => p['json-path'])
      : [],
  };
}

/** `read()` when `needed`, else a fact saying `what` was not read. */
function readIf<T>(needed: unknown, what: string, read: () => Promise<Fact<T>>): Promise<Fact<T>> {
  return needed ? read() : Promise.resolve(notCollected<T>(what));
}

/** Each command the enabled gates run, concurrently, by id (`drift`, `backup`, `custom:<name>`). */
export async function runGateCommands(
  deps: Pick<CollectDeps, 'exec' | 'workspace' | 'resolveCommand'>,
  config: PreflightConfig,
): Promise<Map<string, Fact<CommandOutcome>>> {
  const run = (argv: readonly string[], timeout: string) =>
    attempt(argv[0] ?? 'command', async (): Promise<CommandOutcome> => {
      const r = await deps.exec(deps.resolveCommand ? await deps.resolveCommand(argv) : argv, {
        cwd: deps.workspace,
        timeoutMs: parseDuration(timeout),
        allowFailure: true,
      });
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut };
    });
  return new Map(
    await Promise.all(
      gateCommands(config).map(async (c) => [c.id, await run(c.argv, c.timeout)] as const),
    ),
  );
}

/** The report and state files the config names, by path as configured; a missing one is a reason. */
export async function readReportFiles(
  config: PreflightConfig,
  workspace: string,
): Promise<Map<string, Fact<string>>> {
  const read = (p: string) =>
    attempt(`report file ${p}`, async () => {
      try {
        return await readFile(isAbsolute(p) ? p : resolve(workspace, p), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT')
          throw new Error(
            `not found in ${workspace} (did the job that writes it run and upload it?)`,
          );
        throw e;
      }
    });
  return new Map(
    await Promise.all(reportPaths(config).map(async (p) => [p, await read(p)] as const)),
  );
}

/** The drift gate's compare of two refs; GitHub's file maximum means drift cannot be ruled out. */
export function readDriftCompare(
  github: GitHubClient,
  repo: RepoRef,
  compare: DriftCompare,
): Promise<PreflightFacts['compare']> {
  return attempt(`compare ${compare.git}...${compare.staging}`, async () => {
    const { files, maybeTruncated } = await compareFiles(
      github,
      repo,
      compare.git,
      compare.staging,
    );
    const out: { files: typeof files; truncated?: string } = { files };
    if (maybeTruncated) {
      out.truncated = `the compare lists ${files.length} files, GitHub's maximum for a comparison: the difference may be larger, so drift cannot be ruled out`;
    }
    return out;
  });
}

function readPullRequestCommits(
  github: GitHubClient,
  repo: RepoRef,
  pr: PullRequestFacts,
): Promise<PreflightFacts['commits']> {
  return attempt('PR commits', async () => {
    const list = await github.paginate(github.rest.pulls.listCommits, {
      ...repo,
      pull_number: pr.number,
      per_page: 100,
    });
    const out: { messages: string[]; truncated?: string } = {
      messages: list.map((c) => c.commit.message),
    };
    if (pr.commits > list.length) {
      out.truncated = `the PR has ${pr.commits} commits but GitHub lists at most ${PR_COMMITS_LIMIT} (got ${list.length}); the unit count may be low`;
    }
    return out;
  });
}

function readReviews(
  github: GitHubClient,
  repo: RepoRef,
  pr: PullRequestFacts,
): Promise<PreflightFacts['reviews']> {
  return attempt('reviews', async () =>
    (
      await github.paginate(github.rest.pulls.listReviews, {
        ...repo,
        pull_number: pr.number,
        per_page: 100,
      })
    ).map((r) => ({
      user: r.user?.login ?? '',
      state: r.state,
      submittedAt: r.submitted_at ?? '',
    })),
  );
}

/** The latest status of each deployment of `sha` to `environment`. */
function readDeployments(
  github: GitHubClient,
  repo: RepoRef,
  sha: string,
  environment: string,
): Promise<PreflightFacts['deployments']> {
  return attempt(`deployments to ${environment}`, async () => {
    const list = await github.paginate(github.rest.repos.listDeployments, {
      ...repo,
      sha,
      environment,
      per_page: 100,
    });
    return Promise.all(
      list.map(async (d) => {
        const { data } = await github.rest.repos.listDeploymentStatuses({
          ...repo,
          deployment_id: d.id,
          per_page: 1,
        });
        return { environment: d.environment, state: data[0]?.state ?? 'pending' };
      }),
    );
  });
}

function readBackupFile(
  file: BackupFile,
  workspace: string,
): Promise<PreflightFacts['backupFile']> {
  return attempt(`backup file ${file.path}`, async () => {
    const abs = isAbsolute(file.path) ? file.path : resolve(workspace, file.path);
    const s = await stat(abs);
    return {
      mtime: s.mtime,
      contents: file.read === 'contents' ? await readFile(abs, 'utf8') : '',
    };
  });
}

/** Base and head contents of each changed file under a protected path with a json-path. */
async function readProtectedContents(
  github: GitHubClient,
  repo: RepoRef,
  pr: PullRequestFacts,
  paths: readonly ProtectedPath[],
  files: PreflightFacts['files'],
): Promise<PreflightFacts['protectedContents']> {
  const contents: PreflightFacts['protectedContents'] = new Map();
  if (!files.ok) return contents;
  const jobs: Promise<void>[] = [];
  for (const p of paths) {
    const match = picomatch(p.path, { dot: true });
    for (const f of files.value.files.filter(
      (x) => match(x.filename) && !contents.has(x.filename),
    )) {
      contents.set(f.filename, notCollected('contents'));
      jobs.push(
        attempt(`contents of ${f.filename}`, async () => ({
          base: await decodeContent(github, repo, f.previous_filename ?? f.filename, pr.baseSha),
          head: await decodeContent(github, repo, f.filename, pr.headSha),
        })).then((c) => {
          contents.set(f.filename, c);
        }),
      );
    }
  }
  await Promise.all(jobs);
  return contents;
}

/**
 * Read every fact the configured gates need, once, concurrently. Each read that fails is kept
 * as a reason (the gate then reports "cannot evaluate"), never dropped.
 */
export async function collectFacts(
  deps: CollectDeps,
  pr: PullRequestFacts,
  config: PreflightConfig,
): Promise<PreflightFacts> {
  const { github, repo, workspace } = deps;
  const need = readsFor(config, deps.gateFiles ?? []);
  if (deps.alsoRead?.commits) need.commits = true;
  if (deps.alsoRead?.reviews) need.reviews = true;
  const commands = runGateCommands(deps, config);
  const reports = readReportFiles(config, workspace);
  const [files, commits, reviews, deployments, branch, compare, ciRuns, backupFile] =
    await Promise.all([
      deps.files
        ? Promise.resolve(deps.files)
        : readIf(need.files, 'PR files', () =>
            attempt('PR files', () => readPullRequestFiles(github, repo, pr)),
          ),
      readIf(need.commits, 'PR commits', () => readPullRequestCommits(github, repo, pr)),
      readIf(need.reviews, 'reviews', () => readReviews(github, repo, pr)),
      readIf(need.deployEnv, 'deployments', () =>
        readDeployments(github, repo, pr.headSha, need.deployEnv!),
      ),
      readIf(need.branch, 'branch', () =>
        attempt(`branch ${deps.productionBranch}`, () =>
          readBranchProtection(github, repo, deps.productionBranch),
        ),
      ),
      readIf(need.drift, 'compare', () => readDriftCompare(github, repo, need.drift!)),
      readIf(need.ci, 'workflow runs', () => readCiRuns(github, repo, pr.headSha)),
      readIf(need.backupFile, 'backup file', () => readBackupFile(need.backupFile!, workspace)),
    ]);
  const migrations = await readIf(need.migrations, 'migrations', () =>
    attempt('migrations', async () => {
      if (!deps.migrate) throw new Error('the migrate section was not passed to the collector');
      if (!files.ok) throw new Error(files.error);
      if (files.value.truncated) throw new Error(files.value.truncated);
      return readMigrationFacts(
        {
          exec: deps.exec,
          env: deps.env ?? {},
          workspace,
          readBase: (path) => decodeContent(github, repo, path, pr.baseSha),
        },
        deps.migrate,
        config.migrations!,
        files.value.files,
      );
    }),
  );
  const protectedContents = await readProtectedContents(
    github,
    repo,
    pr,
    need.jsonProtected,
    files,
  );
  return {
    now: deps.clock.now(),
    checkName: deps.checkName,
    productionBranch: deps.productionBranch,
    pr,
    files,
    commits,
    reviews,
    deployments,
    branch,
    compare,
    reports: await reports,
    commands: await commands,
    backupFile,
    protectedContents,
    ciRuns,
    gateFiles: deps.gateFiles ?? [],
    migrations,
  };
}
