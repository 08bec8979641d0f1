// The example configs users copy must load with the schema the actions use.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@promote/core/config/load';
import { memoryLogger } from '@promote/core';

const root = join(import.meta.dirname, '..', '..');
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

test('there is an example for a Frappe site, a D1 worker and a Postgres app', () => {
  expect(examples.sort()).toEqual(['d1-worker', 'frappe-site', 'postgres-app']);
});

test.each(examples)('examples/%s/.github/promotion.yml loads, without a warning', async (name) => {
  const logger = memoryLogger();
  const config = await loadConfig({
    source: {
      kind: 'file',
      path: '.github/promotion.yml',
      workspace: join(root, 'examples', name),
    },
    logger,
  });
  // An example in a deprecated spelling (docs/versioning.md) would teach it to every copier.
  expect(logger.lines.filter((l) => l.startsWith('::warning::'))).toEqual([]);
  expect(config.migrate.preset).toBe(
    { 'frappe-site': 'frappe', 'd1-worker': 'd1', 'postgres-app': 'postgres' }[name],
  );
  expect(config.smoke.checks?.length).toBeGreaterThan(0);
});
