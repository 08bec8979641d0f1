import { PassThrough } from 'node:stream';
import type { RunCommand } from './run-command.js';
import type { MigratePlan } from './plan.js';
import type { TableDigest } from './manifest.js';
import { libpqEnv } from './connection-env.js';

/** table -> "rows:hash"; compared before/after a restore. */
export type TableChecksums = Record<string, string>;

/**
 * How the rows of a table are summed. Both are order-independent sums (no sort, so they stay
 * cheap on large tables) of a hash of each row, of what a restore recreates exactly:
 * - `h64` (written as `rows:h64:sum`): 64-bit hashes, the server's own hash functions, the ones
 *   behind hash partitioning, which PostgreSQL keeps stable across versions. A table whose columns
 *   are all of HASHED_TYPES (PostgreSQL 14+) sums hash_record_extended(r, 0): each value hashed
 *   by its type, no text form, about 1/6 of md5's CPU per row; any other table (enums and other
 *   types a restore gives new OIDs, types without a hash function) sums
 *   hashtextextended(r::text, 0) of the row's text form (PostgreSQL 11+), about half md5's CPU.
 *   Two passes run per migration (before, after a restore): bench/RESULTS.md.
 * - `md5` (written as `rows:sum`): the first 60 bits of md5(r::text), what earlier versions
 *   recorded; a restore of such a backup is checked the same way.
 */
export type ChecksumKind = 'h64' | 'md5';

/** What a new backup records. */
export const CHECKSUM_KIND: ChecksumKind = 'h64';

/**
 * Built-in types whose hash functions hash the value itself (not an OID, which a restore
 * changes) and that have one: a table made only of these is hashed without its text form.
 */
const HASHED_TYPES = [
  'bool',
  'int2',
  'int4',
  'int8',
  'float4',
  'float8',
  'numeric',
  'text',
  'varchar',
  'bpchar',
  'bytea',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'interval',
  'uuid',
  'jsonb',
];

/** Per table (alias r): row count and the sum of row hashes. sum(bigint) is exact (numeric). */
function rowSums(kind: ChecksumKind, byType: boolean): string {
  if (kind === 'md5')
    return `count(*), coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint), 0)`;
  const hash = byType ? 'hash_record_extended(r, 0)' : 'hashtextextended(r::text, 0)';
  return `count(*), 'h64:' || coalesce(sum(${hash}), 0)`;
}

/** The kind recorded checksums were computed with (an empty record: the current kind). */
export function checksumKindOf(expected: {
  tables?: TableChecksums;
  digest?: TableDigest;
}): ChecksumKind {
  if (expected.tables) {
    const values = Object.values(expected.tables);
    if (values.length === 0) return CHECKSUM_KIND;
    return values.every((v) => /^\d+:h64:/.test(v)) ? 'h64' : 'md5';
  }
  return expected.digest ? (expected.digest.kind ?? 'md5') : CHECKSUM_KIND;
}

const PSQL = ['psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-F', '\t'];
/** User tables (t, quoted and qualified) and whether every column is of HASHED_TYPES (by_type). */
const USER_TABLES = `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS t, current_setting('server_version_num')::int >= 140000 AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid NOT IN (${HASHED_TYPES.map((t) => `'${t}'::regtype`).join(', ')})) AS by_type FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')`;
const literal = (sql: string) => `'${sql.replace(/'/g, "''")}'`;
/** A \gexec line: one checksum query per user table, each row led by `lead` (SQL text). */
const perTable = (kind: ChecksumKind, lead: string) =>
  `SELECT format(${literal(`SELECT ${lead}%L, %s FROM %s r`)}, t, CASE WHEN by_type THEN ${literal(rowSums(kind, true))} ELSE ${literal(rowSums(kind, false))} END, t) FROM (${USER_TABLES}) l ORDER BY t \\gexec`;
/** What starts each checksum line printed inside a restore's script. */
const RESTORED = 'restored-table';

/**
 * PostgreSQL: per table, row count and the sum of row hashes (ChecksumKind). Table names come
 * from quote_ident, so embedding them is safe.
 */
