import { ConfigurationError } from '@promote/core/errors';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { hasStatus } from '@promote/core/github/request-errors';
import type { Stage } from '@promote/core/config/resolve';
import { appOfPayload } from '@promote/core/deployment-payload';
import {
  judgeSoak,
  listStageDeployments,
  readAppAtHead,
  readStageSeal,
  type ListedDeployment,
  type SoakVerdict,
} from '@promote/core/stage-record';

/**
 * Which commit of the source stage may move on (issue #20): the newest one that is deployed there
 * (migrate-with-rollback's deploy:migrate deployment) and sealed green for at least the stage's
 * soak. Read from GitHub deployments and seal statuses only, in a bounded number of requests:
 * one page of the environment's newest deployments, then at most MAX_JUDGED commits judged
 * (two requests each), newest first, stopping at the first ready one.
 */

/** Commits judged at most before giving up (each costs two requests). */
export const MAX_JUDGED = 10;

/**
 * The commits worth judging, newest first in the source branch's history: deployed (for `app`,
 * or for the repository as one app when none is given) and ahead of the target. `ahead` is the
 * compare target...source, oldest first; a deployment of a commit that is not in it (already in
 * the target, or not on the source branch any more) is no candidate. Pure.
 */
export function orderCandidates(
  ahead: readonly string[],
  deployments: readonly ListedDeployment[],
  app: string | undefined,
  max = MAX_JUDGED,
): string[] {
  const position = new Map(ahead.map((sha, i) => [sha, i]));
  const deployed = new Set(
    deployments
      .filter((d) => appOfPayload(d.payload) === app && position.has(d.sha))
      .map((d) => d.sha),
  );
  return [...deployed].sort((a, b) => position.get(b)! - position.get(a)!).slice(0, max);
}

export type ReadyChoice =
  | { ready: true; sha: string; verdict: SoakVerdict }
  /** Nothing may move on: one line per commit judged (or why none was), for the summary. */
  | { ready: false; lines: string[]; remainingMs?: number };

/** The first ready verdict of the newest-first list, or why none is. Pure. */
export function chooseReadyCommit(
  judged: readonly { sha: string; verdict: SoakVerdict }[],
  context: { source: Stage; aheadBy: number; app?: string },
): ReadyChoice {
  const ready = judged.find((j) => j.verdict.ready);
  if (ready) return { ready: true, sha: ready.sha, verdict: ready.verdict };
  if (judged.length === 0) {
    const of = context.app ? ` of app ${context.app}` : '';
    return {
      ready: false,
      lines: [
        `none of the ${context.aheadBy} commit${context.aheadBy === 1 ? '' : 's'} ahead has a deploy:migrate deployment${of} on ${context.source.name} (environment ${context.source.environment}) yet; deploy there first`,
      ],
    };
  }
  const waiting = judged.map((j) => j.verdict.remainingMs).filter((ms) => ms > 0);
  return {
    ready: false,
    lines: judged.map((j) => j.verdict.text),
    ...(waiting.length ? { remainingMs: Math.min(...waiting) } : {}),
  };
}

/** Lists the source environment's newest deployments, then judges the candidates until one is ready. */
export async function findReadyCommit(input: {
  gh: GitHubClient;
  repo: RepoRef;
  source: Stage;
  /** compare target...source tip, oldest first. */
  ahead: readonly string[];
  app?: string;
  /** The declared apps (promoting every app with changes): each judged where it last changed. */
  apps?: Record<string, { paths: readonly string[] }>;
  now: Date;
}): Promise<ReadyChoice> {
  const { gh, repo, source } = input;
  // Newest first (https://docs.github.com/en/rest/deployments/deployments#list-deployments):
  // one page is enough to find the newest deployed commits; older ones would not be promoted.
  const listed = await listStageDeployments(gh, repo, source.environment).catch(
    (error: unknown) => {
      if (!hasStatus(error, 403)) throw error;
      throw new ConfigurationError(
        `open-promote-pr: GitHub refused to list the deployments of ${source.environment} (403); with \`stages:\` the token needs deployments: read ` +
          "(the job's `permissions:` and, for a GitHub App token, its Deployments permission) to see what is sealed green on the source stage. Nothing was written.",
      );
    },
  );
  // Apps declared and deployed per app (on-merge's legs): every app with changes at once.
  if (
    !input.app &&
    input.apps &&
    listed.some((d) => appOfPayload(d.payload) !== undefined && input.ahead.includes(d.sha))
  )
    return findReadyForApps({ ...input, apps: input.apps }, listed);
  const candidates = orderCandidates(input.ahead, listed, input.app);
  const judged: { sha: string; verdict: SoakVerdict }[] = [];
  for (const sha of candidates) {
    const seal = await readStageSeal(gh, repo, {
      sha,
      environment: source.environment,
      ...(input.app ? { app: input.app } : {}),
    });
    const verdict = judgeSoak(seal, source.name, source.soakMs, input.now);
    judged.push({ sha, verdict });
    if (verdict.ready) break;
  }
  return chooseReadyCommit(judged, {
    source,
    aheadBy: input.ahead.length,
    ...(input.app ? { app: input.app } : {}),
  });
}

/**
 * Every app with changes at once (a monorepo promoted whole): on-merge deployed each merge's
 * changed apps at that merge, so a commit C of the source is ready when every app deployed at a
 * commit ahead of the target up to C is, at C, sealed green and soaked (readAppAtHead: the app's
 * newest deployment C contains with no change to its files since). Newest candidates first.
 */
async function findReadyForApps(
  input: {
    gh: GitHubClient;
    repo: RepoRef;
    source: Stage;
    ahead: readonly string[];
    apps: Record<string, { paths: readonly string[] }>;
    now: Date;
  },
  listed: readonly ListedDeployment[],
): Promise<ReadyChoice> {
  const position = new Map(input.ahead.map((sha, i) => [sha, i]));
  const ahead = listed.filter((d) => position.has(d.sha) && appOfPayload(d.payload) !== undefined);
  const candidates = [...new Set(ahead.map((d) => d.sha))]
    .sort((a, b) => position.get(b)! - position.get(a)!)
    .slice(0, MAX_JUDGED);
  const judged: { sha: string; verdict: SoakVerdict }[] = [];
  for (const sha of candidates) {
    const apps = [
      ...new Set(
        ahead
          .filter((d) => position.get(d.sha)! <= position.get(sha)!)
          .map((d) => appOfPayload(d.payload)!)
          .filter((app) => input.apps[app]),
      ),
    ];
    const verdicts: SoakVerdict[] = [];
    for (const app of apps) {
      const seal = await readAppAtHead(input.gh, input.repo, {
        head: sha,
        environment: input.source.environment,
        app: { name: app, paths: input.apps[app]!.paths },
        deployments: listed,
      });
      verdicts.push(judgeSoak(seal, input.source.name, input.source.soakMs, input.now));
    }
    const waiting = verdicts.filter((v) => !v.ready);
    const verdict: SoakVerdict = {
      ready: waiting.length === 0,
      remainingMs: Math.max(0, ...waiting.map((v) => v.remainingMs)),
      text: (waiting.length ? waiting : verdicts).map((v) => v.text).join('; '),
    };
    judged.push({ sha, verdict });
    if (verdict.ready) break;
  }
  return chooseReadyCommit(judged, { source: input.source, aheadBy: input.ahead.length });
}
