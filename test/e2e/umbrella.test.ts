// The umbrella action (`uses: OWNER/promote@v1` with `step: <action>`) run as the runner runs it:
// dist/promote/index.js for the main step and dist/promote/post/index.js for the post step, with
// the real actions behind them (no made-up step table), against the GitHub emulator.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { stringify } from 'yaml';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { runBundle, runPost } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';
import { prodConfig, startWorld } from '../actions/prod-smoke-seal/world.js';

const OWNER = 'acme';
const REPO = 'shop';
const LOCK = 'refs/promote-locks/production';

let emu: Emulator;
let runId = 5000;
const workspaces: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ owner: OWNER, repo: REPO });
});
afterAll(async () => {
  await emu?.close();
});
afterEach(() => {
  for (const w of workspaces.splice(0)) rmSync(w, { recursive: true, force: true });
});

/**
 * A checkout whose migration is `migrate` (the command preset: every step is a real command), and
 * a merge commit of a promotion PR into main.
 */
async function migrateWorld(migrate: string[]) {
  const workspace = mkdtempSync(join(tmpdir(), 'promote-umbrella-'));
  workspaces.push(workspace);
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(
    join(workspace, '.github/promotion.yml'),
    stringify({
      branches: { production: 'main', staging: 'staging' },
      environment: 'production',
      migrate: {
        preset: 'command',
        'backup-dir': join(workspace, 'backups'),
        lock: { 'poll-interval': 200, 'wait-timeout': 20_000 },
        overrides: {
          backup: { run: ['dd', 'if=/dev/zero', 'of={backupPath}', 'bs=4096', 'count=1'] },
          migrate: { run: migrate },
          restore: { run: ['true'] },
        },
      },
    }),
  );
  const n = ++runId;
  const sha = await emu.git.commit({
    branch: 'main',
    files: { [`release-${n}.txt`]: String(n) },
    message: `Merge pull request #${n} from acme/promote/umbrella-${n}`,
  });
  const event = {
    name: 'pull_request',
    payload: adaptPayload(examplePayload('pull_request', 'closed'), {
      owner: OWNER,
      repo: REPO,
      number: n,
      merged: true,
      mergeCommitSha: sha,
      baseRef: 'main',
      headRef: `promote/umbrella-${n}`,
    }),
  };
  const common = {
    action: 'promote',
    event,
    cwd: workspace,
    emulator: emu,
    sha,
    env: { GITHUB_RUN_ID: String(n), GITHUB_RUN_ATTEMPT: '1' },
    timeoutMs: 120_000,
  };
  return {
    main: () =>
      runBundle({ ...common, inputs: { step: 'migrate-with-rollback', token: 'ghs_umbrella' } }),
    post: (state: Record<string, string>) =>
      runPost({
        ...common,
        state,
        inputs: { step: 'migrate-with-rollback', token: 'ghs_umbrella' },
      }),
  };
}

describe('uses: OWNER/promote with step: migrate-with-rollback (main and post)', () => {
  test('a finished migration: the main step migrates and frees the lock, the post step succeeds with nothing to do', async () => {
    const w = await migrateWorld(['true']);
    const main = await w.main();
    expect(main.script).toMatch(/dist\/promote\/index\.js$/);
    expect(main.exitCode).toBe(0);
    expect(main.outputs.status).toBe('migrated');
    expect(main.log).toContain(`Lock ${LOCK} acquired`);
    expect(await emu.git.revParse(LOCK)).toBeUndefined();

    const post = await w.post(main.state);
    expect(post.script).toMatch(/dist\/promote\/post\/index\.js$/);
    expect(post.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(post.exitCode).toBe(0);
  });

  test('a main step killed while migrating: the post step keeps the lock flagged needs-recovery and prints the recovery', async () => {
    const w = await migrateWorld(['sleep', '60']);
    const job = w.main();
    await job.waitForLog(/^\$ sleep 60/m);
    job.kill('SIGKILL');
    const killed = await job;
    expect(killed.signal).toBe('SIGKILL');
    expect(await emu.git.revParse(LOCK)).toBeDefined();

    const post = await w.post(killed.state);
    expect(post.summary).toContain('## Migration interrupted');
    expect(post.summary).toContain('needs-recovery');
    expect(post.summary).toContain(`-f backup-id=${killed.state['backup-id']}`);
    expect(await emu.git.revParse(LOCK)).toBeDefined();

    // The lock is the recovery's to free: a manual rollback through the umbrella frees it.
    const rollback = await runBundle({
      action: 'promote',
      inputs: {
        step: 'migrate-with-rollback',
        token: 'ghs_umbrella',
        mode: 'rollback',
        'backup-id': killed.state['backup-id']!,
        reason: 'recover after a killed job',
      },
      event: { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') },
      cwd: post.env.GITHUB_WORKSPACE,
      emulator: emu,
      env: { GITHUB_RUN_ID: '9999', GITHUB_RUN_ATTEMPT: '1' },
    });
    expect(rollback.outputs.status).toBe('rolled-back');
    expect(await emu.git.revParse(LOCK)).toBeUndefined();
  });
});

describe('uses: OWNER/promote with step: prod-smoke-seal', () => {
  test('the step runs with its own default mode (seal) and records a green commit status', async () => {
    const world = await startWorld();
    try {
      await world.writeConfig(prodConfig(world));
      const run = await runBundle({
        action: 'promote',
        inputs: { step: 'prod-smoke-seal', 'deployment-id': String(world.deploymentId) },
        token: 'ghs_umbrellaSeal',
        emulator: world.emulator,
        cwd: world.workspace,
        sha: world.sha,
        env: world.env,
      });
      expect(run.exitCode).toBe(0);
      expect(run.outputs.seal).toBe('green');
      const { data } = await world.gh.rest.repos.getCombinedStatusForRef({
        owner: 'acme',
        repo: 'shop',
        ref: world.sha,
      });
      expect(data.statuses).toEqual([
        expect.objectContaining({ context: 'promote/smoke-seal', state: 'success' }),
      ]);
      expect(world.emulator.contractViolations).toEqual([]);
    } finally {
      await world.close();
    }
  });
});
