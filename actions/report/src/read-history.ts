import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { Logger } from '@promote/core/logger';
import { appOfPayload } from '@promote/core/deployment-payload';
import { deployOutcome, type StatusRecord } from '@promote/core/deployment-statuses';
import type { DeployFact, History, PreflightFact, RollbackFact, SealFact } from './history.js';
import { inPeriod, type Period } from './period.js';
import { failedGatesIn, overrideIn } from './preflight-record.js';

export interface ReadOptions {
  github: GitHubClient;
  repo: RepoRef;
  logger: Logger;
  period: Period;
  environment: string;
  productionBranch: string;
  /** Name of preflight-gates' check run (its `check-name` input). */
  checkName: string;
  /** Commit status context of the smoke seal (smoke.seal.context). */
  sealContext: string;
  /** One app of a monorepo (payload.app, issue #20); undefined: every deployment. */
  app?: string;
  /** How many requests were sent so far (the config read before); read again at the end. */
  requests: () => number;
}

/**
 * Deployments older than the period looked at to find the one before it that succeeded (the base
 * its first deploy's changes are compared with). Bounded: a long run of failures before the
 * period leaves that deploy's lead time unknown rather than reading the whole history.
 */
const LOOKBACK = 5;

const time = (iso: string) => Date.parse(iso);

/**
 * Everything the report needs, read once per run and each list paginated once: the
 * environment's deploy:migrate and deploy:rollback deployments back to the period's start (newest
 * first, so the reads stop there), each one's statuses, one compare per successful deploy, the
 * pull requests into production opened in the period and each one's preflight check runs.
 */
export async function readHistory(options: ReadOptions): Promise<History> {
  const gaps: string[] = [];
  const migrate = await readDeployments(options, 'deploy:migrate', LOOKBACK);
  const deployments = migrate.inPeriod;
  await dateChanges(options, deployments, migrate.before, gaps);
  await sealsFromCommitStatuses(options, deployments);
  const rollbacks = await readRollbacks(options);
  const preflight = await readPreflight(options);
  return {
    environment: options.environment,
    deployments,
    rollbacks,
    preflight,
    requests: options.requests(),
    gaps,
  };
}

interface RawDeployment {
  id: number;
  sha: string;
  created_at: string;
  creator: { login: string } | null;
  payload: unknown;
}

/** With an app, only its deployments (payload.app); without, every deployment. */
function ofApp(options: ReadOptions, d: RawDeployment): boolean {
  return options.app === undefined || appOfPayload(d.payload) === options.app;
}

async function statusesOf(options: ReadOptions, id: number): Promise<StatusRecord[]> {
  const { github, repo } = options;
  return (await github.paginate(github.rest.repos.listDeploymentStatuses, {
    ...repo,
    deployment_id: id,
    per_page: 100,
  })) as StatusRecord[];
}

async function toFact(options: ReadOptions, d: RawDeployment): Promise<DeployFact> {
  return {
    id: d.id,
    sha: d.sha,
    createdAt: d.created_at,
    ...deployOutcome(await statusesOf(options, d.id)),
  };
}

/**
 * The task's deployments created in the period (oldest first), and the newest successful one
 * before it (looking at most `lookback` deployments back).
 */
async function readDeployments(
  options: ReadOptions,
  task: string,
  lookback: number,
): Promise<{ inPeriod: DeployFact[]; before?: DeployFact }> {
  const { github, repo, period, environment } = options;
  const found: DeployFact[] = [];
  let before: DeployFact | undefined;
  let older = 0;
  const pages = github.paginate.iterator(github.rest.repos.listDeployments, {
    ...repo,
    environment,
    task,
    per_page: 100,
  });
  outer: for await (const page of pages) {
    for (const d of page.data as RawDeployment[]) {
      if (!ofApp(options, d)) continue;
      const created = time(d.created_at);
      if (created >= period.end) continue;
      if (inPeriod(period, created)) {
        found.push(await toFact(options, d));
        continue;
      }
      if (older++ >= lookback) break outer;
      const fact = await toFact(options, d);
      if (fact.outcome === 'success') {
        before = fact;
        break outer;
      }
    }
  }
  return { inPeriod: found.reverse(), ...(before ? { before } : {}) };
}

/**
 * Each successful deploy's changes: the commits between the previous successful deploy and it
 * (one compare), dated by the oldest author date among them.
 */
