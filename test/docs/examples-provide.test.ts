// Each example names only what its workflows provide: secrets' env vars, report files, tools,
// one production branch and environment. Then deliberately broken copies prove the check fails.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkExample, type ExampleFiles } from '../support/example-provides.js';

const root = join(import.meta.dirname, '..', '..');
const reusableDir = join(root, '.github', 'workflows');
const reusable = Object.fromEntries(
  readdirSync(reusableDir)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => [f, readFileSync(join(reusableDir, f), 'utf8')]),
);
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'examples', d.name, '.github')))
  .map((d) => d.name);

function load(name: string): ExampleFiles {
  const dir = join(root, 'examples', name, '.github');
  const wfDir = join(dir, 'workflows');
  return {
    config: readFileSync(join(dir, 'promotion.yml'), 'utf8'),
    workflows: Object.fromEntries(
      readdirSync(wfDir).map((f) => [f, readFileSync(join(wfDir, f), 'utf8')]),
    ),
  };
}

/** A copy with one text replacement in one file; the replacement must apply. */
function broken(name: string, file: 'config' | string, from: string, to: string): ExampleFiles {
  const files = load(name);
  const text = file === 'config' ? files.config : files.workflows[file]!;
  expect(text).toContain(from);
  const changed = text.replace(from, to);
  return file === 'config'
    ? { ...files, config: changed }
    : { ...files, workflows: { ...files.workflows, [file]: changed } };
}

test('there are four examples to check', () => {
  expect(examples.sort()).toEqual(['d1-worker', 'frappe-site', 'monorepo', 'postgres-app']);
});

test.each(examples)('examples/%s names only what its workflows provide', (name) => {
  expect(checkExample(load(name), reusable)).toEqual([]);
});

