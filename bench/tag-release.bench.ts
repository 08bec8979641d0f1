/**
 * tag-release vs semantic-release: time (and, for us, GitHub API requests) to compute the next
 * version and the release notes on generated linear histories of 1,000 / 3,000 / 10,000 commits
 * since the last tag. Ours runs against the GitHub emulator over loopback (real git underneath,
 * OpenAPI validation off: that is test-harness cost, not GitHub's); semantic-release 24 runs its
 * documented offline dry run against a local bare repository (https://semantic-release.gitbook.io/semantic-release/usage/configuration#dryrun).
 *
 *   npx tsx bench/tag-release.bench.ts            # writes bench/results/tag-release.md
 *   RUNS=3 SIZES=1000,3000 npx tsx bench/tag-release.bench.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem, platform, release as osRelease } from 'node:os';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createGitHubClient } from '../packages/core/src/github/client.js';
import { memoryLogger } from '../packages/core/src/logger.js';
import { releaseSection } from '../packages/core/src/config/sections/release.js';
import { decideVersion } from '../actions/tag-release/src/release-plan.js';
import { githubReleaseHistory } from '../actions/tag-release/src/github-history.js';
import { fetchReleaseHistory } from '../actions/tag-release/src/fetched-history.js';
import { gitReleaseHistory } from '../actions/tag-release/src/git-history.js';
import { createExec } from '../packages/core/src/exec.js';
import { renderChangelogSection } from '../actions/tag-release/src/changelog.js';
import { startEmulator } from '../test/support/emulator/server.js';
import { createGitHistory } from '../test/support/git-history.js';
import { fitExponent, median } from './stats.js';

const SIZES = (process.env.SIZES ?? '1000,3000,10000').split(',').map(Number);
// Sizes where only the treeless fetch runs (its REST and git request counts and its time): the
// API path there would be hundreds of emulator requests. FETCH_SIZES=100000 for 100,000 commits
// (generating and pushing them takes minutes on a loaded 2-core machine).
const FETCH_SIZES = (process.env.FETCH_SIZES ?? '30000').split(',').filter(Boolean).map(Number);
const RUNS = Number(process.env.RUNS ?? 3);
const SR_RUNS = Number(process.env.SR_RUNS ?? 3);
const LOAD_START = loadavg()[0]!;

function message(i: number): string {
  if (i % 10 === 0) return `feat(area${i % 7}): feature ${i}\n\nSome body text for feature ${i}.`;
  if (i % 3 === 0) return `fix: bug ${i} (#${1000 + i})`;
  return `chore: housekeeping ${i}`;
}

interface Row {
  commits: number;
  localMs: number;
  localRuns: number[];
  oursMs: number;
  oursRuns: number[];
  requests: number;
  oursVersion: string;
  srMs: number;
  srRuns: number[];
  srVersion: string;
  fetch: FetchRow;
}

interface FetchRow {
  commits: number;
  ms: number;
  runs: number[];
  /** REST requests (0 expected: labels are not configured here). */
  rest: number;
  /** git smart-HTTP requests (info/refs + upload-pack). */
  git: number;
  /** Size of the fetched repository's packs (what crossed the wire). */
  bytes: number;
  version: string;
}

const packBytes = (dir: string): number => {
  const packs = join(dir, 'objects', 'pack');
  return readdirSync(packs).reduce((sum, f) => sum + statSync(join(packs, f)).size, 0);
};

/**
 * `history: auto` without a full clone: the action's treeless fetch (fetched-history.ts) from the
 * emulator's smart HTTP, then decideVersion + changelog over the fetched repository.
 */
async function benchFetch(
  emu: Awaited<ReturnType<typeof startEmulator>>,
  n: number,
  target: string,
  runs: number,
): Promise<FetchRow> {
  const exec = createExec({ logger: memoryLogger() });
  const gh = createGitHubClient({
    token: 'bench',
    logger: memoryLogger(),
    baseUrl: emu.url,
    throttle: { writeIntervalMs: 0 },
  });
  const api = githubReleaseHistory(gh, { owner: 'acme', repo: 'shop' });
  const times: number[] = [];
  let rest = 0;
  let git = 0;
  let version = '';
  let bytes = 0;
  for (let r = 0; r < runs; r++) {
    emu.resetCounters();
    const start = performance.now();
    const fetched = await fetchReleaseHistory(
      exec,
      {
        serverUrl: emu.url,
        apiUrl: `${emu.url}/api/v3`,
        owner: 'acme',
        repo: 'shop',
        token: 'bench',
      },
      target,
    );
    if (!fetched.ok) throw new Error(`treeless fetch failed: ${fetched.why}`);
    const d = await decideVersion(
      gitReleaseHistory(exec, fetched.dir, (prs) => api.pullRequestLabels(prs)),
      { targetSha: target, config: releaseSection().parse({}) },
    );
    const notes = renderChangelogSection({
      version: d.version ?? '',
      date: '2026-11-22',
      commits: d.analysis.commits,
      repoUrl: 'https://github.com/acme/shop',
    });
    times.push(performance.now() - start);
    bytes = packBytes(fetched.dir);
    await fetched.remove();
    rest = emu.countRequests({ git: false });
    git = emu.countRequests({ git: true });
    version = d.version ?? 'none';
    if (!notes.includes('### Added')) throw new Error('notes missing');
  }
  return { commits: n, ms: median(times), runs: times, rest, git, bytes, version };
}

