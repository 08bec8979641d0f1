// Job matrices through the workflow runner, as GitHub runs them: one leg per combination (include,
// exclude, a matrix from a needs output), legs named `job (a, b)`, max-parallel, fail-fast,
// continue-on-error, what dependent jobs see, and the matrices GitHub refuses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatchEvent, type RunResult } from '../support/workflow-runner/index.js';
import { planStrategy } from '../support/workflow-runner/matrix.js';
import { find, parseWorkflowFile } from '../support/workflow-runner/workflow-file.js';
import { job, logs, world, type World } from './workflow-runner-helpers.js';

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/** Commits `yaml` as .github/workflows/matrix.yml, dispatches it and waits for the run. */
async function runInline(
  yaml: string,
  env: (scratch: string) => Record<string, string> = () => ({}),
): Promise<RunResult> {
  w = await world([], (scratch) => ({ env: env(scratch) }), {
    '.github/workflows/matrix.yml': yaml,
  });
  const [run] = await w.runner.trigger(dispatchEvent(w.gh, { workflow: 'matrix.yml', sha: w.sha }));
  return run!;
}

/** The legs of a matrix job, in the run's job list order. */
function legs(run: RunResult, id: string) {
  return run.jobs.filter((j) => j.id === id || j.id.startsWith(`${id} (`));
}

/** planStrategy on the `strategy:` of job `id` in `yaml` (no runner: the expansion alone). */
async function plan(yaml: string, id = 'build', contexts: Record<string, unknown> = {}) {
  const parsed = await parseWorkflowFile('.github/workflows/matrix.yml', yaml);
  expect(parsed.errors).toEqual([]);
  return planStrategy({
    token: find(parsed.jobTokens.get(id), 'strategy')!,
    scope: { contexts },
    jobId: id,
    file: parsed.path,
  });
}

const job1 = (strategy: string) => `on: workflow_dispatch
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
${strategy
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}
    steps:
      - run: true
`;

describe('matrix expansion (GitHub documented rules)', () => {
  test("include adds to the original combinations it does not overwrite, else adds a combination (the docs' fruit/animal example)", async () => {
    const p = await plan(
      job1(`matrix:
  fruit: [apple, pear]
  animal: [cat, dog]
  include:
    - color: green
    - color: pink
      animal: cat
    - fruit: apple
      shape: circle
    - fruit: banana
    - fruit: banana
      animal: cat`),
    );
    expect(p.legs.map((l) => l.matrix)).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
    // The name shows the combination's values, not what include added.
    expect(p.legs.map((l) => l.segments.join(', '))).toEqual([
      'apple, cat',
      'apple, dog',
      'pear, cat',
      'pear, dog',
      'banana',
      'banana, cat',
    ]);
    expect(p.legs.map((l) => l.strategy)).toContainEqual({
      'fail-fast': true,
      'job-index': 5,
      'job-total': 6,
      'max-parallel': 6,
    });
  });

  test('exclude drops partial matches; include is applied after exclude and can add one back', async () => {
    const p = await plan(
      job1(`fail-fast: false
max-parallel: 2
matrix:
  os: [linux, windows]
  node: [20, 22]
  exclude:
    - os: windows
  include:
    - os: windows
      node: 22`),
    );
    expect(p.legs.map((l) => l.matrix)).toEqual([
      { os: 'linux', node: 20 },
      { os: 'linux', node: 22 },
      { os: 'windows', node: 22 },
    ]);
    expect(p.failFast).toBe(false);
    expect(p.maxParallel).toBe(2);
    expect(p.legs.map((l) => l.configId)).toEqual(['linux_20', 'linux_22', 'windows_22']);
  });

  test('refusals: an empty vector, an include-only matrix with nothing in it, more than 256 combinations, an exclude key that is no vector', async () => {
    await expect(
      plan(job1('matrix:\n  app: ${{ fromJSON(needs.guard.outputs.apps) }}'), 'build', {
        needs: { guard: { outputs: { apps: '[]' } } },
      }),
    ).rejects.toThrow(
      "Error when evaluating 'strategy' for job 'build'. .github/workflows/matrix.yml (Line: 7, Col: 14): Matrix vector 'app' does not contain any values",
    );
    await expect(
      plan(job1('matrix: ${{ fromJSON(needs.guard.outputs.m) }}'), 'build', {
        needs: { guard: { outputs: { m: '{"include":[]}' } } },
      }),
    ).rejects.toThrow(
      "Error when evaluating 'strategy' for job 'build'. .github/workflows/matrix.yml (Line: 6, Col: 15): Matrix must define at least one vector",
    );
    const ten = JSON.stringify([...Array(10).keys()]);
    await expect(plan(job1(`matrix:\n  a: ${ten}\n  b: ${ten}\n  c: [1, 2, 3]`))).rejects.toThrow(
      ".github/workflows/matrix.yml (Line: 6, Col: 7): Strategy for job 'build' produced 300 configurations which exceeds the maximum of 256 configurations",
    );
    await expect(plan(job1('matrix:\n  app: [api]\n  exclude:\n    - region: eu'))).rejects.toThrow(
      "Matrix exclude key 'region' does not match any key within the matrix",
    );
  });

  test('every combination excluded: the job runs once with no matrix values', async () => {
    const p = await plan(job1('matrix:\n  app: [api]\n  exclude:\n    - app: API'));
    // Filters compare as GitHub's == does: case-insensitively.
    expect(p.legs).toEqual([
      {
        matrix: {},
        segments: [],
        configId: 'job',
        strategy: { 'fail-fast': true, 'job-index': 0, 'job-total': 1, 'max-parallel': 1 },
      },
    ]);
  });
});

