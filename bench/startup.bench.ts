/**
 * Start-up: each action bundle's size (dist/<name>/index.js + its chunks) and its cold start to
 * the first GitHub API request, under the Node 24 the runner uses, against the floor (bare
 * `node -e 0`, same binary) and against semantic-release's CLI start (`semantic-release --version`).
 *
 * The bundle runs through test/support/harness.ts `runBundle` (INPUT_* from action.yml defaults,
 * GITHUB_* as the runner sets them, empty workspace, so config is read through the contents API)
 * with GITHUB_API_URL pointed at a loopback server that notes the time of the first request,
 * answers 500 and the process is killed: what is timed is spawn -> first request.
 *
 *   npx tsx bench/startup.bench.ts            # writes bench/results/startup.md
 *   RUNS=7 ACTIONS=tag-release npx tsx bench/startup.bench.ts
 */
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, platform, release as osRelease, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, runBundle } from '../test/support/harness.js';
import { median } from './stats.js';

const ALL = [
  'preflight-gates',
  'open-promote-pr',
  'migrate-with-rollback',
  'prod-smoke-seal',
  'tag-release',
];
const ACTIONS = (process.env.ACTIONS ?? ALL.join(',')).split(',').filter(Boolean);
const RUNS = Number(process.env.RUNS ?? 9);
const NODE = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
const SR = join(REPO_ROOT, 'node_modules', 'semantic-release', 'bin', 'semantic-release.js');
const TIMEOUT_MS = 20_000;
/** The least each action needs to get past input checks (a workflow_dispatch run). */
const INPUTS: Record<string, Record<string, string>> = {
  'preflight-gates': { 'pull-request': '1' },
  'migrate-with-rollback': { mode: 'rollback', release: 'v1.0.0' },
};

function bundleBytes(action: string): { index: number; total: number; files: number } {
  const dir = join(REPO_ROOT, 'dist', action);
  const js = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.js'),
  );
  const sizes = js.map((f) => statSync(join(dir, f)).size);
  return {
    index: statSync(join(dir, 'index.js')).size,
    total: sizes.reduce((a, b) => a + b, 0),
    files: js.length,
  };
}

/**
 * CPU time (user + system, every thread) a process has used so far, in ms: fields 14 and 15 of
 * /proc/<pid>/stat, in clock ticks of 1/100 s (proc(5), https://man7.org/linux/man-pages/man5/proc.5.html).
 * CPU time does not grow while the process waits for a core, so it holds on a busy machine where
 * wall time does not. Undefined off Linux.
 */
function cpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

interface FirstRequest {
  /** performance.now() when it arrived. */
  t: number;
  /** CPU the watched process had used by then. */
  cpu: number | undefined;
}

