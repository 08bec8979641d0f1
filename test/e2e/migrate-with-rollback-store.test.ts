import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { REPO_ROOT, runBundle, type BundleResult } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startS3, type S3World } from '../support/s3.js';

/**
 * Rollback that outlives the runner: migrate on "runner A" (its own workspace and home) with the
 * backup age-encrypted into an S3-compatible store, delete runner A's directories, and roll back
 * on "runner B" (other directories) from what GitHub recorded, on real PostgreSQL and SQLite.
 */

const FIXTURES = join(REPO_ROOT, 'test/fixtures/migrate');
const FAKE_TOOLS = join(REPO_ROOT, 'test/support/fake-tools');
const OWNER = 'acme';
const REPO = 'shop';

let pg: PostgresCluster;
let emu: Emulator;
let s3: S3World;
let identity: string;
let recipient: string;
let n = 0;
let runId = 7000;

beforeAll(async () => {
  pg = await startPostgres();
  emu = await startEmulator({ owner: OWNER, repo: REPO });
  s3 = await startS3({ bucket: 'prod-backups' });
  identity = await generateX25519Identity();
  recipient = await identityToRecipient(identity);
}, 300_000);
afterAll(async () => {
  await pg?.stop();
  await emu?.close();
  await s3?.stop();
});
afterEach(() => s3.clearFaults());

type Engine = 'postgres' | 'sqlite' | 'd1';

interface Production {
  engine: Engine;
  environment: string;
  sha: string;
  /** PostgreSQL database name, SQLite file, or the fake wrangler's home. */
  db: string;
  env: Record<string, string>;
  fingerprint(): string;
  /** A runner: its own workspace (config + migrations) and home. */
  runner(name: string, config?: string): Runner;
}

interface Runner {
  workspace: string;
  home: string;
  run(
    inputs?: Record<string, string>,
    env?: Record<string, string | undefined>,
  ): PromiseLike<BundleResult>;
  remove(): void;
}

const storeConfig = (extra = '') =>
  `  store:\n    kind: s3\n    bucket: ${s3.bucket}\n    endpoint: ${s3.endpoint}\n    force-path-style: true\n    prefix: promote/\n    encryption: { recipients: [${recipient}] }\n${extra}`;

