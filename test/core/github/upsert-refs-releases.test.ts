import { createOrUpdateRef, resolveRef, upsertReleaseByTag } from '@promote/core/github/upsert';
import { startWorld, stopWorld, type World } from './world.js';

let w: World;
let next: string;
beforeEach(async () => {
  w = await startWorld();
  next = await w.emu.git.commit({ branch: 'main', files: { 'b.txt': 'b\n' }, message: 'feat: b' });
});
afterEach(async () => stopWorld(w));

describe('createOrUpdateRef', () => {
  test('creates, leaves alone, then fast-forwards a branch', async () => {
    const first = await createOrUpdateRef(w.gh, w.repo, 'heads/promote/x', w.mainSha, {}, w.logger);
    const again = await createOrUpdateRef(w.gh, w.repo, 'refs/heads/promote/x', w.mainSha);
    const moved = await createOrUpdateRef(w.gh, w.repo, 'heads/promote/x', next);
    expect([first.operation, again.operation, moved.operation]).toEqual([
      'created',
      'unchanged',
      'updated',
    ]);
    expect(moved.previousSha).toBe(w.mainSha);
    expect(await w.emu.git.revParse('refs/heads/promote/x')).toBe(next);
  });

  test('a create whose response was lost ends as the ref at the right commit, reported as created', async () => {
    w.emu.faults.inject({ operationId: 'git/create-ref', kind: 'lost-response' });
    const result = await createOrUpdateRef(w.gh, w.repo, 'tags/v1.0.0', next, {}, w.logger);
    expect(result.operation).toBe('created');
    expect(w.emu.countRequests({ operationId: 'git/create-ref' })).toBe(2);
    expect(await resolveRef(w.gh, w.repo, 'tags/v1.0.0')).toBe(next);
  });

  test('a tag at another commit is an error naming both SHAs, and the tag stays put', async () => {
    await createOrUpdateRef(w.gh, w.repo, 'tags/v1.0.0', w.mainSha);
    await expect(createOrUpdateRef(w.gh, w.repo, 'tags/v1.0.0', next)).rejects.toThrow(
      `refs/tags/v1.0.0 already exists at ${w.mainSha}, not at ${next}.`,
    );
    expect(await w.emu.git.revParse('refs/tags/v1.0.0')).toBe(w.mainSha);
  });

  test('a ref outside heads/ and tags/ is refused', async () => {
    await expect(createOrUpdateRef(w.gh, w.repo, 'main', next)).rejects.toThrow(
      /must start with heads\/ or tags\//,
    );
  });
});

describe('upsertReleaseByTag', () => {
  const spec = () => ({ tag: 'v1.2.0', name: 'v1.2.0', body: 'notes', targetCommitish: next });

  test('creates, leaves alone, then updates the release of a tag', async () => {
    const a = await upsertReleaseByTag(w.gh, w.repo, spec(), w.logger);
    const b = await upsertReleaseByTag(w.gh, w.repo, spec(), w.logger);
    const c = await upsertReleaseByTag(w.gh, w.repo, { ...spec(), body: 'better notes' }, w.logger);
    expect([a.operation, b.operation, c.operation]).toEqual(['created', 'unchanged', 'updated']);
    expect(w.emu.state.releases).toHaveLength(1);
    expect(w.emu.state.releases[0]).toMatchObject({ tag_name: 'v1.2.0', body: 'better notes' });
  });

  test('a create whose response was lost ends as exactly one release', async () => {
    w.emu.faults.inject({ operationId: 'repos/create-release', kind: 'lost-response' });
    const result = await upsertReleaseByTag(w.gh, w.repo, spec(), w.logger);
    expect(w.emu.countRequests({ operationId: 'repos/create-release' })).toBe(2);
    expect(w.emu.state.releases).toHaveLength(1);
    expect(result.release.id).toBe(w.emu.state.releases[0]!.id);
  });

  test('a draft (which GET /releases/tags does not return) is found and not created twice', async () => {
    await upsertReleaseByTag(w.gh, w.repo, { ...spec(), draft: true });
    const again = await upsertReleaseByTag(w.gh, w.repo, { ...spec(), draft: false });
    expect(again.operation).toBe('updated');
    expect(w.emu.state.releases).toHaveLength(1);
    expect(w.emu.state.releases[0]!.draft).toBe(false);
  });

  test('notes over 125,000 characters are cut with a note instead of a 422', async () => {
    const { release } = await upsertReleaseByTag(w.gh, w.repo, {
      ...spec(),
      body: '* change\n'.repeat(15_000),
    });
    expect(release.body!.length).toBeLessThanOrEqual(125_000);
    expect(release.body).toMatch(
      /release notes truncated: \d+ more characters did not fit GitHub's limit of 125000/,
    );
  });
});
