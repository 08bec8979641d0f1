// The deployment record of a merge: a merge already deployed is not deployed again, a re-run
// after a failed or killed attempt posts on that attempt's deployment, and a manual rollback by
// release finds the backup the run that finished took.
import { memoryLogger } from '@promote/core';
import { backupInDescription } from '@promote/core/deployment-statuses';
import { createGitHubClient } from '@promote/core/github/client';
import { startEmulator, type Emulator } from '../../support/emulator/index.js';
import {
  createDeployment,
  findPriorDeployment,
  findRecordedBackup,
} from '../../../actions/migrate-with-rollback/src/deployments.js';

let emu: Emulator;
let sha: string;
beforeAll(async () => {
  emu = await startEmulator({ owner: 'acme', repo: 'shop' });
});
afterAll(async () => {
  await emu?.close();
});

const repo = { owner: 'acme', repo: 'shop' };
const logger = memoryLogger();
const github = () =>
  createGitHubClient({
    token: 'ghs_test',
    logger,
    baseUrl: emu.url,
    retry: { retries: 0 },
    throttle: { writeIntervalMs: 0 },
  });

let n = 0;
beforeEach(async () => {
  sha = await emu.git.commit({
    branch: 'main',
    files: { [`f${++n}.txt`]: 'x\n' },
    message: `Merge pull request #${n}`,
  });
});

const record = (backupId: string, reuse?: number) =>
  createDeployment({
    github: github(),
    repo,
    logger,
    sha,
    environment: 'production',
    task: 'deploy:migrate',
    description: `migrate production with backup ${backupId}`,
    payload: { backupId },
    logUrl: 'https://github.com/acme/shop/actions/runs/1',
    reuse,
  });
const deploymentsOfSha = () =>
  emu.state.deployments.filter((d) => (d as { sha?: string }).sha === sha);
const prior = () => findPriorDeployment({ github: github(), repo, sha, environment: 'production' });

test('no deployment yet: nothing prior', async () => {
  expect(await prior()).toBeUndefined();
});

test('a deployment whose run was killed after creating it is reused, and the finished run names its own backup', async () => {
  const first = await record('production-a');
  await first.status('in_progress', 'backup production-a, then migrate (sqlite)');
  expect(await prior()).toMatchObject({ id: first.id, state: 'in_progress', rolledBack: false });

  const again = await record('production-b', first.id);
  await again.status('success', 'migrated; backup production-b');

  expect(deploymentsOfSha()).toHaveLength(1);
  expect(again.id).toBe(first.id);
  expect(await prior()).toMatchObject({ id: first.id, state: 'success' });
  // The payload still says production-a; the success status says which backup preceded the migration.
  expect(
    await findRecordedBackup({ github: github(), repo, sha, environment: 'production' }),
  ).toEqual({ backupId: 'production-b' });
});

test('a successful deploy later rolled back by hand is not "already deployed"', async () => {
  const d = await record('production-c');
  await d.status('success', 'migrated; backup production-c');
  expect(await prior()).toMatchObject({ state: 'success', rolledBack: false });
  const rollback = await createDeployment({
    github: github(),
    repo,
    logger,
    sha,
    environment: 'production',
    task: 'deploy:rollback',
    description: 'rollback production to backup production-c',
    payload: { backupId: 'production-c' },
    logUrl: 'https://github.com/acme/shop/actions/runs/2',
  });
  await rollback.status('success', 'rolled back to backup production-c');
  // The rollback's success supersedes the deploy (auto_inactive), and marks it rolled back.
  expect(await prior()).toMatchObject({ id: d.id, state: 'inactive', rolledBack: true });
});

test('a deploy superseded by a later merge is still deployed; a failed one stays failed', async () => {
  const d = await record('production-e');
  await d.status('success', 'migrated; backup production-e');
  const failedSha = sha;
  sha = await emu.git.commit({ branch: 'main', files: { 'later.txt': 'x' }, message: 'later' });
  const failed = await record('production-f');
  await failed.status('failure', 'migration failed; restored backup production-f');
  const later = await emu.git.commit({ branch: 'main', files: { 'l2.txt': 'x' }, message: 'l2' });
  sha = later;
  await (await record('production-g')).status('success', 'migrated; backup production-g');
  expect(
    await findPriorDeployment({
      github: github(),
      repo,
      sha: failedSha,
      environment: 'production',
    }),
  ).toMatchObject({ id: d.id, state: 'inactive', rolledBack: false });
  expect(
    await findPriorDeployment({
      github: github(),
      repo,
      sha: emu.state.deployments.find((x) => x.id === failed.id)!.sha,
      environment: 'production',
    }),
  ).toMatchObject({ id: failed.id, state: 'failure' });
});

test('what GitHub refused to record is kept for the end of the run', async () => {
  emu.faults.inject({ operationId: 'repos/create-deployment-status', kind: '5xx', times: 1 });
  const d = await record('production-d');
  await d.status('success', 'migrated; backup production-d');
  emu.faults.clear();
  expect(d.unrecorded).toEqual([expect.stringMatching(/^deployment status success \(/)]);
});

test('the backup named by a status description', () => {
  expect(backupInDescription('migrated; backup production-20261123-0101-abc1234')).toBe(
    'production-20261123-0101-abc1234',
  );
  expect(backupInDescription('migration failed; restored backup x')).toBeUndefined();
  expect(backupInDescription(null)).toBeUndefined();
});
