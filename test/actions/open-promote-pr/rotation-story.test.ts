// Reviewer rotation across promotions, with no state but the PR bodies (emulator + real git).
import { createWorld, type World } from './world.js';

const CONFIG = `promote:
  labels: []
  close-superseded: false
  reviewers:
    users: [alice, bob, carol]
`;

describe('reviewers from the rotation', () => {
  let world: World;
  afterEach(async () => {
    expect(world.emu.contractViolations).toEqual([]);
    await world.close();
  });

  test('three promotions request three reviewers in rotation order', async () => {
    world = await createWorld(['alice', 'bob', 'carol']);
    world.writeConfig(CONFIG);
    const requested: string[][] = [];
    for (const name of ['sprint-1', 'sprint-2', 'sprint-3']) {
      await world.commitToStaging(`feat: work for ${name}`);
      const r = await world.promote({ name });
      expect(r.outputs.operation).toBe('created');
      const pr = world.pulls().find((p) => String(p.number) === r.outputs['pr-number'])!;
      requested.push(pr.requested_reviewers);
      expect(r.log).toContain(`Reviewer requested: @${pr.requested_reviewers[0]}`);
    }
    expect(requested).toEqual([['alice'], ['bob'], ['carol']]);
  });

  test('the person who pressed "promote" is skipped, and so is someone away', async () => {
    world = await createWorld(['alice', 'bob', 'carol']);
    world.writeConfig(
      CONFIG.replace('users: [alice, bob, carol]', 'users: [alice, bob, carol]\n    away: [bob]'),
    );
    await world.commitToStaging('feat: x');
    const r = await world.promote({}, { actor: 'alice' });
    const pr = world.pulls()[0]!;
    expect(pr.requested_reviewers).toEqual(['carol']);
    expect(pr.body).toContain('Skipped `alice` (author).');
    expect(pr.body).toContain('Skipped `bob` (away).');
    expect(r.outputs.operation).toBe('created');
  });

  test("an update keeps the PR's reviewer instead of taking the next turn", async () => {
    world = await createWorld(['alice', 'bob', 'carol']);
    world.writeConfig(CONFIG);
    await world.commitToStaging('feat: x');
    await world.promote();
    await world.commitToStaging('feat: y');
    const r = await world.promote();
    expect(r.outputs.operation).toBe('updated');
    expect(world.pulls()[0]!.requested_reviewers).toEqual(['alice']);
  });

  test('reviewers required but the rotation is empty: fails before any write', async () => {
    world = await createWorld();
    world.writeConfig('promote:\n  labels: []\n  reviewers:\n    required: true\n');
    await world.commitToStaging('feat: x');
    const r = await world.promote();
    expect(r.failed).toMatch(/promote.reviewers.required is true but the rotation is empty/);
    expect(world.emu.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(world.pulls()).toHaveLength(0);
  });

  test('a team takes its turn after the users and is requested as a team reviewer', async () => {
    world = await createWorld(['alice']);
    world.writeConfig(
      'promote:\n  labels: []\n  close-superseded: false\n  reviewers:\n    users: [alice]\n    teams: [acme/platform]\n',
    );
    await world.commitToStaging('feat: one');
    await world.promote({ name: 'one' });
    await world.commitToStaging('feat: two');
    const r = await world.promote({ name: 'two' });
    const [first, second] = world.pulls();
    expect(first!.requested_reviewers).toEqual(['alice']);
    expect(second!.requested_teams).toEqual(['platform']);
    expect(r.log).toContain('Reviewer requested: @acme/platform');
  });

  test('a reviewer GitHub refuses (not a collaborator) is a warning; the PR stands', async () => {
    world = await createWorld();
    world.writeConfig('promote:\n  labels: []\n  reviewers:\n    users: [stranger]\n');
    await world.commitToStaging('feat: one');
    const r = await world.promote();
    expect(r.failed).toBeUndefined();
    expect(r.outputs.operation).toBe('created');
    expect(
      r.log.some((l) => l.startsWith('::warning::Could not request @stranger as reviewer')),
    ).toBe(true);
    expect(world.pulls()).toHaveLength(1);
  });
});
