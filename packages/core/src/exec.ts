import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { basename } from 'node:path';
import type { Logger } from './logger.js';
import { createSecretMasker, type SecretMasker } from './secrets.js';
import { nodeChildProcess } from './builtins.js';

export interface ExecOptions {
  cwd?: string;
  /** Added to (and overriding) the base environment. Pass secrets here, never in argv. */
  env?: Record<string, string | undefined>;
  /** Kill the whole process tree after this long (SIGTERM, then SIGKILL after a grace period). */
  timeoutMs?: number;
  /** Written to stdin; stdin is closed either way, so a command that reads it cannot hang. */
  input?: string | Buffer;
  /** Return a non-zero exit (or a timeout) instead of throwing. */
  allowFailure?: boolean;
  /** Registered (with derived forms) before the command starts, so its output is masked. */
  secrets?: (string | undefined)[];
  /** Do not echo the command and its output to the log (it is still captured). */
  silent?: boolean;
  /**
   * Receives stdout as it arrives (UTF-8, split anywhere) instead of capturing it: output of any
   * size read in one pass (a 100,000-commit `git log`), never cut to the captured tail.
   * `stdout` of the result is then empty.
   */
  onStdout?: (chunk: string) => void;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  /** The signal that ended the command (SIGTERM after a timeout, SIGINT forwarded on cancel). */
  signal?: NodeJS.Signals;
}

export type Exec = (argv: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** A command that failed (non-zero exit or timeout). The message is masked and ends with stderr's tail. */
export class ExecError extends Error {
  override readonly name = 'ExecError';
  constructor(
    message: string,
    readonly command: string,
    readonly result: ExecResult,
  ) {
    super(message);
  }
  get exitCode(): number {
    return this.result.exitCode;
  }
  get timedOut(): boolean {
    return this.result.timedOut;
  }
}

export interface CreateExecOptions {
  logger: Logger;
  /** The base environment of every command (default: this process's). */
  env?: Record<string, string | undefined>;
  /** Between SIGTERM and SIGKILL on timeout. */
  killGraceMs?: number;
  /**
   * How long to wait for stdout/stderr to close after the process exited: a background child that
   * inherited them would otherwise keep us waiting forever.
   */
  stdioCloseMs?: number;
  /** Shared with other modules so error messages they build are masked the same way. */
  masker?: SecretMasker;
}

const STDERR_TAIL_LINES = 20;

/**
 * Commands run in their own process group (so a timeout can kill the whole tree), which also
 * keeps them out of the signals aimed at us. When the runner cancels a job it sends SIGINT, then
 * SIGTERM 7.5 s later: forward both to every running command, so a migration or dump is told to
 * stop instead of running on as an orphan after we exit. While a command runs, our own process
 * therefore does not die at once on SIGINT/SIGTERM: the command's failure reaches the action,
 * which can clean up (restore, release a lock) and exit.
 */
const runningGroups = new Set<number>();
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
// Signals that arrived while a command was being spawned (its group not known yet): delivered
// to it as soon as it is. Under load the gap between spawn and tracking is long enough to matter.
let spawning = 0;
const missed: NodeJS.Signals[] = [];
const forward = (signal: NodeJS.Signals) => {
  if (spawning > 0) missed.push(signal);
  for (const pid of runningGroups) {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  }
};
const forwarders = new Map<NodeJS.Signals, () => void>();
/** Called before spawning: our handlers are in place before the command can start. */
function beginSpawn(): void {
  spawning++;
  if (forwarders.size === 0) {
    for (const signal of FORWARDED) {
      const handler = () => forward(signal);
      forwarders.set(signal, handler);
      process.on(signal, handler);
    }
  }
}
/** Called after spawning, with the new group's pid (undefined when the spawn failed). */
function endSpawn(pid: number | undefined): void {
  spawning--;
  if (pid !== undefined) {
    runningGroups.add(pid);
    for (const signal of missed) {
      try {
        process.kill(-pid, signal);
      } catch {
        // Already gone.
      }
    }
  }
  if (spawning === 0) missed.length = 0;
  releaseForwarders();
}
function untrackGroup(pid: number): void {
  runningGroups.delete(pid);
  releaseForwarders();
}
function releaseForwarders(): void {
  if (runningGroups.size === 0 && spawning === 0) {
    for (const [signal, handler] of forwarders) process.off(signal, handler);
    forwarders.clear();
  }
}
// Keep memory bounded for chatty commands (a 200 MB dump piped to stdout): keep the tail.
const MAX_CAPTURE = 16 * 1024 * 1024;

/**
 * Run commands as argv arrays (never a shell string: untrusted text stays data), with a timeout
 * that kills the process tree, captured output, and secrets masked before anything prints.
 *
 * Built on child_process rather than @actions/exec: @actions/exec gives no handle on the child,
 * so a timeout could not kill it (nor its children), and it echoes the command line to stdout
 * itself, outside our masking logger.
 */
export function createExec(options: CreateExecOptions): Exec & { masker: SecretMasker } {
  const { logger } = options;
  const baseEnv = options.env ?? process.env;
  const masker = options.masker ?? createSecretMasker(logger);
  const limits = {
    killGraceMs: options.killGraceMs ?? 5000,
    stdioCloseMs: options.stdioCloseMs ?? 2000,
  };

  const exec = async (
    given: readonly string[] | string,
    opts: ExecOptions = {},
  ): Promise<ExecResult> => {
    const argv = argvOf(given, masker);
    for (const secret of opts.secrets ?? []) masker.register(secret);
    const name = basename(argv[0]);
    const shown = masker.mask(argv.map(quoteForDisplay).join(' '));
    if (!opts.silent) logger.info(`[command]${shown}`);

    const output = opts.silent ? undefined : { logger, masker };
    const result = await runChild(argv, opts, mergeEnv(baseEnv, opts.env), output, limits);

    if (!opts.silent)
      logger.debug(`${name} exited with code ${result.exitCode} after ${result.durationMs} ms`);
    if ((result.exitCode !== 0 || result.timedOut) && !opts.allowFailure) {
      throw new ExecError(
        describeExecFailure(name, result, opts.timeoutMs, masker),
        masker.mask(shown),
        result,
      );
    }
    return result;
  };
  return Object.assign(exec as Exec, { masker });
}

/** The argv to run: a lone program name is fine, a string with spaces (a shell line) is refused. */
function argvOf(given: readonly string[] | string, masker: SecretMasker): [string, ...string[]] {
  if (typeof given === 'string') {
    if (/\s/.test(given)) {
      throw new TypeError(
        `exec: pass the command as an argv array, e.g. ${JSON.stringify(given.trim().split(/\s+/).slice(0, 3))}, not the string ${JSON.stringify(masker.mask(given))}: a string would need a shell, and untrusted text in a shell string becomes code.`,
      );
    }
    given = [given];
  }
  if (given.length === 0 || !given[0])
    throw new TypeError(
      'exec: the argv array is empty; give the command first, e.g. ["git", "status"].',
    );
  return given as [string, ...string[]];
}

function mergeEnv(
  base: Record<string, string | undefined>,
  extra: Record<string, string | undefined> | undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...base, ...extra })) if (v !== undefined) env[k] = v;
  return env;
}