async function dateChanges(
  options: ReadOptions,
  deployments: DeployFact[],
  before: DeployFact | undefined,
  gaps: string[],
): Promise<void> {
  const { github, repo } = options;
  let base = before?.sha;
  let undated = 0;
  for (const d of deployments) {
    if (d.outcome !== 'success') continue;
    if (base === undefined) undated++;
    else if (base !== d.sha) {
      const { data } = await github.rest.repos.compareCommitsWithBasehead({
        ...repo,
        basehead: `${base}...${d.sha}`,
      });
      const dates = data.commits.flatMap((c) =>
        c.commit.author?.date ? [c.commit.author.date] : [],
      );
      d.commits = data.ahead_by;
      if (dates.length) d.firstCommitAt = dates.reduce((a, b) => (time(a) <= time(b) ? a : b));
      if (data.ahead_by > data.commits.length)
        gaps.push(
          `Deployment ${d.id} brought ${data.ahead_by} commits; GitHub's compare lists ${data.commits.length}, so its lead time starts at the oldest of those.`,
        );
    }
    base = d.sha;
  }
  if (undated)
    gaps.push(
      `${undated} successful deploy${undated === 1 ? ' has' : 's have'} no lead time: no earlier successful deploy within ${LOOKBACK} deployments before the period to compare with.`,
    );
}

/**
 * The seal as a commit status (smoke.seal.context on the deployed SHA), for successful deploys
 * whose deployment carries no seal (smoke.seal.deployment-status off, or no deployment-id given).
 */
async function sealsFromCommitStatuses(
  options: ReadOptions,
  deployments: DeployFact[],
): Promise<void> {
  const { github, repo, sealContext } = options;
  for (const d of deployments) {
    if (d.outcome !== 'success' || d.seals.length > 0) continue;
    const statuses = await github.paginate(github.rest.repos.listCommitStatusesForRef, {
      ...repo,
      ref: d.sha,
      per_page: 100,
    });
    d.seals = statuses
      .filter((s) => s.context === sealContext && s.state !== 'pending')
      .map((s): SealFact => ({ seal: s.state === 'success' ? 'green' : 'red', at: s.created_at }))
      .filter((s) => time(s.at) >= time(d.createdAt))
      .sort((a, b) => time(a.at) - time(b.at));
  }
}

async function readRollbacks(options: ReadOptions): Promise<RollbackFact[]> {
  const { github, repo, period, environment } = options;
  const rollbacks: RollbackFact[] = [];
  const pages = github.paginate.iterator(github.rest.repos.listDeployments, {
    ...repo,
    environment,
    task: 'deploy:rollback',
    per_page: 100,
  });
  outer: for await (const page of pages) {
    for (const d of page.data as RawDeployment[]) {
      if (!ofApp(options, d)) continue;
      const created = time(d.created_at);
      if (created >= period.end) continue;
      if (created < period.start) break outer;
      const statuses = await statusesOf(options, d.id);
      const success = statuses.find((s) => s.state === 'success');
      const payload = (d.payload ?? {}) as { reason?: unknown };
      rollbacks.unshift({
        id: d.id,
        sha: d.sha,
        createdAt: d.created_at,
        ...(success ? { succeededAt: success.created_at } : {}),
        by: d.creator?.login ?? '',
        reason: typeof payload.reason === 'string' ? payload.reason : '',
      });
    }
  }
  return rollbacks;
}

/** Pull requests into production opened in the period, newest first until the period's start. */
async function readPreflight(options: ReadOptions): Promise<PreflightFact[]> {
  const { github, repo, period, productionBranch, checkName } = options;
  const pulls: { number: number; sha: string }[] = [];
  const pages = github.paginate.iterator(github.rest.pulls.list, {
    ...repo,
    state: 'all',
    base: productionBranch,
    sort: 'created',
    direction: 'desc',
    per_page: 100,
  });
  outer: for await (const page of pages) {
    for (const pr of page.data) {
      if (time(pr.created_at) < period.start) break outer;
      pulls.push({ number: pr.number, sha: pr.head.sha });
    }
  }
  const facts: PreflightFact[] = [];
  for (const pr of pulls.reverse()) {
    const runs = await github.paginate(github.rest.checks.listForRef, {
      ...repo,
      ref: pr.sha,
      check_name: checkName,
      filter: 'all',
      per_page: 100,
    });
    for (const run of runs) {
      if (run.name !== checkName || run.status !== 'completed' || !run.completed_at) continue;
      const override = overrideIn(run.output.summary);
      facts.push({
        pullRequest: pr.number,
        sha: pr.sha,
        completedAt: run.completed_at,
        conclusion: run.conclusion ?? '',
        failedGates: run.conclusion === 'failure' ? failedGatesIn(run.output.title) : [],
        ...(override ? { override } : {}),
      });
    }
  }
  return facts;
}
