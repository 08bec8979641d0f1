import type { WeeklyPoint } from './measures.js';

/**
 * A weekly series as a small SVG line chart, drawn by hand: one `<circle class="point">` per
 * week (hollow, on the axis, for a week with nothing to measure), a line through the measured
 * weeks, the first and last week and the highest value as labels. A charting library that renders
 * SVG on the server (Vega with its node renderer, ECharts' SSR, Chart.js on node-canvas) costs
 * hundreds of kilobytes to megabytes in the bundle (issue #18 keeps each bundle under 1 MB) for a
 * chart this size needs a few dozen lines. Pure.
 */

export interface ChartSpec {
  title: string;
  /** Unit of the values, shown after the highest value ("deploys", "h", "%"). */
  unit: string;
  points: readonly WeeklyPoint[];
}

const WIDTH = 480;
const HEIGHT = 160;
const LEFT = 48;
const RIGHT = 12;
const TOP = 24;
const BOTTOM = 28;

const xml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Two decimals at most, no trailing zeros: 1.5, 2, 0.33. */
export const round = (n: number) => String(Math.round(n * 100) / 100);

export function renderChart(spec: ChartSpec): string {
  const { points } = spec;
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const top = Math.max(1, ...values);
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) =>
    LEFT + (points.length <= 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const base = TOP + plotH;
  const f = (n: number) => n.toFixed(1);
  const line = points
    .map((p, i) => (p.value === null ? undefined : `${f(x(i))},${f(y(p.value))}`))
    .filter((p): p is string => p !== undefined)
    .join(' ');
  const circles = points.map((p, i) =>
    p.value === null
      ? `<circle class="point no-data" cx="${f(x(i))}" cy="${f(base)}" r="3" fill="none" stroke="#8c959f"><title>week of ${xml(p.week)}: no data</title></circle>`
      : `<circle class="point" cx="${f(x(i))}" cy="${f(y(p.value))}" r="3" fill="#0969da"><title>week of ${xml(p.week)}: ${round(p.value)} ${xml(spec.unit)}</title></circle>`,
  );
  const first = points[0]?.week ?? '';
  const last = points.at(-1)?.week ?? '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${xml(spec.title)}, weekly">`,
    `<title>${xml(spec.title)}, weekly</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="16" font-family="sans-serif" font-size="12" fill="#1f2328">${xml(spec.title)}</text>`,
    `<line x1="${LEFT}" y1="${f(base)}" x2="${WIDTH - RIGHT}" y2="${f(base)}" stroke="#d0d7de"/>`,
    `<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${f(base)}" stroke="#d0d7de"/>`,
    `<text x="${LEFT - 4}" y="${TOP + 4}" text-anchor="end" font-family="sans-serif" font-size="10" fill="#57606a">${round(top)}</text>`,
    `<text x="${LEFT - 4}" y="${f(base)}" text-anchor="end" font-family="sans-serif" font-size="10" fill="#57606a">0</text>`,
    `<text x="${LEFT}" y="${HEIGHT - 8}" font-family="sans-serif" font-size="10" fill="#57606a">${xml(first)}</text>`,
    `<text x="${WIDTH - RIGHT}" y="${HEIGHT - 8}" text-anchor="end" font-family="sans-serif" font-size="10" fill="#57606a">${xml(last)} (${xml(spec.unit)})</text>`,
    line ? `<polyline fill="none" stroke="#0969da" stroke-width="1.5" points="${line}"/>` : '',
    ...circles,
    '</svg>',
  ]
    .filter(Boolean)
    .join('\n');
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** The series as a one-line sparkline for the summary table ('·' for a week with no data). */
export function sparkline(points: readonly WeeklyPoint[]): string {
  const top = Math.max(0, ...points.map((p) => p.value ?? 0));
  return points
    .map((p) => {
      if (p.value === null) return '·';
      if (top === 0) return BLOCKS[0];
      return BLOCKS[Math.min(BLOCKS.length - 1, Math.round((p.value / top) * (BLOCKS.length - 1)))];
    })
    .join('');
}
