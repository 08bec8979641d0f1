import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runBundle } from '../support/harness.js';
import { dispatchEvent } from '../support/workflow-runner/index.js';
import { job, world, type World } from './workflow-runner-helpers.js';

// runBundle's `now` (test/support/fixed-now.mjs preloaded with node --import): a bundle sees the
// given instant as "now" while its timers still run, and a bundle run without it sees the real
// time. The fixture is a throwaway action laid out like ours, reading time the ways the actions
// and their libraries do (Date, luxon, which the freeze gate judges with).
let root: string;

const ACTION_YML = `name: Clock fixture
description: reports what time it thinks it is
runs:
  using: node24
  main: ../../dist/clock/index.js
`;

const MAIN = `
import { appendFileSync } from 'node:fs';
import { DateTime } from 'luxon';
const out = (name, value) => appendFileSync(process.env.GITHUB_OUTPUT, name + '=' + value + '\\n');
const first = Date.now();
out('now', new Date().toISOString());
out('called', Date());
out('berlin', DateTime.now().setZone('Europe/Berlin').toFormat('cccc HH:mm'));
out('given', new Date('2020-02-29T12:00:00Z').toISOString());
out('instance', String(new Date() instanceof Date));
await new Promise((resolve) => setTimeout(resolve, 300));
out('elapsed', String(Date.now() - first));
`;

beforeAll(() => {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  root = mkdtempSync(join(REPO_ROOT, '.tmp', 'fixed-now-'));
  mkdirSync(join(root, 'actions', 'clock'), { recursive: true });
  mkdirSync(join(root, 'dist', 'clock'), { recursive: true });
  writeFileSync(join(root, 'actions', 'clock', 'action.yml'), ACTION_YML);
  writeFileSync(join(root, 'dist', 'clock', 'index.js'), MAIN);
  // The same bundle under a second name, which the workflow test leaves on the real clock.
  mkdirSync(join(root, 'actions', 'wall-clock'), { recursive: true });
  writeFileSync(join(root, 'actions', 'wall-clock', 'action.yml'), ACTION_YML);
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const WORKFLOW = `name: Clocks
on: workflow_dispatch
permissions: {}
jobs:
  tell:
    runs-on: ubuntu-latest
    outputs:
      fixed: \${{ steps.fixed.outputs.berlin }}
      real: \${{ steps.real.outputs.now }}
    steps:
      - id: fixed
        uses: $/actions/clock
      - id: real
        uses: $/actions/wall-clock
`;

// Friday 27 November 2026, 14:30 in Berlin (UTC+1).
const FRIDAY_1430_BERLIN = '2026-11-27T13:30:00Z';
const MINUTE = 60_000;

describe("runBundle's now: the bundle's clock starts at a given instant", () => {
  test('new Date(), Date() and luxon read the given instant; dates it parses stay as given', async () => {
    const run = await runBundle({ action: 'clock', root, now: FRIDAY_1430_BERLIN });
    expect(run.exitCode).toBe(0);
    const seen = Date.parse(run.outputs.now!) - Date.parse(FRIDAY_1430_BERLIN);
    // At or after the instant, by no more than the process took to get there.
    expect(seen).toBeGreaterThanOrEqual(0);
    expect(seen).toBeLessThan(MINUTE);
    expect(run.outputs.called).toMatch(/^Fri Nov 27 2026 /);
    expect(run.outputs.berlin).toBe('Friday 14:30');
    expect(run.outputs.given).toBe('2020-02-29T12:00:00.000Z');
    expect(run.outputs.instance).toBe('true');
  });

  test('the clock runs on: a timer fires and the time it waited shows in Date.now()', async () => {
    const run = await runBundle({ action: 'clock', root, now: FRIDAY_1430_BERLIN });
    expect(run.exitCode).toBe(0);
    // setTimeout(300); Date.now() has millisecond resolution, so allow its rounding.
    expect(Number(run.outputs.elapsed)).toBeGreaterThanOrEqual(295);
  });

  test('without now the bundle reads the real time', async () => {
    const before = Date.now();
    const run = await runBundle({ action: 'clock', root });
    expect(run.exitCode).toBe(0);
    const seen = Date.parse(run.outputs.now!);
    expect(seen).toBeGreaterThanOrEqual(before - 1_000);
    expect(seen).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  test('a now that is not a time fails the test at once, not inside the bundle', () => {
    expect(() => runBundle({ action: 'clock', root, now: 'next friday' })).toThrow(
      /now "next friday" is not an ISO time/,
    );
  });
});

describe("the workflow runner's fixedNow", () => {
  let w: World | undefined;
  afterEach(() => w?.close());

  test('only the named action starts at the instant; the other steps keep the real clock', async () => {
    w = await world(
      [],
      { root, fixedNow: { clock: FRIDAY_1430_BERLIN } },
      {
        '.github/workflows/clocks.yml': WORKFLOW,
      },
    );
    const before = Date.now();
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'clocks.yml', sha: w.sha }),
    );
    const tell = job(run, 'tell');
    expect(tell.conclusion).toBe('success');
    expect(tell.outputs.fixed).toBe('Friday 14:30');
    expect(Date.parse(tell.outputs.real!)).toBeGreaterThanOrEqual(before - 1_000);
  });
});
