// A create whose answer was lost: what it made is looked for before it is sent again.
import { findLanded, mayHaveLanded } from '@promote/core/github/landed';
import { NO_RESPONSE_WITHIN } from '@promote/core/github/request-errors';

const timedOut = Object.assign(new Error('request failed'), {
  status: 500,
  cause: new Error(`${NO_RESPONSE_WITHIN} 1500 ms from https://api.github.com/x`),
});
const badGateway = Object.assign(new Error('Bad Gateway'), { status: 502 });

test('a 4xx created nothing; a 5xx, a reset or a timeout may have', () => {
  expect(mayHaveLanded(Object.assign(new Error('Validation Failed'), { status: 422 }))).toBe(false);
  expect(mayHaveLanded(badGateway)).toBe(true);
  expect(mayHaveLanded(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
    true,
  );
  expect(mayHaveLanded(timedOut)).toBe(true);
});

test('after a 5xx it looks once and says when nothing landed', async () => {
  let calls = 0;
  const look = async () => void calls++;
  await expect(findLanded(badGateway, look)).resolves.toBeUndefined();
  expect(calls).toBe(1);
});

test('after a timeout it keeps looking while the request may still be on its way in', async () => {
  let calls = 0;
  const look = async () => (++calls === 3 ? { id: 7 } : undefined);
  await expect(findLanded(timedOut, look, [0, 0, 0, 0])).resolves.toEqual({ id: 7 });
  expect(calls).toBe(3);
  // By default it waits before each look (1 s, then 2 s, then 4 s): the first look comes later.
  const started = Date.now();
  await expect(findLanded(timedOut, async () => ({ id: 8 }))).resolves.toEqual({ id: 8 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(990);
});
