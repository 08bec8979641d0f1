// Retention against the GitHub emulator: the newest N backups stay, older ones go, and a backup
// that a current deployment names is never deleted, however old. Idempotent.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '@promote/core';
import { createGitHubClient } from '@promote/core/github/client';
import { startEmulator, type Emulator } from '../../support/emulator/index.js';
import { createDeployment } from '../../../actions/migrate-with-rollback/src/deployments.js';
import { applyRetention } from '../../../actions/migrate-with-rollback/src/retention.js';
import { localStore } from '../../../actions/migrate-with-rollback/src/backup-store/local.js';

let emu: Emulator;
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

test('keep 2: the older backups go, except the one the live deployment names', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'promote-retention-'));
  const ids = [1, 2, 3, 4, 5].map((d) => `production-2026110${d}T000000Z-aaaaaa${d}`);
  for (const id of ids) {
    writeFileSync(join(dir, `${id}.dump`), 'x');
    writeFileSync(join(dir, `${id}.manifest.json`), '{}');
  }
  // Another environment's backups in the same dir are not counted or touched.
  writeFileSync(join(dir, 'production-eu-20261101T000000Z-bbbbbbb.dump'), 'x');
  // Production runs the oldest backup's release (rolled back to it, say): its deployment is live.
  const sha = await emu.git.commit({ branch: 'main', files: { 'r.txt': 'r' }, message: 'r' });
  const live = await createDeployment({
    github: github(),
    repo,
    logger,
    sha,
    environment: 'production',
    task: 'deploy:migrate',
    description: 'x',
    payload: { backupId: ids[0] },
    logUrl: 'https://github.com/acme/shop/actions/runs/1',
  });
  await live.status('success', `migrated; backup ${ids[0]}`);
  const retain = () =>
    applyRetention({
      store: localStore(dir),
      prefix: '',
      environment: 'production',
      keep: 2,
      github: github(),
      repo,
      logger,
      current: ids[4]!,
    });
  expect((await retain()).sort()).toEqual([ids[1], ids[2]]);
  expect(readdirSync(dir).sort()).toEqual(
    [
      `${ids[0]}.dump`,
      `${ids[0]}.manifest.json`,
      `${ids[3]}.dump`,
      `${ids[3]}.manifest.json`,
      `${ids[4]}.dump`,
      `${ids[4]}.manifest.json`,
      'production-eu-20261101T000000Z-bbbbbbb.dump',
    ].sort(),
  );
  // Idempotent: nothing more to delete.
  expect(await retain()).toEqual([]);
  // Once that deployment is superseded (inactive), its backup is an old one like any other.
  await live.status('inactive' as never, 'superseded');
  expect(await retain()).toEqual([ids[0]]);
});
