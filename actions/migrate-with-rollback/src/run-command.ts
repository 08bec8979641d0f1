import { spawn } from 'node:child_process';

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
    const child = spawn(file, args, {
      env: options.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (c: string) => append(c, true));
    child.stderr.setEncoding('utf8').on('data', (c: string) => append(c, false));
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
      resolve({
        exitCode: spawnError ? 127 : code,
        signal,
        output: spawnError ? `${output}${spawnError}` : output,
        stdout,
        timedOut,
        aborted,
        spawnError,
        durationMs: Date.now() - started,
      });
    });
  });
