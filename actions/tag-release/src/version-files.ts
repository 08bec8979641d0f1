import { ConfigurationError } from '@promote/core/errors';
import semver from 'semver';
import type { VersionFileConfig } from '@promote/core/config/sections/release';

export interface FileChange {
  path: string;
  content: string;
}

export function versionFilePath(file: VersionFileConfig): string {
  return typeof file === 'string' ? file : file.path;
}

/**
 * `content` with its version constant set to `version`: package.json's "version" field (indent
 * and trailing newline kept), or the first match of the configured pattern's (?<version>) group.
 * A file whose constant is not found is a configuration error (better than a silent no-op).
 */
export function setVersionInFile(
  file: VersionFileConfig,
  content: string,
  version: string,
): string {
  if (typeof file === 'string') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      throw new ConfigurationError(
        `release.changelog.version-files: ${file} is not valid JSON; fix it or remove it from the list.`,
      );
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ConfigurationError(
        `release.changelog.version-files: ${file} is not a JSON object.`,
      );
    }
    const indent = /^[ \t]+(?=")/m.exec(content)?.[0] ?? '  ';
    const out = JSON.stringify({ ...(data as Record<string, unknown>), version }, null, indent);
    return content.endsWith('\n') ? `${out}\n` : out;
  }
  const re = new RegExp(file.pattern, 'd');
  const m = re.exec(content);
  const span = m?.indices?.groups?.version;
  if (!m || !span) {
    throw new ConfigurationError(
      `release.changelog.version-files: pattern ${JSON.stringify(file.pattern)} does not match ${file.path}; ` +
        'make its (?<version>...) group match the version constant in that file.',
    );
  }
  return content.slice(0, span[0]) + version + content.slice(span[1]);
}

/** The version constant `content` holds now: package.json's "version", or the pattern's group. */
export function versionInFile(file: VersionFileConfig, content: string): string | undefined {
  if (typeof file === 'string') {
    try {
      const v = (JSON.parse(content) as { version?: unknown }).version;
      return typeof v === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  }
  return new RegExp(file.pattern).exec(content)?.groups?.version;
}

/**
 * A version file already ahead of the release being cut is never moved backwards. It happens on
 * the first release after adopting Promote when the last release has no tag with the prefix:
 * the version then starts at release.first-version (0.1.0), below the file's.
 */
export function refuseDowngrade(file: VersionFileConfig, content: string, version: string): void {
  const current = versionInFile(file, content);
  if (current && semver.valid(current) && semver.gt(current, version)) {
    const path = versionFilePath(file);
    throw new ConfigurationError(
      `release.changelog.version-files: ${path} is at ${current}, above the version being released (${version}); ` +
        `a release never moves it backwards. Tag the last release (e.g. git tag <tag-prefix>${current} <its commit>) ` +
        `or set release.first-version above ${current}, then re-run. Nothing was written.`,
    );
  }
}
