/**
 * Apps cost (issue #20): GitHub requests of one promotion of a monorepo against the number of
 * apps it declares (N = 1, 10, 50; paths apps/app-<i>/**) and the number a promotion changes
 * (K = 1, and 5 where N >= 5). Stages declared (staging -> production, staging soak 1h, sealed 2h before the run), so the
 * readiness of each changed app and preflight's soak gate run. The bundles (dist/) run as the
 * runner runs them (test/support/harness.ts) against the loopback GitHub emulator, which records
 * every request. One promotion:
 *
 * 1. open-promote-pr, dispatched, into production: staging holds one merge per changed app, each
 *    deployed to staging by its own on-merge leg (a deploy:migrate deployment, payload.app) and
 *    sealed green (what migrate-with-rollback and prod-smoke-seal record);
 * 2. preflight-gates on the opened PR (ci and branch-protection gates off: no CI in the world);
 * 3. the PR merged (by a person: not counted), then migrate-with-rollback `mode: guard` on the
 *    merged pull_request event (which apps the merge deploys);
 * 4. tag-release per changed app (`app: app-<i>`, `seal: green`, `history: git` on a full clone).
 *
 * Left out: on-merge's migrate and smoke legs (they need each app's database and endpoints);
 * on-merge runs one leg per app the guard lists, so their cost is per changed app by construction.
 * Request counts are deterministic; each world runs RUNS times to check that.
 *
 *   npx tsx bench/apps-cost.bench.ts          # writes bench/results/apps-cost.md
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release as osRelease, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmulator, type Emulator } from '../test/support/emulator/index.js';
import type { RecordedRequest } from '../test/support/emulator/server.js';
import { runBundle, type BundleResult } from '../test/support/harness.js';
import { adaptPayload, examplePayload } from '../test/support/payloads.js';

const RUNS = Number(process.env.RUNS ?? 2);
const WORLDS: { n: number; k: number }[] = [
  { n: 1, k: 1 },
  { n: 10, k: 1 },
  { n: 50, k: 1 },
  { n: 10, k: 5 },
  { n: 50, k: 5 },
];
const OWNER = 'acme';
const REPO = 'shop';
const TOKEN = 'ghs_appsCostToken000000000000000000000';
// Wednesday 2026-11-25 14:30 Berlin; the staging seals are two hours older (soak 1h: passed).
const NOW = '2026-11-25T13:30:00Z';
const SEALED_AT = '2026-11-25T11:30:00Z';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACTIONS = ['open-promote-pr', 'preflight-gates', 'guard', 'tag-release'] as const;
type ActionName = (typeof ACTIONS)[number];

function config(n: number): string {
  return [
    'stages:',
    '  - { name: staging, branch: staging, soak: 1h }',
    '  - { name: production, branch: main }',
    'preflight:',
    '  ci: { enabled: false }',
    '  branch-protection: { enabled: false }',
    'apps:',
    ...Array.from({ length: n }, (_, i) => `  app-${i + 1}: { paths: ['apps/app-${i + 1}/**'] }`),
    '',
  ].join('\n');
}

/** The changed apps, spread over the declared ones (not all at the front of the map). */
function changedOf(n: number, k: number): string[] {
  return Array.from({ length: k }, (_, j) => `app-${1 + Math.floor((j * n) / k)}`);
}

/** migrate-with-rollback deployed `sha` to staging for `app`; prod-smoke-seal sealed it green. */
function deployedAndSealed(emu: Emulator, sha: string, app: string): void {
  const id = emu.nextId();
  const before = new Date(Date.parse(SEALED_AT) - 120_000).toISOString();
  emu.state.deployments.push({
    id,
    sha,
    ref: sha,
    task: 'deploy:migrate',
    payload: { app },
    environment: 'staging',
    original_environment: 'staging',
    description: null,
    creator: 'deployer',
    transient_environment: false,
    production_environment: false,
    created_at: before,
    updated_at: SEALED_AT,
  });
  for (const [description, at] of [
    ['migrated', before],
    ['Smoke seal green: 3 checks passed', SEALED_AT],
  ] as const)
    emu.state.deploymentStatuses.push({
      id: emu.nextId(),
      deployment_id: id,
      state: 'success',
      description,
      environment: 'staging',
      target_url: `https://github.com/${OWNER}/${REPO}/actions/runs/1`,
      log_url: `https://github.com/${OWNER}/${REPO}/actions/runs/1`,
      environment_url: '',
      creator: 'deployer',
      created_at: at,
      updated_at: at,
    });
}

