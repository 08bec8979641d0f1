import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { startPostgres, type PostgresCluster } from '../../support/postgres.js';
import { runCommand } from '../../../actions/migrate-with-rollback/src/run-command.js';
import { streamVerifier } from '../../../actions/migrate-with-rollback/src/verify-backup-stream.js';
import { FIXTURES, runOrchestration, tempWorkspace, withMigrations } from './world.js';

// The postgres preset's backup is verified while pg_dump writes it: the archive bytes go to the
// file, a sha256 and `pg_restore` at once, and the table checksums are read in the snapshot
// pg_dump dumps. These tests break the stream and check that nothing is migrated.

let pg: PostgresCluster;
let n = 0;

beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.stop();
});

function seededDatabase(): string {
  const name = `stream${++n}`;
  pg.createDatabase(name);
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(FIXTURES, 'pg-seed.sql')], {
    env: pg.env(name),
  });
  return name;
}

const rowCount = (db: string, table: string) => pg.sql(`SELECT count(*) FROM ${table}`, db).trim();

/** Feed `bytes` through the stream verifier as if pg_dump had written them. */
async function verifyStream(bytes: Buffer, env: NodeJS.ProcessEnv) {
  const dir = tempWorkspace();
  const verifier = streamVerifier({ minBytes: 1024, run: runCommand, env, timeoutMs: 60_000 });
  const path = join(dir, 'backup.dump');
  // Small chunks, as a pipe delivers them.
  const chunks = Array.from({ length: Math.ceil(bytes.length / 4096) }, (_, i) =>
    bytes.subarray(i * 4096, (i + 1) * 4096),
  );
  await pipeline(Readable.from(chunks), verifier.open(path));
  return { verification: await verifier.result(), path };
}

/**
 * A `pg_dump` first on PATH that runs the real one and passes its output through `filter`; the
 * pipe hides pg_dump's exit code, so only the stream's verification can catch the damage.
 */
function wrappedPgDump(filter: string): string {
  const bin = join(tempWorkspace(), 'bin');
  mkdirSync(bin);
  const real = execFileSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'pg_dump'), `#!/bin/sh\n${real} "$@" | ${filter}\n`, {
    mode: 0o755,
  });
  return bin;
}

describe('pg custom-format archive verified as it streams', () => {
  test('a whole dump passes: size, sha256 of the streamed bytes, TOC, every data block', async () => {
    const db = seededDatabase();
    const dump = execFileSync('pg_dump', ['-Fc', '--no-owner'], {
      env: pg.env(db),
      maxBuffer: 1 << 30,
    });
    const { verification, path } = await verifyStream(dump, pg.env(db));
    expect(verification.reason).toBeUndefined();
    expect(verification.ok).toBe(true);
    expect(verification.sizeBytes).toBe(dump.length);
    expect(readFileSync(path).equals(dump)).toBe(true);
    expect(verification.sha256).toBe(
      execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0],
    );
    expect(verification.checks).toEqual([
      `size ${dump.length} bytes >= 1024`,
      `sha256 ${verification.sha256}`,
      expect.stringMatching(/^pg_restore --list: \d+ TOC entries$/),
      'pg_restore read every data block as pg_dump wrote it (streamed)',
    ]);
  });

  test.each([
    ['in the middle', 0.6],
    ['by its last byte (the end of the last data block)', -1],
  ])('a stream cut %s is rejected, though its TOC still lists', async (_where, at) => {
    const db = seededDatabase();
    const dump = execFileSync('pg_dump', ['-Fc', '--no-owner'], {
      env: pg.env(db),
      maxBuffer: 1 << 30,
    });
    const cut = dump.subarray(0, at < 0 ? dump.length + at : Math.floor(dump.length * at));
    const { verification, path } = await verifyStream(cut, pg.env(db));
    // pg_restore --list alone accepts the cut file: why the whole stream is read.
    expect(execFileSync('pg_restore', ['--list', path], { encoding: 'utf8' })).toMatch(
      /TOC Entries: \d+/,
    );
    expect(verification.ok).toBe(false);
    expect(verification.reason).toMatch(
      /^reading the whole archive failed \(truncated\?\): .*end of file/,
    );
  });

  test('a stream with changed bytes inside a data block is rejected', async () => {
    const db = seededDatabase();
    const dump = execFileSync('pg_dump', ['-Fc', '--no-owner'], {
      env: pg.env(db),
      maxBuffer: 1 << 30,
    });
    const corrupted = Buffer.from(dump);
    const at = Math.floor(corrupted.length * 0.5);
    for (let i = 0; i < 16; i++) corrupted[at + i] = corrupted[at + i]! ^ 0x5a;
    const { verification } = await verifyStream(corrupted, pg.env(db));
    expect(verification.ok).toBe(false);
    expect(verification.reason).toMatch(
      /^reading the whole archive failed \(truncated\?\): .*uncompress/,
    );
  });
});

