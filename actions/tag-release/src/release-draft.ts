import { renderChangelogSection } from './changelog.js';
import type { Inputs } from './inputs.js';
import type { VersionDecision } from './release-plan.js';
import type { ReleaseLinks, SealInfo } from './release-notes.js';

/** What a release says (its changelog section, links and seal), decided before any write. */
export interface ReleaseDraft {
  decision: VersionDecision;
  tag: string;
  version: string;
  /** The GitHub release's title: the tag, or "api v1.4.0" for an app of a monorepo. */
  name: string;
  /** The commit the tag goes on. */
  targetSha: string;
  section: string;
  links: ReleaseLinks;
  seal: SealInfo;
}

/** The release of `version` as `tag`. Pure: the date comes in as the changelog's date. */
export function draftRelease(
  decision: VersionDecision,
  release: { tag: string; version: string; targetSha: string; date: string },
  where: { repoUrl: string; runUrl: string },
  inputs: Pick<Inputs, 'deploymentUrl' | 'seal' | 'sealSummary'>,
  app?: string,
): ReleaseDraft {
  const { tag, version, targetSha } = release;
  const section = renderChangelogSection({
    version,
    date: release.date,
    commits: decision.analysis.commits,
    repoUrl: where.repoUrl,
  });
  return {
    decision,
    tag,
    version,
    name: app ? `${app} v${version}` : tag,
    targetSha,
    section,
    links: {
      repoUrl: where.repoUrl,
      tag,
      previousTag: decision.previous?.tag ?? null,
      runUrl: where.runUrl,
      deploymentUrl: inputs.deploymentUrl,
    },
    seal: { seal: inputs.seal, summary: inputs.sealSummary },
  };
}
