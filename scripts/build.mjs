#!/usr/bin/env node
// Bundles every action that exists (actions/<name>/action.yml + src/index.ts + src/main.ts) and the
// umbrella action with esbuild into dist/<name>/ (minified ESM split into chunks, third-party
// licenses beside it).
//   node scripts/build.mjs                 all actions + the umbrella (regenerates the umbrella first)
//   node scripts/build.mjs tag-release     only the named ones ('promote' is the umbrella, 'cli'
//                                          the `promote` command line from src/cli)
//   node scripts/build.mjs --out <dir>     write to <dir> instead of dist/ (check-dist uses this)
//   node scripts/build.mjs --root <dir>    build another checkout's actions (tests use a fixture)
//   node scripts/build.mjs --sizes         also print each bundle's bytes per package (issue #18)
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
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT, UMBRELLA, cliBundle, discoverActions, umbrellaAction } from './actions.mjs';

const CONCURRENCY = 2;

/**
 * Some bundled CommonJS packages call require() for Node built-ins; in an ES module that name does
 * not exist, so every output file (entries and chunks) starts by defining it
 * (https://nodejs.org/api/module.html#modulecreaterequirefilename).
 */
const BANNER =
  "import{createRequire as __promoteCreateRequire}from'node:module';const require=__promoteCreateRequire(import.meta.url);";

/**
 * Octokit's REST endpoint methods plugin carries a route for every GitHub endpoint (~80 KB
 * minified); the actions call about fifty. Its generated table is replaced, in the bundle only,
 * by the entries our sources name as `.rest.<namespace>.<method>` (the only way the code reaches
 * them: eslint refuses `rest[...]` in bundled code). A method the scan missed would be undefined
 * at run time, which every end-to-end test through the bundles would show.
 */
const ENDPOINTS =
  /@octokit[\\/]plugin-rest-endpoint-methods[\\/].*[\\/]generated[\\/]endpoints\.js$/;

function sourceFiles(dir) {
  return listFiles(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}

export function usedEndpoints(root) {
  const used = new Set();
  for (const dir of ['packages', 'actions', 'src']) {
    for (const file of sourceFiles(join(root, dir))) {
      if (file.includes('/node_modules/')) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(/\.rest\.([A-Za-z]+)\.([A-Za-z]+)/g)) {
        used.add(`${m[1]}.${m[2]}`);
      }
    }
  }
  return used;
}

function usedEndpointsOnly(root) {
  return {
    name: 'used-endpoints-only',
    setup(build) {
      build.onLoad({ filter: ENDPOINTS }, async (args) => {
        const { default: all } = await import(pathToFileURL(args.path).href);
        const used = usedEndpoints(root);
        const kept = {};
        for (const [scope, methods] of Object.entries(all)) {
          for (const [method, entry] of Object.entries(methods)) {
            if (used.has(`${scope}.${method}`)) (kept[scope] ??= {})[method] = entry;
          }
        }
        return { contents: `export default ${JSON.stringify(kept)};\n`, loader: 'js' };
      });
    },
  };
}

function parseArgs(argv) {
  const names = [];
  let out;
  let root = ROOT;
  let onMetafile;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') onMetafile = (name, metafile) => console.log(sizes(name, metafile));
    else if (argv[i] === '--out') out = resolve(argv[++i] ?? '');
    else if (argv[i] === '--root') root = resolve(argv[++i] ?? '');
    else names.push(argv[i]);
  }
  out ??= join(root, 'dist');
  return { names, out, root, toDist: out === join(root, 'dist'), onMetafile };
}

/**
 * One esbuild run per bundle folder: its entries (index.js, and pre/index.js, post/index.js when
 * action.yml declares them) share the chunks beside index.js. Code behind a dynamic import() gets
 * its own chunk, loaded only when that path runs. Chunk names carry a hash of their content, so a
 * rebuild of the same sources writes the same files (check-dist compares byte for byte).
 * esbuild does not type-check: `npm run typecheck` does, in CI beside check-dist.
 */
/**
 * The file esbuild starts an entry from: it switches Node's compile cache on (where it persists:
 * packages/core/src/compile-cache.ts) and only then imports the entry's source, which esbuild
 * makes a chunk, so the cache covers all of the bundle's code. Fixed paths keep the output stable.
 */
