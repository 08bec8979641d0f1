import type { MigrationFinding } from './types.js';

/** One entry of an app's patches.txt, as Frappe records it in the Patch Log once run. */
export interface PatchEntry {
  patch: string;
  /** 1-based line in patches.txt. */
  line: number;
  section: 'pre_model_sync' | 'post_model_sync' | 'none';
}

/**
 * The entries of a patches.txt in the order `bench migrate` runs them: the [pre_model_sync]
 * section, then (after the doctypes are synced) [post_model_sync]; a file without sections runs
 * top to bottom. As Frappe reads it (frappe/modules/patch_handler.py, get_patches_from_app: a
 * ConfigParser with one option per line, so a line is kept whole, "#" and ";" lines are
 * comments): https://github.com/frappe/frappe/blob/develop/frappe/modules/patch_handler.py
 */
export function parsePatchesTxt(text: string): PatchEntry[] {
  const out: PatchEntry[] = [];
  let section: PatchEntry['section'] = 'none';
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1] === 'pre_model_sync' ? 'pre_model_sync' : 'post_model_sync';
      return;
    }
    out.push({ patch: line, line: i + 1, section });
  });
  const rank = (s: PatchEntry['section']) => (s === 'post_model_sync' ? 1 : 0);
  return out.sort((a, b) => rank(a.section) - rank(b.section) || a.line - b.line);
}

/**
 * Fieldtype → the MariaDB column Frappe gives it (frappe/database/mariadb/database.py,
 * type_map): https://github.com/frappe/frappe/blob/develop/frappe/database/mariadb/database.py
 * `rank` orders the columns of one family by what they hold: a change to a lower rank or to
 * another family cannot keep every value (narrowed); a change up the family widens.
 */
const COLUMN: Readonly<Record<string, { family: string; rank: number; column: string }>> = {
  Check: { family: 'number', rank: 0, column: 'int(1)' },
  Int: { family: 'number', rank: 1, column: 'int(11)' },
  'Long Int': { family: 'number', rank: 2, column: 'bigint(20)' },
  Rating: { family: 'number', rank: 0, column: 'decimal(3,2)' },
  Float: { family: 'number', rank: 3, column: 'decimal(21,9)' },
  Currency: { family: 'number', rank: 3, column: 'decimal(21,9)' },
  Percent: { family: 'number', rank: 3, column: 'decimal(21,9)' },
  Duration: { family: 'number', rank: 3, column: 'decimal(21,9)' },
  Data: { family: 'text', rank: 0, column: 'varchar' },
  Link: { family: 'text', rank: 0, column: 'varchar' },
  'Dynamic Link': { family: 'text', rank: 0, column: 'varchar' },
  Select: { family: 'text', rank: 0, column: 'varchar' },
  'Read Only': { family: 'text', rank: 0, column: 'varchar' },
  Color: { family: 'text', rank: 0, column: 'varchar' },
  Icon: { family: 'text', rank: 0, column: 'varchar' },
  Phone: { family: 'text', rank: 0, column: 'varchar' },
  Autocomplete: { family: 'text', rank: 0, column: 'varchar' },
  'Small Text': { family: 'text', rank: 1, column: 'text' },
  Text: { family: 'text', rank: 1, column: 'text' },
  Password: { family: 'text', rank: 1, column: 'text' },
  Attach: { family: 'text', rank: 1, column: 'text' },
  'Attach Image': { family: 'text', rank: 1, column: 'text' },
  'Long Text': { family: 'text', rank: 2, column: 'longtext' },
  Code: { family: 'text', rank: 2, column: 'longtext' },
  'Text Editor': { family: 'text', rank: 2, column: 'longtext' },
  'Markdown Editor': { family: 'text', rank: 2, column: 'longtext' },
  'HTML Editor': { family: 'text', rank: 2, column: 'longtext' },
  Signature: { family: 'text', rank: 2, column: 'longtext' },
  Barcode: { family: 'text', rank: 2, column: 'longtext' },
  Geolocation: { family: 'text', rank: 2, column: 'longtext' },
  JSON: { family: 'json', rank: 0, column: 'json' },
  Date: { family: 'date', rank: 0, column: 'date' },
  Datetime: { family: 'date', rank: 1, column: 'datetime(6)' },
  Time: { family: 'time', rank: 0, column: 'time(6)' },
};

/** Frappe's default varchar length (frappe.db.VARCHAR_LEN). */
const VARCHAR_LEN = 140;

