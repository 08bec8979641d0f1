import type { Preset } from './types.js';

const site = ['bench', '--site', '{site}'];

/**
 * Frappe / ERPNext through bench. `--backup-path-db` names the file, so the action knows exactly
 * which dump it verified; mysqldump ends a complete dump with "-- Dump completed on".
 * Restore reads the MariaDB root password from common_site_config (never argv).
 */
export const frappePreset: Preset = {
  name: 'frappe',
  tool: 'bench',
  backupFile: '{backupId}-database.sql.gz',
  backupFormat: 'gzip-sql',
  trailer: '-- Dump completed( on .*)?\\s*$',
  restoreCheck: 'none',
  requires: ['site'],
  steps: {
    backup: [
      {
        argv: [
          ...site,
          'backup',
          '--backup-path-db',
          '{backupPath}',
          { when: 'withFiles', arg: '--with-files' },
        ],
        errorMarkers: ['Traceback \\(most recent call last\\)', 'mysqldump: Got error'],
      },
    ],
    migrate: [
      {
        argv: [...site, 'migrate'],
        errorMarkers: ['Traceback \\(most recent call last\\)', 'frappe\\.exceptions\\.\\w+'],
      },
    ],
    restart: [{ argv: ['bench', 'restart'] }],
    restore: [
      {
        argv: [...site, 'restore', '{backupPath}', '--force'],
        errorMarkers: ['Traceback \\(most recent call last\\)'],
      },
    ],
  },
};
