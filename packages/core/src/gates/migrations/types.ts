/** One thing a migration linter found, at a line of a migration file. */
export interface MigrationFinding {
  /** Path relative to the repository root, as annotations need it. */
  file: string;
  /** 1-based first and last line of the statement. */
  line: number;
  endLine: number;
  /** Rule id: Squawk's for PostgreSQL, the same names where SQLite has the same case. */
  rule: string;
  message: string;
  /** Table the finding is about, when known. */
  table?: string;
  /** The expand/contract step for this case, when it differs from the rule's (frappe). */
  hint?: string;
}

/** Where the list of pending migrations came from. */
export type PendingSource =
  /** The applied-migrations table (or the tool's status) of production: exactly what will run. */
  | 'production'
  /** Migration files the promotion adds: the database itself was not asked. */
  | 'added-files';

export type MigrationEngine = 'postgres' | 'sqlite' | 'frappe';

/** What the migrations gate judges, read once by the collector. */
export interface MigrationFacts {
  engine: MigrationEngine;
  /** The tool that judged the statements (Squawk and its version, or node:sqlite). */
  judgedBy: string;
  /** Migrations that will run on merge, in the order they will run (files; frappe: patches). */
  pending: string[];
  source: PendingSource;
  /** How the pending list was read, one line for the report. */
  sourceDetail: string;
  findings: MigrationFinding[];
}
