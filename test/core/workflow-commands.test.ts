// The runner reads what an action writes to stdout and to the GITHUB_* files. Ours must read
// exactly as @actions/core's (which the bundles no longer carry): each case runs both and
// compares what the runner would see.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { jest } from '@jest/globals';
import { actionsIO } from '@promote/core/io';
import { actionsLogger } from '@promote/core/logger';

let dir: string;
const saved = { ...process.env };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'workflow-commands-'));
});
afterEach(() => {
  process.env = { ...saved };
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** What `fn` writes to stdout. */
async function printed(fn: () => unknown): Promise<string> {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

const TRICKY = 'line one\nline two\r\n100% done: a, b';
const WHERE = { title: 'Bad key: a,b', file: '.github/promotion.yml', startLine: 3, endLine: 4 };

describe('log lines and annotations read as @actions/core writes them', () => {
  const logger = actionsLogger();
  test.each([
    ['debug', () => logger.debug(TRICKY), () => core.debug(TRICKY)],
    ['info', () => logger.info('plain text'), () => core.info('plain text')],
    ['notice', () => logger.notice(TRICKY), () => core.notice(TRICKY)],
    [
      'warning with a place',
      () => logger.warning(TRICKY, WHERE),
      () => core.warning(TRICKY, WHERE),
    ],
    [
      'error with a title only',
      () => logger.error('x', { title: 'T' }),
      () => core.error('x', { title: 'T' }),
    ],
    ['add-mask', () => logger.setSecret('s3cr%t'), () => core.setSecret('s3cr%t')],
    [
      'group',
      () => logger.group('Step: a,b', async () => logger.info('inside')),
      () => core.group('Step: a,b', async () => core.info('inside')),
    ],
  ])('%s', async (_name, ours, theirs) => {
    const expected = await printed(theirs);
    expect(expected).not.toBe('');
    expect(await printed(ours)).toBe(expected);
  });

  test('a group whose work fails still ends the group', async () => {
    const out = await printed(() =>
      logger.group('g', () => Promise.reject(new Error('boom'))).catch(() => undefined),
    );
    expect(out).toBe('::group::g\n::endgroup::\n');
  });
});

describe('inputs, outputs, state and the job summary', () => {
  test('an input is read from INPUT_<NAME>, spaces as underscores, trimmed', () => {
    process.env['INPUT_DRY-RUN'] = '  true \n';
    process.env.INPUT_MY_INPUT = 'x';
    expect(actionsIO().getInput('dry-run')).toBe(core.getInput('dry-run'));
    expect(actionsIO().getInput('my input')).toBe('x');
    expect(actionsIO().getInput('unset')).toBe('');
  });

  test('outputs and state go to their files as name<<delimiter blocks', () => {
    const read = (file: string) =>
      readFileSync(file, 'utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIM');
    for (const who of ['ours', 'theirs'] as const) {
      const output = join(dir, `${who}-output`);
      const state = join(dir, `${who}-state`);
      writeFileSync(output, '');
      writeFileSync(state, '');
      process.env.GITHUB_OUTPUT = output;
      process.env.GITHUB_STATE = state;
      if (who === 'ours') {
        actionsIO().setOutput('pr-url', TRICKY);
        actionsIO().saveState('lock', 'held');
      } else {
        core.setOutput('pr-url', TRICKY);
        core.saveState('lock', 'held');
      }
    }
    expect(read(join(dir, 'ours-output'))).toBe(read(join(dir, 'theirs-output')));
    expect(read(join(dir, 'ours-output'))).toBe(`pr-url<<DELIM\n${TRICKY}\nDELIM\n`);
    expect(read(join(dir, 'ours-state'))).toBe(read(join(dir, 'theirs-state')));
    process.env.STATE_lock = 'held';
    expect(actionsIO().getState('lock')).toBe('held');
    expect(actionsIO().getState('other')).toBe('');
  });

  test('without the files (an old runner) outputs and state are commands', async () => {
    delete process.env.GITHUB_OUTPUT;
    delete process.env.GITHUB_STATE;
    const ours = await printed(() => {
      actionsIO().setOutput('v', '1.2.3');
      actionsIO().saveState('s', 'a:b');
    });
    const theirs = await printed(() => {
      core.setOutput('v', '1.2.3');
      core.saveState('s', 'a:b');
    });
    expect(ours).toBe(theirs);
  });

  test('setFailed prints the error and fails the step', async () => {
    const out = await printed(() => actionsIO().setFailed('tag-release failed: 100%\nnext'));
    expect(out).toBe('::error::tag-release failed: 100%25%0Anext\n');
    expect(process.exitCode).toBe(1);
  });

  test('the job summary is appended to, and a missing GITHUB_STEP_SUMMARY is named', async () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# before\n');
    process.env.GITHUB_STEP_SUMMARY = summary;
    await actionsIO().appendSummary('| a | b |');
    expect(readFileSync(summary, 'utf8')).toBe('# before\n| a | b |\n');
    delete process.env.GITHUB_STEP_SUMMARY;
    await expect(actionsIO().appendSummary('x')).rejects.toThrow(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY',
    );
  });
});
