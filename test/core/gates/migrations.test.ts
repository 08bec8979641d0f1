import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrateConfig } from '../../../packages/core/src/config/sections/migrate.js';
import { promotionConfigSchema } from '../../../packages/core/src/config/schema.js';
import { createExec } from '../../../packages/core/src/exec.js';
import { readMigrationFacts } from '../../../packages/core/src/gates/migrations/collect-migrations.js';
import { migrationsGate } from '../../../packages/core/src/gates/migrations/migrations-gate.js';
import { applyOverride } from '../../../packages/core/src/gates/override.js';
import { fact } from '../../../packages/core/src/gates/types.js';
import { memoryLogger } from '../../../packages/core/src/logger.js';
import { facts, file } from './facts-builder.js';

const SQUAWK = join(process.cwd(), 'node_modules/.bin/squawk');
const exec = createExec({ logger: memoryLogger() });

let workspace: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'miglint-'));
  mkdirSync(join(workspace, 'migrations'));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

function write(name: string, sql: string): void {
  writeFileSync(join(workspace, 'migrations', name), sql);
}

function configFor(preset: 'postgres' | 'sqlite', migrations: Record<string, unknown> = {}) {
  return promotionConfigSchema().parse({
    migrate: { preset, ...(preset === 'sqlite' ? { 'sqlite-path': 'prod.db' } : {}) },
    preflight: { migrations: { squawk: [SQUAWK], ...migrations } },
  });
}

/** Collect (run Squawk or SQLite on the files) and judge, as preflight-gates does. */
async function judge(
  preset: 'postgres' | 'sqlite',
  added: string[],
  options: { migrations?: Record<string, unknown>; labels?: string[] } = {},
) {
  const config = configFor(preset, options.migrations);
  const changed = added.map((f) => file(`migrations/${f}`, undefined));
  const m = await readMigrationFacts(
    { exec, env: {}, workspace, readBase: async () => null },
    config.migrate as MigrateConfig,
    config.preflight.migrations!,
    changed,
  );
  const f = facts({ migrations: fact(m), files: fact({ files: changed }) });
  f.pr.labels = options.labels ?? [];
  return { facts: m, result: migrationsGate(f, config.preflight), config };
}

const RISKY_PG = [
  '-- users gets a required flag, an email index and loses legacy',
  "SET lock_timeout = '2s';",
  'ALTER TABLE users ADD COLUMN x int NOT NULL;',
  '',
  'CREATE INDEX users_email ON users (email);',
  '',
  'ALTER TABLE users DROP COLUMN legacy;',
  '',
].join('\n');

const SAFE_PG = [
  "SET lock_timeout = '2s';",
  "SET statement_timeout = '5min';",
  'ALTER TABLE users ADD COLUMN IF NOT EXISTS x bigint;',
  'CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email);',
  '',
].join('\n');

