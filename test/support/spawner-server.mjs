// The other end of test/support/spawner.ts: a small Node process that starts programs for the
// test process and relays their output over the IPC channel. Plain JavaScript, nothing imported
// beyond node:child_process, so it stays a few tens of MB however large the test process grows.
import { spawn } from 'node:child_process';

const children = new Map();
const send = (message) => {
  if (process.connected) process.send(message);
};

function start({ id, cmd, args, cwd, env, detached, input, collect }) {
  let child;
  try {
    child = spawn(cmd, args, {
      cwd,
      env,
      detached,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    send({ id, type: 'error', message: error.message, code: error.code });
    send({ id, type: 'close', code: null, signal: null });
    return;
  }
  children.set(id, child);
  const out = [];
  const err = [];
  child.on('spawn', () => send({ id, type: 'spawn', pid: child.pid }));
  child.stdout.on('data', (data) =>
    collect ? out.push(data) : send({ id, type: 'stdout', data }),
  );
  child.stderr.on('data', (data) =>
    collect ? err.push(data) : send({ id, type: 'stderr', data }),
  );
  child.on('error', (error) =>
    send({ id, type: 'error', message: error.message, code: error.code }),
  );
  child.on('close', (code, signal) => {
    children.delete(id);
    if (collect) {
      send({ id, type: 'stdout', data: Buffer.concat(out) });
      send({ id, type: 'stderr', data: Buffer.concat(err) });
    }
    send({ id, type: 'close', code, signal });
  });
  if (input !== undefined) {
    child.stdin.on('error', () => undefined);
    child.stdin.end(Buffer.from(input));
  }
}

process.on('message', (message) => {
  if (message.type === 'spawn') start(message);
  else if (message.type === 'kill') children.get(message.id)?.kill(message.signal);
});
// The test process went away (or closed the channel when idle): nothing is left to report to.
process.on('disconnect', () => process.exit(0));