async function production(engine: Engine, store = storeConfig()): Promise<Production> {
  const id = ++n;
  const environment = `store-${id}`;
  let db: string;
  let env: Record<string, string> = {};
  let presetConfig: string;
  const prodDir = mkdtempSync(join(tmpdir(), `promote-prod-${engine}-`));
  if (engine === 'postgres') {
    db = `store${id}`;
    pg.createDatabase(db);
    execFileSync(
      'psql',
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(FIXTURES, 'pg-seed.sql')],
      {
        env: pg.env(db),
      },
    );
    env = { DATABASE_URL: pg.url(db) };
    presetConfig = '  preset: postgres\n  database-url-env: DATABASE_URL\n';
  } else if (engine === 'sqlite') {
    db = join(prodDir, 'app.db');
    execFileSync('sqlite3', ['-bail', db, `.read ${join(FIXTURES, 'sqlite-seed.sql')}`]);
    presetConfig = `  preset: sqlite\n  sqlite-path: ${db}\n`;
  } else {
    db = prodDir;
    writeFileSync(
      join(prodDir, 'shop-db.sql'),
      'CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER);\n' +
        Array.from({ length: 40 }, (_, i) => `INSERT INTO orders VALUES (${i}, ${i * 3});`).join(
          '\n',
        ) +
        '\n',
    );
    env = { PATH: `${FAKE_TOOLS}:${process.env.PATH}`, FAKE_WRANGLER_HOME: prodDir };
    presetConfig = '  preset: d1\n  database: shop-db\n  min-backup-bytes: 64\n';
  }
  const sha = await emu.git.commit({
    branch: 'main',
    files: { [`store-${id}.txt`]: `${id}\n` },
    message: `Merge pull request #${id} from acme/promote/store-${id}`,
  });
  const event = {
    name: 'pull_request',
    payload: adaptPayload(examplePayload('pull_request', 'closed'), {
      owner: OWNER,
      repo: REPO,
      number: id,
      merged: true,
      mergeCommitSha: sha,
      baseRef: 'main',
      headRef: `promote/store-${id}`,
    }),
  };
  const defaultConfig = `branches: { production: main }\nenvironment: ${environment}\nmigrate:\n${presetConfig}  lock: { poll-interval: 200, wait-timeout: 60000 }\n${store}`;
  const fingerprint = () =>
    engine === 'postgres'
      ? pg
          .sql(
            `SELECT md5(string_agg(c::text, ',' ORDER BY id)) || md5((SELECT string_agg(o::text, ',' ORDER BY id) FROM orders o)) || (SELECT string_agg(column_name, ',' ORDER BY table_name, column_name) FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'promote_schema_migrations') FROM customers c`,
            db,
          )
          .trim()
      : engine === 'sqlite'
        ? ['customers', 'orders']
            .map((t) =>
              execFileSync('sqlite3', ['-readonly', db, `.sha3sum --schema ${t}`], {
                encoding: 'utf8',
              }).trim(),
            )
            .join(' ')
        : readFileSync(join(db, 'shop-db.sql'), 'utf8');
  return {
    engine,
    environment,
    sha,
    db,
    env,
    fingerprint,
    runner(name, config = defaultConfig) {
      const workspace = mkdtempSync(join(tmpdir(), `promote-runner-${name}-`));
      const home = mkdtempSync(join(tmpdir(), `promote-home-${name}-`));
      mkdirSync(join(workspace, '.github'));
      writeFileSync(join(workspace, '.github/promotion.yml'), config);
      if (engine !== 'd1')
        cpSync(
          join(FIXTURES, engine === 'postgres' ? 'pg-good' : 'sqlite-good'),
          join(workspace, 'migrations'),
          {
            recursive: true,
          },
        );
      return {
        workspace,
        home,
        run: (inputs = {}, extraEnv = {}) =>
          runBundle({
            action: 'migrate-with-rollback',
            inputs: { token: 'ghs_storeToken', ...inputs },
            event:
              inputs.mode === 'rollback'
                ? { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') }
                : event,
            cwd: workspace,
            emulator: emu,
            sha,
            env: {
              HOME: home,
              ...env,
              ...s3.env(),
              GITHUB_RUN_ID: String(++runId),
              GITHUB_RUN_ATTEMPT: '1',
              ...extraEnv,
            },
            timeoutMs: 120_000,
          }),
        remove() {
          rmSync(workspace, { recursive: true, force: true });
          rmSync(home, { recursive: true, force: true });
        },
      };
    },
  };
}

const deploymentsOf = (p: Production, task: string) =>
  emu.state.deployments.filter(
    (d) =>
      (d as { environment?: string }).environment === p.environment &&
      (d as { task?: string }).task === task,
  ) as Array<{ id: number; payload: Record<string, unknown> }>;

const lockOf = (p: Production) => emu.git.revParse(`refs/promote-locks/${p.environment}`);
const writesSince = (count: number) => emu.requests.slice(count).filter((r) => r.method !== 'GET');

