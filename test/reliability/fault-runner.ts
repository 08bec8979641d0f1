// Runs one fault scenario: inject, run, then judge what a user would find. A run that succeeds
// must leave the right state; a run that fails must say what is done and what to re-run, and a
// clean re-run must then leave the right state. Nothing may exist twice either way.
import type { FaultKind } from '../support/emulator/faults.js';
import type { FaultScenario } from './scenarios.js';
import { SLOW_CLIENT, WORLDS, type ActionWorld } from './worlds.js';

export interface FaultVerdict {
  scenario: string;
  /** 'completed' in the faulted run, or 'completed-on-rerun' after a failure that said what to do. */
  path: 'completed' | 'completed-on-rerun';
  /** What was wrong with the final state ([] = correct). */
  wrong: string[];
  /** The failure message of the faulted run, when it failed. */
  failure?: string;
  faultHits: number;
}

export const describeScenario = (s: FaultScenario) =>
  `${s.action} ${s.operationId} ${s.kind}${s.times > 1 ? ` x${s.times}` : ''}`;

/** The lines of a failed run that tell a person what happened (errors and the last lines). */
export function failureText(log: string): string {
  const lines = log.split('\n').filter((l) => l.trim() !== '');
  return lines
    .filter((l) => /::error|error|fail/i.test(l))
    .concat(lines.slice(-5))
    .join('\n');
}

export async function runFaultScenario(
  s: FaultScenario,
  makeWorld: () => Promise<ActionWorld> = WORLDS[s.action],
): Promise<FaultVerdict> {
  const w = await makeWorld();
  try {
    const fault = w.emu.faults.inject({
      operationId: s.operationId,
      kind: s.kind as FaultKind,
      times: s.times,
      ...(s.kind === 'slow' ? { untilAbandoned: true } : {}),
    });
    const first = await w.run(s.kind === 'slow' ? { env: SLOW_CLIENT } : undefined);
    w.emu.faults.clear();
    // A held request the client gave up on still lands: judge the state once it has.
    await w.emu.drained();
    if (first.exitCode === 0) {
      return {
        scenario: describeScenario(s),
        path: 'completed',
        wrong: await w.check(),
        faultHits: fault.hits,
      };
    }
    const failure = failureText(first.log);
    const again = await w.run();
    await w.emu.drained();
    const wrong = await w.check();
    if (again.exitCode !== 0)
      wrong.push(`the re-run failed too: ${failureText(again.log).slice(0, 500)}`);
    return {
      scenario: describeScenario(s),
      path: 'completed-on-rerun',
      wrong,
      failure,
      faultHits: fault.hits,
    };
  } finally {
    await w.close();
  }
}
