import type { PreflightConfig } from '../../config/sections/preflight.js';
import type { CheckAnnotation } from '../../report.js';
import { untrusted } from '../../untrusted-text.js';
import { approvers } from '../reviews.js';
import type { PreflightFacts } from '../facts.js';
import { cannotEvaluate, result, type GateResult } from '../types.js';
import type { MigrationFacts, MigrationFinding } from './types.js';

const GATE = 'migrations';

/**
 * Rules that block by default: changes that lose data or break running code (destructive), and
 * statements that hold a lock writes wait on for as long as the table is large. Squawk's names
 * (https://squawkhq.com/docs/rules); the SQLite judge uses the same names for the same cases.
 */
export const DESTRUCTIVE_RULES: ReadonlySet<string> = new Set([
  'ban-drop-column',
  'ban-drop-table',
  'ban-drop-database',
  'ban-truncate-cascade',
  'renaming-column',
  'renaming-table',
  'changing-column-type',
  'update-without-where',
  'delete-without-where',
]);

const LOCKING_RULES: ReadonlySet<string> = new Set([
  'adding-required-field',
  'adding-not-nullable-field',
  'require-concurrent-index-creation',
  'ban-concurrent-index-creation-in-transaction',
  'adding-foreign-key-constraint',
  'constraint-missing-not-valid',
  'disallowed-unique-constraint',
  'adding-serial-primary-key-field',
  'table-rebuild',
  'statement-fails',
]);

/** The safe two-step (expand, then contract in a later promotion) for each risky case. */
export const EXPAND_CONTRACT: Readonly<Record<string, string>> = {
  'adding-required-field':
    'Expand/contract: add the column nullable (or with a constant DEFAULT), backfill it in batches, and add NOT NULL in a later promotion once every row has a value.',
  'adding-not-nullable-field':
    'Expand/contract: add the column nullable, backfill it, then set NOT NULL in a later promotion (Postgres: a CHECK … NOT VALID, VALIDATE, then SET NOT NULL).',
  'require-concurrent-index-creation':
    'Build it with CREATE INDEX CONCURRENTLY in a migration that runs outside a transaction, so writes continue while it builds.',
  'ban-concurrent-index-creation-in-transaction':
    'CONCURRENTLY cannot run inside the transaction this preset wraps each file in: run that one statement outside it (migrate.overrides.migrate) or with in-transaction: false.',
  'adding-foreign-key-constraint':
    'Add the constraint NOT VALID (no scan, short lock), then VALIDATE CONSTRAINT in a later migration.',
  'constraint-missing-not-valid':
    'Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a later migration.',
  'changing-column-type':
    'Expand/contract: add a column of the new type, write both, backfill, switch reads; drop the old column in a later promotion.',
  'ban-drop-column':
    'Expand/contract: first ship code that no longer reads or writes the column; drop it in a later promotion, after a verified backup.',
  'ban-drop-table':
    'Expand/contract: first ship code that no longer uses the table; drop it in a later promotion, after a verified backup.',
  'renaming-column':
    'Expand/contract: add the new column, write both, backfill, switch reads to it; drop the old one in a later promotion.',
  'renaming-table':
    'Expand/contract: create the new table (or a view under the new name), switch the code, then remove the old name in a later promotion.',
  'table-rebuild':
    'Keep the rebuild to a table small enough to copy within your lock budget, or add the new shape alongside and move rows in batches.',
  'update-without-where':
    'Scope it with WHERE, or run the backfill in batches outside the migration so the schema change stays short.',
  'delete-without-where':
    'Scope it with WHERE; to empty a table on purpose, say so in a migration of its own reviewed with the approval.',
};

type Level = 'block' | 'warn' | 'approved' | 'off';
interface Judged {
  finding: MigrationFinding;
  level: Level;
  liftable: boolean;
}

function levelOf(rule: string, g: NonNullable<PreflightConfig['migrations']>): Level {
  return (
    g.rules[rule] ??
    (DESTRUCTIVE_RULES.has(rule) || LOCKING_RULES.has(rule) ? 'block' : g['default-level'])
  );
}

/** Who or what approved the destructive migrations, if anyone did. */
function approvalOf(facts: PreflightFacts, g: NonNullable<PreflightConfig['migrations']>) {
  if (facts.pr.labels.includes(g.approval.label)) return `label "${g.approval.label}"`;
  const who = facts.reviews.ok ? approvers(facts.reviews.value, facts.pr.author) : [];
  const by = g.approval['approved-by'].find((u) => who.includes(u));
  return by ? `@${by}'s approving review` : undefined;
}