describe('a backup in an S3-compatible store, restored on a runner that never saw it', () => {
  test.each(['postgres', 'sqlite'] as const)(
    '%s: migrate on runner A, delete A, roll back by release tag on runner B: tables equal the backup',
    async (engine) => {
      const p = await production(engine);
      const before = p.fingerprint();
      const a = p.runner('a');
      const migrated = await a.run();
      expect(migrated.exitCode).toBe(0);
      expect(migrated.outputs.status).toBe('migrated');
      expect(migrated.outputs['backup-store']).toBe('s3');
      const key = migrated.outputs['backup-location']!.replace(`s3://${s3.bucket}/`, '');
      expect(key).toMatch(
        new RegExp(`^promote/${p.environment}/${migrated.outputs['backup-id']}\\.\\w+\\.age$`),
      );
      expect(s3.keys()).toEqual(
        expect.arrayContaining([
          key,
          `promote/${p.environment}/${migrated.outputs['backup-id']}.manifest.json`,
        ]),
      );
      // GitHub keeps the index: the deployment names the backup and what its bytes hash to.
      const [deployment] = deploymentsOf(p, 'deploy:migrate');
      const record = deployment!.payload.backup as Record<string, any>;
      expect(record).toMatchObject({
        id: migrated.outputs['backup-id'],
        store: 's3',
        location: migrated.outputs['backup-location'],
        plain: { sha256: migrated.outputs['backup-sha256'] },
        stored: {
          sha256: migrated.outputs['backup-stored-sha256'],
          size: s3.readObject(key).length,
        },
        encryption: { scheme: 'age', recipients: [expect.stringMatching(/^[0-9a-f]{16}$/)] },
      });
      expect(Object.keys(record.tables).length).toBeGreaterThanOrEqual(2);
      expect(p.fingerprint()).not.toBe(before);
      a.remove();

      await emu.git.updateRef(`refs/tags/v${n}.0.0`, p.sha);
      const b = p.runner('b');
      const rolledBack = await b.run(
        { mode: 'rollback', release: `v${n}.0.0`, reason: 'smoke red' },
        { AGE_SECRET_KEY: identity },
      );
      expect(rolledBack.exitCode).toBe(0);
      expect(rolledBack.outputs.status).toBe('rolled-back');
      expect(rolledBack.outputs['backup-id']).toBe(migrated.outputs['backup-id']);
      expect(rolledBack.log).toContain(`Downloading backup ${migrated.outputs['backup-id']}`);
      expect(rolledBack.summary).toMatch(/table checksums equal to the backup's \(\d+ tables\)/);
      expect(p.fingerprint()).toBe(before);
      expect(await lockOf(p)).toBeUndefined();
      // The decrypted dump does not stay on runner B.
      expect(
        existsSync(
          join(
            b.workspace,
            '.promote/backups',
            `${migrated.outputs['backup-id']}${engine === 'postgres' ? '.dump' : '.sqlite3'}`,
          ),
        ),
      ).toBe(false);
      expect(printed(rolledBack)).not.toContain(identity);
      expect(printed(migrated)).not.toContain(s3.secretAccessKey);
    },
    180_000,
  );

  test('the stored object holds no row in clear: a known value is in the dump, not in the bucket', async () => {
    const p = await production('sqlite');
    const a = p.runner('a');
    const migrated = await a.run();
    expect(migrated.outputs.status).toBe('migrated');
    const scratch = readFileSync(
      join(a.workspace, '.promote/backups', `${migrated.outputs['backup-id']}.sqlite3`),
    );
    expect(scratch.includes('c123@example.com')).toBe(true);
    const key = migrated.outputs['backup-location']!.replace(`s3://${s3.bucket}/`, '');
    const stored = s3.readObject(key);
    expect(stored.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(stored.includes('c123@example.com')).toBe(false);
    expect(stored.includes('customer 123')).toBe(false);
  });

  test('a stored backup whose bytes changed is refused, naming both sums; nothing changes', async () => {
    const p = await production('postgres');
    const a = p.runner('a');
    const migrated = await a.run();
    expect(migrated.outputs.status).toBe('migrated');
    a.remove();
    const key = migrated.outputs['backup-location']!.replace(`s3://${s3.bucket}/`, '');
    s3.corruptObject(key);
    const actual = execFileSync('sha256sum', { input: s3.readObject(key) } as never);
    const after = p.fingerprint();
    const count = emu.requests.length;
    const b = p.runner('b');
    const run = await b.run(
      { mode: 'rollback', 'backup-id': migrated.outputs['backup-id']! },
      { AGE_SECRET_KEY: identity },
    );
    expect(run.exitCode).toBe(1);
    const message = run.annotations.find((x) => x.level === 'error')!.message;
    expect(message).toContain(`recorded sha256 ${migrated.outputs['backup-stored-sha256']}`);
    expect(message).toContain(`stored object sha256 ${actual.toString().split(' ')[0]}`);
    expect(message).toMatch(/refusing to restore it/);
    expect(p.fingerprint()).toBe(after);
    expect(writesSince(count)).toEqual([]);
    expect(deploymentsOf(p, 'deploy:rollback')).toEqual([]);
  });

  test('a rollback without the age identity, or with another one, is refused naming the variable', async () => {
    const p = await production('sqlite');
    const a = p.runner('a');
    const migrated = await a.run();
    const b = p.runner('b');
    const missing = await b.run({ mode: 'rollback', 'backup-id': migrated.outputs['backup-id']! });
    expect(missing.exitCode).toBe(1);
    expect(missing.log).toMatch(
      /map the identity \(AGE-SECRET-KEY-1\.\.\.\) from a production environment secret into \$AGE_SECRET_KEY/,
    );
    const other = await b.run(
      { mode: 'rollback', 'backup-id': migrated.outputs['backup-id']! },
      { AGE_SECRET_KEY: await generateX25519Identity() },
    );
    expect(other.exitCode).toBe(1);
    expect(other.log).toMatch(/is not one of the recipients backup \S+ was encrypted to/);
    expect(deploymentsOf(p, 'deploy:rollback')).toEqual([]);
  });

  test('d1: a rollback on a fresh runner uses only the recorded Time Travel bookmark (no download, no key)', async () => {
    const p = await production('d1');
    const before = p.fingerprint();
    const a = p.runner('a');
    const migrated = await a.run();
    expect(migrated.outputs.status).toBe('migrated');
    const record = deploymentsOf(p, 'deploy:migrate')[0]!.payload.backup as { bookmark?: string };
    expect(record.bookmark).toMatch(/^00000085-/);
    expect(p.fingerprint()).not.toBe(before);
    a.remove();
    const s3Requests = s3.requests.length;
    await emu.git.updateRef(`refs/tags/d1-v${n}`, p.sha);
    const b = p.runner('b');
    const run = await b.run(
      { mode: 'rollback', release: `d1-v${n}` },
      { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('rolled-back');
    expect(run.log).toContain(`needs no file (Time Travel bookmark ${record.bookmark})`);
    expect(run.log).toMatch(
      new RegExp(`wrangler d1 time-travel restore shop-db --bookmark ${record.bookmark}`),
    );
    expect(s3.requests.length).toBe(s3Requests);
    expect(p.fingerprint()).toBe(before);
  });
});

describe('a store that cannot take the backup: refused before any change', () => {
  const cases: Array<[string, () => string, RegExp, Record<string, string | undefined>?]> = [
    [
      'no bucket',
      () =>
        `  store:\n    kind: s3\n    endpoint: ${s3.endpoint}\n    encryption: { recipients: [${recipient}] }\n`,
      /migrate\.store\.bucket.*add migrate\.store\.bucket/,
    ],
    [
      'no encryption',
      () => `  store:\n    kind: s3\n    bucket: ${s3.bucket}\n    endpoint: ${s3.endpoint}\n`,
      /migrate\.store\.encryption.*recipients: \[age1\.\.\.\].*or encryption: none/,
    ],
    [
      'a recipient that is not an age key',
      () => storeConfig().replace(recipient, `age1${'q'.repeat(58)}`),
      /migrate\.store\.encryption\.recipients\[0\].*not an age public key/,
    ],
    [
      'an endpoint nobody listens on',
      () => storeConfig().replace(s3.endpoint, 'http://127.0.0.1:9'),
      /migrate\.store\.endpoint: could not reach bucket "prod-backups" at http:\/\/127\.0\.0\.1:9/,
    ],
    [
      'a bucket that does not exist',
      () => storeConfig().replace(`bucket: ${s3.bucket}`, 'bucket: no-such-bucket'),
      /migrate\.store\.bucket: bucket "no-such-bucket" .* does not exist/,
    ],
    [
      'a wrong secret key',
      () => storeConfig(),
      /refused the credentials .*\$AWS_ACCESS_KEY_ID and \$AWS_SECRET_ACCESS_KEY/,
      { AWS_SECRET_ACCESS_KEY: 'not-the-secret' },
    ],
    [
      'no credentials in the environment',
      () => storeConfig(),
      /migrate\.store\.access-key-id-env: \$AWS_ACCESS_KEY_ID is empty/,
      { AWS_ACCESS_KEY_ID: undefined },
    ],
  ];
  test.each(cases)('%s', async (_name, config, message, env = {}) => {
    const p = await production('sqlite', config());
    const before = p.fingerprint();
    const count = emu.requests.length;
    const run = await p.runner('a').run({}, env);
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((x) => x.level === 'error')?.message).toMatch(message);
    expect(p.fingerprint()).toBe(before);
    expect(writesSince(count)).toEqual([]);
    expect(await lockOf(p)).toBeUndefined();
    expect(deploymentsOf(p, 'deploy:migrate')).toEqual([]);
    if (env.AWS_SECRET_ACCESS_KEY) expect(printed(run)).not.toContain(env.AWS_SECRET_ACCESS_KEY);
  });
});

describe('the upload fails or is not what was sent: not migrated, nothing lost', () => {
  test.each([
    [
      'the store answers 503 to every upload',
      { kind: '5xx', method: 'PUT', times: Infinity },
      /backup not stored: uploading the backup to s3:\/\/prod-backups\/\S+ failed: HTTP 503/,
    ],
    [
      'the bytes are altered on the way to the store',
      { kind: 'corrupt-body', method: 'PUT', match: /\.age(\?|$)/ },
      /the store serves other bytes than were uploaded/,
    ],
  ] as const)('%s', async (_name, fault, message) => {
    const p = await production('sqlite');
    const before = p.fingerprint();
    s3.fault(fault);
    const run = await p.runner('a').run();
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('not-migrated');
    expect(run.annotations.find((x) => x.level === 'error')?.message).toMatch(message);
    expect(p.fingerprint()).toBe(before);
    expect(deploymentsOf(p, 'deploy:migrate')).toEqual([]);
    expect(s3.keys().filter((k) => k.startsWith(`promote/${p.environment}/`))).toEqual([]);
    expect(await lockOf(p)).toBeUndefined();
  });

  test('a backup command that exits non-zero stops the run before any change or upload', async () => {
    const p = await production(
      'sqlite',
      `${storeConfig()}  overrides: { backup: { run: [sh, -c, "echo disk full >&2; exit 7"] } }\n`,
    );
    const before = p.fingerprint();
    const count = s3.requests.length;
    const run = await p.runner('a').run();
    expect(run.outputs.status).toBe('not-migrated');
    expect(run.annotations.find((x) => x.level === 'error')?.message).toMatch(
      /backup failed \(exit 7\)/,
    );
    expect(p.fingerprint()).toBe(before);
    expect(s3.requests.slice(count).filter((r) => r.method !== 'HEAD')).toEqual([]);
    expect(deploymentsOf(p, 'deploy:migrate')).toEqual([]);
  });
});

test('retention keeps the newest backups of the environment and deletes older ones', async () => {
  const p = await production('sqlite', storeConfig('    retention: { keep: 1 }\n'));
  const first = await p.runner('a').run();
  expect(first.outputs.status).toBe('migrated');
  // A second merge to the same environment.
  const sha2 = await emu.git.commit({
    branch: 'main',
    files: { [`more-${n}.txt`]: 'x' },
    message: 'Merge pull request #900 from acme/promote/more',
  });
  const runner = p.runner('b');
  writeFileSync(
    join(runner.workspace, 'migrations', '003_more.sql'),
    'CREATE TABLE more (id INTEGER);\n',
  );
  const second = await runBundle({
    action: 'migrate-with-rollback',
    inputs: { token: 'ghs_storeToken' },
    event: {
      name: 'pull_request',
      payload: adaptPayload(examplePayload('pull_request', 'closed'), {
        owner: OWNER,
        repo: REPO,
        number: 900,
        merged: true,
        mergeCommitSha: sha2,
        baseRef: 'main',
        headRef: 'promote/more',
      }),
    },
    cwd: runner.workspace,
    emulator: emu,
    sha: sha2,
    env: {
      HOME: runner.home,
      ...s3.env(),
      GITHUB_RUN_ID: String(++runId),
      GITHUB_RUN_ATTEMPT: '1',
    },
  });
  expect(second.outputs.status).toBe('migrated');
  expect(second.log).toContain(
    `deleted 1 older backup(s) of ${p.environment}: ${first.outputs['backup-id']}`,
  );
  const left = s3.keys().filter((k) => k.startsWith(`promote/${p.environment}/`));
  expect(left.every((k) => k.includes(second.outputs['backup-id']!))).toBe(true);
  expect(left).toHaveLength(2);
}, 120_000);

/** The raw log minus the runner's own ::add-mask:: commands. */
function printed(run: BundleResult): string {
  return run.rawLog
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}
