import type { Stage } from '../config/resolve.js';
import type { GitHubClient, RepoRef } from '../github/client.js';
import {
  judgeSoak,
  listStageDeployments,
  readAppAtHead,
  readStageSeal,
  type ListedDeployment,
  type StageSeal,
} from '../stage-record.js';
import { cannotEvaluate, forApp, result, type GateResult } from './types.js';

/**
 * soak (issue #20): with declared stages, a promotion into stage N needs the PR head deployed
 * and sealed green on stage N-1 for at least that stage's `soak`. Read from GitHub's
 * deployments and their seal statuses (stage-record.ts), never from a file the PR could edit.
 * With apps, each app the PR changes is judged on its own deployment (payload.app): the newest
 * one the head contains with no change to the app's files since (on-merge deploys only the apps
 * a merge changes, so the head itself may have no deployment of this app).
 */
export const SOAK_GATE = 'soak';

/** Where the promotion goes: `into` is the PR's base stage, `from` the one before it. */
export interface SoakTarget {
  into: Stage;
  from: Stage | undefined;
}

/** A row that says why there is nothing to soak (not counted as a gate). */
export function soakSkipped(why: string): GateResult {
  return result(SOAK_GATE, 'skip', why);
}

/** Pure: one seal judged against the soak of the stage it was read on. */
export function soakResult(seal: StageSeal, from: Stage, now: Date): GateResult {
  const verdict = judgeSoak(seal, from.name, from.soakMs, now);
  const r = result(SOAK_GATE, verdict.ready ? 'pass' : 'fail', verdict.text);
  return seal.app ? forApp(r, seal.app) : r;
}

/**
 * The soak rows of a promotion: one per app it changes (`apps` given), else one for the
 * repository. Two requests per row (readStageSeal), never one per declared app.
 */
export async function soakGate(
  deps: { github: GitHubClient; repo: RepoRef; now: Date },
  target: SoakTarget & {
    sha: string;
    apps?: readonly string[];
    /** Each declared app's paths: an app is judged where it last changed before the head. */
    appPaths?: Record<string, readonly string[]>;
  },
): Promise<GateResult[]> {
  const { into, from } = target;
  if (!from)
    return [
      soakSkipped(
        `${into.name} is the first stage: a PR into it is not a promotion, nothing soaks before it`,
      ),
    ];
  if (target.apps && target.apps.length === 0)
    return [soakSkipped("the PR changes no app's files: no app was deployed to soak")];
  // One listing of the stage's deployments for every app judged (never one per app).
  let listed: Promise<ListedDeployment[]> | undefined;
  const deployments = () =>
    (listed ??= listStageDeployments(deps.github, deps.repo, from.environment));
  const judge = async (app: string | undefined): Promise<GateResult> => {
    try {
      const paths = app ? target.appPaths?.[app] : undefined;
      const seal =
        app && paths
          ? await readAppAtHead(deps.github, deps.repo, {
              head: target.sha,
              environment: from.environment,
              app: { name: app, paths },
              deployments: await deployments(),
            })
          : await readStageSeal(deps.github, deps.repo, {
              sha: target.sha,
              environment: from.environment,
              ...(app ? { app } : {}),
            });
      return soakResult(seal, from, deps.now);
    } catch (e) {
      const r = cannotEvaluate(
        SOAK_GATE,
        `deployments to ${from.environment}: ${(e as Error).message}`,
      );
      return app ? forApp(r, app) : r;
    }
  };
  return Promise.all((target.apps ?? [undefined]).map(judge));
}
