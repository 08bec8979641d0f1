import semver from 'semver';
import type { ReleaseHistory, TagInfo } from './history.js';

export interface ReleaseTag {
  tag: string;
  version: string;
  sha: string;
}

export interface LastReleases {
  /** Highest reachable release below the target commit (prereleases included), or null. */
  latest: ReleaseTag | null;
  /** Highest reachable stable release, or null. */
  stable: ReleaseTag | null;
  /** Tags with the prefix at the target commit itself (a re-run after tagging). */
  atTarget: ReleaseTag[];
  /**
   * The lowest release above `latest` on a commit that contains the target: a later merge was
   * released first (concurrent releases), so the target is already released in that tag.
   */
  coveredBy: ReleaseTag | null;
  /** How many ancestry checks were needed (each one API request on GitHub). */
  checks: number;
}

/** Tags named `<prefix><semver>`, highest version first. Other tags are ignored. */
export function releaseTags(tags: TagInfo[], prefix: string): ReleaseTag[] {
  const out: ReleaseTag[] = [];
  for (const t of tags) {
    if (!t.name.startsWith(prefix)) continue;
    const rest = t.name.slice(prefix.length);
    // Strict: "v1.2" or "v1.2.3.4" are not release tags; semver.valid would also accept "=1.2.3".
    if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(rest)) continue;
    const version = semver.valid(rest);
    if (version) out.push({ tag: t.name, version, sha: t.sha });
  }
  return out.sort((a, b) => semver.rcompare(a.version, b.version) || a.tag.localeCompare(b.tag));
}

/**
 * The last releases reachable from the target: every tag (all pages), highest semver first,
 * checking ancestry from the top and stopping at the first reachable stable one. Never "newest by
 * date" (a hotfix tag on an old branch is newer) and never "first 100" (listTags pages).
 */
export async function findLastReleases(
  history: ReleaseHistory,
  options: { prefix: string; targetSha: string },
): Promise<LastReleases> {
  const candidates = releaseTags(await history.listTags(), options.prefix);
  const reachable = new Map<string, boolean>();
  let checks = 0;
  const isReachable = async (sha: string): Promise<boolean> => {
    const known = reachable.get(sha);
    if (known !== undefined) return known;
    checks++;
    const yes = await history.isAncestor(sha, options.targetSha);
    reachable.set(sha, yes);
    return yes;
  };
  let latest: ReleaseTag | null = null;
  let stable: ReleaseTag | null = null;
  // Unreachable tags above the last release: normally none (a hotfix line may have some).
  const above: ReleaseTag[] = [];
  for (const c of candidates) {
    // Tags at the target itself are this run's own (a re-run): the previous release is below them.
    if (c.sha === options.targetSha) continue;
    if (!(await isReachable(c.sha))) {
      if (!latest) above.push(c);
      continue;
    }
    latest ??= c;
    if (!semver.prerelease(c.version)) {
      stable = c;
      break;
    }
  }
  const atTarget = candidates.filter((c) => c.sha === options.targetSha);
  let coveredBy: ReleaseTag | null = null;
  if (!atTarget.length) {
    // Lowest first: the first release that shipped the target.
    for (const c of [...above].reverse()) {
      checks++;
      if (await history.isAncestor(options.targetSha, c.sha)) {
        coveredBy = c;
        break;
      }
    }
  }
  return { latest, stable, atTarget, coveredBy, checks };
}
