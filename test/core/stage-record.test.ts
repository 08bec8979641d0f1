import type { GitHubClient } from '../../packages/core/src/github/client.js';
import { judgeAllow } from '../../packages/core/src/allow-window.js';
import { parseConfig } from '../../packages/core/src/config/parse.js';
import { resolveConfig, stageNamed } from '../../packages/core/src/config/resolve.js';
import { judgeSoak, readStageSeal } from '../../packages/core/src/stage-record.js';

interface Dep {
  id: number;
  sha: string;
  environment: string;
  task: string;
  payload: unknown;
  created_at: string;
  statuses: { state: string; description: string; created_at: string }[];
}

/** Deployments as the REST API lists them (filters applied as GitHub applies them). */
function deploymentsApi(deps: Dep[]): GitHubClient {
  const listDeployments = (p: { sha: string; environment: string; task: string }) =>
    deps.filter((d) => d.sha === p.sha && d.environment === p.environment && d.task === p.task);
  const listDeploymentStatuses = (p: { deployment_id: number }) =>
    [...deps.find((d) => d.id === p.deployment_id)!.statuses].reverse();
  return {
    paginate: async (fn: (p: unknown) => unknown, params: unknown) => fn(params),
    rest: { repos: { listDeployments, listDeploymentStatuses } },
  } as unknown as GitHubClient;
}

const repo = { owner: 'acme', repo: 'shop' };
const SHA = 'a'.repeat(40);
const dep = (over: Partial<Dep>): Dep => ({
  id: 1,
  sha: SHA,
  environment: 'staging',
  task: 'deploy:migrate',
  payload: { backupId: 'b1' },
  created_at: '2026-12-01T09:00:00Z',
  statuses: [],
  ...over,
});
const migrated = { state: 'success', description: 'migrated', created_at: '2026-12-01T09:01:00Z' };
const green = (at: string) => ({
  state: 'success',
  description: 'Smoke seal green: 3 checks',
  created_at: at,
});
const red = (at: string) => ({
  state: 'failure',
  description: 'Smoke seal red: /healthz 500',
  created_at: at,
});

describe('where a commit stands on a stage', () => {
  test('sealed green 10 minutes ago with a 1h soak: not ready, 50m left; after the soak, ready', async () => {
    const gh = deploymentsApi([dep({ statuses: [migrated, green('2026-12-01T09:05:00Z')] })]);
    const seal = await readStageSeal(gh, repo, { sha: SHA, environment: 'staging' });
    expect(seal).toMatchObject({
      state: 'green',
      deploymentId: 1,
      greenSince: '2026-12-01T09:05:00Z',
    });
    const early = judgeSoak(seal, 'staging', 3_600_000, new Date('2026-12-01T09:15:00Z'));
    expect(early).toEqual({
      ready: false,
      remainingMs: 3_000_000,
      text: 'aaaaaaa sealed green on staging 10m ago; soak 1h: 50m left (ready at 2026-12-01T10:05:00.000Z)',
    });
    expect(judgeSoak(seal, 'staging', 3_600_000, new Date('2026-12-01T10:05:00Z'))).toMatchObject({
      ready: true,
      remainingMs: 0,
    });
  });

  test('red after green: red; green again after red: the soak starts at the new green', async () => {
    const redNow = deploymentsApi([
      dep({ statuses: [migrated, green('2026-12-01T09:05:00Z'), red('2026-12-01T09:06:00Z')] }),
    ]);
    expect((await readStageSeal(redNow, repo, { sha: SHA, environment: 'staging' })).state).toBe(
      'red',
    );
    const again = deploymentsApi([
      dep({
        statuses: [
          migrated,
          green('2026-12-01T09:05:00Z'),
          red('2026-12-01T09:06:00Z'),
          green('2026-12-01T09:30:00Z'),
          green('2026-12-01T09:40:00Z'),
        ],
      }),
    ]);
    expect(await readStageSeal(again, repo, { sha: SHA, environment: 'staging' })).toMatchObject({
      state: 'green',
      greenSince: '2026-12-01T09:30:00Z',
    });
  });

  test('not deployed, failed, unsealed, and per app (payload.app)', async () => {
    const gh = deploymentsApi([
      dep({ id: 1, payload: { app: 'api' }, statuses: [migrated, green('2026-12-01T09:05:00Z')] }),
      dep({
        id: 2,
        payload: JSON.stringify({ app: 'worker' }),
        statuses: [
          {
            state: 'failure',
            description: 'migration failed; restored backup b2',
            created_at: '2026-12-01T09:02:00Z',
          },
        ],
      }),
      dep({ id: 3, environment: 'production', statuses: [migrated] }),
    ]);
    expect(
      (await readStageSeal(gh, repo, { sha: SHA, environment: 'staging', app: 'api' })).state,
    ).toBe('green');
    expect(
      (await readStageSeal(gh, repo, { sha: SHA, environment: 'staging', app: 'worker' })).state,
    ).toBe('failed');
    expect((await readStageSeal(gh, repo, { sha: SHA, environment: 'staging' })).state).toBe(
      'not-deployed',
    );
    const unsealed = await readStageSeal(gh, repo, { sha: SHA, environment: 'production' });
    expect(unsealed.state).toBe('unsealed');
    expect(judgeSoak(unsealed, 'production', 0, new Date()).text).toBe(
      'aaaaaaa is deployed to production but not sealed yet (deployment 3)',
    );
    expect(
      judgeSoak(
        { state: 'not-deployed', sha: SHA, environment: 'staging', app: 'api' },
        'staging',
        0,
        new Date(),
      ).text,
    ).toBe('aaaaaaa (app api) has not been deployed to staging (staging); promote it there first');
  });
});