function judge(
  m: MigrationFacts,
  g: NonNullable<PreflightConfig['migrations']>,
  approval: string | undefined,
): Judged[] {
  return m.findings
    .map((finding) => {
      let level = levelOf(finding.rule, g);
      if (level === 'block' && approval && DESTRUCTIVE_RULES.has(finding.rule)) level = 'approved';
      return { finding, level, liftable: g['override-lifts'].includes(finding.rule) };
    })
    .filter((j) => j.level !== 'off');
}

const annotationLevel = (l: Level): CheckAnnotation['annotation_level'] =>
  l === 'block' ? 'failure' : 'warning';

const hintOf = (f: MigrationFinding) => f.hint ?? EXPAND_CONTRACT[f.rule];

function annotationOf(j: Judged): CheckAnnotation {
  const hint = hintOf(j.finding);
  return {
    path: j.finding.file,
    start_line: j.finding.line,
    end_line: j.finding.endLine,
    annotation_level: annotationLevel(j.level),
    title: `migrations: ${j.finding.rule}${j.level === 'approved' ? ' (approved)' : ''}`,
    message: [j.finding.message, hint && j.level !== 'warn' ? hint : ''].filter(Boolean).join('\n'),
  };
}

function renderDetails(m: MigrationFacts, judged: readonly Judged[], approval?: string): string {
  const lines: string[] = [];
  const what = m.engine === 'frappe' ? 'Patches' : 'Migration files';
  lines.push(
    m.source === 'production'
      ? `**Will run on merge, in this order** (${untrusted(m.sourceDetail, 'inline')}):`
      : `**${what} this promotion adds** (${untrusted(m.sourceDetail, 'inline')}):`,
    '',
  );
  if (m.pending.length === 0) lines.push('_None._');
  m.pending.forEach((f, i) => lines.push(`${i + 1}. ${untrusted(f, 'code')}`));
  lines.push('', `Judged by ${untrusted(m.judgedBy, 'inline')}.`);
  if (judged.length) lines.push('');
  for (const j of judged) {
    const f = j.finding;
    lines.push(
      `- **${j.level}** ${untrusted(`${f.file}:${f.line}`, 'code')} ${untrusted(f.rule, 'code')}: ${untrusted(f.message, 'inline')}`,
    );
    const hint = hintOf(f);
    if (hint && j.level !== 'warn') lines.push(`  ${hint}`);
  }
  if (approval) lines.push('', `Destructive changes approved by ${untrusted(approval, 'inline')}.`);
  return lines.join('\n');
}

function summaryOf(m: MigrationFacts, judged: readonly Judged[]): string {
  const count = (l: Level) => judged.filter((j) => j.level === l).length;
  const n = m.pending.length;
  const noun = m.engine === 'frappe' ? 'patch' : 'migration';
  const plural = n === 1 ? '' : m.engine === 'frappe' ? 'es' : 's';
  const what =
    m.source === 'production'
      ? `${n} pending ${noun}${plural}`
      : m.engine === 'frappe'
        ? `${n} added patch${plural}`
        : `${n} added migration file${n === 1 ? '' : 's'}`;
  const parts = [
    count('block') && `${count('block')} blocking`,
    count('approved') && `${count('approved')} destructive, approved`,
    count('warn') && `${count('warn')} warning${count('warn') === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return `${what}: ${parts.length ? parts.join(', ') : 'nothing risky found'}`;
}

/**
 * The migrations a promotion will run, judged: a blocking finding fails the gate (a destructive
 * one passes as a warning with the approval named in config); the findings are annotations at
 * their lines, each risky one with its expand/contract step. `liftable` says an emergency
 * override may turn the failure into a warning: every blocking rule is in override-lifts.
 */
export function migrationsGate(facts: PreflightFacts, config: PreflightConfig): GateResult {
  const g = config.migrations!;
  const read = facts.migrations ?? { ok: false, error: 'migrations were not read' };
  if (!read.ok) return cannotEvaluate(GATE, read.error, g['on-error']);
  const m = read.value;
  const approval = approvalOf(facts, g);
  const judged = judge(m, g, approval);
  const blocking = judged.filter((j) => j.level === 'block');
  const status = blocking.length ? 'fail' : judged.length ? 'warn' : 'pass';
  const out = result(GATE, status, summaryOf(m, judged), {
    details: renderDetails(
      m,
      judged,
      judged.some((j) => j.level === 'approved') ? approval : undefined,
    ),
    annotations: judged.map(annotationOf),
  });
  if (blocking.length && blocking.every((j) => j.liftable)) out.liftable = true;
  return out;
}
