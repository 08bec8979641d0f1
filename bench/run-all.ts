/**
 * `npm run bench`: runs every benchmark (each bench/<name>.bench.ts writes bench/results/<name>.md),
 * then writes bench/RESULTS.md: machine, date, the exact command per benchmark, a headline table
 * (each issue-10 target: measured, target, met or not, what would close a gap), each growth curve
 * in one table, and every per-benchmark section.
 *
 *   npm run bench                          # everything (~12-15 min on 2 shared cores)
 *   npm run bench -- startup api-cost      # a subset; the other sections keep their last figures
 *   npm run bench -- --quick               # fewer runs each (figures marked quick)
 *   npm run bench -- --report              # only rebuild RESULTS.md from bench/results/
 *
 * Each benchmark runs in its own process with a time limit; everything is loopback.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release as osRelease, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exponentText } from './stats.js';

const ROOT = join(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results');
const RUNS_FILE = join(RESULTS, 'runs.json');

interface Bench {
  name: string;
  what: string;
  env: Record<string, string>;
  quickEnv: Record<string, string>;
  args?: string[];
  quickArgs?: string[];
  /** The bench file, when it is not bench/<name>.bench.ts (another mode of the same bench). */
  script?: string;
  /** Kill after this long (the bench is then reported as timed out). */
  limitMs: number;
}

const BENCHES: Bench[] = [
  {
    name: 'startup',
    what: 'bundle size, cold start to first API request vs node -e 0 and semantic-release',
    env: { RUNS: '9' },
    quickEnv: { RUNS: '3' },
    limitMs: 3 * 60_000,
  },
  {
    name: 'api-cost',
    what: 'requests per action in the end-to-end demo flow, share of the GITHUB_TOKEN budget',
    env: { RUNS: '3' },
    quickEnv: { RUNS: '1' },
    limitMs: 3 * 60_000,
  },
  {
    name: 'apps-cost',
    what: 'requests of one promotion of a monorepo with 1 / 10 / 50 apps declared, 1 or 5 changed (stages declared)',
    env: { RUNS: '2' },
    quickEnv: { RUNS: '1' },
    limitMs: 5 * 60_000,
  },
  {
    name: 'open-promote-pr',
    what: 'PR body size for large promotions, requests per run',
    env: { RUNS: '5' },
    quickEnv: { RUNS: '2' },
    limitMs: 3 * 60_000,
  },
  {
    name: 'preflight-gates',
    what: '300 / 1,000 / 3,000-file PR with a large lcov report: time and requests',
    env: { RUNS: '3' },
    quickEnv: { RUNS: '1' },
    limitMs: 4 * 60_000,
  },
  {
    name: 'prod-smoke-seal',
    what: '10 / 50 / 200 endpoints at 200 ms: concurrent vs sequential',
    env: { RUNS: '5', SEQUENTIAL_RUNS: '3' },
    quickEnv: { RUNS: '2', SEQUENTIAL_RUNS: '1' },
    limitMs: 4 * 60_000,
  },
  {
    name: 'tag-release',
    what: '1,000 / 3,000 / 10,000-commit history: tag-release vs semantic-release dry run; treeless fetch up to 30,000 commits (FETCH_SIZES=100000 for 100,000)',
    env: { RUNS: '3', SR_RUNS: '3' },
    quickEnv: { RUNS: '1', SR_RUNS: '1' },
    limitMs: 10 * 60_000,
  },
  {
    name: 'migrations-gate',
    what: 'the preflight migrations gate on a 200-migration history (SQLite replay + judge, Squawk)',
    env: { RUNS: '3' },
    quickEnv: { RUNS: '1' },
    limitMs: 3 * 60_000,
  },
  {
    name: 'migrate-with-rollback',
    what: 'backup + verify + restore on a 200 MB PostgreSQL database vs raw pg_dump + pg_restore; 25 / 50 / 100 MB for the growth',
    env: {},
    quickEnv: {},
    args: ['--runs', '5', '--mb', '200', '--sizes', '25,50,100'],
    quickArgs: ['--runs', '1', '--mb', '200'],
    limitMs: 15 * 60_000,
  },
  {
    name: 'migrate-with-rollback-s3',
    script: 'migrate-with-rollback',
    what: 'the same on the s3 store (age-encrypted upload and read-back on a loopback S3), and the store alone',
    env: {},
    quickEnv: {},
    args: ['--runs', '3', '--mb', '200', '--store', 's3'],
    quickArgs: ['--runs', '1', '--mb', '200', '--store', 's3'],
    limitMs: 15 * 60_000,
  },
];

