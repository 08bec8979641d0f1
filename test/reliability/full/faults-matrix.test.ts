// Full tier (npm run test:reliability): every fault kind on every endpoint a clean run of each
// action calls. The endpoint list is recorded from that clean run, not kept by hand.
import { ACTIONS, fullFaultScenarios } from '../scenarios.js';
import { runFaultScenario, describeScenario } from '../fault-runner.js';
import { WORLDS } from '../worlds.js';
import { record } from '../recorder.js';

describe.each(ACTIONS)('%s: every fault on every endpoint', (action) => {
  test('each scenario ends in one correct state, directly or after the re-run the failure names', async () => {
    const clean = await WORLDS[action]();
    const before = clean.emu.requests.length;
    await clean.run();
    const operationIds = [
      ...new Set(
        clean.emu.requests
          .slice(before)
          .map((r) => r.operationId)
          .filter((o): o is string => !!o),
      ),
    ];
    await clean.close();
    const wrong: string[] = [];
    for (const s of fullFaultScenarios(action, operationIds)) {
      const verdict = await runFaultScenario(s);
      record(
        'faults (full matrix)',
        describeScenario(s),
        verdict.wrong.length ? 'state-wrong' : 'passed',
      );
      if (verdict.wrong.length) wrong.push(`${verdict.scenario}: ${verdict.wrong.join('; ')}`);
    }
    expect(wrong).toEqual([]);
  }, 900_000);
});
