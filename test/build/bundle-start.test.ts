import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closure, imports, jsFiles } from '../support/bundle-files.js';
import { REPO_ROOT } from '../support/harness.js';

// Issue #18, cold start: an ES module `import` of a Node built-in makes Node build its whole
// namespace, reading every lazily defined export. For these that costs CPU at every start, before
// a line of ours runs (measured on Node 24): node:http loads undici (~70 ms), node:crypto its
// webcrypto, node:util ~12 ms, node:child_process dgram. The bundles take them with
// process.getBuiltinModule when first used (packages/core/src/builtins.ts). This reads the
// committed dist/: what loads at start is index.js, the action's module it imports at once, and
// everything those import statically.
const AT_START_FORBIDDEN = [
  'http',
  'https',
  'tls',
  'crypto',
  'util',
  'zlib',
  'child_process',
  'perf_hooks',
];
const DIST = join(REPO_ROOT, 'dist');
const ACTIONS = readdirSync(DIST).filter((d) => !['promote', 'cli'].includes(d));

/** index.js, the modules it imports at once (the action), and what those import statically. */
function loadedAtStart(dir: string): Set<string> {
  const entry = join(dir, 'index.js');
  return closure([entry, ...imports(entry).dynamics], new Set(), { dynamic: false });
}

function builtinImports(file: string): string[] {
  return [
    ...readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*["'](?:node:)?([\w/]+)["']/g),
  ]
    .map((m) => m[1]!)
    .filter((name) => AT_START_FORBIDDEN.includes(name));
}

describe('what a bundle imports at start', () => {
  test.each(ACTIONS)('%s: no ES module import of a built-in that costs CPU at start', (action) => {
    const files = [...loadedAtStart(join(DIST, action))];
    expect(files.length).toBeGreaterThan(1);
    const found = files.flatMap((f) =>
      builtinImports(f).map((name) => `${f.slice(DIST.length + 1)} imports node:${name}`),
    );
    expect(found).toEqual([]);
  });

  test('the check sees such an import where there is one: a chunk loaded late', () => {
    // secretlint's chunk, loaded only when the diff guard scans for secrets, imports node:crypto.
    const dir = join(DIST, 'preflight-gates');
    const late = jsFiles(dir).filter((f) => builtinImports(f).length > 0);
    expect(late.length).toBeGreaterThan(0);
    const atStart = loadedAtStart(dir);
    for (const f of late) expect(atStart.has(f)).toBe(false);
  });
});