interface RunRecord {
  command: string;
  date: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  quick: boolean;
  /** The machine's load average (1 minute) when the bench started and when it ended. */
  load?: { start: number; end: number };
  /** When the `npm run bench` that produced it started: rows sharing it were measured together. */
  invocation?: string;
}

function commandOf(b: Bench, quick: boolean): string {
  const env = Object.entries(quick ? b.quickEnv : b.env).map(([k, v]) => `${k}=${v} `);
  const args = (quick ? b.quickArgs : b.args) ?? [];
  return `${env.join('')}npx tsx bench/${b.script ?? b.name}.bench.ts${args.length ? ` ${args.join(' ')}` : ''}`;
}

function runOne(b: Bench, quick: boolean): Promise<RunRecord> {
  const started = performance.now();
  const date = new Date().toISOString();
  const loadAtStart = loadavg()[0]!;
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  return new Promise((resolve) => {
    const child = spawn(
      tsx,
      [join('bench', `${b.script ?? b.name}.bench.ts`), ...((quick ? b.quickArgs : b.args) ?? [])],
      {
        cwd: ROOT,
        env: { ...process.env, ...(quick ? b.quickEnv : b.env) },
        stdio: ['ignore', 'inherit', 'inherit'],
        detached: true,
      },
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The bench's own children (emulator, postgres, git) go with its process group.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, b.limitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({
        command: commandOf(b, quick),
        date,
        exitCode: code,
        timedOut,
        durationMs: performance.now() - started,
        quick,
        load: { start: loadAtStart, end: loadavg()[0]! },
      });
    });
  });
}

// ---------------------------------------------------------------- reading the results files

const read = (name: string) => {
  const f = join(RESULTS, `${name}.md`);
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
};

/** Rows of the first markdown table whose header line contains `headerHas`. */
function table(md: string, headerHas: string): Record<string, string>[] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|') && l.includes(headerHas));
  if (start < 0) return [];
  const cells = (l: string) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  const head = cells(lines[start]!);
  const rows: Record<string, string>[] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    const c = cells(lines[i]!);
    rows.push(Object.fromEntries(head.map((h, j) => [h, c[j] ?? ''])));
  }
  return rows;
}

const num = (s: string | undefined) => Number((s ?? '').replace(/[^0-9.-]/g, '')) || NaN;
/** "2.52 s" / "340 ms" -> ms */
const toMs = (s: string | undefined) => {
  const m = /([\d.,]+)\s*(ms|s)\b/.exec(s ?? '');
  if (!m) return NaN;
  const v = Number(m[1]!.replace(/,/g, ''));
  return m[2] === 's' ? v * 1000 : v;
};
/** "2239 KiB (2 files)" -> 2239 */
const toKib = (s: string | undefined) => Number(/([\d.]+)\s*KiB/.exec(s ?? '')?.[1] ?? NaN);
const fmtMs = (ms: number) =>
  Number.isNaN(ms) ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const dateOf = (md: string) =>
  /(?:date|Date):\s*([0-9T:. Z-]+UTC|[0-9T:.-]+Z)/.exec(md)?.[1]?.trim() ?? 'undated';

interface Headline {
  what: string;
  measured: string;
  target: string;
  met: boolean | null;
  gap: string;
}