describe('matrix legs in a run', () => {
  test('a 2x2 matrix with exclude and include: one leg per combination, named `job (a, b)`, matrix and strategy in every expression of the leg', async () => {
    const run = await runInline(`on: workflow_dispatch
jobs:
  build:
    name: Build
    runs-on: \${{ matrix.os == 'linux' && 'ubuntu-latest' || 'windows-latest' }}
    timeout-minutes: \${{ matrix.node }}
    strategy:
      matrix:
        os: [linux, windows]
        node: [20, 22]
        exclude:
          - os: windows
            node: 20
        include:
          - os: linux
            node: 22
            experimental: true
          - os: macos
            node: 22
    env:
      WHERE: \${{ matrix.os }}-\${{ strategy.job-index }}/\${{ strategy.job-total }}
    outputs:
      seen: \${{ steps.say.outputs.seen }}
    steps:
      - name: Say \${{ matrix.os }}
        id: say
        run: echo "seen=$WHERE node=\${{ matrix.node }} experimental=\${{ matrix.experimental }}" | tee -a "$GITHUB_OUTPUT"
`);
    expect(run.conclusion).toBe('success');
    const all = legs(run, 'build');
    expect(all.map((j) => [j.id, j.name])).toEqual([
      ['build (linux, 20)', 'Build (linux, 20)'],
      ['build (linux, 22)', 'Build (linux, 22)'],
      ['build (windows, 22)', 'Build (windows, 22)'],
      ['build (macos, 22)', 'Build (macos, 22)'],
    ]);
    expect(all.map((j) => j.matrix)).toEqual([
      { os: 'linux', node: 20 },
      { os: 'linux', node: 22, experimental: true },
      { os: 'windows', node: 22 },
      { os: 'macos', node: 22 },
    ]);
    expect(all.map((j) => j.runsOn)).toEqual([
      'ubuntu-latest',
      'ubuntu-latest',
      'windows-latest',
      'windows-latest',
    ]);
    expect(all.map((j) => j.steps[0]!.name)).toEqual([
      'Say linux',
      'Say linux',
      'Say windows',
      'Say macos',
    ]);
    expect(job(run, 'build (linux, 22)').steps[0]!.log).toContain(
      'seen=linux-1/4 node=22 experimental=true',
    );
    expect(job(run, 'build (macos, 22)').steps[0]!.log).toContain(
      'seen=macos-3/4 node=22 experimental=',
    );
  });

  test('a matrix from a needs output (the on-merge shape): legs one after another in order with max-parallel 1; a `name:` with a matrix expression is used as is', async () => {
    const run = await runInline(
      `on: workflow_dispatch
jobs:
  guard:
    runs-on: ubuntu-latest
    outputs:
      apps: \${{ steps.list.outputs.apps }}
    steps:
      - id: list
        run: echo 'apps=["api","web","worker"]' >> "$GITHUB_OUTPUT"
  migrate:
    name: migrate \${{ matrix.app }}
    needs: guard
    runs-on: ubuntu-latest
    environment: production-\${{ matrix.app }}
    concurrency: migrate-\${{ matrix.app }}
    strategy:
      matrix:
        app: \${{ fromJSON(needs.guard.outputs.apps) }}
      max-parallel: 1
      fail-fast: false
    steps:
      - run: |
          echo "start \${{ matrix.app }}" >> "$ORDER_LOG"
          sleep 0.3
          echo "end \${{ matrix.app }} \${{ strategy.job-index }} \${{ strategy.max-parallel }}" >> "$ORDER_LOG"
`,
      (scratch) => ({ ORDER_LOG: join(scratch, 'order.log') }),
    );
    expect(run.conclusion).toBe('success');
    expect(legs(run, 'migrate').map((j) => [j.id, j.name])).toEqual([
      ['migrate (api)', 'migrate api'],
      ['migrate (web)', 'migrate web'],
      ['migrate (worker)', 'migrate worker'],
    ]);
    expect(legs(run, 'migrate').map((j) => [j.environment?.name, j.concurrency])).toEqual([
      ['production-api', 'migrate-api'],
      ['production-web', 'migrate-web'],
      ['production-worker', 'migrate-worker'],
    ]);
    // Each leg starts only after the one before it ended.
    expect(readFileSync(join(w!.scratch, 'order.log'), 'utf8').trim().split('\n')).toEqual([
      'start api',
      'end api 0 1',
      'start web',
      'end web 1 1',
      'start worker',
      'end worker 2 1',
    ]);
  });

  const failing = (failFast: boolean, slowWaitsForCancel = failFast) => `on: workflow_dispatch
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: ${failFast}
      max-parallel: 2
      matrix:
        app: [slow, bad, queued]
    outputs:
      ran: \${{ steps.work.outputs.ran }}
    steps:
      - id: work
        run: |
          if [ "\${{ matrix.app }}" = bad ]; then exit 1; fi
          if [ "\${{ matrix.app }}" = slow ] && [ ${slowWaitsForCancel} = true ]; then
            # Ends only when cancelled: the failed leg has to stop it.
            for i in $(seq 1 300); do sleep 0.1; done
          fi
          echo "ran=\${{ matrix.app }}" >> "$GITHUB_OUTPUT"
  report:
    needs: build
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: echo "build was \${{ needs.build.result }}"
  after:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: true
`;

  test('fail-fast (the default): a failed leg cancels the leg in progress and the one still queued; needs.<job>.result is failure', async () => {
    const run = await runInline(failing(true));
    expect(run.conclusion).toBe('failure');
    const message = 'The strategy configuration was canceled because "build.bad" failed';
    expect(job(run, 'build (bad)').conclusion).toBe('failure');
    const slow = job(run, 'build (slow)');
    expect(slow.conclusion).toBe('cancelled');
    expect(slow.annotations).toContainEqual({ level: 'error', message });
    expect(slow.steps[0]!.conclusion).toBe('cancelled');
    const queued = job(run, 'build (queued)');
    expect(queued.conclusion).toBe('cancelled');
    expect(queued.steps).toEqual([]);
    expect(queued.annotations).toEqual([{ level: 'error', message }]);
    expect(job(run, 'report').steps[0]!.log).toContain('build was failure');
    expect(job(run, 'after').conclusion).toBe('skipped');
  });

  test('fail-fast: false: the other legs run to the end; the matrix job still fails for its dependents', async () => {
    const run = await runInline(failing(false));
    expect(run.conclusion).toBe('failure');
    expect(legs(run, 'build').map((j) => [j.id, j.conclusion])).toEqual([
      ['build (slow)', 'success'],
      ['build (bad)', 'failure'],
      ['build (queued)', 'success'],
    ]);
    expect(job(run, 'report').steps[0]!.log).toContain('build was failure');
    expect(job(run, 'after').conclusion).toBe('skipped');
  });

  test('continue-on-error on a leg: its failure cancels nothing and the job reads success downstream', async () => {
    const run = await runInline(
      failing(true, false).replace(
        '    runs-on: ubuntu-latest\n    strategy:',
        "    runs-on: ubuntu-latest\n    continue-on-error: ${{ matrix.app == 'bad' }}\n    strategy:",
      ),
    );
    expect(run.conclusion).toBe('success');
    expect(job(run, 'build (bad)').conclusion).toBe('failure');
    expect(job(run, 'build (slow)').conclusion).toBe('success');
    expect(job(run, 'build (queued)').conclusion).toBe('success');
    expect(job(run, 'report').steps[0]!.log).toContain('build was success');
    expect(job(run, 'after').conclusion).toBe('success');
  });

  test('outputs of a matrix: combined from every leg; the last leg to set a name wins, an empty value overwrites nothing', async () => {
    const run = await runInline(`on: workflow_dispatch
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      max-parallel: 1
      matrix:
        app: [api, web]
    outputs:
      last: \${{ steps.s.outputs.last }}
      first-only: \${{ steps.s.outputs.first-only }}
    steps:
      - id: s
        run: |
          echo "last=\${{ matrix.app }}" >> "$GITHUB_OUTPUT"
          if [ "\${{ strategy.job-index }}" = 0 ]; then echo "first-only=\${{ matrix.app }}" >> "$GITHUB_OUTPUT"; fi
  use:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - env:
          OUTPUTS: \${{ toJSON(needs.build.outputs) }}
        run: echo "$OUTPUTS"
`);
    expect(run.conclusion).toBe('success');
    expect(job(run, 'build (web)').outputs).toEqual({ last: 'web' });
    const log = job(run, 'use').steps[0]!.log;
    expect(JSON.parse(log.slice(log.indexOf('{'), log.lastIndexOf('}') + 1))).toEqual({
      last: 'web',
      'first-only': 'api',
    });
  });

  test('a matrix on a job that calls a reusable workflow: one call per leg, its jobs listed under the leg', async () => {
    w = await world(
      [],
      {},
      {
        '.github/workflows/matrix.yml': `on: workflow_dispatch
jobs:
  deploy:
    strategy:
      matrix:
        app: [api, web]
    uses: ./.github/workflows/called.yml
    with:
      app: \${{ matrix.app }}
`,
        '.github/workflows/called.yml': `on:
  workflow_call:
    inputs:
      app:
        type: string
        required: true
jobs:
  use:
    runs-on: ubuntu-latest
    outputs:
      app: \${{ inputs.app }}
    steps:
      - run: echo "deploying \${{ inputs.app }}"
`,
      },
    );
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'matrix.yml', sha: w.sha }),
    );
    expect(run!.conclusion).toBe('success');
    expect(run!.jobs.map((j) => [j.id, j.name, j.conclusion])).toEqual([
      ['deploy (api)', 'deploy (api)', 'success'],
      ['deploy (web)', 'deploy (web)', 'success'],
      ['deploy (api)/use', 'deploy (api) / use', 'success'],
      ['deploy (web)/use', 'deploy (web) / use', 'success'],
    ]);
    expect(job(run, 'deploy (web)/use').steps[0]!.log).toContain('deploying web');
  });

  test('an empty vector from a needs output fails the job with GitHub message and runs no leg', async () => {
    const run = await runInline(`on: workflow_dispatch
jobs:
  guard:
    runs-on: ubuntu-latest
    outputs:
      apps: '[]'
    steps:
      - run: true
  migrate:
    needs: guard
    runs-on: ubuntu-latest
    strategy:
      matrix:
        app: \${{ fromJSON(needs.guard.outputs.apps) }}
    steps:
      - run: true
  result:
    needs: migrate
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: echo "migrate was \${{ needs.migrate.result }}"
`);
    const message =
      "Error when evaluating 'strategy' for job 'migrate'. .github/workflows/matrix.yml (Line: 14, Col: 14): Matrix vector 'app' does not contain any values";
    expect(run.conclusion).toBe('failure');
    expect(run.errors).toEqual([message]);
    const migrate = job(run, 'migrate');
    expect(migrate.conclusion).toBe('failure');
    expect(migrate.steps).toEqual([]);
    expect(migrate.annotations).toEqual([{ level: 'error', message }]);
    expect(job(run, 'result').steps[0]!.log).toContain('migrate was failure');
    expect(logs(job(run, 'result'))).not.toContain('migrate was success');
  });
});
