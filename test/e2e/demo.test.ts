// `npm run demo` is the README's first promise: run it and check the end state a user would.
import { runDemo, type DemoResult } from '../../scripts/demo/story.js';
import { terminalPrinter } from '../../scripts/demo/terminal.js';

let demo: DemoResult;
let printed = '';
beforeAll(async () => {
  demo = await runDemo({ printer: terminalPrinter((s) => (printed += s)) });
}, 180_000);

test('the Friday-evening promotion is refused and the Wednesday one passes', () => {
  expect(demo.fridayResult).toBe('fail');
  expect(demo.wednesdayResult).toBe('pass');
});

test('the promotion PR is merged and production migrated and sealed green', () => {
  expect(demo.firstPr.merged).toBe(true);
  expect(demo.migrateStatus).toBe('migrated');
  expect(demo.seal).toBe('green');
});

test('v0.1.0 is an annotated tag at the merge commit, with a CHANGELOG entry', () => {
  expect(demo.tag).toEqual({ name: 'v0.1.0', sha: demo.firstPr.mergeSha, type: 'annotated' });
  expect(demo.changelog).toMatch(/^## \[0\.1\.0\] - \d{4}-\d{2}-\d{2}$/m);
  expect(demo.changelog).toContain('saved carts');
});

test('the failing second migration is rolled back with every table intact', () => {
  expect(demo.secondMigrateStatus).toBe('rolled-back');
  expect(Object.keys(demo.checksumsBefore).sort()).toEqual(['customers', 'orders']);
  expect(demo.checksumsAfterRollback).toEqual(demo.checksumsBefore);
});

test('it ends with the report of its own history: one deploy shipped, one of two failed (restored)', () => {
  expect(demo.report.deploymentFrequency.deployments).toBe(1);
  expect(demo.report.changeFailureRate).toMatchObject({ deployments: 2, failed: 1 });
  const tail = printed.slice(printed.lastIndexOf('== Report'));
  expect(tail).toMatch(/Change failure rate\s+50% \(1 of 2 deploys\)\s+low/);
  expect(tail).toContain(`Read with ${demo.report.requests} GitHub API requests.`);
});

describe('what the demo prints reads as plain text', () => {
  const lines = () => printed.split('\n');

  test('no markdown leftovers: bold marks, fences, bare links', () => {
    expect(printed).not.toContain('**');
    expect(printed).not.toContain('```');
    expect(lines().filter((l) => /^\s*(sh|text)\s*$/.test(l))).toEqual([]);
    expect(printed).not.toMatch(/\]\(https?:/);
  });

  test('durations in words, not raw milliseconds', () => {
    expect(printed).not.toMatch(/\b\d{4,} ?ms\b/);
    expect(printed).not.toMatch(/\|\s*ms\s*\|/);
  });

  test('each tag and release fact once', () => {
    const count = (re: RegExp) => lines().filter((l) => re.test(l)).length;
    expect(count(/Tag\s+v0\.1\.0 \(annotated\)/)).toBe(1);
    expect(count(/releases\/tag\/v0\.1\.0/)).toBe(1);
    expect(count(/CHANGELOG\.md updated in/)).toBe(1);
  });

  test('no heading without lines under it', () => {
    const all = lines();
    const empty = all.filter(
      (l, i) => /^\s+\S.*\(timeout [^)]*\):$/.test(l) && !/^\s+\$ /.test(all[i + 1] ?? ''),
    );
    expect(empty).toEqual([]);
  });

  test("the first release's changes link lists its commits, not the release page again", () => {
    const changes = lines().find((l) => /^\s+Changes\s/.test(l));
    expect(changes).toContain('all commits (https://github.com/acme/shop/commits/v0.1.0)');
  });
});
