// Faults injected per endpoint are visible to a plain HTTP client exactly as GitHub's failures are.
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { waitUntil } from '../support/wait.js';
import { client, expectClean } from './emulator-helpers.js';

let gh: Emulator;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  gh = await startEmulator();
  api = client(gh);
  await gh.git.commit({ branch: 'feature', files: { 'a.txt': 'a\n' }, message: 'a' });
});
afterEach(async () => {
  try {
    expectClean(gh);
  } finally {
    await gh.close();
  }
});

const createPull = () =>
  api('POST', '/repos/acme/app/pulls', { title: 'F', head: 'feature', base: 'main' });

test('5xx answers the chosen status as many times as asked, then the endpoint recovers', async () => {
  gh.faults.inject({ operationId: 'pulls/list', kind: '5xx', status: 503, times: 2 });
  expect((await api('GET', '/repos/acme/app/pulls')).status).toBe(503);
  expect((await api('GET', '/repos/acme/app/pulls')).status).toBe(503);
  expect((await api('GET', '/repos/acme/app/pulls')).status).toBe(200);
  expect((await api('GET', '/repos/acme/app')).status).toBe(200);
});

test("a secondary rate limit is a 403 with Retry-After and GitHub's message, and creates nothing", async () => {
  gh.faults.inject({ method: 'POST', path: /\/pulls$/, kind: 'secondary-rate-limit' });
  const limited = await createPull();
  expect(limited.status).toBe(403);
  expect(limited.headers.get('retry-after')).toBe('1');
  expect(limited.body.message).toMatch(/secondary rate limit/);
  expect(gh.state.pulls).toEqual([]);
  expect((await createPull()).status).toBe(201);
});

test('the primary rate limit is a 403 with x-ratelimit-remaining 0 and a reset time', async () => {
  gh.faults.inject({ operationId: 'repos/get', kind: 'rate-limit' });
  const limited = await api('GET', '/repos/acme/app');
  expect(limited.status).toBe(403);
  expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
  expect(limited.body.message).toMatch(/^API rate limit exceeded/);
  expect((await api('GET', '/repos/acme/app')).headers.get('x-ratelimit-remaining')).not.toBe('0');
});

test('a lost response performs the create, so the retry meets "already exists"', async () => {
  gh.faults.inject({ operationId: 'pulls/create', kind: 'lost-response' });
  await expect(createPull()).rejects.toThrow();
  expect(gh.state.pulls).toHaveLength(1);
  const retry = await createPull();
  expect(retry.status).toBe(422);
  expect(retry.body.errors[0].message).toBe('A pull request already exists for acme:feature.');
  expect(
    gh.filterRequests({ operationId: 'pulls/create' }).map((r) => r.fault ?? r.status),
  ).toEqual(['lost-response', 422]);
});

test('a reset connection fails the request before anything happens', async () => {
  gh.faults.inject({ path: '/repos/acme/app/pulls', kind: 'reset' });
  await expect(createPull()).rejects.toThrow();
  expect(gh.state.pulls).toEqual([]);
  expect((await createPull()).status).toBe(201);
});

test('a slow response arrives after a later fast one', async () => {
  // Held until the fast one is answered: the order is arranged, not left to two timers.
  let release!: () => void;
  gh.faults.inject({
    operationId: 'repos/get',
    kind: 'slow',
    until: new Promise<void>((resolve) => (release = resolve)),
  });
  const order: string[] = [];
  const slow = api('GET', '/repos/acme/app').then((r) => order.push(`slow ${r.status}`));
  await waitUntil(
    () => gh.filterRequests({ operationId: 'repos/get' }).length > 0,
    'the slow request to reach the emulator',
  );
  await api('GET', '/rate_limit').then((r) => order.push(`fast ${r.status}`));
  release();
  await slow;
  expect(order).toEqual(['fast 200', 'slow 200']);
});

test('faults match by operation only, and clear() removes the rest', async () => {
  const fault = gh.faults.inject({ operationId: 'checks/create', kind: '5xx', times: 5 });
  expect((await createPull()).status).toBe(201);
  expect(fault.hits).toBe(0);
  gh.faults.clear();
  const sha = (await gh.git.revParse('main')) as string;
  expect(
    (await api('POST', '/repos/acme/app/check-runs', { name: 'c', head_sha: sha })).status,
  ).toBe(201);
});

test('requests are counted by operation, writes are recorded with body and headers, counters reset', async () => {
  await createPull();
  await api('GET', '/repos/acme/app/pulls/1');
  await api('GET', '/repos/acme/app/pulls/1');
  expect(gh.countRequests()).toBe(3);
  expect(gh.countRequests({ operationId: 'pulls/get' })).toBe(2);
  expect(gh.countRequests({ writes: true })).toBe(1);
  const [write] = gh.filterRequests({ writes: true });
  expect(write).toMatchObject({
    method: 'POST',
    path: '/repos/acme/app/pulls',
    status: 201,
    body: { title: 'F', head: 'feature', base: 'main' },
  });
  expect(write?.headers.authorization).toBe('token ghs_test_token');
  expect(write?.token).toBe('ghs_test_token');
  expect(gh.allRequestBodies()).toContain('"head":"feature"');
  gh.resetCounters();
  expect(gh.countRequests()).toBe(0);
});
