import { migrateSection } from '@promote/core/config/sections/migrate';
import { ConfigurationError } from '@promote/core';
import {
  buildPlan,
  renderPlan,
  type PlanFacts,
} from '../../../actions/migrate-with-rollback/src/plan.js';
import { libpqEnv, SecretMask } from '../../../actions/migrate-with-rollback/src/connection-env.js';
import { findErrorMarker } from '../../../actions/migrate-with-rollback/src/step-runner.js';
import { PRESETS } from '../../../actions/migrate-with-rollback/src/presets/index.js';

function facts(config: Record<string, unknown>, extra: Partial<PlanFacts> = {}): PlanFacts {
  return {
    config: migrateSection().parse(config),
    environment: 'production',
    mode: 'migrate',
    sha: '0123456789abcdef0123456789abcdef01234567',
    now: new Date('2026-11-23T10:15:30Z'),
    workspace: '/work/app',
    migrationFiles: [],
    rollbackWorkflow: 'rollback.yml',
    repository: { owner: 'acme', repo: 'shop' },
    ...extra,
  };
}

describe('the plan (pure: what will run, before anything runs)', () => {
  test('presets are data: every preset has backup, migrate and restore (command needs the user to supply them)', () => {
    for (const preset of Object.values(PRESETS)) {
      if (preset.name === 'command') continue;
      expect(preset.steps.backup?.length).toBeGreaterThan(0);
      expect(preset.steps.migrate?.length).toBeGreaterThan(0);
      expect(preset.steps.restore?.length).toBeGreaterThan(0);
    }
  });

  test('frappe: placeholders become argv elements; --with-files appears only when asked', () => {
    const plain = buildPlan(facts({ preset: 'frappe', site: 'erp.example.com' }));
    expect(plain.backupId).toBe('production-20261123T101530Z-0123456');
    expect(plain.steps.backup?.commands[0]?.argv).toEqual([
      'bench',
      '--site',
      'erp.example.com',
      'backup',
      '--backup-path-db',
      '/work/app/.promote/backups/production-20261123T101530Z-0123456-database.sql.gz',
    ]);
    const files = buildPlan(
      facts({ preset: 'frappe', site: 'erp.example.com', 'with-files': true }),
    );
    expect(files.steps.backup?.commands[0]?.argv.at(-1)).toBe('--with-files');
    expect(plain.steps.restart?.commands[0]?.argv).toEqual(['bench', 'restart']);
  });

  test('a site name with shell metacharacters stays one argv element', () => {
    const plan = buildPlan(facts({ preset: 'frappe', site: 'x; rm -rf / #' }));
    expect(plan.steps.migrate?.commands[0]?.argv).toEqual([
      'bench',
      '--site',
      'x; rm -rf / #',
      'migrate',
    ]);
    expect(renderPlan(plan)).toContain("bench --site 'x; rm -rf / #' migrate");
  });

  test('postgres: one command per migration file, in name order', () => {
    const plan = buildPlan(
      facts(
        { preset: 'postgres' },
        { migrationFiles: ['010_b.sql', '002_a.sql'], pgDatabase: 'shop' },
      ),
    );
    expect(plan.steps.migrate?.commands.map((c) => c.migrationName)).toEqual([
      '002_a.sql',
      '010_b.sql',
    ]);
    expect(plan.databaseUrlEnv).toBe('DATABASE_URL');
  });

  test('a migration file name that could break out of SQL quoting is refused with how to fix it', () => {
    expect(() =>
      buildPlan(facts({ preset: 'postgres' }, { migrationFiles: ["001_x');drop table t;--.sql"] })),
    ).toThrow(/migration file names may use letters, digits, \. _ - and end in \.sql; rename it/);
  });

  test('missing preset options and unknown placeholders are config errors before any side effect', () => {
    expect(() => buildPlan(facts({ preset: 'frappe' }))).toThrow(ConfigurationError);
    expect(() => buildPlan(facts({ preset: 'frappe' }))).toThrow(
      /migrate\.site is required by preset "frappe"/,
    );
    expect(() =>
      buildPlan(facts({ preset: 'command', overrides: { backup: { run: ['x'] } } })),
    ).toThrow(/needs migrate\.overrides\.migrate, migrate\.overrides\.restore/);
    expect(() =>
      buildPlan(
        facts({
          preset: 'command',
          overrides: {
            backup: { run: ['dump', '{dbPassword}'] },
            migrate: { run: ['m'] },
            restore: { run: ['r'] },
          },
        }),
      ),
    ).toThrow(/unknown placeholder \{dbPassword\}/);
    expect(() =>
      buildPlan(
        facts({
          preset: 'sqlite',
          'sqlite-path': 'a.db',
          'error-markers': { migrate: ['(unclosed'] },
        }),
      ),
    ).toThrow(/not a valid regex/);
  });

  test('a step override replaces the preset command; error markers are added per step', () => {
    const plan = buildPlan(
      facts({
        preset: 'sqlite',
        'sqlite-path': 'db/app.db',
        overrides: { restart: { run: ['systemctl', 'restart', 'app'] } },
        'error-markers': { restart: ['Job for .* failed'] },
      }),
    );
    expect(plan.steps.restart?.commands[0]).toMatchObject({
      argv: ['systemctl', 'restart', 'app'],
      errorMarkers: ['Job for .* failed'],
    });
    expect(plan.steps.backup?.commands[0]?.argv).toEqual([
      'sqlite3',
      '-bail',
      '/work/app/db/app.db',
      ".backup '/work/app/.promote/backups/production-20261123T101530Z-0123456.sqlite3'",
    ]);
  });

  test('the rendered plan names env vars, never values, and gives the exact recovery command', () => {
    const plan = buildPlan(
      facts(
        { preset: 'postgres', 'database-url-env': 'PROD_DB' },
        { migrationFiles: ['001.sql'], pgDatabase: 'shop' },
      ),
    );
    const text = renderPlan(plan);
    expect(text).toContain('database URL: from $PROD_DB');
    expect(text).toContain('[env: PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE from the URL]');
    expect(plan.rollbackCommand).toBe(
      "gh workflow run rollback.yml --repo acme/shop -f backup-id=production-20261123T101530Z-0123456 -f environment=production -f reason='restore production-20261123T101530Z-0123456'",
    );
  });

  test('a manual rollback plan needs a valid backup id', () => {
    expect(() =>
      buildPlan(
        facts({ preset: 'postgres' }, { mode: 'rollback', rollbackBackupId: '../../etc/passwd' }),
      ),
    ).toThrow(/is not a backup id/);
  });
});

