// The measures computed from a history built by hand: each test is one situation a team meets,
// with the numbers a person would work out on paper.
import { describe, expect, test } from '@jest/globals';
import type { DeployFact, History } from '../../../actions/report/src/history.js';
import { computeReport, incidentsOf } from '../../../actions/report/src/measures.js';
import { periodEnding } from '../../../actions/report/src/period.js';

const HOUR = 60 * 60 * 1000;
const NOW = new Date('2026-03-02T00:00:00Z');
// 28 days: weeks starting 2026-02-02, 02-09, 02-16, 02-23.
const PERIOD = periodEnding(NOW, 28);
const at = (day: string, hour = 12) => `2026-${day}T${String(hour).padStart(2, '0')}:00:00Z`;

let nextId = 1;
function deploy(day: string, options: Partial<DeployFact> = {}): DeployFact {
  return {
    id: nextId++,
    sha: `${nextId}`.padStart(40, '0'),
    createdAt: at(day, 11),
    outcome: 'success',
    finishedAt: at(day),
    restored: false,
    seals: [{ seal: 'green', at: at(day, 13) }],
    ...options,
  };
}

function history(deployments: DeployFact[], more: Partial<History> = {}): History {
  return {
    environment: 'production',
    deployments,
    rollbacks: [],
    preflight: [],
    requests: 7,
    gaps: [],
    ...more,
  };
}

describe('deployment frequency', () => {
  test('successful deploys per week, and the average over the period', () => {
    const report = computeReport(
      history([
        deploy('02-03'),
        deploy('02-04'),
        deploy('02-05', { outcome: 'failure', finishedAt: at('02-05'), seals: [] }),
        deploy('02-25'),
      ]),
      PERIOD,
    );
    expect(report.deploymentFrequency.weekly.map((w) => [w.week, w.value])).toEqual([
      ['2026-02-02', 2],
      ['2026-02-09', 0],
      ['2026-02-16', 0],
      ['2026-02-23', 1],
    ]);
    expect(report.deploymentFrequency.perWeek).toBe(3 / 4);
    // Less than weekly, more than monthly.
    expect(report.deploymentFrequency.band).toBe('medium');
  });

  test('a deploy before the period or still running is not counted', () => {
    const report = computeReport(
      history([deploy('01-20'), deploy('02-10', { outcome: 'pending', finishedAt: undefined })]),
      PERIOD,
    );
    expect(report.deploymentFrequency.deployments).toBe(0);
    expect(report.changeFailureRate.deployments).toBe(0);
    expect(report.changeFailureRate.rate).toBeNull();
    expect(report.changeFailureRate.band).toBeNull();
  });
});

describe('lead time for changes', () => {
  test('from the first commit to the deploy: median and p90 (nearest rank)', () => {
    const hoursBefore = [1, 2, 3, 4, 30];
    const deployments = hoursBefore.map((h, i) =>
      deploy(`02-0${i + 3}`, {
        firstCommitAt: new Date(Date.parse(at(`02-0${i + 3}`)) - h * HOUR).toISOString(),
      }),
    );
    const report = computeReport(history(deployments), PERIOD);
    expect(report.leadTime.deployments).toBe(5);
    expect(report.leadTime.medianMs).toBe(3 * HOUR);
    expect(report.leadTime.p90Ms).toBe(30 * HOUR);
    expect(report.leadTime.band).toBe('elite');
    expect(report.leadTime.weekly[0]!.value).toBe(3);
    expect(report.leadTime.weekly[1]!.value).toBeNull();
  });

  test('a deploy that could not be dated is left out, not counted as zero', () => {
    const report = computeReport(history([deploy('02-03')]), PERIOD);
    expect(report.leadTime.deployments).toBe(0);
    expect(report.leadTime.medianMs).toBeNull();
    expect(report.leadTime.band).toBeNull();
  });
});

