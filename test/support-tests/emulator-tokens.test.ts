// Minted tokens follow GitHub's permission model: each operation needs its scope
// (https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps), a PAT
// cannot create check runs, a revoked token is refused; tokens from before the registry keep
// full access.
import { startEmulator, type Emulator, type PermissionScope } from '../support/emulator/index.js';
import { client, expectClean } from './emulator-helpers.js';

let gh: Emulator;
let main: string;
beforeEach(async () => {
  gh = await startEmulator();
  main = (await gh.git.revParse('main')) as string;
});
afterEach(async () => {
  try {
    expectClean(gh);
  } finally {
    await gh.close();
  }
});

const ALL_WRITE: Record<Exclude<PermissionScope, 'metadata'>, 'write'> = {
  actions: 'write',
  checks: 'write',
  contents: 'write',
  deployments: 'write',
  issues: 'write',
  'pull-requests': 'write',
  statuses: 'write',
  administration: 'write',
};

/** One operation per scope that GitHub's permissions page lists under it. */
const NEEDS: Record<
  Exclude<PermissionScope, 'metadata'>,
  (sha: string) => { method: string; path: string; body?: unknown; ok: number }
> = {
  actions: () => ({ method: 'GET', path: '/repos/acme/app/actions/runs', ok: 200 }),
  checks: (sha) => ({
    method: 'POST',
    path: '/repos/acme/app/check-runs',
    body: { name: 'promote/preflight', head_sha: sha },
    ok: 201,
  }),
  contents: () => ({ method: 'GET', path: '/repos/acme/app/contents/README.md', ok: 200 }),
  deployments: () => ({ method: 'GET', path: '/repos/acme/app/deployments', ok: 200 }),
  issues: () => ({
    method: 'POST',
    path: '/repos/acme/app/issues',
    body: { title: 'Promotion blocked' },
    ok: 201,
  }),
  'pull-requests': () => ({ method: 'GET', path: '/repos/acme/app/pulls', ok: 200 }),
  statuses: (sha) => ({
    method: 'POST',
    path: `/repos/acme/app/statuses/${sha}`,
    body: { state: 'success', context: 'promote/seal' },
    ok: 201,
  }),
  administration: () => ({
    method: 'GET',
    path: '/repos/acme/app/branches/main/protection',
    ok: 404, // readable; main just has no classic protection
  }),
};

describe.each(Object.keys(NEEDS) as (keyof typeof NEEDS)[])('the %s scope', (scope) => {
  test('removed: 403 Resource not accessible by integration; granted: the operation runs', async () => {
    const { method, path, body, ok } = NEEDS[scope](main);
    for (const kind of ['github-token', 'app'] as const) {
      const without = gh.tokens.mint({ kind, permissions: { ...ALL_WRITE, [scope]: 'none' } });
      const refused = await client(gh, without)(method, path, body);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        message: 'Resource not accessible by integration',
        documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//),
        status: '403',
      });
      const only = gh.tokens.mint({ kind, permissions: { [scope]: 'write' } });
      expect((await client(gh, only)(method, path, body)).status).toBe(ok);
    }
  });
});

test('read is not write: contents read lists files but cannot commit one', async () => {
  const token = gh.tokens.mint({ kind: 'github-token', permissions: { contents: 'read' } });
  const api = client(gh, token);
  expect((await api('GET', '/repos/acme/app/contents/README.md')).status).toBe(200);
  const put = await api('PUT', '/repos/acme/app/contents/x.md', { message: 'x', content: '' });
  expect(put.status).toBe(403);
  expect(await gh.git.readFile('main', 'x.md')).toBeUndefined();
});

test('metadata is always granted: the repository and its rules answer to a token with no scopes', async () => {
  const token = gh.tokens.mint({ kind: 'github-token', permissions: {} });
  const api = client(gh, token);
  expect((await api('GET', '/repos/acme/app')).status).toBe(200);
  expect((await api('GET', '/repos/acme/app/rules/branches/main')).status).toBe(200);
  expect((await api('GET', '/repos/acme/app/pulls')).status).toBe(403);
});

