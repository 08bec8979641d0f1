// A seal per app and stage (issue #20): pure parts, no network.
import {
  backupOf,
  judgeMigrateRecord,
} from '../../../actions/prod-smoke-seal/src/migrate-record.js';
import { rollbackDispatch } from '../../../actions/prod-smoke-seal/src/rollback.js';
import { placeOf } from '../../../actions/prod-smoke-seal/src/seal-place.js';
import { CONFIG_SECTIONS } from '../../../actions/prod-smoke-seal/src/config.js';
import { parseConfig } from '../../../packages/core/src/config/parse.js';

const SHA = 'abcdef0123456789abcdef0123456789abcdef01';
const where = { sha: SHA, environment: 'production', app: 'api' };

describe("a matrix leg's seal finds its deploy on GitHub", () => {
  test('the backup is the one the success status names, else the payload', () => {
    const statuses = [
      { state: 'in_progress', description: 'backup b1 verified, migrating', created_at: '1' },
      { state: 'success', description: 'migrated; backup production--api-2', created_at: '2' },
      { state: 'success', description: 'Smoke seal green: 2 of 2', created_at: '3' },
    ];
    expect(backupOf({ backupId: 'production--api-1' }, statuses)).toBe('production--api-2');
    expect(backupOf(JSON.stringify({ backupId: 'production--api-1' }), [])).toBe(
      'production--api-1',
    );
    expect(backupOf({}, [])).toBeUndefined();
  });

  test('a migrate that did not succeed is not sealed, and the reason says which', () => {
    expect(judgeMigrateRecord(undefined, where)).toEqual({
      seal: false,
      reason:
        'abcdef0 (app api) has no deploy:migrate deployment on production: its migrate did not run, so there is nothing to seal',
    });
    expect(
      judgeMigrateRecord({ deploymentId: 7, outcome: 'failure', restored: true }, where),
    ).toEqual({
      seal: false,
      reason:
        'the migrate of abcdef0 (app api) on production failed and was restored (deployment 7): there is nothing to seal',
    });
    expect(
      judgeMigrateRecord({ deploymentId: 7, outcome: 'pending', restored: false }, where),
    ).toMatchObject({ seal: false, reason: expect.stringContaining('has not finished') });
    expect(
      judgeMigrateRecord({ deploymentId: 7, outcome: 'success', restored: false }, where),
    ).toEqual({ seal: true });
  });

  test("a red seal's rollback restores this app only: the dispatch and the command carry app and its backup", () => {
    const { inputs, command } = rollbackDispatch(
      {
        workflow: 'promote-rollback.yml',
        ref: 'main',
        configured: {},
        restore: { backupId: 'production--api-20261123T101530Z-abcdef0', app: 'api' },
      },
      { owner: 'acme', repo: 'shop' },
      SHA,
      ['health'],
    );
    expect(inputs).toEqual({
      'backup-id': 'production--api-20261123T101530Z-abcdef0',
      app: 'api',
      reason: 'prod-smoke-seal red on abcdef0: health',
    });
    expect(command).toContain('-f backup-id=production--api-20261123T101530Z-abcdef0 -f app=api');
  });
});

describe('the base-url and on-failure inputs over an app on a stage', () => {
  const yaml = [
    'stages:',
    '  - { name: staging, branch: staging }',
    '  - { name: production, branch: main }',
    'smoke:',
    '  base-url: https://example.com',
    '  checks: [{ name: health, path: /healthz }]',
    'apps:',
    '  api:',
    '    paths: [apps/api/**]',
    '    stages:',
    '      staging: { smoke: { base-url: https://api.staging.example.com } }',
    '',
  ].join('\n');
  const loaded = parseConfig(yaml, undefined, { sections: CONFIG_SECTIONS });

  test('an input wins over the app on that stage, and the run still knows its stage and app', () => {
    const config = placeOf(
      loaded,
      { app: 'api', stage: 'staging', baseUrl: 'https://pr-7.example.com', onFailure: 'fail' },
      undefined,
    );
    expect(config.smoke['base-url']).toBe('https://pr-7.example.com');
    expect(config.smoke['on-failure']).toBe('fail');
    expect(config.stage.name).toBe('staging');
    expect(config.app?.name).toBe('api');
    expect(config.smoke.seal.context).toBe('promote/smoke-seal/api/staging');
  });

  test('without inputs the app on that stage decides', () => {
    const config = placeOf(loaded, { app: 'api', stage: 'staging' }, undefined);
    expect(config.smoke['base-url']).toBe('https://api.staging.example.com');
  });
});
