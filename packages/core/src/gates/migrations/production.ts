import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { MigrateConfig } from '../../config/sections/migrate.js';
import type { MigrationsGateConfig } from '../../config/sections/preflight.js';
import type { Exec, ExecResult } from '../../exec.js';
import { libpqEnv } from '../../postgres-url.js';

/**
 * What production says about the migrations: the names it has applied (an applied-migrations
 * table), or the names its tool says are still to run (prisma, wrangler). `detail` names the
 * source for the report.
 */
export type ProductionState =
  { applied: Set<string>; detail: string } | { pending: string[]; detail: string };

export interface ProductionDeps {
  exec: Exec;
  env: NodeJS.ProcessEnv;
  workspace: string;
  timeoutMs: number;
}

const lines = (text: string) => text.replace(/\r\n/g, '\n').split('\n');

function outputTail(r: ExecResult): string {
  const text = [r.stdout, r.stderr].filter((s) => s.trim()).join('\n');
  return lines(text).slice(-5).join(' / ') || '(no output)';
}

/**
 * `prisma migrate status`: "Following migration(s) have not yet been applied:" then one folder
 * name a line (exit 1), or "Database schema is up to date!" (exit 0). Diverged histories, failed
 * migrations and an unmanaged database are refused: what will run cannot be told. Output as
 * written by prisma's MigrateStatus command
 * (https://github.com/prisma/prisma/blob/main/packages/migrate/src/commands/MigrateStatus.ts;
 * https://www.prisma.io/docs/orm/reference/prisma-cli-reference#migrate-status).
 */
export function parsePrismaStatus(out: string): string[] {
  if (
    /your local migration history and the migrations table from your database are different/i.test(
      out,
    )
  )
    throw new Error(
      'prisma migrate status: the local migration history and production have diverged',
    );
  if (/have failed:/.test(out))
    throw new Error('prisma migrate status: production has a failed migration (P3009)');
  if (/not managed by Prisma Migrate/.test(out))
    throw new Error('prisma migrate status: production is not managed by Prisma Migrate');
  const all = lines(out);
  const at = all.findIndex((l) => /have not yet been applied:\s*$/.test(l));
  if (at >= 0) {
    const names: string[] = [];
    for (const l of all.slice(at + 1)) {
      if (!l.trim()) break;
      names.push(l.trim());
    }
    return names;
  }
  if (/Database schema is up to date!/.test(out)) return [];
  throw new Error('prisma migrate status printed neither a pending list nor "up to date"');
}

/**
 * `wrangler d1 migrations list <db> --remote`: "✅ No migrations to apply!", or "Migrations to be
 * applied:" and a table with a "Name" column, one migration file a row
 * (https://developers.cloudflare.com/workers/wrangler/commands/#d1-migrations-list;
 * https://github.com/cloudflare/workers-sdk/blob/main/packages/wrangler/src/d1/migrations/list.ts).
 */
export function parseD1MigrationsList(out: string): string[] {
  if (/No migrations to apply/.test(out)) return [];
  const all = lines(out);
  const at = all.findIndex((l) => /Migrations to be applied:/.test(l));
  if (at < 0) throw new Error('wrangler d1 migrations list printed no "Migrations to be applied"');
  const names: string[] = [];
  for (const l of all.slice(at + 1)) {
    const cell = /^\s*│\s*(.*?)\s*│\s*$/.exec(l);
    if (cell) {
      if (cell[1] !== 'Name' && cell[1]) names.push(cell[1]);
    } else if (!/^\s*[┌├└─┬┼┴┐┤┘]/.test(l)) break;
  }
  return names;
}

/**
 * `bench --site <site> execute frappe.get_all --kwargs …`: bench prints the method's return value
 * as JSON on its last line (frappe/commands/utils.py, `execute`:
 * https://github.com/frappe/frappe/blob/develop/frappe/commands/utils.py); with `pluck` it is
 * the list of Patch Log entries, the patches production has run. Nothing printed: no patch run.
 */
export function parseBenchPatchLog(out: string): Set<string> {
  const last = lines(out)
    .map((l) => l.trim())
    .filter(Boolean)
    .reverse()
    .find((l) => l.startsWith('['));
  if (last === undefined) {
    if (out.trim()) throw new Error('bench execute printed no JSON list of patches');
    return new Set();
  }
  const list = JSON.parse(last) as unknown;
  if (!Array.isArray(list) || !list.every((p) => typeof p === 'string'))
    throw new Error('bench execute did not print a list of patch names');
  return new Set(list);
}

/** Frappe's Patch Log, read through bench: every patch production has run. */
export const BENCH_PATCH_LOG_KWARGS = JSON.stringify({
  doctype: 'Patch Log',
  pluck: 'patch',
  limit_page_length: 0,
});

