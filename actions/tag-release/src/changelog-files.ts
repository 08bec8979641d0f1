import { ConfigurationError } from '@promote/core/errors';
import type { VersionFileConfig } from '@promote/core/config/sections/release';
import { insertChangelogSection } from './changelog.js';
import { readFileAt } from './git-data.js';
import type { PublishDeps, StepOutcome } from './publish.js';
import {
  refuseDowngrade,
  setVersionInFile,
  versionFilePath,
  type FileChange,
} from './version-files.js';

export interface ChangelogRequest {
  branch: string;
  /** The merge commit being released: the changelog commit must descend from it. */
  targetSha: string;
  path: string;
  mode: 'commit' | 'pull-request';
  version: string;
  tag: string;
  previousTag: string | null;
  section: string;
  repoUrl: string;
  versionFiles: VersionFileConfig[];
  isAncestor: (ancestor: string, descendant: string) => Promise<boolean>;
}

export interface ChangelogResult {
  outcome: StepOutcome;
  /** The section as the file holds it (a re-run reuses what the first run wrote). */
  section: string;
  commitSha?: string;
  pullRequestUrl?: string;
  /**
   * Set when mode commit could not commit to the branch (protected, ruleset): why, and the
   * changelog went to a pull request instead (or, if that failed too, nowhere).
   */
  fallback?: string;
}

/** The production branch where the changelog is written: its head, tree and current changelog. */
export interface ChangelogBase {
  head: string;
  tree: string;
  current: string | null;
}

/** The files the changelog commit writes: CHANGELOG.md with the section, and the version files. */
export async function changedFiles(
  deps: PublishDeps,
  req: ChangelogRequest,
  tree: string,
  current: string | null,
): Promise<FileChange[]> {
  const files: FileChange[] = [];
  const { content } = insertChangelogSection(current, {
    version: req.version,
    section: req.section,
    tag: req.tag,
    previousTag: req.previousTag,
    repoUrl: req.repoUrl,
  });
  files.push({ path: req.path, content });
  for (const vf of req.versionFiles) {
    const path = versionFilePath(vf);
    const text = await readFileAt(deps.gh, deps.repo, tree, path);
    if (text === null) {
      throw new ConfigurationError(
        `release.changelog.version-files: ${path} does not exist on ${req.branch}; fix the path or remove it.`,
      );
    }
    refuseDowngrade(vf, text, req.version);
    const next = setVersionInFile(vf, text, req.version);
    if (next !== text) files.push({ path, content: next });
  }
  return files;
}
