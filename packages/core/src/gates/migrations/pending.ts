import type { MigrateConfig } from '../../config/sections/migrate.js';
import type { MigrationsGateConfig } from '../../config/sections/preflight.js';
import { parsePatchesTxt } from './frappe.js';
import { diskFiles, type RepoFiles } from './repo-files.js';
import { readProductionState, type ProductionDeps, type ProductionState } from './production.js';
import type { MigrationEngine, PendingSource } from './types.js';

/** Where a preset keeps its migrations and in which dialect they are written. */
export interface MigrationLayout {
  engine: MigrationEngine;
  /** Directory relative to the repository root. */
  dir: string;
  /**
   * files: <dir>/*.sql; prisma: <dir>/<name>/migration.sql (both run in name order); frappe:
   * the entries of <dir>/patches.txt, <dir> being the app's package ('' = the one top-level
   * folder with a patches.txt).
   */
  shape: 'files' | 'prisma' | 'frappe';
}

export function migrationLayout(
  migrate: Pick<MigrateConfig, 'preset' | 'migrations-dir'>,
  gate: Partial<Pick<MigrationsGateConfig, 'engine' | 'dir'>>,
): MigrationLayout {
  const dir = gate.dir ?? migrate['migrations-dir'];
  switch (migrate.preset) {
    case 'postgres':
      return { engine: gate.engine ?? 'postgres', dir, shape: 'files' };
    case 'sqlite':
    case 'd1': // wrangler's migrations_dir, "migrations" by default like migrate.migrations-dir
      return { engine: gate.engine ?? 'sqlite', dir, shape: 'files' };
    case 'prisma':
      return {
        engine: gate.engine ?? 'postgres',
        dir: gate.dir ?? 'prisma/migrations',
        shape: 'prisma',
      };
    case 'frappe':
      return { engine: 'frappe', dir: gate.dir ?? '', shape: 'frappe' };
    case 'command':
      if (!gate.engine)
        throw new Error(
          'the command preset needs preflight.migrations.engine (postgres or sqlite) and dir',
        );
      return { engine: gate.engine, dir, shape: 'files' };
  }
}

/** A migration: its repository path and where a tool reads it (frappe: a patches.txt entry). */
export interface MigrationFile {
  file: string;
  /** On disk when the files are (the gate's checkout); else the repository path. */
  path: string;
  /**
   * The name production records (the file name; prisma: the folder; frappe: the patch entry),
   * also what the reports show for a frappe patch.
   */
  name: string;
  /** frappe: the entry's line in patches.txt. */
  line?: number;
}

/** What a report shows for a migration: its file, or a frappe patch's entry. */
export const shownName = (m: MigrationFile): string => (m.line ? m.name : m.file);

/** Where the layout's patches.txt is: in its dir, else the one top-level folder with one. */
export async function patchesTxtOf(
  layout: MigrationLayout,
  files: RepoFiles,
): Promise<string | undefined> {
  if (layout.dir) return `${layout.dir.replace(/\/+$/, '')}/patches.txt`;
  return (await files.list('')).filter((p) => /^[^/]+\/patches\.txt$/.test(p)).sort()[0];
}

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * Every migration of that version of the repository, in the order migrate-with-rollback applies
 * them: names sorted as JavaScript sorts strings (its plan does `[...files].sort()`); frappe:
 * patches.txt's order.
 */
export async function listMigrations(
  layout: MigrationLayout,
  files: RepoFiles,
): Promise<MigrationFile[]> {
  const where = (file: string) => files.diskPath?.(file) ?? file;
  if (layout.shape === 'frappe') {
    const file = await patchesTxtOf(layout, files);
    const text = file && (await files.read(file));
    if (!file || !text) return [];
    return parsePatchesTxt(text).map((e) => ({
      name: e.patch,
      line: e.line,
      file,
      path: where(file),
    }));
  }
  const dir = layout.dir.replace(/\/+$/, '');
  const depth = layout.shape === 'files' ? 1 : 2;
  const inDir = (await files.list(dir)).filter(
    (p) => p.slice(dir.length + 1).split('/').length === depth,
  );
  const found =
    layout.shape === 'files'
      ? inDir.filter((p) => p.endsWith('.sql')).map((file) => ({ file, name: baseName(file) }))
      : inDir
          .filter((p) => p.endsWith('/migration.sql'))
          .map((file) => ({ file, name: baseName(file.slice(0, -'/migration.sql'.length)) }));
  return found
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .map((m) => ({ ...m, path: where(m.file) }));
}