describe('change failure rate', () => {
  test('a red seal, an automatic restore, a failed deploy and a manual rollback each make a change failed', () => {
    const ok = deploy('02-03');
    const red = deploy('02-04', { seals: [{ seal: 'red', at: at('02-04', 13) }] });
    const restored = deploy('02-10', { outcome: 'failure', restored: true, seals: [] });
    const failed = deploy('02-11', { outcome: 'error', seals: [] });
    const rolledBack = deploy('02-17');
    const after = deploy('02-24');
    const report = computeReport(
      history([ok, red, restored, failed, rolledBack, after], {
        rollbacks: [
          { id: 99, sha: ok.sha, createdAt: at('02-18'), by: 'dana', reason: 'totals wrong' },
        ],
      }),
      PERIOD,
    );
    const cfr = report.changeFailureRate;
    expect(cfr.failures.map((f) => [f.deployment, f.why])).toEqual([
      [red.id, ['red seal']],
      [restored.id, ['restored automatically']],
      [failed.id, ['deploy failed']],
      [rolledBack.id, ['rolled back by hand']],
    ]);
    expect([cfr.failed, cfr.deployments]).toEqual([4, 6]);
    expect(cfr.weekly.map((w) => w.value)).toEqual([50, 100, 100, 0]);
    expect(cfr.band).toBe('low');
  });

  test('one failure in twenty deploys is elite (5% or less)', () => {
    const days = Array.from({ length: 20 }, (_, i) => `02-${String(3 + i).padStart(2, '0')}`);
    const deployments = days.map((d, i) =>
      deploy(d, i === 0 ? { seals: [{ seal: 'red', at: at(d, 13) }] } : {}),
    );
    const report = computeReport(history(deployments), PERIOD);
    expect(report.changeFailureRate.rate).toBe(0.05);
    expect(report.changeFailureRate.band).toBe('elite');
  });
});

describe('time to restore', () => {
  test('from a red seal or failed deploy to the next green seal; a second failure joins the open incident', () => {
    const deployments = [
      deploy('02-03', { seals: [{ seal: 'red', at: at('02-03', 13) }] }),
      deploy('02-04', { outcome: 'failure', restored: true, finishedAt: at('02-04'), seals: [] }),
      deploy('02-05', { seals: [{ seal: 'green', at: at('02-05', 1) }] }),
      deploy('02-17', {
        seals: [
          { seal: 'red', at: at('02-17', 13) },
          { seal: 'green', at: at('02-17', 14) },
        ],
      }),
    ];
    expect(incidentsOf(deployments).map((i) => [i.start, i.ms! / HOUR])).toEqual([
      [at('02-03', 13), 36],
      [at('02-17', 13), 1],
    ]);
    const report = computeReport(history(deployments), PERIOD);
    expect(report.timeToRestore.medianMs).toBe(18.5 * HOUR);
    expect(report.timeToRestore.band).toBe('high');
    expect(report.timeToRestore.weekly.map((w) => w.value)).toEqual([36, null, 1, null]);
  });

  test('production still red at the end of the period: an open incident, not in the median', () => {
    const incidents = incidentsOf([
      deploy('02-24', { seals: [{ seal: 'red', at: at('02-24', 13) }] }),
    ]);
    expect(incidents).toEqual([{ start: at('02-24', 13) }]);
    const report = computeReport(
      history([deploy('02-24', { seals: [{ seal: 'red', at: at('02-24', 13) }] })]),
      PERIOD,
    );
    expect(report.timeToRestore.medianMs).toBeNull();
    expect(report.timeToRestore.band).toBeNull();
  });
});

describe("Promote's own", () => {
  test('gate failures by gate, freeze refusals and overrides, from the preflight check runs in the period', () => {
    const report = computeReport(
      history([], {
        preflight: [
          {
            pullRequest: 1,
            sha: 'a',
            completedAt: at('01-30'),
            conclusion: 'failure',
            failedGates: ['freeze'],
          },
          {
            pullRequest: 2,
            sha: 'b',
            completedAt: at('02-06'),
            conclusion: 'failure',
            failedGates: ['freeze', 'ci'],
          },
          {
            pullRequest: 3,
            sha: 'c',
            completedAt: at('02-13'),
            conclusion: 'failure',
            failedGates: ['ci'],
          },
          {
            pullRequest: 4,
            sha: 'd',
            completedAt: at('02-20'),
            conclusion: 'success',
            failedGates: [],
            override: { actor: 'dana', at: at('02-20', 10), via: 'label', reason: 'outage' },
          },
        ],
      }),
      PERIOD,
    );
    expect(report.gates).toEqual({ checkRuns: 3, failed: 2, byGate: { freeze: 1, ci: 2 } });
    expect(report.freezeRefusals).toEqual([{ pullRequest: 2, at: at('02-06') }]);
    expect(report.overrides).toEqual([
      { actor: 'dana', at: at('02-20', 10), via: 'label', reason: 'outage', pullRequest: 4 },
    ]);
    expect(report.requests).toBe(7);
  });
});
