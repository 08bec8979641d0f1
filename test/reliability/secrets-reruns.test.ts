// Secrets: every action run with its secrets set; logs (raw, before runner masking), outputs,
// summary, annotations and every API request body hold no secret in any derived form.
// Re-runs: each action run twice in a row ends in the state of one clean run.
import { ACTIONS, RERUN_COUNT } from './scenarios.js';
import { derivedForms, readable, WORLDS } from './worlds.js';
import { record } from './recorder.js';

describe.each(ACTIONS)('%s', (action) => {
  test(`run ${RERUN_COUNT} times: the same final state as one run, and no secret in anything readable`, async () => {
    const w = await WORLDS[action]();
    try {
      const hits: string[] = [];
      for (let i = 0; i < RERUN_COUNT; i++) {
        const run = await w.run();
        expect(run.exitCode).toBe(0);
        for (const [where, text] of Object.entries(readable(run, w.emu)))
          for (const secret of w.secrets)
            for (const form of derivedForms(secret))
              if (text.includes(form))
                hits.push(`${where} (run ${i + 1}) holds ${form.slice(0, 6)}…`);
        const wrong = await w.check();
        record('re-runs', `${action} run ${i + 1}`, wrong.length ? 'state-wrong' : 'passed');
        expect(wrong).toEqual([]);
      }
      record('secrets', action, hits.length ? 'failed' : 'passed');
      expect(hits).toEqual([]);
    } finally {
      await w.close();
    }
  }, 60_000);
});