function headlines(): Headline[] {
  const out: Headline[] = [];
  const startup = read('startup');
  const st = table(startup, 'Cold start');
  const actions = st.filter((r) => !/floor|semantic-release/.test(r.Action ?? ''));
  const floor = st.find((r) => /node -e 0/.test(r.Action ?? ''));
  // The least any action does before its first request, and the same with node:https loaded as
  // for api.github.com (bench/startup.bench.ts).
  const oneRequest = st.find((r) => /floor of any action:/.test(r.Action ?? ''));
  const oneHttps = st.find((r) => /floor of any action on github\.com/.test(r.Action ?? ''));
  const sr = st.find((r) => /semantic-release/.test(r.Action ?? ''));
  if (actions.length) {
    const sizes = actions.map(
      (r) => `${r.Action} ${r['Bundle (index.js + chunks)']!.replace(/ \(.*\)/, '')}`,
    );
    const over = actions.filter((r) => /no/.test(r['Under 1 MB'] ?? ''));
    out.push({
      what: 'Bundle size (dist/<name>/*.js)',
      measured: sizes.join('; '),
      target: 'each < 1 MB',
      met: over.length === 0,
      gap:
        over.length === 0
          ? ''
          : `Over by ${over.map((r) => `${r.Action} ${toKib(r['Bundle (index.js + chunks)']) - 977} KiB`).join(', ')}. Which packages take the bytes: \`node scripts/build.mjs <name> --out .tmp/size --sizes\`; test/build/bundle-size.test.ts fails the build on it.`,
    });
    const kib = actions.map((r) => toKib(r['Bundle (index.js + chunks)']));
    const sizeRange = `${(Math.min(...kib) / 1024).toFixed(1)}-${(Math.max(...kib) / 1024).toFixed(1)} MiB`;
    const colds = actions.map((r) => ({
      a: r.Action!,
      ms: toMs(r['Cold start to first request (median)']),
      ratio: num(r['vs floor']),
      cpu: toMs(r['CPU to first request (median)']),
      cpuRatio: num(r['vs floor CPU']),
    }));
    const slow = colds.filter((c) => c.ratio > 2 || c.cpuRatio > 2);
    out.push({
      what: 'Cold start to first API request (Node 24), wall and CPU',
      measured: `${colds.map((c) => `${c.a} ${fmtMs(c.ms)} (${c.ratio.toFixed(1)}x), CPU ${fmtMs(c.cpu)} (${c.cpuRatio.toFixed(1)}x)`).join('; ')}; floor \`node -e 0\` ${fmtMs(toMs(floor?.['Cold start to first request (median)']))}, CPU ${fmtMs(toMs(floor?.['CPU to first request (median)']))}; beside it, the least any action does (one request): ${fmtMs(toMs(oneRequest?.['Cold start to first request (median)']))}, CPU ${fmtMs(toMs(oneRequest?.['CPU to first request (median)']))} (${oneRequest?.['vs floor CPU'] ?? 'n/a'}), and with node:https loaded as for api.github.com ${fmtMs(toMs(oneHttps?.['Cold start to first request (median)']))}, CPU ${fmtMs(toMs(oneHttps?.['CPU to first request (median)']))} (${oneHttps?.['vs floor CPU'] ?? 'n/a'})`,
      target: 'within 2x the floor',
      met: slow.length === 0,
      gap:
        slow.length === 0
          ? ''
          : `Not met, by ${Math.min(...colds.map((c) => c.cpuRatio)).toFixed(1)}-${Math.max(...colds.map((c) => c.cpuRatio)).toFixed(1)}x of the floor's CPU where 2x is the target (bundles ${sizeRange}). The target leaves little room: an action that only loads node:https, as every action does to reach api.github.com, and sends one request already uses ${oneHttps?.['vs floor CPU'] ?? 'n/a'} of \`node -e 0\`'s CPU (the row "floor of any action on github.com" in the start-up section; the bundles here talk to a loopback http server and do not load it, so on github.com every row adds the same). Already taken out (issue #18): undici (no ES module import of node:http, which made Node load it at every start, ~70 ms CPU; the GitHub client on node:http instead of Node's fetch, whose first call loads undici, ~90 ms), luxon, unused Octokit routes; the promotion.yml zod schema built at import (~45-50 ms: now built on first use, and only the sections the action reads, zod parsing without its JIT; a file without stages or apps no longer validates the other sections' defaults), the YAML parser when there is no config file and its CommonJS build (the ES module build tree-shakes), the gates' parsers (XML, YAML, JSONPath, globs) until a configured gate needs them; node:crypto, node:child_process, node:zlib and node:util until used (an ES module import of node:crypto loads webcrypto, of node:util ~12 ms), the output delimiter read from /dev/urandom instead of loading node:crypto (~15 ms), and Intl for UTC (the first Intl formatter of a process loads ICU's data, ~26 ms; UTC, the default zone, is read from Date). What remains (CPU profile, \`node --cpu-prof dist/<name>/index.js\`): preflight-gates and tag-release read the config through the API, so no config work comes before their first request; left are the Node built-ins a request needs (fs/promises, os, net, stream, http) and compiling and running ~140-190 KB of bundle (Octokit, the GitHub client, the action's own modules). open-promote-pr, migrate-with-rollback and prod-smoke-seal validate promotion.yml (or compute its defaults) before their first request: zod's first use costs ~15-20 ms of CPU whatever is built (V8 compiling zod's own code), each section ~3-10 ms more, the YAML parser ~10 ms when there is a file. Next step: a validator without zod's start-up cost, keeping today's one-line errors. It cannot be generated from schema/promotion.schema.json alone: the sections' refinements and transforms (durations, cross-field rules) are not in the JSON Schema, so it would be built from the zod schemas at build time, calling those refinements by name (today they are inline closures). Worth ~35 ms to those three (validation is ~22 % of open-promote-pr's profile before its first request); open-promote-pr would still be near 2.7x, so 2x stays out of reach on github.com whatever the validator. Node's compile cache would take most of the compiling away but is on only where it persists (self-hosted runners, packages/core/src/compile-cache.ts): a GitHub-hosted job starts on a fresh VM. Every bundle starts faster than semantic-release prints its version (${fmtMs(toMs(sr?.['Cold start to first request (median)']))}).`,
    });
    if (sr)
      out.push({
        what: 'Cold start vs semantic-release CLI start',
        measured: colds
          .map(
            (c) =>
              `${c.a} ${(c.ms / toMs(sr['Cold start to first request (median)'])).toFixed(2)}x`,
          )
          .join('; '),
        target: '(comparison, no target)',
        met: null,
        gap: '',
      });
  }

  const api = read('api-cost');
  const one =
    /\*\*One promotion\*\*.*?\*\*(\d+) requests\*\* \((\d+) writes\), ([\d.]+ %).*?\*\*(\d+) promotions per hour\*\*/.exec(
      api,
    );
  if (one)
    out.push({
      what: 'API cost of one promotion (open PR, one preflight, migrate, smoke + seal, tag + release)',
      measured: `${one[1]} requests (${one[2]} writes) = ${one[3]} of 1,000/hour; ${one[4]} promotions/hour per repository`,
      target: 'within the GITHUB_TOKEN budget (1,000/hour per repository)',
      met: true,
      gap: '',
    });

  const apps = table(read('apps-cost'), 'Apps declared (N)');
  if (apps.length) {
    const total = (r: Record<string, string>) => num(r.Total?.replace(/\*/g, '') ?? '');
    const byK = new Map<string, Record<string, string>[]>();
    for (const r of apps)
      byK.set(r['Apps changed (K)']!, [...(byK.get(r['Apps changed (K)']!) ?? []), r]);
    const groups = [...byK].map(([k, rs]) => ({
      k,
      rs,
      flat: rs.every((r) => total(r) === total(rs[0]!)),
    }));
    const flat = groups.every((g) => g.flat);
    // Grows with apps changed: more requests at K = 5 than at K = 1 for the same N.
    const n50 = apps.filter((r) => r['Apps declared (N)'] === apps.at(-1)!['Apps declared (N)']);
    const grows = n50.length > 1 && total(n50.at(-1)!) > total(n50[0]!);
    out.push({
      what: 'API requests per promotion vs apps declared',
      measured: groups
        .map(
          (g) =>
            `${g.k} changed: ${g.rs.map((r) => `${total(r)} at ${r['Apps declared (N)']} declared`).join(', ')}`,
        )
        .join('; ')
        .concat(' (open PR, preflight, guard, tag-release per changed app)'),
      target: 'grows with apps changed, not apps declared',
      met: flat && grows,
      gap:
        flat && grows
          ? ''
          : 'The request count of one promotion changes with the number of apps declared (see the apps-cost section: by operation, which action and route).',
    });
  }

  const tagMd = read('tag-release');
  const tag = table(tagMd, 'semantic-release');
  const t10 = tag.find((r) => r.Commits === '10,000') ?? tag.at(-1);
  if (t10) {
    const gitX = num(t10['Speed-up (api / git)']?.split('/')[1] ?? '');
    const gitCol = 'tag-release, history: git (full clone, 0 requests)';
    out.push({
      what: `tag-release vs semantic-release dry run, ${t10.Commits} commits, \`history: git\` (full clone)`,
      measured: `${t10[gitCol]} vs ${t10['semantic-release']}: **${gitX}x** faster, 0 requests`,
      target: '>= 10x faster',
      met: gitX >= 10,
      gap:
        gitX >= 10
          ? ''
          : `${(10 / gitX).toFixed(2)}x short in this run (${tag.map((r) => `${r.Commits} commits ${r['Speed-up (api / git)']?.split('/')[1]?.trim()}`).join(', ')}); the ratio moves with the machine's load (see the load recorded in the tag-release section). The git side is one streamed \`git log\` (each commit walked once; reading 10,000 commit objects alone is ~140-230 ms here), one-line messages skip conventional-commits-parser (a fast path proven identical by test/core/commits-fast-path.test.ts), and the rest is the topological order and the changelog's escaping of each line. Next steps: an index-based topological order, and re-measuring on an unloaded machine.`,
    });
  }
  const perSize = table(tagMd, 'treeless fetch, REST requests');
  if (perSize.length) {
    // num() reads 0 as NaN (no figure); these cells are plain integers.
    const rest = perSize.map((r) => Number(r['treeless fetch, REST requests']));
    const flat = rest.every((x) => x === rest[0]);
    const k = /treeless fetch, REST \+ git requests \|[^|]*\|[^|]*\| \*\*([-\d.]+)\*\*/.exec(
      tagMd,
    )?.[1];
    out.push({
      what: 'tag-release API cost by history length, no full clone (`history: auto`: treeless fetch)',
      measured: `${perSize.map((r) => `${r.Commits} commits: ${r['treeless fetch, REST requests']} REST + ${r['treeless fetch, git HTTP requests']} git`).join('; ')} (fitted k = ${k ?? '?'}); \`history: api\`: ${perSize.map((r) => r['history: api, REST requests']?.replace(/ \(.*\)/, '')).join(' / ')}`,
      target: 'flat in history length',
      met: flat && Number(k) < 0.1,
      gap:
        flat && Number(k) < 0.1
          ? ''
          : 'The REST or git request count grows with history in this run (see the tag-release section).',
    });
  }

  const pf = table(read('preflight-gates'), 'PR files');
  const p3 = pf.find((r) => num(r['PR files']) === 3000) ?? pf.at(-1);
  if (p3)
    out.push({
      what: `preflight-gates, ${p3['PR files']}-file PR, ${p3['lcov size']} lcov`,
      measured: `${p3['Time (median)']}, ${p3['API requests']} requests`,
      target: '(measured, no target)',
      met: null,
      gap: '',
    });

  const sm = table(read('prod-smoke-seal'), 'Sequential');
  const s50 = sm.find((r) => r.Endpoints === '50');
  if (s50) {
    const wideKey = Object.keys(s50).find((k) => k.startsWith('Wide vs one endpoint'))!;
    const ratio = num(s50[wideKey]);
    out.push({
      what: 'prod-smoke-seal, 50 endpoints at 200 ms (concurrency 50)',
      measured: `${s50['Concurrent, 50']?.replace(/ \(.*\)/, '')} = **${ratio}x** one endpoint; sequential ${s50.Sequential} (${s50['Speed-up vs sequential']} faster); concurrency 10: ${s50['Concurrent, 10']?.replace(/ \(.*\)/, '')}`,
      target: 'within 2x one endpoint',
      met: ratio <= 2,
      gap:
        ratio <= 2
          ? ''
          : 'Raise `smoke.concurrency` to the number of endpoints (see bench/results/prod-smoke-seal.md).',
    });
  }

  const mig = read('migrate-with-rollback');
  const over = /whole wrapper with verification vs raw: \*\*([-\d.]+) %\*\*/.exec(mig);
  const steps = /Backup \+ restore steps vs raw: \*\*([-\d.]+) %\*\*/.exec(mig);
  const db = /database: (\d+ MB)/.exec(mig);
  const cpu = /CPU, wrapper vs raw: \*\*([-\d.]+) %\*\*/.exec(mig);
  if (over) {
    const o = Number(over[1]);
    out.push({
      what: `migrate-with-rollback: backup + verify + restore, ${db?.[1] ?? '200+ MB'} PostgreSQL, verification on, vs raw pg_dump + pg_restore`,
      measured: `whole wrapper **${o >= 0 ? '+' : ''}${o} %**; backup + restore steps (with the streamed verification) ${steps?.[1] ?? '?'} %; CPU (every process of each side) ${cpu ? `+${cpu[1]} %` : '?'}`,
      target: 'within 10 % (stretch 5 %)',
      met: o <= 10,
      gap:
        o <= 10
          ? ''
          : `Every check stays (issue #18): the archive is verified while pg_dump streams it (sha256 and a pg_restore read of every data block on the same bytes), the table checksums before the migration are read in the dump's snapshot beside it, the restore is \`pg_restore -f -\` piped into psql in one transaction that commits only once pg_restore exited 0, and the restored checksums are read inside that transaction; the checksums are sums of the server's 64-bit hashes (hash_record_extended for tables of built-in types, ~1/6 of md5's CPU per row). What remains is CPU: the wrapper spends ${cpu?.[1] ?? '?'} % more than raw (the streamed read, two checksum passes, psql parsing the script) and overlaps it with pg_dump and pg_restore on the second core, so on 2 cores shared with other jobs the wall-time overhead moves with their load. Next: a raw side and a wrapper side each alone on the machine; restoring with \`pg_restore -d\` itself (no psql) would need the schema drop in pg_restore's own transaction.`,
    });
  }
  return out;
}

