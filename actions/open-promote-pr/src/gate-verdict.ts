import type { GateResult } from '@promote/core/gates/types';
import type { ResultRow } from '@promote/core/report';

/** What the pre-open gates decide: refuse (and why), or go ahead, overridden or not. */
export interface GateVerdict {
  rows: ResultRow[];
  /** Set when a gate failed: the error that says nothing was written, and what to do. */
  refusal?: string;
  /** Set when failures were lifted by the override reason (recorded in the PR). */
  override?: { reason: string; actor: string };
  /** Names of the gates the override lifted. */
  lifted: string[];
}

/** The verdict on the gates' results. Pure. */
export function judgePreOpenGates(
  results: GateResult[],
  overrideReason: string | undefined,
  actor: string,
): GateVerdict {
  const rows: ResultRow[] = results.map((r) => r.row);
  const failed = rows.filter((r) => r.status === 'fail');
  const lifted = results.filter((r) => r.overridden).map((r) => r.row.name);
  if (failed.length > 0) return { rows, refusal: refusal(failed, overrideReason), lifted };
  const override =
    lifted.length > 0 && overrideReason ? { reason: overrideReason, actor } : undefined;
  return { rows, override, lifted };
}

function refusal(failed: ResultRow[], overrideReason: string | undefined): string {
  const names = failed.map((r) => r.name).join(', ');
  return overrideReason
    ? `open-promote-pr: pre-open gate${failed.length === 1 ? '' : 's'} ${names} failed and cannot be overridden (preflight.override.lifts does not list ${failed.length === 1 ? 'it' : 'them'}); nothing was written. Fix what the table shows.`
    : `open-promote-pr: ${failed.length} pre-open gate${failed.length === 1 ? '' : 's'} failed (${names}); nothing was written. ` +
        'Fix what the table shows, or re-run with an `override-reason` (recorded in the PR) if this promotion must go out anyway.';
}
