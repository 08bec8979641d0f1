import type { Clock } from '@promote/core/clock';
import { formatDuration } from '@promote/core/time';
import type { CheckResult } from './http-check.js';
import type { WatchSpec } from './plan.js';
import { percentile, sparkline } from './stats.js';

export interface WatchRound {
  /** Milliseconds since the window opened. */
  atMs: number;
  total: number;
  failed: number;
  p95Ms?: number;
  /** Names of the checks that failed in this round (for the alert). */
  failing: string[];
}

export interface Baseline {
  p95Ms?: number;
  /** Where the number came from, for the summary ("input baseline", "smoke.watch.baseline"). */
  source: string;
}

export interface WatchOutcome {
  rounds: WatchRound[];
  errorRate: number;
  p95Ms?: number;
  baseline?: Baseline;
  /** Empty when the window stayed healthy. */
  problems: string[];
}

/**
 * Repeats the checks every interval for the window's duration (the first round starts at once),
 * then judges the whole window: error rate over every check run, and p95 latency against the
 * pre-deploy baseline when one is known.
 */
export async function runWatch(
  spec: WatchSpec,
  runRound: () => Promise<CheckResult[]>,
  deps: { clock: Clock; baseline?: Baseline; onRound?: (round: WatchRound, index: number) => void },
): Promise<WatchOutcome> {
  const opened = deps.clock.now().getTime();
  const rounds: WatchRound[] = [];
  const latencies: number[] = [];
  for (let index = 0; ; index++) {
    const scheduled = opened + index * spec.intervalMs;
    if (scheduled - opened >= spec.durationMs) break;
    const wait = scheduled - deps.clock.now().getTime();
    if (wait > 0) await deps.clock.sleep(wait);
    const results = await runRound();
    const samples = results.flatMap((r) => (r.latencyMs !== undefined ? [r.latencyMs] : []));
    latencies.push(...samples);
    const p95 = percentile(samples, 95);
    const round: WatchRound = {
      atMs: scheduled - opened,
      total: results.length,
      failed: results.filter((r) => !r.ok).length,
      ...(p95 !== undefined ? { p95Ms: p95 } : {}),
      failing: results.filter((r) => !r.ok).map((r) => r.name),
    };
    rounds.push(round);
    deps.onRound?.(round, index);
  }
  return judgeWindow(spec, rounds, latencies, deps.baseline);
}

export function judgeWindow(
  spec: WatchSpec,
  rounds: WatchRound[],
  latencies: number[],
  baseline?: Baseline,
): WatchOutcome {
  const total = rounds.reduce((n, r) => n + r.total, 0);
  const failed = rounds.reduce((n, r) => n + r.failed, 0);
  const errorRate = total === 0 ? 0 : failed / total;
  const p95Ms = percentile(latencies, 95);
  const problems: string[] = [];
  if (errorRate > spec.maxErrorRate) {
    problems.push(
      `error rate ${pct(errorRate)} (${failed} of ${total} checks failed) is above the ${pct(spec.maxErrorRate)} limit`,
    );
  }
  if (baseline?.p95Ms !== undefined && p95Ms !== undefined) {
    const limit = baseline.p95Ms * (1 + spec.p95OverBaseline);
    if (p95Ms > limit) {
      problems.push(
        `p95 latency ${p95Ms} ms is more than ${pct(spec.p95OverBaseline)} above the baseline ${baseline.p95Ms} ms (limit ${Math.round(limit)} ms)`,
      );
    }
  }
  return {
    rounds,
    errorRate,
    ...(p95Ms !== undefined ? { p95Ms } : {}),
    ...(baseline ? { baseline } : {}),
    problems,
  };
}

function pct(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

/** The series for the summary: sparklines, then one compact row per round. */
export function renderWatch(outcome: WatchOutcome, spec: WatchSpec): string {
  const p95s = outcome.rounds.map((r) => r.p95Ms ?? 0);
  const errors = outcome.rounds.map((r) => r.failed);
  const baseline =
    outcome.baseline?.p95Ms !== undefined
      ? `baseline p95 ${outcome.baseline.p95Ms} ms (${outcome.baseline.source}), limit +${pct(spec.p95OverBaseline)}`
      : 'no baseline given, so p95 is shown but not judged';
  const lines = [
    `#### Watch window: ${outcome.rounds.length} rounds every ${formatDuration(spec.intervalMs)} over ${formatDuration(spec.durationMs)}`,
    '',
    `- Error rate: **${pct(outcome.errorRate)}** (limit ${pct(spec.maxErrorRate)})`,
    `- p95 latency: **${outcome.p95Ms ?? '–'} ms** (${baseline})`,
    '',
    '```text',
    `p95    ${sparkline(p95s)}  max ${Math.max(0, ...p95s)} ms`,
    `errors ${sparkline(errors)}  max ${Math.max(0, ...errors)}`,
    '```',
    '',
    '| At | Checks | Failed | p95 ms |',
    '| --- | --- | --- | --- |',
    ...outcome.rounds.map(
      (r) => `| +${formatDuration(r.atMs)} | ${r.total} | ${r.failed} | ${r.p95Ms ?? '–'} |`,
    ),
  ];
  return lines.join('\n');
}