function entryShim(root, action, b) {
  const dir = join(root, '.tmp', 'bundle-entries', action.name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${b.entry}.mjs`);
  const source = relative(dir, b.source);
  writeFileSync(
    file,
    `import { useCompileCache } from '@promote/core/compile-cache';\nuseCompileCache();\nawait import('${source.startsWith('.') ? source : `./${source}`}');\n`,
  );
  return file;
}

async function bundle(root, action, dir) {
  const result = await esbuild
    .build({
      absWorkingDir: root,
      entryPoints: action.builds.map((b) => ({
        in: entryShim(root, action, b),
        out: join(relative(action.name, b.outRel), 'index'),
      })),
      outdir: dir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node24',
      minify: true,
      treeShaking: true,
      chunkNames: '[name]-[hash]',
      // A package's ES module build where it has one (the AWS SDK's dist-es): import() of a CommonJS
      // chunk would only give its default export, and ES modules tree-shake.
      mainFields: ['module', 'main'],
      banner: { js: BANNER },
      // Third-party licenses go to licenses.txt whole (below), not as scattered comments.
      legalComments: 'none',
      charset: 'utf8',
      metafile: true,
      logLevel: 'silent',
      plugins: [usedEndpointsOnly(root)],
      // yaml's ES module build (its browser build: the same code, no Node APIs) tree-shakes and
      // runs no CommonJS wrappers at start; its node build is CommonJS (issue #18, cold start).
      alias: {
        debug: './scripts/shims/debug.mjs',
        yaml: './node_modules/yaml/browser/dist/index.js',
      },
    })
    .catch((error) => {
      throw new Error(`esbuild failed for ${action.name}:\n${error.message}`);
    });
  pruneUnreachable(root, result.metafile);
  // The runner loads index.js as an ES module only if the nearest package.json says so.
  for (const b of action.builds) {
    writeFileSync(
      join(dir, relative(action.name, b.outRel), 'package.json'),
      `${JSON.stringify({ type: 'module' }, null, 2)}\n`,
    );
  }
  writeFileSync(join(dir, 'licenses.txt'), licenses(root, result.metafile));
  return result.metafile;
}

/**
 * esbuild writes a chunk for every import() it sees, also when tree shaking then drops the code
 * that called it (the AWS SDK's browser-only `import("bowser")`; the metafile still lists that
 * import). Only chunks an entry (index.js) reaches, by name, through the files it loads can ever
 * be loaded: the others are deleted, and left out of licenses.txt.
 */
function pruneUnreachable(root, metafile) {
  const files = Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'));
  const texts = new Map(files.map((f) => [f, readFileSync(resolve(root, f), 'utf8')]));
  const reached = new Set(files.filter((f) => basename(f) === 'index.js'));
  for (const f of reached) {
    for (const chunk of files) {
      if (!reached.has(chunk) && texts.get(f).includes(`/${basename(chunk)}"`)) reached.add(chunk);
    }
  }
  for (const f of files.filter((x) => !reached.has(x))) {
    rmSync(resolve(root, f));
    delete metafile.outputs[f];
  }
}

/** The package folder (…/node_modules/<name> or …/node_modules/@scope/<name>) a bundled file came from. */
export function packageDir(file) {
  const parts = file.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return undefined;
  return parts.slice(0, i + (parts[i + 1]?.startsWith('@') ? 3 : 2)).join('/');
}

/**
 * Every third-party package with code in the bundle folder: its name, its license and the text of
 * its license file, sorted by name (the form @vercel/ncc's --license wrote before).
 */
function licenses(root, metafile) {
  const used = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = bytesInOutput > 0 ? packageDir(input) : undefined;
      if (pkg) used.add(pkg);
    }
  }
  const entries = new Map();
  for (const pkg of used) {
    const dir = resolve(root, pkg);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const license =
      typeof manifest.license === 'string'
        ? manifest.license
        : (manifest.license?.type ?? manifest.licenses?.map((l) => l.type).join(' OR ') ?? '');
    const file = readdirSync(dir)
      .filter((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
      .sort()[0];
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : '';
    entries.set(`${manifest.name}\n${license}\n${text}`, manifest.name);
  }
  return [...entries]
    .sort(([a, an], [b, bn]) => (an < bn ? -1 : an > bn ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([block]) => `${block}\n`)
    .join('\n');
}

/** A bundle's bytes (every .js it wrote) and, largest first, how many each package put in them. */
export function sizes(name, metafile) {
  const perPackage = new Map();
  let total = 0;
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    total += output.bytes;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = packageDir(input)?.replace(/^.*node_modules\//, '') ?? input.split('/src/')[0];
      perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  const rows = [...perPackage]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([pkg, n]) => `  ${String(n).padStart(9)}  ${pkg}`);
  return `${name}: ${total} bytes of JavaScript\n${rows.join('\n')}`;
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
 * Makes a bundle folder independent of where and when it was built: esbuild embeds nothing
 * time-based, but an absolute path of the build machine would make dist/ differ between clones.
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
  onMetafile,
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
    mkdirSync(staging, { recursive: true });
    const metafile = await bundle(root, action, staging);
    onMetafile?.(action.name, metafile);
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
