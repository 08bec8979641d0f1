/**
 * open-promote-pr: (1) the PR body for promotions of 10 to 5,000 commits (time to render, size
 * against GitHub's 65,536-character limit, commits listed before the "full compare" link);
 * (2) the API cost of one promotion against the GitHub emulator (real git underneath): requests
 * and writes for the first run, a re-run with nothing new, and a run after staging advanced.
 * Loopback only.
 *
 *   npx tsx bench/open-promote-pr.bench.ts          # writes bench/results/open-promote-pr.md
 *   RUNS=1 npx tsx bench/open-promote-pr.bench.ts
 */
import { writeFileSync } from 'node:fs';
import { cpus, platform, release as osRelease, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { mergeBody, type BodyInput } from '../actions/open-promote-pr/src/body.js';
import { createWorld } from '../test/actions/open-promote-pr/world.js';
import { median } from './stats.js';

const RUNS = Number(process.env.RUNS ?? 5);
const sha = (n: number) => n.toString(16).padStart(40, '0');

function bodyInput(commits: number): BodyInput {
  return {
    owner: 'acme',
    repo: 'config-repo',
    serverUrl: 'https://github.com',
    name: 'sprint-15',
    branch: 'promote/sprint-15-20260503-1432',
    production: { branch: 'main', sha: 'b'.repeat(40) },
    staging: { branch: 'staging', sha: 'a'.repeat(40) },
    aheadBy: commits,
    commits: Array.from({ length: commits }, (_, i) => ({
      sha: sha(i + 1),
      message: `${['feat', 'fix', 'chore', 'perf'][i % 4]}(area-${i % 37}): change number ${i} with a realistic subject line (#${1000 + i})`,
    })),
    files: Array.from(
      { length: Math.min(300, commits) },
      (_, i) => `src/area-${i % 37}/file-${i}.ts`,
    ),
    filesMaybeTruncated: commits >= 300,
    areas: { api: ['src/area-1/**'], db: ['migrations/**'] },
    rollbackCommand:
      'gh workflow run promote-rollback.yml --repo acme/config-repo --ref main -f release=RELEASE_TAG',
    checklist: ['Looks right'],
    rotation: { reviewer: { kind: 'user', id: 'alice' }, skipped: [] },
    runUrl: 'https://github.com/acme/config-repo/actions/runs/1',
    actor: 'deployer',
  };
}

const bodyRows: string[] = [];
for (const n of [10, 250, 1000, 5000]) {
  const input = bodyInput(n);
  mergeBody('', input); // warm-up
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    body = mergeBody('Human notes above the block.\n', input);
    times.push(performance.now() - t);
  }
  const listed = (body.match(/^- .*\(\[[0-9a-f]{7}\]\(/gm) ?? []).length;
  bodyRows.push(
    `| ${n} | ${median(times).toFixed(1)} ms | ${body.length.toLocaleString('en-US')} | ${listed} | ${body.length <= 65536 ? 'yes' : 'NO'} |`,
  );
}

interface Cost {
  ms: number[];
  requests: number;
  writes: number;
}
const costs: Record<string, Cost> = {
  first: { ms: [], requests: 0, writes: 0 },
  rerun: { ms: [], requests: 0, writes: 0 },
  advanced: { ms: [], requests: 0, writes: 0 },
};
for (let i = 0; i < RUNS; i++) {
  const world = await createWorld(['alice', 'bob']);
  world.writeConfig('promote:\n  reviewers:\n    users: [alice, bob]\n');
  for (let c = 0; c < 20; c++)
    await world.commitToStaging(`feat(area-${c % 5}): change ${c} (#${100 + c})`);
  const step = async (key: string) => {
    const before = world.emu.requests.length;
    const beforeWrites = world.emu.requests.filter((r) => r.method !== 'GET').length;
    const t = performance.now();
    const r = await world.promote();
    if (r.failed) throw new Error(r.failed);
    costs[key]!.ms.push(performance.now() - t);
    costs[key]!.requests = world.emu.requests.length - before;
    costs[key]!.writes = world.emu.requests.filter((q) => q.method !== 'GET').length - beforeWrites;
  };
  await step('first');
  await step('rerun');
  await world.commitToStaging('fix: one more');
  await step('advanced');
  await world.close();
}

const text = `# open-promote-pr: body size and API cost

## PR body for large promotions

GitHub refuses a PR body over 65,536 characters (a 422 no retry fixes). The body keeps human text
outside the markers, lists commits grouped by type, and shortens the list (with a link to the full
compare) so the whole body fits.

| Commits | Render (median) | Body characters | Commits listed | Within 65,536 |
| --- | --- | --- | --- | --- |
${bodyRows.join('\n')}

## API requests per run (emulator, 20 commits, reviewer rotation of 2)

| Run | Wall time (median, in-process, loopback) | Requests | Of which writes |
| --- | --- | --- | --- |
| First promotion (branch, PR, label, reviewer) | ${median(costs.first!.ms).toFixed(0)} ms | ${costs.first!.requests} | ${costs.first!.writes} |
| Re-run, nothing new | ${median(costs.rerun!.ms).toFixed(0)} ms | ${costs.rerun!.requests} | ${costs.rerun!.writes} |
| Staging advanced by one commit | ${median(costs.advanced!.ms).toFixed(0)} ms | ${costs.advanced!.requests} | ${costs.advanced!.writes} |

- Command: \`npx tsx bench/open-promote-pr.bench.ts\` (RUNS=${RUNS}); median of the runs, a warm-up render first.
- The emulator validates every request and response against GitHub's OpenAPI description, so wall
  times are dominated by that validation and by git; the request counts are what GitHub would see.
- Machine: ${platform()} ${osRelease()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; shared with other jobs, so expect noise.
- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC
`;
writeFileSync(new URL('./results/open-promote-pr.md', import.meta.url), text);
console.log(text);
