import type { Preset } from './types.js';

/**
 * SQLite through the sqlite3 CLI: `.backup` (the online backup API, consistent under writers),
 * migration files applied each in one transaction with -bail, restore by copying the backup next
 * to the database and renaming it over (rename is atomic on one filesystem).
 */
export const sqlitePreset: Preset = {
  name: 'sqlite',
  tool: 'sqlite3',
  backupFile: '{backupId}.sqlite3',
  backupFormat: 'sqlite',
  restoreCheck: 'sqlite-table-checksums',
  requires: ['sqlite-path'],
  steps: {
    list: [
      {
        argv: [
          'sqlite3',
          '-bail',
          '{sqlitePath}',
          'CREATE TABLE IF NOT EXISTS promote_schema_migrations (filename TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)',
          'SELECT filename FROM promote_schema_migrations ORDER BY 1',
        ],
      },
    ],
    backup: [{ argv: ['sqlite3', '-bail', '{sqlitePath}', ".backup '{backupPath}'"] }],
    migrate: [
      {
        argv: [
          'sqlite3',
          '-bail',
          '{sqlitePath}',
          'BEGIN',
          ".read '{migrationFile}'",
          "INSERT INTO promote_schema_migrations (filename) VALUES ('{migrationName}')",
          'COMMIT',
        ],
        perMigrationFile: true,
        errorMarkers: ['^(Parse |Runtime )?[Ee]rror( near line \\d+)?:'],
      },
    ],
    restore: [
      { argv: ['cp', '{backupPath}', '{sqlitePath}.promote-restore'] },
      { argv: ['rm', '-f', '{sqlitePath}-wal', '{sqlitePath}-shm', '{sqlitePath}-journal'] },
      { argv: ['mv', '-f', '{sqlitePath}.promote-restore', '{sqlitePath}'] },
    ],
  },
};
