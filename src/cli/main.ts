/**
 * `promote validate [--plan] [file]`: checks .github/promotion.yml with the actions' own loader
 * (one line per problem, `file:line:col: key: what is wrong; what to do`, or `::error`
 * annotations in GitHub Actions) and, with --plan, prints what each action would run.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_CONFIG_PATH } from '@promote/core/config/load';
import { memoryLogger } from '@promote/core/logger';
import { listMigrationFiles } from '../../actions/migrate-with-rollback/src/setup.js';
import { errorAnnotation } from './annotations.js';
import { describePlan } from './plan.js';
import { appNames, resolveConfig, stagesOf } from '@promote/core/config/resolve';
import type { PromotionConfig } from '@promote/core/config/schema';
import { validateConfigText } from './validate.js';

export interface CliDeps {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  /** undefined when the file does not exist. */
  readText(path: string): Promise<string | undefined>;
  listMigrationFiles: typeof listMigrationFiles;
  out(line: string): void;
  err(line: string): void;
  now(): Date;
}

export const USAGE = `Usage: promote validate [--plan] [path/to/promotion.yml]

  validate          check the config (default ${DEFAULT_CONFIG_PATH}) with the actions' own rules;
                    exit 1 with one line per problem (file:line:col: key: problem; fix);
                    a deprecated value is a warning line (file:line:col: warning: ...), exit 0
  --plan            also print what each action would run: the preflight gates, every
                    migrate and smoke command (secrets shown by variable name, values as ***)

In GitHub Actions (GITHUB_ACTIONS=true) problems are ::error annotations on the file's lines,
warnings ::warning annotations.`;

export function defaultDeps(): CliDeps {
  return {
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    async readText(path) {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    listMigrationFiles,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
  };
}

/** Exit code: 0 valid, 1 invalid, 2 a command line that makes no sense. */
export async function run(deps: CliDeps = defaultDeps()): Promise<number> {
  const [command, ...rest] = deps.argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? deps.err : deps.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'validate') {
    deps.err(`promote: unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  const plan = rest.includes('--plan');
  const unknown = rest.filter((a) => a.startsWith('-') && a !== '--plan');
  const files = rest.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || files.length > 1) {
    deps.err(
      `promote validate: ${unknown.length ? `unknown option ${unknown[0]}` : 'one file at a time'}.\n\n${USAGE}`,
    );
    return 2;
  }
  const given = files[0] ?? DEFAULT_CONFIG_PATH;
  const full = isAbsolute(given) ? given : resolve(deps.cwd, given);
  // Messages and annotations name the file as the user (and GitHub) know it: relative to cwd.
  const inside = relative(deps.cwd, full);
  const file = inside && !inside.startsWith('..') ? inside : full;
  const result = validateConfigText(file, await deps.readText(full), {
    annotate: deps.env.GITHUB_ACTIONS === 'true',
  });
  // Deprecated values still load: warned about on stderr, the exit code left to the problems.
  for (const line of result.warnings) deps.err(line);
  if (!result.ok) {
    for (const line of result.lines) deps.err(line);
    return 1;
  }
  // The actions' planners run on every validate: they refuse what the schema cannot see.
  const workspace = basename(dirname(full)) === '.github' ? dirname(dirname(full)) : deps.cwd;
  const migrationFiles =
    'migrate' in result.raw
      ? await deps.listMigrationFiles(result.config, workspace, memoryLogger())
      : [];
  // Apps or declared stages: every app on every stage, as its migrate and smoke steps see it.
  const views =
    result.config.apps || result.config.stages
      ? await Promise.all(
          stagesOf(result.config).flatMap((stage) =>
            (result.config.apps ? appNames(result.config) : [undefined]).map(async (app) => {
              const config = resolveConfig(result.config, {
                stage: stage.name,
                ...(app ? { app } : {}),
              }) as PromotionConfig;
              return {
                label: app ? `${app}, ${stage.name}` : stage.name,
                config,
                migrationFiles: await deps.listMigrationFiles(config, workspace, memoryLogger()),
              };
            }),
          ),
        )
      : undefined;
  const described = describePlan({
    ...(views ? { views } : {}),
    config: result.config,
    raw: result.raw,
    workspace,
    migrationFiles,
    now: deps.now(),
  });
  if (described.refusals.length > 0) {
    const annotate = deps.env.GITHUB_ACTIONS === 'true';
    for (const why of described.refusals)
      deps.err(
        annotate ? errorAnnotation(why, { file, title: 'Promote config' }) : `${file}: ${why}`,
      );
    deps.err(
      `${file}: ${described.refusals.length} ${described.refusals.length === 1 ? 'problem' : 'problems'}; fix and re-run.`,
    );
  } else for (const line of result.lines) deps.out(line);
  if (plan) {
    deps.out('');
    for (const line of described.lines) deps.out(line);
  }
  return described.refusals.length > 0 ? 1 : 0;
}
