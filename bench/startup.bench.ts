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
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, platform, release as osRelease, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, runBundle } from '../test/support/harness.js';

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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function bundleBytes(action: string): { index: number; total: number; files: number } {
  const dir = join(REPO_ROOT, 'dist', action);
  const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const sizes = js.map((f) => statSync(join(dir, f)).size);
  return {
    index: statSync(join(dir, 'index.js')).size,
    total: sizes.reduce((a, b) => a + b, 0),
    files: js.length,
  };
}

/** A GitHub stand-in that only notes when the first request arrives, then answers 500. */
async function firstRequestServer(): Promise<{
  url: string;
  server: Server;
  next(): Promise<number>;
}> {
  let waiter: ((t: number) => void) | undefined;
  const server = createServer((req, res) => {
    const t = performance.now();
    if (waiter) {
      const w = waiter;
      waiter = undefined;
      w(t);
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
    next: () => new Promise<number>((r) => (waiter = r)),
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

async function coldStart(action: string, url: string, next: () => Promise<number>) {
  const first = next();
  const t0 = performance.now();
  const job = runBundle({
    action,
    emulator: { url, owner: 'acme', repo: 'shop' },
    token: 'ghs_benchToken000000000000000000000000',
    inputs: action === 'prod-smoke-seal' ? { 'base-url': url } : INPUTS[action],
    cwd: action === 'prod-smoke-seal' ? smokeWorkspace : undefined,
    timeoutMs: TIMEOUT_MS,
  });
  const outcome = await Promise.race([
    first.then((t) => ({ t })),
    Promise.resolve(job).then((r) => ({ exit: r })),
  ]);
  job.kill('SIGKILL');
  const result = await job;
  if ('t' in outcome) return outcome.t - t0;
  throw new Error(
    `${action}: exited (${result.exitCode}) before any API request:\n${result.log.split('\n').slice(-15).join('\n')}`,
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

const { url, server, next } = await firstRequestServer();
const floorRuns: number[] = [];
const srRuns: number[] = [];
const rows: { action: string; size: ReturnType<typeof bundleBytes>; runs: number[] }[] = [];
try {
  // Warm the page cache and the harness's own caches (payload examples, node version check).
  await processTime(['-e', '0']);
  await processTime([SR, '--version']);
  for (const action of ACTIONS) await coldStart(action, url, next);

  // Interleave the contenders run by run so background load hits them alike.
  const perAction = new Map<string, number[]>(ACTIONS.map((a) => [a, []]));
  for (let r = 0; r < RUNS; r++) {
    floorRuns.push(await processTime(['-e', '0']));
    srRuns.push(await processTime([SR, '--version']));
    for (const action of ACTIONS) perAction.get(action)!.push(await coldStart(action, url, next));
    process.stderr.write(`startup: run ${r + 1}/${RUNS}\n`);
  }
  for (const action of ACTIONS)
    rows.push({ action, size: bundleBytes(action), runs: perAction.get(action)! });
} finally {
  server.close();
  rmSync(smokeWorkspace, { recursive: true, force: true });
}

const floor = median(floorRuns);
const sr = median(srRuns);
const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const MB = 1024 * 1024;
const md = [
  '# Start-up: bundle size and cold start to the first API request',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${cpus()[0]?.model ?? 'cpu'} x ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${osRelease()} (shared with other jobs)`,
  `- Node: \`node_modules/node/bin/node\` (the runner's node24), same binary for every row`,
  `- Command: \`npx tsx bench/startup.bench.ts\` (RUNS=${RUNS}; the contenders interleaved run by run, one warm-up each)`,
  '- Cold start: process spawn -> first HTTP request at a loopback server standing in for GitHub (GITHUB_API_URL), through `runBundle` (test/support/harness.ts: action.yml input defaults, runner environment, empty workspace so the config is read through the contents API). The few ms the harness spends writing the event file before spawning are included (counted against us).',
  '- Inputs: preflight-gates `pull-request: 1`; migrate-with-rollback `mode: rollback`, `release: v1.0.0`; prod-smoke-seal a one-check promotion.yml with `base-url` on the same loopback server (its first request is that check); the rest their defaults (workflow_dispatch).',
  '- Floor: `node -e 0` (spawn -> exit). semantic-release: `semantic-release --version` (spawn -> exit; its CLI start, before any network or git work).',
  '- Bundle size: `dist/<name>/*.js` (index.js plus the chunks ncc split off), minified; licenses.txt not counted.',
  '',
  '| Action | Bundle (index.js + chunks) | Under 1 MB | Cold start to first request (median) | vs floor | Within 2x floor | vs semantic-release --version |',
  '|---|---:|---|---:|---:|---|---:|',
  ...rows.map((r) => {
    const m = median(r.runs);
    return `| ${r.action} | ${kb(r.size.total)} (${r.size.files} file${r.size.files > 1 ? 's' : ''}) | ${r.size.total < MB ? 'yes' : '**no**'} | ${ms(m)} | ${(m / floor).toFixed(2)}x | ${m <= 2 * floor ? 'yes' : '**no**'} | ${(m / sr).toFixed(2)}x |`;
  }),
  `| floor: \`node -e 0\` | | | ${ms(floor)} | 1.00x | | ${(floor / sr).toFixed(2)}x |`,
  `| semantic-release 24 \`--version\` | | | ${ms(sr)} | ${(sr / floor).toFixed(2)}x | | 1.00x |`,
  '',
  'Raw runs (ms):',
  '',
  `- floor: ${floorRuns.map((x) => x.toFixed(0)).join(', ')}`,
  `- semantic-release --version: ${srRuns.map((x) => x.toFixed(0)).join(', ')}`,
  ...rows.map((r) => `- ${r.action}: ${r.runs.map((x) => x.toFixed(0)).join(', ')}`),
  '',
].join('\n');
writeFileSync(join(REPO_ROOT, 'bench', 'results', 'startup.md'), md);
process.stdout.write(md);
