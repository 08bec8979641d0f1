import { dmlVerb, hasTopLevelWord, splitStatements, type SqlStatement } from './sql-statements.js';
import type { MigrationFinding } from './types.js';

/**
 * SQLite and D1 migrations judged by SQLite itself (Node's built-in node:sqlite): the migrations
 * production already has are applied to a scratch in-memory database, then each pending
 * statement is run and the schema compared before and after (sqlite_schema and
 * pragma_table_info, https://www.sqlite.org/pragma.html#pragfunc). What a statement does is
 * SQLite's answer, not a pattern's guess: a dropped table, a lost column, a rename, a table
 * rebuilt by copying (https://www.sqlite.org/lang_altertable.html#otheralter), a statement
 * SQLite refuses. Only UPDATE/DELETE without WHERE is read from the tokens, since an empty
 * scratch database has no rows to change.
 */

export interface MigrationSource {
  file: string;
  sql: string;
}

interface Column {
  name: string;
  type: string;
  notnull: boolean;
  hasDefault: boolean;
}
type Schema = Map<string, Column[]>;

interface ScratchDb {
  exec(sql: string): void;
  prepare(sql: string): { all(...params: string[]): unknown[] };
  close(): void;
}

function snapshot(db: ScratchDb): Schema {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all() as { name: string }[];
  const schema: Schema = new Map();
  for (const { name } of tables) {
    const columns = db
      .prepare(
        'SELECT name, type, "notnull" AS not_null, dflt_value IS NOT NULL AS has_default FROM pragma_table_info(?)',
      )
      .all(name) as { name: string; type: string; not_null: number; has_default: number }[];
    schema.set(
      name.toLowerCase(),
      columns.map((c) => ({
        name: c.name,
        type: c.type,
        notnull: c.not_null === 1,
        hasDefault: c.has_default === 1,
      })),
    );
  }
  return schema;
}

const columnNames = (cols: readonly Column[]) => cols.map((c) => c.name.toLowerCase());
const sameColumns = (a: readonly Column[], b: readonly Column[]) =>
  columnNames(a).join('\u0000') === columnNames(b).join('\u0000');

/** The table an UPDATE or DELETE writes to (`UPDATE OR IGNORE t`, `DELETE FROM main.t`). */
function dmlTarget(stmt: SqlStatement, at: number): string | undefined {
  const rest = stmt.tokens.slice(at + 1).filter((t) => t.text !== 'FROM');
  let i = 0;
  if (rest[i]?.text === 'OR') i += 2;
  const name = rest[i];
  if (rest[i + 1]?.text === '.') return rest[i + 2]?.text.toLowerCase();
  return name?.text.toLowerCase();
}

interface Pending {
  line: number;
  endLine: number;
  table: string;
}

/** Findings of one pending file, its statements run on `db` (which it changes). */
function judgeFile(db: ScratchDb, base: Schema, source: MigrationSource): MigrationFinding[] {
  const findings: MigrationFinding[] = [];
  const at = (s: { line: number; endLine: number }) => ({
    file: source.file,
    line: s.line,
    endLine: s.endLine,
  });
  const dropped = new Map<string, Pending & { columns: Column[] }>();
  const renamed: (Pending & { from: string; to: string })[] = [];
  for (const stmt of splitStatements(source.sql)) {
    const dml = dmlVerb(stmt.tokens);
    if (dml && (dml.verb === 'UPDATE' || dml.verb === 'DELETE')) {
      const table = dmlTarget(stmt, dml.at);
      if (table && base.has(table) && !hasTopLevelWord(stmt.tokens, 'WHERE', dml.at)) {
        findings.push({
          ...at(stmt),
          rule: dml.verb === 'UPDATE' ? 'update-without-where' : 'delete-without-where',
          table,
          message: `${dml.verb} without WHERE changes every row of ${table}.`,
        });
      }
    }
    const before = snapshot(db);
    try {
      db.exec(stmt.sql);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      // SQLite refuses ADD COLUMN … NOT NULL without a default: the file would fail in production.
      const required = why.includes('NOT NULL column with default value NULL');
      findings.push({
        ...at(stmt),
        rule: required ? 'adding-required-field' : 'statement-fails',
        message: required
          ? `SQLite refuses this statement: ${why}. Existing rows have no value for the new NOT NULL column.`
          : `SQLite refuses this statement on the schema production has: ${why}.`,
      });
      continue;
    }
    const after = snapshot(db);
    const removed = [...before.keys()].filter((t) => !after.has(t));
    const added = [...after.keys()].filter((t) => !before.has(t));
    for (const table of removed) {
      const to = added.find((a) => sameColumns(before.get(table)!, after.get(a)!));
      if (removed.length === 1 && to) renamed.push({ ...at(stmt), table, from: table, to });
      else dropped.set(table, { ...at(stmt), table, columns: before.get(table)! });
    }
    for (const [table, cols] of after) {
      const old = before.get(table);
      if (!old || !base.has(table)) continue;
      const gone = old.filter((c) => !columnNames(cols).includes(c.name.toLowerCase()));
      const fresh = cols.filter((c) => !columnNames(old).includes(c.name.toLowerCase()));
      if (gone.length === 1 && fresh.length === 1 && old.length === cols.length) {
        findings.push({
          ...at(stmt),
          rule: 'renaming-column',
          table,
          message: `Column ${table}.${gone[0]!.name} is renamed to ${fresh[0]!.name}; code still using the old name breaks.`,
        });
        continue;
      }
      // SQLite checks this only against the rows present: the empty scratch table accepts what
      // production's rows refuse (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
      for (const c of fresh.filter((f) => f.notnull && !f.hasDefault))
        findings.push({
          ...at(stmt),
          rule: 'adding-required-field',
          table,
          message: `Column ${table}.${c.name} is added NOT NULL without a default: SQLite refuses it on a table that has rows.`,
        });
      for (const c of gone)
        findings.push({
          ...at(stmt),
          rule: 'ban-drop-column',
          table,
          message: `Column ${table}.${c.name} is dropped: its data is gone after this migration.`,
        });
    }
  }
  findings.push(...settleRenamesAndDrops(db, base, dropped, renamed, at));
  return findings.sort((a, b) => a.line - b.line);
}

