// bench/stats.ts: the median and growth fit every bench reports with.
import { exponentText, fitExponent, median } from '../../bench/stats.js';

test('median: the middle value, or the mean of the two middle ones', () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([7])).toBe(7);
  expect(() => median([])).toThrow('median of no values');
});

test('fitExponent recovers a power law and its constant', () => {
  const linear = [1_000, 3_000, 10_000, 30_000].map((n) => [n, 0.5 * n] as const);
  expect(fitExponent(linear)!.k).toBeCloseTo(1, 10);
  expect(fitExponent(linear)!.a).toBeCloseTo(0.5, 10);
  const square = [1, 2, 4, 8].map((n) => [n, 3 * n * n] as const);
  expect(fitExponent(square)!.k).toBeCloseTo(2, 10);
  expect(
    exponentText([
      [10, 3],
      [100, 3],
      [1000, 3],
    ]),
  ).toBe('0.00');
});

test('fitExponent: zero at every size is flat; a zero among others is left out', () => {
  expect(
    fitExponent([
      [1_000, 0],
      [10_000, 0],
      [30_000, 0],
    ]),
  ).toEqual({ a: 0, k: 0 });
  expect(
    fitExponent([
      [1, 0],
      [10, 10],
      [100, 100],
    ])!.k,
  ).toBeCloseTo(1, 10);
});

test('fitExponent: no fit from fewer than two sizes', () => {
  expect(fitExponent([])).toBeUndefined();
  expect(fitExponent([[10, 5]])).toBeUndefined();
  expect(
    fitExponent([
      [10, 5],
      [10, 7],
    ]),
  ).toBeUndefined();
  expect(
    fitExponent([
      [10, 0],
      [100, 5],
    ]),
  ).toBeUndefined();
  expect(exponentText([[10, 5]])).toBe('?');
});