describe('a deliberately broken copy is caught', () => {
  test('a notify webhook env var no workflow maps', () => {
    const files = broken(
      'postgres-app',
      'config',
      'webhook-env: TEAMS_WEBHOOK_URL',
      'webhook-env: MY_TEAMS_HOOK',
    );
    expect(checkExample(files, reusable)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^notify\.teams\.webhook-env names MY_TEAMS_HOOK, but on-merge\.yml job smoke/,
        ),
        expect.stringMatching(
          /^notify\.teams\.webhook-env names MY_TEAMS_HOOK, but on-merge\.yml job release/,
        ),
      ]),
    );
  });

  test('a database URL env var the migrate and rollback jobs do not set', () => {
    const files = broken(
      'postgres-app',
      'config',
      'database-url-env: DATABASE_URL',
      'database-url-env: PROD_DB',
    );
    const problems = checkExample(files, reusable);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'migrate.database-url-env names PROD_DB, but on-merge.yml job migrate',
        ),
        expect.stringContaining(
          'migrate.database-url-env names PROD_DB, but rollback.yml job rollback',
        ),
      ]),
    );
  });

  test('a smoke basic-auth env var, and a backup store credential', () => {
    const files = broken(
      'postgres-app',
      'config',
      "      headers:\n        Authorization: { env: SMOKE_TOKEN, format: 'Bearer {value}' }",
      '      basic-auth: { user-env: QA_USER, password-env: SMOKE_PASSWORD }',
    );
    expect(checkExample(files, reusable)).toEqual([
      expect.stringContaining('smoke.checks[1].basic-auth.user-env names QA_USER'),
    ]);
    const store = broken(
      'd1-worker',
      'config',
      'identity-env: AGE_SECRET_KEY',
      'identity-env: R2_AGE_KEY',
    );
    expect(checkExample(store, reusable)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'migrate.store.encryption.identity-env names R2_AGE_KEY, but rollback.yml',
        ),
      ]),
    );
  });

  test('secrets the caller does not pass (explicit mapping instead of inherit)', () => {
    const files = broken(
      'postgres-app',
      'promote-on-merge.yml',
      '\n    secrets: inherit # zizmor: ignore[secrets-inherit] (docs/workflows.md#secrets)\n',
      '\n    secrets:\n      SMOKE_TOKEN: ${{ secrets.SMOKE_TOKEN }}\n',
    );
    expect(checkExample(files, reusable)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'maps DATABASE_URL from secrets.DATABASE_URL, which promote-on-merge.yml does not pass',
        ),
      ]),
    );
  });

  test('a report file preflight never receives', () => {
    const files = broken(
      'd1-worker',
      'config',
      '    lcov: [coverage/lcov.info]',
      '    lcov: [coverage/lcov.info]\n  findings:\n    sarif: [reports/codeql.sarif]',
    );
    expect(checkExample(files, reusable)).toEqual([
      'preflight.findings.sarif[0]: reports/codeql.sarif is not uploaded as promote-reports by a job the preflight caller needs',
    ]);
    const noArtifact = broken(
      'postgres-app',
      'promote-preflight.yml',
      '      reports-artifact: promote-reports\n',
      '',
    );
    expect(checkExample(noArtifact, reusable)).toEqual([
      expect.stringContaining('no reports-artifact is passed to preflight.yml'),
    ]);
  });

  test('a tool the job does not install', () => {
    const noBrowsers = broken(
      'd1-worker',
      'promote-on-merge.yml',
      '      playwright-browsers: chromium\n',
      '',
    );
    expect(checkExample(noBrowsers, reusable)).toEqual([
      expect.stringMatching(
        /^smoke\.commands\[0\]\.run \(npx playwright\) runs playwright, which the smoke job/,
      ),
    ]);
    const noNode = broken('d1-worker', 'promote-rollback.yml', "      node-version: '24'", '');
    expect(checkExample(noNode, reusable)).toEqual([
      expect.stringMatching(
        /^migrate\.preset d1 runs wrangler, which the rollback job of rollback\.yml does not have/,
      ),
    ]);
    const bench = broken(
      'frappe-site',
      'promote-rollback.yml',
      '      runs-on: \'["self-hosted", "frappe-production"]\'\n',
      '',
    );
    expect(checkExample(bench, reusable)).toEqual([
      expect.stringMatching(/^migrate\.preset frappe runs bench, which the rollback job/),
    ]);
    const promoteCommand = broken(
      'frappe-site',
      'config',
      "    paths: ['hrms/patches/**', 'hrms/patches.txt']",
      '    command: [bench, --site, erp.example.com, show-pending-patches]',
    );
    expect(checkExample(promoteCommand, reusable)).toEqual([
      expect.stringMatching(/^promote\.migrations\.command runs bench, which the promote job/),
    ]);
  });

  test('a deploy command reading a variable the deploy step does not set', () => {
    const files = broken(
      'postgres-app',
      'promote-on-merge.yml',
      '"$DEPLOY_HOOK_URL"',
      '"$RENDER_HOOK"',
    );
    expect(checkExample(files, reusable)).toEqual([
      "deploy-command reads $RENDER_HOOK, which on-merge.yml's deploy step does not set",
    ]);
  });

  test('production branch or environment repeated differently', () => {
    const branch = broken(
      'frappe-site',
      'promote-rollback.yml',
      'production-branch: production',
      'production-branch: main',
    );
    expect(checkExample(branch, reusable)).toEqual([
      'promote-rollback.yml: production-branch main but branches.production is production',
    ]);
    // on-merge.yml takes the branch from promotion.yml; an example passing it would teach an
    // input that is not read.
    const unread = broken(
      'frappe-site',
      'promote-on-merge.yml',
      '      environment: production\n',
      '      environment: production\n      production-branch: production\n',
    );
    expect(checkExample(unread, reusable)).toEqual([
      'promote-on-merge.yml: on-merge.yml does not read production-branch (the guard reads branches.production from promotion.yml); remove it',
    ]);
    const trigger = broken(
      'd1-worker',
      'promote-preflight.yml',
      '    branches: [main]',
      '    branches: [master]',
    );
    expect(checkExample(trigger, reusable)).toEqual([
      'promote-preflight.yml: on.pull_request.branches is ["master"] but branches.production is main',
    ]);
    const env = broken(
      'postgres-app',
      'promote-rollback.yml',
      'environment: production',
      'environment: prod',
    );
    expect(checkExample(env, reusable)).toEqual([
      "promote-rollback.yml: environment prod but the config's environment is production",
    ]);
  });

  test('on-failure: rollback with a rollback caller under another name', () => {
    const files = load('d1-worker');
    const { ['promote-rollback.yml']: rollback, ...rest } = files.workflows;
    const renamed = { ...files, workflows: { ...rest, 'rollback.yml': rollback! } };
    expect(checkExample(renamed, reusable)).toEqual([
      'smoke.on-failure rollback dispatches promote-rollback.yml, but the caller of rollback.yml is rollback.yml',
    ]);
  });
});
