/**
 * The migrations gate on a 200-migration history: wall time of finding and judging what a
 * promotion runs (readMigrationFacts, the gate's whole cost besides the PR file list it shares).
 * SQLite: the 197 applied files replayed on a scratch node:sqlite database, then 3 added files
 * judged statement by statement. PostgreSQL: Squawk (the devDependency's binary) on the 3 added
 * files, and on all 200 (the worst case: production has applied none of them).
 *
 *   npx tsx bench/migrations-gate.bench.ts          # writes bench/results/migrations-gate.md
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { promotionConfigSchema } from '../packages/core/src/config/schema.js';
import type { MigrateConfig } from '../packages/core/src/config/sections/migrate.js';
import { createExec } from '../packages/core/src/exec.js';
import { readMigrationFacts } from '../packages/core/src/gates/migrations/collect-migrations.js';
import { memoryLogger } from '../packages/core/src/logger.js';
import { median } from './stats.js';

const HISTORY = 200;
const ADDED = 3;
const RUNS = Number(process.env.RUNS ?? 3);
const SQUAWK = join(process.cwd(), 'node_modules/.bin/squawk');
const exec = createExec({ logger: memoryLogger() });

const name = (i: number) => `${String(i).padStart(4, '0')}_step.sql`;

/** Each migration adds a table and, every fifth one, a column and an index on an earlier table. */
function migration(i: number): string {
  const lines = [`CREATE TABLE t${i} (id INTEGER PRIMARY KEY, name TEXT, created TEXT);`];
  if (i % 5 === 0 && i > 0) {
    lines.push(`ALTER TABLE t${i - 1} ADD COLUMN extra${i} TEXT;`);
    lines.push(`CREATE INDEX t${i - 1}_name ON t${i - 1} (name);`);
  }
  return lines.join('\n') + '\n';
}

async function measure(
  preset: 'postgres' | 'sqlite',
  addedCount: number,
): Promise<{ ms: number; pending: number; findings: number }> {
  const workspace = mkdtempSync(join(tmpdir(), 'bench-migrations-'));
  mkdirSync(join(workspace, 'migrations'));
  for (let i = 0; i < HISTORY; i++)
    writeFileSync(join(workspace, 'migrations', name(i)), migration(i));
  const added = Array.from({ length: addedCount }, (_, k) => ({
    filename: `migrations/${name(HISTORY - 1 - k)}`,
    status: 'added',
    additions: 3,
    deletions: 0,
  }));
  const config = promotionConfigSchema().parse({
    migrate: { preset },
    preflight: { migrations: { squawk: [SQUAWK] } },
  });
  const times: number[] = [];
  let last = { pending: 0, findings: 0 };
  try {
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const m = await readMigrationFacts(
        { exec, env: {}, workspace, readBase: async () => null },
        config.migrate as MigrateConfig,
        config.preflight.migrations!,
        added,
      );
      times.push(performance.now() - t0);
      last = { pending: m.pending.length, findings: m.findings.length };
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  return { ms: median(times), ...last };
}

const rows = [
  ['SQLite (node:sqlite replay of 197 + judge 3)', await measure('sqlite', ADDED)],
  ['PostgreSQL (Squawk on the 3 added files)', await measure('postgres', ADDED)],
  ['PostgreSQL (Squawk on all 200 files)', await measure('postgres', HISTORY)],
] as const;

/**
 * What the gate adds to the preflight-gates bundle: the minified bytes esbuild puts in the bundle
 * from the gate's own modules (scripts/build.mjs's settings; node:sqlite and Squawk are not
 * bundled: one is Node's, the other a command on the runner).
 */
async function gateBytes(): Promise<{ gate: number; bundle: number }> {
  const result = await esbuild.build({
    entryPoints: ['actions/preflight-gates/src/index.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    mainFields: ['module', 'main'],
    outdir: mkdtempSync(join(tmpdir(), 'promote-bench-gate-')),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  let gate = 0;
  let bundle = 0;
  for (const output of Object.values(result.metafile.outputs)) {
    bundle += output.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (input.includes('gates/migrations/')) gate += bytesInOutput;
    }
  }
  return { gate, bundle };
}
const size = await gateBytes();

const out = [
  '# migrations gate: 200-migration history',
  '',
  `- Date: ${new Date().toISOString()}`,
  `- ${platform()} ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, median of ${RUNS} runs.`,
  `- What it adds to the preflight-gates bundle: ${size.gate.toLocaleString('en')} bytes of minified code (packages/core/src/gates/migrations/), of ${size.bundle.toLocaleString('en')} bytes in all (esbuild, minified, before the build's route trimming); node:sqlite is Node's own and Squawk a command on the runner, so neither is bundled.`,
  '',
  '| case | pending judged | findings | wall time |',
  '| --- | ---: | ---: | ---: |',
  ...rows.map(([what, r]) => `| ${what} | ${r.pending} | ${r.findings} | ${r.ms.toFixed(0)} ms |`),
  '',
].join('\n');
const file = join(process.cwd(), 'bench/results/migrations-gate.md');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, out);
console.log(out);
