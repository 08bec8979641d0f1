// The branch-protection gate reads both of GitHub's protections, classic branch protection and
// repository rulesets, from the emulator, and says which one protects the production branch.
import {
  readBranchProtection,
  type BranchProtection,
} from '../../../packages/core/src/github/branch-rules.js';
import { branchProtectionGate } from '../../../packages/core/src/gates/branch-protection.js';
import { fact, missing, type Fact } from '../../../packages/core/src/gates/types.js';
import { fastClient, startWorld, stopWorld, type World } from '../github/world.js';
import { facts, preflight } from './facts-builder.js';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await stopWorld(world);
});

const CHECK = 'promote/preflight';

async function gateFor(gh = world.gh) {
  const branch = await readBranchProtection(gh, world.repo, 'main').then(
    (value): Fact<BranchProtection> => fact(value),
    (e: Error): Fact<BranchProtection> => missing(e.message),
  );
  return branchProtectionGate(facts({ branch }), preflight({ 'branch-protection': {} })).row;
}

function classic(contexts: string[]) {
  world.emu.state.protection.main = { required_status_checks: { contexts } };
}

function ruleset(contexts: string[]) {
  world.emu.addRuleset({
    name: 'production',
    conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
    rules: [
      { type: 'pull_request' },
      {
        type: 'required_status_checks',
        parameters: { required_status_checks: contexts.map((context) => ({ context })) },
      },
      { type: 'non_fast_forward' },
    ],
  });
}

test('classic branch protection only: passes and says so', async () => {
  classic([CHECK]);
  expect(await gateFor()).toMatchObject({
    status: 'pass',
    summary: `main protected (branch protection rule), requires ${CHECK}`,
  });
});

test('a ruleset only: passes (the README promises "or ruleset")', async () => {
  ruleset([CHECK]);
  expect(await gateFor()).toMatchObject({
    status: 'pass',
    summary: `main protected (ruleset), requires ${CHECK}`,
  });
  expect(
    world.emu.countRequests({ operationId: 'repos/get-branch-rules', status: 200 }),
  ).toBeGreaterThan(0);
});

test('both: the check may come from either source', async () => {
  classic(['build']);
  ruleset([CHECK]);
  expect(await gateFor()).toMatchObject({
    status: 'pass',
    summary: `main protected (branch protection rule and ruleset), requires ${CHECK}`,
  });
});

test('neither: fails as unprotected, naming both ways to protect it', async () => {
  const row = await gateFor();
  expect(row).toMatchObject({ status: 'fail', summary: 'main is not protected' });
  expect(row.details).toContain('Neither a branch protection rule nor a ruleset');
});

test('a ruleset for another branch does not protect main', async () => {
  world.emu.addRuleset({
    conditions: { ref_name: { include: ['refs/heads/release/*'], exclude: [] } },
    rules: [{ type: 'pull_request' }],
  });
  expect((await gateFor()).status).toBe('fail');
});

test('protected without the check: fails naming the source and the checks it requires', async () => {
  ruleset(['build']);
  const row = await gateFor();
  expect(row).toMatchObject({
    status: 'fail',
    summary: `main is protected (ruleset) but does not require ${CHECK}`,
  });
  expect(row.details).toContain('Required checks on main: build.');
});

test('a 403 on classic protection is no failure while a ruleset protects; alone it cannot tell', async () => {
  // A token with only metadata: GET /branches/main needs contents read (403), rules need metadata.
  const token = world.emu.tokens.mint({ kind: 'app', permissions: { metadata: 'read' } });
  const narrow = fastClient(world.emu, world.logger, { token });
  ruleset([CHECK]);
  const row = await gateFor(narrow);
  expect(row).toMatchObject({
    status: 'pass',
    summary: `main protected (ruleset), requires ${CHECK}`,
  });
  expect(row.details).toContain('403 Resource not accessible by integration');
  expect(world.emu.countRequests({ operationId: 'repos/get-branch', status: 403 })).toBe(1);

  world.emu.state.rulesets.length = 0;
  const unknown = await gateFor(narrow);
  expect(unknown.status).toBe('fail');
  expect(unknown.summary).toContain('cannot tell whether main is protected');
});
