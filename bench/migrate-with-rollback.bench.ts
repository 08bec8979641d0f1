// migrate-with-rollback: the wrapper's backup + verify + restore (through the real orchestration,
// with a migration that fails so the restore runs) against raw `pg_dump -Fc` + `pg_restore`, on a
// generated PostgreSQL database of at least 200 MB. Median of several runs; loopback only.
//   npx tsx bench/migrate-with-rollback.bench.ts [--runs 3] [--mb 200] [--store s3]
// --store s3: the backup is age-encrypted and uploaded to an S3-compatible store on loopback
// (test/support/s3.ts) and read back, beside the verification; results in
// results/migrate-with-rollback-s3.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { memoryLogger, systemClock } from '@promote/core';
import { migrateSection } from '@promote/core/config/sections/migrate';
import { startPostgres } from '../test/support/postgres.js';
import { buildPlan } from '../actions/migrate-with-rollback/src/plan.js';
import { orchestrateMigration } from '../actions/migrate-with-rollback/src/orchestrate.js';
import { runCommand } from '../actions/migrate-with-rollback/src/run-command.js';
import { SecretMask } from '../actions/migrate-with-rollback/src/connection-env.js';
import { s3Store } from '../actions/migrate-with-rollback/src/backup-store/s3.js';
import { startS3 } from '../test/support/s3.js';
import { uploadBackup } from '../actions/migrate-with-rollback/src/backup-transfer.js';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 3);
const TARGET_MB = arg('mb', 200);
const STORE = process.argv.includes('--store')
  ? process.argv[process.argv.indexOf('--store') + 1]
  : 'local';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const pg = await startPostgres();
const s3 = STORE === 's3' ? await startS3({ bucket: 'bench' }) : undefined;

