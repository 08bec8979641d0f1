import { releaseSection } from '../../../packages/core/src/config/sections/release.js';
import {
  extractVersionSection,
  insertChangelogSection,
  renderChangelogSection,
} from '../../../actions/tag-release/src/changelog.js';
import {
  refuseDowngrade,
  setVersionInFile,
  versionInFile,
} from '../../../actions/tag-release/src/version-files.js';
import { analyzeCommits } from '../../../actions/tag-release/src/version.js';

const repoUrl = 'https://github.com/acme/shop';
const sections = releaseSection().parse({}).sections;
let n = 0;
const commit = (message: string) => ({
  sha: `${String(++n).padStart(2, '0')}`.padEnd(40, 'a'),
  parents: n > 1 ? [`${String(n - 1).padStart(2, '0')}`.padEnd(40, 'a')] : [],
  message,
});

function section(messages: string[], version = '2.7.0') {
  n = 0;
  const analysis = analyzeCommits(messages.map(commit), sections);
  return renderChangelogSection({
    version,
    date: '2026-11-22',
    commits: analysis.commits,
    repoUrl,
  });
}

describe('the changelog section', () => {
  test('groups commits under Keep a Changelog headings in their order, with PR links', () => {
    const s = section([
      'fix: crash on empty cart (#41)',
      'feat(search): fuzzy matching (#40)',
      'security: bump openssl (#43)',
      'refactor: split cart module',
      'docs: readme',
    ]);
    expect(s).toBe(
      [
        '## [2.7.0] - 2026-11-22',
        '',
        '### Added',
        '',
        `- **search:** fuzzy matching ([#40](${repoUrl}/pull/40))`,
        '',
        '### Changed',
        '',
        `- split cart module ([04aaaaa](${repoUrl}/commit/04aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa))`,
        '',
        '### Fixed',
        '',
        `- crash on empty cart ([#41](${repoUrl}/pull/41))`,
        '',
        '### Security',
        '',
        `- bump openssl ([#43](${repoUrl}/pull/43))`,
        '',
      ].join('\n'),
    );
  });

  test('breaking changes are marked and carry their footer text', () => {
    const s = section(['feat!: new auth\n\nBREAKING CHANGE: sessions are invalidated']);
    expect(s).toContain('- **BREAKING** new auth ([01aaaaa]');
    expect(s).toContain(': sessions are invalidated');
  });

  test('commit text cannot inject HTML or links', () => {
    const s = section(['fix: <img src=x onerror=alert(1)> [click](http://evil) *bold*']);
    expect(s).toContain('&lt;img src=x onerror=alert(1)&gt; \\[click\\](http://evil) \\*bold\\*');
    expect(s).not.toContain('<img');
  });
});

describe('inserting into CHANGELOG.md', () => {
  const existing = [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    '- hand-written note',
    '',
    '## [2.6.0] - 2026-10-01',
    '',
    '### Fixed',
    '',
    '- old fix',
    '',
    '[Unreleased]: https://github.com/acme/shop/compare/v2.6.0...HEAD',
    '[2.6.0]: https://github.com/acme/shop/compare/v2.5.0...v2.6.0',
    '',
  ].join('\n');
  const input = {
    version: '2.7.0',
    section: '## [2.7.0] - 2026-11-22\n\n### Added\n\n- search\n',
    tag: 'v2.7.0',
    previousTag: 'v2.6.0',
    repoUrl,
  };

  test('goes under the Unreleased block, with the compare link at the bottom', () => {
    const { content, changed } = insertChangelogSection(existing, input);
    expect(changed).toBe(true);
    expect(content).toBe(
      [
        '# Changelog',
        '',
        '## [Unreleased]',
        '',
        '- hand-written note',
        '',
        '## [2.7.0] - 2026-11-22',
        '',
        '### Added',
        '',
        '- search',
        '',
        '## [2.6.0] - 2026-10-01',
        '',
        '### Fixed',
        '',
        '- old fix',
        '',
        '[Unreleased]: https://github.com/acme/shop/compare/v2.7.0...HEAD',
        '[2.7.0]: https://github.com/acme/shop/compare/v2.6.0...v2.7.0',
        '[2.6.0]: https://github.com/acme/shop/compare/v2.5.0...v2.6.0',
        '',
      ].join('\n'),
    );
    expect(extractVersionSection(content, '2.7.0')).toBe(input.section);
  });

  test('is idempotent: a changelog that has the version is left alone', () => {
    const once = insertChangelogSection(existing, input).content;
    expect(insertChangelogSection(once, input)).toEqual({ content: once, changed: false });
  });

  test('a missing changelog is created in Keep a Changelog form', () => {
    const { content } = insertChangelogSection(null, {
      ...input,
      version: '0.1.0',
      tag: 'v0.1.0',
      previousTag: null,
      section: '## [0.1.0] - 2026-11-22\n\n### Added\n\n- first\n',
    });
    expect(content).toMatch(
      /^# Changelog\n[\s\S]*Keep a Changelog[\s\S]*## \[Unreleased\]\n\n## \[0\.1\.0\] - 2026-11-22\n/,
    );
    expect(content.trimEnd().split('\n').slice(-2)).toEqual([
      '[Unreleased]: https://github.com/acme/shop/compare/v0.1.0...HEAD',
      '[0.1.0]: https://github.com/acme/shop/releases/tag/v0.1.0',
    ]);
  });
});

describe('version files', () => {
  test('package.json keeps its indentation and key order', () => {
    const before = '{\n    "name": "shop",\n    "version": "2.6.0",\n    "private": true\n}\n';
    expect(setVersionInFile('package.json', before, '2.7.0')).toBe(
      '{\n    "name": "shop",\n    "version": "2.7.0",\n    "private": true\n}\n',
    );
  });

  test('a pattern with a (?<version>) group replaces only the constant', () => {
    const file = { path: 'src/version.ts', pattern: "VERSION = '(?<version>[^']+)'" };
    expect(setVersionInFile(file, "// v1\nexport const VERSION = '2.6.0';\n", '2.7.0')).toBe(
      "// v1\nexport const VERSION = '2.7.0';\n",
    );
    expect(() => setVersionInFile(file, 'nothing here', '2.7.0')).toThrow(
      'does not match src/version.ts',
    );
  });

  test('a file already ahead of the release is refused, never moved backwards', () => {
    const pkg = '{\n  "name": "shop",\n  "version": "1.4.0"\n}\n';
    expect(versionInFile('package.json', pkg)).toBe('1.4.0');
    expect(() => refuseDowngrade('package.json', pkg, '0.1.0')).toThrow(
      'release.changelog.version-files: package.json is at 1.4.0, above the version being released (0.1.0)',
    );
    // The same version (a re-run) and a higher one pass; a file without a version is not judged.
    expect(() => refuseDowngrade('package.json', pkg, '1.4.0')).not.toThrow();
    expect(() => refuseDowngrade('package.json', pkg, '1.5.0')).not.toThrow();
    expect(() => refuseDowngrade('package.json', '{"name":"shop"}', '0.1.0')).not.toThrow();
    const file = { path: 'src/version.ts', pattern: "VERSION = '(?<version>[^']+)'" };
    expect(versionInFile(file, "export const VERSION = '3.0.0';\n")).toBe('3.0.0');
    expect(() => refuseDowngrade(file, "export const VERSION = '3.0.0';\n", '2.9.9')).toThrow(
      'src/version.ts is at 3.0.0',
    );
  });
});
