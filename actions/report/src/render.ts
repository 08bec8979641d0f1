import { formatDuration } from '@promote/core/time';
import { untrusted } from '@promote/core/untrusted-text';
import { BANDS_SOURCE } from './bands.js';
import { renderChart, round, sparkline, type ChartSpec } from './chart.js';
import type { DeliveryReport } from './measures.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const duration = (ms: number | null) => (ms === null ? '–' : formatDuration(ms));
const percent = (rate: number | null) => (rate === null ? '–' : `${round(rate * 100)}%`);

/** The four measures' charts, keyed by the file name each is written to. */
export function charts(report: DeliveryReport): Record<string, ChartSpec> {
  return {
    'deployment-frequency.svg': {
      title: 'Deployment frequency',
      unit: 'deploys',
      points: report.deploymentFrequency.weekly,
    },
    'lead-time.svg': {
      title: 'Lead time for changes (median)',
      unit: 'h',
      points: report.leadTime.weekly,
    },
    'change-failure-rate.svg': {
      title: 'Change failure rate',
      unit: '%',
      points: report.changeFailureRate.weekly,
    },
    'time-to-restore.svg': {
      title: 'Time to restore (median)',
      unit: 'h',
      points: report.timeToRestore.weekly,
    },
  };
}

export function renderCharts(report: DeliveryReport): Record<string, string> {
  return Object.fromEntries(
    Object.entries(charts(report)).map(([file, spec]) => [file, renderChart(spec)]),
  );
}

function measuresTable(r: DeliveryReport): string {
  const df = r.deploymentFrequency;
  const lt = r.leadTime;
  const cfr = r.changeFailureRate;
  const ttr = r.timeToRestore;
  const restored = ttr.incidents.filter((i) => i.ms !== undefined).length;
  const open = ttr.incidents.length - restored;
  const rows = [
    [
      'Deployment frequency',
      `${round(df.perWeek)} a week (${plural(df.deployments, 'successful deploy')})`,
      df.band,
      sparkline(df.weekly),
    ],
    [
      'Lead time for changes',
      lt.medianMs === null
        ? 'no dated change'
        : `median ${duration(lt.medianMs)}, p90 ${duration(lt.p90Ms)} (${plural(lt.deployments, 'deploy')})`,
      lt.band ?? '–',
      sparkline(lt.weekly),
    ],
    [
      'Change failure rate',
      `${percent(cfr.rate)} (${cfr.failed} of ${plural(cfr.deployments, 'deploy')})`,
      cfr.band ?? '–',
      sparkline(cfr.weekly),
    ],
    [
      'Time to restore',
      `${ttr.medianMs === null ? 'no restore' : `median ${duration(ttr.medianMs)}`} (${plural(restored, 'incident')} restored${open ? `, ${open} open` : ''})`,
      ttr.band ?? '–',
      sparkline(ttr.weekly),
    ],
  ];
  return [
    '| measure | value | DORA band | weekly |',
    '| --- | --- | --- | --- |',
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

function promoteTable(r: DeliveryReport): string {
  const gates = Object.entries(r.gates.byGate)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([gate, n]) => `${untrusted(gate, 'cell')} ${n}`)
    .join(', ');
  const freeze = r.freezeRefusals.map((f) => `#${f.pullRequest}`).join(', ');
  return [
    "| Promote's own | |",
    '| --- | --- |',
    `| Preflight check runs | ${r.gates.checkRuns}, ${r.gates.failed} failed |`,
    `| Gate failures by gate | ${gates || 'none'} |`,
    `| Freeze-window refusals | ${r.freezeRefusals.length}${freeze ? ` (${freeze})` : ''} |`,
    `| Emergency overrides | ${r.overrides.length} |`,
  ].join('\n');
}

function overridesTable(r: DeliveryReport): string {
  if (r.overrides.length === 0) return '';
  return [
    '#### Emergency overrides',
    '',
    '| when | who | pull request | how | why |',
    '| --- | --- | --- | --- | --- |',
    ...r.overrides.map(
      (o) =>
        `| ${untrusted(o.at, 'cell')} | ${untrusted(o.actor, 'cell')} | #${o.pullRequest} | ${untrusted(o.via, 'cell', { max: 120 })} | ${untrusted(o.reason, 'cell', { max: 300 })} |`,
    ),
  ].join('\n');
}

function failuresList(r: DeliveryReport): string {
  const f = r.changeFailureRate.failures;
  if (f.length === 0) return '';
  return [
    '#### Failed changes',
    '',
    ...f.map((x) => `- deployment ${x.deployment} (${x.sha.slice(0, 7)}): ${x.why.join(', ')}`),
  ].join('\n');
}

/** The job summary: the table of measures with their bands, Promote's own, and what it cost. */
export function renderSummary(r: DeliveryReport, files: { dir: string; charts: string[] }): string {
  const first = r.period.weeks[0] ?? '';
  const last = r.period.weeks.at(-1) ?? '';
  return [
    `### Delivery report: ${untrusted(r.environment, 'inline')}, last ${r.period.days} days`,
    `${r.period.start.slice(0, 10)} to ${r.period.end.slice(0, 10)}; weekly series from the week of ${first} to the week of ${last} (weeks counted back from now, labelled by their first day, UTC), one mark a week, · where there was nothing to measure.`,
    measuresTable(r),
    `Bands: DORA's software delivery performance clusters, ${BANDS_SOURCE.title} (${BANDS_SOURCE.url}); docs/delivery-report.md says how each measure is read from GitHub and what it cannot see.`,
    promoteTable(r),
    overridesTable(r),
    failuresList(r),
    `Charts (SVG, one point a week) and the same data as JSON are in ${untrusted(files.dir, 'code')}: ${files.charts.map((c) => untrusted(c, 'code')).join(', ')}, report.json. GitHub removes inline SVG and data: images from job summaries, so the charts travel as files (the artifact), and the table shows each series as a sparkline.`,
    r.gaps.length
      ? ['Not measured:', ...r.gaps.map((g) => `- ${untrusted(g, 'inline')}`)].join('\n')
      : '',
    `Read with ${plural(r.requests, 'GitHub API request')}.`,
  ]
    .filter(Boolean)
    .join('\n\n');
}
