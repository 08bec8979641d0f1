import type { Logger } from '@promote/core';
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
    const { data } = await github.rest.repos.createDeployment({
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
    });
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