/** The remote store both measurements use: the loopback bucket, 16 MiB multipart parts. */
function benchStore(world: NonNullable<typeof s3>) {
  return s3Store({
    bucket: world.bucket,
    endpoint: world.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: world.accessKeyId, secretAccessKey: world.secretAccessKey },
    partSizeBytes: 16 * 1024 * 1024,
  });
}
const recipient = s3 ? await identityToRecipient(await generateX25519Identity()) : '';
const work = mkdtempSync(join(tmpdir(), 'promote-bench-migrate-'));
try {
  pg.createDatabase('big');
  // ~120 bytes per row of mixed types; rows sized to reach the target on disk.
  const rows = Math.ceil((TARGET_MB * 1024 * 1024) / 150);
  const t0 = Date.now();
  pg.sql(
    `CREATE TABLE events (id bigint PRIMARY KEY, account integer NOT NULL, kind text NOT NULL, payload text NOT NULL, at timestamptz NOT NULL);
     INSERT INTO events SELECT g, g % 5000, 'kind-' || (g % 17), md5(g::text) || md5((g * 7)::text), timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, ${rows}) g;
     CREATE TABLE accounts (id integer PRIMARY KEY, name text NOT NULL);
     INSERT INTO accounts SELECT g, 'account ' || g FROM generate_series(0, 4999) g;
     CREATE INDEX events_account ON events (account);`,
    'big',
  );
  const bytes = Number(pg.sql("SELECT pg_database_size('big')", 'big').trim());
  console.log(
    `generated ${rows} rows, database ${(bytes / 1048576).toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const env = pg.env('big');

  const raw: number[] = [];
  const wrapped: number[] = [];
  const mechanics: number[] = [];
  const verification: number[] = [];
  let dumpBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    // Raw: what a hand-written workflow step does.
    const file = join(work, `raw-${i}.dump`);
    let t = Date.now();
    execFileSync('pg_dump', ['-Fc', '--no-owner', '-f', file], { env });
    execFileSync(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', '-d', 'big', file],
      { env },
    );
    raw.push(Date.now() - t);
    dumpBytes = statSync(file).size;
    rmSync(file);

    // Wrapped: list -> backup -> verify (size, sha256, --list, full read, table checksums) ->
    // migrate (fails) -> restore (atomic script) -> verify-restore (table checksums).
    const ws = mkdtempSync(join(work, 'ws-'));
    const config = migrateSection.parse({
      preset: 'postgres',
      'backup-dir': join(ws, 'backups'),
      overrides: { migrate: { run: ['false'] } },
      ...(s3
        ? {
            store: {
              kind: 's3',
              bucket: s3.bucket,
              endpoint: s3.endpoint,
              'force-path-style': true,
              encryption: { recipients: [recipient] },
            },
          }
        : {}),
    });
    const plan = buildPlan({
      config,
      environment: 'bench',
      mode: 'migrate',
      sha: 'bench00',
      now: new Date(),
      workspace: ws,
      migrationFiles: [],
      pgDatabase: 'big',
      rollbackWorkflow: 'rollback.yml',
    });
    const logger = memoryLogger();
    t = Date.now();
    const report = await orchestrateMigration(plan, {
      run: runCommand,
      logger,
      secrets: new SecretMask(),
      env: { ...process.env, DATABASE_URL: pg.url('big') },
      clock: systemClock,
      signal: new AbortController().signal,
      store: s3 ? benchStore(s3) : undefined,
    });
    wrapped.push(Date.now() - t);
    if (report.state !== 'rolled-back')
      throw new Error(
        `wrapper run ${i}: ${report.state} ${report.failure} ${report.rollbackFailure}`,
      );
    const steps = Object.fromEntries(report.steps.map((s) => [s.name, s.durationMs]));
    mechanics.push((steps.backup ?? 0) + (steps.restore ?? 0));
    verification.push((steps.verify ?? 0) + (steps['verify-restore'] ?? 0));
    console.log(
      `run ${i + 1}: raw ${raw[i]} ms, wrapper ${wrapped[i]} ms ${JSON.stringify(steps)}`,
    );
    rmSync(ws, { recursive: true, force: true });
  }
  // The store's own cost, alone: the same dump age-encrypted, uploaded (multipart, 16 MiB parts)
  // and read back for size + sha256, beside `cp` of the file to a local folder.
  const upload: number[] = [];
  const copy: number[] = [];
  if (s3) {
    const dump = join(work, 'upload.dump');
    execFileSync('pg_dump', ['-Fc', '--no-owner', '-f', dump], { env });
    const store = benchStore(s3);
    for (let i = 0; i < RUNS; i++) {
      const key = `bench/upload-${i}.dump.age`;
      let t = Date.now();
      await uploadBackup(
        store,
        {
          kind: 's3',
          key,
          manifestKey: `${key}.json`,
          prefix: 'bench/',
          location: key,
          encryption: { recipients: [recipient], identityEnv: 'AGE_SECRET_KEY' },
          keep: 10,
        },
        dump,
      );
      upload.push(Date.now() - t);
      t = Date.now();
      execFileSync('cp', [dump, join(work, `copy-${i}.dump`)]);
      copy.push(Date.now() - t);
      rmSync(join(work, `copy-${i}.dump`));
    }
  }
  const r = median(raw);
  const w = median(wrapped);
  const overhead = ((w - r) / r) * 100;
  const lines = [
    `# migrate-with-rollback: backup + verify + restore vs raw pg_dump + pg_restore${s3 ? ' (store s3: age-encrypted upload + read-back on loopback)' : ''}`,
    '',
    `- date: ${new Date().toISOString()}`,
    `- machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (shared with other jobs)`,
    `- PostgreSQL: ${pg.sql('SHOW server_version', 'big').trim()} (private cluster, fsync off), pg_dump/pg_restore 15`,
    `- database: ${(bytes / 1048576).toFixed(0)} MB (${rows} rows + index), custom-format dump ${(dumpBytes / 1048576).toFixed(0)} MB`,
    `- command: \`npx tsx bench/migrate-with-rollback.bench.ts --runs ${RUNS} --mb ${TARGET_MB}${s3 ? ' --store s3' : ''}\``,
    '',
    '| | median ms | runs (ms) |',
    '| --- | ---: | --- |',
    `| raw \`pg_dump -Fc\` + \`pg_restore --clean --single-transaction -d\` | ${r} | ${raw.join(', ')} |`,
    `| wrapper (backup, verify, failing migrate, restore, verify-restore) | ${w} | ${wrapped.join(', ')} |`,
    `| of which the backup + restore commands (pg_dump; pg_restore -f + psql in one transaction) | ${median(mechanics)} | ${mechanics.join(', ')} |`,
    `| of which verification (full archive read, sha256, table checksums before and after) | ${median(verification)} | ${verification.join(', ')} |`,
    ...(s3
      ? [
          `| the store alone: age-encrypt + upload + read back (size, sha256) of the ${(dumpBytes / 1048576).toFixed(0)} MB dump | ${median(upload)} | ${upload.join(', ')} |`,
          `| for scale: \`cp\` of the same dump to a local folder | ${median(copy)} | ${copy.join(', ')} |`,
        ]
      : []),
    '',
    `Overhead, whole wrapper vs raw: **${overhead.toFixed(1)} %** (target: within 5 %).`,
    `Backup + restore commands alone vs raw: **${(((median(mechanics) - r) / r) * 100).toFixed(1)} %**.`,
    '',
    // Kept with the figures so a re-run (npm run bench) does not drop the reading of them.
    '## Reading the figures',
    '',
    `- The wrapper's own backup and restore commands cost ${(((median(mechanics) - r) / r) * 100).toFixed(1)} % against the raw pair (third row`,
    "  against the first; 5 % either way is within this shared machine's noise). The restore goes through",
    '  a script and one transaction (`pg_restore -f` then `psql --single-transaction` with',
    '  `DROP SCHEMA public CASCADE`) so a failed restore changes nothing and tables the migration',
    '  created are removed; replaying that SQL script through psql is where a cost over',
    '  `pg_restore -d` comes from.',
    `- Machine load (1-minute average) at the end of the run: ${loadavg()[0]!.toFixed(1)}.`,
    `- The 5 % target is **${overhead <= 5 ? 'met' : 'not met'}** for the whole wrapper: verification adds ${((median(verification) / r) * 100).toFixed(0)} % of the raw`,
    '  time on this database. It is the point of the action, and each part answers a failure seen in the',
    '  field: reading the whole archive back (a truncated custom-format dump still passes',
    '  `pg_restore --list`, whose TOC sits at the start of the file; the tests prove this), sha256 of the',
    '  file, and order-independent per-table checksums of the live database before migrating and after',
    '  the restore. sha256 and the checksums already run beside the archive read (two readers, two cores).',
    '- Ways to trade safety for time, none taken by default: skip the full read with a custom',
    '  `overrides.verify` (the built-in check is then size + sha256 only), or replace the table',
    '  checksums with `overrides.verify-restore`.',
    '',
  ];
  writeFileSync(
    join(import.meta.dirname, 'results', `migrate-with-rollback${s3 ? '-s3' : ''}.md`),
    lines.join('\n'),
  );
  console.log(lines.join('\n'));
} finally {
  await s3?.stop();
  await pg.stop();
  rmSync(work, { recursive: true, force: true });
}
