import { deployOutcome, type StatusRecord } from './deployment-statuses.js';
import type { GitHubClient, RepoRef } from './github/client.js';
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

interface RawDeployment {
  id: number;
  payload: unknown;
  created_at: string;
}

function payloadApp(payload: unknown): string | undefined {
  let p = payload;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p) as unknown;
    } catch {
      return undefined;
    }
  }
  const app = (p as { app?: unknown } | null)?.app;
  return typeof app === 'string' && app !== '' ? app : undefined;
}

/**
 * The newest deploy:migrate deployment of `sha` to `environment` (of `app`, when given; without
 * an app, only deployments that name none) and its seal. Two requests: the deployments and the
 * chosen one's statuses.
 */
export async function readStageSeal(
  github: GitHubClient,
  repo: RepoRef,
  where: { sha: string; environment: string; app?: string },
): Promise<StageSeal> {
  const base = {
    environment: where.environment,
    sha: where.sha,
    ...(where.app ? { app: where.app } : {}),
  };
  const list = (await github.paginate(github.rest.repos.listDeployments, {
    ...repo,
    sha: where.sha,
    environment: where.environment,
    task: 'deploy:migrate',
    per_page: 100,
  })) as RawDeployment[];
  const mine = list
    .filter((d) => payloadApp(d.payload) === where.app)
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  const newest = mine[0];
  if (!newest) return { state: 'not-deployed', ...base };
  const statuses = (await github.paginate(github.rest.repos.listDeploymentStatuses, {
    ...repo,
    deployment_id: newest.id,
    per_page: 100,
  })) as StatusRecord[];
  const outcome = deployOutcome(statuses);
  const at = { ...base, deploymentId: newest.id };
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
