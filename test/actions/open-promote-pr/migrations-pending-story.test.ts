// "Migrations that will run on merge" from the migrate preset (promote.migrations.from: migrate):
// the preflight gate's reader on staging's files. Production asked: exactly what will run, in
// order (a real SQLite database migrated by migrate-with-rollback; D1 through the wrangler
// stand-in). Not asked: the migrations the promotion adds, and the section claims no more.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOrchestration, tempWorkspace } from '../migrate-with-rollback/world.js';
import { createWorld, type World } from './world.js';

const FAKE_TOOLS = join(process.cwd(), 'test/support/fake-tools');

const FIRST = {
  'migrations/001_notes.sql': 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n',
};
// Merged into production by an earlier promotion whose migrate never ran.
const LEFTOVER = { 'migrations/002_tags.sql': 'CREATE TABLE tags (id INTEGER PRIMARY KEY);\n' };
// Added by this promotion: 005 was already applied in production (a hotfix), 010 is new.
const HOTFIX = { 'migrations/005_hotfix.sql': 'CREATE INDEX notes_body ON notes (body);\n' };
const NEW = { 'migrations/010_author.sql': 'ALTER TABLE notes ADD COLUMN author TEXT;\n' };

const section = (body: string) =>
  /### Migrations that will run on merge\n\n([\s\S]*?)\n\nConfirm that only/.exec(body)?.[1];

describe('the promotion PR lists the migrations that will run on merge', () => {
  let world: World;
  afterEach(async () => {
    expect(world.emu.contractViolations).toEqual([]);
    await world.close();
  });

  async function history(w: World) {
    await w.emu.git.commit({ branch: 'main', message: 'feat: notes', files: FIRST });
    await w.emu.git.commit({ branch: 'main', message: 'feat: tags', files: LEFTOVER });
    await w.commitToStaging('fix: index notes (hotfix)', HOTFIX);
    await w.commitToStaging('feat: note author', NEW);
  }

  test('SQLite asked: a migration already applied in production is not listed, one left pending earlier is, in order', async () => {
    // Production: migrate-with-rollback applied 001 and (as a hotfix) 005.
    const prod = tempWorkspace();
    const db = join(prod, 'prod.db');
    execFileSync('sqlite3', [db, 'VACUUM']);
    mkdirSync(join(prod, 'migrations'));
    for (const [path, sql] of Object.entries({ ...FIRST, ...HOTFIX }))
      writeFileSync(join(prod, path), sql);
    const migrate = { preset: 'sqlite', 'sqlite-path': db };
    expect((await runOrchestration({ config: migrate, workspace: prod }).promise).state).toBe(
      'migrated',
    );

    world = await createWorld();
    world.writeConfig(`promote:
  labels: []
  migrations:
    from: migrate
migrate:
  preset: sqlite
  sqlite-path: ${JSON.stringify(db)}
`);
    await history(world);
    const r = await world.promote();
    expect(r.failed).toBeUndefined();
    const listed = section(world.pulls()[0]!.body!);
    expect(listed).toContain('These run on merge, in this order (read from the promote');
    expect(listed).toMatch(
      /\n\n1\. `migrations\/002_tags\.sql`\n2\. `migrations\/010_author\.sql`$/,
    );
    expect(listed).not.toContain('005_hotfix');

    // migrate-with-rollback then applies exactly those, in that order, on the same database.
    for (const [path, sql] of Object.entries({ ...LEFTOVER, ...NEW }))
      writeFileSync(join(prod, path), sql);
    expect((await runOrchestration({ config: migrate, workspace: prod }).promise).state).toBe(
      'migrated',
    );
    const applied = execFileSync(
      'sqlite3',
      [db, 'SELECT filename FROM promote_schema_migrations ORDER BY rowid'],
      { encoding: 'utf8' },
    ).trim();
    expect(applied.split('\n')).toEqual([
      '001_notes.sql',
      '005_hotfix.sql',
      '002_tags.sql',
      '010_author.sql',
    ]);
  }, 90_000);

  test('production not reachable (no database file in this job): the files the promotion adds, and it says it claims no more', async () => {
    world = await createWorld();
    world.writeConfig(`promote:
  labels: []
  migrations:
    from: migrate
migrate:
  preset: sqlite
  sqlite-path: /nonexistent/prod.db
`);
    await history(world);
    const r = await world.promote();
    expect(r.failed).toBeUndefined();
    const listed = section(world.pulls()[0]!.body!)!;
    expect(listed).toMatch(
      /^_These are the migrations this promotion adds; production was not asked/,
    );
    expect(listed).toContain('migrations pending from earlier promotions are not listed');
    expect(listed).toMatch(/- `migrations\/005_hotfix\.sql`\n- `migrations\/010_author\.sql`$/);
    expect(listed).not.toContain('002_tags');
    expect(listed).not.toContain('in this order');
  });

  test('from: migrate without a migrate preset is refused before anything is written', async () => {
    world = await createWorld();
    world.writeConfig(`promote:
  labels: []
  migrations:
    from: migrate
`);
    await world.commitToStaging('feat: a');
    const r = await world.promote();
    expect(r.failed).toContain(
      'promote.migrations.from: migrate reads the migrations of migrate.preset',
    );
    expect(world.pulls()).toEqual([]);
  });

  test('D1 with a Cloudflare API token: wrangler d1 migrations list --remote decides for the migrations of the checkout it runs in', async () => {
    const home = mkdtempSync(join(tmpdir(), 'wrangler-home-'));
    writeFileSync(join(home, 'shop-db.sql'), 'CREATE TABLE notes (id INTEGER PRIMARY KEY);\n');
    writeFileSync(join(home, 'shop-db.applied'), '001_notes.sql\n005_hotfix.sql\n');
    world = await createWorld();
    world.writeConfig(`promote:
  labels: []
  migrations:
    from: migrate
migrate:
  preset: d1
  database: shop-db
`);
    await history(world);
    const promote = () =>
      world.promote(
        {},
        {
          env: {
            PATH: `${FAKE_TOOLS}:${process.env.PATH}`,
            FAKE_WRANGLER_HOME: home,
            CLOUDFLARE_API_TOKEN: 'cf-token-123456',
          },
        },
      );
    // The job's checkout holds staging's migrations: wrangler knows every one.
    mkdirSync(join(world.workspace, 'migrations'));
    for (const [path, sql] of Object.entries({ ...FIRST, ...LEFTOVER, ...HOTFIX, ...NEW }))
      writeFileSync(join(world.workspace, path), sql);
    expect((await promote()).failed).toBeUndefined();
    let listed = section(world.pulls()[0]!.body!)!;
    expect(listed).toContain('wrangler d1 migrations list shop-db --remote');
    expect(listed).toMatch(
      /\):\n\n1\. `migrations\/002_tags\.sql`\n2\. `migrations\/010_author\.sql`$/,
    );

    // A checkout without the promotion's files (the config branch): wrangler cannot vouch for
    // them, and the section says so instead of claiming they are pending.
    rmSync(join(world.workspace, 'migrations/005_hotfix.sql'));
    rmSync(join(world.workspace, 'migrations/010_author.sql'));
    await world.commitToStaging('docs: readme');
    expect((await promote()).failed).toBeUndefined();
    listed = section(world.pulls()[0]!.body!)!;
    expect(listed).toContain('are not in this job');
    expect(listed).toContain('could not say whether production ran them: listed as pending');
    expect(listed).toMatch(/1\. `migrations\/002_tags\.sql`\n2\. `migrations\/005_hotfix\.sql`/);
  });
});
