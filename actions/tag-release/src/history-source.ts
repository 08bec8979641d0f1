import type { AppIdentity } from '@promote/core/config/resolve';
import type { RunContext } from '@promote/core/context';
import { ConfigurationError } from '@promote/core/errors';
import type { Deps } from './deps.js';
import { fetchReleaseHistory } from './fetched-history.js';
import { canReadHistoryFrom, gitReleaseHistory } from './git-history.js';
import type { ReleaseHistory } from './history.js';
import type { Inputs } from './inputs.js';

export interface ChosenHistory {
  history: ReleaseHistory;
  /** Removes what the choice left on disk (the fetched repository); safe to call once at the end. */
  cleanup: () => Promise<void>;
}

/**
 * Where tags, ancestry and commits are read (`history` input):
 * - a full clone in the workspace (actions/checkout with fetch-depth: 0): git, no requests;
 * - else, with `auto`, a treeless fetch of the release commit and the tags into a temporary
 *   repository (fetched-history.ts): git, a few git HTTP requests and no REST request, flat in
 *   the history's length;
 * - else (or with `api`), the REST API: ceil(N/100) compare pages for N commits.
 *
 * One app of a monorepo (issue #20) is released from the commits that change its paths, which
 * only git can tell without a request per commit: the fetch then brings the trees too
 * (`blob:none`), and there is no API fallback (`history: api` is refused).
 */
export async function chooseHistory(
  deps: Pick<Deps, 'exec' | 'logger' | 'env'>,
  inputs: Pick<Inputs, 'history' | 'token'>,
  ctx: RunContext,
  targetSha: string,
  api: ReleaseHistory,
  app?: AppIdentity,
): Promise<ChosenHistory> {
  const none = async () => undefined;
  if (inputs.history === 'api' && app)
    throw new ConfigurationError(
      `input history is "api", but releasing app ${app.name} needs the files each commit changes, which the API gives only one request per commit; use history: auto (a fetch with trees and no file contents) or git (actions/checkout with fetch-depth: 0).`,
    );
  if (inputs.history === 'api') return { history: api, cleanup: none };
  const { exec, logger } = deps;
  const usable = await canReadHistoryFrom(exec, ctx.workspace, targetSha, { trees: !!app });
  if (usable.ok) {
    logger.info(`Reading tags and commits from the checkout (${usable.why}).`);
    return {
      history: backedByApi(
        gitReleaseHistory(exec, ctx.workspace, (n) => api.pullRequestLabels(n)),
        api,
      ),
      cleanup: none,
    };
  }
  if (inputs.history === 'git') {
    throw new ConfigurationError(
      `input history is "git" but ${usable.why}; check out with actions/checkout fetch-depth: 0, or use history: auto.`,
    );
  }
  const fetched = await fetchReleaseHistory(
    exec,
    {
      serverUrl: ctx.serverUrl,
      apiUrl: ctx.apiUrl,
      owner: ctx.owner,
      repo: ctx.repo,
      token: inputs.token,
    },
    targetSha,
    deps.env.RUNNER_TEMP || undefined,
    app ? 'blob:none' : 'tree:0',
  );
  if (fetched.ok) {
    logger.info(
      app
        ? `Reading tags, commits and the files they change from a blobless fetch of ${fetched.url} (${usable.why}; commits, trees and tags, no file contents, no REST requests).`
        : `Reading tags and commits from a treeless fetch of ${fetched.url} (${usable.why}; commits and tags only, no REST requests).`,
    );
    return {
      history: backedByApi(
        gitReleaseHistory(exec, fetched.dir, (n) => api.pullRequestLabels(n)),
        api,
      ),
      cleanup: fetched.remove,
    };
  }
  if (app)
    throw new ConfigurationError(
      `cannot tell which commits changed app ${app.name}: ${usable.why}, and no fetch of the history (${fetched.why}); check out with actions/checkout fetch-depth: 0.`,
    );
  logger.info(`No treeless fetch of the history: ${fetched.why}.`);
  logger.info(`Reading tags and commits through the API (${usable.why}).`);
  return { history: api, cleanup: none };
}

/**
 * git's answers, with the API behind them where git can be behind GitHub: a second look at the
 * tags (another release took the version meanwhile, ship.ts) asks the API, since tags pushed
 * after the checkout or fetch are not in it; the branch head may have moved past it too (the
 * changelog check asks about it), so a commit git does not know is asked of the API.
 */
function backedByApi(git: ReleaseHistory, api: ReleaseHistory): ReleaseHistory {
  let listed = false;
  return {
    ...git,
    listTags: () => (listed ? api.listTags() : ((listed = true), git.listTags())),
    isAncestor: (a, b) => git.isAncestor(a, b).catch(() => api.isAncestor(a, b)),
  };
}