export async function postgresTableChecksums(
  run: RunCommand,
  env: NodeJS.ProcessEnv,
  url: string,
  urlEnvName: string,
  timeoutMs: number,
  kind: ChecksumKind = CHECKSUM_KIND,
): Promise<TableChecksums> {
  const childEnv = { ...env, ...libpqEnv(url, urlEnvName) };
  const list = await run([...PSQL, '-c', `${USER_TABLES} ORDER BY 1`], {
    env: childEnv,
    timeoutMs,
  });
  if (list.exitCode !== 0)
    throw new Error(`listing tables failed: ${list.output.trim().slice(-300)}`);
  const tables = list.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
  if (tables.length === 0) return {};
  const query = tables
    .map(([t, byType]) => `SELECT ${literal(t!)}, ${rowSums(kind, byType === 't')} FROM ${t} r`)
    .join(' UNION ALL ');
  const sums = await run([...PSQL, '-c', query], { env: childEnv, timeoutMs });
  if (sums.exitCode !== 0)
    throw new Error(`checksumming tables failed: ${sums.output.trim().slice(-300)}`);
  return parseSums(sums.stdout);
}

function parseSums(stdout: string): TableChecksums {
  const out: TableChecksums = {};
  for (const line of stdout.split('\n').filter(Boolean)) {
    const [table, rows, sum] = line.split('\t');
    if (table && rows !== undefined && sum !== undefined) out[table] = `${rows}:${sum}`;
  }
  return out;
}

/**
 * psql lines that print the same checksums as postgresTableChecksums, one marked line per table,
 * for the end of a restore's script: read in the restore's own transaction (before its COMMIT),
 * they describe exactly what the COMMIT makes visible, in one pass over rows the transaction has
 * just written, without a second session. The script's other output (pg_restore's SELECTs) is
 * told apart by the mark. psql must run with -At -F '\t' (the table-checksums PSQL options).
 */
export function restoredChecksumsScript(kind: ChecksumKind): string[] {
  // pg_restore's script empties search_path, and a row's text form depends on it (a regclass
  // prints schema-qualified or not): the session's own, as when the backup's sums were read.
  return ['RESET search_path;', perTable(kind, `'${RESTORED}', `)];
}

/** The checksums printed by restoredChecksumsScript, from the restore's stdout. */
export function parseRestoredChecksums(stdout: string): TableChecksums {
  const marked = stdout
    .split('\n')
    .filter((line) => line.startsWith(`${RESTORED}\t`))
    .map((line) => line.slice(RESTORED.length + 1));
  return parseSums(marked.join('\n'));
}

/** The table checksums of an exported snapshot, read while pg_dump dumps that same snapshot. */
export interface SnapshotChecksums {
  /** The snapshot's id for `pg_dump --snapshot`; rejects when none could be exported. */
  snapshot: Promise<string>;
  /** Ends the transaction that holds the snapshot: call once pg_dump has finished. */
  release(): void;
  /** Stops the checksums (the backup failed: they are not needed). */
  abort(): void;
  checksums: Promise<TableChecksums>;
}

/**
 * PostgreSQL, same checksums as postgresTableChecksums, read in a REPEATABLE READ transaction
 * whose snapshot is exported for pg_dump: "pg_dump --snapshot=snapshotname: Use the specified
 * synchronized snapshot when making a dump of the database"
 * (https://www.postgresql.org/docs/15/app-pgdump.html), exported with pg_export_snapshot(), which
 * stays importable "until the end of the transaction that exported it"
 * (https://www.postgresql.org/docs/15/functions-admin.html#FUNCTIONS-SNAPSHOT-SYNCHRONIZATION).
 * So the checksums describe exactly the rows in the dump (writes after the dump started do not
 * count), and they are computed while pg_dump runs instead of after it. One psql session, fed on
 * stdin: the transaction stays open until release(), after pg_dump has imported the snapshot.
 * `\gexec` runs one checksum query per table listed in the same snapshot.
 */
export function postgresSnapshotChecksums(
  run: RunCommand,
  env: NodeJS.ProcessEnv,
  url: string,
  urlEnvName: string,
  timeoutMs: number,
): SnapshotChecksums {
  const script = new PassThrough();
  const stop = new AbortController();
  let exported: (id: string) => void = () => {};
  const snapshot = new Promise<string>((resolve) => (exported = resolve));
  const session = run(PSQL, {
    env: { ...env, ...libpqEnv(url, urlEnvName) },
    timeoutMs,
    signal: stop.signal,
    stdin: script,
    onLine: (line) => {
      const id = /^snapshot\t(\S+)$/.exec(line)?.[1];
      if (id) exported(id);
    },
  });
  script.write(
    [
      // No parallel workers: the checksums have the whole dump to finish in, and on a small
      // runner every core a worker takes is one pg_dump (compressing) does not get.
      'SET max_parallel_workers_per_gather = 0;',
      'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;',
      "SELECT 'snapshot', pg_export_snapshot();",
      perTable(CHECKSUM_KIND, ''),
      '',
    ].join('\n'),
  );
  const checksums = session.then((r) => {
    if (r.exitCode !== 0)
      throw new Error(`checksumming tables failed: ${r.output.trim().slice(-300)}`);
    return parseSums(r.stdout.replace(/^snapshot\t.*\n/m, ''));
  });
  return {
    snapshot: Promise.race([
      snapshot,
      session.then((r) => {
        throw new Error(`exporting a snapshot failed: ${r.output.trim().slice(-300)}`);
      }),
    ]),
    release: () => {
      if (!script.writableEnded) script.end('COMMIT;\n');
    },
    abort: () => stop.abort(),
    checksums,
  };
}

