// Shared by build.mjs, check-dist.mjs and generate-umbrella.mjs: which actions exist and where
// their bundles go. An action exists when actions/<name>/ has action.yml, src/index.ts and
// src/main.ts (the umbrella imports main.ts; an action still being written is skipped, and
// check-dist fails if any action.yml points at a bundle that is not in dist/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const UMBRELLA = 'promote';
export const CLI = 'cli';

/** Entry points the runner knows, the source each is built from, and its bundle folder. */
const ENTRIES = {
  main: { source: 'index.ts', out: '' },
  pre: { source: 'pre.ts', out: 'pre' },
  post: { source: 'post.ts', out: 'post' },
};

export function readManifest(file) {
  const doc = parse(readFileSync(file, 'utf8'));
  if (!doc || typeof doc !== 'object' || !doc.runs) throw new Error(`${file}: no runs section`);
  return doc;
}

/**
 * Every buildable action, sorted by name: { name, dir, manifest, builds: [{ entry, source, outDir }] }.
 * `skipped` lists action folders with an action.yml but no src/index.ts or src/main.ts yet.
 */
export function discoverActions(rootDir = ROOT) {
  const root = resolve(rootDir);
  const actionsDir = join(root, 'actions');
  const names = existsSync(actionsDir)
    ? readdirSync(actionsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(actionsDir, d.name, 'action.yml')))
        .map((d) => d.name)
        .sort()
    : [];
  const actions = [];
  const skipped = [];
  for (const name of names) {
    const dir = join(actionsDir, name);
    if (!existsSync(join(dir, 'src', 'index.ts')) || !existsSync(join(dir, 'src', 'main.ts'))) {
      skipped.push(name);
      continue;
    }
    const manifest = readManifest(join(dir, 'action.yml'));
    actions.push({
      name,
      dir,
      manifest,
      builds: plannedBuilds(root, name, dir, join(dir, 'src'), manifest),
    });
  }
  return { actions, skipped };
}

/** The umbrella action at the repository root (built from src/umbrella/). */
export function umbrellaAction(rootDir = ROOT) {
  const root = resolve(rootDir);
  const file = join(root, 'action.yml');
  if (!existsSync(file)) return undefined;
  const manifest = readManifest(file);
  return {
    name: UMBRELLA,
    dir: root,
    manifest,
    builds: plannedBuilds(root, UMBRELLA, root, join(root, 'src', 'umbrella'), manifest),
  };
}

/** The `promote` command line (src/cli, package.json bin): a bundle like an action's, no action.yml. */
export function cliBundle(rootDir = ROOT) {
  const root = resolve(rootDir);
  const source = join(root, 'src', 'cli', 'index.ts');
  if (!existsSync(source)) return undefined;
  return { name: CLI, dir: root, builds: [{ entry: 'main', source, outRel: CLI }] };
}

function plannedBuilds(root, name, dir, srcDir, manifest) {
  const builds = [];
  for (const [entry, { source, out }] of Object.entries(ENTRIES)) {
    const declared = manifest.runs[entry];
    if (!declared) continue;
    const expected = join(root, 'dist', name, out, 'index.js');
    // The runner resolves runs.<entry> relative to the folder holding action.yml.
    const actual = resolve(dir, declared);
    if (actual !== expected) {
      throw new Error(
        `${relative(root, join(dir, 'action.yml'))}: runs.${entry} is "${declared}", expected "${relative(dir, expected)}" (the bundle npm run build writes).`,
      );
    }
    const src = join(srcDir, source);
    if (!existsSync(src)) {
      throw new Error(
        `${relative(root, join(dir, 'action.yml'))}: runs.${entry} is set but ${relative(root, src)} does not exist.`,
      );
    }
    builds.push({ entry, source: src, outRel: join(name, out) });
  }
  return builds;
}
