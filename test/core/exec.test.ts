import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExec, ExecError } from '../../packages/core/src/exec.js';
import { memoryLogger } from '../../packages/core/src/logger.js';
import { waitForExit } from '../support/processes.js';
import { rawLogger } from '../support/raw-logger.js';
import { waitUntil } from '../support/wait.js';

const secret = 'db-Pa55word/with+chars';

describe('exec runs argv arrays with masking and timeouts', () => {
  test('captures stdout, stderr and the exit code', async () => {
    const logger = memoryLogger();
    const exec = createExec({ logger });
    const r = await exec(['sh', '-c', 'echo out; echo err >&2; exit 3'], { allowFailure: true });
    expect(r).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
    expect(logger.lines).toContain("[command]sh -c 'echo out; echo err >&2; exit 3'");
    expect(logger.lines).toContain('out');
  });

  test('untrusted text in argv is passed literally, never run by a shell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exec-'));
    const exec = createExec({ logger: memoryLogger() });
    const hostile = `$(touch ${dir}/pwned); \`touch ${dir}/pwned2\` && echo hi | cat`;
    const r = await exec(['printf', '%s', hostile], { cwd: dir });
    expect(r.stdout).toBe(hostile);
    const ls = await exec(['ls', '-A', dir]);
    expect(ls.stdout).toBe('');
  });

  test('a single string with spaces is refused with a hint to pass an array', async () => {
    const exec = createExec({ logger: memoryLogger() });
    await expect(exec('git push origin main' as unknown as string[])).rejects.toThrow(
      /pass the command as an argv array, e\.g\. \["git","push","origin"\]/,
    );
    await expect(exec([])).rejects.toThrow('argv array is empty');
  });

  test('a secret and its base64 / URL-encoded forms never reach the log or the error', async () => {
    // Checked as written, not as the runner would mask it: exec masks before anything prints.
    const logger = rawLogger();
    const exec = createExec({ logger });
    const b64 = Buffer.from(secret).toString('base64');
    const url = encodeURIComponent(secret);
    const script = 'echo "plain $S"; echo "b64 $B"; echo "url $U" >&2; exit 1';
    const err = await exec(['sh', '-c', script], {
      env: { S: secret, B: b64, U: url },
      secrets: [secret],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(logger.secrets).toEqual(expect.arrayContaining([secret, b64, url]));
    const everything = [logger.printed, (err as Error).message].join('\n');
    for (const form of [secret, b64, url]) expect(everything).not.toContain(form);
    expect(logger.raw).toEqual(expect.arrayContaining(['plain ***', 'b64 ***', 'url ***']));
    expect((err as Error).message).toBe('sh exited with code 1; stderr:\nurl ***');
  });

  test('a non-zero exit throws with the command, exit code and the last 20 lines of stderr', async () => {
    const exec = createExec({ logger: memoryLogger() });
    const err = (await exec(
      ['sh', '-c', 'for i in $(seq 1 30); do echo line$i >&2; done; exit 7'],
      { silent: true },
    ).catch((e: unknown) => e)) as ExecError;
    expect(err).toBeInstanceOf(ExecError);
    expect(err.exitCode).toBe(7);
    expect(err.command).toContain('sh -c');
    const lines = err.message.split('\n');
    expect(lines[0]).toBe('sh exited with code 7; last 20 lines of stderr:');
    expect(lines.slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => `line${i + 11}`));
  });

  test('a missing command is exit code 127 with a readable error', async () => {
    const exec = createExec({ logger: memoryLogger() });
    await expect(exec(['definitely-not-a-command-xyz'])).rejects.toThrow(
      'definitely-not-a-command-xyz exited with code 127; stderr:\ndefinitely-not-a-command-xyz: command not found',
    );
  });

  test('a timeout kills the command: sleep 30 does not run to the end', async () => {
    const exec = createExec({ logger: memoryLogger(), killGraceMs: 500 });
    const r = await exec(['sleep', '30'], { timeoutMs: 200, allowFailure: true });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBe(128 + 15);
    await expect(exec(['sleep', '30'], { timeoutMs: 200 })).rejects.toThrow(
      'sleep timed out after 200 ms and was killed',
    );
  });

  test('a timeout kills the whole tree, even children that ignore SIGTERM', async () => {
    const exec = createExec({ logger: memoryLogger(), killGraceMs: 300, stdioCloseMs: 300 });
    // The timeout leaves the shell time to print the grandchild's pid on a loaded machine.
    const r = await exec(['sh', '-c', 'trap "" TERM; sleep 30 & echo $!; wait'], {
      timeoutMs: 5_000,
      allowFailure: true,
    });
    expect(r.timedOut).toBe(true);
    const child = Number(r.stdout.trim());
    expect(child).toBeGreaterThan(0);
    // The grandchild (sleep) is gone.
    await waitForExit([child], 'the grandchild that ignores SIGTERM to be killed');
  });

  test('input goes to stdin; without input stdin is closed so cat returns', async () => {
    const exec = createExec({ logger: memoryLogger() });
    expect((await exec(['cat'], { input: 'hello' })).stdout).toBe('hello');
    expect((await exec(['cat'])).stdout).toBe('');
  });

  test('env: the base environment plus per-command values; cwd is honoured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exec-'));
    writeFileSync(join(dir, 'marker'), 'x');
    const exec = createExec({ logger: memoryLogger(), env: { PATH: process.env.PATH, BASE: 'b' } });
    const r = await exec(['sh', '-c', 'echo "$BASE $EXTRA"; ls'], {
      env: { EXTRA: 'e' },
      cwd: dir,
    });
    expect(r.stdout).toBe('b e\nmarker\n');
  });

  test('onStdout streams output larger than the 16 MiB capture, whole and in order', async () => {
    const exec = createExec({ logger: memoryLogger() });
    let bytes = 0;
    let tail = '';
    // 20 MiB of "x" then "end": a captured run would keep only the last 16 MiB.
    const r = await exec(['sh', '-c', 'head -c 20971520 /dev/zero | tr "\\0" x; printf end'], {
      silent: true,
      onStdout: (chunk) => {
        bytes += chunk.length;
        tail = (tail + chunk).slice(-3);
      },
    });
    expect(bytes).toBe(20 * 1024 * 1024 + 3);
    expect(tail).toBe('end');
    expect(r.stdout).toBe('');
  });

  test('silent captures but does not log', async () => {
    const logger = memoryLogger();
    const exec = createExec({ logger });
    const r = await exec(['echo', 'quiet'], { silent: true });
    expect(r.stdout).toBe('quiet\n');
    expect(logger.lines).toEqual([]);
  });
});

