import type { Clock } from '../clock.js';
import type { PreflightConfig } from '../config/sections/preflight.js';
import { parseDuration } from '../time.js';
import type { WorkflowRunInfo } from './facts.js';
import type { Fact } from './types.js';
import { cannotEvaluate, result, type GateResult } from './types.js';

export type CiState =
  { state: 'done'; result: GateResult } | { state: 'pending'; waitingFor: string[] };

// Without named workflows a run that was skipped (if: false, path filters on a job) or neutral
// did not fail; with named ones the user asked for success.
const GREEN_WITHOUT_NAMES = new Set(['success', 'skipped', 'neutral']);

/**
 * The latest run of each named workflow for the head SHA (highest run number wins). Without
 * `workflows`, every workflow that ran for the head SHA except `ownWorkflow` (the one running
 * preflight, whose other runs for this SHA wait behind it) counts.
 */
function evaluateCi(
  runs: readonly WorkflowRunInfo[],
  config: PreflightConfig,
  ownWorkflow = '',
): CiState {
  const g = config.ci;
  const named = g.workflows;
  const names =
    named ?? [...new Set(runs.map((r) => r.name))].filter((n) => n !== ownWorkflow).sort();
  if (names.length === 0) {
    return {
      state: 'done',
      result: result('ci', 'warn', 'no other workflow ran for the head SHA', {
        details:
          'The ci gate found no workflow run for the head SHA besides this one, so there is no CI to be green. Name your CI workflows in `preflight.ci.workflows` (then a missing run fails), or switch the gate off with `ci: { enabled: false }`.',
      }),
    };
  }
  const pending: string[] = [];
  const failed: string[] = [];
  const ok: string[] = [];
  for (const name of names) {
    const latest = runs.filter((r) => r.name === name).sort((a, b) => b.runNumber - a.runNumber)[0];
    if (!latest || latest.status !== 'completed') pending.push(name);
    else if (latest.conclusion === 'success') ok.push(name);
    else if (!named && GREEN_WITHOUT_NAMES.has(latest.conclusion ?? '')) ok.push(name);
    else failed.push(`${name} (${latest.conclusion})`);
  }
  if (failed.length)
    return { state: 'done', result: result('ci', 'fail', `${failed.join(', ')} did not succeed`) };
  if (pending.length) return { state: 'pending', waitingFor: pending };
  return { state: 'done', result: result('ci', 'pass', `${ok.join(', ')} succeeded`) };
}

/** Re-read the runs until they conclude or `wait` runs out (the Clock makes this testable). */
export async function ciGate(
  first: Fact<WorkflowRunInfo[]>,
  read: () => Promise<Fact<WorkflowRunInfo[]>>,
  clock: Clock,
  config: PreflightConfig,
  ownWorkflow = '',
): Promise<GateResult> {
  const g = config.ci;
  const deadline = clock.now().getTime() + parseDuration(g.wait);
  const interval = parseDuration(g['poll-interval']);
  let runs = first;
  for (;;) {
    if (!runs.ok) return cannotEvaluate('ci', runs.error, g['on-error']);
    const s = evaluateCi(runs.value, config, ownWorkflow);
    if (s.state === 'done') return s.result;
    if (clock.now().getTime() + interval > deadline) {
      const what = s.waitingFor.join(', ');
      return result('ci', 'fail', `still pending after ${g.wait}: ${what}`, {
        details: `No concluded run for the head SHA of: ${what}. A workflow that never runs for this commit (wrong name, path filters) also ends here.`,
      });
    }
    await clock.sleep(interval);
    runs = await read();
  }
}