const GROUPED = process.platform !== 'win32';

/** Spawn in a process group of its own, tracked so cancel signals reach it (see runningGroups). */
function spawnGrouped(
  file: string,
  args: string[],
  cwd: string | undefined,
  env: Record<string, string>,
): ChildProcessWithoutNullStreams {
  if (GROUPED) beginSpawn();
  let child: ChildProcessWithoutNullStreams;
  try {
    child = nodeChildProcess().spawn(file, args, {
      cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Own process group, so a timeout kills the tree (a shell's children too), not just the shell.
      detached: GROUPED,
    });
  } catch (error) {
    // spawn() throws only for bad arguments; a missing binary arrives as an 'error' event.
    if (GROUPED) endSpawn(undefined);
    throw error;
  }
  if (GROUPED) endSpawn(child.pid);
  return child;
}

function killTree(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (GROUPED) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

/**
 * The child's stdout and stderr: captured (the tail, at most MAX_CAPTURE each) and, unless the
 * command is silent, logged masked, whole lines only, so a secret split across two chunks is
 * still masked.
 */
function captureOutput(
  child: ChildProcessWithoutNullStreams,
  log: { logger: Logger; masker: SecretMasker } | undefined,
  onStdout: ((chunk: string) => void) | undefined,
) {
  const captured = { out: '', err: '' };
  const pending = { out: '', err: '' };
  const cap = (s: string) => (s.length > MAX_CAPTURE ? s.slice(s.length - MAX_CAPTURE) : s);
  const listen = (stream: NodeJS.ReadableStream, which: 'out' | 'err') => {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      if (which === 'out' && onStdout) return onStdout(chunk);
      captured[which] = cap(captured[which] + chunk);
      if (!log) return;
      const parts = (pending[which] + chunk).split('\n');
      pending[which] = parts.pop() ?? '';
      for (const line of parts) log.logger.info(log.masker.mask(line));
    });
  };
  listen(child.stdout, 'out');
  listen(child.stderr, 'err');
  return {
    captured,
    /** Log what is left of an unterminated last line. */
    flush() {
      for (const which of ['out', 'err'] as const) {
        if (log && pending[which] !== '') log.logger.info(log.masker.mask(pending[which]));
        pending[which] = '';
      }
    },
  };
}

