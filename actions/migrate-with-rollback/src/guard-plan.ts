import {
  appNames,
  changedApps,
  stageOfBranch,
  stagesOf,
  type AnyConfig,
} from '@promote/core/config/resolve';

/**
 * mode: guard (issue #20): whether a merge deploys, to which stage, and which apps. It replaces
 * on-merge.yml's bash guard and keeps its skip messages: exactly one deploy per merge and app,
 * a pull request closed unmerged or a merge into another branch deploys nothing.
 */

/** What the guard reads from the event (the bash guard's EVENT_NAME, MERGED, BASE_REF, MERGE_SHA). */
export interface GuardEvent {
  name: string;
  /** Pull request events: whether it was merged. */
  merged?: boolean;
  /** The merged PR's base branch, else the run's branch (github.ref_name). */
  branch: string;
  /** The merge commit, else the run's commit (github.sha). */
  sha: string;
}

export type GuardVerdict =
  | { deploy: false; sha: string; stage?: string; environment?: string; notice: string }
  | { deploy: true; sha: string; stage: string; environment: string; branch: string };

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

/** The stage a merge into `branch` deploys, or why it deploys nothing. Pure. */
export function guardStage(
  config: AnyConfig,
  event: GuardEvent,
  given: { stage?: string | undefined },
): { stage: string } | { notice: string } {
  if (PULL_REQUEST_EVENTS.includes(event.name) && event.merged !== true)
    return { notice: 'Skipped: the pull request was closed without merging.' };
  const stages = stagesOf(config);
  if (given.stage !== undefined) {
    const stage = stages.find((s) => s.name === given.stage);
    if (stage && stage.branch === event.branch) return { stage: stage.name };
    if (stage)
      return {
        notice: `Skipped: ${event.branch} is not the branch of stage ${stage.name} (${stage.branch}).`,
      };
    return { stage: given.stage }; // resolveConfig names the known stages
  }
  if (!config.stages) {
    const production = stages[stages.length - 1]!;
    if (event.branch === production.branch) return { stage: production.name };
    return {
      notice: `Skipped: ${event.branch} is not the production branch (${production.branch}).`,
    };
  }
  const stage = stageOfBranch(config, event.branch);
  if (stage) return { stage: stage.name };
  return {
    notice: `Skipped: ${event.branch} is not the branch of a stage (${stages.map((s) => s.branch).join(', ')}).`,
  };
}

/** What is already deployed for the SHA on the environment: one entry per deploy:migrate deployment. */
export interface DeployedRecord {
  app?: string | undefined;
}

export interface AppsVerdict {
  /** The legs to run, in configured order: [''] for a repository deployed as one app. */
  apps: string[];
  /** One line per app left out (or for the whole merge when none is left). */
  notices: string[];
}

/**
 * Which apps a merge deploys: the apps its files touch (`files` undefined: the file list is not
 * known in full, so every app), in configured order, minus those that already have a
 * deploy:migrate deployment of this SHA on the environment (payload.app), whatever its outcome:
 * the same merge delivered twice (push + pull_request, a redelivery) deploys each app once. Pure.
 */
export function guardApps(
  config: AnyConfig,
  where: { sha: string; environment: string },
  files: readonly string[] | undefined,
  deployed: readonly DeployedRecord[],
): AppsVerdict {
  const names = appNames(config);
  const seen = `${where.sha} already has a deployment to ${where.environment} (see its statuses).`;
  if (names.length === 0)
    return deployed.length > 0
      ? { apps: [], notices: [`Skipped: ${seen}`] }
      : { apps: [''], notices: [] };
  const changed = files === undefined ? names : changedApps(config, files);
  if (changed.length === 0)
    return {
      apps: [],
      notices: [`Skipped: ${where.sha} changes no app's files (apps: ${names.join(', ')}).`],
    };
  const done = new Set(deployed.map((d) => d.app).filter((a): a is string => a !== undefined));
  const apps = changed.filter((a) => !done.has(a));
  const notices = changed.filter((a) => done.has(a)).map((a) => `Skipped app ${a}: ${seen}`);
  if (apps.length === 0)
    notices.push(
      `Skipped: ${where.sha} already has a deployment to ${where.environment} of every app it changes (${changed.join(', ')}).`,
    );
  return { apps, notices };
}
