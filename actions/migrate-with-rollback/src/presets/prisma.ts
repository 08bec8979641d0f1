import { postgresPreset } from './postgres.js';
import type { Preset } from './types.js';

/**
 * Prisma on PostgreSQL: pg_dump around `prisma migrate deploy`. Restoring the dump also restores
 * _prisma_migrations, so a failed migration does not leave P3009 ("failed migrations in the
 * target database") wedging every later deploy.
 */
export const prismaPreset: Preset = {
  name: 'prisma',
  tool: 'pg_dump / prisma migrate deploy / pg_restore',
  backupFile: postgresPreset.backupFile,
  backupFormat: 'pg-custom',
  restoreCheck: 'pg-table-checksums',
  requires: ['database-url'],
  steps: {
    backup: postgresPreset.steps.backup,
    migrate: [
      {
        argv: ['npx', '--no-install', 'prisma', 'migrate', 'deploy'],
        connection: 'database-url',
        errorMarkers: ['Error: P\\d{4}', 'migrate found failed migrations'],
      },
    ],
    restore: postgresPreset.steps.restore,
  },
};
