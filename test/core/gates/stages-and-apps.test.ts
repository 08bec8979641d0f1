import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../../packages/core/src/clock.js';
import { parseConfig } from '../../../packages/core/src/config/parse.js';
import { resolveConfig, stageNamed } from '../../../packages/core/src/config/resolve.js';
import type { Exec } from '../../../packages/core/src/exec.js';
import type { GitHubClient } from '../../../packages/core/src/github/client.js';
import {
  APP_GATES,
  appReads,
  applyOverride,
  collectAppFacts,
  configuredGates,
  evaluateGates,
  forApp,
  freezeGate,
  onlyAppGates,
  orderResults,
  result,
  soakGate,
  soakResult,
  withoutAppGates,
} from '../../../packages/core/src/gates/index.js';
import { fact } from '../../../packages/core/src/gates/types.js';
import { facts, file, preflight } from './facts-builder.js';

const SHA = 'a'.repeat(40);
const NOW = new Date('2026-11-25T13:30:00Z'); // Wednesday 14:30 in Berlin
const repo = { owner: 'acme', repo: 'shop' };

const CONFIG = parseConfig(`
stages:
  - { name: dev, branch: develop }
  - { name: staging, branch: staging, soak: 1h }
  - name: production
    branch: main
    allow: [{ days: [mon, tue, wed, thu], from: '09:00', to: '17:00' }]
apps:
  api:
    paths: ['apps/api/**']
    preflight: { tests: { lcov: [apps/api/lcov.info], min-coverage: 80 }, change-size: { max-units: 1 } }
  web:
    paths: ['apps/web/**']
    preflight: { tests: { lcov: [apps/web/lcov.info], min-coverage: 80 } }
preflight:
  timezone: Europe/Berlin
  change-size: { max-units: 10 }
  findings: { sarif: [reports/findings.sarif] }
`);

interface Dep {
  id: number;
  app?: string;
  statuses: { state: string; description: string; created_at: string }[];
}

/** Deployments of SHA to staging, as GitHub lists them; `calls` counts the requests. */
function stagingDeployments(deps: Dep[], fail?: string) {
  const calls: string[] = [];
  const listDeployments = (p: { environment: string }) => {
    calls.push(`deployments ${p.environment}`);
    if (fail) throw new Error(fail);
    return deps
      .filter(() => p.environment === 'staging')
      .map((d) => ({
        id: d.id,
        payload: d.app ? { app: d.app } : {},
        created_at: '2026-11-25T12:00:00Z',
      }));
  };
  const listDeploymentStatuses = (p: { deployment_id: number }) => {
    calls.push(`statuses ${p.deployment_id}`);
    return deps.find((d) => d.id === p.deployment_id)!.statuses;
  };
  const github = {
    paginate: async (fn: (p: unknown) => unknown, params: unknown) => fn(params),
    rest: { repos: { listDeployments, listDeploymentStatuses } },
  } as unknown as GitHubClient;
  return { github, calls };
}

const sealedGreen = (at: string) => [
  { state: 'success', description: 'migrated', created_at: '2026-11-25T12:00:00Z' },
  { state: 'success', description: 'Smoke seal green: 3 checks', created_at: at },
];