function curves(): string[] {
  const out: string[] = ['## How each cost grows', ''];
  const tagMd = read('tag-release');
  const tag = table(tagMd, 'semantic-release');
  if (tag.length) {
    const base = tag[0]!;
    const col = {
      git: 'tag-release, history: git (full clone, 0 requests)',
      fetch: 'tag-release, treeless fetch',
      api: 'tag-release, history: api (emulator)',
      sr: 'semantic-release',
    };
    const x = (r: Record<string, string>, c: string) => (toMs(r[c]) / toMs(base[c])).toFixed(1);
    out.push(
      '### History length (tag-release, next version + notes)',
      '',
      '| Commits | history: git | x smallest | treeless fetch | x smallest | history: api (emulator) | x smallest | API requests | semantic-release | x smallest |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...tag.map(
        (r) =>
          `| ${r.Commits} | ${fmtMs(toMs(r[col.git]))} | ${x(r, col.git)}x | ${fmtMs(toMs(r[col.fetch]))} | ${x(r, col.fetch)}x | ${fmtMs(toMs(r[col.api]))} | ${x(r, col.api)}x | ${r['API requests']} | ${fmtMs(toMs(r[col.sr]))} | ${x(r, col.sr)}x |`,
      ),
      '',
    );
    const fit = tagMd.indexOf('| Cost | Measured (commits: value) | a | k |');
    if (fit >= 0) {
      const lines = tagMd.slice(fit).split('\n');
      const end = lines.findIndex((l) => !l.startsWith('|'));
      const fitted = lines.slice(0, end < 0 ? lines.length : end);
      // The request fits read at 100,000 commits (where the API path is not run here).
      const at100k = fitted
        .filter((l) => l.includes('requests'))
        .map((l) => {
          const c = l.split('|').map((x) => x.trim());
          const a = Number(c[3]);
          const k = Number(c[4]?.replace(/\*/g, ''));
          return `${c[1]}: ${Math.round(a * 100_000 ** k)}`;
        });
      out.push(
        'Fitted growth, cost ~ a·n^k (least squares on log-log; k = 0 flat, 1 linear):',
        '',
        ...fitted,
        '',
        `At 100,000 commits the request fits give: ${at100k.join('; ')}.`,
        '',
      );
    }
  }
  const pf = table(read('preflight-gates'), 'PR files');
  if (pf.length) {
    const t0 = toMs(pf[0]!['Time (median)']);
    out.push(
      '### PR size (preflight-gates, all gates + check run with annotations)',
      '',
      '| PR files | lcov size | Time (median) | x smallest | API requests |',
      '|---:|---:|---:|---:|---:|',
      ...pf.map(
        (r) =>
          `| ${r['PR files']} | ${r['lcov size']} | ${r['Time (median)']} | ${(toMs(r['Time (median)']) / t0).toFixed(1)}x | ${r['API requests']} |`,
      ),
      '',
      `Fitted exponent (cost = a x files^k, least squares on log-log): time k = ${exponentText(pf.map((r) => [num(r['PR files']), toMs(r['Time (median)'])]))}, API requests k = ${exponentText(pf.map((r) => [num(r['PR files']), num(r['API requests'])]))}.`,
      '',
    );
  }
  const sm = table(read('prod-smoke-seal'), 'Sequential');
  if (sm.length) {
    const wideKey = Object.keys(sm[0]!).find((k) => k.startsWith('Wide vs one endpoint'))!;
    out.push(
      '### Endpoint count (prod-smoke-seal, 200 ms per endpoint)',
      '',
      `| Endpoints | Sequential | Concurrency 10 | Concurrency 50 (default) | ${wideKey} |`,
      '|---:|---:|---:|---:|---:|',
      ...sm.map(
        (r) =>
          `| ${r.Endpoints} | ${r.Sequential} | ${r['Concurrent, 10']} | ${r['Concurrent, 50']} | ${r[wideKey]} |`,
      ),
      '',
      `Fitted exponent (time = a x endpoints^k): sequential k = ${exponentText(sm.map((r) => [num(r.Endpoints), toMs(r.Sequential)]))}, concurrency 10 k = ${exponentText(sm.map((r) => [num(r.Endpoints), toMs(r['Concurrent, 10'])]))}, concurrency 50 k = ${exponentText(sm.map((r) => [num(r.Endpoints), toMs(r['Concurrent, 50'])]))} (flat until the endpoints outnumber the concurrency, then linear).`,
      '',
    );
  }
  const body = table(read('open-promote-pr'), 'Commits');
  if (body.length > 1) {
    out.push(
      '### Promotion size (open-promote-pr, PR body)',
      '',
      '| Commits | Render (median) | Body characters | Commits listed |',
      '|---:|---:|---:|---:|',
      ...body.map(
        (r) =>
          `| ${r.Commits} | ${r['Render (median)']} | ${r['Body characters']} | ${r['Commits listed']} |`,
      ),
      '',
      `Fitted exponent (render time = a x commits^k): k = ${exponentText(body.map((r) => [num(r.Commits), toMs(r['Render (median)'])]))}; the body stops growing at GitHub's 65,536 characters (the list is shortened, with a link to the full compare), and the API requests of a run do not depend on the commit count (see the open-promote-pr section).`,
      '',
    );
  }
  const mg = table(read('migrate-with-rollback'), 'Database');
  if (mg.length > 1) {
    const exponent = /Fitted exponent[^\n]*/.exec(read('migrate-with-rollback'))?.[0];
    out.push(
      '### Database size (migrate-with-rollback, backup + verify + restore, verification on)',
      '',
      `| ${Object.keys(mg[0]!).join(' | ')} |`,
      `|${Object.keys(mg[0]!)
        .map(() => '---:')
        .join('|')}|`,
      ...mg.map((r) => `| ${Object.values(r).join(' | ')} |`),
      '',
      ...(exponent ? [exponent, ''] : []),
    );
  }
  return out;
}

