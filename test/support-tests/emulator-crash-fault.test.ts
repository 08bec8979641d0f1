// 'crash-after-write' applies the write and never answers, telling the test when the write landed
// (so it can kill the caller there); `skip` lets the first matching requests through.
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { waitUntil } from '../support/wait.js';
import { client, expectClean } from './emulator-helpers.js';

let gh: Emulator;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  gh = await startEmulator();
  api = client(gh);
  await gh.git.commit({ branch: 'feature', files: { 'a.txt': 'a\n' }, message: 'a' });
  await gh.git.commit({ branch: 'other', files: { 'b.txt': 'b\n' }, message: 'b' });
});
afterEach(async () => {
  try {
    expectClean(gh);
  } finally {
    await gh.close();
  }
});

const createPull = (head: string) =>
  api('POST', '/repos/acme/app/pulls', { title: head, head, base: 'main' });

test('the write is applied, onApplied is called, and the caller never hears an answer', async () => {
  let applied: unknown;
  const heard = new Promise<unknown>((resolve) => {
    gh.faults.inject({
      operationId: 'pulls/create',
      kind: 'crash-after-write',
      onApplied: (request) => {
        applied = request;
        resolve(request);
      },
    });
  });
  const abort = new AbortController();
  const answer = fetch(`${gh.url}/repos/acme/app/pulls`, {
    method: 'POST',
    headers: { authorization: 'token t', 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'F', head: 'feature', base: 'main' }),
    signal: abort.signal,
  }).then(
    () => 'answered',
    () => 'no answer',
  );
  await heard;
  expect(applied).toEqual({
    method: 'POST',
    path: '/repos/acme/app/pulls',
    operationId: 'pulls/create',
  });
  expect(gh.state.pulls.map((p) => p.head.ref)).toEqual(['feature']);
  // Still unanswered once the write landed: only the caller's death ends the request.
  abort.abort();
  expect(await answer).toBe('no answer');
  expect(gh.filterRequests({ operationId: 'pulls/create' })[0]?.fault).toBe('crash-after-write');
});

test('skip lets the first matching requests through and hits the next one', async () => {
  const fault = gh.faults.inject({ operationId: 'pulls/create', kind: '5xx', skip: 1 });
  expect((await createPull('feature')).status).toBe(201);
  expect((await createPull('other')).status).toBe(502);
  expect(fault.hits).toBe(1);
  expect(gh.state.pulls.map((p) => p.head.ref)).toEqual(['feature']);
});

test("'slow' with until holds the request until the test lets it go", async () => {
  let release!: () => void;
  gh.faults.inject({
    operationId: 'pulls/create',
    kind: 'slow',
    until: new Promise<void>((resolve) => (release = resolve)),
  });
  const held = createPull('feature');
  await waitUntil(
    () => gh.filterRequests({ operationId: 'pulls/create' }).length > 0,
    'the create request to reach the emulator',
  );
  // Arrived and held: other requests are answered meanwhile, and the create has not happened.
  expect((await api('GET', '/repos/acme/app/pulls')).body).toEqual([]);
  expect(gh.state.pulls).toEqual([]);
  release();
  expect((await held).status).toBe(201);
  expect(gh.state.pulls.map((p) => p.head.ref)).toEqual(['feature']);
});