async function run(
  deps: ProductionDeps,
  argv: string[],
  opts: { cwd?: string; env?: Record<string, string>; secrets?: string[] },
) {
  const r = await deps.exec(argv, {
    cwd: opts.cwd ?? deps.workspace,
    env: opts.env,
    secrets: opts.secrets,
    timeoutMs: deps.timeoutMs,
    allowFailure: true,
    silent: true,
  });
  if (r.timedOut) throw new Error(`${argv.slice(0, 4).join(' ')} timed out`);
  return r;
}

/**
 * What production has applied or has still to run, when this job can ask it: the database URL
 * (postgres, prisma), the database file (sqlite), a Cloudflare API token (d1), bench on this
 * runner (frappe, preflight.migrations.bench-dir). Otherwise undefined: nothing is claimed.
 * Every read is read-only.
 */
export async function readProductionState(
  migrate: MigrateConfig,
  gate: Pick<MigrationsGateConfig, 'bench-dir'>,
  deps: ProductionDeps,
): Promise<ProductionState | undefined> {
  switch (migrate.preset) {
    case 'postgres':
      return readPostgresTable(migrate, deps);
    case 'sqlite':
      return readSqliteTable(migrate, deps);
    case 'prisma': {
      const name = migrate['database-url-env'];
      const url = deps.env[name];
      if (!url) return undefined;
      // As migrate-with-rollback's prisma preset runs prisma: the URL in DATABASE_URL.
      const r = await run(deps, ['npx', '--no-install', 'prisma', 'migrate', 'status'], {
        env: { DATABASE_URL: url },
        secrets: [url],
      });
      const out = `${r.stdout}\n${r.stderr}`;
      try {
        return {
          pending: parsePrismaStatus(out),
          detail: `\`prisma migrate status\` against production (via $${name})`,
        };
      } catch (e) {
        throw new Error(`${(e as Error).message}: ${outputTail(r)}`);
      }
    }
    case 'd1': {
      if (!deps.env.CLOUDFLARE_API_TOKEN || !migrate.database) return undefined;
      const argv = ['wrangler', 'd1', 'migrations', 'list', migrate.database, '--remote'];
      const r = await run(deps, argv, { secrets: [deps.env.CLOUDFLARE_API_TOKEN] });
      if (r.exitCode !== 0)
        throw new Error(`${argv.join(' ')} exited with ${r.exitCode}: ${outputTail(r)}`);
      return {
        pending: parseD1MigrationsList(r.stdout),
        detail: `\`${argv.join(' ')}\``,
      };
    }
    case 'frappe': {
      const dir = gate['bench-dir'];
      if (!dir || !migrate.site) return undefined;
      const argv = ['bench', '--site', migrate.site, 'execute', 'frappe.get_all'];
      const r = await run(deps, [...argv, '--kwargs', BENCH_PATCH_LOG_KWARGS], { cwd: dir });
      if (r.exitCode !== 0)
        throw new Error(`${argv.join(' ')} exited with ${r.exitCode}: ${outputTail(r)}`);
      return {
        applied: parseBenchPatchLog(r.stdout),
        detail: `the Patch Log of ${migrate.site} (bench in ${dir})`,
      };
    }
    case 'command':
      return undefined;
  }
}

async function readPostgresTable(
  migrate: MigrateConfig,
  deps: ProductionDeps,
): Promise<ProductionState | undefined> {
  const url = deps.env[migrate['database-url-env']];
  if (!url) return undefined;
  // Read-only: the table migrate-with-rollback's postgres preset keeps (never created here).
  const sql = (q: string) =>
    deps.exec(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-c', q], {
      env: libpqEnv(url, migrate['database-url-env']),
      secrets: [url],
      timeoutMs: deps.timeoutMs,
      silent: true,
    });
  const exists = await sql("SELECT to_regclass('promote_schema_migrations') IS NOT NULL");
  const names =
    exists.stdout.trim() === 't'
      ? (await sql('SELECT filename FROM promote_schema_migrations')).stdout
      : '';
  return {
    applied: new Set(names.split('\n').filter(Boolean)),
    detail: `production's promote_schema_migrations table (via $${migrate['database-url-env']})`,
  };
}

async function readSqliteTable(
  migrate: MigrateConfig,
  deps: ProductionDeps,
): Promise<ProductionState | undefined> {
  if (!migrate['sqlite-path']) return undefined;
  const path = isAbsolute(migrate['sqlite-path'])
    ? migrate['sqlite-path']
    : resolve(deps.workspace, migrate['sqlite-path']);
  if (!existsSync(path)) return undefined;
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const has = db
      .prepare(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'promote_schema_migrations'",
      )
      .get();
    const rows = has
      ? (db.prepare('SELECT filename FROM promote_schema_migrations').all() as {
          filename: string;
        }[])
      : [];
    return {
      applied: new Set(rows.map((r) => r.filename)),
      detail: `the promote_schema_migrations table of ${migrate['sqlite-path']}`,
    };
  } finally {
    db.close();
  }
}
