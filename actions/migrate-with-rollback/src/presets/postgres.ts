import type { Preset } from './types.js';

const psql = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1'];

/**
 * PostgreSQL with plain *.sql migration files. Each file runs in its own transaction
 * (--single-transaction) and is recorded in promote_schema_migrations in that same transaction,
 * so a file either fully applies or not at all; files before it stay committed, which is why a
 * failure restores the whole verified backup rather than trusting partial state.
 */
export const postgresPreset: Preset = {
  name: 'postgres',
  tool: 'pg_dump / psql / pg_restore',
  backupFile: '{backupId}.dump',
  backupFormat: 'pg-custom',
  restoreCheck: 'pg-table-checksums',
  requires: ['database-url'],
  steps: {
    list: [
      {
        argv: [
          ...psql,
          '-At',
          '-c',
          'CREATE TABLE IF NOT EXISTS promote_schema_migrations (filename text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
          '-c',
          'SELECT filename FROM promote_schema_migrations ORDER BY 1',
        ],
        connection: 'libpq',
      },
    ],
    // Custom format: compressed, and reading every data block back proves it is whole. pg_dump
    // writes to stdout (no shell pipe: its exit code is kept) and the step runner writes the file
    // while the same bytes are hashed and read back by `pg_restore` (backup-and-verify.ts), in
    // the snapshot the table checksums read (--snapshot, added at run time).
    backup: [
      {
        argv: ['pg_dump', '-Fc', '--no-owner'],
        connection: 'libpq',
        stdoutTo: '{backupPath}',
        takesSnapshot: true,
      },
    ],
    migrate: [
      {
        argv: [
          ...psql,
          '--single-transaction',
          '-f',
          '{migrationFile}',
          '-c',
          "INSERT INTO promote_schema_migrations (filename) VALUES ('{migrationName}')",
        ],
        connection: 'libpq',
        perMigrationFile: true,
        errorMarkers: ['^(psql:.*)?ERROR: '],
      },
    ],
    // Atomic restore: pg_restore turns the dump into a script that psql replays in one
    // transaction, piped (no script file on disk); the transaction first drops what the
    // migration created (public schema), and its COMMIT is sent only once pg_restore has read the
    // whole archive and exited 0. The restored tables' checksums are read inside it, before the
    // COMMIT: one pass over the rows just written, no second session. A failed restore leaves the
    // database as it was. --single-transaction: without it the script commits the large
    // objects' data on its own (BEGIN/COMMIT around it), which would commit the restore's
    // transaction half-way; with it the script's one BEGIN and COMMIT are taken out instead
    // (own-transaction.ts).
    restore: [
      {
        argv: [...psql, '-At', '-F', '\t'],
        connection: 'libpq',
        stdin: {
          from: [
            'pg_restore',
            '--clean',
            '--if-exists',
            '--no-owner',
            '--single-transaction',
            '-f',
            '-',
            '{backupPath}',
          ],
          before: ['BEGIN;', 'DROP SCHEMA IF EXISTS public CASCADE;', 'CREATE SCHEMA public;'],
          after: ['COMMIT;'],
          ownTransaction: { begin: 'BEGIN;', commit: 'COMMIT;' },
        },
        restoredChecksums: true,
      },
    ],
  },
};