describe('the soak gate', () => {
  const staging = stageNamed(CONFIG, 'staging');
  const production = stageNamed(CONFIG, 'production');

  test('sealed green 10 minutes ago with a 1h soak fails with the time left and when it is ready', () => {
    const r = soakResult(
      {
        state: 'green',
        environment: 'staging',
        sha: SHA,
        deploymentId: 7,
        greenSince: '2026-11-25T13:20:00Z',
      },
      staging,
      NOW,
    );
    expect(r.gate).toBe('soak');
    expect(r.row).toEqual({
      name: 'soak',
      status: 'fail',
      summary:
        'aaaaaaa sealed green on staging 10m ago; soak 1h: 50m left (ready at 2026-11-25T14:20:00.000Z)',
    });
  });

  test("each app the PR changes is judged on its own deployment (payload.app), in the PR's order", async () => {
    const { github, calls } = stagingDeployments([
      { id: 1, app: 'api', statuses: sealedGreen('2026-11-25T12:00:00Z') },
      { id: 2, app: 'web', statuses: sealedGreen('2026-11-25T13:20:00Z') },
    ]);
    const rows = await soakGate(
      { github, repo, now: NOW },
      { into: production, from: staging, sha: SHA, apps: ['api', 'web'] },
    );
    expect(rows.map((r) => [r.row.name, r.row.status])).toEqual([
      ['soak (api)', 'pass'],
      ['soak (web)', 'fail'],
    ]);
    expect(rows[1]!.row.summary).toContain('(app web) sealed green on staging 10m ago');
    // Two requests per changed app: its deployments and the chosen one's statuses.
    expect(calls).toHaveLength(4);
  });

  test('a commit never deployed to staging is refused and told to go there first', async () => {
    const { github } = stagingDeployments([]);
    const [r] = await soakGate(
      { github, repo, now: NOW },
      { into: production, from: staging, sha: SHA },
    );
    expect(r!.row).toMatchObject({
      name: 'soak',
      status: 'fail',
      summary: 'aaaaaaa has not been deployed to staging (staging); promote it there first',
    });
  });

  test('a PR into the first stage is not a promotion; a PR changing no app has nothing to soak; neither reads anything', async () => {
    const { github, calls } = stagingDeployments([]);
    const [first] = await soakGate(
      { github, repo, now: NOW },
      { into: stageNamed(CONFIG, 'dev'), from: undefined, sha: SHA },
    );
    expect(first!.row).toMatchObject({
      status: 'skip',
      summary: 'dev is the first stage: a PR into it is not a promotion, nothing soaks before it',
    });
    const [none] = await soakGate(
      { github, repo, now: NOW },
      { into: production, from: staging, sha: SHA, apps: [] },
    );
    expect(none!.row.status).toBe('skip');
    expect(calls).toEqual([]);
  });

  test('a deployment list GitHub will not give fails the row (never passes); the override lifts it by default', async () => {
    const { github } = stagingDeployments([], 'GitHub answered 502');
    const rows = await soakGate(
      { github, repo, now: NOW },
      { into: production, from: staging, sha: SHA, apps: ['api'] },
    );
    expect(rows[0]!.row).toMatchObject({
      name: 'soak (api)',
      status: 'fail',
      summary: 'cannot evaluate: deployments to staging: GitHub answered 502',
    });
    const lifted = applyOverride(
      rows,
      { actor: 'carol', at: NOW.toISOString(), reason: 'INC-1', via: 'label' },
      CONFIG.preflight,
    );
    expect(CONFIG.preflight.override.lifts).toContain('soak');
    expect(lifted[0]).toMatchObject({ overridden: true, row: { status: 'warn' } });
  });
});

describe("the target stage's allow windows in the freeze row", () => {
  const production = stageNamed(CONFIG, 'production');
  const pf = preflight({ timezone: 'Europe/Berlin' });

  test('inside a window the row passes and says which', () => {
    expect(freezeGate({ now: NOW }, pf, production).row).toMatchObject({
      status: 'pass',
      summary:
        "Wednesday 14:30 Europe/Berlin is inside production's allow window (mon,tue,wed,thu 09:00-17:00 Europe/Berlin)",
    });
  });

  test('outside every window it fails with when promotions may run; a freeze window too says both', () => {
    const friday = new Date('2026-11-27T13:30:00Z');
    expect(freezeGate({ now: friday }, pf, production).row).toMatchObject({
      status: 'fail',
      summary:
        "Friday 14:30 Europe/Berlin is outside production's allow windows (mon,tue,wed,thu 09:00-17:00 Europe/Berlin)",
    });
    const frozen = preflight({
      timezone: 'Europe/Berlin',
      freeze: [{ days: ['fri'], from: '14:00', reason: 'no Friday deploys' }],
    });
    expect(freezeGate({ now: friday }, frozen, production).row.summary).toBe(
      "Friday 14:30 Europe/Berlin: inside freeze fri from 14:00 Europe/Berlin (no Friday deploys); Friday 14:30 Europe/Berlin is outside production's allow windows (mon,tue,wed,thu 09:00-17:00 Europe/Berlin)",
    );
  });

  test('allow windows alone run the freeze gate; a stage without them changes nothing', () => {
    expect(configuredGates(pf)).not.toContain('freeze');
    expect(configuredGates(pf, production)).toContain('freeze');
    expect(configuredGates(pf, stageNamed(CONFIG, 'staging'))).not.toContain('freeze');
    const withWindow = preflight({ freeze: [{ days: ['fri'] }] });
    expect(freezeGate({ now: NOW }, withWindow, stageNamed(CONFIG, 'staging')).row.summary).toBe(
      'Wednesday 13:30 UTC, no freeze window',
    );
  });
});

