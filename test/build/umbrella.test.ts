import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { applyStepDefaults, selectStep } from '../../src/umbrella/main.js';
import {
  ENTRIES,
  STEP_DEFAULTS,
  STEPS,
  UMBRELLA_DEFAULTS,
} from '../../src/umbrella/steps.generated.js';
import { REPO_ROOT, runBundle } from '../support/harness.js';

const generate = (...args: string[]) =>
  spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'generate-umbrella.mjs'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });

describe('the generated umbrella action', () => {
  test('action.yml and the step table are up to date with actions/*/action.yml', () => {
    const result = generate('--check');
    expect(result.stderr).not.toMatch(/stale/);
    expect(result.status).toBe(0);
  });

  test('it offers every input and output of every action, plus a required step', () => {
    const umbrella = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8'));
    expect(umbrella.inputs.step.required).toBe(true);
    expect(umbrella.runs).toMatchObject({ using: 'node24', main: 'dist/promote/index.js' });
    expect(STEPS.length).toBeGreaterThan(0);
    for (const step of STEPS) {
      const action = parse(readFileSync(join(REPO_ROOT, 'actions', step, 'action.yml'), 'utf8'));
      for (const name of Object.keys(action.inputs ?? {}))
        expect(Object.keys(umbrella.inputs)).toContain(name);
      for (const name of Object.keys(action.outputs ?? {}))
        expect(Object.keys(umbrella.outputs)).toContain(name);
      if (action.runs.post) expect(umbrella.runs.post).toBe('dist/promote/post/index.js');
    }
  });

  test('a new input on an action makes the check fail with the fix', () => {
    mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
    const copy = mkdtempSync(join(REPO_ROOT, '.tmp', 'umbrella-'));
    try {
      for (const p of ['actions', 'action.yml', 'src', '.prettierrc.json']) {
        cpSync(join(REPO_ROOT, p), join(copy, p), { recursive: true });
      }
      const result0 = generate('--check', '--root', copy);
      expect(result0.status).toBe(0);
      const first = spawnSync('sh', ['-c', 'ls actions/*/src/main.ts | head -1'], {
        cwd: copy,
        encoding: 'utf8',
      });
      const yml = join(copy, first.stdout.trim().replace('/src/main.ts', '/action.yml'));
      writeFileSync(
        yml,
        readFileSync(yml, 'utf8').replace(
          /^inputs:\n/m,
          'inputs:\n  brand-new:\n    description: new\n',
        ),
      );
      const result = generate('--check', '--root', copy);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('The umbrella action is stale: action.yml');
      expect(result.stderr).toContain('Fix: node scripts/generate-umbrella.mjs');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the umbrella dispatcher', () => {
  test('with no actions built it says so', () => {
    expect(() => selectStep('alpha', [])).toThrow(
      'step "alpha": this build of Promote contains no actions yet',
    );
    expect(() => selectStep(' ', ['alpha'])).toThrow('Input "step" is required: one of alpha.');
  });

  test('every entry an action declares in action.yml has a function the umbrella runs', () => {
    for (const step of STEPS) {
      const action = parse(readFileSync(join(REPO_ROOT, 'actions', step, 'action.yml'), 'utf8'));
      const declared = ['pre', 'main', 'post'].filter((e) => action.runs[e]);
      expect([step, Object.keys(ENTRIES[step] ?? {}).sort()]).toEqual([step, declared.sort()]);
    }
  });

  test('a default the actions disagree on is filled in for the chosen step unless given', () => {
    const table = { STEPS, ENTRIES, STEP_DEFAULTS, UMBRELLA_DEFAULTS };
    const env: NodeJS.ProcessEnv = { INPUT_MODE: '' };
    applyStepDefaults('prod-smoke-seal', env, table);
    expect(env.INPUT_MODE).toBe('seal');
    const given: NodeJS.ProcessEnv = { INPUT_MODE: 'baseline' };
    applyStepDefaults('prod-smoke-seal', given, table);
    expect(given.INPUT_MODE).toBe('baseline');
  });

  test('an entry file that is not the two-line shape stops the generator with the fix', () => {
    mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
    const copy = mkdtempSync(join(REPO_ROOT, '.tmp', 'umbrella-entry-'));
    try {
      for (const p of ['actions', 'action.yml', 'src', '.prettierrc.json']) {
        cpSync(join(REPO_ROOT, p), join(copy, p), { recursive: true });
      }
      writeFileSync(
        join(copy, 'actions/migrate-with-rollback/src/post.ts'),
        "import { runPostStep } from './post-cleanup.js';\nconsole.log('cleanup');\nawait runPostStep();\n",
      );
      const result = generate('--check', '--root', copy);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        'actions/migrate-with-rollback/src/post.ts: an entry file must be exactly two lines',
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the committed umbrella bundle (dist/promote)', () => {
  test('run as `uses: OWNER/REPO@v1` with an unknown step, it fails naming every action', async () => {
    const result = await runBundle({ action: 'promote', inputs: { step: 'ship-it' } });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toEqual([
      { level: 'error', message: `Unknown step "ship-it": use one of ${STEPS.join(', ')}.` },
    ]);
  });
});
