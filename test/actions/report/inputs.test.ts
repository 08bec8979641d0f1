// What a caller can get wrong in the report's inputs is refused with the fix, before any request.
import { expect, test } from '@jest/globals';
import { memoryIO } from '@promote/core/io';
import { readInputs } from '../../../actions/report/src/inputs.js';

const base = {
  token: 'ghs_x',
  config: '.github/promotion.yml',
  'check-name': 'promote/preflight',
  'output-dir': 'delivery-report',
};

test('the defaults: 90 days, the config environment', () => {
  expect(readInputs(memoryIO(base))).toEqual({
    token: 'ghs_x',
    config: '.github/promotion.yml',
    environment: undefined,
    days: 90,
    checkName: 'promote/preflight',
    outputDir: 'delivery-report',
  });
});

test('a period outside 7 to 366 days is refused', () => {
  expect(() => readInputs(memoryIO({ ...base, days: '3' }))).toThrow(
    'input "days" must be a whole number between 7 and 366, got "3"',
  );
});

test('app names one app of promotion.yml (its deployments only); empty is the whole environment', () => {
  expect(readInputs(memoryIO({ ...base, app: 'api' })).app).toBe('api');
  expect(readInputs(memoryIO({ ...base, app: '' })).app).toBeUndefined();
});
