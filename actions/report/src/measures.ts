import {
  changeFailureRateBand,
  deploymentFrequencyBand,
  leadTimeBand,
  timeToRestoreBand,
  type Band,
} from './bands.js';
import type { DeployFact, History, OverrideFact } from './history.js';
import { inPeriod, periodWeeks, weekIndex, type Period } from './period.js';
import { median, percentile } from './stats.js';

const HOUR = 60 * 60 * 1000;
const time = (iso: string) => Date.parse(iso);

/** One week of a series; null when the week has nothing to measure (no deploy, no incident). */
export interface WeeklyPoint {
  week: string;
  value: number | null;
}

export interface FailedChange {
  deployment: number;
  sha: string;
  /** Why it counts: 'deploy failed', 'restored automatically', 'red seal', 'rolled back by hand'. */
  why: string[];
}

export interface Incident {
  /** The red seal or failed deploy that started it. */
  start: string;
  /** The next green seal; undefined while production has not been sealed green again. */
  restoredAt?: string;
  ms?: number;
}

export interface DeliveryReport {
  environment: string;
  period: { start: string; end: string; days: number; weeks: string[] };
  deploymentFrequency: {
    /** Successful deploy:migrate deployments in the period. */
    deployments: number;
    perWeek: number;
    band: Band;
    weekly: WeeklyPoint[];
  };
  leadTime: {
    /** Successful deploys whose changes could be dated (compared with the previous deploy). */
    deployments: number;
    medianMs: number | null;
    p90Ms: number | null;
    band: Band | null;
    /** Median lead time of each week's deploys, in hours. */
    weekly: WeeklyPoint[];
  };
  changeFailureRate: {
    /** Finished deploys (success, failure or error) in the period. */
    deployments: number;
    failed: number;
    /** failed / deployments, 0..1; null without deployments. */
    rate: number | null;
    band: Band | null;
    failures: FailedChange[];
    /** Each week's rate in percent. */
    weekly: WeeklyPoint[];
  };
  timeToRestore: {
    incidents: Incident[];
    medianMs: number | null;
    band: Band | null;
    /** Median time to restore of the incidents that started each week, in hours. */
    weekly: WeeklyPoint[];
  };
  gates: {
    /** Preflight check runs completed in the period. */
    checkRuns: number;
    failed: number;
    /** Failed check runs per gate (a run failing two gates counts for both). */
    byGate: Record<string, number>;
  };
  overrides: (OverrideFact & { pullRequest: number })[];
  freezeRefusals: { pullRequest: number; at: string }[];
  requests: number;
  gaps: string[];
}

/** Every measure of the period from the history read once. Pure. */
export function computeReport(history: History, period: Period): DeliveryReport {
  const deployments = history.deployments.filter((d) => inPeriod(period, time(d.createdAt)));
  return {
    environment: history.environment,
    period: {
      start: new Date(period.start).toISOString(),
      end: new Date(period.end).toISOString(),
      days: period.days,
      weeks: period.weeks.map((w) => w.label),
    },
    deploymentFrequency: deploymentFrequency(deployments, period),
    leadTime: leadTime(deployments, period),
    changeFailureRate: changeFailureRate(deployments, history, period),
    timeToRestore: timeToRestore(deployments, period),
    ...promoteMeasures(history, period),
    requests: history.requests,
    gaps: history.gaps,
  };
}

/** Values grouped by the week of their time, each week reduced to one number (or null). */
function weekly<T>(
  period: Period,
  items: readonly T[],
  at: (item: T) => number,
  reduce: (items: T[]) => number | null,
): WeeklyPoint[] {
  const buckets: T[][] = period.weeks.map(() => []);
  for (const item of items) {
    const i = weekIndex(period, at(item));
    if (i >= 0) buckets[i]!.push(item);
  }
  return period.weeks.map((w, i) => ({ week: w.label, value: reduce(buckets[i]!) }));
}

const succeeded = (d: DeployFact) => d.outcome === 'success';
const finished = (d: DeployFact) => d.outcome !== 'pending';

function deploymentFrequency(deployments: DeployFact[], period: Period) {
  const ok = deployments.filter(succeeded);
  const perWeek = ok.length / periodWeeks(period);
  return {
    deployments: ok.length,
    perWeek,
    band: deploymentFrequencyBand.band(perWeek),
    weekly: weekly(
      period,
      ok,
      (d) => time(d.createdAt),
      (list) => list.length,
    ),
  };
}

/** First commit of the change to its deploy's success status. */
const leadMs = (d: DeployFact) => time(d.finishedAt!) - time(d.firstCommitAt!);

