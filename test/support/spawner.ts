// Starting programs from a small process instead of the test process.
//
// Node starts a child by fork + exec, and fork copies the parent's page tables: measured on the
// 2-core CI machine kind, one `git --version` costs ~1 ms of system time from a bare node, ~8 ms
// from a 200 MB process and ~22 ms from a 500 MB one (a Jest worker holding ts-jest and a test
// world), during which the test process's event loop, and the emulator serving the action in it,
// stand still. The emulator starts thousands of git processes per test file, so every program the
// test world starts goes through one small helper process (spawner-server.mjs) that does the
// fork, and relays output, exit and signals over an IPC channel. The helper ends when it has been
// idle a moment (each test file loads its own copy of this module) or when the test process ends.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), 'spawner-server.mjs');
/** How long an idle helper stays up for the next request before it is let go. */
const IDLE_MS = 2_000;

export interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Its own process group (kill the group with process.kill(-pid, sig)). */
  detached?: boolean;
  /** Written to stdin, which is then closed; without it stdin is /dev/null. */
  input?: string | Buffer;
}

type Message =
  | { id: number; type: 'spawn'; pid: number }
  | { id: number; type: 'stdout' | 'stderr'; data: Uint8Array }
  | { id: number; type: 'error'; message: string; code?: string }
  | { id: number; type: 'close'; code: number | null; signal: NodeJS.Signals | null };

/** The part of ChildProcess the test world uses: output as 'data' events, 'close', kill by signal. */
export class SpawnedProcess extends EventEmitter {
  pid: number | undefined;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();
  private pendingSignal: NodeJS.Signals | undefined;

  constructor(private readonly sendKill: (signal: NodeJS.Signals) => void) {
    super();
  }

  /** Signals the process (once it has started; a signal sent before that is delivered then). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (this.pid === undefined) this.pendingSignal = signal;
    else this.sendKill(signal);
    return true;
  }

  /** @internal */
  receive(m: Message): void {
    switch (m.type) {
      case 'spawn':
        this.pid = m.pid;
        this.emit('spawn');
        if (this.pendingSignal) this.sendKill(this.pendingSignal);
        return;
      case 'stdout':
      case 'stderr':
        if (m.data.byteLength > 0)
          this[m.type].emit(
            'data',
            Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength),
          );
        return;
      case 'error':
        this.emit('error', Object.assign(new Error(m.message), { code: m.code }));
        return;
      case 'close':
        this.exitCode = m.code;
        this.signalCode = m.signal;
        this.emit('close', m.code, m.signal);
    }
  }
}

/** One helper process and the programs it runs for us. */
class Connection {
  readonly process: ChildProcess;
  readonly running = new Map<number, SpawnedProcess>();
  private idle: NodeJS.Timeout | undefined;

  constructor(onExit: (c: Connection) => void) {
    this.process = fork(SERVER, [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.process.on('message', (m: Message) => {
      const child = this.running.get(m.id);
      if (!child) return;
      if (m.type === 'close') this.running.delete(m.id);
      child.receive(m);
      if (this.running.size === 0) this.release();
    });
    this.process.on('exit', () => {
      onExit(this);
      for (const [id, child] of this.running) {
        this.running.delete(id);
        child.receive({ id, type: 'error', message: 'the spawner process ended' });
        child.receive({ id, type: 'close', code: null, signal: null });
      }
    });
    this.process.unref();
  }

  get usable(): boolean {
    return this.process.connected;
  }

  /** Busy: the channel keeps this process alive until the last program has ended. */
  hold(): void {
    clearTimeout(this.idle);
    this.process.channel?.ref();
  }

  /** Idle: the channel no longer keeps this process alive, and the helper goes after IDLE_MS. */
  private release(): void {
    this.process.channel?.unref();
    this.idle = setTimeout(() => {
      if (this.running.size === 0 && this.process.connected) this.process.disconnect();
    }, IDLE_MS);
    this.idle.unref();
  }
}

class Spawner {
  private connection: Connection | undefined;
  private nextId = 0;

  spawn(cmd: string, args: string[], opts: SpawnOptions, collect: boolean): SpawnedProcess {
    if (!this.connection?.usable) {
      this.connection = new Connection((gone) => {
        if (this.connection === gone) this.connection = undefined;
      });
    }
    const connection = this.connection;
    connection.hold();
    const id = ++this.nextId;
    const server = connection.process;
    const child = new SpawnedProcess((signal) => {
      if (server.connected) server.send({ type: 'kill', id, signal });
    });
    connection.running.set(id, child);
    server.send({
      type: 'spawn',
      id,
      cmd,
      args,
      cwd: opts.cwd,
      // Without one, the test process's environment now (not the helper's, taken when it started).
      env: opts.env ?? { ...process.env },
      detached: opts.detached ?? false,
      input: typeof opts.input === 'string' ? Buffer.from(opts.input) : opts.input,
      collect,
    });
    return child;
  }
}

const spawner = new Spawner();

/** Starts `cmd args` (argv, no shell) through the helper; output arrives as it is written. */
export function spawnProcess(cmd: string, args: string[], opts: SpawnOptions = {}): SpawnedProcess {
  return spawner.spawn(cmd, args, opts, false);
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: Buffer;
}

/** Runs `cmd args` to its end and returns its exit and whole output (sent once, at the end). */
export function runProcess(
  cmd: string,
  args: string[],
  opts: SpawnOptions = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawner.spawn(cmd, args, opts, true);
    let stdout: Buffer = Buffer.alloc(0);
    let stderr: Buffer = Buffer.alloc(0);
    child.stdout.on('data', (d: Buffer) => (stdout = d));
    child.stderr.on('data', (d: Buffer) => (stderr = d));
    let failed: Error | undefined;
    child.on('error', (e: Error) => (failed = e));
    child.on('close', (code: number | null, signal: NodeJS.Signals | null) => {
      if (failed && code === null) reject(failed);
      else resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Like promisified execFile: stdout and stderr as text; rejects, naming the command, unless it exits 0. */
export async function execProcess(
  cmd: string,
  args: string[],
  opts: SpawnOptions = {},
): Promise<{ stdout: string; stderr: string }> {
  const { code, signal, stdout, stderr } = await runProcess(cmd, args, opts);
  const text = { stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') };
  if (code === 0) return text;
  throw Object.assign(
    new Error(`Command failed (${code ?? signal}): ${cmd} ${args.join(' ')}\n${text.stderr}`),
    { code, signal, ...text },
  );
}
