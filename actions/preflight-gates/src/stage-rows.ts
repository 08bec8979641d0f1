import { appNames, resolveConfig, type ResolvedConfig } from '@promote/core/config/resolve';
import type { PromotionConfig } from '@promote/core/config/schema';
// Each gate module by name, not gates/index, which loads every gate's parser (issue #18).
import type { PreflightFacts, PullRequestFacts } from '@promote/core/gates/facts';
import { SOAK_GATE, soakGate, soakSkipped } from '@promote/core/gates/soak';
import { cannotEvaluate, type GateResult } from '@promote/core/gates/types';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { untrusted } from '@promote/core/untrusted-text';
import type { PullRequestStage } from './stage-of-pr.js';

/** The config as the PR's stage sees it, the file it came from, and where the PR goes. */
export interface Judging {
  /** promotion.yml as read (with the inputs merged): each app is resolved from it. */
  file: PromotionConfig;
  config: ResolvedConfig;
  place: PullRequestStage;
}

/** The apps a config declares, each resolved for the PR's stage (pure: no request per app). */
export function resolveApps(judging: Judging): ResolvedConfig[] {
  const { file, place } = judging;
  return appNames(judging.config).map((app) =>
    resolveConfig(file, { ...(place.resolveAs ? { stage: place.resolveAs } : {}), app }),
  );
}

/**
 * The rows stages and apps add (issue #20): the soak of a promotion (declared stages only, so
 * a config without `stages:` gets no row), and, with apps, a failure when the file list cannot
 * say which apps the PR changes.
 */
export async function stageRows(
  github: GitHubClient,
  repo: RepoRef,
  pr: PullRequestFacts,
  judging: Judging,
  facts: PreflightFacts,
  files: PreflightFacts['files'] | undefined,
  changed: string[],
): Promise<GateResult[]> {
  const { config, place } = judging;
  const unknownApps =
    files && !files.ok
      ? files.error
      : files?.ok && files.value.truncated
        ? files.value.truncated
        : undefined;
  const rows: GateResult[] = unknownApps
    ? [cannotEvaluate('apps', `which apps the PR changes: ${unknownApps}`)]
    : [];
  if (!config.stages) return rows;
  if (!place.into)
    return [
      ...rows,
      soakSkipped(`${untrusted(pr.baseRef, 'inline')} is no stage branch: not a promotion`),
    ];
  if (unknownApps)
    return [...rows, cannotEvaluate(SOAK_GATE, `which apps the PR changes: ${unknownApps}`)];
  return [
    ...rows,
    ...(await soakGate(
      { github, repo, now: facts.now },
      {
        into: place.into,
        from: place.from,
        sha: pr.headSha,
        ...(files ? { apps: changed } : {}),
        appPaths: Object.fromEntries(
          Object.entries(config.apps ?? {}).map(([name, app]) => [name, app.paths]),
        ),
      },
    )),
  ];
}
