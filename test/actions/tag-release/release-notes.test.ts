import { RELEASE_BODY_LIMIT } from '../../../packages/core/src/report.js';
import {
  keptBlocks,
  renderReleaseBody,
  renderSeal,
  renderTagMessage,
} from '../../../actions/tag-release/src/release-notes.js';

const links = {
  repoUrl: 'https://github.com/acme/shop',
  tag: 'v2.7.0',
  previousTag: 'v2.6.0',
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
};
const section =
  '## [2.7.0] - 2026-11-22\n\n### Added\n\n- search ([#40](https://github.com/acme/shop/pull/40))\n';

describe('release notes', () => {
  test('the section without its heading, the seal, and links from the explicit previous tag', () => {
    const body = renderReleaseBody(section, links, {
      seal: 'red',
      summary: '2 of 12 checks failed',
    });
    expect(body.startsWith('### Added\n\n- search')).toBe(true);
    expect(body).toContain('### Production smoke seal\n\n🔴 **red**\n\n2 of 12 checks failed');
    expect(body).toContain(
      '**Full changelog**: [v2.6.0...v2.7.0](https://github.com/acme/shop/compare/v2.6.0...v2.7.0)',
    );
    expect(body).toContain('[Release run](https://github.com/acme/shop/actions/runs/1)');
    expect(body).not.toContain('promote:notified');
  });

  test('a first release links the commits it contains (not its own page), and no seal means no seal block', () => {
    const body = renderReleaseBody(section, { ...links, previousTag: null }, {});
    expect(body).toContain('[v2.7.0](https://github.com/acme/shop/commits/v2.7.0)');
    expect(body).not.toContain('/releases/tag/');
    expect(body).not.toContain('smoke seal');
    expect(renderSeal({})).toBe('');
  });

  test("a huge changelog is cut to GitHub's 125,000 characters, keeping the seal and links", () => {
    const huge = `## [2.7.0] - 2026-11-22\n\n### Fixed\n\n${Array.from({ length: 5000 }, (_, i) => `- fix number ${i} with a long enough description to add up`).join('\n')}\n`;
    const body = renderReleaseBody(huge, links, { seal: 'green' }, true);
    expect(huge.length).toBeGreaterThan(RELEASE_BODY_LIMIT);
    expect(body.length).toBeLessThanOrEqual(RELEASE_BODY_LIMIT);
    expect(body).toContain("more characters of notes did not fit GitHub's release limit");
    expect(body).toContain('🟢 **green**');
    expect(body).toContain('compare/v2.6.0...v2.7.0');
    expect(body).toContain('<!-- promote:notified -->');
  });

  test("prod-smoke-seal's marked block in an existing body is carried over", () => {
    const existing =
      'old notes\n\n<!-- promote:smoke-seal:start -->\nseal: green at 23:01\n<!-- promote:smoke-seal:end -->\n';
    const kept = keptBlocks(existing);
    expect(kept).toBe(
      '<!-- promote:smoke-seal:start -->\nseal: green at 23:01\n<!-- promote:smoke-seal:end -->',
    );
    expect(renderReleaseBody(section, links, {}, false, kept)).toContain(kept);
    expect(keptBlocks('no block')).toBe('');
  });

  test('the tag message is the tag name then the section', () => {
    expect(renderTagMessage('v2.7.0', section)).toBe(`v2.7.0\n\n${section}`);
  });
});
