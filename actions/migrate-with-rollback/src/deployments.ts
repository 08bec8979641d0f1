import type { Logger } from '@promote/core/logger';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { describeGitHubError } from '@promote/core/github/request-errors';
import { findLanded, mayHaveLanded } from '@promote/core/github/landed';
import { fitLine, STATUS_DESCRIPTION_LIMIT } from '@promote/core/github/limits';
import { appOfPayload, payloadObject } from '@promote/core/deployment-payload';
import { backupInDescription } from '@promote/core/deployment-statuses';

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

export interface DeploymentRecorder {
  id: number | undefined;
  status(state: DeploymentState, description: string): Promise<void>;
  /** What GitHub refused to record (the run goes on; the end of the run says so). */
  readonly unrecorded: readonly string[];
}

/** GitHub caps a deployment status description at 140 characters. */
export function fitDescription(text: string): string {
  return fitLine(text, STATUS_DESCRIPTION_LIMIT);
}

/**
 * A deployment per run, ref = the merge commit, so "what is in production, since when, and
 * which backup goes with it" is visible on GitHub. Recording is not worth failing production
 * for: API trouble is a warning, and the run goes on.
 */
export async function createDeployment(options: {
  github: GitHubClient;
  repo: RepoRef;
  logger: Logger;
  sha: string;
  environment: string;
  task: 'deploy:migrate' | 'deploy:rollback';
  description: string;
  payload: Record<string, unknown>;
  logUrl: string;
  /** An unfinished deployment of this SHA from an earlier attempt: post on it, create nothing. */
  reuse?: number;
}): Promise<DeploymentRecorder> {
  const { github, repo, logger } = options;
  const unrecorded: string[] = [];
  let id: number | undefined = options.reuse;
  if (id === undefined)
    try {
      const create = (retries?: number) =>
        github.rest.repos.createDeployment({
          ...repo,
          ref: options.sha,
          environment: options.environment,
          task: options.task,
          auto_merge: false,
          required_contexts: [],
          description: fitDescription(options.description),
          payload: options.payload as { [key: string]: unknown },
          production_environment: true,
          transient_environment: false,
          ...(retries === undefined ? {} : { request: { retries } }),
        });
      let data: { id: number } | { message?: string };
      try {
        // Not retried blindly: a create whose answer was lost has landed, and a second POST would
        // record the deploy twice (found by test/reliability). Look for it first.
        ({ data } = await create(0));
      } catch (error) {
        if (!mayHaveLanded(error)) throw error;
        const landed = await findLanded(error, () => findDeployment(github, repo, options));
        data = landed ?? (await create()).data;
      }
      if ('id' in data) id = data.id;
      else {
        const why = (data as { message?: string }).message ?? 'no reason given';
        unrecorded.push(`the deployment (${why})`);
        logger.warning(`GitHub did not create the deployment: ${why}`);
      }
    } catch (error) {
      unrecorded.push(`the deployment (${describeGitHubError(error)})`);
      logger.warning(
        `Could not record the deployment on GitHub (${describeGitHubError(error)}); continuing.`,
      );
    }
  return {
    id,
    unrecorded,
    async status(state, description) {
      if (id === undefined) return;
      try {
        await github.rest.repos.createDeploymentStatus({
          ...repo,
          deployment_id: id,
          state,
          description: fitDescription(description),
          log_url: options.logUrl,
          environment: options.environment,
          auto_inactive: state === 'success',
        });
      } catch (error) {
        unrecorded.push(`deployment status ${state} (${describeGitHubError(error)})`);
        logger.warning(
          `Could not record deployment status ${state} (${describeGitHubError(error)}).`,
        );
      }
    },
  };
}

export interface PriorDeployment {
  id: number;
  /** Latest status of the deployment ('none' when it has none; 'inactive' = succeeded, superseded). */
  state: string;
  description: string;
  /** A later manual rollback of this SHA succeeded: production no longer has this deploy. */
  rolledBack: boolean;
}

const latestStatus = async (github: GitHubClient, repo: RepoRef, id: number) =>
  (await github.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id, per_page: 1 }))
    .data[0];

/**
 * The newest deploy:migrate deployment of this SHA in this environment (of this app: payload.app,
 * issue #20; without an app, those that name none) and how it ended: a run for a merge that is
 * already deployed does nothing, and a re-run after a failed or killed attempt posts on that
 * attempt's deployment instead of recording the deploy twice.
 */
export async function findPriorDeployment(options: {
  github: GitHubClient;
  repo: RepoRef;
  sha: string;
  environment: string;
  app?: string | undefined;
}): Promise<PriorDeployment | undefined> {
  const { github, repo, sha, environment } = options;
  const list = async (task: string) =>
    (
      await github.rest.repos.listDeployments({ ...repo, sha, environment, task, per_page: 100 })
    ).data.filter((d) => appOfPayload(d.payload) === options.app);
  const [newest] = await list('deploy:migrate');
  if (!newest) return undefined;
  const status = await latestStatus(github, repo, newest.id);
  let rolledBack = false;
  // inactive: it succeeded and a later success in the environment superseded it (auto_inactive).
  if (status?.state === 'success' || status?.state === 'inactive') {
    for (const r of await list('deploy:rollback')) {
      if (r.id <= newest.id) continue; // ids grow; timestamps have one-second resolution
      if ((await latestStatus(github, repo, r.id))?.state === 'success') rolledBack = true;
    }
  }
  return {
    id: newest.id,
    state: status?.state ?? 'none',
    description: status?.description ?? '',
    rolledBack,
  };
}

/**
 * The backup recorded for a commit, newest deployment first: the backup named by its success
 * status (a re-run after a failed attempt posts on the first attempt's deployment, whose payload
 * names that attempt's backup), else the payload's.
 */
export async function findRecordedBackup(options: {
  github: GitHubClient;
  repo: RepoRef;
  sha: string;
  environment: string;
  /** Only this app's deployments (payload.app); undefined: those that name no app. */
  app?: string | undefined;
}): Promise<{ backupId: string; backupLocation?: string } | undefined> {
  const list = await options.github.rest.repos.listDeployments({
    ...options.repo,
    sha: options.sha,
    environment: options.environment,
    task: 'deploy:migrate',
    per_page: 100,
  });
  for (const d of list.data.filter((x) => appOfPayload(x.payload) === options.app)) {
    const latest = await latestStatus(options.github, options.repo, d.id);
    const named = latest?.state === 'success' ? backupInDescription(latest.description) : undefined;
    if (named) return { backupId: named };
    const payload = payloadObject(d.payload);
    if (payload && typeof payload.backupId === 'string') {
      return {
        backupId: payload.backupId,
        backupLocation:
          typeof payload.backupLocation === 'string' ? payload.backupLocation : undefined,
      };
    }
  }
  return undefined;
}

/** The deployment this run created when its answer was lost: same SHA, task and payload. */
async function findDeployment(
  github: GitHubClient,
  repo: RepoRef,
  options: { sha: string; environment: string; task: string; payload: Record<string, unknown> },
): Promise<{ id: number } | undefined> {
  const { data } = await github.rest.repos.listDeployments({
    ...repo,
    sha: options.sha,
    environment: options.environment,
    task: options.task,
    per_page: 100,
  });
  const want = JSON.stringify(options.payload);
  return data.find((d) => JSON.stringify(d.payload) === want);
}