async function benchSize(n: number): Promise<Row> {
  const h = createGitHistory();
  h.tag('v1.0.0');
  const t0 = performance.now();
  h.appendCommits(n, message);
  const genMs = performance.now() - t0;
  const remote = mkdtempSync(join(tmpdir(), 'bench-remote-'));
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
  h.pushTo(remote);
  const target = h.head();
  process.stderr.write(`${n} commits generated in ${genMs.toFixed(0)} ms\n`);

  // --- ours with `history: git`: the action's git adapter over the clone semantic-release reads
  const localRuns: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const d = await decideVersion(h.releaseHistory(), {
      targetSha: target,
      config: releaseSection().parse({}),
    });
    renderChangelogSection({
      version: d.version ?? '',
      date: '2026-11-22',
      commits: d.analysis.commits,
      repoUrl: 'https://github.com/acme/shop',
    });
    localRuns.push(performance.now() - start);
  }

  // --- ours, through the REST API of the emulator
  const emu = await startEmulator({ owner: 'acme', repo: 'shop', validate: false });
  h.pushTo(emu.git.dir);
  const logger = memoryLogger();
  const gh = createGitHubClient({
    token: 'bench',
    logger,
    baseUrl: emu.url,
    throttle: { writeIntervalMs: 0 },
  });
  const config = releaseSection().parse({});
  const oursRuns: number[] = [];
  let requests = 0;
  let oursVersion = '';
  // Each compare page costs the emulator several git processes, so the
  // largest size runs once through it to keep the bench under 3 minutes.
  const apiRuns = n >= 10_000 ? 1 : RUNS;
  for (let r = 0; r < apiRuns; r++) {
    emu.resetCounters();
    const start = performance.now();
    const d = await decideVersion(githubReleaseHistory(gh, { owner: 'acme', repo: 'shop' }), {
      targetSha: target,
      config,
    });
    const notes = renderChangelogSection({
      version: d.version ?? '',
      date: '2026-11-22',
      commits: d.analysis.commits,
      repoUrl: 'https://github.com/acme/shop',
    });
    oursRuns.push(performance.now() - start);
    requests = emu.countRequests({ git: false });
    oursVersion = d.version ?? 'none';
    if (!notes.includes('### Added')) throw new Error('notes missing');
  }
  const fetch = await benchFetch(emu, n, target, RUNS);
  await emu.close();
  await emu.git.remove();

  // --- semantic-release 24 dry run (offline: commit-analyzer + release-notes-generator)
  const bin = join(process.cwd(), 'node_modules', '.bin', 'semantic-release');
  const srRuns: number[] = [];
  let srVersion = '';
  for (let r = 0; r < SR_RUNS; r++) {
    const start = performance.now();
    const out = spawnSync(
      bin,
      [
        '--dry-run',
        '--no-ci',
        '--branches',
        'main',
        '--repository-url',
        `file://${remote}`,
        '--plugins',
        '@semantic-release/commit-analyzer,@semantic-release/release-notes-generator',
      ],
      {
        cwd: h.dir,
        encoding: 'utf8',
        env: { ...process.env, CI: '', GITHUB_ACTIONS: '' },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    srRuns.push(performance.now() - start);
    const m = /The next release version is (\S+)/.exec(out.stdout + out.stderr);
    if (!m)
      throw new Error(
        `semantic-release did not report a version:\n${(out.stdout + out.stderr).slice(-2000)}`,
      );
    srVersion = m[1] as string;
  }
  h.cleanup();
  rmSync(remote, { recursive: true, force: true });
  const row = {
    commits: n,
    localMs: median(localRuns),
    localRuns,
    oursMs: median(oursRuns),
    oursRuns,
    requests,
    oursVersion,
    srMs: median(srRuns),
    srRuns,
    srVersion,
    fetch,
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

// Computed from this run's rows, so a re-run (npm run bench) never keeps a stale reading.
const notes = (rows: Row[], fetchRows: FetchRow[]) => {
  const big = rows.at(-1)!;
  const gitMeets = rows.every((r) => r.srMs / r.localMs >= 10);
  const agree = rows.every(
    (r) => r.oursVersion === r.srVersion && r.fetch.version === r.oursVersion,
  );
  const restFlat = fetchRows.every((f) => f.rest === fetchRows[0]!.rest);
  return `## Reading the figures

- **history: git** (the action after \`actions/checkout\` with \`fetch-depth: 0\`, the same clone
  semantic-release needs) ${gitMeets ? 'meets the 10x target at every size' : '**does not** meet the 10x target at every size (see the table)'}: tags, ancestry and commits come from
  one streamed \`git log\` (each commit walked once), parsing and the changelog are in-process, and no API request is spent.
- **history: auto without a full clone** (no checkout, or actions/checkout's default depth 1): a treeless
  fetch (\`git fetch --filter=tree:0 --no-tags origin +<sha>:... +refs/tags/*:refs/tags/*\`, commits and
  tags only, https://git-scm.com/docs/partial-clone) into a temporary repository, then the same git
  reads. REST requests ${restFlat ? `stay at **${fetchRows[0]!.rest}** at every size` : 'vary with size (see the table)'} (${fetchRows.map((f) => f.commits.toLocaleString('en')).join(' / ')} commits); the git
  smart-HTTP requests (${fetchRows.map((f) => f.git).join(' / ')}) count against no REST budget. What grows with history is bytes
  (commit objects only: ${fetchRows.map((f) => `${(f.bytes / f.commits).toFixed(0)} B`).join(' / ')} a commit), not requests.
- **history: api** (\`history: api\`, or when no fetch can be made) spends 1 tag page + 1 ancestry compare +
  ceil(N/100) compare pages: ${big.requests} requests for ${big.commits.toLocaleString('en')} commits, ${((big.requests / 1000) * 100).toFixed(1)}% of the 1,000 requests/hour a
  GITHUB_TOKEN has. Its wall time here is the emulator's: each 100-commit compare page runs several
  git processes on the shared 2 cores, ~${(big.oursMs / big.requests).toFixed(0)} ms a request at ${big.commits.toLocaleString('en')} commits, not GitHub's latency.
- The machine is a shared 2-core VM with other jobs running (1-minute load average ${LOAD_START.toFixed(1)} at the start of this run, ${loadavg()[0]!.toFixed(1)} at the end),
  so absolute times vary between runs; the side-by-side medians were taken in the same window.
- ${
    agree
      ? `All paths and semantic-release agree on the version (${rows
          .map((r) => r.oursVersion)
          .filter((v, k, a) => a.indexOf(v) === k)
          .join(', ')}) for every size.`
      : '**The versions differ** (see the table).'
  }`;
};

/** The treeless fetch alone at a size too large for the API path here. */
async function benchFetchOnly(n: number): Promise<FetchRow> {
  const h = createGitHistory();
  h.tag('v1.0.0');
  const t0 = performance.now();
  h.appendCommits(n, message);
  const emu = await startEmulator({ owner: 'acme', repo: 'shop', validate: false });
  h.pushTo(emu.git.dir);
  process.stderr.write(
    `${n} commits generated and pushed in ${(performance.now() - t0).toFixed(0)} ms\n`,
  );
  try {
    const row = await benchFetch(emu, n, h.head(), 1);
    process.stderr.write(`${JSON.stringify(row)}\n`);
    return row;
  } finally {
    await emu.close();
    await emu.git.remove();
    h.cleanup();
  }
}

const rows: Row[] = [];
for (const n of SIZES) rows.push(await benchSize(n));
const fetchRows: FetchRow[] = [...rows.map((r) => r.fetch)];
for (const n of FETCH_SIZES.filter((n) => !SIZES.includes(n)))
  fetchRows.push(await benchFetchOnly(n));

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const apiRequests = (n: number) => 2 + Math.ceil(n / 100);
const growth = (name: string, points: [number, number][], unit: (c: number) => string) => {
  const fit = fitExponent(points);
  return `| ${name} | ${points.map(([n, c]) => `${n.toLocaleString('en')}: ${unit(c)}`).join('; ')} | ${fit?.a.toPrecision(3) ?? '?'} | **${fit?.k.toFixed(2) ?? '?'}** |`;
};
const md = [
  '# tag-release: next version and notes, side by side with semantic-release',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${cpu} x ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${osRelease()}, Node ${process.version} (shared with other jobs)`,
  '- Command: `npx tsx bench/tag-release.bench.ts`',
  `- History: linear, generated with \`git fast-import\` (test/support/git-history.ts), tag v1.0.0 then N commits (every 10th a feat, every 3rd a fix, the rest chores).`,
  `- history: api: \`decideVersion\` (all tags, ancestry check, compare pages of 100 commits following the Link header) + changelog section, through the REST API of the loopback GitHub emulator (OpenAPI validation off), median of ${RUNS} runs (1 run at 10,000 commits).`,
  "- `history: git`: the same decideVersion + changelog through the action's git adapter (actions/tag-release/src/git-history.ts, one streamed `git log`) over the clone semantic-release reads: what the action does after `actions/checkout` with `fetch-depth: 0`.",
  `- history: auto, treeless fetch: what the action does without a full clone (actions/tag-release/src/fetched-history.ts): \`git fetch --filter=tree:0\` of the release commit and the tags from the emulator's smart HTTP (real \`git http-backend\`, token checked), then the git adapter over it; time includes the fetch. Median of ${RUNS} runs; 1 run at ${
    FETCH_SIZES.filter((n) => !SIZES.includes(n))
      .map((n) => n.toLocaleString('en'))
      .join(', ') || '-'
  } commits (fetch only).`,
  `- semantic-release 24: \`semantic-release --dry-run --no-ci --branches main --repository-url file://<bare> --plugins @semantic-release/commit-analyzer,@semantic-release/release-notes-generator\` (process wall time, as a CI step pays it), median of ${SR_RUNS} runs.`,
  '',
  '| Commits | tag-release, history: api (emulator) | API requests | tag-release, history: git (full clone, 0 requests) | tag-release, treeless fetch | Fetch requests (REST / git) | semantic-release | Speed-up (api / git) | Speed-up (fetch) | Versions (ours / theirs) |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows.map(
    (r) =>
      `| ${r.commits.toLocaleString('en')} | ${fmt(r.oursMs)} | ${r.requests} | ${fmt(r.localMs)} | ${fmt(r.fetch.ms)} | ${r.fetch.rest} / ${r.fetch.git} | ${fmt(r.srMs)} | ${(r.srMs / r.oursMs).toFixed(1)}x / ${(r.srMs / r.localMs).toFixed(1)}x | ${(r.srMs / r.fetch.ms).toFixed(1)}x | ${r.oursVersion} / ${r.srVersion} |`,
  ),
  '',
  '## Requests per run by history length',
  '',
  'REST requests are what a GITHUB_TOKEN budgets (1,000 an hour per repository); git smart-HTTP requests are not REST calls.',
  '',
  '| Commits | history: api, REST requests | treeless fetch, REST requests | treeless fetch, git HTTP requests | fetched (packs) | treeless fetch, time |',
  '|---:|---:|---:|---:|---:|---:|',
  ...fetchRows.map((f) => {
    const measured = rows.find((r) => r.commits === f.commits);
    const api = measured
      ? String(measured.requests)
      : `${apiRequests(f.commits)} (2 + ceil(N/100), not run)`;
    return `| ${f.commits.toLocaleString('en')} | ${api} | ${f.rest} | ${f.git} | ${(f.bytes / 2 ** 20).toFixed(2)} MiB | ${fmt(f.ms)} |`;
  }),
  '',
  '## Growth (cost ~ a·n^k, least squares on log-log)',
  '',
  '| Cost | Measured (commits: value) | a | k |',
  '|---|---|---:|---:|',
  growth(
    'history: git, time (ms)',
    rows.map((r) => [r.commits, r.localMs]),
    fmt,
  ),
  growth(
    'treeless fetch, time (ms)',
    fetchRows.map((f) => [f.commits, f.ms]),
    fmt,
  ),
  growth(
    'history: api, time (ms)',
    rows.map((r) => [r.commits, r.oursMs]),
    fmt,
  ),
  growth(
    'semantic-release, time (ms)',
    rows.map((r) => [r.commits, r.srMs]),
    fmt,
  ),
  growth(
    'history: api, REST requests',
    rows.map((r) => [r.commits, r.requests]),
    String,
  ),
  growth(
    'treeless fetch, REST + git requests',
    fetchRows.map((f) => [f.commits, f.rest + f.git]),
    String,
  ),
  '',
  'k = 0 is flat, 1 linear. The REST requests of the treeless fetch are 0 here (no label-based bump), so the fit is over REST + git requests.',
  '',
  'Raw runs (ms):',
  '',
  ...rows.map(
    (r) =>
      `- ${r.commits}: history api ${r.oursRuns.map((x) => x.toFixed(0)).join(', ')}; history git ${r.localRuns.map((x) => x.toFixed(0)).join(', ')}; treeless fetch ${r.fetch.runs.map((x) => x.toFixed(0)).join(', ')}; semantic-release ${r.srRuns.map((x) => x.toFixed(0)).join(', ')}`,
  ),
  ...fetchRows
    .filter((f) => !rows.some((r) => r.commits === f.commits))
    .map((f) => `- ${f.commits}: treeless fetch ${f.runs.map((x) => x.toFixed(0)).join(', ')}`),
  '',
  notes(rows, fetchRows),
  '',
].join('\n');
writeFileSync(join(process.cwd(), 'bench', 'results', 'tag-release.md'), md);
process.stdout.write(md);
