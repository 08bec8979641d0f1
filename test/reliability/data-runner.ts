// Data (shared by data.test.ts, quick, and full/data-matrix.test.ts): on real engines (SQLite through the sqlite3 CLI, PostgreSQL 15), every rollback path of
// migrate-with-rollback ends with every table equal to the backup's, and to production before the
// run. Checksums are computed here, independently of the action's own (rows of every table in a
// fixed order plus the schema, hashed in the test); the backup is read back on its own (SQLite:
// the backup file is a database; PostgreSQL: restored into a scratch database).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { REPO_ROOT, runBundle, type BundleProcess } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startS3, type S3World } from '../support/s3.js';
import { record } from './recorder.js';
import { Decrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/migrate');

/** The rollback paths of migrate-with-rollback (actions/migrate-with-rollback/README.md). */
export const PATHS = [
  { path: 'a migration fails half-way: automatic restore', migrations: 'half' },
  {
    path: 'the migrations commit, then the last file fails to parse: automatic restore',
    broken: true,
  },
  { path: 'the restart fails after migrating: automatic restore', restartFails: true },
  { path: 'the post-migrate check fails: automatic restore', postCheckFails: true },
  { path: 'the run is cancelled mid-migration (runner cancel): restore', cancel: 'runner' },
  { path: 'the job gets SIGTERM mid-migration: restore', cancel: 'sigterm' },
  { path: 'manual rollback by backup id after a good migration', manual: 'backup-id' },
  { path: 'manual rollback by release tag after a good migration', manual: 'release' },
  {
    path: 'the restore fails (rollback-failed), then the manual rollback by backup id recovers',
    manual: 'recovery',
  },
  // Remote store (migrate.store kind s3, age-encrypted) through the fault-injecting S3 proxy.
  {
    path: 'remote store: an upload answer is lost (retried), then the migration fails half-way: restore',
    migrations: 'half',
    store: 'lost-response',
  },
  {
    path: 'remote store: the upload gets a 503 (retried); manual rollback by release tag on a fresh runner',
    manual: 'release',
    store: '5xx',
  },
  {
    path: 'remote store: the stored object is corrupted: the rollback is refused naming both sums, nothing changes',
    manual: 'backup-id',
    store: 'corrupt',
  },
] as const satisfies ReadonlyArray<{
  path: string;
  migrations?: 'half';
  broken?: boolean;
  restartFails?: boolean;
  postCheckFails?: boolean;
  cancel?: 'runner' | 'sigterm';
  manual?: 'backup-id' | 'release' | 'recovery';
  store?: 'lost-response' | '5xx' | 'corrupt';
}>;
export type Path = (typeof PATHS)[number];

export const ENGINES = ['sqlite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// ------------------------------------------------------------------ independent checksums

/** Every table's schema and rows (ordered), per table; `skip` leaves tables out. */
function sqliteChecksums(file: string, skip: string[] = []): Record<string, string> {
  const q = (sql: string) =>
    execFileSync('sqlite3', ['-readonly', file, sql], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const tables = q(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  )
    .split('\n')
    .filter((t) => t && !skip.includes(t));
  return Object.fromEntries(
    tables.map((t) => [
      t,
      sha256(
        q(`SELECT sql FROM sqlite_master WHERE name = '${t}'`) +
          q(`SELECT * FROM "${t}" ORDER BY rowid`),
      ),
    ]),
  );
}

function postgresChecksums(
  pg: PostgresCluster,
  db: string,
  skip: string[] = [],
): Record<string, string> {
  const tables = pg
    .sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", db)
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t && !skip.includes(t));
  return Object.fromEntries(
    tables.map((t) => [
      t,
      pg
        .sql(
          `SELECT md5(coalesce((SELECT string_agg(column_name || ' ' || data_type, ',' ORDER BY ordinal_position)
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${t}'), '')
             || '|' || coalesce((SELECT string_agg(r::text, E'\\n' ORDER BY r::text) FROM "${t}" r), ''))`,
          db,
        )
        .trim(),
    ]),
  );
}

const MIGRATIONS_TABLE = 'promote_schema_migrations';

// ------------------------------------------------------------------ one production per scenario

interface Production {
  workspace: string;
  environment: string;
  sha: string;
  /** manual: a workflow_dispatch; fresh: on another runner (new workspace, the same config). */
  run(inputs?: Record<string, string>, manual?: boolean, fresh?: boolean): BundleProcess;
  /** Drops the config's step overrides (the broken step is fixed). */
  fixSteps(): void;
  /** Checksums of production now; `skip` leaves tables out. */
  checksums(skip?: string[]): Record<string, string>;
  /** Checksums of a backup, read back independently of the action (s3: fetched and decrypted here). */
  backupChecksums(location: string): Promise<Record<string, string>>;
}

let emu: Emulator;
let pg: PostgresCluster | undefined;
let s3: S3World | undefined;
let identity = '';
let recipient = '';
let n = 0;

async function production(engine: Engine, p: Path): Promise<Production> {
  const id = ++n;
  const workspace = mkdtempSync(join(tmpdir(), `promote-rel-data-${engine}-`));
  const backupDir = join(workspace, 'backups');
  mkdirSync(join(workspace, '.github'));
  const migrations = `${engine === 'sqlite' ? 'sqlite' : 'pg'}-${'migrations' in p ? 'half' : 'good'}`;
  cpSync(join(FIXTURES, migrations), join(workspace, 'migrations'), { recursive: true });
  if ('cancel' in p)
    writeFileSync(
      join(workspace, 'migrations', '000_slow.sql'),
      engine === 'sqlite'
        ? 'CREATE TABLE busy AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 40000000) SELECT count(*) AS n FROM c;\n'
        : 'SELECT pg_sleep(20);\n',
    );
  if ('broken' in p || ('manual' in p && p.manual === 'recovery'))
    // Sorts last: the good files commit first, then this one stops the run.
    writeFileSync(
      join(workspace, 'migrations', '999_typo.sql'),
      'ALTER TABLE orders ADD COLUMN;\n',
    );
  const restart =
    'restartFails' in p
      ? // Fails once (after the migration), then works (the restart after the restore).
        '  overrides: { restart: { run: [sh, -c, "if [ -e restarted-once ]; then exit 0; fi; touch restarted-once; echo restart failed >&2; exit 3"] } }\n'
      : 'postCheckFails' in p
        ? '  overrides: { post-check: { run: [sh, -c, "echo health check red >&2; exit 4"] } }\n'
        : 'manual' in p && p.manual === 'recovery'
          ? '  overrides: { restore: { run: [sh, -c, "echo restore refused >&2; exit 5"] } }\n'
          : '';
  // One environment (so one lock) per scenario: a failing scenario cannot wedge the next.
  const environment = `prod-${id}`;
  let env: Record<string, string> = {};
  const store =
    'store' in p
      ? `  store: { kind: s3, bucket: ${s3!.bucket}, endpoint: '${s3!.endpoint}', force-path-style: true, encryption: { recipients: [${recipient}] } }\n`
      : '';
  let db = '';
  if (engine === 'sqlite') {
    db = join(workspace, 'app.db');
    execFileSync('sqlite3', ['-bail', db, `.read ${join(FIXTURES, 'sqlite-seed.sql')}`]);
    writeFileSync(
      join(workspace, '.github/promotion.yml'),
      `environment: ${environment}\nmigrate:\n  preset: sqlite\n  sqlite-path: ${db}\n  backup-dir: ${backupDir}\n  lock: { poll-interval: 200, wait-timeout: 60000 }\n${restart}${store}`,
    );
  } else {
    db = `data${id}`;
    pg!.createDatabase(db);
    execFileSync(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(FIXTURES, 'pg-seed.sql')],
      {
        env: pg!.env(db),
      },
    );
    env = { DATABASE_URL: pg!.url(db) };
    writeFileSync(
      join(workspace, '.github/promotion.yml'),
      `environment: ${environment}\nmigrate:\n  preset: postgres\n  database-url-env: DATABASE_URL\n  backup-dir: ${backupDir}\n  lock: { poll-interval: 200, wait-timeout: 60000 }\n${restart}${store}`,
    );
  }
  if ('store' in p) env = { ...env, ...s3!.env(), AGE_SECRET_KEY: identity };
  const sha = await emu.git.commit({
    branch: 'main',
    files: { [`data-${id}.txt`]: `${id}\n` },
    message: `Merge pull request #${id} from acme/promote/data-${id}`,
  });
  const merged = {
    name: 'pull_request',
    payload: adaptPayload(examplePayload('pull_request', 'closed'), {
      owner: 'acme',
      repo: 'shop',
      number: id,
      merged: true,
      mergeCommitSha: sha,
      baseRef: 'main',
      headRef: `promote/data-${id}`,
    }),
  };
  let runId = 50_000 + id * 100;
  return {
    workspace,
    environment,
    sha,
    run: (inputs = {}, manual = false, fresh = false) =>
      runBundle({
        action: 'migrate-with-rollback',
        inputs: { token: 'ghs_reliabilityDataToken', ...inputs },
        event: manual
          ? { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') }
          : merged,
        cwd: fresh ? freshRunner(workspace) : workspace,
        emulator: emu,
        sha,
        env: { ...env, GITHUB_RUN_ID: String(++runId), GITHUB_RUN_ATTEMPT: '1' },
        timeoutMs: 120_000,
      }),
    fixSteps() {
      const file = join(workspace, '.github/promotion.yml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}overrides:.*\n/m, ''));
    },
    checksums: (skip = []) =>
      engine === 'sqlite' ? sqliteChecksums(db, skip) : postgresChecksums(pg!, db, skip),
    async backupChecksums(at) {
      const location = at.startsWith('s3://') ? await fetchDecrypted(at) : at;
      if (engine === 'sqlite') return sqliteChecksums(location);
      const scratch = `restored${id}_${Math.floor(Math.random() * 1e6)}`;
      pg!.createDatabase(scratch);
      const head = Buffer.alloc(5);
      const fd = openSync(location, 'r');
      readSync(fd, head, 0, 5, 0);
      closeSync(fd);
      if (head.toString() === 'PGDMP')
        execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', scratch, location], {
          env: pg!.env(scratch),
        });
      else
        execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', location], {
          env: pg!.env(scratch),
        });
      return postgresChecksums(pg!, scratch);
    },
  };
}