interface DocField {
  fieldname?: string;
  fieldtype?: string;
  length?: number;
  is_virtual?: number;
  label?: string;
}

interface DocTypeJson {
  name?: string;
  doctype?: string;
  istable?: number;
  fields?: DocField[];
}

function docType(text: string | null): DocTypeJson | undefined {
  if (text === null) return undefined;
  const parsed = JSON.parse(text) as DocTypeJson;
  return parsed && parsed.doctype === 'DocType' && Array.isArray(parsed.fields)
    ? parsed
    : undefined;
}

/** Fields that are columns of the doctype's table (layout fields and child tables are not). */
function columns(d: DocTypeJson): Map<string, DocField> {
  const out = new Map<string, DocField>();
  for (const f of d.fields ?? [])
    if (f.fieldname && f.fieldtype && COLUMN[f.fieldtype] && !f.is_virtual) out.set(f.fieldname, f);
  return out;
}

const describeColumn = (f: DocField) => {
  const c = COLUMN[f.fieldtype!]!;
  return c.column === 'varchar' ? `varchar(${f.length || VARCHAR_LEN})` : c.column;
};

function narrowed(from: DocField, to: DocField): boolean {
  const a = COLUMN[from.fieldtype!]!;
  const b = COLUMN[to.fieldtype!]!;
  if (a.family !== b.family || b.rank < a.rank) return true;
  if (a.column === 'varchar' && b.column === 'varchar')
    return (to.length || VARCHAR_LEN) < (from.length || VARCHAR_LEN);
  // Same rank, different decimal precision (Rating's decimal(3,2) against Check's int(1)).
  return b.rank === a.rank && a.column !== b.column;
}

/** The 1-based line of `"fieldname": "<name>"` in the new JSON, else of `"fields"`, else 1. */
function lineOf(text: string, fieldname?: string): number {
  const lines = text.split('\n');
  const find = (re: RegExp) => lines.findIndex((l) => re.test(l)) + 1;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    (fieldname && find(new RegExp(`"fieldname"\\s*:\\s*"${esc(fieldname)}"`))) ||
    find(/"fields"\s*:/) ||
    1
  );
}

const REMOVED_HINT =
  'Expand/contract: first ship code (and reports, print formats, custom scripts) that no longer use the field, keeping it hidden; remove it in a later promotion after a verified backup. bench migrate keeps the column until `bench trim-tables`.';
const NARROWED_HINT =
  'Expand/contract: add a new field of the new type, copy the values in a post_model_sync patch, switch the code to it; remove the old field in a later promotion.';

/**
 * The destructive changes in one doctype JSON: a field that was a column and is gone (its data is
 * no longer read or written; `bench trim-tables` drops the column), or a fieldtype change that
 * narrows the column bench migrate alters (values that do not fit are cut or refused).
 */
export function judgeDoctypeChange(
  file: string,
  base: string | null,
  head: string | null,
): MigrationFinding[] {
  const before = docType(base);
  const after = docType(head);
  if (!before || !after || head === null) return [];
  const was = columns(before);
  const now = columns(after);
  const table = `tab${after.name ?? before.name ?? ''}`;
  const out: MigrationFinding[] = [];
  for (const [name, f] of was) {
    const g = now.get(name);
    if (!g) {
      const line = lineOf(head);
      out.push({
        file,
        line,
        endLine: line,
        rule: 'ban-drop-column',
        table,
        message: `Field ${name} (${f.fieldtype}) removed from DocType ${after.name}: its values in ${table}.${name} are no longer read or written.`,
        hint: REMOVED_HINT,
      });
    } else if (g.fieldtype !== f.fieldtype || (g.length ?? 0) !== (f.length ?? 0)) {
      if (!narrowed(f, g)) continue;
      const line = lineOf(head, name);
      out.push({
        file,
        line,
        endLine: line,
        rule: 'changing-column-type',
        table,
        message: `Field ${name} of DocType ${after.name} narrowed from ${f.fieldtype} (${describeColumn(f)}) to ${g.fieldtype} (${describeColumn(g)}): bench migrate alters ${table}.${name}, and values that do not fit are cut or refused.`,
        hint: NARROWED_HINT,
      });
    }
  }
  return out;
}

/** A doctype definition inside a Frappe app: <app>/<module>/doctype/<name>/<name>.json. */
export function isDoctypeJson(path: string): boolean {
  const m = /(?:^|\/)doctype\/([^/]+)\/([^/]+)\.json$/.exec(path);
  return !!m && m[1] === m[2];
}
