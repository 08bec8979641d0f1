import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import picomatch from 'picomatch';
import { ConfigurationError } from '@promote/core/errors';
import type { Exec } from '@promote/core/exec';
import type { PromoteConfig } from '@promote/core/config/sections/promote';
import type { PromoteActionConfig } from './config.js';
import type { MigrationsGateConfig } from '@promote/core/config/sections/preflight';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { readPendingMigrations, shownName } from '@promote/core/gates/migrations/pending';
import { githubFiles } from '@promote/core/gates/migrations/repo-files';
import type { BodyInput, Excerpt } from './body.js';

// A migrations/audit command that hangs must not hold the promotion: the reviewer sees the timeout.
const COMMAND_TIMEOUT_MS = 120_000;

function tail(text: string, max: number, source: string): Excerpt {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  const kept = lines.slice(-max);
  return { source, lines: kept, omitted: lines.length - kept.length };
}

async function commandExcerpt(
  exec: Exec,
  argv: string[],
  max: number,
  cwd: string,
): Promise<Excerpt> {
  const source = argv.join(' ');
  const result = await exec(argv, {
    cwd,
    timeoutMs: COMMAND_TIMEOUT_MS,
    allowFailure: true,
    silent: true,
  });
  const output = [result.stdout, result.stderr].filter((s) => s.trim()).join('\n');
  if (result.exitCode !== 0 || result.timedOut) {
    const why = result.timedOut
      ? `timed out after ${COMMAND_TIMEOUT_MS / 1000} s`
      : `exited with ${result.exitCode}`;
    const excerpt = tail(output || '(no output)', max, source);
    return { ...excerpt, lines: [`(command ${why}; check by hand)`, ...excerpt.lines] };
  }
  return tail(output, max, source);
}

/** Where the migration reader finds staging, production and the diff between them. */
export interface MigrationReadDeps {
  exec: Exec;
  workspace: string;
  env: NodeJS.ProcessEnv;
  gh: GitHubClient;
  repo: RepoRef;
  staging: string;
  production: string;
  changedFiles: { filename: string; status: string }[];
}

/**
 * Migrations that will run on merge: the migrate preset's pending list (the preflight gate's
 * reader, on staging's files), a command's list, or added files matching the globs.
 */
export async function readMigrations(
  config: PromoteActionConfig,
  deps: MigrationReadDeps,
): Promise<BodyInput['migrations']> {
  const m = config.promote.migrations;
  if (!m) return undefined;
  if ('command' in m) return commandExcerpt(deps.exec, m.command, m['max-lines'], deps.workspace);
  if ('from' in m) {
    const gate: Partial<MigrationsGateConfig> = config.preflight.migrations ?? {};
    if (config.migrate.preset === 'command' && !gate.engine)
      throw new ConfigurationError(
        'open-promote-pr: promote.migrations.from: migrate reads the migrations of migrate.preset; set migrate.preset (postgres, sqlite, d1, prisma, frappe), or preflight.migrations.engine and dir for the command preset.',
      );
    const base = githubFiles(deps.gh, deps.repo, deps.production);
    const list = await readPendingMigrations(
      {
        exec: deps.exec,
        env: deps.env,
        workspace: deps.workspace,
        timeoutMs: COMMAND_TIMEOUT_MS,
        files: githubFiles(deps.gh, deps.repo, deps.staging),
        readBase: (path) => base.read(path),
      },
      config.migrate,
      gate,
      deps.changedFiles,
      'fall-back',
    );
    return {
      pending: list.pending.map(shownName),
      source: list.source,
      detail: list.detail,
    };
  }
  const match = picomatch(m.paths, { dot: true });
  const added = deps.changedFiles.filter((f) => f.status === 'added').map((f) => f.filename);
  return { files: added.filter((f) => match(f)), source: m.paths.join(', ') };
}

export async function readAudit(
  config: PromoteConfig,
  deps: { exec: Exec; workspace: string },
): Promise<Excerpt | undefined> {
  const a = config.audit;
  if (!a) return undefined;
  if ('command' in a) return commandExcerpt(deps.exec, a.command, a['max-lines'], deps.workspace);
  const path = isAbsolute(a.file) ? a.file : join(deps.workspace, a.file);
  if (relative(deps.workspace, path).startsWith('..')) {
    throw new ConfigurationError(
      `open-promote-pr: promote.audit.file "${a.file}" is outside the workspace; use a path inside the checkout.`,
    );
  }
  try {
    return tail(await readFile(path, 'utf8'), a['max-lines'], a.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ConfigurationError(
        `open-promote-pr: promote.audit.file "${a.file}" does not exist in the checkout; check out the repository before this step or fix the path.`,
      );
    }
    throw error;
  }
}