describe('the archive stream cannot be lost on its way to the file', () => {
  test('a file that cannot be written fails the command and the verification', async () => {
    const verifier = streamVerifier({
      minBytes: 1024,
      run: runCommand,
      env: process.env,
      timeoutMs: 60_000,
    });
    const path = join(tempWorkspace(), 'no-such-dir', 'backup.dump');
    const result = await runCommand(['head', '-c', '5000000', '/dev/zero'], {
      env: process.env,
      timeoutMs: 60_000,
      stdout: verifier.open(path),
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/writing the output of head failed: .*ENOENT/);
    const verification = await verifier.result();
    expect(verification.ok).toBe(false);
    expect(verification.reason).toMatch(/^writing .*backup\.dump failed/);
  });
});

describe('postgres preset: the streamed backup through the whole run', () => {
  const config = { preset: 'postgres', 'database-url-env': 'PROD_DB_URL' };

  test('pg_dump output cut short on its way to the file: rejected, nothing migrated', async () => {
    const db = seededDatabase();
    const dir = withMigrations('pg-good');
    const bin = wrappedPgDump('head -c 30000');
    const { plan, promise } = runOrchestration({
      config,
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db), PATH: `${bin}:${process.env.PATH}` },
      pgDatabase: db,
    });
    const report = await promise;
    expect(report.state).toBe('not-migrated');
    expect(report.failure).toMatch(/backup rejected: reading the whole archive failed/);
    expect(existsSync(plan.manifestPath)).toBe(false);
    expect(pg.sql('SELECT count(*) FROM promote_schema_migrations', db).trim()).toBe('0');
  });

  test('pg_dump output with a changed byte on its way to the file: rejected, nothing migrated', async () => {
    const db = seededDatabase();
    const dir = withMigrations('pg-good');
    // Byte 40,000 of the archive (inside the orders data block) becomes 'X'.
    const bin = wrappedPgDump(
      `${process.execPath} -e "let n=0;process.stdin.on('data',c=>{const at=40000-n;if(at>=0&&at<c.length)c[at]=c[at]===88?89:88;n+=c.length;process.stdout.write(c)})"`,
    );
    const { plan, promise } = runOrchestration({
      config,
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db), PATH: `${bin}:${process.env.PATH}` },
      pgDatabase: db,
    });
    const report = await promise;
    expect(report.state).toBe('not-migrated');
    expect(report.failure).toMatch(/backup rejected: reading the whole archive failed/);
    expect(existsSync(plan.manifestPath)).toBe(false);
    expect(pg.sql('SELECT count(*) FROM promote_schema_migrations', db).trim()).toBe('0');
  });

  test('the table checksums describe the dumped snapshot: a row written during the dump is in neither, and the restore verifies', async () => {
    const db = seededDatabase();
    const dir = withMigrations('pg-half');
    const ordersBefore = rowCount(db, 'orders');
    // This pg_dump inserts a row before dumping: after the snapshot was exported, so the dump
    // does not hold it. Checksums read after the dump would count it, and the restore would
    // then "differ from the backup".
    const bin = join(tempWorkspace(), 'bin');
    mkdirSync(bin);
    const real = execFileSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(bin, 'pg_dump'),
      `#!/bin/sh\npsql -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO customers (id, name, email) VALUES (100001, 'late', 'late@example.com')" || exit 9\nexec ${real} "$@"\n`,
      { mode: 0o755 },
    );
    const { plan, promise } = runOrchestration({
      config,
      workspace: dir,
      env: { PROD_DB_URL: pg.url(db), PATH: `${bin}:${process.env.PATH}` },
      pgDatabase: db,
    });
    const report = await promise;
    expect(report.rollbackFailure).toBeUndefined();
    expect(report.state).toBe('rolled-back');
    expect(report.steps.find((s) => s.name === 'backup')?.commands[0]?.argv).toMatch(
      /^pg_dump -Fc --no-owner --snapshot=\S+ > \S+\.dump$/,
    );
    const manifest = JSON.parse(readFileSync(plan.manifestPath, 'utf8'));
    expect(manifest.verification).toContain(
      'pg_restore read every data block as pg_dump wrote it (streamed)',
    );
    expect(rowCount(db, 'orders')).toBe(ordersBefore);
    expect(pg.sql('SELECT count(*) FROM customers WHERE id = 100001', db).trim()).toBe('0');
  });
});
