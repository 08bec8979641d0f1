import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@promote/core/config/load';
import { readRunContext, type RunContext } from '@promote/core/context';
import { guardEvent } from '@promote/core/event-guard';
import { ConfigurationError } from '@promote/core/errors';
import type { Deps } from './deps.js';
import { TAG_RELEASE_EVENTS } from './event-policy.js';
import { githubReleaseHistory } from './github-history.js';
import { canReadHistoryFrom, gitReleaseHistory } from './git-history.js';
import type { ReleaseHistory } from './history.js';
import { readInputs, type Inputs } from './inputs.js';
import { ship } from './ship.js';

/**
 * The release of a commit the event guard accepted: inputs, the config (the checkout's, else the
 * release commit's), the production branch judged, the history source chosen, then ship.ts.
 */
export async function cutRelease(
  deps: Deps,
  shaInput: string | undefined,
  eventSha: string | undefined,
): Promise<void> {
  const { io, logger, env } = deps;
  const inputs = readInputs(io);
  const ctx = readRunContext(env);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const targetSha = inputs.sha ?? releaseCommit(eventSha, ctx);
  const gh = deps.github(inputs.token);

  // The checkout's config when there is one, else the config at the release commit.
  const inWorkspace = existsSync(join(ctx.workspace, inputs.config));
  const config = await loadConfig({
    source: inWorkspace
      ? { kind: 'file', path: inputs.config, workspace: ctx.workspace }
      : { kind: 'api', github: gh, ...repo, ref: targetSha, path: inputs.config },
    overrides: {
      'release.tag-prefix': inputs.tagPrefix,
      'release.changelog.mode': inputs.changelogMode,
    },
    inputNames: { 'release.tag-prefix': 'tag-prefix', 'release.changelog.mode': 'changelog-mode' },
    logger,
  });
  const production = { sha: shaInput, productionBranch: config.branches.production };
  if (!(await guardEvent(deps, TAG_RELEASE_EVENTS, production, { announce: false }))) return;

  await ship(
    {
      io,
      logger,
      clock: deps.clock,
      env,
      gh,
      repo,
      history: await chooseHistory(deps, inputs, ctx, targetSha, githubReleaseHistory(gh, repo)),
      progress: deps.progress,
      fetch: deps.fetch,
    },
    ctx,
    config,
    inputs,
    targetSha,
  );
}

/**
 * The checkout answers tags, ancestry and commits without API requests when it is a full clone
 * (10,000 commits: 0 requests instead of 42, see bench/results/tag-release.md); else the API.
 */
async function chooseHistory(
  deps: Deps,
  inputs: Inputs,
  ctx: RunContext,
  targetSha: string,
  api: ReleaseHistory,
): Promise<ReleaseHistory> {
  if (inputs.history === 'api') return api;
  const { exec } = deps;
  const usable = await canReadHistoryFrom(exec, ctx.workspace, targetSha);
  if (usable.ok) {
    deps.logger.info(`Reading tags and commits from the checkout (${usable.why}).`);
    const git = gitReleaseHistory(exec, ctx.workspace, (numbers) => api.pullRequestLabels(numbers));
    // A second look at the tags (another release took the version meanwhile, ship.ts) asks the
    // API: tags pushed since the checkout are not in it.
    let listed = false;
    // The branch head may have moved past the checkout (the changelog check asks about it): a
    // commit git does not know is asked of the API instead.
    return {
      ...git,
      listTags: () => (listed ? api.listTags() : ((listed = true), git.listTags())),
      isAncestor: (a, b) => git.isAncestor(a, b).catch(() => api.isAncestor(a, b)),
    };
  }
  if (inputs.history === 'git') {
    throw new ConfigurationError(
      `input history is "git" but ${usable.why}; check out with actions/checkout fetch-depth: 0, or use history: auto.`,
    );
  }
  deps.logger.info(`Reading tags and commits through the API (${usable.why}).`);
  return api;
}

/**
 * The commit to release: a merged PR's merge commit (never its head: the head is not what was
 * merged, https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request), the pushed commit, or
 * GITHUB_SHA for workflow_dispatch and workflow_call callers.
 */
function releaseCommit(eventSha: string | undefined, ctx: RunContext): string {
  const sha = eventSha ?? ctx.sha;
  if (!/^[0-9a-f]{40}$/i.test(sha)) {
    throw new Error(`GITHUB_SHA is "${sha}"; pass the commit to release in the \`sha\` input.`);
  }
  return sha;
}
