#!/usr/bin/env node
// Stand-in for Cloudflare's `wrangler` D1 commands (the real one needs a Cloudflare account):
// same argv, exit codes and output shapes for what the d1 preset runs. State lives in
// $FAKE_WRANGLER_HOME/<db>.sql, bookmarks in bookmarks/<id>.sql; every call is appended to
// calls.log (argv, one line) and `wrangler deploy` to deploys.log. Failure modes by env:
//   FAKE_WRANGLER_MIGRATE=error-exit0  the bug seen in the wild: "✘ [ERROR]" printed, exit code 0
//   FAKE_WRANGLER_MIGRATE=fail         a plain non-zero exit
//   FAKE_WRANGLER_API_TOKEN=<t>        the account's API token: a call whose CLOUDFLARE_API_TOKEN
//                                      differs fails as wrangler does without valid credentials
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const home = process.env.FAKE_WRANGLER_HOME;
if (!home) {
  console.error('FAKE_WRANGLER_HOME is not set');
  process.exit(2);
}
const args = process.argv.slice(2);
fs.appendFileSync(path.join(home, 'calls.log'), `${args.join(' ')}\n`);
const account = process.env.FAKE_WRANGLER_API_TOKEN;
if (account && process.env.CLOUDFLARE_API_TOKEN !== account) {
  console.error(
    process.env.CLOUDFLARE_API_TOKEN
      ? '✘ [ERROR] A request to the Cloudflare API (/memberships) failed. Authentication error [code: 10000]'
      : "✘ [ERROR] In a non-interactive environment, it's necessary to set a CLOUDFLARE_API_TOKEN environment variable for wrangler to work.",
  );
  process.exit(1);
}
if (args[0] === 'deploy') {
  // `wrangler deploy` uploads the Worker in the current directory (wrangler.jsonc) atomically.
  if (!fs.existsSync('wrangler.jsonc') && !fs.existsSync('wrangler.toml')) {
    console.error('✘ [ERROR] Missing entry-point to Worker script or to assets directory');
    process.exit(1);
  }
  fs.appendFileSync(path.join(home, 'deploys.log'), `deploy ${process.cwd()}\n`);
  console.log(
    'Total Upload: 1.20 KiB / gzip: 0.60 KiB\nUploaded shop (1.02 sec)\nDeployed shop triggers (0.31 sec)\n  https://shop.example.workers.dev\nCurrent Version ID: 6b1c9f0e-0000-4000-8000-000000000000',
  );
  process.exit(0);
}
const [d1, sub, ...rest] = args;
if (d1 !== 'd1') {
  console.error(`✘ [ERROR] Unknown argument: ${d1}`);
  process.exit(1);
}
const dbName = sub === 'time-travel' || sub === 'migrations' ? rest[1] : rest[0];
const db = path.join(home, `${dbName}.sql`);
if (!fs.existsSync(db)) {
  console.error(`✘ [ERROR] Couldn't find DB with name '${dbName}'`);
  process.exit(1);
}
if (!args.includes('--remote') && sub !== 'time-travel') {
  console.error('expected --remote');
  process.exit(1);
}
fs.mkdirSync(path.join(home, 'bookmarks'), { recursive: true });

if (sub === 'export') {
  const out = rest[rest.indexOf('--output') + 1];
  fs.writeFileSync(out, `PRAGMA defer_foreign_keys=TRUE;\n${fs.readFileSync(db, 'utf8')}`);
  console.log(`🌀 Executing on remote database ${dbName}:\n🌀 Downloading SQL to ${out}\n🌀 Done!`);
  process.exit(0);
}
if (sub === 'time-travel' && rest[0] === 'info') {
  const state = fs.readFileSync(db, 'utf8');
  const bookmark = `00000085-${crypto.createHash('sha256').update(state).digest('hex').slice(0, 8)}-00004c6d`;
  fs.writeFileSync(path.join(home, 'bookmarks', `${bookmark}.sql`), state);
  console.log(JSON.stringify({ bookmark, timestamp: new Date().toISOString() }, null, 2));
  process.exit(0);
}
if (sub === 'time-travel' && rest[0] === 'restore') {
  const bookmark = rest[rest.indexOf('--bookmark') + 1];
  const saved = path.join(home, 'bookmarks', `${bookmark}.sql`);
  if (!fs.existsSync(saved)) {
    console.error(
      `✘ [ERROR] A request to the Cloudflare API failed. Invalid bookmark ${bookmark} [code: 7500]`,
    );
    process.exit(1);
  }
  fs.writeFileSync(db, fs.readFileSync(saved));
  console.log(JSON.stringify({ bookmark, previous_bookmark: 'x', message: 'Database restored' }));
  process.exit(0);
}
if (sub === 'migrations' && rest[0] === 'apply') {
  const mode = process.env.FAKE_WRANGLER_MIGRATE;
  console.log(
    `Migrations to be applied:\n┌──────────────────┐\n│ name             │\n├──────────────────┤\n│ 0001_add_col.sql │\n│ 0002_backfill.sql│\n└──────────────────┘`,
  );
  fs.appendFileSync(db, 'ALTER TABLE orders ADD COLUMN region TEXT;\n');
  if (mode === 'error-exit0' || mode === 'fail') {
    console.error(
      '✘ [ERROR] Migration 0002_backfill.sql failed with the following errors:\n\n✘ [ERROR] NOT NULL constraint failed: orders.region: SQLITE_CONSTRAINT',
    );
    process.exit(mode === 'fail' ? 1 : 0);
  }
  fs.appendFileSync(db, "UPDATE orders SET region = 'eu';\n");
  console.log('🚣 2 commands executed successfully.\n✅ Migrations applied');
  process.exit(0);
}
if (sub === 'migrations' && rest[0] === 'list') {
  // Unapplied = the checkout's migrations/*.sql (wrangler's default migrations_dir) minus the
  // names in $FAKE_WRANGLER_HOME/<db>.applied (the remote d1_migrations table), printed as
  // wrangler's d1 migrations list does: a banner, then "✅ No migrations to apply!" or
  // "Migrations to be applied:" and a cli-table3 box with a Name column
  // (https://github.com/cloudflare/workers-sdk/blob/main/packages/wrangler/src/d1/migrations/list.ts).
  const appliedFile = path.join(home, `${dbName}.applied`);
  const applied = fs.existsSync(appliedFile)
    ? fs.readFileSync(appliedFile, 'utf8').split('\n').filter(Boolean)
    : [];
  const local = fs.existsSync('migrations')
    ? fs
        .readdirSync('migrations')
        .filter((f) => f.endsWith('.sql'))
        .sort()
    : [];
  const pending = local.filter((f) => !applied.includes(f));
  console.log(`\n ⛅️ wrangler 4.20.0\n───────────────────\nResource location: remote\n`);
  if (pending.length === 0) {
    console.log('✅ No migrations to apply!');
    process.exit(0);
  }
  const width = Math.max(4, ...pending.map((p) => p.length)) + 2;
  const row = (t) => `│ ${t.padEnd(width - 2)} │`;
  const rule = (l, r) => `${l}${'─'.repeat(width)}${r}`;
  const lines = ['Migrations to be applied:', rule('┌', '┐'), row('Name'), rule('├', '┤')];
  pending.forEach((p, i) => {
    lines.push(row(p));
    lines.push(i === pending.length - 1 ? rule('└', '┘') : rule('├', '┤'));
  });
  console.log(lines.join('\n'));
  process.exit(0);
}
console.error(`✘ [ERROR] Unknown arguments: ${args.join(', ')}`);
process.exit(1);
