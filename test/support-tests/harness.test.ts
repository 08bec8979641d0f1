import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO_ROOT,
  inputEnvName,
  maskLog,
  parseAnnotations,
  parseFileCommands,
  runBundle,
  runPost,
} from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';

// A throwaway action laid out like ours (actions/<name>/action.yml -> ../../dist/<name>/index.js),
// under the repository so its bundle resolves @actions/core from node_modules like a bundle would.
let root: string;

const ACTION_YML = `name: Fixture
description: harness fixture
inputs:
  greeting:
    description: with a default
    default: hello
  dry-run:
    description: hyphen kept in the variable name
    default: 'false'
  token:
    description: the job token
    default: \${{ github.token }}
  who:
    description: no default
outputs:
  result:
    description: multi-line
runs:
  using: node24
  main: ../../dist/fixture/index.js
  post: ../../dist/fixture/post.js
`;

const MAIN = `
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
core.setSecret('s3cr3t-value');
core.info('secret is s3cr3t-value');
core.info('token is ' + core.getInput('token'));
core.info('node ' + process.versions.node.split('.')[0]);
core.info('cwd ' + process.cwd());
core.setOutput('greeting', core.getInput('greeting') + ', ' + core.getInput('who'));
core.setOutput('dry-run', process.env['INPUT_DRY-RUN']);
core.setOutput('result', 'line one\\nline two');
core.setOutput('pr', String(event.pull_request?.number));
core.setOutput('repo', process.env.GITHUB_REPOSITORY + ' ' + event.repository.full_name);
core.setOutput('api', process.env.GITHUB_API_URL);
core.setOutput('sha', process.env.GITHUB_SHA);
core.warning('careful, here', { file: 'src/a,b.ts', startLine: 3, endLine: 4, title: 'T: x' });
core.error('broken\\nacross lines');
core.saveState('lock', 'lock-42');
await core.summary.addHeading('Report').addRaw('| a | b |').write();
if (core.getInput('who') === 'fail') core.setFailed('asked to fail');
if (core.getInput('who') === 'wait') {
  process.on('SIGINT', () => { core.saveState('interrupted', 'SIGINT'); core.info('released on SIGINT'); process.exit(130); });
  core.info('lock acquired');
  setInterval(() => {}, 1000);
}
`;

const POST = `
import * as core from '@actions/core';
core.info('post sees lock=' + core.getState('lock') + ' greeting=' + core.getInput('greeting'));
`;