describe('secrets and error markers', () => {
  test('a database URL becomes PG* variables (password in PGPASSWORD), and every derived form is masked', () => {
    const url = 'postgresql://app%40prod:p%2Fss w0rd@db.internal:6543/shop?sslmode=require';
    expect(libpqEnv(url, 'DATABASE_URL')).toEqual({
      PGHOST: 'db.internal',
      PGPORT: '6543',
      PGUSER: 'app@prod',
      PGPASSWORD: 'p/ss w0rd',
      PGDATABASE: 'shop',
      PGSSLMODE: 'require',
    });
    const mask = new SecretMask();
    mask.register(url);
    expect(mask.mask(`connecting with password p/ss w0rd to ${url}`)).toBe(
      'connecting with password *** to ***',
    );
    expect(() => libpqEnv('mysql://x@y/z', 'DATABASE_URL')).toThrow(
      /must start with postgresql:\/\//,
    );
  });

  test.each([
    [
      'd1',
      'migrate',
      '🌀 Executing\n✘ [ERROR] Migration 0002_x.sql failed with the following errors:',
      '✘ [ERROR] Migration 0002_x.sql failed with the following errors:',
    ],
    [
      'frappe',
      'migrate',
      'Migrating site\nTraceback (most recent call last):\n  File "x"',
      'Traceback (most recent call last):',
    ],
    ['prisma', 'migrate', 'Error: P3009\nmigrate found failed migrations', 'Error: P3009'],
    ['d1', 'migrate', '✅ Migrations applied', undefined],
  ] as const)('%s %s output %j is an error: %j', (preset, step, output, expected) => {
    const markers = PRESETS[preset].steps[step]?.flatMap((c) => c.errorMarkers ?? []) ?? [];
    expect(findErrorMarker(output, markers)).toBe(expected);
  });
});
