#!/usr/bin/env node
// Fails when the committed dist/ is not what the sources build to: rebuilds every action into a
// temporary folder and compares byte for byte. Also fails when an action.yml points at a bundle
// that does not exist, and when the umbrella action is stale.
//   node scripts/check-dist.mjs            (npm run check-dist)
//   node scripts/check-dist.mjs --keep     keep the fresh build and print where it is
//   node scripts/check-dist.mjs --root <dir>  check another checkout (tests use a fixture)
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, readManifest } from './actions.mjs';
import { build, listFiles } from './build.mjs';

const keep = process.argv.includes('--keep');
const rootArg = process.argv.indexOf('--root');
const root = rootArg >= 0 ? resolve(process.argv[rootArg + 1] ?? '') : ROOT;
const problems = [];

const umbrella = spawnSync(
  process.execPath,
  [join(ROOT, 'scripts', 'generate-umbrella.mjs'), '--check', '--root', root],
  { encoding: 'utf8' },
);
if (umbrella.status !== 0) problems.push(umbrella.stderr.trim() || 'the umbrella action is stale');

// Every action.yml (including ones still being written) must point at a bundle that exists.
const manifests = [join(root, 'action.yml')];
if (existsSync(join(root, 'actions'))) {
  for (const d of readdirSync(join(root, 'actions'), { withFileTypes: true })) {
    if (d.isDirectory() && existsSync(join(root, 'actions', d.name, 'action.yml'))) {
      manifests.push(join(root, 'actions', d.name, 'action.yml'));
    }
  }
}
for (const file of manifests.filter((f) => existsSync(f))) {
  const { runs } = readManifest(file);
  for (const entry of ['pre', 'main', 'post']) {
    if (!runs[entry]) continue;
    const target = resolve(file, '..', runs[entry]);
    if (!existsSync(target)) {
      problems.push(
        `${relative(root, file)}: runs.${entry} points at ${relative(root, target)}, which does not exist.`,
      );
    }
  }
}

const fresh = mkdtempSync(join(tmpdir(), 'promote-check-dist-'));
try {
  await build({ root, out: fresh, toDist: false });
  const distDir = join(root, 'dist');
  // A .<name>.building folder is a build in progress elsewhere, not part of dist/.
  const committed = new Set(
    listFiles(distDir).filter((f) => !f.endsWith('.gitkeep') && !f.startsWith('.')),
  );
  const built = new Set(listFiles(fresh));
  const differing = [];
  for (const f of built) {
    if (!committed.has(f)) differing.push(`missing from dist/: ${f}`);
    else if (!readFileSync(join(fresh, f)).equals(readFileSync(join(distDir, f))))
      differing.push(`differs: dist/${f}`);
  }
  for (const f of committed)
    if (!built.has(f)) differing.push(`not built from any source (stale?): dist/${f}`);
  if (differing.length) {
    problems.push(`dist/ is not what the sources build to:\n  ${differing.join('\n  ')}`);
  }
} catch (error) {
  problems.push(`build failed: ${error.message}`);
} finally {
  if (keep) console.log(`fresh build kept in ${fresh}`);
  else rmSync(fresh, { recursive: true, force: true });
}

if (problems.length) {
  console.error(
    `check-dist failed:\n\n${problems.join('\n\n')}\n\nFix: npm run build, then commit dist/ (and action.yml, src/umbrella/steps.generated.ts).`,
  );
  process.exit(1);
}
console.log('dist/ matches a fresh build.');