/** A GitHub stand-in that only notes when the first request arrives (and the CPU the watched process used), then answers 500. */
async function firstRequestServer(): Promise<{
  url: string;
  server: Server;
  next(): Promise<FirstRequest>;
  /** The bundle's pid is known once it has started: read when the first request arrives. */
  watch(pid: () => number | undefined): void;
}> {
  let waiter: ((first: FirstRequest) => void) | undefined;
  let watched: (() => number | undefined) | undefined;
  const server = createServer((req, res) => {
    const t = performance.now();
    if (waiter) {
      const w = waiter;
      waiter = undefined;
      w({ t, cpu: cpuMs(watched?.()) });
    }
    req.resume();
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"message":"bench: first request noted"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    next: () => new Promise<FirstRequest>((r) => (waiter = r)),
    watch: (pid) => (watched = pid),
  };
}

// prod-smoke-seal refuses an empty check list: one check, against the same loopback server (its
// first request is then the health check rather than an API call; either is the first network work).
const smokeWorkspace = mkdtempSync(join(tmpdir(), 'promote-bench-startup-'));
mkdirSync(join(smokeWorkspace, '.github'));
writeFileSync(
  join(smokeWorkspace, '.github', 'promotion.yml'),
  'smoke:\n  checks:\n    - name: health\n      path: /healthz\n',
);

/** A process being timed: its pid, how to stop it, and what to say if it ends before a request. */
interface Timed {
  pid(): number | undefined;
  kill(): void;
  /** Settles when the process has exited: why that is a failure, in one message. */
  exited: Promise<string>;
}

/** Spawn -> first request at the loopback server, in wall time and in the process's CPU. */
async function timeToFirstRequest(
  start: () => Timed,
  next: () => Promise<FirstRequest>,
  watch: (pid: () => number | undefined) => void,
): Promise<{ wall: number; cpu: number | undefined }> {
  const first = next();
  const t0 = performance.now();
  const timed = start();
  watch(() => timed.pid());
  const outcome = await Promise.race([
    first.then((f) => ({ first: f })),
    timed.exited.then((why) => ({ why })),
  ]);
  timed.kill();
  await timed.exited;
  if ('first' in outcome) return { wall: outcome.first.t - t0, cpu: outcome.first.cpu };
  throw new Error(outcome.why);
}

function coldStart(
  action: string,
  url: string,
  next: () => Promise<FirstRequest>,
  watch: (pid: () => number | undefined) => void,
): Promise<{ wall: number; cpu: number | undefined }> {
  return timeToFirstRequest(
    () => {
      const job = runBundle({
        action,
        emulator: { url, owner: 'acme', repo: 'shop' },
        token: 'ghs_benchToken000000000000000000000000',
        inputs: action === 'prod-smoke-seal' ? { 'base-url': url } : INPUTS[action],
        cwd: action === 'prod-smoke-seal' ? smokeWorkspace : undefined,
        timeoutMs: TIMEOUT_MS,
      });
      return {
        pid: () => job.pid,
        kill: () => job.kill('SIGKILL'),
        exited: Promise.resolve(job).then(
          (r) =>
            `${action}: exited (${r.exitCode}) before any API request:\n${r.log.split('\n').slice(-15).join('\n')}`,
        ),
      };
    },
    next,
    watch,
  );
}

/**
 * The least any action must do before its first request, as an ES module like the bundles: read
 * its token and URL from the environment and send one request with node:http (what the bundles
 * load for this loopback server). The `https` variant also loads node:https, as every action does
 * for api.github.com; the bundles here do not, so the gap between the two is what a real run adds
 * to the floor and to every bundle alike.
 */
const minimalAction = (https: boolean) =>
  [
    ...(https ? ["process.getBuiltinModule('node:https');"] : []),
    "const req = process.getBuiltinModule('node:http').request(new URL('/repos/acme/shop', process.env.GITHUB_API_URL), { headers: { authorization: `token ${process.env.INPUT_TOKEN}` } });",
    "req.on('error', () => {});",
    'req.end();',
  ].join('\n');
const minimalDir = mkdtempSync(join(tmpdir(), 'promote-bench-minimal-'));
const MINIMAL = {
  http: join(minimalDir, 'minimal-http.mjs'),
  https: join(minimalDir, 'minimal-https.mjs'),
};
writeFileSync(MINIMAL.http, minimalAction(false));
writeFileSync(MINIMAL.https, minimalAction(true));

/** Spawn -> first request (wall and CPU) of a one-file script, as coldStart times a bundle. */
function scriptStart(
  file: string,
  url: string,
  next: () => Promise<FirstRequest>,
  watch: (pid: () => number | undefined) => void,
): Promise<{ wall: number; cpu: number | undefined }> {
  return timeToFirstRequest(
    () => {
      const child = spawn(NODE, [file], {
        stdio: 'ignore',
        env: { PATH: process.env.PATH ?? '', GITHUB_API_URL: url, INPUT_TOKEN: 'ghs_bench' },
      });
      return {
        pid: () => child.pid,
        kill: () => child.kill('SIGKILL'),
        exited: new Promise<string>((r) =>
          child.on('exit', (code) => r(`${file}: exited (${code}) before its request`)),
        ),
      };
    },
    next,
    watch,
  );
}

function processTime(argv: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(NODE, argv, { stdio: 'ignore', env: { PATH: process.env.PATH ?? '' } });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${argv} exited ${code}`)),
    );
  });
}

/** The floor's CPU time: what `node -e 0` has used when its one statement runs (getrusage, every thread). */
function floorCpu(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      NODE,
      ['-e', 'const u=process.cpuUsage();process.stdout.write(String((u.user+u.system)/1000))'],
      { stdio: ['ignore', 'pipe', 'ignore'], env: { PATH: process.env.PATH ?? '' } },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`floor CPU exited ${code}`)),
    );
  });
}

const { url, server, next, watch } = await firstRequestServer();
const floorRuns: number[] = [];
const floorCpuRuns: number[] = [];
const minimalRuns = { http: [] as number[], https: [] as number[] };
const minimalCpuRuns = { http: [] as number[], https: [] as number[] };
const srRuns: number[] = [];
const rows: {
  action: string;
  size: ReturnType<typeof bundleBytes>;
  runs: number[];
  cpu: number[];
}[] = [];
try {
  // Warm the page cache and the harness's own caches (payload examples, node version check).
  await processTime(['-e', '0']);
  await processTime([SR, '--version']);
  for (const action of ACTIONS) await coldStart(action, url, next, watch);

  // Interleave the contenders run by run so background load hits them alike.
  const perAction = new Map<string, number[]>(ACTIONS.map((a) => [a, []]));
  const cpuPerAction = new Map<string, number[]>(ACTIONS.map((a) => [a, []]));
  for (let r = 0; r < RUNS; r++) {
    floorRuns.push(await processTime(['-e', '0']));
    floorCpuRuns.push(await floorCpu());
    srRuns.push(await processTime([SR, '--version']));
    for (const kind of ['http', 'https'] as const) {
      const { wall, cpu } = await scriptStart(MINIMAL[kind], url, next, watch);
      minimalRuns[kind].push(wall);
      if (cpu !== undefined) minimalCpuRuns[kind].push(cpu);
    }
    for (const action of ACTIONS) {
      const { wall, cpu } = await coldStart(action, url, next, watch);
      perAction.get(action)!.push(wall);
      if (cpu !== undefined) cpuPerAction.get(action)!.push(cpu);
    }
    process.stderr.write(`startup: run ${r + 1}/${RUNS}\n`);
  }
  for (const action of ACTIONS)
    rows.push({
      action,
      size: bundleBytes(action),
      runs: perAction.get(action)!,
      cpu: cpuPerAction.get(action)!,
    });
} finally {
  server.close();
  rmSync(smokeWorkspace, { recursive: true, force: true });
  rmSync(minimalDir, { recursive: true, force: true });
}

const floor = median(floorRuns);
const floorCpuMs = median(floorCpuRuns);
const cpuCell = (xs: number[]) => {
  if (!xs.length) return 'n/a | | ';
  const m = median(xs);
  return `${ms(m)} | ${(m / floorCpuMs).toFixed(2)}x | ${m <= 2 * floorCpuMs ? 'yes' : '**no**'}`;
};
const sr = median(srRuns);
const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const MB = 1_000_000; // issue #18's limit, as test/build/bundle-size.test.ts checks it
const md = [
  '# Start-up: bundle size and cold start to the first API request',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${cpus()[0]?.model ?? 'cpu'} x ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${osRelease()} (shared with other jobs)`,
  `- Node: \`node_modules/node/bin/node\` (the runner's node24), same binary for every row`,
  `- Command: \`npx tsx bench/startup.bench.ts\` (RUNS=${RUNS}; the contenders interleaved run by run, one warm-up each)`,
  '- Cold start: process spawn -> first HTTP request at a loopback server standing in for GitHub (GITHUB_API_URL), through `runBundle` (test/support/harness.ts: action.yml input defaults, runner environment, empty workspace so the config is read through the contents API). The few ms the harness spends writing the event file before spawning are included (counted against us).',
  '- Inputs: preflight-gates `pull-request: 1`; migrate-with-rollback `mode: rollback`, `release: v1.0.0`; prod-smoke-seal a one-check promotion.yml with `base-url` on the same loopback server (its first request is that check); the rest their defaults (workflow_dispatch).',
  '- Floor: `node -e 0` (spawn -> exit), the reference of issue #18. Beside it, the floor of any action: a one-file ES module that reads its token and URL from the environment and sends one request (node:http, as the bundles here), and the same with node:https loaded, as every action loads it for api.github.com (the bundles here do not: the gap between those two rows is what a real run adds to every row alike). semantic-release: `semantic-release --version` (spawn -> exit; its CLI start, before any network or git work).',
  '- CPU: user + system time of the bundle process (every thread) when the first request arrives, from /proc/<pid>/stat (10 ms ticks); the floor is `process.cpuUsage()` at the one statement of `node -e`. CPU time does not count waiting for a core, so it holds on a loaded machine where wall time does not.',
  '- Bundle size: every `.js` file under `dist/<name>/` (index.js, post/ and the chunks esbuild splits off), minified, in bytes against 1,000,000; licenses.txt not counted.',
  '',
  '| Action | Bundle (index.js + chunks) | Under 1 MB | Cold start to first request (median) | vs floor | Within 2x floor | CPU to first request (median) | vs floor CPU | Within 2x | vs semantic-release --version |',
  '|---|---:|---|---:|---:|---|---:|---:|---|---:|',
  ...rows.map((r) => {
    const m = median(r.runs);
    return `| ${r.action} | ${r.size.total} B, ${kb(r.size.total)} (${r.size.files} file${r.size.files > 1 ? 's' : ''}) | ${r.size.total < MB ? 'yes' : '**no**'} | ${ms(m)} | ${(m / floor).toFixed(2)}x | ${m <= 2 * floor ? 'yes' : '**no**'} | ${cpuCell(r.cpu)} | ${(m / sr).toFixed(2)}x |`;
  }),
  `| floor: \`node -e 0\` | | | ${ms(floor)} | 1.00x | | ${ms(floorCpuMs)} | 1.00x | | ${(floor / sr).toFixed(2)}x |`,
  ...(['http', 'https'] as const).map((kind) => {
    const m = median(minimalRuns[kind]);
    const c = minimalCpuRuns[kind].length ? median(minimalCpuRuns[kind]) : NaN;
    const label =
      kind === 'http'
        ? 'floor of any action: one request (node:http, as here)'
        : 'floor of any action on github.com: the same with node:https loaded';
    return `| ${label} | | | ${ms(m)} | ${(m / floor).toFixed(2)}x | ${m <= 2 * floor ? 'yes' : '**no**'} | ${ms(c)} | ${(c / floorCpuMs).toFixed(2)}x | ${c <= 2 * floorCpuMs ? 'yes' : '**no**'} | ${(m / sr).toFixed(2)}x |`;
  }),
  `| semantic-release 24 \`--version\` | | | ${ms(sr)} | ${(sr / floor).toFixed(2)}x | | | | | 1.00x |`,
  '',
  'Raw runs (ms):',
  '',
  `- floor: ${floorRuns.map((x) => x.toFixed(0)).join(', ')} (CPU: ${floorCpuRuns.map((x) => x.toFixed(0)).join(', ')})`,
  `- one request (node:http): ${minimalRuns.http.map((x) => x.toFixed(0)).join(', ')} (CPU: ${minimalCpuRuns.http.map((x) => x.toFixed(0)).join(', ')})`,
  `- one request, node:https loaded: ${minimalRuns.https.map((x) => x.toFixed(0)).join(', ')} (CPU: ${minimalCpuRuns.https.map((x) => x.toFixed(0)).join(', ')})`,
  `- semantic-release --version: ${srRuns.map((x) => x.toFixed(0)).join(', ')}`,
  ...rows.map(
    (r) =>
      `- ${r.action}: ${r.runs.map((x) => x.toFixed(0)).join(', ')} (CPU: ${r.cpu.map((x) => x.toFixed(0)).join(', ')})`,
  ),
  '',
].join('\n');
writeFileSync(join(REPO_ROOT, 'bench', 'results', 'startup.md'), md);
process.stdout.write(md);
