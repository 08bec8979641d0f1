// The reliability scenario matrix, as data. Runners (test/reliability/*.test.ts and full/*) turn
// each row into a run; the report (scripts/reliability-report.ts) counts them by group.

export const ACTIONS = [
  'preflight-gates',
  'open-promote-pr',
  'migrate-with-rollback',
  'prod-smoke-seal',
  'tag-release',
] as const;
export type ActionName = (typeof ACTIONS)[number];

export const FAULT_KINDS = [
  '5xx',
  'secondary-rate-limit',
  'lost-response',
  'reset',
  'slow',
] as const;
export type FaultKindName = (typeof FAULT_KINDS)[number];

/** The quick tier's sample: each action's main write endpoint (operationId). */
export const MAIN_WRITE: Record<ActionName, string> = {
  'preflight-gates': 'checks/create',
  'open-promote-pr': 'pulls/create',
  'migrate-with-rollback': 'repos/create-deployment',
  'prod-smoke-seal': 'repos/create-commit-status',
  'tag-release': 'repos/create-release',
};

export interface FaultScenario {
  group: 'faults';
  action: ActionName;
  operationId: string;
  kind: FaultKindName;
  /** How many consecutive requests the fault hits: 1 (within retries) or more (a crash). */
  times: number;
}

/**
 * The one action whose main write meets the 'slow' fault in the quick tier. A held request is
 * abandoned by the client timeout in core's GitHub client, the same code in all five actions,
 * and then handled like a lost response (which every action meets in the quick tier); each
 * 'slow' run waits out a whole client timeout, so the full tier runs it for every action.
 */
export const QUICK_SLOW_ACTION: ActionName = 'tag-release';

/** Quick tier: main write endpoint x every fault kind, once ('slow' only for QUICK_SLOW_ACTION). */
export function quickFaultScenarios(): FaultScenario[] {
  return ACTIONS.flatMap((action) =>
    FAULT_KINDS.filter((kind) => kind !== 'slow' || action === QUICK_SLOW_ACTION).map((kind) => ({
      group: 'faults' as const,
      action,
      operationId: MAIN_WRITE[action],
      kind,
      times: 1,
    })),
  );
}

/** Full tier: every fault on every endpoint a clean run called (recorded, not hand-kept). */
export function fullFaultScenarios(action: ActionName, operationIds: string[]): FaultScenario[] {
  return operationIds.flatMap((operationId) =>
    FAULT_KINDS.map((kind) => ({ group: 'faults' as const, action, operationId, kind, times: 1 })),
  );
}

/**
 * Crash at a side-effect boundary: the write happens (or not) and the run dies there. A fault
 * with more `times` than the client retries ends the run; `lost-response` on a write means the
 * effect landed but the action never heard. Then a clean re-run must finish the job.
 */
export const CRASH_FAULTS: Array<{ kind: FaultKindName; times: number }> = [
  { kind: 'lost-response', times: 8 },
  { kind: '5xx', times: 8 },
];

export const RERUN_COUNT = 2;

/** Untrusted text that must stay data: shell, expressions, newlines, escapes, odd Unicode. */
export const CANARY = '/tmp/promote-reliability-canary';
export const HOSTILE_TEXTS: Record<string, string> = {
  'command substitution': `x $(touch ${CANARY}) y`,
  backticks: `x \`touch ${CANARY}\` y`,
  'workflow expression': 'x ${{ github.token }} ${{ secrets.GITHUB_TOKEN }} y',
  'shell metacharacters': `a; touch ${CANARY} && echo | rm -rf / > /dev/null & y`,
  'table pipes': 'left | middle | right',
  newlines: 'first line\n| injected | row |\n## heading',
  'terminal escapes': 'red \u001b[31mALERT\u001b[0m \u001b]0;title\u0007 ::error::forged',
  'odd unicode': 'RTL \u202eevil\u202c zero\u200bwidth 🚀 e\u0301 \ud83d\ude00 \uFEFF',
};

/** Branch names git accepts that carry the same hostility. */
export const HOSTILE_BRANCH_NAMES = [
  `promote/$(touch${CANARY.replace(/\//g, '-')})`,
  'promote/`id`',
  'promote/${{github.token}}',
  'promote/a|b;c&d',
];

export const MEGABYTE = 1024 * 1024;

export type ScenarioGroup =
  | 'faults (quick)'
  | 'faults (full matrix)'
  | 're-runs'
  | 'crash + re-run'
  | 'hostile input'
  | 'untrusted text'
  | 'config properties'
  | 'secrets'
  | 'concurrency'
  | 'data (rollback checksums)'
  | 'events';