describe('PostgreSQL migrations, judged by Squawk', () => {
  beforeEach(() => {
    write(
      '001_users.sql',
      'CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);\n',
    );
  });

  test('a NOT NULL column without default, a plain CREATE INDEX and a DROP COLUMN block, each annotated at its line with its expand/contract step', async () => {
    write('002_risky.sql', RISKY_PG);
    const { result, facts: m } = await judge('postgres', ['002_risky.sql']);
    expect(m.pending).toEqual(['migrations/002_risky.sql']);
    expect(m.source).toBe('added-files');
    expect(result.row.status).toBe('fail');
    const failures = result.annotations.filter((a) => a.annotation_level === 'failure');
    expect(
      failures.map((a) => [a.path, a.start_line, a.title]).sort((a, b) => +a[1]! - +b[1]!),
    ).toEqual([
      ['migrations/002_risky.sql', 3, 'migrations: adding-required-field'],
      ['migrations/002_risky.sql', 5, 'migrations: require-concurrent-index-creation'],
      ['migrations/002_risky.sql', 7, 'migrations: ban-drop-column'],
    ]);
    const drop = failures.find((a) => a.title === 'migrations: ban-drop-column')!;
    expect(drop.message).toContain('Expand/contract: first ship code that no longer reads');
    const required = failures.find((a) => a.title === 'migrations: adding-required-field')!;
    expect(required.message).toContain('add the column nullable');
    expect(result.row.details).toContain('Migration files this promotion adds');
    expect(result.row.details).toContain('production was not asked');
  });

  test('the safe versions pass (migrations run outside a transaction)', async () => {
    write('002_safe.sql', SAFE_PG);
    const { result } = await judge('postgres', ['002_safe.sql'], {
      migrations: { 'in-transaction': false },
    });
    expect(result.annotations).toEqual([]);
    expect(result.row.status).toBe('pass');
  });

  test('with the postgres preset (each file in one transaction) CONCURRENTLY is reported as impossible, not passed', async () => {
    write('002_safe.sql', SAFE_PG);
    const { result } = await judge('postgres', ['002_safe.sql']);
    expect(result.row.status).toBe('fail');
    expect(result.annotations.map((a) => [a.start_line, a.title])).toEqual([
      [4, 'migrations: ban-concurrent-index-creation-in-transaction'],
    ]);
  });

  test('the approval label turns a destructive finding into a warning, but not a locking one', async () => {
    write('002_risky.sql', RISKY_PG);
    const { result } = await judge('postgres', ['002_risky.sql'], {
      labels: ['destructive-migration-approved'],
    });
    const byRule = Object.fromEntries(result.annotations.map((a) => [a.title, a.annotation_level]));
    expect(byRule['migrations: ban-drop-column (approved)']).toBe('warning');
    expect(byRule['migrations: require-concurrent-index-creation']).toBe('failure');
    expect(result.row.status).toBe('fail');
  });

  test('rules set to warn or off in config do not block', async () => {
    write('002_risky.sql', RISKY_PG);
    const { result } = await judge('postgres', ['002_risky.sql'], {
      migrations: {
        rules: {
          'adding-required-field': 'warn',
          'require-concurrent-index-creation': 'off',
          'ban-drop-column': 'warn',
        },
      },
    });
    expect(result.row.status).toBe('warn');
    expect(result.annotations.some((a) => a.annotation_level === 'failure')).toBe(false);
  });

  test('an override lifts the gate only when every blocking rule is in override-lifts', async () => {
    write('002_risky.sql', RISKY_PG);
    const request = { actor: 'oncall', at: '2026-11-25T13:30:00Z', reason: 'outage', via: 'label' };
    const some = await judge('postgres', ['002_risky.sql'], {
      migrations: { 'override-lifts': ['require-concurrent-index-creation'] },
    });
    expect(applyOverride([some.result], request, some.config.preflight)[0]!.row.status).toBe(
      'fail',
    );
    const all = await judge('postgres', ['002_risky.sql'], {
      migrations: {
        'override-lifts': [
          'require-concurrent-index-creation',
          'adding-required-field',
          'ban-drop-column',
        ],
      },
    });
    const [lifted] = applyOverride([all.result], request, all.config.preflight);
    expect(lifted!.row.status).toBe('warn');
    expect(lifted!.overridden).toBe(true);
    expect(lifted!.row.summary).toContain('overridden by oncall: outage');
  });

  test('Squawk missing on the runner: the gate cannot evaluate and says how to install it', async () => {
    write('002_safe.sql', SAFE_PG);
    await expect(
      judge('postgres', ['002_safe.sql'], {
        migrations: { squawk: ['squawk-not-installed-here'] },
      }),
    ).rejects.toThrow(/not installed on the runner: set the preflight workflow's squawk-version/);
  });
});

describe('SQLite migrations, judged by SQLite on a scratch database', () => {
  beforeEach(() => {
    write(
      '001_users.sql',
      "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, legacy TEXT);\nCREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT DEFAULT 'a;b');\n",
    );
  });

  test('NOT NULL without default and DROP COLUMN block at their lines; the index does not (SQLite has no concurrent build)', async () => {
    write(
      '002_risky.sql',
      [
        '-- a comment; with a semicolon',
        'ALTER TABLE users ADD COLUMN x INTEGER NOT NULL;',
        '',
        'CREATE INDEX users_email ON users (email);',
        "INSERT INTO notes (body) VALUES ('it''s; fine');",
        'ALTER TABLE users DROP COLUMN legacy;',
      ].join('\n'),
    );
    const { result } = await judge('sqlite', ['002_risky.sql']);
    expect(result.row.status).toBe('fail');
    expect(result.annotations.map((a) => [a.start_line, a.title, a.annotation_level])).toEqual([
      [2, 'migrations: adding-required-field', 'failure'],
      [6, 'migrations: ban-drop-column', 'failure'],
    ]);
    expect(result.annotations[1]!.message).toContain('Expand/contract');
  });

  test('the safe versions pass', async () => {
    write(
      '002_safe.sql',
      'ALTER TABLE users ADD COLUMN x INTEGER NOT NULL DEFAULT 0;\nCREATE INDEX users_email ON users (email);\n',
    );
    const { result } = await judge('sqlite', ['002_safe.sql']);
    expect(result.annotations).toEqual([]);
    expect(result.row.status).toBe('pass');
  });

  test('a 12-step rebuild that loses a column, a rename, a DROP TABLE and a DELETE without WHERE are found', async () => {
    write(
      '002_rebuild.sql',
      [
        'CREATE TABLE new_users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);',
        'INSERT INTO new_users (id, email) SELECT id, email FROM users;',
        'DROP TABLE users;',
        'ALTER TABLE new_users RENAME TO users;',
        'ALTER TABLE notes RENAME COLUMN body TO text;',
        'DELETE FROM notes;',
        'CREATE TABLE scratch (a);',
        'DROP TABLE scratch;',
        'CREATE TRIGGER t AFTER INSERT ON users BEGIN UPDATE notes SET text = 1; END;',
      ].join('\n'),
    );
    const { result } = await judge('sqlite', ['002_rebuild.sql']);
    expect(result.annotations.map((a) => [a.start_line, a.title])).toEqual([
      [3, 'migrations: table-rebuild'],
      [3, 'migrations: ban-drop-column'],
      [3, 'migrations: adding-required-field'],
      [5, 'migrations: renaming-column'],
      [6, 'migrations: delete-without-where'],
    ]);
  });

  test('what production already applied is the scratch schema: an applied file is not judged again', async () => {
    write('002_drop.sql', 'ALTER TABLE users DROP COLUMN legacy;\n');
    write('003_add.sql', 'ALTER TABLE users ADD COLUMN y TEXT;\n');
    const { result, facts: m } = await judge('sqlite', ['003_add.sql']);
    expect(m.pending).toEqual(['migrations/003_add.sql']);
    expect(result.row.status).toBe('pass');
  });
});
