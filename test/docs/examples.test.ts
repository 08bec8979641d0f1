// The example configs users copy must load with the schema the actions use.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../../packages/core/src/config/resolve.js';
import { loadConfig } from '@promote/core/config/load';
import { memoryLogger } from '@promote/core';

const root = join(import.meta.dirname, '..', '..');
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

test('there is an example for a Frappe site, a D1 worker, a Postgres app and a monorepo of two apps through three stages', () => {
  expect(examples.sort()).toEqual(['d1-worker', 'frappe-site', 'monorepo', 'postgres-app']);
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
  if (name === 'monorepo') {
    // Two apps through three stages: each app's preset, version line and checks, per stage.
    for (const stage of ['dev', 'staging', 'production'])
      for (const [app, preset] of [
        ['api', 'postgres'],
        ['worker', 'd1'],
      ] as const) {
        const view = resolveConfig(config, { stage, app });
        expect([stage, app, view.migrate.preset]).toEqual([stage, app, preset]);
        expect(view.release['tag-prefix']).toBe(`${app}-v`);
        expect(view.smoke.checks.length).toBeGreaterThan(0);
      }
    return;
  }
  expect(config.migrate.preset).toBe(
    { 'frappe-site': 'frappe', 'd1-worker': 'd1', 'postgres-app': 'postgres' }[name],
  );
  expect(config.smoke.checks?.length).toBeGreaterThan(0);
});
