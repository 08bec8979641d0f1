import type { RunCommand } from './run-command.js';
import type { MigratePlan } from './plan.js';
import { libpqEnv } from './connection-env.js';

/** table -> "rows:hash"; compared before/after a restore. */
export type TableChecksums = Record<string, string>;

/**
 * PostgreSQL: per table, row count and an order-independent sum of row md5s (no sort, so it
 * stays cheap on large tables). Table names come from quote_ident, so embedding them is safe.
 */
export async function postgresTableChecksums(
  run: RunCommand,
  env: NodeJS.ProcessEnv,
  url: string,
  urlEnvName: string,
  timeoutMs: number,
): Promise<TableChecksums> {
  const childEnv = { ...env, ...libpqEnv(url, urlEnvName) };
  const psql = ['psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-F', '\t'];
  const list = await run(
    [
      ...psql,
      '-c',
      "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
    ],
    { env: childEnv, timeoutMs },
  );
  if (list.exitCode !== 0)
    throw new Error(`listing tables failed: ${list.output.trim().slice(-300)}`);
  const tables = list.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (tables.length === 0) return {};
  const query = tables
    .map(
      (t) =>
        `SELECT '${t.replace(/'/g, "''")}', count(*), coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint::numeric), 0) FROM ${t} r`,
    )
    .join(' UNION ALL ');
  const sums = await run([...psql, '-c', query], { env: childEnv, timeoutMs });
  if (sums.exitCode !== 0)
    throw new Error(`checksumming tables failed: ${sums.output.trim().slice(-300)}`);
  const out: TableChecksums = {};
  for (const line of sums.stdout.split('\n').filter(Boolean)) {
    const [table, rows, sum] = line.split('\t');
    if (table) out[table] = `${rows}:${sum}`;
  }
  return out;
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
): Promise<TableChecksums | undefined> {
  if (plan.restoreCheck === 'pg-table-checksums') {
    const url = plan.databaseUrlEnv ? deps.env[plan.databaseUrlEnv] : undefined;
    if (!url) return undefined;
    return postgresTableChecksums(deps.run, deps.env, url, plan.databaseUrlEnv!, timeoutMs);
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
