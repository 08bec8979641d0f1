// A fault on each write still ends with exactly one PR in the right state.
import type { FaultKind } from '../../support/emulator/faults.js';
import { createWorld, type World } from './world.js';

const CONFIG = `promote:
  labels: []
  reviewers:
    users: [alice]
`;

const WRITES = [
  'git/create-ref',
  'git/update-ref',
  'pulls/create',
  'pulls/update',
  'pulls/request-reviewers',
];
const KINDS: FaultKind[] = ['5xx', 'lost-response', 'secondary-rate-limit'];

describe('faults on every write', () => {
  let world: World;
  afterEach(async () => {
    expect(world.emu.contractViolations).toEqual([]);
    await world.close();
  });

  test.each(KINDS)(
    '%s on each write of a create and of an update: one PR, at staging, reviewer requested',
    async (kind) => {
      world = await createWorld(['alice']);
      world.writeConfig(CONFIG);
      await world.commitToStaging('feat: first');
      for (const operationId of WRITES) world.emu.faults.inject({ operationId, kind });
      const first = await world.promote();
      expect(first.failed).toBeUndefined();
      expect(first.outputs.operation).toBe('created');

      const head = await world.commitToStaging('fix: second');
      for (const operationId of WRITES) world.emu.faults.inject({ operationId, kind });
      const second = await world.promote();
      expect(second.failed).toBeUndefined();
      expect(second.outputs.operation).toBe('updated');

      const hit = world.emu.requests.filter((q) => q.fault === kind).map((q) => q.operationId);
      expect(new Set(hit)).toEqual(new Set(WRITES));
      const open = world.pulls('open');
      expect(world.pulls()).toHaveLength(1);
      expect(open).toHaveLength(1);
      expect(open[0]!.head.sha).toBe(head);
      expect(open[0]!.requested_reviewers).toEqual(['alice']);
      expect(open[0]!.body).toContain('**2 commits**');
      expect((await world.emu.git.listRefs('refs/heads/promote/')).map((r) => r.sha)).toEqual([
        head,
      ]);
    },
  );

  test('a run that dies after creating its branch: the re-run a minute later reuses it and opens one PR', async () => {
    world = await createWorld(['alice']);
    world.writeConfig(CONFIG);
    const head = await world.commitToStaging('feat: first');
    world.emu.faults.inject({ operationId: 'pulls/create', kind: '5xx', status: 500, times: 10 });
    const broken = await world.promote({}, { now: '2026-05-03T14:32:00Z' });
    expect(broken.failed).toMatch(/^open-promote-pr failed: /);
    expect(world.pulls()).toHaveLength(0);
    world.emu.faults.clear();

    const rerun = await world.promote({}, { now: '2026-05-03T14:47:00Z' });
    expect(rerun.outputs).toMatchObject({
      operation: 'created',
      branch: 'promote/sprint-15-beneficiary-20260503-1432',
    });
    expect(world.pulls()).toHaveLength(1);
    expect(
      (await world.emu.git.listRefs('refs/heads/promote/')).map((r) => [r.ref, r.sha]),
    ).toEqual([['refs/heads/promote/sprint-15-beneficiary-20260503-1432', head]]);
  });
});
