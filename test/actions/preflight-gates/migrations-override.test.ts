import { promotionConfigSchema } from '../../../packages/core/src/config/schema.js';
import { migrationsGate } from '../../../packages/core/src/gates/migrations/migrations-gate.js';
import { applyOverride } from '../../../packages/core/src/gates/override.js';
import { fact } from '../../../packages/core/src/gates/types.js';
import { renderAudit, verdictOf } from '../../../actions/preflight-gates/src/render.js';
import type { OverrideState } from '../../../actions/preflight-gates/src/override.js';
import { facts } from '../../core/gates/facts-builder.js';

const finding = (line: number, rule: string) => ({
  file: 'migrations/002_risky.sql',
  line,
  endLine: line,
  rule,
  message: `${rule} at ${line}`,
});

const migrations = fact({
  engine: 'postgres' as const,
  judgedBy: 'Squawk',
  pending: ['migrations/002_risky.sql'],
  source: 'added-files' as const,
  sourceDetail: 'the migration files this promotion adds',
  findings: [finding(3, 'require-concurrent-index-creation')],
});

const granted: OverrideState = {
  state: 'granted',
  request: {
    actor: 'oncall',
    at: '2026-11-25T13:30:00Z',
    reason: 'index needed for the incident fix',
    via: 'label "emergency-override"',
  },
};

function judged(lifts: string[]) {
  const config = promotionConfigSchema().parse({
    preflight: { migrations: { 'override-lifts': lifts } },
  }).preflight;
  const result = migrationsGate(facts({ migrations }), config);
  return applyOverride([result], granted.state === 'granted' ? granted.request : undefined, config);
}

describe('the emergency override and the migrations gate', () => {
  test('a rule listed in override-lifts is lifted, and the audit names who, why and the gate', () => {
    const results = judged(['require-concurrent-index-creation']);
    expect(verdictOf(results, granted)).toMatchObject({ result: 'pass' });
    expect(verdictOf(results, granted).title).toContain('emergency override by @oncall');
    const audit = renderAudit(granted, results);
    expect(audit).toContain('**Emergency override** by @oncall');
    expect(audit).toContain('Reason: index needed for the incident fix');
    expect(audit).toContain('Lifted (failed, reported as warnings): migrations.');
    expect(results[0]!.annotations[0]!.path).toBe('migrations/002_risky.sql');
  });

  test('a rule not listed stays a failure with the override granted', () => {
    const results = judged([]);
    expect(verdictOf(results, granted)).toMatchObject({
      result: 'fail',
      failedGates: ['migrations'],
    });
    expect(renderAudit(granted, results)).toContain('Nothing needed lifting.');
  });
});