describe('gates per app', () => {
  test('the per-app gates leave the repository-wide part; each app reads only what its gates need', () => {
    const pf = CONFIG.preflight;
    expect(withoutAppGates(pf)['change-size']).toBeUndefined();
    expect(withoutAppGates(pf).findings).toBeDefined();
    const api = resolveConfig(CONFIG, { app: 'api' }).preflight;
    expect(onlyAppGates(api).findings).toBeUndefined();
    expect(onlyAppGates(api).tests?.lcov).toEqual(['apps/api/lcov.info']);
    expect(appReads([api])).toEqual({ commits: true, reviews: false });
    expect(appReads([])).toEqual({ commits: false, reviews: false });
  });

  test("tests judge an app's changed lines only, with its own report and settings; change-size its own maximum", async () => {
    const ws = mkdtempSync(join(tmpdir(), 'app-gates-'));
    // api's report covers both of its lines; web's report covers none of web's.
    mkdirSync(join(ws, 'apps/api'), { recursive: true });
    mkdirSync(join(ws, 'apps/web'), { recursive: true });
    writeFileSync(
      join(ws, 'apps/api/lcov.info'),
      'SF:apps/api/a.ts\nDA:1,1\nDA:2,1\nend_of_record\n',
    );
    writeFileSync(join(ws, 'apps/web/lcov.info'), 'SF:apps/web/w.ts\nDA:1,0\nend_of_record\n');
    const shared = facts({
      files: fact({
        files: [
          file('apps/api/a.ts', ['a', 'b']),
          file('apps/web/w.ts', ['w']),
          file('README.md', ['docs']),
        ],
      }),
      commits: fact({ messages: ['feat(api): a', 'feat(web): w'] }),
    });
    const exec: Exec = async () => {
      throw new Error('no command runs here');
    };
    const github = {} as GitHubClient;
    const judge = async (app: 'api' | 'web') => {
      const c = resolveConfig(CONFIG, { app });
      const f = await collectAppFacts(
        { github, repo, exec, workspace: ws },
        shared,
        { identity: c.app!, preflight: c.preflight, migrate: c.migrate },
        new Map(),
      );
      expect(f.files.ok && f.files.value.files.map((x) => x.filename)).toEqual([
        `apps/${app}/${app === 'api' ? 'a' : 'w'}.ts`,
      ]);
      const rows = await evaluateGates(f, onlyAppGates(c.preflight), {
        clock: fixedClock(NOW),
        only: APP_GATES,
      });
      return rows
        .map((r) => forApp(r, app))
        .map((r) => `${r.row.status} ${r.row.name}: ${r.row.summary}`);
    };
    expect(await judge('api')).toEqual([
      'pass tests (api): 100% coverage on changed lines (min 80%)',
      'fail change size (api): 2 units (max 1): split suggested',
    ]);
    expect(await judge('web')).toEqual([
      'fail tests (web): 0% coverage on changed lines (min 80%)',
      'pass change size (web): 2 units (max 10)',
    ]);
  });

  test("an app's rows sit under their gate, the soak next to freeze; rows without stages or apps keep their order", () => {
    const r = (gate: string, app?: string) => {
      const x = result(gate, 'pass', '');
      return app ? forApp(x, app) : x;
    };
    const ordered = orderResults([
      r('ci'),
      r('freeze'),
      r('diff-guard'),
      r('soak', 'api'),
      r('soak', 'web'),
      r('tests', 'api'),
      r('change-size', 'api'),
      r('tests', 'web'),
      r('change-size', 'web'),
    ]);
    expect(ordered.map((x) => x.row.name)).toEqual([
      'ci',
      'tests (api)',
      'tests (web)',
      'soak (api)',
      'soak (web)',
      'freeze',
      'change size (api)',
      'change size (web)',
      'diff guard',
    ]);
  });
});
