import { nodeChildProcess } from '@promote/core/builtins';
import { finished } from 'node:stream/promises';
import type { Readable, Writable } from 'node:stream';

export interface CommandResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Combined stdout+stderr, last `limit` characters (a migration can print a lot). */
  output: string;
  stdout: string;
  timedOut: boolean;
  aborted: boolean;
  /** The executable was not found or could not start. */
  spawnError?: string;
  durationMs: number;
}

export interface RunCommandOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
  limit?: number;
  /** The child's stdin; when the child exits first, the rest is read and dropped (no stall). */
  stdin?: Readable;
  /**
   * Where the child's stdout goes, as bytes (not collected, not in `output`); the result waits
   * until it has finished. A write error stops the child and fails the command.
   */
  stdout?: Writable;
}

/** The command port: argv only (no shell), so untrusted text stays data. */
export type RunCommand = (argv: string[], options: RunCommandOptions) => Promise<CommandResult>;

/**
 * Spawn argv[0] with the rest as arguments. A timeout or an abort sends SIGTERM, then SIGKILL
 * 2 s later, so a hung pg_dump cannot hold the job past its budget.
 */
export const runCommand: RunCommand = (argv, options) =>
  new Promise((resolve) => {
    const started = Date.now();
    const limit = options.limit ?? 1_000_000;
    let output = '';
    let stdout = '';
    let timedOut = false;
    let aborted = false;
    let pending = '';
    const append = (chunk: string, isStdout: boolean) => {
      output = (output + chunk).slice(-limit);
      if (isStdout) stdout = (stdout + chunk).slice(-limit);
      if (options.onLine) {
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const l of lines) options.onLine(l);
      }
    };
    const [file, ...args] = argv;
    if (!file) {
      resolve({
        exitCode: 127,
        signal: null,
        output: 'empty argv',
        stdout: '',
        timedOut,
        aborted,
        spawnError: 'empty argv',
        durationMs: 0,
      });
      return;
    }
    const child = nodeChildProcess().spawn(file, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const input = options.stdin;
    if (input && child.stdin) {
      child.stdin.on('error', () => {}); // EPIPE when the child stops reading: its exit code says why
      input.pipe(child.stdin);
      const drop = () => {
        input.unpipe(child.stdin!);
        input.resume();
      };
      child.on('exit', drop);
      child.on('error', drop);
    }
    let sinkError: string | undefined;
    const sinkDone = options.stdout
      ? finished(options.stdout).catch((error: Error) => {
          sinkError = error.message;
        })
      : undefined;
    if (options.stdout) {
      child.stdout!.pipe(options.stdout);
      options.stdout.on('error', () => stop());
    } else child.stdout!.setEncoding('utf8').on('data', (c: string) => append(c, true));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => append(c, false));
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 2000);
      killTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      stop();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    let spawnError: string | undefined;
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
      if (pending && options.onLine) options.onLine(pending);
      void (sinkDone ?? Promise.resolve()).then(() => settle(code, signal));
    });
    const settle = (code: number | null, signal: NodeJS.Signals | null) => {
      if (sinkError) output += `\nwriting the output of ${file} failed: ${sinkError}`;
      resolve({
        exitCode: spawnError ? 127 : sinkError && code === 0 ? 1 : code,
        signal,
        output: spawnError ? `${output}${spawnError}` : output,
        stdout,
        timedOut,
        aborted,
        spawnError,
        durationMs: Date.now() - started,
      });
    };
  });