describe('allow windows', () => {
  const config = parseConfig(`
stages:
  - { name: staging, branch: staging }
  - name: production
    branch: main
    timezone: Europe/Berlin
    allow:
      - { days: [tue, wed, thu], from: '09:00', to: '15:00' }
`);
  test('inside and outside, on Berlin wall-clock time across daylight saving', () => {
    const production = stageNamed(config, 'production');
    // Tuesday 2026-12-01 08:30 UTC is 09:30 in Berlin (CET, UTC+1): open.
    expect(judgeAllow(production, new Date('2026-12-01T08:30:00Z'))).toMatchObject({
      open: true,
      localTime: 'Tuesday 09:30 Europe/Berlin',
    });
    // Tuesday 2026-07-07 07:30 UTC is 09:30 in Berlin (CEST, UTC+2): open; 07:30 UTC in December is 08:30: closed.
    expect(judgeAllow(production, new Date('2026-07-07T07:30:00Z')).open).toBe(true);
    expect(judgeAllow(production, new Date('2026-12-01T07:30:00Z'))).toEqual({
      open: false,
      localTime: 'Tuesday 08:30 Europe/Berlin',
      text: "Tuesday 08:30 Europe/Berlin is outside production's allow windows (tue,wed,thu 09:00-15:00 Europe/Berlin)",
    });
    // Friday: closed all day.
    expect(judgeAllow(production, new Date('2026-12-04T10:00:00Z')).open).toBe(false);
    expect(judgeAllow(stageNamed(config, 'staging'), new Date('2026-12-04T10:00:00Z')).open).toBe(
      true,
    );
  });

  test('an app or a declared stage gets its own seal context; an app its own lock', () => {
    const monorepo = parseConfig(`
stages:
  - { name: staging, branch: staging }
  - { name: production, branch: main }
apps:
  api: { paths: [api/**] }
`);
    const api = resolveConfig(monorepo, { stage: 'staging', app: 'api' });
    expect(api.smoke.seal.context).toBe('promote/smoke-seal/api/staging');
    expect(api.migrate.lock.ref).toBe('refs/promote-locks/staging--api');
    expect(resolveConfig(monorepo, { stage: 'production' }).smoke.seal.context).toBe(
      'promote/smoke-seal/production',
    );
    const plain = parseConfig('');
    expect(resolveConfig(plain).smoke.seal.context).toBe('promote/smoke-seal');
    expect(resolveConfig(plain).migrate.lock.ref).toBeUndefined();
  });
});
