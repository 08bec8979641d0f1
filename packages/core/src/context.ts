import { ConfigurationError } from './errors.js';

/** Facts about the running workflow, read from the runner's environment (never import-time). */
export interface RunContext {
  owner: string;
  repo: string;
  serverUrl: string;
  apiUrl: string;
  runId: string;
  runAttempt: string;
  /** Link to this run's log, for PR bodies, deployment statuses and chat. */
  runUrl: string;
  actor: string;
  sha: string;
  ref: string;
  workflow: string;
  eventName: string;
  eventPath: string;
  workspace: string;
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = repository.split('/');
  if (!owner || !repo) {
    throw new ConfigurationError(
      `GITHUB_REPOSITORY is "${repository}", not "owner/repo": run this action inside a GitHub Actions job.`,
    );
  }
  const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
  const runId = env.GITHUB_RUN_ID ?? '0';
  return {
    owner,
    repo,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
    actor: env.GITHUB_ACTOR ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    eventPath: env.GITHUB_EVENT_PATH ?? '',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
  };
}
