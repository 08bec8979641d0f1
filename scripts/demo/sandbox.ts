/**
 * The demo's world: a GitHub emulator whose repository has a realistic staging history, a
 * SQLite production database, and a local app server reading it. Everything lives under one
 * sandbox folder that is left behind for inspection.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../test/support/emulator/index.js';

export const OWNER = 'acme';
export const REPO = 'shop';
export const CHECK_NAME = 'promote/preflight';
/** The GitHub App installation token the demo's workflows would mint (fake, emulator only). */
export const DEMO_TOKEN = 'ghs_demoAppToken0000000000000000000000';

export function sqlite(db: string, sql: string): string {
  return execFileSync('sqlite3', [db, sql], { encoding: 'utf8' }).trim();
}

/** Every row of every user table, hashed: equal before and after means no data was lost. */
export function tableChecksums(db: string): Record<string, string> {
  const tables = sqlite(
    db,
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'promote_%' ORDER BY 1",
  )
    .split('\n')
    .filter(Boolean);
  return Object.fromEntries(
    tables.map((t) => [
      t,
      createHash('sha256')
        .update(sqlite(db, `SELECT * FROM "${t}" ORDER BY 1`))
        .digest('hex')
        .slice(0, 16),
    ]),
  );
}

const PROMOTION_YML = `# The one config file a repository writes (docs/config.md).
branches:
  production: main
  staging: staging
preflight:
  timezone: Europe/Berlin
  freeze:
    - days: [fri]
      from: '14:00'
      reason: no production changes on Friday afternoons
    - dates: { from: '2026-12-24', to: '2026-12-26' }
      reason: holidays
  change-size:
    max-units: 10
  branch-protection: {}
promote:
  reviewers:
    users: [alice, bob, carol]
  areas:
    checkout: ['src/checkout/**']
    catalog: ['src/catalog/**']
    database: ['migrations/**']
migrate:
  preset: sqlite
  sqlite-path: {DB}
  migrations-dir: migrations
  backup-dir: {BACKUPS}
  min-backup-bytes: 4096
smoke:
  base-url: {APP}
  checks:
    - name: health
      path: /health
      expect:
        status: 200
        json:
          - { path: '$.status', equals: ok }
    - name: orders api
      path: /api/orders
      expect:
        status: '200-299'
        body-contains: orders
release:
  first-version: 0.1.0
`;

export interface Sandbox {
  dir: string;
  db: string;
  emulator: Emulator;
  appUrl: string;
  close(): Promise<void>;
}

export async function createSandbox(dir: string): Promise<Sandbox> {
  const db = join(dir, 'production', 'app.db');
  const backups = join(dir, 'production', 'backups');
  mkdirSync(join(dir, 'production'), { recursive: true });
  mkdirSync(backups, { recursive: true });

  // Production: customers and orders, a realistic amount of rows.
  sqlite(
    db,
    [
      'CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL);',
      'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), total_cents INTEGER NOT NULL);',
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO customers SELECT i, 'c' || i || '@example.com', 'Customer ' || i FROM n;",
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO orders SELECT i, 1 + (i % 500), 100 * i FROM n;',
    ].join('\n'),
  );

  const app = await startApp(db);
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;

  const emulator = await startEmulator({ owner: OWNER, repo: REPO, defaultBranch: 'main' });
  emulator.state.tokens[DEMO_TOKEN] = 'promote-bot';
  let id = 9000;
  for (const login of ['promote-bot', 'alice', 'bob', 'carol', 'dana']) {
    emulator.state.users[login] = { login, id: id++, type: 'User' };
    emulator.state.collaborators.push(login);
  }
  const config = PROMOTION_YML.replace('{DB}', db)
    .replace('{BACKUPS}', backups)
    .replace('{APP}', appUrl);
  await emulator.git.commit({
    branch: 'main',
    message: 'chore: shop service with promotion config',
    files: {
      '.github/promotion.yml': config,
      'CHANGELOG.md':
        '# Changelog\n\nAll notable changes to this project are documented here.\n\n## [Unreleased]\n',
      'src/checkout/cart.js': 'export const cart = [];\n',
      'src/catalog/products.js': 'export const products = [];\n',
      'README.md': '# shop\n',
    },
  });
  // Staging history: what the team validated this sprint.
  await emulator.git.commit({
    branch: 'staging',
    message: 'feat(checkout): saved carts (#11)',
    files: { 'src/checkout/saved.js': 'export const saved = new Map();\n' },
  });
  await emulator.git.commit({
    branch: 'staging',
    message: 'fix(checkout): round totals to cents (#12)',
    files: {
      'src/checkout/cart.js':
        'export const cart = [];\nexport const round = (n) => Math.round(n);\n',
    },
  });
  await emulator.git.commit({
    branch: 'staging',
    message: 'feat(catalog): product search (#13)',
    files: { 'src/catalog/search.js': 'export const search = () => [];\n' },
  });
  await emulator.git.commit({
    branch: 'staging',
    message: 'feat(orders): order status column (#14)',
    files: {
      'migrations/001_order_status.sql':
        "ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'paid';\nCREATE INDEX orders_status ON orders(status);\n",
    },
  });
  // Production requires the preflight check (the branch-protection gate reads this).
  // The release App is on the bypass list so tag-release can commit CHANGELOG.md to main
  // (docs: actions/tag-release/README.md, "protected branches").
  emulator.state.protection.main = {
    required_status_checks: { strict: false, contexts: [CHECK_NAME] },
    bypass: ['promote-bot'],
  };

  return {
    dir,
    db,
    emulator,
    appUrl,
    async close() {
      await emulator.close();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    },
  };
}

/** The production app: reads the database, so a broken schema shows up in the smoke checks. */
function startApp(db: string): Promise<Server> {
  const server = createServer((req, res) => {
    try {
      if (req.url === '/health') {
        const orders = Number(sqlite(db, 'SELECT count(*) FROM orders'));
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'ok', orders }));
      } else if (req.url === '/api/orders') {
        const rows = sqlite(db, 'SELECT id, total_cents FROM orders ORDER BY id LIMIT 3');
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ orders: rows.split('\n') }));
      } else {
        res.writeHead(404).end('not found');
      }
    } catch (e) {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'error', error: String(e) }));
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