function leadTime(deployments: DeployFact[], period: Period) {
  const dated = deployments.filter((d) => succeeded(d) && d.firstCommitAt && d.finishedAt);
  const values = dated.map(leadMs);
  const mid = median(values);
  return {
    deployments: dated.length,
    medianMs: mid ?? null,
    p90Ms: percentile(values, 90) ?? null,
    band: mid === undefined ? null : leadTimeBand.band(mid),
    weekly: weekly(
      period,
      dated,
      (d) => time(d.createdAt),
      (list) => {
        const m = median(list.map(leadMs));
        return m === undefined ? null : m / HOUR;
      },
    ),
  };
}

/**
 * A finished deploy failed when the deploy itself failed (restored automatically or not), when a
 * smoke seal on it was red, or when a person rolled production back (a deploy:rollback
 * deployment) after it and before the next deploy.
 */
function failedChanges(deployments: DeployFact[], history: History): Map<number, string[]> {
  const why = new Map<number, string[]>();
  const add = (id: number, reason: string) => why.set(id, [...(why.get(id) ?? []), reason]);
  for (const d of deployments) {
    if (d.outcome === 'failure' || d.outcome === 'error')
      add(d.id, d.restored ? 'restored automatically' : 'deploy failed');
    if (d.seals.some((s) => s.seal === 'red')) add(d.id, 'red seal');
  }
  for (const r of history.rollbacks) {
    const before = deployments.filter((d) => time(d.createdAt) <= time(r.createdAt)).at(-1);
    if (before && !(why.get(before.id) ?? []).includes('rolled back by hand'))
      add(before.id, 'rolled back by hand');
  }
  return why;
}

function changeFailureRate(deployments: DeployFact[], history: History, period: Period) {
  const done = deployments.filter(finished);
  const why = failedChanges(done, history);
  const failures = done
    .filter((d) => why.has(d.id))
    .map((d) => ({ deployment: d.id, sha: d.sha, why: why.get(d.id)! }));
  const rate = done.length ? failures.length / done.length : null;
  return {
    deployments: done.length,
    failed: failures.length,
    rate,
    band: rate === null ? null : changeFailureRateBand.band(rate),
    failures,
    weekly: weekly(
      period,
      done,
      (d) => time(d.createdAt),
      (list) =>
        list.length ? (100 * list.filter((d) => why.has(d.id)).length) / list.length : null,
    ),
  };
}

/**
 * Incidents: production is down from a red seal or a failed deploy until the next green seal.
 * A second failure while one is open belongs to the same incident (one outage, one restore).
 */
export function incidentsOf(deployments: readonly DeployFact[]): Incident[] {
  const events: { at: string; up: boolean }[] = [];
  for (const d of deployments) {
    if ((d.outcome === 'failure' || d.outcome === 'error') && d.finishedAt)
      events.push({ at: d.finishedAt, up: false });
    for (const s of d.seals) events.push({ at: s.at, up: s.seal === 'green' });
  }
  events.sort((a, b) => time(a.at) - time(b.at) || Number(b.up) - Number(a.up));
  const incidents: Incident[] = [];
  let open: string | undefined;
  for (const e of events) {
    if (!e.up && open === undefined) open = e.at;
    else if (e.up && open !== undefined) {
      incidents.push({ start: open, restoredAt: e.at, ms: time(e.at) - time(open) });
      open = undefined;
    }
  }
  if (open !== undefined) incidents.push({ start: open });
  return incidents;
}

function timeToRestore(deployments: DeployFact[], period: Period) {
  const incidents = incidentsOf(deployments);
  const restored = incidents.filter((i) => i.ms !== undefined);
  const mid = median(restored.map((i) => i.ms!));
  return {
    incidents,
    medianMs: mid ?? null,
    band: mid === undefined ? null : timeToRestoreBand.band(mid),
    weekly: weekly(
      period,
      restored,
      (i) => time(i.start),
      (list) => {
        const m = median(list.map((i) => i.ms!));
        return m === undefined ? null : m / HOUR;
      },
    ),
  };
}

function promoteMeasures(history: History, period: Period) {
  const runs = history.preflight.filter((p) => inPeriod(period, time(p.completedAt)));
  const failed = runs.filter((p) => p.conclusion === 'failure');
  const byGate: Record<string, number> = {};
  for (const run of failed) for (const g of run.failedGates) byGate[g] = (byGate[g] ?? 0) + 1;
  return {
    gates: { checkRuns: runs.length, failed: failed.length, byGate },
    overrides: runs
      .filter((p) => p.override)
      .map((p) => ({ ...p.override!, pullRequest: p.pullRequest }))
      .sort((a, b) => a.at.localeCompare(b.at)),
    freezeRefusals: failed
      .filter((p) => p.failedGates.includes('freeze'))
      .map((p) => ({ pullRequest: p.pullRequest, at: p.completedAt })),
  };
}