interface Step {
  action: ActionName;
  app?: string;
  exitCode: number | null;
  requests: RecordedRequest[];
}

interface Promotion {
  n: number;
  k: number;
  steps: Step[];
  ms: number;
  /** What the runs said, checked so a count is never of a run that did something else. */
  facts: { operation: string; preflight: string; guardApps: string; tags: string[] };
}

function clone(emu: Emulator, sha: string, into: string): string {
  execFileSync('git', ['clone', '-q', '--no-local', emu.git.dir, into]);
  execFileSync('git', ['-C', into, 'checkout', '-q', '--detach', sha]);
  return into;
}

function fail(what: string, r: BundleResult): never {
  throw new Error(
    `apps-cost: ${what} exited ${r.exitCode}:\n${r.log.split('\n').slice(-30).join('\n')}`,
  );
}

async function promotion(n: number, k: number): Promise<Promotion> {
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'promote-apps-cost-'));
  const emu = await startEmulator({ owner: OWNER, repo: REPO });
  emu.state.tokens[TOKEN] = 'promote-bot';
  try {
    // main: the config, every app's source and changelog, and each app's last release tag.
    const files: Record<string, string> = { '.github/promotion.yml': config(n) };
    for (let i = 1; i <= n; i++) {
      files[`apps/app-${i}/src/index.ts`] = `export const app = ${i};\n`;
      files[`apps/app-${i}/CHANGELOG.md`] = '# Changelog\n\n## [Unreleased]\n';
    }
    const base = await emu.git.commit({ branch: 'main', files, message: 'chore: monorepo' });
    for (let i = 1; i <= n; i++) await emu.git.run(['tag', `app-${i}-v1.0.0`, base]);
    await emu.git.branch('staging', base);
    // staging: one merge per changed app, each deployed and sealed green by its own on-merge leg.
    const changed = changedOf(n, k);
    for (const [j, app] of changed.entries()) {
      const sha = await emu.git.commit({
        branch: 'staging',
        message: `feat(${app}): change ${j + 1} (#${100 + j})`,
        files: { [`apps/${app}/src/feature.ts`]: `export const feature = ${j};\n` },
      });
      deployedAndSealed(emu, sha, app);
    }

    const steps: Step[] = [];
    let seen = 0;
    const take = (action: ActionName, r: BundleResult, app?: string) => {
      const all = emu.requests;
      steps.push({
        action,
        ...(app ? { app } : {}),
        exitCode: r.exitCode,
        requests: all.slice(seen),
      });
      seen = all.length;
      return r;
    };
    const run = (
      action: string,
      opts: {
        inputs?: Record<string, string>;
        event: { name: string; payload: object };
        cwd?: string;
        sha?: string;
      },
    ) =>
      runBundle({
        action,
        emulator: emu,
        token: TOKEN,
        now: NOW,
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
        ...(opts.sha ? { sha: opts.sha } : {}),
        inputs: { token: TOKEN, ...opts.inputs },
        event: opts.event,
        env: { PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0', PROMOTE_GITHUB_RETRY_BASE_MS: '10' },
        timeoutMs: 120_000,
      });

    // 1. open-promote-pr, dispatched: staging -> production, every changed app judged.
    const opened = take(
      'open-promote-pr',
      await run('open-promote-pr', {
        event: {
          name: 'workflow_dispatch',
          payload: adaptPayload(examplePayload('workflow_dispatch'), {
            owner: OWNER,
            repo: REPO,
            ref: 'refs/heads/main',
            inputs: {},
            sender: 'dana',
          }),
        },
        cwd: clone(emu, base, join(dir, 'promote')),
        sha: base,
      }),
    );
    if (opened.exitCode !== 0 || opened.outputs.operation !== 'created')
      fail(`open-promote-pr (operation ${opened.outputs.operation})`, opened);
    const number = Number(opened.outputs['pr-number']);
    const pr = () => emu.state.pulls.find((p) => p.number === number)!;
    const prEvent = (action: 'synchronize' | 'closed') => ({
      name: 'pull_request',
      payload: adaptPayload(examplePayload('pull_request', action), {
        owner: OWNER,
        repo: REPO,
        number,
        title: pr().title,
        headRef: pr().head.ref,
        headSha: pr().head.sha,
        baseRef: 'main',
        baseSha: base,
        merged: action === 'closed',
        mergeCommitSha: action === 'closed' ? (pr().merge_commit_sha ?? null) : null,
        author: 'promote-bot',
        sender: 'dana',
      }),
    });

    // 2. preflight-gates on the PR.
    const headSha = pr().head.sha;
    const pf = take(
      'preflight-gates',
      await run('preflight-gates', {
        event: prEvent('synchronize'),
        cwd: clone(emu, headSha, join(dir, 'preflight')),
        sha: headSha,
      }),
    );
    if (pf.outputs.result !== 'pass') fail(`preflight-gates (result ${pf.outputs.result})`, pf);

    // A person merges the PR: not an action's request.
    const res = await fetch(`${emu.url}/repos/${OWNER}/${REPO}/pulls/${number}/merge`, {
      method: 'PUT',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ merge_method: 'merge' }),
    });
    const merged = (await res.json()) as { sha?: string; message?: string };
    if (!res.ok || !merged.sha) throw new Error(`merge refused: ${res.status} ${merged.message}`);
    const mergeSha = merged.sha;
    seen = emu.requests.length;

    // 3. on-merge's guard: which apps the merge deploys.
    const guard = take(
      'guard',
      await run('migrate-with-rollback', {
        inputs: { mode: 'guard' },
        event: prEvent('closed'),
        sha: mergeSha,
      }),
    );
    if (guard.exitCode !== 0) fail('migrate-with-rollback mode guard', guard);
    if (guard.outputs.apps !== JSON.stringify(changed))
      throw new Error(`guard listed ${guard.outputs.apps}, expected ${JSON.stringify(changed)}`);

    // 4. on-merge's release leg of each changed app (migrate and smoke legs left out).
    const releaseCheckout = clone(emu, mergeSha, join(dir, 'release'));
    const tags: string[] = [];
    for (const app of changed) {
      const rel = take(
        'tag-release',
        await run('tag-release', {
          inputs: { app, seal: 'green', history: 'git', sha: mergeSha },
          event: prEvent('closed'),
          cwd: releaseCheckout,
          sha: mergeSha,
        }),
        app,
      );
      if (rel.exitCode !== 0 || !rel.outputs.tag) fail(`tag-release app ${app}`, rel);
      tags.push(rel.outputs.tag);
      // The next leg's checkout sees this leg's changelog commit, as a fresh job would.
      execFileSync('git', ['-C', releaseCheckout, 'fetch', '-q', '--tags', 'origin']);
    }
    if (emu.contractViolations.length || emu.unimplemented.length)
      throw new Error(`emulator: ${[...emu.contractViolations, ...emu.unimplemented].join('; ')}`);
    return {
      n,
      k,
      steps,
      ms: performance.now() - t0,
      facts: {
        operation: opened.outputs.operation ?? '',
        preflight: pf.outputs.result ?? '',
        guardApps: guard.outputs.apps ?? '',
        tags,
      },
    };
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- measure

