// `npx promote validate [--plan] [file]`: what a user sees when checking a config before
// pushing it: every example accepted, each broken file refused with one line naming the file,
// line, key and fix, annotations in GitHub Actions, and the commands each action would run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDeps, run } from '../../src/cli/main.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BROKEN = 'test/fixtures/configs/broken';

async function promote(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run({
    ...defaultDeps(),
    argv,
    env,
    cwd: ROOT,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => new Date('2026-11-25T13:30:00Z'),
  });
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err };
}

const examples = [
  ...readdirSync(join(ROOT, 'examples'))
    .map((d) => `examples/${d}/.github/promotion.yml`)
    .filter((f) => existsSync(join(ROOT, f))),
  ...(existsSync(join(ROOT, '.github/promotion.yml')) ? ['.github/promotion.yml'] : []),
];

test('there are example configs to check', () => {
  expect(examples.length).toBeGreaterThanOrEqual(3);
});

test.each(examples)('%s is valid', async (file) => {
  const r = await promote(['validate', file]);
  expect(r.err).toBe('');
  expect(r.out).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: valid \\(`));
  expect(r.code).toBe(0);
});

// One line per broken file: `<file>:<line>:<col>: <key>: <what is wrong>; <what to do>`.
test.each([
  [
    'fixed-offset-zone.yml',
    '3:3: preflight.timezone: "EST" is a fixed UTC offset without daylight saving; use America/New_York',
  ],
  [
    'etc-gmt-zone.yml',
    '6:7: preflight.freeze[0].timezone: "Etc/GMT+5" is a fixed UTC offset without daylight saving (UTC-05:00; Etc/GMT signs are inverted); use the IANA zone of the place',
  ],
  ['unknown-key.yml', '3:3: preflight.frezee: unknown key; allowed keys: timezone,'],
  ['bad-time.yml', '5:7: preflight.freeze[0].from: "25:00" is not a time; use HH:MM'],
  [
    'not-yaml.yml',
    '4:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
  ['duplicate-key.yml', '4:3: production is given twice in this mapping; keep one'],
  [
    'secret-in-env-name.yml',
    '4:5: notify.slack.webhook-env: (value hidden) looks like a secret value, not an environment variable name; put the value in a repository secret',
  ],
  ['smoke-path.yml', '6:7: smoke.checks[0].path: path must start with "/"'],
  ['unknown-preset.yml', '3:3: migrate.preset: "mysql" is not allowed; use one of: frappe, d1,'],
  ['list-not-mapping.yml', '1:1: the file is a list; it must be a mapping of sections'],
  // Valid to the schema, refused by the action's own planner: validate runs the planners too.
  [
    'frappe-without-site.yml',
    ' migrate-with-rollback would refuse to run: migrate.site is required by preset "frappe"; add it under migrate:',
  ],
])('%s is refused naming file, line, key and fix', async (name, expected) => {
  const file = `${BROKEN}/${name}`;
  const r = await promote(['validate', file]);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.errLines).toHaveLength(2);
  expect(r.errLines[0]).toContain(`${file}:${expected}`);
  expect(r.errLines[1]).toMatch(
    new RegExp(`^${file}: 1 problem( \\(not valid YAML\\))?; fix and re-run\\.$`),
  );
});

test('every broken fixture has its case above', () => {
  expect(readdirSync(join(ROOT, BROKEN)).sort()).toHaveLength(11);
});

test('the secret pasted into the config is never echoed', async () => {
  const r = await promote(['validate', `${BROKEN}/secret-in-env-name.yml`]);
  expect(r.err).not.toContain('hooks.slack.com');
});

test('in GitHub Actions each problem is an ::error annotation on its line', async () => {
  const file = `${BROKEN}/fixed-offset-zone.yml`;
  const r = await promote(['validate', file], { GITHUB_ACTIONS: 'true' });
  expect(r.code).toBe(1);
  expect(r.errLines[0]).toBe(
    `::error file=${file},line=3,col=3,title=Promote config::preflight.timezone: "EST" is a fixed UTC offset without daylight saving; use America/New_York`,
  );
});

// Issue #17: a bare number in migrate.timeouts/lock still loads (milliseconds) for the rest of v1.
describe('a deprecated value is a warning with its file, line and fix; validate still passes', () => {
  const file = 'test/fixtures/configs/deprecated-bare-milliseconds.yml';
  const warning =
    'migrate.timeouts.backup: 30 is read as 30 milliseconds; write "30ms" (or "30s" if you meant seconds) — bare numbers are deprecated and will be refused in the next major';

  test('in a terminal: file:line:col: warning: key: fix, on stderr; exit 0', async () => {
    const r = await promote(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.errLines).toEqual([`${file}:6:5: warning: ${warning}`]);
    expect(r.out).toBe(`${file}: valid (migrate), 1 warning`);
  });

  test('in GitHub Actions: a ::warning annotation on the line; exit 0', async () => {
    const r = await promote(['validate', file], { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(0);
    expect(r.errLines).toEqual([
      `::warning file=${file},line=6,col=5,title=Promote config%3A deprecated value::${warning}`,
    ]);
  });

  test('--plan runs the migrate step with the timeout the warning names', async () => {
    const r = await promote(['validate', '--plan', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('  backup (timeout 30ms):');
    expect(r.out).toContain('  migrate (timeout 30m):');
  });
});

test('a missing file is named with what to do', async () => {
  const r = await promote(['validate', 'nowhere/promotion.yml']);
  expect(r.code).toBe(1);
  expect(r.err).toContain('nowhere/promotion.yml not found; create it (reference: docs/config.md)');
});

test('a command line that makes no sense prints the usage and exits 2', async () => {
  expect((await promote([])).code).toBe(2);
  const r = await promote(['validate', '--plna']);
  expect(r.code).toBe(2);
  expect(r.err).toContain('unknown option --plna');
  expect(r.err).toContain('Usage: promote validate [--plan]');
});

describe('--plan prints what each action would run', () => {
  test('frappe: the gates, every bench command of migrate and its restore, the smoke checks', async () => {
    const r = await promote(['validate', '--plan', 'examples/frappe-site/.github/promotion.yml']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^preflight-gates: gates that run: .*freeze/m);
    expect(r.out).toContain('$ bench --site erp.example.com migrate');
    expect(r.out).toContain('$ bench --site erp.example.com restore ');
    expect(r.out).toContain('$ bench restart');
    expect(r.out).toMatch(/^ {2}GET https:\/\/\S+/m);
    expect(r.out).toContain('tag-release: runs no commands');
  });

  test('d1: the smoke command with its BASE_URL', async () => {
    const r = await promote(['validate', '--plan', 'examples/d1-worker/.github/promotion.yml']);
    expect(r.out).toContain(
      '$ npx playwright test --grep @qa-readonly   [env: BASE_URL=https://shop.example.workers.dev]',
    );
    expect(r.out).toMatch(/migrate-with-rollback \(on merge; preset d1/);
  });

  test('postgres: secrets show as the variable name or ***, never a value', async () => {
    const secret = 'tok-3f9c1e55a0';
    const r = await promote(['validate', '--plan', 'examples/postgres-app/.github/promotion.yml'], {
      API_TOKEN: secret,
      SMOKE_TOKEN: secret,
      DATABASE_URL: `postgres://app:${secret}@db/app`,
    });
    expect(r.code).toBe(0);
    expect(r.out).toContain('database URL: from $DATABASE_URL');
    expect(r.out).toContain('$ pg_dump -Fc');
    expect(r.out).toMatch(/headers Authorization: \*\*\*/);
    expect(r.out).not.toContain(secret);
    expect(r.out).not.toMatch(/secret-from-/);
  });

  test('a section the file does not have is "not configured", not a plan of defaults', async () => {
    const r = await promote(['validate', '--plan', 'test/fixtures/configs/preflight-only.yml']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'preflight-gates: gates that run: ci, freeze, diff-guard, branch-protection',
    );
    expect(r.out).toContain('migrate-with-rollback: not configured (no migrate: section)');
    expect(r.out).toContain('prod-smoke-seal: not configured (no smoke: section)');
  });
});

test('the built command runs as users run it: node bin/promote.mjs (the committed bundle)', () => {
  const r = spawnSync(
    process.execPath,
    ['bin/promote.mjs', 'validate', `${BROKEN}/fixed-offset-zone.yml`],
    { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH } },
  );
  expect(r.stderr).toContain(
    `${BROKEN}/fixed-offset-zone.yml:3:3: preflight.timezone: "EST" is a fixed UTC offset without daylight saving; use America/New_York`,
  );
  expect(r.status).toBe(1);
});
