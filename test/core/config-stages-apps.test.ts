import { ConfigValidationError } from '../../packages/core/src/index.js';
import { checkConfig, parseConfig } from '../../packages/core/src/config/parse.js';
import {
  appNames,
  changedApps,
  previousStage,
  resolveConfig,
  stageNamed,
  stageOfBranch,
  stagesOf,
} from '../../packages/core/src/config/resolve.js';

const MONOREPO = `
stages:
  - name: dev
    branch: dev
  - name: staging
    branch: staging
    soak: 1h
    smoke:
      base-url: https://staging.example.com
  - name: production
    branch: main
    allow:
      - days: [tue, wed, thu]
        from: '09:00'
        to: '15:00'
    timezone: Europe/Berlin
    smoke:
      base-url: https://example.com
preflight:
  change-size:
    max-units: 8
migrate:
  preset: postgres
  database-url-env: DATABASE_URL
release:
  tag-prefix: v
apps:
  api:
    paths: [apps/api/**, packages/shared/**]
    migrate:
      migrations-dir: apps/api/migrations
    stages:
      staging:
        smoke:
          base-url: https://api.staging.example.com
  worker:
    paths: [apps/worker/**]
    migrate:
      preset: d1
      database: worker-db
    release:
      changelog:
        path: apps/worker/CHANGES.md
`;

function problems(yaml: string): string[] {
  const checked = checkConfig(yaml);
  return checked.ok ? [] : checked.problems.map((p) => p.text);
}

describe('stages', () => {
  test('without stages: the chain is branches.staging -> branches.production, undeclared, as before', () => {
    const config = parseConfig(
      'branches: { production: prod, staging: stage }\nenvironment: live\n',
    );
    expect(stagesOf(config)).toEqual([
      expect.objectContaining({
        name: 'staging',
        branch: 'stage',
        index: 0,
        declared: false,
        soakMs: 0,
      }),
      expect.objectContaining({
        name: 'production',
        branch: 'prod',
        environment: 'live',
        index: 1,
        declared: false,
      }),
    ]);
    const resolved = resolveConfig(config);
    expect(resolved.branches).toEqual({ production: 'prod', staging: 'stage' });
    expect(resolved.environment).toBe('live');
    expect(resolved.app).toBeUndefined();
  });

  test('declared stages: order, environments default to the name, soak in ms, production is the last', () => {
    const config = parseConfig(MONOREPO);
    const stages = stagesOf(config);
    expect(stages.map((s) => [s.name, s.branch, s.environment, s.soakMs])).toEqual([
      ['dev', 'dev', 'dev', 0],
      ['staging', 'staging', 'staging', 3_600_000],
      ['production', 'main', 'production', 0],
    ]);
    expect(config.branches).toEqual({ production: 'main', staging: 'staging' });
    expect(config.environment).toBe('production');
    expect(stageOfBranch(config, 'staging')?.name).toBe('staging');
    expect(stageOfBranch(config, 'feature/x')).toBeUndefined();
    expect(previousStage(config, stageNamed(config, 'staging'))?.name).toBe('dev');
    expect(previousStage(config, stageNamed(config, 'dev'))).toBeUndefined();
    expect(stageNamed(config, 'production').allow?.[0]).toMatchObject({
      days: ['tue', 'wed', 'thu'],
    });
    expect(stageNamed(config, 'production').timezone).toBe('Europe/Berlin');
  });

  test('a stage view: its branch is the one promoted into, the stage before it the one promoted from, its settings merged', () => {
    const config = parseConfig(MONOREPO);
    const staging = resolveConfig(config, { stage: 'staging' });
    expect(staging.branches).toEqual({ production: 'staging', staging: 'dev' });
    expect(staging.environment).toBe('staging');
    expect(staging.smoke['base-url']).toBe('https://staging.example.com');
    expect(staging.preflight['change-size']?.['max-units']).toBe(8);
    const dev = resolveConfig(config, { stage: 'dev' });
    expect(dev.branches).toEqual({ production: 'dev', staging: 'dev' });
    expect(resolveConfig(config).stage.name).toBe('production');
  });

  test('an unknown stage names the chain', () => {
    expect(() => resolveConfig(parseConfig(MONOREPO), { stage: 'qa' })).toThrow(
      'stage "qa" is not in the chain (dev, staging, production); use one of those names',
    );
  });

  test('bad stages: one line per problem, at the key', () => {
    expect(
      problems(`
branches: { production: main }
stages:
  - { name: Staging, branch: staging }
  - { name: prod, branch: staging, soak: 60 }
  - { name: prod, branch: main, allow: [] }
`),
    ).toEqual([
      'promotion.yml: stages[0].name: "Staging" is not a stage name; use a lower-case slug (a-z, 0-9, -), e.g. staging',
      expect.stringMatching(/^promotion\.yml: stages\[1\]\.soak: .*unit/),
      'promotion.yml: stages[2].allow: a list is empty; omit allow to allow promotions at any time',
    ]);
    expect(
      problems(`
branches: { production: main }
stages:
  - { name: staging, branch: staging }
  - { name: staging, branch: staging }
`),
    ).toEqual([
      'promotion.yml: stages[1].name: "staging" is given twice; each stage needs its own name',
      'promotion.yml: stages[1].branch: "staging" is already the branch of stage staging; each stage needs its own branch',
      'promotion.yml: stages[1].environment: "staging" is already the environment of stage staging; each stage needs its own environment',
    ]);
    expect(problems('stages:\n  - { name: production, branch: main }\n')).toEqual([
      'promotion.yml: stages: a list has fewer than two stages; a chain needs at least two, e.g. [staging, production]',
    ]);
  });

  test('branches or environment beside stages is refused: one place says where production is', () => {
    expect(
      problems(`
environment: prod
stages:
  - { name: staging, branch: staging }
  - { name: production, branch: main }
`),
    ).toEqual([
      'promotion.yml: environment: is replaced by stages: (each stage has its branch and environment); remove environment',
    ]);
  });

  test("a stage's section settings are validated as the section", () => {
    const found = problems(`
stages:
  - { name: staging, branch: staging, smoke: { base-url: 'ftp://x' } }
  - { name: production, branch: main }
`);
    expect(found).toEqual([
      expect.stringMatching(/^promotion\.yml: stages\[0\]\.smoke\.base-url: .*http/),
    ]);
  });
});