/**
 * At the end of a file, a table dropped and then replaced by a rename into its name is a rebuild
 * (SQLite's 12-step ALTER: the table is copied); so is a table renamed away, recreated and its
 * old copy dropped. A rebuild is judged on what it changes: columns lost, NOT NULL columns added.
 */
function settleRenamesAndDrops(
  db: ScratchDb,
  base: Schema,
  dropped: Map<string, Pending & { columns: Column[] }>,
  renamed: (Pending & { from: string; to: string })[],
  at: (s: { line: number; endLine: number }) => { file: string; line: number; endLine: number },
): MigrationFinding[] {
  const findings: MigrationFinding[] = [];
  const final = snapshot(db);
  const rebuilt = (table: string, where: Pending, original: Column[]) => {
    const now = final.get(table) ?? [];
    findings.push({
      ...at(where),
      rule: 'table-rebuild',
      table,
      message: `Table ${table} is rebuilt: every row is copied while writes wait.`,
    });
    for (const c of original.filter((o) => !columnNames(now).includes(o.name.toLowerCase())))
      findings.push({
        ...at(where),
        rule: 'ban-drop-column',
        table,
        message: `The rebuild of ${table} drops column ${c.name}: its data is gone after this migration.`,
      });
    for (const c of now.filter(
      (n) =>
        n.notnull &&
        !n.hasDefault &&
        !original.some((o) => o.name.toLowerCase() === n.name.toLowerCase() && o.notnull),
    ))
      findings.push({
        ...at(where),
        rule: 'adding-required-field',
        table,
        message: `The rebuild of ${table} makes ${c.name} NOT NULL without a default: existing rows without a value make the copy fail.`,
      });
  };
  for (const r of renamed) {
    const d = dropped.get(r.to);
    if (d && d.line <= r.line) {
      // CREATE new_t; INSERT … SELECT; DROP t; ALTER TABLE new_t RENAME TO t
      dropped.delete(r.to);
      if (base.has(r.to)) rebuilt(r.to, d, d.columns);
    } else if (d && final.has(r.from)) {
      // ALTER TABLE t RENAME TO old_t; CREATE t; INSERT … SELECT; DROP old_t
      dropped.delete(r.to);
      if (base.has(r.from)) rebuilt(r.from, r, base.get(r.from)!);
    } else if (base.has(r.from)) {
      findings.push({
        ...at(r),
        rule: 'renaming-table',
        table: r.from,
        message: `Table ${r.from} is renamed to ${r.to}; code still using the old name breaks.`,
      });
    }
  }
  for (const d of dropped.values())
    if (base.has(d.table))
      findings.push({
        ...at(d),
        rule: 'ban-drop-table',
        table: d.table,
        message: `Table ${d.table} is dropped with its data.`,
      });
  return findings;
}

/**
 * Apply `applied` (what production has) to a scratch database, then judge each pending file in
 * order. An applied migration SQLite refuses means the scratch schema is not production's: the
 * gate cannot judge, and says which file.
 */
export async function judgeSqliteMigrations(
  applied: readonly MigrationSource[],
  pending: readonly MigrationSource[],
): Promise<MigrationFinding[]> {
  // Imported when used: node:sqlite is built into Node 24, and nothing loads it at import time.
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(':memory:') as unknown as ScratchDb;
  try {
    for (const m of applied) {
      try {
        db.exec(m.sql);
      } catch (e) {
        throw new Error(
          `${m.file} (already applied) does not apply to an empty SQLite database: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    const base = snapshot(db);
    return pending.flatMap((m) => judgeFile(db, base, m));
  } finally {
    db.close();
  }
}