/** Another runner: a new workspace with the config only (no backup dir, no migrations run there). */
function freshRunner(workspace: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'promote-rel-data-runner-b-'));
  mkdirSync(join(dir, '.github'));
  cpSync(join(workspace, '.github/promotion.yml'), join(dir, '.github/promotion.yml'));
  return dir;
}

/** A stored backup read straight from the store's disk and decrypted by the test (age). */
async function fetchDecrypted(location: string): Promise<string> {
  const key = location.replace(`s3://${s3!.bucket}/`, '');
  const d = new Decrypter();
  d.addIdentity(identity);
  const plain = await d.decrypt(new Uint8Array(s3!.readObject(key)));
  const file = join(mkdtempSync(join(tmpdir(), 'promote-rel-data-fetched-')), 'backup');
  writeFileSync(file, plain);
  return file;
}

/** The PostgreSQL paths that differ most, run in the quick tier; the full tier runs the rest. */
export const QUICK_POSTGRES: ReadonlyArray<Path['path']> = [
  'a migration fails half-way: automatic restore',
  'the run is cancelled mid-migration (runner cancel): restore',
  'the restore fails (rollback-failed), then the manual rollback by backup id recovers',
  'remote store: the upload gets a 503 (retried); manual rollback by release tag on a fresh runner',
];

