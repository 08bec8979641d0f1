import type { MigratePresetName, MigrateStepName } from '@promote/core/config/sections/migrate';
import type { TransactionMarks } from '../own-transaction.js';

/**
 * One argv element of a template: a plain string (placeholders such as {site} substituted), or
 * an element that appears only when a boolean option is on (`bench backup --with-files`).
 */
export type ArgTemplate = string | { when: 'withFiles'; arg: string };

/** One command of a step, as data. */
export interface CommandTemplate {
  argv: ArgTemplate[];
  /**
   * Run once per pending migration file (name order), with {migrationFile} and {migrationName}
   * bound; files already listed by the `list` step are skipped.
   */
  perMigrationFile?: boolean;
  /** Child environment: { CHILD_VAR: source } where source is `url` (the database URL) or `libpq`. */
  connection?: 'libpq' | 'database-url';
  /** Output regexes that mean failure even on exit code 0. */
  errorMarkers?: string[];
  /** Capture a value from stdout for later steps ({bookmark}); the first group is the value. */
  capture?: { name: 'bookmark'; pattern: string };
  /**
   * The command writes to stdout and the step runner writes the bytes to this file (placeholders
   * bound), so the backup can be verified while it is written (backup-and-verify.ts).
   */
  stdoutTo?: string;
  /**
   * pg_dump: `--snapshot=<id>` is added at run time when the step runs inside an exported
   * snapshot (the one the table checksums read), so both describe the same data.
   */
  takesSnapshot?: boolean;
  /**
   * The command's stdin is a script: `before`, then the stdout of `from` as it is produced, then
   * `after` only once `from` has exited 0 (piped-stdin.ts). psql reading pg_restore's script: the
   * COMMIT in `after` is sent only when the whole archive was read, so a cut one commits nothing.
   */
  stdin?: {
    from: ArgTemplate[];
    before: string[];
    after: string[];
    /**
     * `from` writes its script in a transaction of its own (pg_restore --single-transaction):
     * these first and last statement lines are taken out so `before` and `after` bracket the
     * whole script (own-transaction.ts).
     */
    ownTransaction?: TransactionMarks;
  };
  /**
   * psql: the restored tables' checksums are read in the script's own transaction, just before
   * `stdin.after` (the plan adds the query when the preset's restore check is pg-table-checksums).
   */
  restoredChecksums?: boolean;
}

/** How a backup file's integrity is proven before anything is migrated. */
export type BackupFormat =
  | 'pg-custom' // pg_restore --list must read the whole table of contents
  | 'sqlite' // PRAGMA integrity_check = ok on the backup file itself
  | 'gzip-sql' // gzip -t equivalent + the dump's completion trailer
  | 'sql-text' // plain SQL: the trailer (or at least one statement)
  | 'opaque'; // only size + checksum (command preset; add a `verify` override)

/** How a restore is proven. */
export type RestoreCheck = 'pg-table-checksums' | 'sqlite-table-checksums' | 'none';

export interface Preset {
  name: MigratePresetName;
  /** What the preset drives, for the README and plan. */
  tool: string;
  /** File name of the backup inside the backup dir; {backupId} bound. */
  backupFile: string;
  backupFormat: BackupFormat;
  /** gzip-sql / sql-text: the regex the end of the dump must match (mysqldump's trailer). */
  trailer?: string;
  restoreCheck: RestoreCheck;
  /** Options the preset needs in `migrate:` (checked before any side effect). */
  requires: Array<'site' | 'database' | 'sqlite-path' | 'database-url'>;
  steps: Partial<Record<MigrateStepName, CommandTemplate[]>>;
}