const loadStart = loadavg();
const results: Promotion[][] = [];
for (const w of WORLDS) {
  const runs: Promotion[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await promotion(w.n, w.k));
    process.stderr.write(
      `apps-cost: N=${w.n} K=${w.k} run ${i + 1}/${RUNS} in ${runs.at(-1)!.ms.toFixed(0)} ms\n`,
    );
  }
  results.push(runs);
}
const loadEnd = loadavg();

const rest = (rs: RecordedRequest[]) => rs.filter((r) => !r.git);
const signature = (p: Promotion) =>
  p.steps.map((s) => `${s.action}:${s.requests.length}`).join(',');
const stable = results.every((runs) => runs.every((p) => signature(p) === signature(runs[0]!)));
const first = results.map((runs) => runs[0]!);

interface Row {
  n: number;
  k: number;
  per: Record<ActionName, number>;
  writes: number;
  git: number;
  total: number;
  /** tag-release requests of each leg. */
  legs: number[];
}
const rows: Row[] = first.map((p) => {
  const per = Object.fromEntries(
    ACTIONS.map((a) => [
      a,
      p.steps.filter((s) => s.action === a).reduce((n, s) => n + rest(s.requests).length, 0),
    ]),
  ) as Record<ActionName, number>;
  const all = p.steps.flatMap((s) => s.requests);
  return {
    n: p.n,
    k: p.k,
    per,
    writes: rest(all).filter((r) => WRITES.has(r.method)).length,
    git: all.filter((r) => r.git).length,
    total: rest(all).length,
    legs: p.steps.filter((s) => s.action === 'tag-release').map((s) => rest(s.requests).length),
  };
});