test('a PAT cannot create or update a check run (only GitHub Apps can), but acts as its user otherwise', async () => {
  const pat = gh.tokens.mint({ kind: 'pat', login: 'octocat' });
  const api = client(gh, pat);
  const created = await api('POST', '/repos/acme/app/check-runs', {
    name: 'promote/preflight',
    head_sha: main,
  });
  expect(created.status).toBe(403);
  expect(created.body.message).toBe('You must authenticate via a GitHub App.');
  expect(gh.state.checkRuns).toEqual([]);
  const issue = await api('POST', '/repos/acme/app/issues', { title: 'by a person' });
  expect(issue.status).toBe(201);
  expect(issue.body.user.login).toBe('octocat');
  // The GITHUB_TOKEN (an App) can.
  const job = gh.tokens.mint({ kind: 'github-token', permissions: { checks: 'write' } });
  const run = await client(gh, job)('POST', '/repos/acme/app/check-runs', {
    name: 'promote/preflight',
    head_sha: main,
  });
  expect(run.status).toBe(201);
  const updated = await api('PATCH', `/repos/acme/app/check-runs/${run.body.id as number}`, {
    status: 'completed',
    conclusion: 'success',
  });
  expect(updated.status).toBe(403);
});

test('a revoked token, and one shaped like a minted token that never was, get 401 Bad credentials', async () => {
  const token = gh.tokens.mint({ kind: 'github-token', permissions: { contents: 'read' } });
  expect(gh.tokens.describe(token)).toMatchObject({
    kind: 'github-token',
    login: 'github-actions[bot]',
    permissions: { contents: 'read' },
    token,
  });
  expect((await client(gh, token)('GET', '/repos/acme/app')).status).toBe(200);
  gh.tokens.revoke(token);
  expect(gh.tokens.describe(token)).toBeUndefined();
  const revoked = await client(gh, token)('GET', '/repos/acme/app');
  expect(revoked.status).toBe(401);
  expect(revoked.body.message).toBe('Bad credentials');
  const forged = await client(gh, `${token.slice(0, -4)}ffff`)('GET', '/repos/acme/app');
  expect(forged.status).toBe(401);
});

test('no token, or a legacy token, keeps full access', async () => {
  const res = await fetch(`${gh.url}/repos/acme/app/check-runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'anonymous', head_sha: main }),
  });
  expect(res.status).toBe(201);
  expect(
    (
      await client(gh, 'ghs_test_token')('POST', '/repos/acme/app/check-runs', {
        name: 'legacy',
        head_sha: main,
      })
    ).status,
  ).toBe(201);
  // Omitted permissions: GitHub's permissive default (write everywhere).
  const permissive = gh.tokens.mint({ kind: 'github-token' });
  expect(
    (await client(gh, permissive)('POST', '/repos/acme/app/issues', { title: 'x' })).status,
  ).toBe(201);
});

test('every operation the emulator implements has the permission GitHub documents for it', async () => {
  const { allRoutes } = await import('../support/emulator/routes/index.js');
  const { openApi } = await import('../support/emulator/openapi.js');
  const { requiredPermission } = await import('../support/emulator/tokens.js');
  const unknown = Object.keys(allRoutes()).filter((id) => {
    const op = openApi().byId.get(id);
    return !op || requiredPermission(op) === undefined;
  });
  expect(unknown).toEqual([]);
  const need = (id: string) => requiredPermission(openApi().byId.get(id)!);
  expect(need('pulls/merge')).toEqual({ scopes: ['contents'], level: 'write' });
  expect(need('actions/create-workflow-dispatch')).toEqual({ scopes: ['actions'], level: 'write' });
  expect(need('issues/add-labels')).toEqual({
    scopes: ['issues', 'pull-requests'],
    level: 'write',
  });
  expect(need('repos/create-commit-status')).toEqual({ scopes: ['statuses'], level: 'write' });
  expect(need('repos/get-branch-rules')).toBeNull();
  // https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps: listed
  // under "Pull requests" only, not "Contents".
  expect(need('repos/list-pull-requests-associated-with-commit')).toEqual({
    scopes: ['pull-requests'],
    level: 'read',
  });
  expect(need('issues/update')).toEqual({ scopes: ['issues', 'pull-requests'], level: 'write' });
  expect(need('issues/create')).toEqual({ scopes: ['issues'], level: 'write' });
  expect(need('repos/get-branch')).toEqual({ scopes: ['contents'], level: 'read' });
  expect(need('repos/list-commit-statuses-for-ref')).toEqual({
    scopes: ['statuses'],
    level: 'read',
  });
});
