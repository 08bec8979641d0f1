import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrateConfig } from '../../../packages/core/src/config/sections/migrate.js';
import { promotionConfigSchema } from '../../../packages/core/src/config/schema.js';
import { createExec } from '../../../packages/core/src/exec.js';
import { readMigrationFacts } from '../../../packages/core/src/gates/migrations/collect-migrations.js';
import { parsePatchesTxt } from '../../../packages/core/src/gates/migrations/frappe.js';
import { migrationsGate } from '../../../packages/core/src/gates/migrations/migrations-gate.js';
import { applyOverride } from '../../../packages/core/src/gates/override.js';
import { fact } from '../../../packages/core/src/gates/types.js';
import { memoryLogger } from '../../../packages/core/src/logger.js';
import { facts, file } from './facts-builder.js';

/**
 * Frappe: the gate reads the doctype JSON diff (fields removed, fieldtypes narrowed) and lists
 * the patches that will run, from the site's Patch Log when bench is on this runner.
 */

const FIXTURES = join(process.cwd(), 'test/fixtures/frappe');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const FAKE_TOOLS = join(process.cwd(), 'test/support/fake-tools');
const DOCTYPE = 'hrms/hr/doctype/beneficiary/beneficiary.json';
const PATCHES = 'hrms/patches.txt';

let workspace: string;
let benchHome: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'frappe-app-'));
  benchHome = mkdtempSync(join(tmpdir(), 'frappe-bench-'));
  mkdirSync(join(workspace, 'hrms/hr/doctype/beneficiary'), { recursive: true });
  writeFileSync(join(workspace, PATCHES), fixture('patches.head.txt'));
  writeFileSync(join(benchHome, 'erp.example.com.sql'), '-- the site database\n');
});
afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(benchHome, { recursive: true, force: true });
});

const BASE: Record<string, string> = {
  [DOCTYPE]: fixture('beneficiary.base.json'),
  [PATCHES]: fixture('patches.base.txt'),
};

async function judge(
  head: string,
  options: {
    migrations?: Record<string, unknown>;
    labels?: string[];
    env?: NodeJS.ProcessEnv;
  } = {},
) {
  writeFileSync(join(workspace, DOCTYPE), fixture(head));
  const config = promotionConfigSchema().parse({
    migrate: { preset: 'frappe', site: 'erp.example.com' },
    preflight: { migrations: { ...options.migrations } },
  });
  const changed = [file(DOCTYPE, undefined, 'modified'), file(PATCHES, undefined, 'modified')];
  const exec = createExec({
    logger: memoryLogger(),
    env: { ...process.env, PATH: `${FAKE_TOOLS}:${process.env.PATH}`, FAKE_BENCH_HOME: benchHome },
  });
  const m = await readMigrationFacts(
    { exec, env: options.env ?? {}, workspace, readBase: async (p) => BASE[p] ?? null },
    config.migrate as MigrateConfig,
    config.preflight.migrations!,
    changed,
  );
  const f = facts({ migrations: fact(m), files: fact({ files: changed }) });
  f.pr.labels = options.labels ?? [];
  return { m, result: migrationsGate(f, config.preflight), config };
}

const lineOf = (name: string, text: string) =>
  fixture(name)
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1;

describe('patches.txt', () => {
  test('entries in the order bench migrate runs them: pre_model_sync, then post_model_sync; comments skipped, a line kept whole', () => {
    const text = `[post_model_sync]\napp.patches.late\n\n[pre_model_sync]\n# a comment\napp.patches.early #2026-01-01\n`;
    expect(parsePatchesTxt(text)).toEqual([
      { patch: 'app.patches.early #2026-01-01', line: 6, section: 'pre_model_sync' },
      { patch: 'app.patches.late', line: 2, section: 'post_model_sync' },
    ]);
  });
});