describe('cancellation: the runner signals us, the running command hears it too', () => {
  const execModule = join(import.meta.dirname, '..', '..', 'packages', 'core', 'src', 'exec.ts');
  const loggerModule = join(
    import.meta.dirname,
    '..',
    '..',
    'packages',
    'core',
    'src',
    'logger.ts',
  );

  /** Run a small program that uses exec, send it `signal` once the command started, return its stdout. */
  async function cancelWhileRunning(
    script: string,
    signal: NodeJS.Signals,
  ): Promise<{ out: string; dir: string; code: number | null }> {
    const dir = mkdtempSync(join(tmpdir(), 'exec-cancel-'));
    const program = join(dir, 'program.mts');
    writeFileSync(
      program,
      `import { createExec } from ${JSON.stringify(execModule)};
import { memoryLogger } from ${JSON.stringify(loggerModule)};
const exec = createExec({ logger: memoryLogger(), stdioCloseMs: 500 });
try {
  await exec(['sh', '-c', ${JSON.stringify(script)}], { cwd: ${JSON.stringify(dir)} });
  console.log('DONE');
} catch (e) {
  console.log('CLEANUP AFTER: ' + (e as Error).message.split('\\n')[0]);
}
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', program], {
      cwd: join(import.meta.dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitUntil(() => existsSync(join(dir, 'started')), 'the command to start');
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) =>
      child.on('close', (c) => resolve(c)),
    );
    return { out, dir, code };
  }

  test('SIGINT reaches the command, which can stop cleanly; our process lives on to clean up', async () => {
    const { out, dir, code } = await cancelWhileRunning(
      `trap 'echo interrupted > interrupted; kill $! 2>/dev/null; exit 130' INT; sleep 30 > /dev/null & echo > started; wait`,
      'SIGINT',
    );
    expect(readFileSync(join(dir, 'interrupted'), 'utf8')).toBe('interrupted\n');
    expect(out).toBe('CLEANUP AFTER: sh exited with code 130 (no output)\n');
    expect(code).toBe(0);
  });

  test('SIGTERM stops a command that does not handle it, and the failure says so', async () => {
    const { out, code } = await cancelWhileRunning('echo > started; exec sleep 30', 'SIGTERM');
    expect(out).toBe('CLEANUP AFTER: sh was stopped by SIGTERM (exit code 143) (no output)\n');
    expect(code).toBe(0);
  });
});
