import picomatch from 'picomatch';
import type { AppIdentity } from '../config/resolve.js';
import type { PreflightConfig } from '../config/sections/preflight.js';
import type { MigrateConfig } from '../config/sections/migrate.js';
import {
  attempt,
  decodeContent,
  readDriftCompare,
  readReportFiles,
  runGateCommands,
  type CollectDeps,
} from './collect.js';
import type { ChangedFile } from './diff.js';
import type { Gate } from './evaluate.js';
import type { PreflightFacts } from './facts.js';
import { readMigrationFacts } from './migrations/collect-migrations.js';

/**
 * Apps (issue #20): in a monorepo, the gates about what a change contains judge each app the PR
 * changes on its own files with its own settings (one row per app, `tests (api)`); the gates
 * about the PR as a whole (ci, diff-guard, secrets, freeze, branch-protection, approvals,
 * custom, findings, backup) run once with the repository's settings. Files outside every app
 * are judged only by those. Every API read is shared: one file list, one commit list, one
 * review list, one compare per distinct pair of refs, whatever the number of apps declared.
 */
export const APP_GATES = [
  'drift',
  'tests',
  'migrations',
  'change-size',
] as const satisfies readonly Gate[];

/** The repository-wide part of a config with apps: the per-app gates left to the apps. */
export function withoutAppGates(pf: PreflightConfig): PreflightConfig {
  const out: PreflightConfig = { ...pf };
  for (const g of APP_GATES) delete out[g];
  return out;
}

/** Only the per-app gates of an app's resolved preflight section (what it reads and runs). */
export function onlyAppGates(pf: PreflightConfig): PreflightConfig {
  const { findings: _f, backup: _b, custom: _c, approvals: _a, ...rest } = pf;
  return rest as PreflightConfig;
}

const enabled = (g: { enabled: boolean } | undefined): boolean => Boolean(g?.enabled);

/** What the shared reads must include for the apps' gates (their settings may differ). */
export function appReads(pfs: readonly PreflightConfig[]): { commits: boolean; reviews: boolean } {
  return {
    commits: pfs.some((pf) => enabled(pf['change-size'])),
    reviews: pfs.some((pf) => enabled(pf.migrations)),
  };
}

/** The changed files of an app (a rename counts when either name is the app's). */
export function filesOfApp(app: AppIdentity, files: readonly ChangedFile[]): ChangedFile[] {
  const match = picomatch(app.paths, { dot: true });
  return files.filter(
    (f) => match(f.filename) || (f.previous_filename !== undefined && match(f.previous_filename)),
  );
}

/** Names the app matcher sees: each file and, for a rename, its old name. */
export function changedNames(files: readonly ChangedFile[]): string[] {
  return files.flatMap((f) =>
    f.previous_filename ? [f.filename, f.previous_filename] : [f.filename],
  );
}

type CompareFact = PreflightFacts['compare'];

/**
 * One app's facts: the shared reads narrowed to its files, plus what only its settings name
 * (its drift command, its test reports, its migrations). `compares` shares a compare between
 * apps that name the same refs.
 */
export async function collectAppFacts(
  deps: Pick<CollectDeps, 'github' | 'repo' | 'exec' | 'workspace' | 'resolveCommand' | 'env'>,
  shared: PreflightFacts,
  app: { identity: AppIdentity; preflight: PreflightConfig; migrate: MigrateConfig },
  compares: Map<string, Promise<CompareFact>>,
): Promise<PreflightFacts> {
  const pf = onlyAppGates(app.preflight);
  const match = picomatch(app.identity.paths, { dot: true });
  const files: PreflightFacts['files'] = shared.files.ok
    ? {
        ok: true,
        value: {
          ...shared.files.value,
          files: filesOfApp(app.identity, shared.files.value.files),
        },
      }
    : shared.files;
  let compare: CompareFact = { ok: false, error: 'compare was not read' };
  const drift = enabled(pf.drift) ? pf.drift!.compare : undefined;
  if (drift) {
    const key = JSON.stringify([drift.git, drift.staging]);
    if (!compares.has(key)) compares.set(key, readDriftCompare(deps.github, deps.repo, drift));
    const all = await compares.get(key)!;
    compare = all.ok
      ? {
          ok: true,
          value: { ...all.value, files: all.value.files.filter((f) => match(f.filename)) },
        }
      : all;
  }
  const [commands, reports, migrations] = await Promise.all([
    runGateCommands(deps, pf),
    readReportFiles(pf, deps.workspace),
    enabled(pf.migrations)
      ? attempt('migrations', async () => {
          if (!files.ok) throw new Error(files.error);
          if (files.value.truncated) throw new Error(files.value.truncated);
          return readMigrationFacts(
            {
              exec: deps.exec,
              env: deps.env ?? {},
              workspace: deps.workspace,
              readBase: (path) => decodeContent(deps.github, deps.repo, path, shared.pr.baseSha),
            },
            app.migrate,
            pf.migrations!,
            files.value.files,
          );
        })
      : Promise.resolve(undefined),
  ]);
  return {
    ...shared,
    files,
    compare,
    commands,
    reports,
    ...(migrations ? { migrations } : {}),
  };
}