/** Requests by operation, e.g. "GET repos/list-deployments x3". */
function ops(rs: RecordedRequest[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rest(rs)) {
    const key = `${r.method} ${r.operationId ?? r.path}`;
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}
const fmtOps = (m: Map<string, number>) =>
  [...m].map(([k, n]) => (n > 1 ? `${k} x${n}` : k)).join(', ');

// Same K, N = 50 against N = 1 (K = 1) or N = 10 (K = 5): equal per action, and if not, where.
const comparisons = [1, 5].flatMap((k) => {
  const same = rows.filter((r) => r.k === k);
  if (same.length < 2) return [];
  const lo = same[0]!;
  const hi = same.at(-1)!;
  const diffs: string[] = [];
  for (const a of ACTIONS) {
    const loOps = ops(
      first
        .find((p) => p.n === lo.n && p.k === k)!
        .steps.filter((s) => s.action === a)
        .flatMap((s) => s.requests),
    );
    const hiOps = ops(
      first
        .find((p) => p.n === hi.n && p.k === k)!
        .steps.filter((s) => s.action === a)
        .flatMap((s) => s.requests),
    );
    for (const key of new Set([...loOps.keys(), ...hiOps.keys()])) {
      const d = (hiOps.get(key) ?? 0) - (loOps.get(key) ?? 0);
      if (d) diffs.push(`${a}: ${key} ${d > 0 ? '+' : ''}${d}`);
    }
  }
  return [
    { k, lo, hi, equal: diffs.length === 0 && same.every((r) => r.total === lo.total), diffs },
  ];
});
const flat = comparisons.every((c) => c.equal);
// Growth with K at N = 50: requests per extra changed app.
const k1 = rows.find((r) => r.n === 50 && r.k === 1)!;
const k5 = rows.find((r) => r.n === 50 && r.k === 5)!;
const perApp = (k5.total - k1.total) / (k5.k - k1.k);

// What each extra changed app costs, by action and operation (N = 50: K = 5 minus K = 1).
const opsOf = (p: Promotion, a: ActionName) =>
  ops(p.steps.filter((s) => s.action === a).flatMap((s) => s.requests));
const p1 = first.find((p) => p.n === 50 && p.k === 1)!;
const p5 = first.find((p) => p.n === 50 && p.k === 5)!;
const perAppOps = ACTIONS.map((a) => {
  const lo = opsOf(p1, a);
  const hi = opsOf(p5, a);
  const parts = [...new Set([...lo.keys(), ...hi.keys()])]
    .map((key) => [key, ((hi.get(key) ?? 0) - (lo.get(key) ?? 0)) / (p5.k - p1.k)] as const)
    .filter(([, d]) => d !== 0)
    .map(([key, d]) => `${key} ${d > 0 ? '+' : ''}${Number(d.toFixed(2))}`);
  return `- ${a}: ${parts.length ? parts.join(', ') : 'nothing'}`;
});

const md = [
  '# Apps cost: GitHub requests per promotion vs apps declared and apps changed',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${cpus()[0]?.model ?? 'cpu'} x ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${osRelease()}, Node ${process.version} (shared with other jobs); load average (1 min) ${loadStart[0]!.toFixed(2)} at start, ${loadEnd[0]!.toFixed(2)} at end`,
  `- Command: \`npx tsx bench/apps-cost.bench.ts\` (RUNS=${RUNS}: each world built and promoted ${RUNS} times; the dist bundles run as the runner runs them against the loopback GitHub emulator, which records every request)`,
  `- Counts identical in all ${RUNS} runs of each world: ${stable ? 'yes' : '**no** (first run shown)'}`,
  '- The world: `.github/promotion.yml` declares N apps (`apps/app-<i>/**`) and stages staging -> production (staging soak 1h, sealed 2h before the run); main has each app\'s source, changelog and tag `app-<i>-v1.0.0`; staging has one merge per changed app, each deployed to staging by its own leg (deploy:migrate, `payload.app`) and sealed green ("Smoke seal green"). The changed apps are spread over the declared ones (app-1, app-11, app-21, ... at N = 50, K = 5).',
  '- One promotion: open-promote-pr (dispatch, into production: every changed app judged where it last changed), preflight-gates on the PR (soak gate per changed app; ci and branch-protection gates off, no CI in this world), the PR merged by a person (not counted), migrate-with-rollback `mode: guard` on the merge, tag-release of each changed app (`seal: green`, `history: git` on a full clone: 0 git requests). REST requests counted; git smart-HTTP requests in their own column.',
  "- Left out: on-merge's migrate and smoke legs (they need each app's database and endpoints). on-merge runs one of each per app the guard lists, so they cost per changed app by construction and nothing per app declared.",
  '',
  '| Apps declared (N) | Apps changed (K) | open-promote-pr | preflight-gates | migrate-with-rollback guard | tag-release (all legs) | Total | Writes | git requests |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.n} | ${r.k} | ${r.per['open-promote-pr']} | ${r.per['preflight-gates']} | ${r.per.guard} | ${r.per['tag-release']} (${r.legs.join(' + ')}) | **${r.total}** | ${r.writes} | ${r.git} |`,
  ),
  '',
  ...comparisons.map(
    (c) =>
      `- K = ${c.k}: total at N = ${c.hi.n} vs N = ${c.lo.n}: **${c.hi.total} vs ${c.lo.total}** (${c.equal ? 'equal: flat in apps declared' : `**differs by ${c.hi.total - c.lo.total}**`})${c.diffs.length ? `; by operation: ${c.diffs.join('; ')}` : ''}.`,
  ),
  `- Growth with apps changed at N = 50: ${k1.total} requests at K = 1, ${k5.total} at K = 5: **${perApp.toFixed(1)} requests per extra changed app** (open-promote-pr ${((k5.per['open-promote-pr'] - k1.per['open-promote-pr']) / (k5.k - k1.k)).toFixed(1)}, preflight-gates ${((k5.per['preflight-gates'] - k1.per['preflight-gates']) / (k5.k - k1.k)).toFixed(1)}, guard ${((k5.per.guard - k1.per.guard) / (k5.k - k1.k)).toFixed(1)}, tag-release ${((k5.per['tag-release'] - k1.per['tag-release']) / (k5.k - k1.k)).toFixed(1)}).`,
  '',
  `**API requests per promotion vs apps declared**: ${flat ? 'flat' : '**grows**'} in apps declared (${comparisons.map((c) => `K = ${c.k}: ${c.lo.total} at N = ${c.lo.n}, ${c.hi.total} at N = ${c.hi.n}`).join('; ')}); ${perApp.toFixed(1)} per app changed.`,
  '',
  "Per extra changed app, by operation (N = 50, K = 5 minus K = 1, divided by 4). open-promote-pr and preflight-gates judge each changed app where it last changed (`readAppAtHead`: one page of the environment's deploy:migrate deployments, a compare when the app was deployed at an older commit than the head, then the app's deployment of that SHA and its statuses); tag-release is one leg per changed app:",
  '',
  ...perAppOps,
  '',
  'Requests by operation, N = 50, K = 5:',
  '',
  ...ACTIONS.map(
    (a) =>
      `- ${a}: ${fmtOps(
        ops(
          first
            .find((p) => p.n === 50 && p.k === 5)!
            .steps.filter((s) => s.action === a)
            .flatMap((s) => s.requests),
        ),
      )}`,
  ),
  '',
  `What each run said (first run of each world): ${first.map((p) => `N=${p.n} K=${p.k}: PR ${p.facts.operation}, preflight ${p.facts.preflight}, guard apps ${p.facts.guardApps}, tags ${p.facts.tags.join(' ')}`).join('; ')}.`,
  '',
].join('\n');
writeFileSync(join(import.meta.dirname, 'results', 'apps-cost.md'), md);
process.stdout.write(md);
