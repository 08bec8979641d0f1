import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, runBundle } from '../support/harness.js';

// A small checkout laid out like ours (one action + the real umbrella sources), built with the
// real scripts. It sits under the repository so its sources resolve node_modules as ours do.
let fx: string;

const node = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', script), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    // Not jest's environment (NODE_ENV=test, NODE_OPTIONS): a build as a developer runs it.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
  });

function writeFixture(root: string): void {
  const hello = join(root, 'actions', 'hello');
  mkdirSync(join(hello, 'src'), { recursive: true });
  writeFileSync(
    join(hello, 'action.yml'),
    `name: Hello
description: build fixture
inputs:
  who:
    description: who to greet
    default: world
outputs:
  greeting:
    description: the greeting
runs:
  using: node24
  main: ../../dist/hello/index.js
`,
  );
  writeFileSync(join(hello, 'src', 'index.ts'), "import { run } from './main.js';\nawait run();\n");
  writeFileSync(
    join(hello, 'src', 'main.ts'),
    `import * as core from '@actions/core';
import { fitLine } from '@promote/core/github/limits';

export async function run(): Promise<void> {
  // A dynamic import, so the bundle has a chunk whose name must be stable too.
  const { greet } = await import('./greet.js');
  core.setOutput('greeting', fitLine(greet(core.getInput('who')), 140));
}
`,
  );
  writeFileSync(
    join(hello, 'src', 'greet.ts'),
    'export const greet = (who: string): string => `hello, ${who}`;\n',
  );
  cpSync(join(REPO_ROOT, 'src', 'umbrella'), join(root, 'src', 'umbrella'), { recursive: true });
  rmSync(join(root, 'src', 'umbrella', 'steps.generated.ts'));
  cpSync(join(REPO_ROOT, '.prettierrc.json'), join(root, '.prettierrc.json'));
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({
      extends: relative(root, join(REPO_ROOT, 'tsconfig.json')),
      include: ['actions/*/src', 'src'],
    }),
  );
}

beforeAll(() => {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  fx = mkdtempSync(join(REPO_ROOT, '.tmp', 'build-fixture-'));
  writeFixture(fx);
  const generated = node('generate-umbrella.mjs', '--root', fx);
  expect(generated.stderr).toBe('');
  const built = node('build.mjs', '--root', fx);
  if (built.status !== 0) throw new Error(built.stderr);
}, 240_000);
afterAll(() => {
  if (!process.env.KEEP_FIXTURE) rmSync(fx, { recursive: true, force: true });
});

describe('npm run build / check-dist', () => {
  test('a fresh build matches the first byte for byte (esbuild output is deterministic)', () => {
    const check = node('check-dist.mjs', '--root', fx);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('dist/ matches a fresh build.');
  }, 240_000);

  test('the built action runs under the runner harness and the umbrella dispatches to it', async () => {
    const direct = await runBundle({ action: 'hello', root: fx, inputs: { who: 'Ada' } });
    expect(direct.exitCode).toBe(0);
    expect(direct.outputs.greeting).toBe('hello, Ada');

    const umbrella = await runBundle({ action: 'promote', root: fx, inputs: { step: 'hello' } });
    expect(umbrella.script).toBe(join(fx, 'dist', 'promote', 'index.js'));
    expect(umbrella.exitCode).toBe(0);
    expect(umbrella.outputs.greeting).toBe('hello, world');
  });

  test('on a self-hosted runner the bundle keeps its compiled code in the tool cache; on a GitHub-hosted one it writes none', async () => {
    const tools = mkdtempSync(join(fx, 'tool-cache-'));
    const cache = join(tools, 'promote', 'node-compile-cache');
    const hosted = await runBundle({
      action: 'hello',
      root: fx,
      env: { RUNNER_ENVIRONMENT: 'github-hosted', RUNNER_TOOL_CACHE: tools },
    });
    expect(hosted.exitCode).toBe(0);
    expect(existsSync(cache)).toBe(false);

    const selfHosted = await runBundle({
      action: 'hello',
      root: fx,
      env: { RUNNER_ENVIRONMENT: 'self-hosted', RUNNER_TOOL_CACHE: tools },
    });
    expect(selfHosted.exitCode).toBe(0);
    expect(selfHosted.outputs.greeting).toBe('hello, world');
    expect(readdirSync(cache)).not.toEqual([]);
  });

  test('the umbrella names the valid steps for an unknown one', async () => {
    const run = await runBundle({ action: 'promote', root: fx, inputs: { step: 'helo' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toContainEqual({
      level: 'error',
      message: 'Unknown step "helo": use one of hello.',
    });
  });

  test('a committed dist that differs from the sources fails with the file and the fix', () => {
    const file = join(fx, 'dist', 'hello', 'index.js');
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from('\n// edited by hand\n')]));
    try {
      const check = node('check-dist.mjs', '--root', fx);
      expect(check.status).toBe(1);
      expect(check.stderr).toContain('differs: dist/hello/index.js');
      expect(check.stderr).toContain('Fix: npm run build, then commit dist/');
    } finally {
      writeFileSync(file, original);
    }
  }, 240_000);

  test('build names what it can build when asked for an action that does not exist', () => {
    const result = node('build.mjs', '--root', fx, 'nope', '--out', join(fx, 'unused'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('unknown action(s): nope. Buildable: hello, promote.');
  });

  test('an action.yml whose main is not ../../dist/<name>/index.js is refused', () => {
    const other = mkdtempSync(join(REPO_ROOT, '.tmp', 'build-bad-'));
    try {
      writeFixture(other);
      const yml = join(other, 'actions', 'hello', 'action.yml');
      writeFileSync(
        yml,
        readFileSync(yml, 'utf8').replace('../../dist/hello/index.js', '../dist/hello/index.js'),
      );
      const result = node('build.mjs', '--root', other, '--out', join(other, 'unused'));
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        'actions/hello/action.yml: runs.main is "../dist/hello/index.js", expected "../../dist/hello/index.js"',
      );
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
