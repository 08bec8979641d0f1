import { appOfPayload } from './deployment-payload.js';
import { deployOutcome, type StatusRecord } from './deployment-statuses.js';
import type { GitHubClient, RepoRef } from './github/client.js';
import { COMPARE_FILE_LIMIT } from './github/compare.js';
import picomatch from 'picomatch';
import { formatDuration } from './time.js';

/**
 * Where a commit stands on a stage, read from GitHub alone (issue #20): migrate-with-rollback's
 * deploy:migrate deployment of the SHA to the stage's environment (payload.app names the app in
 * a monorepo) and the smoke seal prod-smoke-seal writes on it ("Smoke seal green: ...").
 * Never from a file a pull request could edit.
 */
export type StageState =
  /** No deploy:migrate deployment of this SHA (for this app) on the stage. */
  | 'not-deployed'
  /** Deployed (or deploying) and not sealed yet. */
  | 'unsealed'
  /** The deploy failed or was restored. */
  | 'failed'
  /** The newest seal is red. */
  | 'red'
  /** The newest seal is green: `greenSince` is when. */
  | 'green';

export interface StageSeal {
  state: StageState;
  environment: string;
  sha: string;
  app?: string;
  deploymentId?: number;
  /** When the seal turned green (the newest green seal with no red after it). */
  greenSince?: string;
}

/** A deploy:migrate deployment and its statuses (in the order GitHub lists them). */
export interface MigrateDeployment {
  id: number;
  payload: unknown;
  statuses: StatusRecord[];
}

interface RawDeployment {
  id: number;
  payload: unknown;
  created_at: string;
}

/**
 * The newest deploy:migrate deployment of `sha` to `environment` (of `app`, when given; without
 * an app, only deployments that name none) with its statuses, or undefined when there is none.
 * Two requests: the deployments and the chosen one's statuses.
 */
export async function readMigrateDeployment(
  github: GitHubClient,
  repo: RepoRef,
  where: { sha: string; environment: string; app?: string | undefined },
): Promise<MigrateDeployment | undefined> {
  const list = (await github.paginate(github.rest.repos.listDeployments, {
    ...repo,
    sha: where.sha,
    environment: where.environment,
    task: 'deploy:migrate',
    per_page: 100,
  })) as RawDeployment[];
  const newest = list
    .filter((d) => appOfPayload(d.payload) === where.app)
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)[0];
  return newest ? withStatuses(github, repo, newest) : undefined;
}

/** One request: a deployment's statuses. */
async function withStatuses(
  github: GitHubClient,
  repo: RepoRef,
  deployment: { id: number; payload: unknown },
): Promise<MigrateDeployment> {
  const statuses = (await github.paginate(github.rest.repos.listDeploymentStatuses, {
    ...repo,
    deployment_id: deployment.id,
    per_page: 100,
  })) as StatusRecord[];
  return { id: deployment.id, payload: deployment.payload, statuses };
}

/** Where `deployment` (the newest of the SHA on the stage, or none) leaves the SHA. Pure. */
function stageSealOf(
  base: { environment: string; sha: string; app?: string },
  deployment: MigrateDeployment | undefined,
): StageSeal {
  if (!deployment) return { state: 'not-deployed', ...base };
  const outcome = deployOutcome(deployment.statuses);
  const at = { ...base, deploymentId: deployment.id };
  if (outcome.outcome === 'failure' || outcome.outcome === 'error')
    return { state: 'failed', ...at };
  const last = outcome.seals.at(-1);
  if (!last) return { state: 'unsealed', ...at };
  if (last.seal === 'red') return { state: 'red', ...at };
  // The green run since the last red: a re-run that seals green again does not restart the soak.
  let since = last.at;
  for (let i = outcome.seals.length - 1; i >= 0 && outcome.seals[i]!.seal === 'green'; i--)
    since = outcome.seals[i]!.at;
  return { state: 'green', ...at, greenSince: since };
}

const placeOf = (where: { sha: string; environment: string; app?: string }) => ({
  environment: where.environment,
  sha: where.sha,
  ...(where.app ? { app: where.app } : {}),
});

/**
 * The newest deploy:migrate deployment of `sha` to `environment` (of `app`, when given) and its
 * seal. Two requests (readMigrateDeployment).
 */
export async function readStageSeal(
  github: GitHubClient,
  repo: RepoRef,
  where: { sha: string; environment: string; app?: string },
): Promise<StageSeal> {
  return stageSealOf(placeOf(where), await readMigrateDeployment(github, repo, where));
}

/** Deployments of an environment looked at for an app's newest deploy (one page, newest first). */
export const STAGE_DEPLOYMENTS_PAGE = 30;
/** An app's deployments compared with the head at most (one compare each). */
const APP_CANDIDATES = 5;