beforeAll(() => {
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  root = mkdtempSync(join(REPO_ROOT, '.tmp', 'harness-'));
  mkdirSync(join(root, 'actions', 'fixture'), { recursive: true });
  mkdirSync(join(root, 'dist', 'fixture'), { recursive: true });
  writeFileSync(join(root, 'actions', 'fixture', 'action.yml'), ACTION_YML);
  writeFileSync(join(root, 'dist', 'fixture', 'index.js'), MAIN);
  writeFileSync(join(root, 'dist', 'fixture', 'post.js'), POST);
  writeFileSync(join(root, 'package.json'), '{"type":"module"}');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const prEvent = () => ({
  name: 'pull_request',
  payload: adaptPayload(examplePayload('pull_request', 'closed'), {
    owner: 'acme',
    repo: 'shop',
    number: 12,
    merged: true,
    mergeCommitSha: 'a'.repeat(40),
  }),
});

describe('runBundle runs a bundle the way the runner does', () => {
  test('inputs come from action.yml defaults plus given ones, outputs and summary come back', async () => {
    const run = await runBundle({
      action: 'fixture',
      root,
      inputs: { who: 'world', 'dry-run': true },
      event: prEvent(),
      emulator: { url: 'http://127.0.0.1:9/api/v3', owner: 'acme', repo: 'shop' },
    });
    expect(run.exitCode).toBe(0);
    expect(run.script).toBe(join(root, 'dist', 'fixture', 'index.js'));
    expect(run.outputs).toMatchObject({
      greeting: 'hello, world',
      'dry-run': 'true',
      result: 'line one\nline two',
      pr: '12',
      repo: 'acme/shop acme/shop',
      api: 'http://127.0.0.1:9/api/v3',
      sha: 'a'.repeat(40),
    });
    expect(run.log).toContain('node 24');
    expect(run.summary).toContain('<h1>Report</h1>');
    expect(run.state).toEqual({ lock: 'lock-42' });
  });

  test('annotations are parsed with file and line; masks apply as the runner shows the log', async () => {
    const run = await runBundle({
      action: 'fixture',
      root,
      inputs: { who: 'x' },
      token: 'ghs_abc123token',
    });
    expect(run.annotations).toEqual([
      {
        level: 'warning',
        message: 'careful, here',
        file: 'src/a,b.ts',
        line: 3,
        endLine: 4,
        title: 'T: x',
      },
      { level: 'error', message: 'broken\nacross lines' },
    ]);
    expect(run.rawLog).toContain('secret is s3cr3t-value');
    expect(run.log).toContain('secret is ***');
    expect(run.log).not.toContain('s3cr3t-value');
    // The job token is a secret to the runner, so it is masked in `log` but visible in `rawLog`.
    expect(run.log).toContain('token is ***');
    expect(run.rawLog).toContain('token is ghs_abc123token');
  });

  test('a failing step exits 1 and its error is an annotation', async () => {
    const run = await runBundle({ action: 'fixture', root, inputs: { who: 'fail' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toContainEqual({ level: 'error', message: 'asked to fail' });
  });

  test('the post step gets the saved state and the same inputs', async () => {
    const main = await runBundle({ action: 'fixture', root, inputs: { who: 'x' } });
    const post = await runPost({
      action: 'fixture',
      root,
      inputs: { who: 'x' },
      state: main.state,
    });
    expect(post.exitCode).toBe(0);
    expect(post.log).toContain('post sees lock=lock-42 greeting=hello');
  });

  test('cancel sends SIGINT first, as the runner does, so a lock can be released', async () => {
    const job = runBundle({ action: 'fixture', root, inputs: { who: 'wait' } });
    await job.waitForLog('lock acquired');
    job.cancel();
    const run = await job;
    expect(run.exitCode).toBe(130);
    expect(run.log).toContain('released on SIGINT');
    expect(run.state.interrupted).toBe('SIGINT');
  });

  test('an AbortSignal cancels the run', async () => {
    const controller = new AbortController();
    const job = runBundle({
      action: 'fixture',
      root,
      inputs: { who: 'wait' },
      signal: controller.signal,
    });
    await job.waitForLog('lock acquired');
    controller.abort();
    expect((await job).exitCode).toBe(130);
  });

  test('an input the action does not declare is a test bug, reported clearly', () => {
    expect(() => runBundle({ action: 'fixture', root, inputs: { colour: 'red' } })).toThrow(
      /fixture has no input "colour" \(inputs: greeting, dry-run, token, who\)/,
    );
  });

  test('an action that does not exist is reported with where it looked', () => {
    expect(() => runBundle({ action: 'nope', root })).toThrow(/no .*actions\/nope\/action.yml/);
  });
});

describe('runner formats', () => {
  test('input names: spaces become underscores, upper case, hyphens kept', () => {
    expect(inputEnvName('dry-run')).toBe('INPUT_DRY-RUN');
    expect(inputEnvName('my input')).toBe('INPUT_MY_INPUT');
  });

  test('GITHUB_OUTPUT heredocs and name=value lines', () => {
    expect(
      parseFileCommands('a=1\nb<<ghadelimiter_x\nline\n\nend\nghadelimiter_x\nc=x=y\n'),
    ).toEqual({
      a: '1',
      b: 'line\n\nend',
      c: 'x=y',
    });
    expect(() => parseFileCommands('b<<EOF\nno end\n')).toThrow(/missing delimiter EOF/);
  });

  test('masks start at the add-mask line, not before it', () => {
    expect(maskLog('early pw1\n::add-mask::pw1\nlate pw1')).toBe('early pw1\nlate ***');
  });

  test('annotation properties are unescaped', () => {
    expect(parseAnnotations('::notice file=a%3Ab.ts,line=7::50%25 done')).toEqual([
      { level: 'notice', message: '50% done', file: 'a:b.ts', line: 7 },
    ]);
  });
});
