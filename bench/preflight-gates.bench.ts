/**
 * preflight-gates on large promotions: wall time and GitHub API requests for a PR of 300 / 1,000 /
 * 3,000 files (3,000 is the most `GET /pulls/{n}/files` returns) with a large lcov report, through
 * the action's own `run()` in-process against the loopback GitHub emulator (real git underneath,
 * every request and response validated against GitHub's OpenAPI description, so the times include that harness cost). Gates: tests (JUnit + lcov
 * coverage of changed lines), diff guard (secretlint over every added line + debug patterns),
 * change size (areas), findings (SARIF), freeze. The check run with its annotations is written.
 *
 *   npx tsx bench/preflight-gates.bench.ts          # writes bench/results/preflight-gates.md
 *   RUNS=1 SIZES=300 npx tsx bench/preflight-gates.bench.ts
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, release as osRelease, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { run } from '../actions/preflight-gates/src/main.js';
import { fixedClock } from '../packages/core/src/clock.js';
import { createExec } from '../packages/core/src/exec.js';
import { createProgress } from '../packages/core/src/progress.js';
import { createGitHubClient } from '../packages/core/src/github/client.js';
import { memoryIO } from '../packages/core/src/io.js';
import { memoryLogger } from '../packages/core/src/logger.js';
import { startEmulator } from '../test/support/emulator/server.js';
import { adaptPayload, examplePayload } from '../test/support/payloads.js';
import { median } from './stats.js';

const SIZES = (process.env.SIZES ?? '300,1000,3000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 3);
const LINES_PER_FILE = 20;
// Files the lcov report covers beyond the PR's: a whole project's report, not just the diff's.
const EXTRA_LCOV_FILES = 5000;

function fileBody(i: number): string {
  return (
    Array.from(
      { length: LINES_PER_FILE },
      (_, l) => `export const v${i}_${l} = ${l}; // module ${i}`,
    ).join('\n') + '\n'
  );
}

function lcov(files: string[]): string {
  const out: string[] = [];
  for (const [k, f] of files.entries()) {
    out.push(`SF:${f}`);
    for (let l = 1; l <= LINES_PER_FILE; l++) out.push(`DA:${l},${(k + l) % 7 === 0 ? 0 : 3}`);
    out.push('end_of_record');
  }
  return out.join('\n') + '\n';
}

interface Row {
  files: number;
  runs: number[];
  requests: number;
  lcovBytes: number;
  table: string;
}

async function benchSize(n: number): Promise<Row> {
  const emu = await startEmulator();
  try {
    const main = (await emu.git.revParse('refs/heads/main'))!;
    const branch = 'promote/bench';
    await emu.git.branch(branch, main);
    const files: Record<string, string> = {};
    const names: string[] = [];
    // n files in all: n - 1 modules plus docs/notes.md in the second commit.
    for (let i = 0; i < n - 1; i++) {
      const name = `src/area${i % 12}/module-${i}.ts`;
      files[name] = fileBody(i);
      names.push(name);
    }
    await emu.git.commitMany(branch, [
      { files, message: 'feat(api): a large promotion' },
      { files: { 'docs/notes.md': 'notes\n' }, message: 'docs: notes\n\nFixes #12' },
    ]);
    const gh = createGitHubClient({
      token: 'bench',
      logger: memoryLogger(),
      baseUrl: emu.url,
      env: {},
    });
    const { data: pr } = await gh.rest.pulls.create({
      owner: emu.owner,
      repo: emu.repo,
      head: branch,
      base: 'main',
      title: 'Promote',
      body: 'Fixes #12',
    });

    const ws = mkdtempSync(join(tmpdir(), 'preflight-bench-'));
    const write = (rel: string, text: string) => {
      mkdirSync(dirname(join(ws, rel)), { recursive: true });
      writeFileSync(join(ws, rel), text);
    };
    const extra = Array.from({ length: EXTRA_LCOV_FILES }, (_, i) => `lib/untouched-${i}.ts`);
    const lcovText = lcov([...names, ...extra]);
    write('reports/lcov.info', lcovText);
    write(
      'reports/junit.xml',
      readFileSync(join(process.cwd(), 'test/fixtures/preflight/junit.xml'), 'utf8'),
    );
    write(
      'reports/findings.sarif',
      readFileSync(join(process.cwd(), 'test/fixtures/preflight/findings.sarif'), 'utf8'),
    );
    write(
      '.github/promotion.yml',
      `preflight:
  timezone: Europe/Berlin
  freeze: [{ days: [fri], from: '14:00' }]
  findings: { sarif: [reports/findings.sarif] }
  tests: { junit: [reports/junit.xml], lcov: [reports/lcov.info], min-coverage: 80 }
  change-size: { max-units: 30, areas: { ${Array.from({ length: 12 }, (_, a) => `area${a}: 'src/area${a}/**'`).join(', ')} } }
  diff-guard: {}
`,
    );
    const payload = adaptPayload(examplePayload('pull_request', 'opened'), {
      owner: emu.owner,
      repo: emu.repo,
      number: pr.number,
      headSha: pr.head.sha,
      headRef: branch,
      baseRef: 'main',
      baseSha: pr.base.sha,
    });
    const eventPath = join(ws, 'event.json');
    writeFileSync(eventPath, JSON.stringify(payload));
    const env = {
      GITHUB_REPOSITORY: `${emu.owner}/${emu.repo}`,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: ws,
      GITHUB_API_URL: emu.url,
      PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0',
    };

    const runs: number[] = [];
    let requests = 0;
    let table = '';
    for (let r = 0; r < RUNS; r++) {
      const logger = memoryLogger();
      if (process.env.BENCH_TRACE) {
        const start = performance.now();
        for (const level of ['debug', 'info', 'warning'] as const) {
          const inner = logger[level].bind(logger);
          logger[level] = (m: string) => {
            console.error(
              `${Math.round(performance.now() - start)} ms ${level}: ${m.slice(0, 140)}`,
            );
            inner(m);
          };
        }
      }
      const io = memoryIO({ token: 'bench', 'check-name': 'promote/preflight' });
      emu.resetCounters();
      const t0 = performance.now();
      await run({
        io,
        logger,
        clock: fixedClock('2026-11-25T13:30:00Z'),
        env,
        exec: createExec({ logger }),
        progress: createProgress(),
        github: (token) => createGitHubClient({ token, logger, env }),
      });
      runs.push(performance.now() - t0);
      if (io.failed && !io.failed.startsWith('preflight-gates: '))
        throw new Error(
          `${io.failed}\n${emu.requests.map((q) => `${q.method} ${q.path} ${q.status}`).join('\n')}`,
        );
      requests = emu.countRequests();
      table = io.summary
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| Status') && !l.startsWith('| ---'))
        .join('\n');
    }
    rmSync(ws, { recursive: true, force: true });
    return { files: n, runs, requests, lcovBytes: Buffer.byteLength(lcovText), table };
  } finally {
    await emu.close();
  }
}

const rows: Row[] = [];
for (const n of SIZES) {
  const row = await benchSize(n);
  rows.push(row);
  console.log(
    `${n} files: median ${(median(row.runs) / 1000).toFixed(2)} s, ${row.requests} requests`,
  );
}

const cpu = cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'cpu';
const md = `# preflight-gates: large promotions

- Date: ${new Date().toISOString()}
- Machine: ${cpu} x ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${osRelease()}, Node ${process.version} (shared with other jobs)
- Command: \`npx tsx bench/preflight-gates.bench.ts\` (RUNS=${RUNS}, SIZES=${SIZES.join(',')})
- What runs: the action's \`run()\` in-process (config load, fresh PR read, PR files once, gates
  concurrently, check run with annotations written) against the loopback GitHub emulator (real git,
  every response validated against GitHub's OpenAPI description: harness cost included). Each PR file adds ${LINES_PER_FILE} lines; the lcov report covers the PR's
  files plus ${EXTRA_LCOV_FILES} untouched ones. Gates: findings, tests (JUnit + changed-line coverage),
  freeze, change size (12 areas), diff guard (secretlint recommended preset over every added line).
- Median of ${RUNS} runs.

| PR files | lcov size | Time (median) | API requests | Result |
|---:|---:|---:|---:|---|
${rows.map((r) => `| ${r.files} | ${(r.lcovBytes / 2 ** 20).toFixed(1)} MiB | ${(median(r.runs) / 1000).toFixed(2)} s | ${r.requests} | ${r.table.includes('✗ fail') ? 'fail' : 'pass'} |`).join('\n')}

Raw runs (ms):

${rows.map((r) => `- ${r.files}: ${r.runs.map((x) => Math.round(x)).join(', ')}`).join('\n')}

Gate rows at ${SIZES[SIZES.length - 1]} files:

| Status | Check | Result |
| --- | --- | --- |
${rows[rows.length - 1]?.table ?? ''}

Notes: the request count is what one evaluation spends of the 1,000 requests/hour GITHUB_TOKEN
budget: the PR, ceil(files/100) file pages, commit pages, the check-run lookup and create, and one
PATCH per further 50 annotations (uncovered changed-line ranges; capped at 500 annotations).

Found by this bench: secretlint's built-in profiler keeps every performance mark and searches
that list for each new one (asynchronously, so the cost surfaced later, while the check run was
being written). Before the diff guard drained it per file, one run took 32-137 s at 1,000 files
and ~47 s at 3,000 (same machine, same day); after, the figures above.
`;
mkdirSync(join(process.cwd(), 'bench/results'), { recursive: true });
writeFileSync(join(process.cwd(), 'bench/results/preflight-gates.md'), md);
console.log(md);
