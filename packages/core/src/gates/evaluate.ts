import type { Clock } from '../clock.js';
import type { Stage } from '../config/resolve.js';
import type { PreflightConfig } from '../config/sections/preflight.js';
import { backupGate } from './backup.js';
import { branchProtectionGate } from './branch-protection.js';
import { ciGate } from './ci.js';
import { customGate } from './custom.js';
import { driftGate } from './drift.js';
import type { PreflightFacts, WorkflowRunInfo } from './facts.js';
import { findingsGate } from './findings.js';
import { freezeGate } from './freeze-gate.js';
import { migrationsGate } from './migrations/migrations-gate.js';
import { cannotEvaluate, result, type Fact, type GateResult } from './types.js';

/** Report order: the reference table first, then the rest. */
export const GATE_ORDER = [
  'ci',
  'drift',
  'findings',
  'tests',
  'backup',
  'migrations',
  'custom',
  'freeze',
  'change-size',
  'approvals',
  'diff-guard',
  'branch-protection',
] as const;
export type Gate = (typeof GATE_ORDER)[number];

/**
 * The order of the check run's rows once stages and apps add theirs (issue #20): the soak of a
 * promotion next to the freeze gate (both say when), each app's rows under their gate in the
 * apps' configured order. A stable sort, so rows without stages or apps keep GATE_ORDER.
 */
export function orderResults<T extends { gate: string }>(results: readonly T[]): T[] {
  const order: string[] = [...GATE_ORDER];
  order.splice(order.indexOf('freeze'), 0, 'soak');
  const rank = (gate: string) => {
    const i = order.indexOf(gate);
    return i === -1 ? order.length : i;
  };
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r.gate) - rank(b.r.gate) || a.i - b.i)
    .map(({ r }) => r);
}

// The gate names are GATE_ORDER's, and they are exactly the gate keys of the `preflight:` config
// section: adding a gate to one and not the other fails to compile.
type GateKey = Exclude<keyof PreflightConfig, 'timezone' | 'override'>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _gatesAreTheConfigKeys: Same<Gate, GateKey> = true;

/**
 * The gates a config names. `stage` is the stage the PR promotes into: its allow windows
 * (stages[].allow, issue #20) are judged by the freeze gate, so they run it without freeze windows.
 */
export function configuredGates(config: PreflightConfig, stage?: Pick<Stage, 'allow'>): Gate[] {
  return GATE_ORDER.filter((g) => {
    if (g === 'freeze') return config.freeze !== undefined || stage?.allow !== undefined;
    const section = config[g] as { enabled: boolean } | undefined;
    return section !== undefined;
  });
}

export interface EvaluateOptions {
  clock: Clock;
  /** Re-reads workflow runs while the ci gate waits. */
  readCiRuns?: () => Promise<Fact<WorkflowRunInfo[]>>;
  /** Name of the workflow running preflight (GITHUB_WORKFLOW): the ci gate does not wait for it. */
  ownWorkflow?: string;
  /** The stage the PR promotes into (declared stages): its allow windows join the freeze gate. */
  stage?: Stage;
  /** Run only these gates (an app's rows: change-size, tests, drift, migrations). */
  only?: readonly Gate[];
}

/** Run every configured gate concurrently over one set of facts. A gate that throws fails. */
export async function evaluateGates(
  facts: PreflightFacts,
  config: PreflightConfig,
  options: EvaluateOptions,
): Promise<GateResult[]> {
  const run = async (gate: Gate): Promise<GateResult> => {
    const section =
      gate === 'freeze'
        ? undefined
        : (config[gate] as { enabled: boolean; 'on-error': 'fail' | 'warn' } | undefined);
    if (section && !section.enabled)
      return result(gate, 'skip', 'disabled in promotion.yml (enabled: false)');
    try {
      switch (gate) {
        case 'ci':
          return await ciGate(
            facts.ciRuns,
            options.readCiRuns ?? (async () => facts.ciRuns),
            options.clock,
            config,
            options.ownWorkflow,
          );
        case 'drift':
          return driftGate(facts, config);
        case 'findings':
          return findingsGate(facts, config);
        // The gates that need a parser (XML, YAML, JSONPath, globs) are loaded when configured:
        // most runs use few of them (issue #18).
        case 'tests':
          return (await import('./tests.js')).testsGate(facts, config);
        case 'backup':
          return backupGate(facts, config);
        case 'migrations':
          return migrationsGate(facts, config);
        case 'custom':
          return customGate(facts, config);
        case 'freeze':
          return freezeGate(facts, config, options.stage);
        case 'change-size':
          return (await import('./change-size.js')).changeSizeGate(facts, config);
        case 'approvals':
          return (await import('./approvals.js')).approvalsGate(facts, config);
        case 'diff-guard':
          return await (await import('./diff-guard.js')).diffGuardGate(facts, config);
        case 'branch-protection':
          return branchProtectionGate(facts, config);
      }
    } catch (e) {
      return cannotEvaluate(
        gate,
        e instanceof Error ? e.message : String(e),
        section?.['on-error'] ?? 'fail',
      );
    }
  };
  const gates = configuredGates(config, options.stage).filter(
    (g) => !options.only || options.only.includes(g),
  );
  return Promise.all(gates.map(run));
}
