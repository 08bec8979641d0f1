// Quick tier: each action's main write, crashed two ways (SIGKILL after the write landed; the
// write refused persistently), then a clean re-run: the state of one clean run.
import { ACTIONS, MAIN_WRITE } from './scenarios.js';
import { crashWorld, describeCrash, runCrashScenario, type CrashScenario } from './crash-runner.js';
import { record } from './recorder.js';

const scenarios: CrashScenario[] = ACTIONS.flatMap((action) =>
  (['sigkill', '5xx x8'] as const).map((flavour) => ({
    action,
    operationId: MAIN_WRITE[action],
    occurrence: 0,
    flavour,
  })),
);

describe.each(ACTIONS)('%s crashed at its main write', (action) => {
  test.each(
    scenarios.filter((s) => s.action === action).map((s) => [describeCrash(s), s] as const),
  )(
    '%s, then a clean re-run: one clean state',
    async (_name, s) => {
      const makeWorld = crashWorld(action);
      const verdict = await runCrashScenario(s, makeWorld ? { makeWorld } : {});
      record('crash + re-run', verdict.scenario, verdict.wrong.length ? 'state-wrong' : 'passed');
      expect(verdict.wrong).toEqual([]);
    },
    60_000,
  );
});
