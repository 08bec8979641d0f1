// Quick tier: each action's main write endpoint under every fault kind (5xx, secondary rate limit
// with Retry-After, lost response, reset connection; slower than the client timeout for one
// action, QUICK_SLOW_ACTION, and for all five in the full tier: npm run test:reliability).
import { ACTIONS, quickFaultScenarios } from './scenarios.js';
import { describeScenario, runFaultScenario } from './fault-runner.js';
import { record } from './recorder.js';

const scenarios = quickFaultScenarios();

describe.each(ACTIONS)('%s under faults on its main write', (action) => {
  test.each(
    scenarios.filter((s) => s.action === action).map((s) => [describeScenario(s), s] as const),
  )(
    '%s: one correct final state',
    async (_name, s) => {
      const verdict = await runFaultScenario(s);
      record('faults (quick)', verdict.scenario, verdict.wrong.length ? 'state-wrong' : 'passed');
      expect(verdict.faultHits).toBe(1);
      expect(verdict.wrong).toEqual([]);
      // Within the client's retries every one of these faults is absorbed.
      expect(verdict).toMatchObject({ path: 'completed' });
    },
    60_000,
  );
});
