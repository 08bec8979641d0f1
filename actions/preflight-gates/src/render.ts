// gates/types, not gates/index: the index loads every gate's parser (issue #18).
import { gateLabel, type GateResult } from '@promote/core/gates/types';
import type { OverrideRequest } from '@promote/core/gates/override';
import { untrusted } from '@promote/core/untrusted-text';
import {
  renderDetails,
  renderMarkdownTable,
  renderPlainTable,
  type ResultRow,
} from '@promote/core/report';
import type { OverrideState } from './override.js';

export interface Verdict {
  result: 'pass' | 'fail';
  failedGates: string[];
  title: string;
}

export function verdictOf(results: readonly GateResult[], override: OverrideState): Verdict {
  // An app's row is named with its app: `change-size (api)`.
  const failed = results.filter((r) => r.row.status === 'fail').map(gateLabel);
  const lifted = results.filter((r) => r.overridden).map((r) => r.row.name);
  const counted = results.filter((r) => r.row.status !== 'skip').length;
  const title = failed.length
    ? `${failed.length} of ${counted} gates failed: ${failed.join(', ')}`
    : lifted.length && override.state === 'granted'
      ? `Passed with an emergency override by @${override.request.actor} (${lifted.join(', ')})`
      : `All ${counted} gates passed`;
  return { result: failed.length ? 'fail' : 'pass', failedGates: failed, title };
}

/** Untrusted text (a reason typed by a person) stays text: no markdown, no mentions, one line. */
const quote = (text: string) => untrusted(text, 'inline');

export function renderAudit(override: OverrideState, results: readonly GateResult[]): string {
  if (override.state === 'none') return '';
  if (override.state === 'refused')
    return `**Emergency override not applied:** ${quote(override.why)}`;
  const r: OverrideRequest = override.request;
  const lifted = results.filter((x) => x.overridden).map((x) => x.row.name);
  return [
    `**Emergency override** by @${quote(r.actor)} at ${r.at} via ${quote(r.via)}.`,
    `Reason: ${quote(r.reason)}`,
    lifted.length
      ? `Lifted (failed, reported as warnings): ${lifted.join(', ')}.`
      : 'Nothing needed lifting.',
    'Never lifted: findings, tests, diff guard (secrets), approvals, branch protection, custom.',
  ].join('\n\n');
}

export function rowsOf(results: readonly GateResult[], override: OverrideState): ResultRow[] {
  const rows = results.map((r) => r.row);
  if (override.state === 'refused')
    rows.push({ name: 'override', status: 'warn', summary: override.why });
  return rows;
}

export function renderSummary(
  results: readonly GateResult[],
  override: OverrideState,
  verdict: Verdict,
  note?: string,
): string {
  const rows = rowsOf(results, override);
  return [
    `### ${verdict.title}`,
    renderMarkdownTable(rows),
    renderAudit(override, results),
    note ?? '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function renderText(results: readonly GateResult[], override: OverrideState): string {
  return renderDetails(rowsOf(results, override));
}

export function renderLog(results: readonly GateResult[], override: OverrideState): string {
  return renderPlainTable(rowsOf(results, override));
}
