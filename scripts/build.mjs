#!/usr/bin/env node
// Bundles every action that exists (actions/<name>/action.yml + src/index.ts + src/main.ts) and the
// umbrella action with @vercel/ncc into dist/<name>/ (minified ESM, third-party licenses beside it).
//   node scripts/build.mjs                 all actions + the umbrella (regenerates the umbrella first)
//   node scripts/build.mjs tag-release     only the named ones ('promote' is the umbrella, 'cli'
//                                          the `promote` command line from src/cli)
//   node scripts/build.mjs --out <dir>     write to <dir> instead of dist/ (check-dist uses this)
//   node scripts/build.mjs --root <dir>    build another checkout's actions (tests use a fixture)
// Two builds at a time: the machines this runs on have two cores.
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ROOT, UMBRELLA, cliBundle, discoverActions, umbrellaAction } from './actions.mjs';

const NCC = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const CONCURRENCY = 2;

function parseArgs(argv) {
  const names = [];
  let out;
  let root = ROOT;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = resolve(argv[++i] ?? '');
    else if (argv[i] === '--root') root = resolve(argv[++i] ?? '');
    else names.push(argv[i]);
  }
  out ??= join(root, 'dist');
  return { names, out, root, toDist: out === join(root, 'dist') };
}

function ncc(root, source, outDir) {
  return new Promise((resolvePromise, reject) => {
    const args = [
      NCC,
      'build',
      source,
      '-o',
      outDir,
      '--minify',
      '--license',
      'licenses.txt',
      '--quiet',
    ];
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else
        reject(
          new Error(
            `ncc failed for ${relative(root, source)} (exit ${code}):\n${stderr.slice(-4000)}`,
          ),
        );
    });
  });
}

/**
 * ncc's TypeScript loader type-checks every file the nearest tsconfig.json includes, so one
 * broken test file would fail every bundle. Each build therefore starts from a generated entry
 * beside its own tsconfig.json that includes only that entry (and ambient .d.ts files): the bundle's import graph is
 * checked, nothing else. The path is fixed (not random) so module ids, and dist/, stay the same.
 */
function entryShim(root, b) {
  const dir = join(root, '.tmp', 'ncc-entries', b.outRel || 'root', b.entry);
  mkdirSync(dir, { recursive: true });
  const target = relative(dir, b.source).replace(/\.ts$/, '.js');
  writeFileSync(
    join(dir, 'index.ts'),
    `import '${target.startsWith('.') ? target : `./${target}`}';\n`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        extends: relative(dir, join(root, 'tsconfig.json')),
        // Ambient declarations (*.d.ts) are not imported, so they are listed.
        include: [
          'index.ts',
          ...['packages/*/src', 'actions/*/src', 'src'].map(
            (d) => `${relative(dir, join(root, d))}/**/*.d.ts`,
          ),
        ],
      },
      null,
      2,
    )}\n`,
  );
  return join(dir, 'index.ts');
}

/** Every file under dir, relative, sorted. */
export function listFiles(dir, base = dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(listFiles(full, base));
    else out.push(relative(base, full));
  }
  return out.sort();
}

/**
 * Makes a bundle folder independent of where and when it was built: ncc embeds nothing
 * time-based, but absolute paths of the build machine would make dist/ differ between clones.
 */
function normalize(root, outDir) {
  for (const rel of listFiles(outDir)) {
    const file = join(outDir, rel);
    if (!/\.(js|txt|json)$/.test(rel) || statSync(file).size === 0) continue;
    const text = readFileSync(file, 'utf8');
    const fixed = text.split(root + '/').join('');
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

async function pool(jobs, size) {
  const errors = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      try {
        await job();
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, worker));
  if (errors.length) throw new Error(errors.map((e) => e.message).join('\n\n'));
}

export async function build({
  names = [],
  root = ROOT,
  out = join(root, 'dist'),
  toDist = true,
} = {}) {
  if (toDist) {
    // Keep the umbrella's action.yml and step table in step with actions/ before bundling it.
    const { status } = await new Promise((res) => {
      const c = spawn(
        process.execPath,
        [join(ROOT, 'scripts', 'generate-umbrella.mjs'), '--root', root],
        {
          cwd: root,
          stdio: 'inherit',
        },
      );
      c.on('close', (code) => res({ status: code }));
    });
    if (status !== 0) throw new Error('generate-umbrella failed');
  }
  const { actions, skipped } = discoverActions(root);
  const umbrella = umbrellaAction(root);
  const cli = cliBundle(root);
  const all = [...actions, ...(umbrella ? [umbrella] : []), ...(cli ? [cli] : [])];
  const known = all.map((a) => a.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) {
    throw new Error(
      `unknown action(s): ${unknown.join(', ')}. Buildable: ${known.join(', ') || 'none'}.`,
    );
  }
  const chosen = names.length ? all.filter((a) => names.includes(a.name)) : all;
  for (const name of skipped) {
    console.warn(`skipped actions/${name}: action.yml but no src/index.ts or src/main.ts yet`);
  }

  // Biggest first (the umbrella bundles every action) so two workers finish together.
  const order = [...chosen].sort((a, b) =>
    a.name === UMBRELLA ? -1 : b.name === UMBRELLA ? 1 : 0,
  );
  const jobs = order.map((action) => async () => {
    const started = Date.now();
    const folder = join(out, action.name);
    // Build beside the old bundle and swap at the end: a bundle that is being rebuilt (minutes on
    // a busy machine) never disappears for a test or a check running meanwhile.
    const staging = join(out, `.${action.name}.building`);
    rmSync(staging, { recursive: true, force: true });
    // Main first: post/ and pre/ live inside its folder.
    for (const b of action.builds) {
      const dir = join(staging, relative(action.name, b.outRel));
      mkdirSync(dir, { recursive: true });
      await ncc(root, entryShim(root, b), dir);
    }
    normalize(root, staging);
    rmSync(folder, { recursive: true, force: true });
    renameSync(staging, folder);
    console.log(
      `built ${relative(root, folder) || folder} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  });
  await pool(jobs, CONCURRENCY);
  return chosen.map((a) => a.name);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  try {
    await build(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
