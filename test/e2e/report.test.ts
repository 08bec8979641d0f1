// report end to end: twelve weeks of promotion history written into the GitHub emulator
// at known times (test/actions/report/twelve-weeks.ts), then the committed bundle
// (dist/report/index.js) run as the runner runs it, with a job token holding only the
// read scopes report.yml grants. Every number below is worked out by hand from that history.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createGitHubClient } from '@promote/core/github/client';
import { memoryLogger } from '@promote/core/logger';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { runBundle, type BundleResult } from '../support/harness.js';
import type { DeliveryReport } from '../../actions/report/src/measures.js';
import { DAYS, NOW, OVERRIDE_REASON, writeTwelveWeeks } from '../actions/report/twelve-weeks.js';

const HOUR = 60 * 60 * 1000;

let emulator: Emulator;
let run: BundleResult;
let report: DeliveryReport;
let token: string;
let shas: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator({ owner: 'acme', repo: 'shop' });
  const gh = createGitHubClient({
    token: 'setup-token',
    baseUrl: emulator.url,
    logger: memoryLogger(),
    env: { PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0' },
  });
  shas = await writeTwelveWeeks(emulator, gh);
  // report.yml's job permissions, and nothing else.
  token = emulator.tokens.mint({
    kind: 'github-token',
    permissions: {
      contents: 'read',
      deployments: 'read',
      statuses: 'read',
      'pull-requests': 'read',
      checks: 'read',
    },
  });
  emulator.resetCounters();
  run = await runBundle({
    action: 'report',
    emulator,
    token,
    inputs: { days: String(DAYS) },
    sha: (await emulator.git.revParse('main'))!,
    now: NOW,
  });
  report = JSON.parse(run.outputs.json ?? 'null') as DeliveryReport;
}, 120_000);

afterAll(async () => {
  const violations = [...emulator.contractViolations];
  await emulator.close();
  expect(violations).toEqual([]);
});

const values = (points: { value: number | null }[]) => points.map((p) => p.value);

test('the report runs on a read-only job token and writes nothing on GitHub', () => {
  expect(run.exitCode).toBe(0);
  expect(emulator.countRequests({ writes: true })).toBe(0);
  expect(emulator.countRequests({ status: 403 })).toBe(0);
});

test('the period is the last 84 days: twelve weeks counted back from now', () => {
  expect(report.period.days).toBe(84);
  expect(report.period.weeks).toHaveLength(12);
  expect(report.period.weeks[0]).toBe('2026-01-12');
  expect(report.period.weeks[11]).toBe('2026-03-30');
});

describe('the four DORA measures, against the history worked out by hand', () => {
  test('deployment frequency: 12 successful deploys in 12 weeks (D5 was restored, D14 is still running)', () => {
    const df = report.deploymentFrequency;
    expect(df.deployments).toBe(12);
    expect(df.perWeek).toBe(1);
    expect(df.band).toBe('high');
    // Week 2 has D3 and D4, week 3 only D6 (D5 failed), week 4 nothing.
    expect(values(df.weekly)).toEqual([1, 1, 2, 1, 0, 1, 1, 1, 1, 1, 1, 1]);
  });

  test('lead time: first commit to the deploy, median of 12 changes 24 h, p90 72 h', () => {
    const lt = report.leadTime;
    // D1..D13 without D5: 24, 48, 12, 6, 48 (D6 carries D5's changes, first 24 h before D5,
    // which was a day before D6), 24, 72, 24, 24, 120, 24, 24 hours. Sorted: 6 12 24 24 24 24 |
    // 24 24 48 48 72 120: the median is (24 + 24) / 2; the nearest rank of p90 is the 11th, 72.
    expect(lt.deployments).toBe(12);
    expect(lt.medianMs).toBe(24 * HOUR);
    expect(lt.p90Ms).toBe(72 * HOUR);
    expect(lt.band).toBe('high');
    expect(values(lt.weekly)).toEqual([24, 48, 9, 48, null, 24, 72, 24, 24, 120, 24, 24]);
  });

  test('change failure rate: 4 of 13 finished deploys (red seal, automatic restore, manual rollback, red seal)', () => {
    const cfr = report.changeFailureRate;
    expect(cfr.deployments).toBe(13);
    expect(cfr.failed).toBe(4);
    expect(cfr.rate).toBeCloseTo(4 / 13, 10);
    expect(cfr.band).toBe('low');
    expect(cfr.failures.map((f) => [f.sha, f.why])).toEqual([
      [shas.D3, ['red seal']],
      [shas.D5, ['restored automatically']],
      [shas.D8, ['rolled back by hand']],
      [shas.D12, ['red seal']],
    ]);
    expect(values(cfr.weekly)).toEqual([0, 0, 50, 50, null, 0, 100, 0, 0, 0, 100, 0]);
  });

  test('time to restore: 48 h, 24.5 h and 2 h to the next green seal, median 24.5 h', () => {
    const ttr = report.timeToRestore;
    // D3's red seal (Wed 12:30) to D4's green (Fri 12:30); D5's restore (Wed 12:00) to D6's
    // green (Thu 12:30); D12's red (12:30) to its re-run green (14:30).
    expect(ttr.incidents.map((i) => i.ms! / HOUR)).toEqual([48, 24.5, 2]);
    expect(ttr.medianMs).toBe(24.5 * HOUR);
    expect(ttr.band).toBe('medium');
    expect(values(ttr.weekly)).toEqual([
      null,
      null,
      48,
      24.5,
      null,
      null,
      null,
      null,
      null,
      null,
      2,
      null,
    ]);
  });
});