function writeReport(
  runs: Record<string, RunRecord>,
  thisInvocation: Set<string>,
  started: string,
) {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const node24 = join(ROOT, 'node_modules', 'node', 'package.json');
  const node24v = existsSync(node24)
    ? (JSON.parse(readFileSync(node24, 'utf8')) as { version: string }).version
    : '?';
  const hs = headlines();
  const mark = (m: boolean | null) => (m === null ? '-' : m ? 'met' : '**not met**');
  const md = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (bench/run-all.ts); see bench/README.md for how to run and read it.',
    '',
    `- Report written: ${new Date().toISOString()} (invocation started ${started})`,
    `- Machine: ${cpus().length} cores (nproc), ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${platform()} ${osRelease()}; shared with other jobs, so absolute times carry noise (ratios are taken within one bench run, side by side)`,
    `- Node: bundles and \`node -e 0\` under node_modules/node (v${node24v}, the runner's node24); benches run under tsx on ${process.version}`,
    '- Everything is loopback: the GitHub emulator (test/support/emulator, real git, OpenAPI-validated) stands in for GitHub; a private PostgreSQL 15 cluster for the database.',
    '',
    '## Headline: issue 18 targets',
    '',
    '| What | Measured | Target | Result |',
    '|---|---|---|---|',
    ...hs.map((h) => `| ${h.what} | ${h.measured} | ${h.target} | ${mark(h.met)} |`),
    '',
    ...(hs.some((h) => h.gap)
      ? [
          '### What falls short, and what would close the gap',
          '',
          ...hs
            .filter((h) => h.gap)
            .map((h) => `- **${h.what}** (${h.measured}; target ${h.target}): ${h.gap}`),
          '',
        ]
      : []),
    ...curves(),
    '## Runs: where each figure comes from',
    '',
    '| Benchmark | Measures | Command | Started | Wall time | Load (1 min) at start / end | Exit | From the `npm run bench` started |',
    '|---|---|---|---|---:|---:|---|---|',
    ...BENCHES.map((b) => {
      const r = runs[b.name];
      const fileDate = dateOf(read(b.name));
      if (!r)
        return `| ${b.name} | ${b.what} | \`${commandOf(b, false)}\` | not run by run-all; results file dated ${fileDate} | | | | no |`;
      const load = r.load
        ? `${r.load.start.toFixed(2)} / ${r.load.end.toFixed(2)}`
        : 'not recorded';
      return `| ${b.name} | ${b.what} | \`${r.command}\`${r.quick ? ' (quick)' : ''} | ${r.date} | ${(r.durationMs / 1000).toFixed(0)} s | ${load} | ${r.timedOut ? '**timed out**' : r.exitCode === 0 ? '0' : `**${r.exitCode}** (section below is from an earlier run, dated ${fileDate})`} | ${r.invocation ?? 'unknown'}${thisInvocation.has(b.name) ? ' (this one)' : ''} |`;
    }),
    '',
    ...BENCHES.flatMap((b) => {
      const text = read(b.name).trim();
      if (!text)
        return [`## ${b.name}`, '', '_No results yet: run `npm run bench -- ' + b.name + '`._', ''];
      // Demote each section's headings one level under RESULTS.md's own.
      return [text.replace(/^(#+) /gm, '#$1 '), ''];
    }),
  ].join('\n');
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
  return hs;
}

// ---------------------------------------------------------------- main

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const reportOnly = argv.includes('--report');
const names = argv.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
if (unknown.length) {
  console.error(
    `bench: unknown benchmark ${unknown.join(', ')}; choose from ${BENCHES.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}
const chosen = reportOnly
  ? []
  : BENCHES.filter((b) => names.length === 0 || names.includes(b.name));
const runs: Record<string, RunRecord> = existsSync(RUNS_FILE)
  ? (JSON.parse(readFileSync(RUNS_FILE, 'utf8')) as Record<string, RunRecord>)
  : {};
const started = new Date().toISOString();
const done = new Set<string>();
let failed = 0;
for (const b of chosen) {
  console.error(`\n=== bench ${b.name}: ${commandOf(b, quick)}`);
  const r = await runOne(b, quick);
  runs[b.name] = { ...r, invocation: started };
  done.add(b.name);
  if (r.exitCode !== 0) failed++;
  console.error(
    `=== bench ${b.name}: ${r.timedOut ? 'timed out' : `exit ${r.exitCode}`} after ${(r.durationMs / 1000).toFixed(0)} s`,
  );
  writeFileSync(RUNS_FILE, JSON.stringify(runs, null, 2) + '\n');
  writeReport(runs, done, started); // after each, so an interrupted run still leaves a report
}
const hs = writeReport(runs, done, started);
console.error('\nbench/RESULTS.md written. Headline:');
for (const h of hs)
  console.error(`- ${h.what}: ${h.measured.replace(/\*\*/g, '')} (target ${h.target})`);
process.exit(failed ? 1 : 0);
