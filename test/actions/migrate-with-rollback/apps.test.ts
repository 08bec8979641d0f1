// Apps and stages (issue #20) in migrate-with-rollback's plans: pure, no network.
import { migrateSection } from '@promote/core/config/sections/migrate';
import { parseConfig } from '@promote/core/config/parse';
import { resolveConfig } from '@promote/core/config/resolve';
import { buildPlan, type PlanFacts } from '../../../actions/migrate-with-rollback/src/plan.js';
import { storeKeys } from '../../../actions/migrate-with-rollback/src/backup-store/index.js';
import {
  backupIdOfKey,
  planRetention,
} from '../../../actions/migrate-with-rollback/src/retention.js';
import {
  backupPayload,
  manifestFromPayload,
} from '../../../actions/migrate-with-rollback/src/backup-record.js';
import { placeOf } from '../../../actions/migrate-with-rollback/src/place.js';
import { guardApps, guardStage } from '../../../actions/migrate-with-rollback/src/guard-plan.js';
import type { BackupManifest } from '../../../actions/migrate-with-rollback/src/manifest.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

const MONOREPO = `
branches: { production: main, staging: staging }
apps:
  api:
    paths: [apps/api/**, packages/shared/**]
    migrate: { preset: postgres, migrations-dir: apps/api/migrations }
  worker:
    paths: [apps/worker/**]
    migrate: { preset: sqlite, sqlite-path: data/worker.db, migrations-dir: apps/worker/migrations }
`;

const STAGED = `
stages:
  - { name: dev, branch: develop }
  - { name: staging, branch: staging }
  - { name: production, branch: main }
apps:
  api: { paths: [apps/api/**] }
`;

function facts(extra: Partial<PlanFacts> = {}): PlanFacts {
  return {
    config: migrateSection().parse({ preset: 'postgres' }),
    environment: 'production',
    mode: 'migrate',
    sha: SHA,
    now: new Date('2026-11-23T10:15:30Z'),
    workspace: '/work/app',
    migrationFiles: [],
    rollbackWorkflow: 'promote-rollback.yml',
    repository: { owner: 'acme', repo: 'shop' },
    ...extra,
  };
}

describe("an app's migration is its own", () => {
  test("the app's preset, migrations dir and lock come from its settings; the repository's lock is untouched", () => {
    const config = parseConfig(MONOREPO);
    const api = placeOf(config, { app: 'api' }, 'main');
    const worker = placeOf(config, { app: 'worker' }, 'main');
    expect(api.migrate.preset).toBe('postgres');
    expect(worker.migrate.preset).toBe('sqlite');
    const apiPlan = buildPlan(facts({ config: api.migrate, app: 'api' }));
    const workerPlan = buildPlan(
      facts({ config: worker.migrate, app: 'worker', migrationFiles: ['001_a.sql'] }),
    );
    expect(apiPlan.lock.ref).toBe('refs/promote-locks/production--api');
    expect(workerPlan.lock.ref).toBe('refs/promote-locks/production--worker');
    expect(workerPlan.steps.migrate?.commands[0]?.argv.join(' ')).toContain(
      '/work/app/apps/worker/migrations/001_a.sql',
    );
  });

  test('backup ids, store keys and the recovery command name the app', () => {
    const plan = buildPlan(facts({ app: 'api' }));
    expect(plan.backupId).toBe('production--api-20261123T101530Z-0123456');
    expect(plan.rollbackCommand).toContain('-f environment=production -f app=api');
    const none = buildPlan(facts());
    expect(none.backupId).toBe('production-20261123T101530Z-0123456');
    expect(none.rollbackCommand).not.toContain('app=');
    const s3 = migrateSection().parse({
      preset: 'postgres',
      store: { kind: 's3', bucket: 'b', encryption: 'none' },
    }).store;
    expect(storeKeys(s3, 'production', 'x.dump', 'id', 'api').prefix).toMatch(/production\/api\/$/);
    expect(storeKeys(s3, 'production', 'x.dump', 'id').prefix).toMatch(/production\/$/);
  });

  test("retention counts only its own app's backups (and the repository's only its own)", () => {
    const keys = [
      'production-20261101T000000Z-aaaaaaa.dump',
      'production--api-20261102T000000Z-bbbbbbb.dump',
      'production--worker-20261103T000000Z-ccccccc.dump',
    ];
    expect(keys.map((k) => backupIdOfKey(k, 'production', 'api')).filter(Boolean)).toEqual([
      'production--api-20261102T000000Z-bbbbbbb',
    ]);
    expect(keys.map((k) => backupIdOfKey(k, 'production')).filter(Boolean)).toEqual([
      'production-20261101T000000Z-aaaaaaa',
    ]);
    expect(planRetention(['production--api-20261102T000000Z-bbbbbbb'], 0, new Set())).toEqual([
      'production--api-20261102T000000Z-bbbbbbb',
    ]);
  });

  test('the deployment payload names the app, and a rollback reads it back', () => {
    const manifest: BackupManifest = {
      version: 1,
      backupId: 'production--api-20261123T101530Z-0123456',
      environment: 'production',
      app: 'api',
      preset: 'postgres',
      sha: SHA,
      createdAt: '2026-11-23T10:15:30Z',
      location: '/b/x.dump',
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
      format: 'pg-custom',
      verification: [],
    };
    const payload = backupPayload(manifest);
    expect(payload.app).toBe('api');
    expect(manifestFromPayload(JSON.stringify(payload))?.app).toBe('api');
    const { app: _app, ...plain } = manifest;
    expect(backupPayload(plain)).not.toHaveProperty('app');
  });

  test('the stage: the input, else the branch of declared stages, else the environment, else the last', () => {
    const staged = parseConfig(STAGED);
    expect(placeOf(staged, {}, 'staging').stage.name).toBe('staging');
    expect(placeOf(staged, {}, 'staging').environment).toBe('staging');
    expect(placeOf(staged, { app: 'api' }, 'develop').migrate.lock.ref).toBe(
      'refs/promote-locks/dev--api',
    );
    expect(placeOf(staged, { stage: 'dev' }, 'main').stage.name).toBe('dev');
    expect(placeOf(staged, { environment: 'staging' }, 'feature').stage.name).toBe('staging');
    expect(placeOf(staged, {}, undefined).stage.name).toBe('production');
    // Without stages: production, whatever the branch (the event guard judges the branch).
    expect(placeOf(parseConfig(MONOREPO), {}, 'staging').stage.name).toBe('production');
    expect(() => placeOf(parseConfig(MONOREPO), { app: 'web' }, 'main')).toThrow(
      'app "web" is not declared in promotion.yml (apps: api, worker); use one of those names',
    );
  });
});

