import { ConfigurationError } from '@promote/core/errors';
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
