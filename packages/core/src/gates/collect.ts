import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Clock } from '../clock.js';
import type { PreflightConfig } from '../config/sections/preflight.js';
import type { Exec } from '../exec.js';
import type { GitHubClient, RepoRef } from '../github/client.js';
import { readBranchProtection, type BranchProtection } from '../github/branch-rules.js';
import { compareFiles } from '../github/compare.js';
import { parseDuration } from '../time.js';
import picomatch from 'picomatch';
import type { ChangedFile } from './diff.js';
import { configuredGates } from './evaluate.js';
import type { CommandOutcome, PreflightFacts, PullRequestFacts, WorkflowRunInfo } from './facts.js';
import { notCollected } from './facts.js';
import { fact, missing, type Fact } from './types.js';

/** GitHub's hard limits on list endpoints (3,000 files, 250 commits: https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files): beyond them the list is silently cut. */
export const PR_FILES_LIMIT = 3000;
export const PR_COMMITS_LIMIT = 250;
export { COMPARE_FILE_LIMIT as COMPARE_FILES_LIMIT } from '../github/compare.js';

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
}

function describe(e: unknown): string {
  const err = e as { status?: number; message?: string };
  return err.status
    ? `GitHub answered ${err.status}: ${err.message ?? ''}`.trim()
    : (err.message ?? String(e));
}

async function attempt<T>(what: string, fn: () => Promise<T>): Promise<Fact<T>> {
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
export function reportPaths(config: PreflightConfig): string[] {
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

async function decodeContent(
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

/**
 * Read every fact the configured gates need, once, concurrently. Each read that fails is kept
 * as a reason (the gate then reports "cannot evaluate"), never dropped.
 */
export async function collectFacts(
  deps: CollectDeps,
  pr: PullRequestFacts,
  config: PreflightConfig,
): Promise<PreflightFacts> {
  const { github, repo, exec, workspace } = deps;
  const gates = new Set(
    configuredGates(config).filter(
      (g) => g === 'freeze' || (config[g] as { enabled: boolean }).enabled,
    ),
  );
  const needFiles =
    (deps.gateFiles?.length ?? 0) > 0 ||
    gates.has('tests') ||
    gates.has('diff-guard') ||
    (gates.has('change-size') && config['change-size']!.count.includes('areas'));
  const needCommits = gates.has('change-size');
  const needReviews = gates.has('approvals') || gates.has('diff-guard');
  const deployEnv = gates.has('approvals')
    ? config.approvals!['staging-deployment']?.environment
    : undefined;
  const compare = gates.has('drift') ? config.drift!.compare : undefined;

  const run = async (argv: readonly string[], timeout = '10m'): Promise<Fact<CommandOutcome>> =>
    attempt(argv[0] ?? 'command', async () => {
      const r = await exec(deps.resolveCommand ? await deps.resolveCommand(argv) : argv, {
        cwd: workspace,
        timeoutMs: parseDuration(timeout),
        allowFailure: true,
      });
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut };
    });

  const commandJobs: [string, Promise<Fact<CommandOutcome>>][] = [];
  if (gates.has('drift') && config.drift!.command)
    commandJobs.push(['drift', run(config.drift!.command)]);
  if (gates.has('backup') && config.backup!.command)
    commandJobs.push(['backup', run(config.backup!.command)]);
  if (gates.has('custom'))
    for (const c of config.custom!.commands)
      commandJobs.push([`custom:${c.name}`, run(c.run, c.timeout)]);

  const reportJobs = reportPaths(config).map(
    (p) =>
      [
        p,
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
        }),
      ] as const,
  );

  const filesP = needFiles
    ? attempt('PR files', () => readPullRequestFiles(github, repo, pr))
    : Promise.resolve(notCollected<{ files: ChangedFile[] }>('PR files'));
  const [files, commits, reviews, deployments, branch, compared, ciRuns, backupFile] =
    await Promise.all([
      filesP,
      needCommits
        ? attempt('PR commits', async () => {
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
          })
        : Promise.resolve(notCollected<{ messages: string[] }>('PR commits')),
      needReviews
        ? attempt('reviews', async () =>
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
          )
        : Promise.resolve(notCollected<never[]>('reviews')),
      deployEnv
        ? attempt(`deployments to ${deployEnv}`, async () => {
            const list = await github.paginate(github.rest.repos.listDeployments, {
              ...repo,
              sha: pr.headSha,
              environment: deployEnv,
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
          })
        : Promise.resolve(notCollected<never[]>('deployments')),
      gates.has('branch-protection')
        ? attempt(`branch ${deps.productionBranch}`, () =>
            readBranchProtection(github, repo, deps.productionBranch),
          )
        : Promise.resolve(notCollected<BranchProtection>('branch')),
      compare
        ? attempt(`compare ${compare.git}...${compare.staging}`, async () => {
            const { files: list, maybeTruncated } = await compareFiles(
              github,
              repo,
              compare.git,
              compare.staging,
            );
            const out: { files: typeof list; truncated?: string } = { files: list };
            if (maybeTruncated) {
              out.truncated = `the compare lists ${list.length} files, GitHub's maximum for a comparison: the difference may be larger, so drift cannot be ruled out`;
            }
            return out;
          })
        : Promise.resolve(notCollected<{ files: never[] }>('compare')),
      gates.has('ci')
        ? readCiRuns(github, repo, pr.headSha)
        : Promise.resolve(notCollected<WorkflowRunInfo[]>('workflow runs')),
      gates.has('backup') && config.backup!.file
        ? attempt(`backup file ${config.backup!.file.path}`, async () => {
            const p = config.backup!.file!.path;
            const abs = isAbsolute(p) ? p : resolve(workspace, p);
            const s = await stat(abs);
            return {
              mtime: s.mtime,
              contents: config.backup!.file!.read === 'contents' ? await readFile(abs, 'utf8') : '',
            };
          })
        : Promise.resolve(notCollected<{ mtime: Date; contents: string }>('backup file')),
    ]);

  const protectedContents = new Map<string, Fact<{ base: string | null; head: string | null }>>();
  if (gates.has('diff-guard') && files.ok) {
    const jobs: Promise<void>[] = [];
    for (const p of config['diff-guard']!['protected-paths'].filter((x) => x['json-path'])) {
      const match = picomatch(p.path, { dot: true });
      for (const f of files.value.files.filter(
        (x) => match(x.filename) && !protectedContents.has(x.filename),
      )) {
        protectedContents.set(f.filename, notCollected('contents'));
        jobs.push(
          attempt(`contents of ${f.filename}`, async () => ({
            base: await decodeContent(github, repo, f.previous_filename ?? f.filename, pr.baseSha),
            head: await decodeContent(github, repo, f.filename, pr.headSha),
          })).then((c) => {
            protectedContents.set(f.filename, c);
          }),
        );
      }
    }
    await Promise.all(jobs);
  }

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
    compare: compared,
    reports: new Map(await Promise.all(reportJobs.map(async ([p, f]) => [p, await f] as const))),
    commands: new Map(
      await Promise.all(commandJobs.map(async ([id, f]) => [id, await f] as const)),
    ),
    backupFile,
    protectedContents,
    ciRuns,
    gateFiles: deps.gateFiles ?? [],
  };
}