const exitCodeOf = (code: number | null, signal: NodeJS.Signals | null): number =>
  code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0);

/** Run one command to its end: exit, timeout (tree killed) or spawn failure, never a rejection. */
function runChild(
  [file, ...args]: [string, ...string[]],
  opts: ExecOptions,
  env: Record<string, string>,
  log: { logger: Logger; masker: SecretMasker } | undefined,
  limits: { killGraceMs: number; stdioCloseMs: number },
): Promise<ExecResult> {
  const started = performance.now();
  const child = spawnGrouped(file, args, opts.cwd, env);
  const output = captureOutput(child, log, opts.onStdout);
  const timers: NodeJS.Timeout[] = [];
  let timedOut = false;
  let endedBy: NodeJS.Signals | undefined;
  let exitCode: number | undefined;

  return new Promise<ExecResult>((resolve) => {
    let settled = false;
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      if (child.pid !== undefined && GROUPED) untrackGroup(child.pid);
      for (const t of timers) clearTimeout(t);
      output.flush();
      resolve({
        exitCode: code,
        stdout: output.captured.out,
        stderr: output.captured.err,
        durationMs: Math.round(performance.now() - started),
        timedOut,
        ...(endedBy ? { signal: endedBy } : {}),
      });
    };

    if (opts.timeoutMs !== undefined && opts.timeoutMs > 0) {
      armTimeout(child, opts.timeoutMs, limits.killGraceMs, timers, () => {
        timedOut = true;
      });
    }

    child.on('error', (error: NodeJS.ErrnoException) => {
      // Spawn failures (ENOENT, EACCES) look like a shell's "command not found" (127).
      const name = basename(file);
      output.captured.err +=
        error.code === 'ENOENT' ? `${name}: command not found` : `${name}: ${error.message}`;
      finish(error.code === 'ENOENT' ? 127 : 126);
    });
    child.on('exit', (code, signal) => {
      exitCode = exitCodeOf(code, signal);
      if (signal) endedBy = signal;
      closeStdioAfter(child, limits.stdioCloseMs, timers, () => finish(exitCode!));
      if (timedOut) killTree(child, 'SIGKILL');
    });
    child.on('close', (code, signal) => finish(exitCode ?? exitCodeOf(code, signal)));
    writeInput(child, opts.input);
  });
}

/** After `timeoutMs`, SIGTERM to the process tree, then SIGKILL `killGraceMs` later. */
function armTimeout(
  child: ChildProcessWithoutNullStreams,
  timeoutMs: number,
  killGraceMs: number,
  timers: NodeJS.Timeout[],
  onTimeout: () => void,
): void {
  const t = setTimeout(() => {
    onTimeout();
    killTree(child, 'SIGTERM');
    const k = setTimeout(() => killTree(child, 'SIGKILL'), killGraceMs);
    k.unref();
    timers.push(k);
  }, timeoutMs);
  timers.push(t);
}

/** After the exit, stop waiting for stdout/stderr: a background grandchild may hold them open. */
function closeStdioAfter(
  child: ChildProcessWithoutNullStreams,
  ms: number,
  timers: NodeJS.Timeout[],
  done: () => void,
): void {
  const t = setTimeout(() => {
    child.stdout.destroy();
    child.stderr.destroy();
    done();
  }, ms);
  t.unref();
  timers.push(t);
}

/** stdin gets the input, if any, and is closed either way, so a command that reads it cannot hang. */
function writeInput(
  child: ChildProcessWithoutNullStreams,
  input: string | Buffer | undefined,
): void {
  child.stdin.on('error', () => {
    // The command exited without reading its input (EPIPE): its exit code tells the story.
  });
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
}

/** "<name> exited with code N" (or timed out), then the last lines of stderr, masked. */
function describeExecFailure(
  name: string,
  result: ExecResult,
  timeoutMs: number | undefined,
  masker: SecretMasker,
): string {
  const head = result.timedOut
    ? `${name} timed out after ${timeoutMs} ms and was killed`
    : result.signal
      ? `${name} was stopped by ${result.signal} (exit code ${result.exitCode})`
      : `${name} exited with code ${result.exitCode}`;
  const source = result.stderr.trim() !== '' ? result.stderr : result.stdout;
  const lines = source.replace(/\s+$/, '').split('\n');
  const tail = lines.slice(-STDERR_TAIL_LINES);
  if (source.trim() === '') return `${head} (no output)`;
  const which = result.stderr.trim() !== '' ? 'stderr' : 'stdout';
  const label =
    lines.length > STDERR_TAIL_LINES ? `last ${STDERR_TAIL_LINES} lines of ${which}` : which;
  return masker.mask(`${head}; ${label}:\n${tail.join('\n')}`);
}

/** How a command is shown in the log: copy-pasteable, but never run through a shell by us. */
function quoteForDisplay(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
