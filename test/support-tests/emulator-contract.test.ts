// The emulator answers only what GitHub's OpenAPI description allows, in both directions.
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { client } from './emulator-helpers.js';

let gh: Emulator;
let api: ReturnType<typeof client>;
beforeEach(async () => {
  gh = await startEmulator();
  api = client(gh);
});
afterEach(async () => {
  await gh.close();
});

test('a check run with status "bogus" is rejected as GitHub rejects it, before any side effect', async () => {
  const sha = (await gh.git.revParse('main')) as string;
  const res = await api('POST', '/repos/acme/app/check-runs', {
    name: 'preflight',
    head_sha: sha,
    status: 'bogus',
  });
  expect(res.status).toBe(422);
  expect(res.body).toEqual({
    message: `Invalid request.\n\nFor 'properties/status', "bogus" is not a member of enum.`,
    errors: [
      {
        code: 'invalid',
        field: 'status',
        message: `For 'properties/status', "bogus" is not a member of enum.`,
      },
    ],
    documentation_url: 'https://docs.github.com/rest/reference/checks#create-a-check-run',
    status: '422',
  });
  expect(gh.state.checkRuns).toEqual([]);
  expect(gh.contractViolations).toEqual([]);
});

test('a pull request without head is rejected with "\\"head\\" wasn\'t supplied."', async () => {
  const res = await api('POST', '/repos/acme/app/pulls', { title: 'x', base: 'main' });
  expect(res.status).toBe(422);
  expect(res.body.message).toBe(`Invalid request.\n\n"head" wasn't supplied.`);
  expect(res.body.documentation_url).toBe(
    'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
  );
  expect(gh.state.pulls).toEqual([]);
});

test('wrong types, bad query values, bad JSON, unknown paths and non-numeric ids answer as GitHub does', async () => {
  const sha = (await gh.git.revParse('main')) as string;
  const wrongType = await api('POST', '/repos/acme/app/check-runs', { name: 5, head_sha: sha });
  expect(wrongType.body.message).toBe(
    `Invalid request.\n\nFor 'properties/name', 5 is not a string.`,
  );
  const badQuery = await api('GET', '/repos/acme/app/pulls?state=merged');
  expect(badQuery.status).toBe(422);
  const res = await fetch(`${gh.url}/repos/acme/app/issues`, {
    method: 'POST',
    body: '{"title":',
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { message: string }).message).toBe('Problems parsing JSON');
  expect((await api('GET', '/repos/acme/app/no-such-thing')).body).toMatchObject({
    message: 'Not Found',
    status: '404',
  });
  expect((await api('GET', '/repos/acme/app/pulls/abc')).status).toBe(404);
  expect((await api('GET', '/repos/someone/else')).status).toBe(404);
  expect(gh.contractViolations).toEqual([]);
});

test('a response that breaks the schema is a loud 500 naming the operation, and is recorded', async () => {
  await gh.git.commit({ branch: 'feature', files: { 'a.txt': 'a\n' }, message: 'a' });
  await api('POST', '/repos/acme/app/pulls', { title: 'F', head: 'feature', base: 'main' });
  gh.debug.corruptNextResponse('pulls/get', (body) => {
    delete body.number;
  });
  const broken = await api('GET', '/repos/acme/app/pulls/1');
  expect(broken.status).toBe(500);
  expect(broken.body.message).toBe(
    `emulator contract violation: pulls/get 200 response does not match GitHub's schema: (root) must have required property 'number' {"missingProperty":"number"}`,
  );
  expect(gh.contractViolations).toHaveLength(1);
  gh.debug.corruptNextResponse('pulls/get', (body) => ({ ...body, state: 'merged' }));
  const wrongEnum = await api('GET', '/repos/acme/app/pulls/1');
  expect(wrongEnum.status).toBe(500);
  expect(gh.contractViolations[1]).toContain('/state must be equal to one of the allowed values');
  expect((await api('GET', '/repos/acme/app/pulls/1')).status).toBe(200);
});

test('an operation no route implements is a 501 that names the file to add it in', async () => {
  const res = await api('GET', '/repos/acme/app/environments');
  expect(res.status).toBe(501);
  expect(res.body.message).toContain('repos/get-all-environments');
  expect(res.body.message).toContain('test/support/emulator/routes/');
  expect(gh.unimplemented).toEqual(['repos/get-all-environments']);
});

test('per-emulator routes can add an operation; validate: false turns the contract off', async () => {
  const custom = await startEmulator({
    validate: false,
    routes: {
      'repos/get-all-environments': () => ({ status: 200, body: { total_count: 'not a number' } }),
    },
  });
  try {
    const res = await client(custom)('GET', '/repos/acme/app/environments');
    expect(res.body).toEqual({ total_count: 'not a number' });
    expect(custom.contractViolations).toEqual([]);
  } finally {
    await custom.close();
  }
});
