import { untrusted } from '@promote/core/untrusted-text';
import { renderMarkdownTable, type ResultRow } from '@promote/core/report';
import type { CheckResult } from './http-check.js';
import type { WatchSpec } from './plan.js';
import { percentile } from './stats.js';
import { renderWatch, type WatchOutcome } from './watch.js';

export type Seal = 'green' | 'red';

export interface SealReport {
  seal: Seal;
  sha: string;
  /** One line for a commit status / deployment status (cut to 140 by the writers). */
  headline: string;
  checks: CheckResult[];
  watch?: WatchOutcome;
  p95Ms?: number;
  rollbackCommand?: string;
}

/** Green only when every check passed and the watch window (if any) stayed within its limits. */
export function decideSeal(
  sha: string,
  checks: CheckResult[],
  watch?: WatchOutcome,
  rollbackCommand?: string,
): SealReport {
  const failed = checks.filter((c) => !c.ok);
  const watchProblems = watch?.problems ?? [];
  const seal: Seal = failed.length === 0 && watchProblems.length === 0 ? 'green' : 'red';
  const p95Ms =
    watch?.p95Ms ??
    percentile(
      checks.flatMap((c) => (c.kind === 'http' && c.latencyMs !== undefined ? [c.latencyMs] : [])),
      95,
    );
  let headline: string;
  if (seal === 'green') {
    headline = `${checks.length} of ${checks.length} smoke checks passed${p95Ms !== undefined ? `, p95 ${p95Ms} ms` : ''}${watch ? `, watched ${watch.rounds.length} rounds` : ''}`;
  } else if (failed[0]?.kind === 'live') {
    // The new version never served: the checks (of the old one) were not run, and this is why.
    headline = failed[0].reason;
  } else if (failed.length > 0) {
    const first = failed[0]!;
    headline = `${failed.length} of ${checks.length} smoke checks failed: ${first.name}: ${first.reason}`;
  } else {
    headline = `watch window: ${watchProblems[0]}`;
  }
  return {
    seal,
    sha,
    headline,
    checks,
    ...(watch ? { watch } : {}),
    ...(p95Ms !== undefined ? { p95Ms } : {}),
    ...(seal === 'red' && rollbackCommand ? { rollbackCommand } : {}),
  };
}

export function resultRows(checks: CheckResult[]): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const c of checks) {
    rows.push({
      name: c.name,
      status: c.ok ? 'pass' : 'fail',
      summary: `${c.target}: ${c.reason}`,
    });
    for (const tc of c.cases ?? []) {
      rows.push({
        name: `${c.name} › ${tc.name}`,
        status: tc.skipped ? 'skip' : tc.ok ? 'pass' : 'fail',
        summary: tc.message ?? '',
      });
    }
  }
  return rows;
}

/**
 * The seal as markdown: the job summary, and the `summary` output tag-release puts into the release
 * notes. Untrusted text (reasons quote response bodies) goes through `untrusted()`.
 */
export function renderSeal(report: SealReport, watchSpec?: WatchSpec): string {
  const icon = report.seal === 'green' ? '✓' : '✗';
  const lines = [
    `### Production smoke seal: ${icon} ${report.seal}`,
    '',
    `${untrusted(report.headline, 'inline')} (deployed commit \`${report.sha.slice(0, 12)}\`).`,
    '',
    renderMarkdownTable(resultRows(report.checks)),
  ];
  if (report.watch && watchSpec) {
    lines.push('', renderWatch(report.watch, watchSpec));
    for (const p of report.watch.problems) lines.push(`- ✗ ${untrusted(p, 'inline')}`);
  }
  if (report.rollbackCommand) {
    lines.push(
      '',
      'To roll production back:',
      '',
      untrusted(report.rollbackCommand, 'block', { language: 'sh' }),
    );
  }
  return lines.join('\n');
}

/** The `results` output: everything a later step needs, no secrets (reasons were masked). */
export function resultsJson(report: SealReport): string {
  return JSON.stringify({
    seal: report.seal,
    sha: report.sha,
    headline: report.headline,
    'p95-ms': report.p95Ms ?? null,
    checks: report.checks.map((c) => ({
      name: c.name,
      kind: c.kind,
      ok: c.ok,
      reason: c.reason,
      target: c.target,
      status: c.status ?? null,
      'latency-ms': c.latencyMs ?? null,
      attempts: c.attempts,
      ...(c.cases ? { cases: c.cases } : {}),
    })),
    ...(report.watch
      ? {
          watch: {
            'error-rate': report.watch.errorRate,
            'p95-ms': report.watch.p95Ms ?? null,
            rounds: report.watch.rounds,
            problems: report.watch.problems,
          },
        }
      : {}),
  });
}