/** A deploy:migrate deployment as listed: its id, commit and payload (payload.app). */
export interface ListedDeployment {
  id: number;
  sha: string;
  payload: unknown;
}

/**
 * The environment's newest deploy:migrate deployments, newest first as GitHub lists them
 * (https://docs.github.com/en/rest/deployments/deployments#list-deployments): one request, read
 * once and shared by every app judged on the stage.
 */
export async function listStageDeployments(
  github: GitHubClient,
  repo: RepoRef,
  environment: string,
): Promise<ListedDeployment[]> {
  const { data } = await github.rest.repos.listDeployments({
    ...repo,
    environment,
    task: 'deploy:migrate',
    per_page: STAGE_DEPLOYMENTS_PAGE,
  });
  return data.map((d) => ({ id: d.id, sha: d.sha, payload: d.payload }));
}

/**
 * Where an app stands on the stage at `head` (issue #20): on-merge deploys only the apps a merge
 * changes, so a later merge that changed another app has no deployment of this one. The app's
 * newest deploy:migrate deployment on the environment (`deployments`, listStageDeployments)
 * whose commit `head` contains, with none of the app's files changed since, is the app at
 * `head`: its seal is judged. Bounded: at most APP_CANDIDATES compares and the chosen one's
 * statuses (the listed page is newest first, so the first deployment of a SHA is its newest).
 */
export async function readAppAtHead(
  github: GitHubClient,
  repo: RepoRef,
  where: {
    head: string;
    environment: string;
    app: { name: string; paths: readonly string[] };
    deployments: readonly ListedDeployment[];
  },
): Promise<StageSeal> {
  const { head, environment, app } = where;
  const mine = where.deployments.filter((d) => appOfPayload(d.payload) === app.name);
  const seen = new Set<string>();
  const match = picomatch([...app.paths], { dot: true });
  const sealAt = async (deployment: ListedDeployment) =>
    stageSealOf(
      placeOf({ sha: deployment.sha, environment, app: app.name }),
      await withStatuses(github, repo, deployment),
    );
  for (const deployment of mine) {
    const { sha } = deployment;
    if (seen.has(sha)) continue;
    seen.add(sha);
    if (seen.size > APP_CANDIDATES) break;
    if (sha === head) return sealAt(deployment);
    const { data: cmp } = await github.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${sha}...${head}`,
      per_page: 1,
    });
    const files = cmp.files ?? [];
    const complete = files.length < COMPARE_FILE_LIMIT;
    if (
      (cmp.status === 'ahead' || cmp.status === 'identical') &&
      complete &&
      !files.some(
        (f) => match(f.filename) || (f.previous_filename ? match(f.previous_filename) : false),
      )
    )
      return sealAt(deployment);
  }
  return { state: 'not-deployed', environment, sha: head, app: app.name };
}

export interface SoakVerdict {
  ready: boolean;
  /** Milliseconds of soak still to go (0 when ready or when the stage is not green). */
  remainingMs: number;
  /** One line for a check run or a log: what was found and what is missing. */
  text: string;
}

/**
 * Whether a change may leave the stage: sealed green there for at least `soakMs` at `now`. Pure.
 */
export function judgeSoak(
  seal: StageSeal,
  stageName: string,
  soakMs: number,
  now: Date,
): SoakVerdict {
  const short = seal.sha.slice(0, 7);
  const of = seal.app ? ` (app ${seal.app})` : '';
  const none = (text: string): SoakVerdict => ({ ready: false, remainingMs: 0, text });
  switch (seal.state) {
    case 'not-deployed':
      return none(
        `${short}${of} has not been deployed to ${stageName} (${seal.environment}); promote it there first`,
      );
    case 'failed':
      return none(
        `${short}${of} failed to deploy to ${stageName} (deployment ${seal.deploymentId})`,
      );
    case 'unsealed':
      return none(
        `${short}${of} is deployed to ${stageName} but not sealed yet (deployment ${seal.deploymentId})`,
      );
    case 'red':
      return none(`${short}${of} is sealed red on ${stageName} (deployment ${seal.deploymentId})`);
    case 'green': {
      const green = now.getTime() - Date.parse(seal.greenSince!);
      const soak = soakMs > 0 ? `; soak ${formatDuration(soakMs)}` : '';
      if (green >= soakMs)
        return {
          ready: true,
          remainingMs: 0,
          text: `${short}${of} sealed green on ${stageName} ${formatDuration(Math.max(0, green))} ago${soak}`,
        };
      const remainingMs = soakMs - green;
      return {
        ready: false,
        remainingMs,
        text: `${short}${of} sealed green on ${stageName} ${formatDuration(Math.max(0, green))} ago${soak}: ${formatDuration(remainingMs)} left (ready at ${new Date(Date.parse(seal.greenSince!) + soakMs).toISOString()})`,
      };
    }
  }
}