/** The whole matrix, one scenario per (engine x rollback path). */
export const DATA_MATRIX = ENGINES.flatMap((engine) =>
  PATHS.map((p) => [engine, p.path, p] as const),
);
export type DataScenario = (typeof DATA_MATRIX)[number];

/** One jest test per scenario; PostgreSQL is started only when a scenario needs it. */
export function describeDataMatrix(scenarios: readonly DataScenario[]): void {
  beforeAll(async () => {
    emu = await startEmulator({ owner: 'acme', repo: 'shop' });
    // .ci/run installs PostgreSQL: a missing server fails, never skips.
    if (scenarios.some(([engine]) => engine === 'postgres')) pg = await startPostgres();
    if (scenarios.some(([, , p]) => 'store' in p)) {
      s3 = await startS3({ bucket: 'reliability-data' });
      identity = await generateX25519Identity();
      recipient = await identityToRecipient(identity);
    }
  }, 120_000);
  afterAll(async () => {
    await s3?.stop();
    await pg?.stop();
    await emu?.close();
  });
  test.each(scenarios)(
    '%s: %s',
    async (engine, name, p) => {
      const prod = await production(engine, p);
      const before = prod.checksums([MIGRATIONS_TABLE]);
      s3?.clearFaults();
      const s3Before = s3?.requests.length ?? 0;
      const faulted = () => s3!.requests.slice(s3Before).some((r) => r.fault !== undefined);
      if ('store' in p && p.store === 'lost-response')
        s3!.fault({ kind: 'lost-response', method: 'PUT', match: /\.age(\?|$)/ });
      if ('store' in p && p.store === '5xx')
        s3!.fault({ kind: '5xx', method: 'PUT', match: /\.age(\?|$)/ });
      let location: string;
      let result;
      if ('manual' in p) {
        const migrated = await prod.run();
        if (p.manual === 'recovery') {
          // The restore failed: production is left migrated half-way, the lock stays flagged and
          // the user is told the exact recovery command.
          expect(migrated.exitCode).toBe(1);
          expect(migrated.outputs.status).toBe('rollback-failed');
          expect(migrated.summary).toMatch(/rollback-failed/);
          expect(migrated.summary).toContain(`-f backup-id=${migrated.outputs['backup-id']!}`);
          // The error itself names the recovery, not only the summary.
          expect(
            migrated.annotations.some(
              (a) =>
                a.level === 'error' &&
                a.message.includes(`Recover with: gh workflow run`) &&
                a.message.includes(`-f backup-id=${migrated.outputs['backup-id']!}`),
            ),
          ).toBe(true);
          expect(await emu.git.revParse(`refs/promote-locks/${prod.environment}`)).toBeDefined();
          prod.fixSteps();
        } else expect(migrated.outputs.status).toBe('migrated');
        expect(prod.checksums([MIGRATIONS_TABLE])).not.toEqual(before); // the migration changed data
        location = migrated.outputs['backup-location']!;
        if ('store' in p) {
          // The fault happened and was absorbed: the upload was retried and verified.
          if (p.store !== 'corrupt') expect(faulted()).toBe(true);
          expect(location).toMatch(/^s3:\/\//);
        }
        if ('store' in p && p.store === 'corrupt') {
          const migratedState = prod.checksums();
          s3!.corruptObject(location.replace(`s3://${s3!.bucket}/`, ''));
          const refused = await prod.run(
            { mode: 'rollback', 'backup-id': migrated.outputs['backup-id']! },
            true,
            true,
          );
          expect(refused.exitCode).toBe(1);
          const message = refused.annotations.find((a) => a.level === 'error')?.message ?? '';
          expect(message).toContain(`recorded sha256 ${migrated.outputs['backup-stored-sha256']}`);
          expect(message).toMatch(/stored object sha256 [0-9a-f]{64}/);
          // Nothing changed: production as the migration left it, no rollback recorded, lock free.
          expect(prod.checksums()).toEqual(migratedState);
          expect(
            emu.state.deployments.some(
              (d) =>
                (d as { environment?: string }).environment === prod.environment &&
                (d as { task?: string }).task === 'deploy:rollback',
            ),
          ).toBe(false);
          expect(await emu.git.revParse(`refs/promote-locks/${prod.environment}`)).toBeUndefined();
          record('data (rollback checksums)', `${engine}: ${name}`, 'passed');
          return;
        }
        if (p.manual === 'release') await emu.git.updateRef('refs/tags/v7.0.0', prod.sha);
        result = await prod.run(
          {
            mode: 'rollback',
            reason: 'smoke red',
            ...(p.manual === 'release'
              ? { release: 'v7.0.0' }
              : { 'backup-id': migrated.outputs['backup-id']! }),
          },
          true,
          'store' in p,
        );
        expect(result.exitCode).toBe(0);
        expect(result.outputs['backup-id']).toBe(migrated.outputs['backup-id']);
        expect(result.summary).toMatch(/writes after it were discarded/);
      } else {
        const job = prod.run();
        if ('cancel' in p) {
          await job.waitForLog(/^::group::migrate$/m);
          if (p.cancel === 'runner') job.cancel();
          else job.kill('SIGTERM');
        }
        result = await job;
        expect(result.exitCode).toBe(1);
        if ('cancel' in p) expect(result.summary).toMatch(/\| migrate \| cancelled \|/);
        location = result.outputs['backup-location']!;
        expect(result.log).toMatch(/production was restored from the verified backup/);
        expect(result.summary).toMatch(
          /rolled-back\*\*: the migration failed and production was restored/,
        );
      }
      expect(result.outputs.status).toBe('rolled-back');
      // A remote-store fault happened on the way and was absorbed (retried, read back, equal).
      if ('store' in p) expect(faulted()).toBe(true);
      // The deployment the user sees says what happened, naming the backup.
      const task = 'manual' in p ? 'deploy:rollback' : 'deploy:migrate';
      const deployment = emu.state.deployments.find(
        (d) =>
          (d as { environment?: string }).environment === prod.environment &&
          (d as { task?: string }).task === task,
      ) as { id: number } | undefined;
      expect(deployment).toBeDefined();
      const last = emu.state.deploymentStatuses
        .filter((s) => (s as { deployment_id?: number }).deployment_id === deployment!.id)
        .at(-1) as { state?: string; description?: string } | undefined;
      expect(last?.state).toBe('manual' in p ? 'success' : 'failure');
      expect(last?.description).toContain(result.outputs['backup-id']!);
      // Equal to the backup, table by table (the migrations table too: it is restored with it)...
      expect(prod.checksums()).toEqual(await prod.backupChecksums(location));
      // ...and to production before the run.
      expect(prod.checksums([MIGRATIONS_TABLE])).toEqual(before);
      expect(await emu.git.revParse(`refs/promote-locks/${prod.environment}`)).toBeUndefined();
      record('data (rollback checksums)', `${engine}: ${name}`, 'passed');
    },
    120_000,
  );
}
