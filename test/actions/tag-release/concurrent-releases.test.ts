// Two releases at once (issue #9, concurrency): a changelog section written out of order still
// reads newest first; a merge whose later merge is already tagged is "covered" by that tag.
import { insertChangelogSection } from '../../../actions/tag-release/src/changelog.js';
import { findLastReleases } from '../../../actions/tag-release/src/last-release.js';
import type { ReleaseHistory } from '../../../actions/tag-release/src/history.js';

const repoUrl = 'https://github.com/acme/shop';
const insert = (existing: string, version: string, previousTag: string) =>
  insertChangelogSection(existing, {
    version,
    section: `## [${version}] - 2026-11-23\n\n### Fixes\n\n- change in ${version}\n`,
    tag: `v${version}`,
    previousTag,
    repoUrl,
  }).content;

describe('a changelog section for an older version than the newest one there', () => {
  test('goes below the newer section, and [Unreleased] keeps comparing from the newest tag', () => {
    const start = '# Changelog\n\n## [Unreleased]\n';
    const later = insert(start, '2.7.1', 'v2.7.0');
    const both = insert(later, '2.7.0', 'v2.6.0');
    expect([...both.matchAll(/^## \[([^\]]+)\]/gm)].map((m) => m[1])).toEqual([
      'Unreleased',
      '2.7.1',
      '2.7.0',
    ]);
    expect(both).toContain('[Unreleased]: https://github.com/acme/shop/compare/v2.7.1...HEAD');
    expect(both).toContain('[2.7.0]: https://github.com/acme/shop/compare/v2.6.0...v2.7.0');
  });

  test('between two versions when it falls between them', () => {
    let text = insert('# Changelog\n\n## [Unreleased]\n', '2.6.0', 'v2.5.0');
    text = insert(text, '2.8.0', 'v2.7.0');
    text = insert(text, '2.7.0', 'v2.6.0');
    expect([...text.matchAll(/^## \[(\d[^\]]*)\]/gm)].map((m) => m[1])).toEqual([
      '2.8.0',
      '2.7.0',
      '2.6.0',
    ]);
  });
});

describe('a merge already covered by a later tag', () => {
  // main: base (v2.6.0) <- a (merge #1) <- b (merge #2)
  const sha = (c: string) => c.repeat(40);
  const order = ['0', 'a', 'b'];
  const history = (tags: Array<{ name: string; sha: string }>): ReleaseHistory => ({
    listTags: async () => tags,
    isAncestor: async (x, y) => order.indexOf(x[0] as string) <= order.indexOf(y[0] as string),
    commitsBetween: async () => [],
    pullRequestLabels: async () => new Map(),
  });

  test('is covered by the lowest tag on a commit that contains it', async () => {
    const last = await findLastReleases(
      history([
        { name: 'v2.6.0', sha: sha('0') },
        { name: 'v2.7.0', sha: sha('b') },
      ]),
      { prefix: 'v', targetSha: sha('a') },
    );
    expect(last.coveredBy).toEqual({ tag: 'v2.7.0', version: '2.7.0', sha: sha('b') });
    expect(last.stable?.tag).toBe('v2.6.0');
  });

  test('is not covered when it carries its own tag (a re-run) or nothing later is tagged', async () => {
    const tagged = await findLastReleases(
      history([
        { name: 'v2.6.0', sha: sha('0') },
        { name: 'v2.7.0', sha: sha('a') },
        { name: 'v2.7.1', sha: sha('b') },
      ]),
      { prefix: 'v', targetSha: sha('a') },
    );
    expect(tagged.coveredBy).toBeNull();
    const plain = await findLastReleases(history([{ name: 'v2.6.0', sha: sha('0') }]), {
      prefix: 'v',
      targetSha: sha('b'),
    });
    expect(plain.coveredBy).toBeNull();
  });
});