describe('apps', () => {
  test('apps in configured order; an app view inherits, overrides, and gets its own version line and changelog', () => {
    const config = parseConfig(MONOREPO);
    expect(appNames(config)).toEqual(['api', 'worker']);
    const api = resolveConfig(config, { app: 'api' });
    expect(api.app).toEqual({ name: 'api', paths: ['apps/api/**', 'packages/shared/**'] });
    expect(api.migrate.preset).toBe('postgres');
    expect(api.migrate['migrations-dir']).toBe('apps/api/migrations');
    expect(api.release['tag-prefix']).toBe('api-v');
    expect(api.release.changelog.path).toBe('apps/api/CHANGELOG.md');
    expect(api.smoke['base-url']).toBe('https://example.com');
    const worker = resolveConfig(config, { app: 'worker' });
    expect(worker.migrate.preset).toBe('d1');
    expect(worker.release['tag-prefix']).toBe('worker-v');
    expect(worker.release.changelog.path).toBe('apps/worker/CHANGES.md');
  });

  test('an app on a stage: stage settings, then the app, then the app on that stage', () => {
    const config = parseConfig(MONOREPO);
    expect(resolveConfig(config, { stage: 'staging', app: 'api' }).smoke['base-url']).toBe(
      'https://api.staging.example.com',
    );
    expect(resolveConfig(config, { stage: 'staging', app: 'worker' }).smoke['base-url']).toBe(
      'https://staging.example.com',
    );
  });

  test('changed apps come from the file list, in configured order', () => {
    const config = parseConfig(MONOREPO);
    expect(changedApps(config, ['apps/worker/src/index.ts', 'packages/shared/x.ts'])).toEqual([
      'api',
      'worker',
    ]);
    expect(changedApps(config, ['apps/api/.env.example'])).toEqual(['api']);
    expect(changedApps(config, ['README.md'])).toEqual([]);
  });

  test('an unknown app names the declared ones; an app without apps: says so', () => {
    expect(() => resolveConfig(parseConfig(MONOREPO), { app: 'web' })).toThrow(
      'app "web" is not declared in promotion.yml (apps: api, worker); use one of those names',
    );
    expect(() => resolveConfig(parseConfig(''), { app: 'web' })).toThrow(
      'app "web" is given, but promotion.yml declares no apps',
    );
  });

  test("bad app settings are reported at the app's key, with the section's own message", () => {
    const found = problems(`
migrate: { preset: postgres }
apps:
  API: { paths: [api/**] }
  web:
    paths: []
  worker:
    paths: [worker/**]
    migrate: { preset: mysql }
    stages: { qa: { smoke: {} } }
`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^promotion\.yml: apps\.API: .*is not an app name/),
        'promotion.yml: apps.web.paths: a list is empty; list the paths of this app, e.g. [apps/api/**]',
      ]),
    );
    const later = problems(`
apps:
  worker:
    paths: [worker/**]
    migrate: { preset: mysql }
    stages: { qa: { smoke: {} } }
`);
    expect(later).toEqual([
      'promotion.yml: apps.worker.stages.qa: is not a stage of the chain (staging, production); use one of those names',
      expect.stringMatching(/^promotion\.yml: apps\.worker\.migrate\.preset: "mysql"/),
    ]);
  });

  test('two apps on one version line or one changelog are refused', () => {
    expect(
      problems(`
apps:
  api: { paths: [api/**], release: { tag-prefix: v } }
  web: { paths: [web/**], release: { tag-prefix: v } }
`),
    ).toEqual([
      'promotion.yml: apps.web.release.tag-prefix: "v" is also the tag prefix of app api; each app needs its own version line (e.g. web-v)',
    ]);
    expect(
      problems(`
apps:
  api: { paths: [api/**] }
  web: { paths: [web/**], release: { changelog: { path: api/CHANGELOG.md } } }
`),
    ).toEqual([
      'promotion.yml: apps.web.release.changelog.path: "api/CHANGELOG.md" is also the changelog of app api; give each app its own (e.g. apps/web/CHANGELOG.md)',
    ]);
  });

  test('an invalid app override fails resolveConfig too, naming the key', () => {
    const config = parseConfig('apps:\n  api: { paths: [api/**] }\n');
    const broken = {
      ...config,
      apps: { api: { paths: ['api/**'], smoke: { 'base-url': 'nope' } } },
    };
    const err = (() => {
      try {
        resolveConfig(broken, { app: 'api' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigValidationError);
    expect((err as Error).message).toMatch(/promotion\.yml: apps\.api\.smoke\.base-url: /);
  });
});
