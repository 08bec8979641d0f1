/**
 * `promote validate --plan`: what each action would do with a config, computed by the actions'
 * own planners (preflight's configured gates, migrate's plan, smoke's plan) and printed without
 * running anything. Secrets are never read: environment variables that would hold one are shown
 * by name, their values as ***.
 */
import type { PromotionConfig } from '@promote/core/config/schema';
import { ConfigurationError } from '@promote/core/errors';
import { configuredGates, GATE_ORDER } from '@promote/core/gates/evaluate';
import { memoryLogger } from '@promote/core/logger';
import { createSecretMasker } from '@promote/core/secrets';
import { shellQuote } from '@promote/core/rollback-command';
import { buildPlan, renderPlan } from '../../actions/migrate-with-rollback/src/plan.js';
import { planSmoke, renderSmokePlan } from '../../actions/prod-smoke-seal/src/plan.js';

export interface PlanFacts {
  config: PromotionConfig;
  /** The file as written: a section the user did not write is "not configured", not defaults. */
  raw: Record<string, unknown>;
  /** The repository root the config belongs to (relative paths in the config start there). */
  workspace: string;
  /** `.sql` files in migrate.migrations-dir (the postgres and sqlite presets run each). */
  migrationFiles: string[];
  now: Date;
  /**
   * With apps or stages (issue #20): each app on each stage as its actions see it
   * (resolveConfig), with its migration files. Migrate and smoke are planned for each.
   */
  views?: { label: string; config: PromotionConfig; migrationFiles: string[] }[];
}

const argvLine = (argv: readonly string[]) => `$ ${argv.map(shellQuote).join(' ')}`;
const indent = (lines: string[], by = '  ') => lines.map((l) => `${by}${l}`);

export interface DescribedPlan {
  lines: string[];
  /** What an action's own planner refuses in a file the schema accepts (`migrate.site is required by preset "frappe"`). */
  refusals: string[];
}

/**
 * The plan as lines. A config the schema accepts can still be one an action refuses to plan
 * (a preset without its site, smoke commands without a base URL): those are `refusals`.
 */
export function describePlan(facts: PlanFacts): DescribedPlan {
  const refusals: string[] = [];
  const guard = (action: string, plan: () => string[]): string[] => {
    try {
      return plan();
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      const why = error.message.replace(/^promotion\.yml: /, '');
      refusals.push(`${action} would refuse to run: ${why}`);
      return [`${action}: would refuse to run: ${why}`];
    }
  };
  const lines = [
    'Plan: what each action would run with this config (nothing was run).',
    '',
    ...preflightPlan(facts),
    '',
    ...promotePlan(facts),
    '',
    ...(facts.views
      ? facts.views.flatMap((v) => {
          const one = {
            ...facts,
            config: v.config,
            migrationFiles: v.migrationFiles,
            // An app's or stage's own settings count as written.
            raw: { ...facts.raw, migrate: facts.raw.migrate ?? {}, smoke: facts.raw.smoke ?? {} },
          };
          return [
            ...guard(`migrate-with-rollback (${v.label})`, () => migratePlan(one)),
            '',
            ...guard(`prod-smoke-seal (${v.label})`, () => smokePlan(one)),
            '',
          ];
        })
      : [
          ...guard('migrate-with-rollback', () => migratePlan(facts)),
          '',
          ...guard('prod-smoke-seal', () => smokePlan(facts)),
          '',
        ]),
    'tag-release: runs no commands (CHANGELOG commit, tag and release through the GitHub API).',
  ];
  return { lines, refusals };
}

function preflightPlan({ config }: PlanFacts): string[] {
  const p = config.preflight;
  const configured = configuredGates(p);
  const runs = configured.filter((g) => {
    const section = p[g as keyof typeof p] as { enabled?: boolean } | undefined;
    return g === 'freeze' || section?.enabled !== false;
  });
  const disabled = configured.filter((g) => !runs.includes(g));
  const lines = [
    `preflight-gates: gates that run: ${runs.length ? runs.join(', ') : 'none'}`,
    ...(disabled.length ? [`  disabled (enabled: false): ${disabled.join(', ')}`] : []),
    `  not configured: ${GATE_ORDER.filter((g) => !configured.includes(g)).join(', ') || 'none'}`,
  ];
  if (runs.includes('freeze'))
    for (const w of p.freeze ?? []) {
      const when =
        'days' in w
          ? `${w.days.join(', ')} ${w.from}${w.to ? `-${w.to}` : ''}`
          : `${w.dates.from} to ${w.dates.to}`;
      lines.push(
        `  freeze: ${when} ${w.timezone ?? p.timezone}${w.reason ? ` (${w.reason})` : ''}`,
      );
    }
  if (runs.includes('drift') && p.drift?.command)
    lines.push(`  drift: ${argvLine(p.drift.command)}`);
  if (runs.includes('backup') && p.backup?.command)
    lines.push(`  backup: ${argvLine(p.backup.command)}`);
  if (runs.includes('custom'))
    for (const c of p.custom?.commands ?? [])
      lines.push(`  custom "${c.name}" (timeout ${c.timeout}): ${argvLine(c.run)}`);
  return lines;
}

function promotePlan({ config, raw }: PlanFacts): string[] {
  const pr = config.promote;
  const gates = pr.gates.filter((g) => configuredGates(config.preflight).includes(g));
  const lines = [
    `open-promote-pr: promote/<name>-<yyyymmdd-hhmm> from ${config.branches.staging} into ${config.branches.production}`,
    `  gates before opening: ${gates.length ? gates.join(', ') : 'none configured'}`,
  ];
  const migrations = pr.migrations as { command?: string[]; paths?: string[] } | undefined;
  if (migrations?.command) lines.push(`  pending migrations: ${argvLine(migrations.command)}`);
  else if (migrations?.paths) lines.push(`  migration files: ${migrations.paths.join(', ')}`);
  const audit = pr.audit as { command?: string[]; file?: string } | undefined;
  if (audit?.command) lines.push(`  audit excerpt: ${argvLine(audit.command)}`);
  else if (audit?.file) lines.push(`  audit excerpt: last lines of ${audit.file}`);
  if (!('promote' in raw)) lines.push('  (promote: not in the file; defaults)');
  return lines;
}

function migratePlan({ config, raw, workspace, migrationFiles, now }: PlanFacts): string[] {
  if (!('migrate' in raw)) return ['migrate-with-rollback: not configured (no migrate: section)'];
  const plan = buildPlan({
    config: config.migrate,
    environment: config.environment,
    mode: 'migrate',
    // The merge commit is known only on merge; its short form names the backup.
    sha: 'SHA',
    now,
    workspace,
    migrationFiles,
    // The database name comes from the URL secret at run time.
    pgDatabase: '<database>',
    rollbackWorkflow: config.promote['rollback-workflow'],
  });
  return [
    `migrate-with-rollback (on merge; preset ${plan.preset}, environment ${plan.environment}):`,
    ...indent(renderPlan(plan).split('\n')),
  ];
}

function smokePlan({ config, raw }: PlanFacts): string[] {
  if (!('smoke' in raw)) return ['prod-smoke-seal: not configured (no smoke: section)'];
  // Every variable a secret would come from reads as a stand-in; the masker hides it (and its
  // base64 and URL-encoded forms) wherever it lands.
  const masker = createSecretMasker(memoryLogger());
  const env = new Proxy({} as Record<string, string>, {
    get: (_, name) => `secret-from-${String(name)}`,
  });
  const plan = planSmoke(config.smoke, { env, masker });
  return renderSmokePlan(plan, masker.mask);
}
