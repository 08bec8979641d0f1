import type { CheckAnnotation, GateStatus, ResultRow } from '../report.js';

/** What every gate returns: its table row (with details) and its annotations. */
export interface GateResult {
  /** Config key of the gate (`change-size`); the row's name is its display name (`change size`). */
  gate: string;
  row: ResultRow;
  annotations: CheckAnnotation[];
  /** Set when an emergency override turned a failure into a warning. */
  overridden?: boolean;
  /**
   * Set by a gate whose failure an emergency override may lift although the gate is not in
   * override.lifts: each finding that fails it is of a rule the gate's config lets the override lift.
   */
  liftable?: boolean;
  /** The app (issue #20, `apps:`) this row judges; absent for a repository-wide gate. */
  app?: string;
}

/**
 * A fact read once and shared by every gate that needs it; a read that failed keeps its reason
 * so the gate reports "cannot evaluate: ..." instead of passing silently.
 */
export type Fact<T> = { ok: true; value: T } | { ok: false; error: string };

export const fact = <T>(value: T): Fact<T> => ({ ok: true, value });
export const missing = <T>(error: string): Fact<T> => ({ ok: false, error });

/** Row display names: config keys read as words. */
function displayName(gate: string): string {
  return gate.replace(/-/g, ' ');
}

export function result(
  gate: string,
  status: GateStatus,
  summary: string,
  extra: { details?: string; annotations?: CheckAnnotation[] } = {},
): GateResult {
  const row: ResultRow = { name: displayName(gate), status, summary };
  if (extra.details) row.details = extra.details;
  return { gate, row, annotations: extra.annotations ?? [] };
}

/** A gate's result for one app: its row is named `change size (api)`. */
export function forApp(r: GateResult, app: string): GateResult {
  return { ...r, app, row: { ...r.row, name: `${r.row.name} (${app})` } };
}

/** What a row is called in `failed-gates` and the title: the gate key, with the app if any. */
export function gateLabel(r: Pick<GateResult, 'gate' | 'app'>): string {
  return r.app ? `${r.gate} (${r.app})` : r.gate;
}

/** A gate that cannot be evaluated: fail (or warn where configured), never pass. */
export function cannotEvaluate(
  gate: string,
  reason: string,
  onError: 'fail' | 'warn' = 'fail',
): GateResult {
  return result(gate, onError, `cannot evaluate: ${reason}`);
}
