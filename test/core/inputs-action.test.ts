import { runMain } from '../../packages/core/src/action.js';
import { ConfigurationError } from '../../packages/core/src/errors.js';
import {
  getBooleanInput,
  getChoiceInput,
  getIntegerInput,
  getJsonInput,
  getListInput,
  getOptionalInput,
  getRequiredInput,
} from '../../packages/core/src/inputs.js';
import { memoryIO } from '../../packages/core/src/io.js';
import { memoryLogger } from '../../packages/core/src/logger.js';

describe('action inputs', () => {
  const io = memoryIO({
    token: '  abc  ',
    empty: '',
    'dry-run': 'TRUE',
    bad: 'yes',
    reviewers: 'alice, bob\ncarol\n\n',
    json: '{"a":1}',
    broken: '{a:1}',
    mode: 'rollback',
    count: '12',
  });

  test('required: trimmed value, or an error naming the input and how to fix it', () => {
    expect(getRequiredInput(io, 'token')).toBe('abc');
    expect(() => getRequiredInput(io, 'empty')).toThrow(ConfigurationError);
    expect(() => getRequiredInput(io, 'empty')).toThrow(
      'input "empty" is required: set it under "with:" in the step that uses this action',
    );
    expect(() => getRequiredInput(io, 'github-token', 'pass a GitHub App token')).toThrow(
      'input "github-token" is required: pass a GitHub App token',
    );
  });

  test('optional: "" is undefined', () => {
    expect(getOptionalInput(io, 'empty')).toBeUndefined();
    expect(getOptionalInput(io, 'missing')).toBeUndefined();
    expect(getOptionalInput(io, 'token')).toBe('abc');
  });

  test('booleans: true/false only, with a clear error', () => {
    expect(getBooleanInput(io, 'dry-run')).toBe(true);
    expect(getBooleanInput(io, 'empty', true)).toBe(true);
    expect(() => getBooleanInput(io, 'bad')).toThrow(
      'input "bad" must be true or false, got "yes"',
    );
  });

  test('lists: newline or comma separated, blanks dropped', () => {
    expect(getListInput(io, 'reviewers')).toEqual(['alice', 'bob', 'carol']);
    expect(getListInput(io, 'empty')).toEqual([]);
  });

  test('JSON, choices and integers', () => {
    expect(getJsonInput(io, 'json')).toEqual({ a: 1 });
    expect(getJsonInput(io, 'empty')).toBeUndefined();
    expect(() => getJsonInput(io, 'broken')).toThrow(/^input "broken" is not valid JSON \(/);
    expect(getChoiceInput(io, 'mode', ['migrate', 'rollback'], 'migrate')).toBe('rollback');
    expect(() => getChoiceInput(io, 'token', ['migrate', 'rollback'], 'migrate')).toThrow(
      'input "token" must be one of migrate, rollback, got "abc"',
    );
    expect(getIntegerInput(io, 'count', 1)).toBe(12);
    expect(() => getIntegerInput(io, 'count', 1, { max: 10 })).toThrow(
      'input "count" must be a whole number between -∞ and 10, got "12"',
    );
  });
});

describe('the runMain funnel', () => {
  test('a ConfigurationError is printed as is', async () => {
    const io = memoryIO();
    await runMain(
      'tag-release',
      async () => {
        throw new ConfigurationError('input "token" is required: set it');
      },
      { io, logger: memoryLogger() },
    );
    expect(io.failed).toBe('input "token" is required: set it');
  });

  test('anything else is wrapped with the action name; the stack goes to debug', async () => {
    const io = memoryIO();
    const logger = memoryLogger();
    await runMain(
      'tag-release',
      async () => {
        throw new Error('HTTP 500 from GitHub');
      },
      { io, logger },
    );
    expect(io.failed).toBe('tag-release failed: HTTP 500 from GitHub');
    expect(logger.lines[0]).toMatch(/^::debug::Error: HTTP 500 from GitHub\n\s+at /);
  });

  test('success leaves the step green', async () => {
    const io = memoryIO();
    await runMain(
      'tag-release',
      async () => {
        io.setOutput('version', '1.0.0');
      },
      { io, logger: memoryLogger() },
    );
    expect(io.failed).toBeUndefined();
    expect(io.outputs.version).toBe('1.0.0');
  });
});
