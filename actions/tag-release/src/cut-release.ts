import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@promote/core/config/load';
import { readRunContext, type RunContext } from '@promote/core/context';
import { guardEvent, reportSkip } from '@promote/core/event-guard';
import type { Deps } from './deps.js';
import { appDeployVerdict } from './app-deploy.js';
import { TAG_RELEASE_EVENTS } from './event-policy.js';
import { githubReleaseHistory } from './github-history.js';
import { chooseHistory } from './history-source.js';
import { readInputs } from './inputs.js';
import { ship } from './ship.js';
import { CONFIG_SECTIONS } from './config.js';

/**
 * The release of a commit the event guard accepted: inputs, the config (the checkout's, else the
 * release commit's, seen from the last stage and the `app` input), the production branch judged,
 * the history source chosen, then ship.ts.
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
  const loaded = await loadConfig({
    source: inWorkspace
      ? { kind: 'file', path: inputs.config, workspace: ctx.workspace }
      : { kind: 'api', github: gh, ...repo, ref: targetSha, path: inputs.config },
    sections: CONFIG_SECTIONS,
    logger,
  });
  // The inputs are merged (and checked) with zod and the schema, loaded with the config.
  const { releaseConfigFor } = await import('./release-config.js');
  const config = releaseConfigFor(loaded, inputs);
  const production = { sha: shaInput, productionBranch: config.branches.production };
  if (!(await guardEvent(deps, TAG_RELEASE_EVENTS, production, { announce: false }))) return;

  const chosen = await chooseHistory(
    deps,
    inputs,
    ctx,
    targetSha,
    githubReleaseHistory(gh, repo),
    config.app,
  );
  try {
    const deploy = await appDeployVerdict(gh, repo, config, targetSha, inputs.seal);
    if (!deploy.release) return await reportSkip(deps, 'tag-release', deploy.reason);
    const shipped = { ...inputs, seal: deploy.seal };
    await ship(
      {
        io,
        logger,
        clock: deps.clock,
        env,
        gh,
        repo,
        history: chosen.history,
        progress: deps.progress,
        fetch: deps.fetch,
      },
      ctx,
      config,
      shipped,
      targetSha,
    );
  } finally {
    await chosen.cleanup();
  }
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
