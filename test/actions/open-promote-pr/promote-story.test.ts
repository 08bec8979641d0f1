// The user's story, in-process against the GitHub emulator and a real git history.
import { BODY_BEGIN, BODY_END } from '../../../actions/open-promote-pr/src/body.js';
import { createWorld, type World } from './world.js';

const NO_LABELS = 'promote:\n  labels: []\n';

describe('pressing "promote"', () => {
  let world: World;
  afterEach(async () => {
    expect(world.emu.contractViolations).toEqual([]);
    expect(world.emu.unimplemented).toEqual([]);
    await world.close();
  });

  test('snapshots staging to promote/<name>-<stamp> and opens one PR, with the story in the log', async () => {
    world = await createWorld();
    world.writeConfig(NO_LABELS);
    await world.commitToStaging('feat(api): beneficiary export (#12)');
    const head = await world.commitToStaging('fix: rounding of totals');
    const r = await world.promote();
    expect(r.failed).toBeUndefined();
    expect(r.outputs).toMatchObject({
      operation: 'created',
      branch: 'promote/sprint-15-beneficiary-20260503-1432',
      'head-sha': head,
    });
    expect(
      await world.emu.git.revParse('refs/heads/promote/sprint-15-beneficiary-20260503-1432'),
    ).toBe(head);
    const [pr] = world.pulls();
    expect(world.pulls()).toHaveLength(1);
    expect(pr!.base.ref).toBe('main');
    expect(pr!.body).toContain('**2 commits**');
    expect(r.outputs['pr-number']).toBe(String(pr!.number));
    expect(r.log).toContain(
      'Snapshotting staging to promote/sprint-15-beneficiary-20260503-1432 ...',
    );
    expect(r.log).toContain(`Opening PR ... ${r.outputs['pr-url']}`);
  });

  test('a long promotion (1,234 commits) reads every commit in pages of 100 following Link', async () => {
    world = await createWorld();
    world.writeConfig(NO_LABELS);
    const shas = await world.emu.git.commitMany(
      'staging',
      Array.from({ length: 1234 }, (_, i) => ({
        files: { [`c/${i % 40}.txt`]: `${i}\n` },
        message: `fix: change ${i}`,
      })),
    );
    world.emu.resetCounters();
    const r = await world.promote();
    expect(r.failed).toBeUndefined();
    expect(r.outputs['head-sha']).toBe(shas.at(-1));
    expect(world.pulls()[0]!.body).toContain('**1234 commits**');
    const pages = world.emu
      .filterRequests({ operationId: 'repos/compare-commits-with-basehead' })
      .map((q) => new URLSearchParams(q.query))
      .filter((q) => q.get('per_page') !== '1');
    expect(pages.map((q) => q.get('page'))).toEqual(
      Array.from({ length: 13 }, (_, i) => String(i + 1)),
    );
    expect(new Set(pages.map((q) => q.get('per_page')))).toEqual(new Set(['100']));
  });

  test('nothing ahead of production: no branch, no PR, operation none', async () => {
    world = await createWorld();
    world.writeConfig(NO_LABELS);
    await world.emu.git.branch('staging', (await world.emu.git.revParse('refs/heads/main'))!);
    const r = await world.promote();
    expect(r.failed).toBeUndefined();
    expect(r.outputs.operation).toBe('none');
    expect(r.log.some((l) => l.startsWith('Nothing ahead of production'))).toBe(true);
    expect(world.pulls()).toHaveLength(0);
    expect((await world.emu.git.listRefs('refs/heads/promote/')).length).toBe(0);
  });

  test('a re-run updates the same PR; staging advances and the PR gets the new commits; human edits survive', async () => {
    world = await createWorld();
    world.writeConfig(NO_LABELS);
    await world.commitToStaging('feat: first');
    const first = await world.promote();
    expect(first.outputs.operation).toBe('created');

    const again = await world.promote({}, { now: '2026-05-03T15:00:00Z' });
    expect(again.outputs).toMatchObject({
      operation: 'updated',
      'pr-number': first.outputs['pr-number'],
      branch: first.outputs.branch,
    });
    expect(world.pulls()).toHaveLength(1);

    const pr = world.pulls()[0]!;
    pr.body = `Deploy after the 5pm freeze, please.\n\n${pr.body}\n\n-- ops`;
    const newHead = await world.commitToStaging('fix: second (#13)');
    const later = await world.promote({}, { now: '2026-05-04T09:00:00Z' });
    expect(later.outputs).toMatchObject({
      operation: 'updated',
      'pr-number': first.outputs['pr-number'],
      branch: 'promote/sprint-15-beneficiary-20260503-1432',
      'head-sha': newHead,
    });
    expect(world.pulls()).toHaveLength(1);
    expect(pr.head.sha).toBe(newHead);
    expect(pr.body!.startsWith(`Deploy after the 5pm freeze, please.\n\n${BODY_BEGIN}`)).toBe(true);
    expect(pr.body!.endsWith(`${BODY_END}\n\n-- ops`)).toBe(true);
    expect(pr.body).toContain('**2 commits**');
    expect(pr.body).toContain('second');
  });

  test('an unknown staging branch fails before any write, naming the key to fix', async () => {
    world = await createWorld();
    world.writeConfig(NO_LABELS);
    const r = await world.promote({ 'staging-branch': 'stagign' });
    expect(r.failed).toBe(
      'open-promote-pr: the staging branch "stagign" does not exist in acme/config-repo; set branches.staging in .github/promotion.yml (or the matching input) to an existing branch.',
    );
    expect(world.emu.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  test('a promotion branch with commits that are not on staging is refused, nothing moves', async () => {
    world = await createWorld();
    world.writeConfig(NO_LABELS);
    await world.commitToStaging('feat: first');
    const first = await world.promote();
    const reviewFix = await world.emu.git.commit({
      branch: first.outputs.branch!,
      message: 'fix: pushed to the promotion branch',
      files: { 'x.txt': 'x' },
    });
    await world.commitToStaging('feat: more');
    const r = await world.promote();
    expect(r.failed).toMatch(/has commits that are not on staging/);
    expect(await world.emu.git.revParse(`refs/heads/${first.outputs.branch}`)).toBe(reviewFix);
  });
});
