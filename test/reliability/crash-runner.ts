// Crash at a side-effect boundary, then a clean re-run. A boundary is one write request of a clean
// run (the nth call of an operationId). Two ways to die there:
// - 'sigkill': the write lands and the bundle process is SIGKILLed before it hears the answer (a
//   runner VM dying: no cleanup, no post step);
// - a persistent fault (CRASH_FAULTS: 5xx x8, lost-response x8): the run fails at that boundary
//   and its failure message must say what is done and what to re-run.
// Either way the re-run must leave the state of one clean run (`check()` == []).
import { CRASH_FAULTS, type ActionName, type FaultKindName } from './scenarios.js';
import { failureText } from './fault-runner.js';
import {
  migrateWorld,
  WORLDS,
  type ActionWorld,
  type MigrateWorld,
  type RunOptions,
} from './worlds.js';
import type { BundleResult } from '../support/harness.js';
import { examplePayload } from '../support/payloads.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Boundary {
  operationId: string;
  /** 0 for the first call of operationId in the run, 1 for the second... */
  occurrence: number;
}

export type CrashFlavour = 'sigkill' | `${FaultKindName} x${number}`;

export interface CrashScenario extends Boundary {
  action: ActionName;
  flavour: CrashFlavour;
}

export interface CrashVerdict {
  scenario: string;
  /** What is wrong ([] = the crash happened where meant and the re-run left one clean state). */
  wrong: string[];
  /** The failed run's message (persistent-fault flavours). */
  failure?: string;
}

/** A killed migrate run leaves its lock: a short expiry lets the re-run take it over (reported). */
export const crashWorld = (action: ActionName): (() => Promise<ActionWorld>) | undefined =>
  action === 'migrate-with-rollback'
    ? () => migrateWorld({ lock: '{ poll-interval: 200, wait-timeout: 60000, ttl: 3000 }' })
    : undefined;

export const REFUSED: CrashFlavour[] = CRASH_FAULTS.map((f) => `${f.kind} x${f.times}` as const);

export const describeCrash = (s: CrashScenario) =>
  `${s.action} ${s.operationId}${s.occurrence ? ` #${s.occurrence + 1}` : ''} ${s.flavour}`;

/** The write requests of one clean run, in order, as boundaries. */
export async function recordWriteBoundaries(
  world: ActionWorld,
  options?: RunOptions,
): Promise<Boundary[]> {
  const before = world.emu.requests.length;
  const run = await world.run(options);
  if (run.exitCode !== 0) throw new Error(`the clean run failed:\n${failureText(run.log)}`);
  const seen = new Map<string, number>();
  return world.emu.requests
    .slice(before)
    .filter((r) => WRITES.has(r.method) && r.operationId)
    .map((r) => {
      const operationId = r.operationId as string;
      const occurrence = seen.get(operationId) ?? 0;
      seen.set(operationId, occurrence + 1);
      return { operationId, occurrence };
    });
}

/**
 * The failure message says what is done and what to re-run: the error annotation names the
 * re-run, and either what was already written or that nothing was.
 */
export function explainsRecovery(run: BundleResult): string[] {
  const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
  const text = errors.join('\n');
  const wrong: string[] = [];
  if (!errors.length) wrong.push('the failed run left no error annotation');
  if (!/re-run/i.test(text)) wrong.push(`the failure does not say what to re-run: ${text}`);
  if (!/\bdone\b|nothing (was|is) (written|changed|done)|already/i.test(text))
    wrong.push(`the failure does not say what is done: ${text}`);
  return wrong;
}

export interface CrashOptions {
  makeWorld?: () => Promise<ActionWorld>;
  run?: RunOptions;
}

export async function runCrashScenario(
  s: CrashScenario,
  opts: CrashOptions = {},
): Promise<CrashVerdict> {
  const w = await (opts.makeWorld ?? WORLDS[s.action])();
  const wrong: string[] = [];
  let failure: string | undefined;
  let lockLeft: string | undefined;
  try {
    if (s.flavour === 'sigkill') {
      let landed = false;
      // Injected in the same tick as the spawn: no request can come in before it.
      const run = w.run(opts.run);
      w.emu.faults.inject({
        operationId: s.operationId,
        kind: 'crash-after-write',
        skip: s.occurrence,
        onApplied: () => {
          landed = true;
          run.kill('SIGKILL');
        },
      });
      const first = await run;
      if (!landed || first.signal !== 'SIGKILL')
        wrong.push(`the run never reached the boundary (exit ${first.exitCode})`);
      // A killed run cannot release its lock (no post step): the re-run must take it over, saying so.
      if ('lockRef' in w) lockLeft = await (w as MigrateWorld).lockRef();
    } else {
      const [kind, times] = s.flavour.split(' x') as [FaultKindName, string];
      const fault = w.emu.faults.inject({
        operationId: s.operationId,
        kind,
        times: Number(times),
        skip: s.occurrence,
      });
      const first = await w.run(opts.run);
      if (fault.hits === 0) wrong.push('the fault never hit (the boundary was not reached)');
      if (first.exitCode !== 0) {
        failure = failureText(first.log);
        wrong.push(...explainsRecovery(first));
      } else {
        // A run that reports success through the fault must have done its whole job.
        w.emu.faults.clear();
        for (const problem of await w.check())
          wrong.push(`the faulted run succeeded, leaving: ${problem}`);
      }
    }
    w.emu.faults.clear();
    let again = await w.run(opts.run);
    let recovered = false;
    const recovery = /died while changing production[\s\S]*?-f backup-id=([\w.-]+)/.exec(again.log);
    if (s.flavour === 'sigkill' && again.exitCode !== 0 && recovery) {
      // Killed after it marked its lock "changing production": the re-run must refuse and name
      // the recovery; the recovery restores, and the next run finishes the job.
      const restore = await w.run({
        ...opts.run,
        inputs: {
          ...opts.run?.inputs,
          mode: 'rollback',
          'backup-id': recovery[1]!,
          reason: 'runner lost while changing production',
        },
        event: { name: 'workflow_dispatch', payload: examplePayload('workflow_dispatch') },
      });
      if (restore.outputs.status !== 'rolled-back')
        wrong.push(
          `the recovery the re-run named did not restore: ${failureText(restore.log).slice(0, 400)}`,
        );
      again = await w.run(opts.run);
      recovered = true;
    }
    if (again.exitCode !== 0)
      wrong.push(`the re-run failed: ${failureText(again.log).slice(0, 600)}`);
    if (lockLeft && !recovered && !/took over a stale lock/.test(again.log))
      wrong.push('the re-run did not report taking over the lock the killed run left');
    wrong.push(...(await w.check()));
    return { scenario: describeCrash(s), wrong, ...(failure ? { failure } : {}) };
  } finally {
    await w.close();
  }
}
