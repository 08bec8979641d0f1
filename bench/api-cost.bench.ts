/**
 * API cost: GitHub requests each action spends in the end-to-end flow of `npm run demo`
 * (scripts/demo/story.ts: the bundles run as the runner runs them against the GitHub emulator,
 * which records every request). Two promotions: the first refused by preflight on Friday evening,
 * passed on Wednesday, merged, migrated, sealed, tagged; the second's migration fails and is
 * rolled back. Request counts are deterministic; the demo runs RUNS times to check that and to
 * time it.
 *
 *   npx tsx bench/api-cost.bench.ts           # writes bench/results/api-cost.md
 */
import { writeFileSync } from 'node:fs';
import { cpus, platform, release as osRelease, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runDemo } from '../scripts/demo/story.js';
import type { RecordedRequest } from '../test/support/emulator/server.js';
import { median } from './stats.js';

const RUNS = Number(process.env.RUNS ?? 3);
/** GITHUB_TOKEN: 1,000 requests per hour per repository (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#primary-rate-limit-for-github_token-in-github-actions). */
const BUDGET = 1000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Step {
  action: string;
  exitCode: number | null;
  requests: RecordedRequest[];
}

/** The demo merges PRs itself (a person pressing Merge): not an action's request. */
const byDemo = (r: RecordedRequest) => r.method === 'PUT' && /\/pulls\/\d+\/merge$/.test(r.path);

async function oneDemo(): Promise<{ steps: Step[]; ms: number }> {
  const steps: Step[] = [];
  let seen = 0;
  const t0 = performance.now();
  await runDemo({
    quiet: true,
    onRun: (action, result, world) => {
      const all = world.emulator.requests;
      steps.push({
        action,
        exitCode: result.exitCode,
        requests: all.slice(seen).filter((r) => !byDemo(r)),
      });
      seen = all.length;
    },
  });
  return { steps, ms: performance.now() - t0 };
}

const demos: { steps: Step[]; ms: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  demos.push(await oneDemo());
  process.stderr.write(`api-cost: demo ${i + 1}/${RUNS} in ${demos.at(-1)!.ms.toFixed(0)} ms\n`);
}
const signature = (d: { steps: Step[] }) =>
  d.steps.map((s) => `${s.action}:${s.requests.length}`).join(',');
const stable = demos.every((d) => signature(d) === signature(demos[0]!));
const steps = demos[0]!.steps;

// The story's order of runs (scripts/demo/story.ts), named for the table.
const SCENARIOS = [
  'open-promote-pr: first promotion (branch, PR, labels, reviewer)',
  'preflight-gates: Friday 18:30, refused by the freeze',
  'preflight-gates: Wednesday 14:30, passes',
  'migrate-with-rollback: migrate (backup, verify, migrate, deployment)',
  'prod-smoke-seal: checks + seal',
  'tag-release: version, CHANGELOG, tag, release',
  'open-promote-pr: second promotion',
  'preflight-gates: Wednesday, passes',
  'migrate-with-rollback: migration fails, rolled back',
];
const count = (rs: RecordedRequest[]) => {
  const writes = rs.filter((r) => WRITES.has(r.method)).length;
  return { total: rs.length, writes, reads: rs.length - writes };
};
const rows = steps.map((s, i) => ({
  ...s,
  scenario: SCENARIOS[i] ?? s.action,
  ...count(s.requests),
}));
// One promotion, as a team runs it: open the PR, one passing preflight, then the merge chain.
const promotion = [0, 2, 3, 4, 5].map((i) => rows[i]!).filter(Boolean);
const perPromotion = promotion.reduce((a, r) => a + r.total, 0);
const promotionWrites = promotion.reduce((a, r) => a + r.writes, 0);
const ops = (rs: RecordedRequest[]) => {
  const m = new Map<string, number>();
  for (const r of rs) {
    const k = `${r.method} ${r.operationId ?? r.path}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].map(([k, n]) => (n > 1 ? `${k} x${n}` : k)).join(', ');
};
const pct = (n: number) => `${((n / BUDGET) * 100).toFixed(1)} %`;

const md = [
  '# API cost: GitHub requests per action in the end-to-end flow',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${cpus()[0]?.model ?? 'cpu'} x ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${platform()} ${osRelease()}, Node ${process.version} (shared with other jobs)`,
  `- Command: \`npx tsx bench/api-cost.bench.ts\` (RUNS=${RUNS}: the flow of \`npm run demo\`, scripts/demo/story.ts, each bundle run as the runner runs it against the loopback GitHub emulator, which records every request; the demo's own merge of each PR is left out)`,
  `- Counts identical in all ${RUNS} runs: ${stable ? 'yes' : '**no** (first run shown)'}; demo wall time (median): ${(median(demos.map((d) => d.ms)) / 1000).toFixed(1)} s`,
  `- Budget: GITHUB_TOKEN has ${BUDGET.toLocaleString('en')} requests per hour per repository ([rate limits for GITHUB_TOKEN](https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#primary-rate-limit-for-github_token-in-github-actions)); share = requests / ${BUDGET.toLocaleString('en')}.`,
  '',
  '| Run | Exit | Requests | Writes | Reads | Share of the hourly budget |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.exitCode} | ${r.total} | ${r.writes} | ${r.reads} | ${pct(r.total)} |`,
  ),
  '',
  `**One promotion** (open-promote-pr, one passing preflight-gates, migrate-with-rollback, prod-smoke-seal, tag-release): **${perPromotion} requests** (${promotionWrites} writes), ${pct(perPromotion)} of the hourly GITHUB_TOKEN budget: **${Math.floor(BUDGET / Math.max(1, perPromotion))} promotions per hour** fit in one repository's budget (each extra preflight re-run on a push to the PR costs ${rows[2]?.total ?? '?'} more).`,
  '',
  'Requests per run, by operation:',
  '',
  ...rows.map((r) => `- ${r.scenario}: ${ops(r.requests)}`),
  '',
].join('\n');
writeFileSync(join(import.meta.dirname, 'results', 'api-cost.md'), md);
process.stdout.write(md);