describe('the migrations gate on a Frappe app', () => {
  test('a removed field and narrowed fieldtypes block, at their lines, with the expand/contract step; widenings and layout fields pass', async () => {
    const { m, result } = await judge('beneficiary.narrowing.json');
    expect(result.row.status).toBe('fail');
    const found = result.annotations.map((a) => [a.title, a.start_line, a.annotation_level]);
    expect(found).toEqual(
      expect.arrayContaining([
        [
          'migrations: ban-drop-column',
          lineOf('beneficiary.narrowing.json', '"fields"'),
          'failure',
        ],
        [
          'migrations: changing-column-type',
          lineOf('beneficiary.narrowing.json', '"fieldname": "share"'),
          'failure',
        ],
        [
          'migrations: changing-column-type',
          lineOf('beneficiary.narrowing.json', '"fieldname": "date_of_birth"'),
          'failure',
        ],
        [
          'migrations: changing-column-type',
          lineOf('beneficiary.narrowing.json', '"fieldname": "iban"'),
          'failure',
        ],
      ]),
    );
    // notes removed; share, date_of_birth, iban narrowed. relation (Select → Data: the same
    // varchar), beneficiary_name (Data → Small Text: wider) and the section break are not findings.
    expect(m.findings).toHaveLength(4);
    const messages = m.findings.map((f) => f.message).join('\n');
    expect(messages).toContain('Field notes (Small Text) removed from DocType Beneficiary');
    expect(messages).toContain('from Percent (decimal(21,9)) to Int (int(11))');
    expect(messages).toContain('from Data (varchar(34)) to Data (varchar(20))');
    expect(messages).not.toMatch(/relation|beneficiary_name|details_section/);
    const removed = result.annotations.find((a) => a.title === 'migrations: ban-drop-column')!;
    expect(removed.path).toBe(DOCTYPE);
    expect(removed.message).toContain('bench trim-tables');
    expect(result.row.details).toContain('Expand/contract: add a new field of the new type');
  });

  test('without bench on this runner: the patches.txt entries the promotion adds, in run order, and the section says no more', async () => {
    const { m, result } = await judge('beneficiary.widening.json');
    expect(m.source).toBe('added-files');
    expect(m.pending).toEqual([
      'hrms.patches.v16_0.copy_beneficiary_notes_to_comments',
      'hrms.patches.v16_0.backfill_beneficiary_bank #2026-11-20',
    ]);
    expect(result.row.status).toBe('pass');
    expect(result.row.summary).toBe('2 added patches: nothing risky found');
    expect(result.row.details).toContain('**Patches this promotion adds**');
    expect(result.row.details).toContain('production was not asked');
  });

  test("with bench-dir: the site's Patch Log decides; a patch run by hand is left out, one left over from an earlier promotion is listed", async () => {
    writeFileSync(
      join(benchHome, 'erp.example.com.patch-log'),
      [
        'hrms.patches.v14_0.create_custom_field_for_appraisal_template',
        'hrms.patches.v15_0.rename_enable_late_entry_early_exit_grace_period',
        // added by this promotion, but already run on the site (bench execute by hand)
        'hrms.patches.v16_0.copy_beneficiary_notes_to_comments',
        'execute:frappe.delete_doc("Report", "Employee Analytics", ignore_missing=True)',
      ].join('\n'),
    );
    const { m, result } = await judge('beneficiary.widening.json', {
      migrations: { 'bench-dir': benchHome },
    });
    expect(m.source).toBe('production');
    expect(m.pending).toEqual([
      'hrms.patches.v15_0.migrate_loan_type_to_loan_product',
      'hrms.patches.v16_0.backfill_beneficiary_bank #2026-11-20',
    ]);
    expect(result.row.summary).toBe('2 pending patches: nothing risky found');
    expect(result.row.details).toContain('the Patch Log of erp.example.com');
  });

  test('a bench that fails: the read fails (the gate reports it cannot evaluate) rather than guess', async () => {
    rmSync(join(benchHome, 'erp.example.com.sql')); // bench: "Site … does not exist!", exit 1
    await expect(
      judge('beneficiary.widening.json', { migrations: { 'bench-dir': benchHome } }),
    ).rejects.toThrow(/bench --site erp\.example\.com execute frappe\.get_all exited with 1/);
  });

  test('the approval label turns the destructive doctype changes into warnings; the override lifts only the rules listed', async () => {
    const approved = await judge('beneficiary.narrowing.json', {
      labels: ['destructive-migration-approved'],
    });
    expect(approved.result.row.status).toBe('warn');
    expect(approved.result.annotations.every((a) => a.title?.endsWith('(approved)'))).toBe(true);

    const partial = await judge('beneficiary.narrowing.json', {
      migrations: { 'override-lifts': ['changing-column-type'] },
    });
    expect(partial.result.liftable).toBeUndefined();
    const lifted = await judge('beneficiary.narrowing.json', {
      migrations: { 'override-lifts': ['changing-column-type', 'ban-drop-column'] },
    });
    const [after] = applyOverride(
      [lifted.result],
      { actor: 'oncall', at: '2026-11-25T13:30:00Z', reason: 'payroll fix', via: 'label' },
      lifted.config.preflight,
    );
    expect(after!.overridden).toBe(true);
    expect(after!.row.status).toBe('warn');
  });
});