describe("Promote's own measures", () => {
  test('gate failures by gate, from the 5 preflight check runs of PRs opened in the period', () => {
    // P0 opened before the period; P1 and P4 failed freeze, P2 ci and change-size.
    expect(report.gates).toEqual({
      checkRuns: 5,
      failed: 3,
      byGate: { freeze: 2, ci: 1, 'change-size': 1 },
    });
    expect(report.freezeRefusals).toHaveLength(2);
  });

  test('the override: who, when, how and why, as typed', () => {
    expect(report.overrides).toEqual([
      {
        actor: 'dana',
        at: '2026-02-24T12:30:00.000Z',
        via: 'label "emergency-override"',
        reason: OVERRIDE_REASON,
        pullRequest: expect.any(Number),
      },
    ]);
  });

  test('the reason is shown as text: no markup, no mention that notifies', () => {
    expect(run.summary).toContain(
      'hotfix for \\*\\*checkout\\*\\* @\u200beveryone &lt;b&gt;now&lt;/b&gt;',
    );
    expect(run.summary).not.toContain('<b>now</b>');
  });
});

describe('the cost of the reads', () => {
  test('every request is counted and reported, and each list is read once', () => {
    // 1 config, 1 page of deploy:migrate deployments, 15 status lists (D14..D1, then D0 found as
    // the base), 12 compares (one per successful deploy), 1 commit-status list (D1's seal is only
    // there), 1 page of deploy:rollback and its statuses, 1 page of pull requests, 5 check-run
    // lists (P1..P5).
    expect(report.requests).toBe(1 + 1 + 15 + 12 + 1 + 1 + 1 + 1 + 5);
    expect(run.outputs.requests).toBe(String(report.requests));
    expect(emulator.countRequests()).toBe(report.requests);
    expect(run.summary).toContain(`Read with ${report.requests} GitHub API requests.`);
  });
});

describe('what a person sees', () => {
  test('the job summary: a table with each measure, its value, its DORA band and a weekly sparkline', () => {
    expect(run.summary).toContain(
      '| Deployment frequency | 1 a week (12 successful deploys) | high | ▅▅█▅▁▅▅▅▅▅▅▅ |',
    );
    expect(run.summary).toContain('| Change failure rate | 30.77% (4 of 13 deploys) | low |');
    expect(run.summary).toContain('| Gate failures by gate | freeze 2, change-size 1, ci 1 |');
    expect(run.summary).toContain('https://dora.dev/research/2023/dora-report/');
  });

  test('each measure has an SVG chart with one point a week, and the JSON file matches the output', () => {
    const dir = run.outputs.dir!;
    for (const file of [
      'deployment-frequency.svg',
      'lead-time.svg',
      'change-failure-rate.svg',
      'time-to-restore.svg',
    ]) {
      const svg = readFileSync(join(dir, file), 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.match(/<circle class="point/g)).toHaveLength(12);
    }
    const frequency = readFileSync(join(dir, 'deployment-frequency.svg'), 'utf8');
    expect(frequency).toContain('<title>week of 2026-01-26: 2 deploys</title>');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toEqual(report);
  });
});