/** SQLite: per table, row count and the CLI's SHA3 of the table's content. */
export async function sqliteTableChecksums(
  run: RunCommand,
  env: NodeJS.ProcessEnv,
  path: string,
  timeoutMs: number,
): Promise<TableChecksums> {
  const list = await run(
    [
      'sqlite3',
      '-bail',
      '-readonly',
      path,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
    ],
    { env, timeoutMs },
  );
  if (list.exitCode !== 0)
    throw new Error(`listing tables of ${path} failed: ${list.output.trim().slice(-300)}`);
  const tables = list.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const out: TableChecksums = {};
  for (const t of tables) {
    const q = `"${t.replace(/"/g, '""')}"`;
    const r = await run(
      [
        'sqlite3',
        '-bail',
        '-readonly',
        path,
        `SELECT count(*) FROM ${q}`,
        `.sha3sum '${t.replace(/'/g, "''")}'`,
      ],
      { env, timeoutMs },
    );
    if (r.exitCode !== 0)
      throw new Error(`checksumming ${t} failed: ${r.output.trim().slice(-300)}`);
    const [rows, hash] = r.stdout.trim().split('\n');
    out[t] = `${rows}:${hash?.trim()}`;
  }
  return out;
}

/** Tables whose checksum differs, is missing, or is extra; empty when equal. */
export function diffChecksums(expected: TableChecksums, actual: TableChecksums): string[] {
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const diffs: string[] = [];
  for (const n of [...names].sort()) {
    if (!(n in actual)) diffs.push(`${n}: missing after restore`);
    else if (!(n in expected)) diffs.push(`${n}: not in the backup (created after it)`);
    else if (expected[n] !== actual[n])
      diffs.push(`${n}: ${expected[n]} before, ${actual[n]} after`);
  }
  return diffs;
}

/**
 * The checksums the plan's restore check compares (the preset's restoreCheck): of the live
 * database, or of the backup file itself for SQLite; undefined when the plan has no such check.
 */
export async function checksumsFor(
  plan: MigratePlan,
  deps: { run: RunCommand; env: NodeJS.ProcessEnv },
  target: 'live' | 'backup',
  timeoutMs: number,
  kind: ChecksumKind = CHECKSUM_KIND,
): Promise<TableChecksums | undefined> {
  if (plan.restoreCheck === 'pg-table-checksums') {
    const url = plan.databaseUrlEnv ? deps.env[plan.databaseUrlEnv] : undefined;
    if (!url) return undefined;
    return postgresTableChecksums(deps.run, deps.env, url, plan.databaseUrlEnv!, timeoutMs, kind);
  }
  if (plan.restoreCheck === 'sqlite-table-checksums' && plan.sqlitePath) {
    return sqliteTableChecksums(
      deps.run,
      deps.env,
      target === 'backup' ? plan.backupPath : plan.sqlitePath,
      timeoutMs,
    );
  }
  return undefined;
}

/**
 * The snapshot checksums for a PostgreSQL plan whose restore is checked by table checksums, so
 * pg_dump can dump the very snapshot they read; undefined otherwise (checksumsFor then).
 */
export function snapshotChecksumsFor(
  plan: MigratePlan,
  deps: { run: RunCommand; env: NodeJS.ProcessEnv },
  timeoutMs: number,
): SnapshotChecksums | undefined {
  if (plan.restoreCheck !== 'pg-table-checksums') return undefined;
  const url = plan.databaseUrlEnv ? deps.env[plan.databaseUrlEnv] : undefined;
  if (!url) return undefined;
  return postgresSnapshotChecksums(deps.run, deps.env, url, plan.databaseUrlEnv!, timeoutMs);
}
