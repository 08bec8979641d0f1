/**
 * prod-smoke-seal: N health endpoints that each take 200 ms, checked concurrently by the action's own
 * engine (plan -> runHttpCheck through mapLimit) against a sequential baseline: one URL after
 * another, as common health-check actions do (url-health-check-action loops over its URLs).
 * Loopback only (a local HTTP server), so the figures are the engine's, not a network's.
 *
 *   npx tsx bench/prod-smoke-seal.bench.ts          # writes bench/results/prod-smoke-seal.md
 *   RUNS=1 SIZES=10,50 npx tsx bench/prod-smoke-seal.bench.ts
 */
import { writeFileSync } from 'node:fs';
import { cpus, platform, release as osRelease, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../packages/core/src/clock.js';
import { smokeSection } from '../packages/core/src/config/sections/smoke.js';
import { memoryLogger } from '../packages/core/src/logger.js';
import { createSecretMasker } from '../packages/core/src/secrets.js';
import { mapLimit } from '../actions/prod-smoke-seal/src/concurrency.js';
import { runHttpCheck } from '../actions/prod-smoke-seal/src/http-check.js';
import { planSmoke } from '../actions/prod-smoke-seal/src/plan.js';
import { startHttpFixtures } from '../test/support/http-fixtures.js';
import { median } from './stats.js';

const SIZES = (process.env.SIZES ?? '10,50,200').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 5);
// Sequential runs cost N x 200 ms each; fewer of them keeps the bench under 3 minutes.
const SEQUENTIAL_RUNS = Number(process.env.SEQUENTIAL_RUNS ?? 3);
const LATENCY_MS = 200;

const server = await startHttpFixtures();

async function once(
  size: number,
  concurrency: number,
): Promise<{ ms: number; maxInFlight: number }> {
  server.resetCounters();
  const logger = memoryLogger();
  const masker = createSecretMasker(logger);
  const plan = planSmoke(
    smokeSection().parse({
      'base-url': server.url,
      concurrency,
      checks: Array.from({ length: size }, (_, i) => ({
        name: `endpoint-${i}`,
        path: `/delay?ms=${LATENCY_MS}&i=${i}`,
      })),
    }),
    { env: {}, masker },
  );
  const started = performance.now();
  const results = await mapLimit(plan.checks, plan.concurrency, (spec) =>
    runHttpCheck(spec, { clock: systemClock, mask: masker.mask }),
  );
  const ms = performance.now() - started;
  if (!results.every((r) => r.ok))
    throw new Error(`bench: a check failed: ${results.find((r) => !r.ok)?.reason}`);
  return { ms, maxInFlight: server.maxInFlight };
}

async function measure(size: number, concurrency: number, runs: number) {
  await once(Math.min(size, 5), concurrency); // warm-up: JIT, sockets
  const times: number[] = [];
  let inFlight = 0;
  for (let i = 0; i < runs; i++) {
    const r = await once(size, concurrency);
    times.push(r.ms);
    inFlight = r.maxInFlight;
  }
  return { median: median(times), inFlight };
}

const rows: string[] = [];
const single = await measure(1, 1, RUNS);
for (const size of SIZES) {
  const sequential = await measure(size, 1, size >= 200 ? 1 : SEQUENTIAL_RUNS);
  const byDefault = await measure(size, 10, RUNS);
  const wide = await measure(size, Math.min(size, 50), RUNS);
  rows.push(
    `| ${size} | ${Math.round(sequential.median)} ms | ${Math.round(byDefault.median)} ms (${byDefault.inFlight} in flight) | ${Math.round(wide.median)} ms (${wide.inFlight} in flight) | ${(sequential.median / wide.median).toFixed(1)}x | ${(wide.median / single.median).toFixed(2)}x |`,
  );
  console.log(rows.at(-1));
}
await server.close();

const text = `# prod-smoke-seal: concurrent checks vs one URL after another

Each endpoint answers after ${LATENCY_MS} ms (loopback HTTP server). "Sequential" is the baseline
common health-check actions use (one URL after another, concurrency 1 through the same engine);
"10" is concurrency 10; "50" is \`smoke.concurrency\`'s default (or N when smaller). The last column
compares the wide run with a single endpoint's latency (target: 50 endpoints within 2x).
In-flight counts are measured at the server, not inferred from time.

| Endpoints | Sequential | Concurrent, 10 | Concurrent, 50 | Speed-up vs sequential | Wide vs one endpoint (${Math.round(single.median)} ms) |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

- Command: \`npx tsx bench/prod-smoke-seal.bench.ts\` (RUNS=${RUNS}; sequential: ${SEQUENTIAL_RUNS} runs, 1 run at 200 endpoints)
- Median of the runs; a warm-up run first.
- Machine: ${platform()} ${osRelease()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; shared with other jobs, so expect noise.
- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC
`;
writeFileSync(new URL('./results/prod-smoke-seal.md', import.meta.url), text);
console.log(text);
