// release.major-tag: a repository of actions releases v1.4.0 and `uses: owner/repo@v1` follows it.
import { planMajorTag, type MajorTagRequest } from '../../../actions/tag-release/src/major-tag.js';
import { createReleaseWorld, type ReleaseWorld } from './world.js';

const SHA = 'a'.repeat(40);
const OLD = 'b'.repeat(40);

describe('which releases move the major tag', () => {
  const plan = (over: Partial<MajorTagRequest>) =>
    planMajorTag({ version: '1.4.0', sha: SHA, prefix: 'v', draft: false, tags: [], ...over });

  test.each([
    ['a minor of v1 moves v1', { version: '1.4.0' }, { action: 'move', tag: 'v1', sha: SHA }],
    ['a patch of v1 moves v1', { version: '1.4.1' }, { action: 'move', tag: 'v1', sha: SHA }],
    ['a first v2.0.0 makes v2, never v1', { version: '2.0.0' }, { action: 'move', tag: 'v2' }],
    ['the tag prefix is kept', { version: '3.1.0', prefix: 'api/v' }, { tag: 'api/v3' }],
  ])('%s', (_story, over, expected) => {
    expect(plan(over)).toMatchObject(expected);
  });

  test.each([
    ['a prerelease', { version: '1.5.0-rc.0' }, '1.5.0-rc.0 is a prerelease'],
    ['a draft release', { draft: true }, 'the release is a draft'],
    ['a 0.x release', { version: '0.9.0' }, '0.x has no compatibility promise'],
    [
      'a patch of an older line than the latest 1.x',
      { version: '1.3.1', tags: [{ name: 'v1.4.0', sha: OLD }] },
      'v1.4.0 is the latest 1.x release; v1 stays with it',
    ],
  ])('%s leaves it alone and says why', (_story, over, why) => {
    expect(plan(over)).toEqual({ action: 'skip', why: expect.stringContaining(why) });
  });

  test('the latest of another major, a prerelease above it and the major tag itself do not count', () => {
    const tags = [
      { name: 'v2.0.0', sha: OLD },
      { name: 'v1.5.0-rc.0', sha: OLD },
      { name: 'v1', sha: OLD },
      { name: 'v1.3.0', sha: OLD },
    ];
    expect(plan({ tags })).toMatchObject({ action: 'move', tag: 'v1' });
  });
});

describe('a repository of actions releases with release.major-tag', () => {
  let w: ReleaseWorld;
  beforeEach(async () => {
    w = await createReleaseWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  /** v1.3.0 released with v1 on it (as the last release left them), then `message` merged. */
  function history(message: string): { v13: string; mergeSha: string } {
    const { h } = w;
    const v13 = h.commit('feat: inputs');
    h.tag('v1.3.0');
    h.tag('v1', 'HEAD', { lightweight: true });
    h.branch('feature');
    h.commit(message);
    const mergeSha = h.mergePullRequest('feature', 12, message);
    return { v13, mergeSha };
  }

  test('a feature: v1.4.0 annotated on the merge commit, v1 moved there as a lightweight tag', async () => {
    const { v13, mergeSha } = history('feat: a new input (#12)');
    w.writeConfig('release:\n  major-tag: true\n');
    w.publish();
    expect((await w.tags()).v1?.sha).toBe(v13);
    const r = await w.release(mergeSha);
    expect(r.failed).toBeUndefined();
    const tags = await w.tags();
    expect(tags['v1.4.0']).toMatchObject({ type: 'annotated', sha: mergeSha });
    expect(tags.v1).toMatchObject({ type: 'lightweight', sha: mergeSha });
    expect(tags['v1.3.0']?.sha).toBe(v13);
    expect(r.summary).toContain(
      `| Major tag | v1 moved from ${v13.slice(0, 12)} to ${mergeSha.slice(0, 12)} |`,
    );

    // A re-run writes nothing: the tag, the release and v1 are where it left them.
    w.emu.resetCounters();
    const again = await w.release(mergeSha);
    expect(again.failed).toBeUndefined();
    expect(w.emu.countRequests({ writes: true })).toBe(0);
    expect(again.summary).toContain(`| Major tag | v1 already at ${mergeSha.slice(0, 12)} |`);
  });

  test('a breaking change: v2.0.0 creates v2 and v1 stays on the last 1.x release', async () => {
    const { v13, mergeSha } = history('feat!: drop the `ref` input (#12)');
    w.writeConfig('release:\n  major-tag: true\n');
    w.publish();
    const r = await w.release(mergeSha);
    expect(r.failed).toBeUndefined();
    const tags = await w.tags();
    expect(tags['v2.0.0']?.sha).toBe(mergeSha);
    expect(tags.v2).toMatchObject({ type: 'lightweight', sha: mergeSha });
    expect(tags.v1?.sha).toBe(v13);
  });

  test('a fix on the 1.3 line after v1.4.0: v1.3.1 is released and v1 stays on v1.4.0', async () => {
    const { h } = w;
    const v13 = h.commit('feat: inputs');
    h.tag('v1.3.0');
    h.branch('release/1.3');
    h.checkout('main');
    const v14 = h.commit('feat: outputs');
    h.tag('v1.4.0');
    h.tag('v1', 'HEAD', { lightweight: true });
    h.checkout('release/1.3');
    const fix = h.commit('fix: crash on empty input');
    expect(h.head('v1.3.0')).toBe(v13);
    w.writeConfig('release:\n  major-tag: true\n  changelog:\n    mode: skip\n');
    w.publish();
    const r = await w.release(fix);
    expect(r.failed).toBeUndefined();
    expect(r.outputs.version).toBe('1.3.1');
    expect((await w.tags()).v1?.sha).toBe(v14);
    expect(r.summary).toContain('not moved: v1.4.0 is the latest 1.x release');
  });

  test('without release.major-tag no major tag is made', async () => {
    const { v13, mergeSha } = history('feat: a new input (#12)');
    w.publish();
    const r = await w.release(mergeSha);
    expect(r.outputs.version).toBe('1.4.0');
    expect((await w.tags()).v1?.sha).toBe(v13);
    expect(r.summary).not.toContain('Major tag');
  });

  test('dry-run says where the major tag would go and writes nothing', async () => {
    const { v13, mergeSha } = history('feat: a new input (#12)');
    w.writeConfig('release:\n  major-tag: true\n');
    w.publish();
    w.emu.resetCounters();
    const r = await w.release(mergeSha, { 'dry-run': 'true' });
    expect(w.emu.countRequests({ writes: true })).toBe(0);
    expect((await w.tags()).v1?.sha).toBe(v13);
    expect(r.summary).toContain(`dry run: v1 would point at ${mergeSha.slice(0, 12)}`);
  });
});
