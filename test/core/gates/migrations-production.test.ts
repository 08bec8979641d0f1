import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrateConfig } from '../../../packages/core/src/config/sections/migrate.js';
import { promotionConfigSchema } from '../../../packages/core/src/config/schema.js';
import { createExec } from '../../../packages/core/src/exec.js';
import { readMigrationFacts } from '../../../packages/core/src/gates/migrations/collect-migrations.js';
import {
  parseD1MigrationsList,
  parsePrismaStatus,
} from '../../../packages/core/src/gates/migrations/production.js';
import { memoryLogger } from '../../../packages/core/src/logger.js';
import { file } from './facts-builder.js';

/**
 * Asking production through the preset's own tool: `prisma migrate status` and
 * `wrangler d1 migrations list <db> --remote`, run only when the job holds the credentials;
 * stand-ins on PATH print each tool's output (test/support/fake-npx, fake-tools/wrangler.cjs).
 */

const SQUAWK = join(process.cwd(), 'node_modules/.bin/squawk');
const FAKE_TOOLS = join(process.cwd(), 'test/support/fake-tools');
const FAKE_NPX = join(process.cwd(), 'test/support/fake-npx');
const URL = 'postgresql://app:s3cret-pw@db.internal:5432/app';

let workspace: string;
let home: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'mig-prod-'));
  home = mkdtempSync(join(tmpdir(), 'mig-tool-'));
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

function write(path: string, text: string) {
  mkdirSync(join(workspace, path, '..'), { recursive: true });
  writeFileSync(join(workspace, path), text);
}

async function read(
  migrate: Record<string, unknown>,
  added: string[],
  env: NodeJS.ProcessEnv,
  logger = memoryLogger(),
) {
  const config = promotionConfigSchema().parse({
    migrate,
    preflight: { migrations: { squawk: [SQUAWK] } },
  });
  const exec = createExec({
    logger,
    env: {
      ...process.env,
      PATH: `${FAKE_NPX}:${FAKE_TOOLS}:${process.env.PATH}`,
      FAKE_WRANGLER_HOME: home,
      FAKE_PRISMA_APPLIED: join(home, 'prisma.applied'),
      FAKE_PRISMA_URL: URL,
    },
  });
  return readMigrationFacts(
    { exec, env, workspace, readBase: async () => null },
    config.migrate as MigrateConfig,
    config.preflight.migrations!,
    added.map((f) => file(f, undefined)),
  );
}

describe('prisma: prisma migrate status against production', () => {
  beforeEach(() => {
    for (const name of ['20260101000000_init', '20260201000000_tags', '20261101000000_author'])
      write(`prisma/migrations/${name}/migration.sql`, 'SELECT 1;\n');
    write('prisma/migrations/migration_lock.toml', 'provider = "postgresql"\n');
    writeFileSync(join(home, 'prisma.applied'), '20260101000000_init\n');
  });

  test('with the database URL: every unapplied migration in order, an earlier leftover included', async () => {
    const logger = memoryLogger();
    const m = await read(
      { preset: 'prisma' },
      ['prisma/migrations/20261101000000_author/migration.sql'],
      { DATABASE_URL: URL },
      logger,
    );
    expect(m.source).toBe('production');
    expect(m.pending).toEqual([
      'prisma/migrations/20260201000000_tags/migration.sql',
      'prisma/migrations/20261101000000_author/migration.sql',
    ]);
    expect(m.sourceDetail).toBe(
      'read from `prisma migrate status` against production (via $DATABASE_URL)',
    );
    expect(logger.lines.join('\n')).not.toContain('s3cret-pw');
  });

  test('up to date: nothing pending, though the promotion adds a file that production already ran', async () => {
    writeFileSync(
      join(home, 'prisma.applied'),
      '20260101000000_init\n20260201000000_tags\n20261101000000_author\n',
    );
    const m = await read(
      { preset: 'prisma' },
      ['prisma/migrations/20261101000000_author/migration.sql'],
      { DATABASE_URL: URL },
    );
    expect(m.source).toBe('production');
    expect(m.pending).toEqual([]);
  });

  test('without the URL in this job: the files the promotion adds, and no claim about production', async () => {
    const m = await read(
      { preset: 'prisma' },
      ['prisma/migrations/20261101000000_author/migration.sql'],
      {},
    );
    expect(m.source).toBe('added-files');
    expect(m.pending).toEqual(['prisma/migrations/20261101000000_author/migration.sql']);
    expect(m.sourceDetail).toContain('production was not asked');
  });

  test('a history that diverged from production is refused, not guessed', () => {
    // prisma's historiesDiverge report (MigrateStatus.ts), exit 1.
    const out = `Your local migration history and the migrations table from your database are different:

The last common migration is: 20260101000000_init

The migration have not yet been applied:
20260201000000_tags

The migration from the database are not found locally in prisma/migrations:
20260115000000_hotfix`;
    expect(() => parsePrismaStatus(out)).toThrow(/diverged/);
    expect(
      parsePrismaStatus(
        'Prisma schema loaded from prisma/schema.prisma\n\n1 migration found in prisma/migrations\n\nDatabase schema is up to date!\n',
      ),
    ).toEqual([]);
  });
});

describe('d1: wrangler d1 migrations list --remote', () => {
  beforeEach(() => {
    write('migrations/0001_init.sql', 'CREATE TABLE orders (id INTEGER PRIMARY KEY);\n');
    write('migrations/0002_region.sql', 'ALTER TABLE orders ADD COLUMN region TEXT;\n');
    write('migrations/0003_notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY);\n');
    writeFileSync(join(home, 'shop-db.sql'), 'CREATE TABLE orders (id INTEGER PRIMARY KEY);\n');
    // 0003 is added by the promotion but was applied already (wrangler d1 migrations apply by hand).
    writeFileSync(join(home, 'shop-db.applied'), '0001_init.sql\n0003_notes.sql\n');
  });

  test('with a Cloudflare API token: exactly what wrangler will apply, in order', async () => {
    const m = await read({ preset: 'd1', database: 'shop-db' }, ['migrations/0003_notes.sql'], {
      CLOUDFLARE_API_TOKEN: 'cf-token-123456',
    });
    expect(m.source).toBe('production');
    expect(m.pending).toEqual(['migrations/0002_region.sql']);
    expect(m.sourceDetail).toBe('read from `wrangler d1 migrations list shop-db --remote`');
  });

  test('without a token: the files the promotion adds', async () => {
    const m = await read({ preset: 'd1', database: 'shop-db' }, ['migrations/0003_notes.sql'], {});
    expect(m.source).toBe('added-files');
    expect(m.pending).toEqual(['migrations/0003_notes.sql']);
  });

  test("wrangler's two answers parse: a table of names, or nothing to apply", () => {
    const table = `Resource location: remote

Migrations to be applied:
┌──────────────────┐
│ Name             │
├──────────────────┤
│ 0002_region.sql  │
├──────────────────┤
│ 0004_index.sql   │
└──────────────────┘`;
    expect(parseD1MigrationsList(table)).toEqual(['0002_region.sql', '0004_index.sql']);
    expect(parseD1MigrationsList('✅ No migrations to apply!')).toEqual([]);
    expect(() => parseD1MigrationsList('✘ [ERROR] something else')).toThrow();
  });
});
