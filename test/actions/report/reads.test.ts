// The small readers and helpers under the measures: how a deployment's statuses are read, what
// preflight-gates' check run says, the statistics, the period's weeks, the bands and the chart.
import { describe, expect, test } from '@jest/globals';
import type { GateResult } from '@promote/core/gates/index';
import { renderSummary, verdictOf } from '../../../actions/preflight-gates/src/render.js';
import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  timeToRestoreBand,
} from '../../../actions/report/src/bands.js';
import { renderChart, sparkline } from '../../../actions/report/src/chart.js';
import { deployOutcome } from '../../../packages/core/src/deployment-statuses.js';
import { periodEnding } from '../../../actions/report/src/period.js';
import { failedGatesIn, overrideIn } from '../../../actions/report/src/preflight-record.js';
import { median, percentile } from '../../../actions/report/src/stats.js';

const HOUR = 60 * 60 * 1000;
const t = (hhmm: string) => `2026-02-03T${hhmm}:00Z`;

describe('a deploy:migrate deployment, read from its statuses as migrate-with-rollback and prod-smoke-seal write them', () => {
  test('migrated then sealed green: a success with its seal', () => {
    expect(
      deployOutcome([
        {
          state: 'success',
          description: 'Smoke seal green: 2 of 2 smoke checks passed',
          created_at: t('12:30'),
        },
        { state: 'success', description: 'migrated; backup b1', created_at: t('12:00') },
        {
          state: 'in_progress',
          description: 'backup b1 verified, migrating',
          created_at: t('11:50'),
        },
      ]),
    ).toEqual({
      outcome: 'success',
      finishedAt: t('12:00'),
      restored: false,
      seals: [{ seal: 'green', at: t('12:30') }],
    });
  });

  test('a red seal is a failure status, yet the deploy itself succeeded', () => {
    const read = deployOutcome([
      { state: 'success', description: 'migrated; backup b1', created_at: t('12:00') },
      {
        state: 'failure',
        description: 'Smoke seal red: 1 of 2 smoke checks passed',
        created_at: t('12:30'),
      },
    ]);
    expect(read.outcome).toBe('success');
    expect(read.seals).toEqual([{ seal: 'red', at: t('12:30') }]);
  });

  test('an automatic restore, a failed restore, one still running, one superseded', () => {
    expect(
      deployOutcome([
        {
          state: 'failure',
          description: 'migration failed; restored backup b1',
          created_at: t('12:00'),
        },
      ]),
    ).toMatchObject({ outcome: 'failure', restored: true });
    expect(
      deployOutcome([
        {
          state: 'error',
          description: 'migration AND restore failed; lock kept',
          created_at: t('12:00'),
        },
      ]),
    ).toMatchObject({ outcome: 'error', restored: false });
    expect(
      deployOutcome([{ state: 'in_progress', description: 'migrating', created_at: t('12:00') }]),
    ).toEqual({ outcome: 'pending', restored: false, seals: [] });
    // Only the inactive copy GitHub adds when a later deploy succeeds (a copy of the green seal).
    expect(
      deployOutcome([
        { state: 'inactive', description: 'Smoke seal green: 2 of 2', created_at: t('14:00') },
      ]),
    ).toEqual({ outcome: 'success', finishedAt: t('14:00'), restored: false, seals: [] });
  });
});

describe("preflight-gates' check run, read back", () => {
  const gate = (key: string, status: 'pass' | 'fail' | 'warn', overridden = false): GateResult => ({
    gate: key,
    row: { name: key.replace(/-/g, ' '), status, summary: status },
    annotations: [],
    ...(overridden ? { overridden } : {}),
  });

  test('the failed gates from the title preflight-gates writes', () => {
    const results = [gate('freeze', 'fail'), gate('change-size', 'fail'), gate('ci', 'pass')];
    const verdict = verdictOf(results, { state: 'none' });
    expect(failedGatesIn(verdict.title)).toEqual(['freeze', 'change-size']);
    expect(failedGatesIn(verdictOf([gate('ci', 'pass')], { state: 'none' }).title)).toEqual([]);
  });

  test('the override from the summary preflight-gates writes, as the person typed it', () => {
    const results = [gate('freeze', 'warn', true), gate('ci', 'pass')];
    const override = {
      state: 'granted' as const,
      request: {
        actor: 'dana',
        at: '2026-02-03T10:00:00.000Z',
        via: 'label "emergency-override" (reason by @sam)',
        reason: 'fix for [the cart](https://evil.example) | #12 *now* @platform <script>',
      },
    };
    const summary = renderSummary(results, override, verdictOf(results, override));
    expect(overrideIn(summary)).toEqual(override.request);
    expect(
      overrideIn(renderSummary(results, { state: 'none' }, verdictOf(results, { state: 'none' }))),
    ).toBeUndefined();
  });
});

describe('statistics', () => {
  test('median of an odd and an even count; nearest-rank percentiles are observed values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 20, 30], 90)).toBe(30);
    expect(percentile([7], 90)).toBe(7);
  });
});

describe('the period', () => {
  test('90 days are 13 weeks counted back from now; the oldest starts at the period', () => {
    const p = periodEnding(new Date('2026-03-31T15:00:00Z'), 90);
    expect(p.weeks).toHaveLength(13);
    expect(p.weeks.at(-1)!.label).toBe('2026-03-24');
    expect(p.weeks[0]!.label).toBe('2025-12-31');
  });
});

describe('DORA bands (Accelerate State of DevOps Report 2023)', () => {
  test.each([
    [deploymentFrequencyBand, 7, 'elite'],
    [deploymentFrequencyBand, 1, 'high'],
    [deploymentFrequencyBand, 0.25, 'medium'],
    [deploymentFrequencyBand, 0.1, 'low'],
    [leadTimeBand, 23 * HOUR, 'elite'],
    [leadTimeBand, 6 * 24 * HOUR, 'high'],
    [leadTimeBand, 20 * 24 * HOUR, 'medium'],
    [leadTimeBand, 60 * 24 * HOUR, 'low'],
    [changeFailureRateBand, 0.05, 'elite'],
    [changeFailureRateBand, 0.1, 'high'],
    [changeFailureRateBand, 0.15, 'medium'],
    [changeFailureRateBand, 0.16, 'low'],
    [timeToRestoreBand, 0.5 * HOUR, 'elite'],
    [timeToRestoreBand, 5 * HOUR, 'high'],
    [timeToRestoreBand, 3 * 24 * HOUR, 'medium'],
    [timeToRestoreBand, 30 * 24 * HOUR, 'low'],
  ])('%# %s', (rule, value, band) => {
    expect(rule.band(value)).toBe(band);
  });
});

describe('the chart', () => {
  const points = [
    { week: '2026-02-02', value: 2 },
    { week: '2026-02-09', value: null },
    { week: '2026-02-16', value: 4 },
  ];

  test('one point a week; a week without data is a hollow mark on the axis, outside the line', () => {
    const svg = renderChart({ title: 'Deployment frequency', unit: 'deploys', points });
    expect(svg.match(/<circle class="point"/g)).toHaveLength(2);
    expect(svg.match(/<circle class="point no-data"/g)).toHaveLength(1);
    expect(svg).toContain('<title>week of 2026-02-09: no data</title>');
    expect(svg.match(/<polyline [^>]*points="([^"]*)"/)![1]!.split(' ')).toHaveLength(2);
  });

  test('the sparkline of the same series', () => {
    expect(sparkline(points)).toBe('▅·█');
  });
});
