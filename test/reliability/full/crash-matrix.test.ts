// Full tier (npm run test:reliability): a crash at every write boundary of a clean run (recorded,
// not hand-kept), in every flavour: SIGKILL after the write landed, and the write refused
// persistently (CRASH_FAULTS). Then a clean re-run must leave the state of one clean run.
import { ACTIONS } from '../scenarios.js';
import {
  crashWorld,
  describeCrash,
  recordWriteBoundaries,
  REFUSED,
  runCrashScenario,
  type CrashFlavour,
} from '../crash-runner.js';
import { record } from '../recorder.js';
import { WORLDS } from '../worlds.js';

const FLAVOURS: CrashFlavour[] = ['sigkill', ...REFUSED];

// migrate-with-rollback last: its crashes leave a lock that the re-run must take over.
describe.each(ACTIONS)('%s: a crash at every write boundary', (action) => {
  test('each crash, then a clean re-run: the state of one clean run', async () => {
    const makeWorld = crashWorld(action) ?? WORLDS[action];
    const clean = await makeWorld();
    const boundaries = await recordWriteBoundaries(clean).finally(() => clean.close());
    expect(boundaries.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const boundary of boundaries)
      for (const flavour of FLAVOURS) {
        const s = { action, ...boundary, flavour };
        const verdict = await runCrashScenario(s, { makeWorld });
        record('crash + re-run', describeCrash(s), verdict.wrong.length ? 'state-wrong' : 'passed');
        if (verdict.wrong.length) wrong.push(`${verdict.scenario}: ${verdict.wrong.join('; ')}`);
      }
    expect(wrong).toEqual([]);
  }, 900_000);
});
