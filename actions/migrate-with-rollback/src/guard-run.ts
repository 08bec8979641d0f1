import { loadConfig } from '@promote/core/config/load';
import { resolveConfig, stagesOf } from '@promote/core/config/resolve';
import type { RunContext } from '@promote/core/context';
import { appOfPayload } from '@promote/core/deployment-payload';
import { ConfigurationError } from '@promote/core/errors';
import { readEvent } from '@promote/core/events';
import { compareFiles } from '@promote/core/github/compare';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { CONFIG_SECTIONS } from './config.js';
import type { Deps } from './deps.js';
import type { Inputs } from './inputs.js';
import { guardApps, guardStage, type DeployedRecord, type GuardEvent } from './guard-plan.js';

/** The bash guard's inputs from the event: a merged PR's base and merge commit, else the run's. */
export function guardEventOf(env: NodeJS.ProcessEnv, ctx: RunContext): GuardEvent {
  const event = readEvent(env);
  const pr = (event.payload as { pull_request?: Record<string, unknown> }).pull_request;
  const base = (pr?.base as { ref?: unknown } | undefined)?.ref;
  const merge = pr?.merge_commit_sha;
  return {
    name: event.name,
    ...(pr ? { merged: pr.merged === true } : {}),
    branch: typeof base === 'string' && base ? base : (env.GITHUB_REF_NAME ?? stripHeads(ctx.ref)),
    sha: typeof merge === 'string' && merge ? merge : ctx.sha,
  };
}

const stripHeads = (ref: string) => ref.replace(/^refs\/(heads|tags)\//, '');

/**
 * mode: guard. Read-only (contents and deployments read): the config at the merge commit (no
 * checkout needed), one compare of the merge's first parent...merge for its files when the config
 * has apps, and the SHA's deploy:migrate deployments on the stage's environment. Outputs deploy,
 * sha, stage, environment and apps (JSON list, configured order; [""] without apps).
 */
export async function runGuard(deps: Deps, ctx: RunContext, inputs: Inputs): Promise<void> {
  const { io, logger } = deps;
  if (!inputs.token)
    throw new ConfigurationError(
      'input "token" is empty: pass ${{ github.token }} (contents: read for the config and the merge\'s files, deployments: read)',
    );
  const event = guardEventOf(deps.env, ctx);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const github = deps.github(inputs.token);
  const answer = (out: {
    deploy: boolean;
    stage?: string;
    environment?: string;
    release?: boolean;
    apps: string[];
  }) => {
    io.setOutput('deploy', String(out.deploy));
    io.setOutput('sha', event.sha);
    io.setOutput('stage', out.stage ?? '');
    io.setOutput('environment', out.environment ?? '');
    io.setOutput('apps', JSON.stringify(out.apps));
    io.setOutput('last-stage', String(out.release === true));
    io.setOutput('status', out.deploy ? 'deploy' : 'skipped');
  };
  if (PULL_REQUEST_EVENTS.includes(event.name) && event.merged !== true) {
    logger.notice('Skipped: the pull request was closed without merging.');
    return answer({ deploy: false, apps: [] });
  }
  const loaded = await loadConfig({
    source: {
      kind: 'api',
      github,
      ...repo,
      ref: event.sha,
      ...(inputs.config ? { path: inputs.config } : {}),
    },
    logger,
    sections: CONFIG_SECTIONS,
  });
  const chosen = guardStage(loaded, event, { stage: inputs.stage });
  if ('notice' in chosen) {
    logger.notice(chosen.notice);
    return answer({ deploy: false, apps: [] });
  }
  const config = resolveConfig(loaded, { stage: chosen.stage });
  // With declared stages each stage names its environment; the `environment` input (on-merge's
  // single production environment) applies only to a file without stages.
  const environment = config.stages
    ? config.environment
    : (inputs.environment ?? config.environment);
  const last = stagesOf(config).at(-1)!.name === chosen.stage;
  const where = { stage: chosen.stage, environment, release: last };
  const files = config.apps ? await mergeFiles(github, repo, event.sha, logger) : [];
  const deployed = await deploymentsOf(github, repo, event.sha, environment);
  const verdict = guardApps(config, { sha: event.sha, environment }, files, deployed);
  for (const n of verdict.notices) logger.notice(n);
  if (verdict.apps.length > 0)
    logger.info(
      `Deploying ${event.sha} to ${environment} (stage ${chosen.stage})${config.apps ? `: apps ${verdict.apps.join(', ')}` : ''}.`,
    );
  answer({ deploy: verdict.apps.length > 0, ...where, apps: verdict.apps });
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

/**
 * The files the merge changed: its first parent...it, one compare. Undefined when that is not
 * known in full (a root commit; GitHub lists at most 300 files of a comparison): every app then.
 */
async function mergeFiles(
  github: GitHubClient,
  repo: RepoRef,
  sha: string,
  logger: Deps['logger'],
): Promise<string[] | undefined> {
  const { data: commit } = await github.rest.git.getCommit({ ...repo, commit_sha: sha });
  const parent = commit.parents[0]?.sha;
  if (!parent) {
    logger.info(`${sha.slice(0, 7)} has no parent: every app is deployed.`);
    return undefined;
  }
  const { files, maybeTruncated } = await compareFiles(github, repo, parent, sha);
  if (maybeTruncated) {
    // https://docs.github.com/en/rest/commits/commits#compare-two-commits (300 files at most)
    logger.info(
      `The merge changes ${files.length} or more files (GitHub's compare limit): every app is deployed.`,
    );
    return undefined;
  }
  return files.map((f) => f.filename);
}

/** The SHA's deploy:migrate deployments on the environment, with the app each names. */
async function deploymentsOf(
  github: GitHubClient,
  repo: RepoRef,
  sha: string,
  environment: string,
): Promise<DeployedRecord[]> {
  const list = (await github.paginate(github.rest.repos.listDeployments, {
    ...repo,
    sha,
    environment,
    task: 'deploy:migrate',
    per_page: 100,
  })) as { payload: unknown }[];
  return list.map((d) => ({ app: appOfPayload(d.payload) }));
}
