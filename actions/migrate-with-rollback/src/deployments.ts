import type { Logger } from '@promote/core/logger';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { describeGitHubError } from '@promote/core/github/request-errors';

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

export interface DeploymentRecorder {
  id: number | undefined;
  status(state: DeploymentState, description: string): Promise<void>;
}

/** GitHub caps a deployment status description at 140 characters. */
export function fitDescription(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 140 ? flat : `${flat.slice(0, 139)}…`;
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
}): Promise<DeploymentRecorder> {
  const { github, repo, logger } = options;
  let id: number | undefined;
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
      const status = (error as { status?: number } | null)?.status;
      if (status !== undefined && status < 500) throw error;
      const landed = await findLanded(github, repo, options);
      data = landed ?? (await create()).data;
    }
    if ('id' in data) id = data.id;
    else
      logger.warning(
        `GitHub did not create the deployment: ${(data as { message?: string }).message ?? 'no reason given'}`,
      );
  } catch (error) {
    logger.warning(
      `Could not record the deployment on GitHub (${describeGitHubError(error)}); continuing.`,
    );
  }
  return {
    id,
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
        logger.warning(
          `Could not record deployment status ${state} (${describeGitHubError(error)}).`,
        );
      }
    },
  };
}

/** The backup recorded for a commit: deployment payloads of this environment, newest first. */
export async function findRecordedBackup(options: {
  github: GitHubClient;
  repo: RepoRef;
  sha: string;
  environment: string;
}): Promise<{ backupId: string; backupLocation?: string } | undefined> {
  const list = await options.github.rest.repos.listDeployments({
    ...options.repo,
    sha: options.sha,
    environment: options.environment,
    task: 'deploy:migrate',
    per_page: 100,
  });
  for (const d of list.data) {
    const payload = (typeof d.payload === 'string' ? safeJson(d.payload) : d.payload) as
      Record<string, unknown> | undefined;
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The deployment this run created when its answer was lost: same SHA, task and payload. */
async function findLanded(
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