export interface PendingList {
  pending: MigrationFile[];
  source: PendingSource;
  detail: string;
}

/**
 * The migrations that will run on merge, in order: every migration production has not applied
 * when production was asked; otherwise the migrations this promotion adds (`added`), and the
 * detail says that is all it knows.
 */
export function pendingMigrations(
  all: readonly MigrationFile[],
  production: ProductionState | undefined,
  added: readonly MigrationFile[],
  unknown = 'no production credentials in this job',
): PendingList {
  if (production) {
    const pending =
      'applied' in production
        ? all.filter((m) => !production.applied.has(m.name))
        : all.filter((m) => new Set(production.pending).has(m.name));
    return { pending, source: 'production', detail: `read from ${production.detail}` };
  }
  return {
    pending: [...added],
    source: 'added-files',
    detail: `the migrations this promotion adds; production was not asked (${unknown}), so migrations pending from earlier promotions are not listed`,
  };
}

/** A file of the promotion's diff, as GitHub lists it. */
export interface DiffFile {
  filename: string;
  status: string;
}

export interface PendingDeps extends ProductionDeps {
  /** The promotion's head: the PR head (preflight), staging (the promotion PR). */
  files: RepoFiles;
  /** A file's text at the promotion's base (production), null when it is not there. */
  readBase: (path: string) => Promise<string | null>;
}

/** The migrations the diff adds: new migration files; frappe: new patches.txt entries. */
async function addedMigrations(
  layout: MigrationLayout,
  all: readonly MigrationFile[],
  changed: readonly DiffFile[],
  deps: PendingDeps,
): Promise<MigrationFile[]> {
  if (layout.shape === 'frappe') {
    const file = all[0]?.file;
    if (!file || !changed.some((f) => f.filename === file)) return [];
    const before = new Set(parsePatchesTxt((await deps.readBase(file)) ?? '').map((e) => e.patch));
    return all.filter((m) => !before.has(m.name));
  }
  const added = new Set(
    changed
      .filter((f) => f.status === 'added' || f.status === 'renamed' || f.status === 'copied')
      .map((f) => f.filename),
  );
  return all.filter((m) => added.has(m.file));
}

/**
 * What will run on merge, one way for every report (the preflight migrations gate and the
 * promotion PR body): production asked when this job can ask it, else the migrations the diff
 * adds. `onProductionError`: the gate fails on a read it cannot trust ("throw"); the PR body
 * falls back to the added migrations and says why ("fall-back").
 */
export async function readPendingMigrations(
  deps: PendingDeps,
  migrate: MigrateConfig,
  gate: Partial<Pick<MigrationsGateConfig, 'engine' | 'dir' | 'bench-dir'>>,
  changed: readonly DiffFile[],
  onProductionError: 'throw' | 'fall-back',
): Promise<PendingList & { layout: MigrationLayout; all: MigrationFile[] }> {
  const layout = migrationLayout(migrate, gate);
  const all = await listMigrations(layout, deps.files);
  let production: ProductionState | undefined;
  let unknown: string | undefined;
  try {
    production = await readProductionState(migrate, gate, deps);
    if (production && 'pending' in production) {
      // prisma and wrangler answer about the migrations of the checkout they run in: the
      // checkout's others are applied; a migration only `files` holds counts as pending.
      const toRun = new Set(production.pending);
      const local = await listMigrations(layout, diskFiles(deps.workspace));
      const seen = new Set(local.map((m) => m.name));
      const unseen = all.filter((m) => !seen.has(m.name)).map(shownName);
      production = {
        applied: new Set([...seen].filter((n) => !toRun.has(n))),
        detail: unseen.length
          ? `${production.detail}; ${unseen.join(', ')} ${unseen.length === 1 ? 'is' : 'are'} not in this job's checkout, so the tool could not say whether production ran ${unseen.length === 1 ? 'it' : 'them'}: listed as pending`
          : production.detail,
      };
    }
  } catch (e) {
    if (onProductionError === 'throw') throw e;
    unknown = `reading it failed: ${(e as Error).message}`;
  }
  const added = production ? [] : await addedMigrations(layout, all, changed, deps);
  return { layout, all, ...pendingMigrations(all, production, added, unknown) };
}
