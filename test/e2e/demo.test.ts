// `npm run demo` is the README's first promise: run it and check the end state a user would.
import { runDemo, type DemoResult } from '../../scripts/demo/story.js';

let demo: DemoResult;
beforeAll(async () => {
  demo = await runDemo({ quiet: true });
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