describe('mode guard (the decision on-merge.yml runs on)', () => {
  const merged = { name: 'pull_request', merged: true, branch: 'main', sha: SHA };
  const where = { sha: SHA, environment: 'production' };

  test('a merge touching only apps/api deploys api; touching both deploys both in config order', () => {
    const config = resolveConfig(parseConfig(MONOREPO));
    expect(guardApps(config, where, ['apps/api/src/a.ts', 'README.md'], []).apps).toEqual(['api']);
    expect(guardApps(config, where, ['apps/worker/x.ts', 'apps/api/y.ts'], []).apps).toEqual([
      'api',
      'worker',
    ]);
    expect(guardApps(config, where, ['packages/shared/z.ts'], []).apps).toEqual(['api']);
  });

  test('an app already deployed for this SHA is not deployed again; the others are', () => {
    const config = resolveConfig(parseConfig(MONOREPO));
    const v = guardApps(config, where, ['apps/api/a', 'apps/worker/b'], [{ app: 'api' }]);
    expect(v.apps).toEqual(['worker']);
    expect(v.notices).toEqual([
      `Skipped app api: ${SHA} already has a deployment to production (see its statuses).`,
    ]);
    const all = guardApps(config, where, ['apps/api/a'], [{ app: 'api' }]);
    expect(all.apps).toEqual([]);
  });

  test('a merge that touches no app deploys nothing; an unknown file list deploys every app', () => {
    const config = resolveConfig(parseConfig(MONOREPO));
    expect(guardApps(config, where, ['docs/x.md'], []).notices[0]).toBe(
      `Skipped: ${SHA} changes no app's files (apps: api, worker).`,
    );
    expect(guardApps(config, where, undefined, []).apps).toEqual(['api', 'worker']);
  });

  test('without apps: [""], and the bash guard\'s dedupe (any deployment of the SHA) and messages', () => {
    const config = resolveConfig(parseConfig(''));
    expect(guardApps(config, where, [], [])).toEqual({ apps: [''], notices: [] });
    expect(guardApps(config, where, [], [{}]).notices).toEqual([
      `Skipped: ${SHA} already has a deployment to production (see its statuses).`,
    ]);
    expect(guardStage(parseConfig(''), { ...merged, merged: false }, {})).toEqual({
      notice: 'Skipped: the pull request was closed without merging.',
    });
    expect(guardStage(parseConfig(''), { ...merged, branch: 'staging' }, {})).toEqual({
      notice: 'Skipped: staging is not the production branch (main).',
    });
    expect(guardStage(parseConfig(''), merged, {})).toEqual({ stage: 'production' });
  });

  test('declared stages: a merge deploys to the stage whose branch it merged into', () => {
    const staged = parseConfig(STAGED);
    expect(guardStage(staged, { ...merged, branch: 'develop' }, {})).toEqual({ stage: 'dev' });
    expect(guardStage(staged, { ...merged, name: 'push', branch: 'feature/x' }, {})).toEqual({
      notice: 'Skipped: feature/x is not the branch of a stage (develop, staging, main).',
    });
    expect(guardStage(staged, { ...merged, branch: 'develop' }, { stage: 'staging' })).toEqual({
      notice: 'Skipped: develop is not the branch of stage staging (staging).',
    });
  });
});
