import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { MigrateConfig } from '../../config/sections/migrate.js';
import type { MigrationsGateConfig } from '../../config/sections/preflight.js';
import type { Exec } from '../../exec.js';
import { parseDuration } from '../../time.js';
import type { ChangedFile } from '../diff.js';
import { isDoctypeJson, judgeDoctypeChange } from './frappe.js';
import { diskFiles } from './repo-files.js';
import { readPendingMigrations, shownName, type MigrationFile } from './pending.js';
import { runSquawk } from './squawk.js';
import { judgeSqliteMigrations } from './sqlite-judge.js';
import type { MigrationFacts, MigrationFinding } from './types.js';

export interface MigrationReadDeps {
  exec: Exec;
  env: NodeJS.ProcessEnv;
  /** The checkout of the PR head. */
  workspace: string;
  /** A file's text at the PR's base, null when absent there (frappe: patches.txt, doctypes). */
  readBase: (path: string) => Promise<string | null>;
}

const read = (m: MigrationFile) => readFile(m.path, 'utf8').then((sql) => ({ file: m.file, sql }));

/** Frappe: the doctype JSON files the diff modifies, each compared with its base. */
async function judgeDoctypes(
  deps: MigrationReadDeps,
  changed: readonly ChangedFile[],
): Promise<MigrationFinding[]> {
  const modified = changed.filter(
    (f) => (f.status === 'modified' || f.status === 'renamed') && isDoctypeJson(f.filename),
  );
  const judged = await Promise.all(
    modified.map(async (f) =>
      judgeDoctypeChange(
        f.filename,
        await deps.readBase(f.previous_filename ?? f.filename),
        await readFile(resolve(deps.workspace, f.filename), 'utf8').catch(() => null),
      ),
    ),
  );
  return judged.flat();
}

/** Find the migrations the promotion will run and judge each with its engine's tool. */
export async function readMigrationFacts(
  deps: MigrationReadDeps,
  migrate: MigrateConfig,
  gate: MigrationsGateConfig,
  changed: readonly ChangedFile[],
): Promise<MigrationFacts> {
  const timeoutMs = parseDuration(gate.timeout, 'preflight.migrations.timeout');
  const { layout, all, pending, source, detail } = await readPendingMigrations(
    { ...deps, timeoutMs, files: diskFiles(deps.workspace) },
    migrate,
    gate,
    changed,
    'throw',
  );
  const base = { pending: pending.map(shownName), source, sourceDetail: detail };
  if (layout.engine === 'frappe') {
    return {
      engine: 'frappe',
      judgedBy: 'the doctype JSON diff (fields removed, fieldtypes narrowed)',
      ...base,
      findings: await judgeDoctypes(deps, changed),
    };
  }
  if (layout.engine === 'postgres') {
    const inTransaction =
      gate['in-transaction'] ?? (migrate.preset === 'postgres' || migrate.preset === 'prisma');
    const findings = await runSquawk(deps.exec, {
      argv: gate.squawk,
      files: pending,
      inTransaction,
      cwd: deps.env.RUNNER_TEMP || tmpdir(),
      timeoutMs,
    });
    return { engine: 'postgres', judgedBy: `Squawk (${gate.squawk.join(' ')})`, ...base, findings };
  }
  const pendingSet = new Set(pending.map((m) => m.file));
  const earlier = await Promise.all(all.filter((m) => !pendingSet.has(m.file)).map(read));
  const findings = await judgeSqliteMigrations(earlier, await Promise.all(pending.map(read)));
  return {
    engine: 'sqlite',
    judgedBy: 'SQLite (node:sqlite, scratch database)',
    ...base,
    findings,
  };
}
