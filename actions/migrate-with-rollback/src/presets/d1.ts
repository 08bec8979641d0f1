import type { Preset } from './types.js';

// wrangler has exited 0 while printing an error (seen with `wrangler d1 migrations apply`): its "✘ [ERROR]" lines are failures.
const wranglerErrors = ['✘ \\[ERROR\\]', '^\\s*\\[ERROR\\]', 'Migration \\S+ failed'];

/**
 * Cloudflare D1 through wrangler. The backup is two facts: an SQL export (verified and kept) and
 * a Time Travel bookmark taken just before migrating; restore goes back to the bookmark, which
 * is exact and fast. The export stays as the off-platform copy.
 */
export const d1Preset: Preset = {
  name: 'd1',
  tool: 'wrangler',
  backupFile: '{backupId}.sql',
  backupFormat: 'sql-text',
  restoreCheck: 'none',
  requires: ['database'],
  steps: {
    backup: [
      {
        argv: ['wrangler', 'd1', 'export', '{database}', '--remote', '--output', '{backupPath}'],
        errorMarkers: wranglerErrors,
      },
      {
        argv: ['wrangler', 'd1', 'time-travel', 'info', '{database}', '--json'],
        errorMarkers: wranglerErrors,
        capture: { name: 'bookmark', pattern: '"bookmark"\\s*:\\s*"([^"]+)"' },
      },
    ],
    migrate: [
      {
        argv: ['wrangler', 'd1', 'migrations', 'apply', '{database}', '--remote'],
        errorMarkers: wranglerErrors,
      },
    ],
    restore: [
      {
        argv: [
          'wrangler',
          'd1',
          'time-travel',
          'restore',
          '{database}',
          '--bookmark',
          '{bookmark}',
          '--json',
        ],
        errorMarkers: wranglerErrors,
      },
    ],
  },
};
