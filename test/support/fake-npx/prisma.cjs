#!/usr/bin/env node
// Stand-in for `prisma migrate status` (the real one needs the prisma package and a database):
// the migrations of the checkout (prisma/migrations/<name>/migration.sql) against the names in
// $FAKE_PRISMA_APPLIED (one a line: the _prisma_migrations table), printed with the exit codes
// of prisma's MigrateStatus command
// (https://github.com/prisma/prisma/blob/main/packages/migrate/src/commands/MigrateStatus.ts;
// https://www.prisma.io/docs/orm/reference/prisma-cli-reference#migrate-status).
// FAKE_PRISMA_URL: the URL the variable must hold (DATABASE_URL), as the datasource reads it.
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
if (args[0] !== 'migrate' || args[1] !== 'status') {
  console.error(`Unknown command "${args.join(' ')}"`);
  process.exit(1);
}
console.log('Prisma schema loaded from prisma/schema.prisma');
if (!process.env.DATABASE_URL || process.env.DATABASE_URL !== process.env.FAKE_PRISMA_URL) {
  console.error('Error: Environment variable not found: DATABASE_URL.\n  -->  schema.prisma:7\n');
  process.exit(1);
}
console.log('Datasource "db": PostgreSQL database "app", schema "public" at "db.internal:5432"');
const dir = path.join('prisma', 'migrations');
const local = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((d) => fs.existsSync(path.join(dir, d, 'migration.sql')))
      .sort()
  : [];
const applied = fs.existsSync(process.env.FAKE_PRISMA_APPLIED ?? '')
  ? fs.readFileSync(process.env.FAKE_PRISMA_APPLIED, 'utf8').split('\n').filter(Boolean)
  : [];
const pending = local.filter((m) => !applied.includes(m));
process.stdout.write('\n');
process.stdout.write(
  local.length
    ? `${local.length} migration${local.length > 1 ? 's' : ''} found in prisma/migrations\n`
    : 'No migration found in prisma/migrations\n',
);
if (pending.length) {
  process.stdout.write(
    `Following migration${pending.length > 1 ? 's' : ''} have not yet been applied:\n${pending.join('\n')}\n\nTo apply migrations in development run prisma migrate dev.\nTo apply migrations in production run prisma migrate deploy.\n`,
  );
  process.exit(1);
}
process.stdout.write('\nDatabase schema is up to date!\n');
process.exit(0);
