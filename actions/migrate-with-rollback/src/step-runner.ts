import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Logger } from '@promote/core/logger';
import type { MigrateStepName } from '@promote/core/config/sections/migrate';
import type { PlannedCommand, PlannedStep } from './plan.js';
import { bindRuntime, type PlaceholderValues } from './placeholders.js';
import { commandLine } from './plan.js';
import { pipeStdin } from './piped-stdin.js';
import type { RunCommand } from './run-command.js';
import { libpqEnv, type SecretMask } from './connection-env.js';

export interface CommandRecord {
  argv: string;
  exitCode: number | null;
  durationMs: number;
  skipped?: string;
  failure?: string;
}

export interface StepOutcome {
  name: MigrateStepName;
  ok: boolean;
  durationMs: number;
  commands: CommandRecord[];
  /** Why it failed, in one line (masked). */
  error?: string;
  /** The last lines of output of the failing command (masked), for the report. */
  tail?: string;
  aborted?: boolean;
  /** Stdout of every command (not printed again; the `list` step's names). */
  stdout?: string;
}

export interface StepContext {
  run: RunCommand;
  logger: Logger;
  secrets: SecretMask;
  /** The runner's environment (PATH, mapped secrets). */
  env: NodeJS.ProcessEnv;
  databaseUrlEnv?: string;
  signal?: AbortSignal;
  /** Run-time placeholders: {bookmark} captured during backup, or read from a manifest. */
  runtime: PlaceholderValues;
  /** Migration files already applied (from the `list` step). */
  applied?: Set<string>;
  cwd?: string;
  /** pg_dump `--snapshot` for commands that take one: the snapshot the table checksums read. */
  snapshot?: string;
  /** Where a command's `stdoutTo` file is written; a plain file unless the backup step tees it. */
  openOutput?: (path: string) => Writable;
}

function childEnv(command: PlannedCommand, ctx: StepContext): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...ctx.env };
  if (command.connection) {
    const url = ctx.databaseUrlEnv ? ctx.env[ctx.databaseUrlEnv] : undefined;
    if (url) {
      if (command.connection === 'libpq') Object.assign(env, libpqEnv(url, ctx.databaseUrlEnv!));
      else env.DATABASE_URL = url;
    }
  }
  for (const [child, source] of Object.entries(command.env)) {
    const value = ctx.env[source];
    ctx.secrets.register(value);
    if (value !== undefined) env[child] = value;
  }
  return env;
}

/** Find an error marker in output; markers are multi-line regexes (`^` matches each line). */
export function findErrorMarker(output: string, markers: readonly string[]): string | undefined {
  for (const m of markers) {
    const match = new RegExp(m, 'm').exec(output);
    if (match) {
      const start = output.lastIndexOf('\n', match.index) + 1;
      const end = output.indexOf('\n', match.index);
      return output.slice(start, end === -1 ? undefined : end).trim();
    }
  }
  return undefined;
}

const tailOf = (text: string, lines = 15) => text.trimEnd().split('\n').slice(-lines).join('\n');

