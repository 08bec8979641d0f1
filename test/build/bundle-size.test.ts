import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { closure, jsFiles } from '../support/bundle-files.js';
import { REPO_ROOT } from '../support/harness.js';

// Issue #18: every action bundle the runner loads stays under 1 MB, every chunk counted. The runner
// downloads the whole repository for each job and Node parses what the bundle imports, so bytes
// are start-up time. This reads the committed dist/ (what users run), not a fresh build.
const LIMIT = 1_000_000;
const DIST = join(REPO_ROOT, 'dist');
const UMBRELLA = join(DIST, 'promote');
/** The `promote` command line runs on a developer's machine, not in a job: it has no target. */
const NOT_ACTIONS = new Set(['promote', 'cli']);

const bytes = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + statSync(f).size, 0);

/**
 * The umbrella's step table, as the minifier keeps it:
 * "tag-release":{main:async()=>(await import("./main-X.js")).run}. One row per chunk a step loads.
 */
function stepChunks(dir: string): { step: string; chunk: string }[] {
  const rows = new Map<string, { step: string; chunk: string }>();
  for (const file of jsFiles(dir)) {
    // A key that is a plain identifier (report) is left unquoted.
    for (const m of readFileSync(file, 'utf8').matchAll(
      /(?:"([\w-]+)"|\b([A-Za-z_]\w*)):\{([^{}]*)\}/g,
    )) {
      for (const i of m[3]!.matchAll(/\bimport\(\s*"(\.{1,2}\/[^"]+\.js)"\s*\)/g)) {
        const chunk = join(dirname(file), i[1]!);
        rows.set(chunk, { step: (m[1] ?? m[2])!, chunk });
      }
    }
  }
  return [...rows.values()];
}

const actions = readdirSync(DIST, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !NOT_ACTIONS.has(d.name))
  .map((d) => d.name);

const mb = (n: number) => `${(n / 1_000_000).toFixed(2)} MB`;
const breakdown = (files: Iterable<string>, base: string) =>
  [...files]
    .map((f) => ({ f: relative(base, f), n: statSync(f).size }))
    .sort((a, b) => b.n - a.n)
    .map(({ f, n }) => `  ${f}: ${n} bytes`)
    .join('\n');

describe('bundle size (committed dist/)', () => {
  test('dist/ holds every action the repository defines', () => {
    const defined = readdirSync(join(REPO_ROOT, 'actions')).filter((n) =>
      existsSync(join(REPO_ROOT, 'actions', n, 'src', 'main.ts')),
    );
    expect(actions.sort()).toEqual(defined.sort());
  });

  test.each(actions)(
    'dist/%s (index.js, pre/post and every chunk) is under 1,000,000 bytes',
    (name) => {
      const dir = join(DIST, name);
      const files = jsFiles(dir);
      expect(files).toContain(join(dir, 'index.js'));
      const total = bytes(files);
      if (total >= LIMIT) {
        throw new Error(
          `dist/${name} is ${total} bytes (${mb(total)}), over the ${LIMIT}-byte limit of issue #18:\n${breakdown(files, dir)}\n` +
            `Which packages take the bytes: node scripts/build.mjs ${name} --out .tmp/size --sizes`,
        );
      }
    },
  );

  test('each bundle carries only the REST endpoint routes the sources call, not all of GitHub', () => {
    // scripts/build.mjs keeps the Octokit endpoint entries named as `.rest.<scope>.<method>`.
    const text = jsFiles(join(DIST, 'tag-release'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(text).toContain('"POST /repos/{owner}/{repo}/releases"'); // repos.createRelease
    expect(text).not.toContain('/orgs/{org}/actions/runners/{runner_id}/labels');
    expect(text).not.toContain('/user/following/{username}');
  });

  // The umbrella holds all five actions, so its folder is their sum (shared chunks once). Its own
  // target: one step through the umbrella loads under 1 MB, like that action on its own. A step
  // is a chunk the dispatcher imports lazily; it counts with everything it can import in turn.
  describe('dist/promote (the umbrella)', () => {
    const entries = ['index.js', join('post', 'index.js')]
      .map((f) => join(UMBRELLA, f))
      .filter((f) => existsSync(f));
    const table = stepChunks(UMBRELLA);
    /** What running `entry` for one step loads: everything it reaches but other steps' chunks. */
    const loads = (entry: string, chunk: string) =>
      closure([entry], new Set(table.map((r) => r.chunk).filter((c) => c !== chunk)));

    test('every step has a chunk and every file is loaded by some step, so the count misses none', () => {
      const steps = new Set(table.map((r) => r.step));
      for (const step of readdirSync(join(REPO_ROOT, 'actions'))) expect(steps).toContain(step);
      const counted = new Set(entries.flatMap((e) => table.flatMap((r) => [...loads(e, r.chunk)])));
      expect(jsFiles(UMBRELLA).filter((f) => !counted.has(f))).toEqual([]);
    });

    test.each(
      entries.flatMap((entry) =>
        table.map((r) => [
          relative(UMBRELLA, entry),
          r.step,
          // Chunk names end in a content hash; the title keeps what the chunk is (main, post-cleanup).
          basename(r.chunk).replace(/-\w+\.js$/, ''),
          r.chunk,
          entry,
        ]),
      ),
    )('%s, step %s (%s) loads under 1,000,000 bytes', (_e, _s, _k, chunk, entry) => {
      const files = loads(entry, chunk);
      expect(files).toContain(chunk);
      const total = bytes(files);
      if (total >= LIMIT) {
        throw new Error(
          `a step through dist/promote loads ${total} bytes (${mb(total)}), over ${LIMIT}:\n${breakdown(files, UMBRELLA)}`,
        );
      }
    });
  });
});
