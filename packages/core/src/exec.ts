import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { basename } from 'node:path';
import type { Logger } from './logger.js';
import { createSecretMasker, type SecretMasker } from './secrets.js';

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
  const killGraceMs = options.killGraceMs ?? 5000;
  const stdioCloseMs = options.stdioCloseMs ?? 2000;
  const masker = options.masker ?? createSecretMasker(logger);

  const exec = async (
    argv: readonly string[] | string,
    opts: ExecOptions = {},
  ): Promise<ExecResult> => {
    if (typeof argv === 'string') {
      if (/\s/.test(argv)) {
        throw new TypeError(
          `exec: pass the command as an argv array, e.g. ${JSON.stringify(argv.trim().split(/\s+/).slice(0, 3))}, not the string ${JSON.stringify(masker.mask(argv))}: a string would need a shell, and untrusted text in a shell string becomes code.`,
        );
      }
      argv = [argv];
    }
    if (argv.length === 0 || !argv[0])
      throw new TypeError(
        'exec: the argv array is empty; give the command first, e.g. ["git", "status"].',
      );
    for (const secret of opts.secrets ?? []) masker.register(secret);

    const [file, ...args] = argv as [string, ...string[]];
    const name = basename(file);
    const shown = masker.mask(argv.map(quoteForDisplay).join(' '));
    if (!opts.silent) logger.info(`[command]${shown}`);

    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...baseEnv, ...opts.env }))
      if (v !== undefined) env[k] = v;

    const started = performance.now();
    const result = await new Promise<ExecResult>((resolve) => {
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let endedBy: NodeJS.Signals | undefined;
      let settled = false;
      const pending = { out: '', err: '' };
      const timers: NodeJS.Timeout[] = [];

      const grouped = process.platform !== 'win32';
      if (grouped) beginSpawn();
      let child: ChildProcessWithoutNullStreams;
      try {
        child = spawn(file, args, {
          cwd: opts.cwd,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
          // Own process group, so a timeout kills the tree (a shell's children too), not just the shell.
          detached: grouped,
        });
      } catch (error) {
        // spawn() throws only for bad arguments; a missing binary arrives as an 'error' event.
        if (grouped) endSpawn(undefined);
        throw error;
      }
      if (grouped) endSpawn(child.pid);

      const emit = (chunk: string, which: 'out' | 'err') => {
        if (opts.silent) return;
        // Whole lines only, so a secret split across two chunks is still masked.
        const parts = (pending[which] + chunk).split('\n');
        pending[which] = parts.pop() ?? '';
        for (const line of parts) logger.info(masker.mask(line));
      };
      const flush = (which: 'out' | 'err') => {
        if (!opts.silent && pending[which] !== '') logger.info(masker.mask(pending[which]));
        pending[which] = '';
      };
      const cap = (s: string) => (s.length > MAX_CAPTURE ? s.slice(s.length - MAX_CAPTURE) : s);
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        stdout = cap(stdout + d);
        emit(d, 'out');
      });
      child.stderr.on('data', (d: string) => {
        stderr = cap(stderr + d);
        emit(d, 'err');
      });

      const killTree = (signal: NodeJS.Signals) => {
        if (child.pid === undefined) return;
        try {
          if (process.platform === 'win32') child.kill(signal);
          else process.kill(-child.pid, signal);
        } catch {
          // Already gone.
        }
      };

      const finish = (exitCode: number) => {
        if (settled) return;
        settled = true;
        if (child.pid !== undefined && process.platform !== 'win32') untrackGroup(child.pid);
        for (const t of timers) clearTimeout(t);
        flush('out');
        flush('err');
        resolve({
          exitCode,
          stdout,
          stderr,
          durationMs: Math.round(performance.now() - started),
          timedOut,
          ...(endedBy ? { signal: endedBy } : {}),
        });
      };

      if (opts.timeoutMs !== undefined && opts.timeoutMs > 0) {
        const t = setTimeout(() => {
          timedOut = true;
          killTree('SIGTERM');
          const k = setTimeout(() => killTree('SIGKILL'), killGraceMs);
          k.unref();
          timers.push(k);
        }, opts.timeoutMs);
        timers.push(t);
      }

      child.on('error', (error: NodeJS.ErrnoException) => {
        // Spawn failures (ENOENT, EACCES) look like a shell's "command not found" (127).
        stderr +=
          error.code === 'ENOENT' ? `${name}: command not found` : `${name}: ${error.message}`;
        finish(error.code === 'ENOENT' ? 127 : 126);
      });
      let exitCode: number | undefined;
      child.on('exit', (code, signal) => {
        exitCode = code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0);
        if (signal) endedBy = signal;
        // A background grandchild may hold stdout open: do not wait for it forever.
        const t = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish(exitCode!);
        }, stdioCloseMs);
        t.unref();
        timers.push(t);
        if (timedOut) killTree('SIGKILL');
      });
      child.on('close', (code, signal) => {
        finish(exitCode ?? code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0));
      });

      child.stdin.on('error', () => {
        // The command exited without reading its input (EPIPE): its exit code tells the story.
      });
      if (opts.input !== undefined) child.stdin.end(opts.input);
      else child.stdin.end();
    });

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

/** "<name> exited with code N" (or timed out), then the last lines of stderr, masked. */
export function describeExecFailure(
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
