// Check runs and commit statuses keep GitHub's limits: 50 annotations per request, 65,535-char summaries.
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { client, expectClean } from './emulator-helpers.js';

let gh: Emulator;
let api: ReturnType<typeof client>;
let sha: string;
beforeEach(async () => {
  gh = await startEmulator();
  api = client(gh);
  sha = (await gh.git.revParse('main')) as string;
});
afterEach(async () => {
  try {
    expectClean(gh);
  } finally {
    await gh.close();
  }
});

const annotation = (i: number) => ({
  path: 'src/a.ts',
  start_line: i + 1,
  end_line: i + 1,
  annotation_level: 'warning',
  message: `m${i}`,
});

test('51 annotations in one request is a 422; 50 then 50 more by PATCH are appended', async () => {
  const tooMany = await api('POST', '/repos/acme/app/check-runs', {
    name: 'preflight',
    head_sha: sha,
    output: {
      title: 't',
      summary: 's',
      annotations: Array.from({ length: 51 }, (_, i) => annotation(i)),
    },
  });
  expect(tooMany.status).toBe(422);
  expect(tooMany.body.message).toMatch(
    /^Invalid request\.\n\nFor 'properties\/output\/properties\/annotations'/,
  );
  expect(gh.state.checkRuns).toHaveLength(0);
  const created = await api('POST', '/repos/acme/app/check-runs', {
    name: 'preflight',
    head_sha: sha,
    status: 'in_progress',
    output: {
      title: 't',
      summary: 's',
      annotations: Array.from({ length: 50 }, (_, i) => annotation(i)),
    },
  });
  expect(created.status).toBe(201);
  const updated = await api('PATCH', `/repos/acme/app/check-runs/${created.body.id}`, {
    conclusion: 'failure',
    output: {
      title: 't2',
      summary: 's2',
      annotations: Array.from({ length: 50 }, (_, i) => annotation(50 + i)),
    },
  });
  expect(updated.body).toMatchObject({
    status: 'completed',
    conclusion: 'failure',
    output: { title: 't2', annotations_count: 100 },
  });
  const page2 = await api(
    'GET',
    `/repos/acme/app/check-runs/${created.body.id}/annotations?per_page=100&page=1`,
  );
  expect(page2.body).toHaveLength(100);
  expect(page2.body[99].message).toBe('m99');
});

test('a summary longer than 65,535 characters (or bytes) is a 422; exactly 65,535 is accepted', async () => {
  const long = await api('POST', '/repos/acme/app/check-runs', {
    name: 'c',
    head_sha: sha,
    output: { title: 't', summary: 'x'.repeat(65536) },
  });
  expect(long.status).toBe(422);
  expect(long.body.message).toBe(
    'Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.',
  );
  expect(long.body.status).toBe('422');
  // GitHub also counts bytes: 20,000 emoji are 20,000 characters (40,000 UTF-16 units) but 80,000 bytes
  const emoji = await api('POST', '/repos/acme/app/check-runs', {
    name: 'c',
    head_sha: sha,
    output: { title: 't', summary: '🚀'.repeat(20000) },
  });
  expect(emoji.status).toBe(422);
  expect(emoji.body.errors).toEqual([
    {
      resource: 'CheckRun',
      code: 'custom',
      field: 'summary',
      message: 'summary exceeds a maximum bytesize of 65535',
    },
  ]);
  expect(gh.state.checkRuns).toEqual([]);
  const ok = await api('POST', '/repos/acme/app/check-runs', {
    name: 'c',
    head_sha: sha,
    output: { title: 't', summary: 'x'.repeat(65535) },
  });
  expect(ok.status).toBe(201);
});

test('completed without a conclusion and an unknown SHA are refused', async () => {
  expect(
    (
      await api('POST', '/repos/acme/app/check-runs', {
        name: 'c',
        head_sha: sha,
        status: 'completed',
      })
    ).status,
  ).toBe(422);
  const unknown = await api('POST', '/repos/acme/app/check-runs', {
    name: 'c',
    head_sha: 'f'.repeat(40),
  });
  expect(unknown.status).toBe(422);
  expect(unknown.body.message).toBe(`No commit found for SHA: ${'f'.repeat(40)}`);
});

test('check runs for a ref filter by name and show the latest per name', async () => {
  await api('POST', '/repos/acme/app/check-runs', {
    name: 'a',
    head_sha: sha,
    conclusion: 'failure',
  });
  await api('POST', '/repos/acme/app/check-runs', {
    name: 'a',
    head_sha: sha,
    conclusion: 'success',
  });
  await api('POST', '/repos/acme/app/check-runs', { name: 'b', head_sha: sha });
  const latest = await api('GET', '/repos/acme/app/commits/main/check-runs');
  expect(latest.body.total_count).toBe(2);
  const byName = await api(
    'GET',
    '/repos/acme/app/commits/main/check-runs?check_name=a&filter=all',
  );
  expect(byName.body.check_runs.map((c: { conclusion: string }) => c.conclusion)).toEqual([
    'success',
    'failure',
  ]);
  const one = await api('GET', `/repos/acme/app/check-runs/${byName.body.check_runs[0].id}`);
  expect(one.body).toMatchObject({ name: 'a', head_sha: sha, app: { slug: 'github-actions' } });
});

test('commit statuses combine as GitHub combines them', async () => {
  await api('POST', `/repos/acme/app/statuses/${sha}`, { state: 'pending', context: 'smoke' });
  expect((await api('GET', '/repos/acme/app/commits/main/status')).body.state).toBe('pending');
  await api('POST', `/repos/acme/app/statuses/${sha}`, {
    state: 'success',
    context: 'smoke',
    description: 'sealed',
  });
  await api('POST', `/repos/acme/app/statuses/${sha}`, { state: 'success', context: 'ci' });
  const combined = await api('GET', '/repos/acme/app/commits/main/status');
  expect(combined.body).toMatchObject({ state: 'success', total_count: 2, sha });
  const list = await api('GET', `/repos/acme/app/commits/${sha}/statuses`);
  expect(
    list.body.map((s: { context: string; state: string }) => `${s.context}:${s.state}`),
  ).toEqual(['ci:success', 'smoke:success', 'smoke:pending']);
  await api('POST', `/repos/acme/app/statuses/${sha}`, { state: 'failure', context: 'ci' });
  expect((await api('GET', '/repos/acme/app/commits/main/status')).body.state).toBe('failure');
  const byBranch = await api('POST', '/repos/acme/app/statuses/main', { state: 'success' });
  expect(byBranch.status).toBe(422);
  expect(byBranch.body.message).toBe('No commit found for SHA: main');
  gh.clock = () => new Date('2026-05-03T14:32:00.123Z');
  const stamped = await api('POST', `/repos/acme/app/statuses/${sha}`, {
    state: 'success',
    context: 'time',
  });
  expect(stamped.body.created_at).toBe('2026-05-03T14:32:00Z');
  const bad = await api('POST', `/repos/acme/app/statuses/${sha}`, { state: 'green' });
  expect(bad.status).toBe(422);
});