export async function runStep(step: PlannedStep, ctx: StepContext): Promise<StepOutcome> {
  const started = Date.now();
  const records: CommandRecord[] = [];
  const fail = (error: string, tail?: string, aborted?: boolean): StepOutcome => ({
    name: step.name,
    ok: false,
    durationMs: Date.now() - started,
    commands: records,
    error: ctx.secrets.mask(error),
    tail: tail === undefined ? undefined : ctx.secrets.mask(tail),
    aborted,
  });
  const deadline = started + step.timeoutMs;
  let stdout = '';
  for (const command of step.commands) {
    const argv = bindRuntime(command.argv, ctx.runtime, `step ${step.name}`);
    if (command.takesSnapshot && ctx.snapshot) argv.push(`--snapshot=${ctx.snapshot}`);
    const shown = ctx.secrets.mask(commandLine({ ...command, argv }));
    if (command.migrationName && ctx.applied?.has(command.migrationName)) {
      records.push({ argv: shown, exitCode: null, durationMs: 0, skipped: 'already applied' });
      continue;
    }
    if (ctx.signal?.aborted)
      return fail(`${step.name} cancelled before: ${shown}`, undefined, true);
    const remaining = deadline - Date.now();
    if (remaining <= 0)
      return fail(`${step.name} timed out after ${step.timeoutMs} ms before: ${shown}`);
    ctx.logger.info(`$ ${shown}`);
    const env = childEnv(command, ctx);
    const piped = command.stdin
      ? pipeStdin(ctx.run, command.stdin, {
          env,
          cwd: ctx.cwd,
          timeoutMs: remaining,
          signal: ctx.signal,
        })
      : undefined;
    const result = await ctx.run(argv, {
      env,
      cwd: ctx.cwd,
      timeoutMs: remaining,
      signal: ctx.signal,
      onLine: (line) => ctx.logger.info(ctx.secrets.mask(line)),
      // Every table's checksum line is read back from stdout (orchestrate.ts): none cut off.
      ...(command.printsChecksums ? { limit: 64 * 1024 * 1024 } : {}),
      stdin: piped?.stream,
      stdout: command.stdoutTo
        ? (ctx.openOutput ?? ((path) => createWriteStream(path)))(command.stdoutTo)
        : undefined,
    });
    piped?.stop();
    const producer = await piped?.produced;
    stdout += result.stdout;
    const record: CommandRecord = {
      argv: shown,
      exitCode: result.exitCode,
      durationMs: result.durationMs,
    };
    records.push(record);
    if (result.aborted) {
      record.failure = 'cancelled';
      return fail(`${step.name} cancelled while running: ${shown}`, tailOf(result.output), true);
    }
    if (result.timedOut) {
      record.failure = 'timed out';
      return fail(
        `${step.name} timed out after ${step.timeoutMs} ms: ${shown}`,
        tailOf(result.output),
      );
    }
    if (result.spawnError) {
      record.failure = result.spawnError;
      return fail(
        `${step.name}: could not start ${argv[0]} (${result.spawnError}); is it installed and on PATH?`,
      );
    }
    if (producer && ((producer.exitCode !== 0 && !producer.aborted) || producer.refused)) {
      // The script ended without its `after` lines (no COMMIT): nothing of it was kept. The
      // producer is the cause even when the consumer failed too (on the cut script).
      const from = producer.refused
        ? `exited 0 but ${producer.refused}`
        : (producer.spawnError ?? `exit ${producer.exitCode ?? producer.signal}`);
      record.failure = `${command.stdin!.from[0]} ${from}`;
      return fail(
        `${step.name} failed (${command.stdin!.from[0]} ${from}; the script was not committed): ${shown}`,
        tailOf(`${producer.output}\n${result.output}`),
      );
    }
    if (result.exitCode !== 0) {
      record.failure = `exit ${result.exitCode ?? result.signal}`;
      return fail(
        `${step.name} failed (exit ${result.exitCode ?? result.signal}): ${shown}`,
        tailOf(result.output),
      );
    }
    // Exit 0 is not proof: wrangler d1 has printed an error and exited 0.
    const marker = findErrorMarker(result.output, command.errorMarkers);
    if (marker) {
      record.failure = 'error marker';
      return fail(
        `${step.name} exited 0 but printed an error ("${marker.slice(0, 200)}"): ${shown}`,
        tailOf(result.output),
      );
    }
    if (command.capture) {
      const m = new RegExp(command.capture.pattern, 'm').exec(result.stdout);
      if (!m?.[1])
        return fail(
          `${step.name}: expected ${command.capture.name} in the output of ${shown}`,
          tailOf(result.output),
        );
      ctx.runtime[command.capture.name] = m[1];
    }
  }
  return { name: step.name, ok: true, durationMs: Date.now() - started, commands: records, stdout };
}
