import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { MigrateConfig } from '../../config/sections/migrate.js';
import type { MigrationsGateConfig } from '../../config/sections/preflight.js';
import type { Exec } from '../../exec.js';
import { parseDuration } from '../../time.js';
import type { ChangedFile } from '../diff.js';
import {
  listMigrations,
  migrationLayout,
  pendingMigrations,
  readAppliedInProduction,
  type MigrationFile,
} from './pending.js';
import { runSquawk } from './squawk.js';
import { judgeSqliteMigrations } from './sqlite-judge.js';
import type { MigrationFacts } from './types.js';

export interface MigrationReadDeps {
  exec: Exec;
  env: NodeJS.ProcessEnv;
  /** The checkout of the PR head. */
  workspace: string;
}

const read = (m: MigrationFile) => readFile(m.path, 'utf8').then((sql) => ({ file: m.file, sql }));

/** Find the migrations the promotion will run and judge each with its engine's tool. */
export async function readMigrationFacts(
  deps: MigrationReadDeps,
  migrate: MigrateConfig,
  gate: MigrationsGateConfig,
  changed: readonly ChangedFile[],
): Promise<MigrationFacts> {
  const layout = migrationLayout(migrate, gate);
  const timeoutMs = parseDuration(gate.timeout, 'preflight.migrations.timeout');
  const all = await listMigrations(layout, deps.workspace);
  const applied = await readAppliedInProduction(migrate, { ...deps, timeoutMs });
  const added = changed
    .filter((f) => f.status === 'added' || f.status === 'renamed' || f.status === 'copied')
    .map((f) => f.filename);
  const { pending, source, detail } = pendingMigrations(all, applied, added);
  const base = { pending: pending.map((m) => m.file), source, sourceDetail: detail };
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
