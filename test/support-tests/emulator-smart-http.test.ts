// The emulator serves git's smart HTTP protocol like github.com: a private repository (a token
// is needed, as the Basic auth password or a bearer header), partial clone filters accepted,
// reachable commits fetchable by SHA, pushes refused; each git request is counted apart from the
// REST requests.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { expectClean } from './emulator-helpers.js';

let gh: Emulator;
let clone: string;
beforeEach(async () => {
  gh = await startEmulator();
  clone = mkdtempSync(join(tmpdir(), 'smart-http-'));
});
afterEach(async () => {
  rmSync(clone, { recursive: true, force: true });
  try {
    expectClean(gh);
  } finally {
    await gh.close();
  }
});

/**
 * git in `clone`, with the token (if any) as an extraheader passed through the environment.
 * Asynchronous: the emulator answers from this same process.
 */
function git(
  args: string[],
  header?: string,
): Promise<{ status: number; stdout: string; stderr: string }> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: clone,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
  };
  if (header) {
    Object.assign(env, {
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: `http.${gh.url}/.extraheader`,
      GIT_CONFIG_VALUE_0: header,
    });
  }
  return new Promise((resolve) => {
    execFile('git', args, { cwd: clone, env, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) || 1 : 0, stdout, stderr }),
    );
  });
}
const basic = (token: string) =>
  `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

test('a treeless fetch of one commit and the tags brings commits and tags, no trees or blobs', async () => {
  const first = await gh.git.commit({
    branch: 'main',
    files: { 'a.txt': 'a\n' },
    message: 'feat: a',
  });
  await gh.git.run([
    '-c',
    'user.name=Ada',
    '-c',
    'user.email=ada@example.com',
    'tag',
    '-a',
    'v1.0.0',
    '-m',
    'v1.0.0',
    first,
  ]);
  const head = await gh.git.commit({
    branch: 'main',
    files: { 'b.txt': 'b\n' },
    message: 'fix: b',
  });
  const token = gh.tokens.mint({ kind: 'github-token', permissions: { contents: 'read' } });

  expect((await git(['init', '-q', '--bare', '.'])).status).toBe(0);
  expect((await git(['remote', 'add', 'origin', `${gh.url}/acme/app.git`])).status).toBe(0);
  const fetched = await git(
    [
      'fetch',
      '--filter=tree:0',
      '--no-tags',
      'origin',
      `+${head}:refs/release/target`,
      '+refs/tags/*:refs/tags/*',
    ],
    basic(token),
  );

  expect(fetched.stderr).not.toContain('fatal');
  expect(fetched.status).toBe(0);
  // Every git request carried the token; none was a REST call.
  const requests = gh.filterRequests({ git: true });
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.every((r) => r.token === token && r.status === 200)).toBe(true);
  expect(gh.countRequests({ git: false })).toBe(0);
  expect((await git(['log', '--format=%s', 'refs/release/target'])).stdout).toContain(
    'fix: b\nfeat: a',
  );
  expect(
    (await git(['for-each-ref', '--format=%(refname) %(*objectname)', 'refs/tags'])).stdout,
  ).toBe(`refs/tags/v1.0.0 ${first}\n`);
  // Only commits and the annotated tag arrived: the root tree of the head is missing (asking for
  // it tries a lazy fetch from the promisor remote, refused here without the token).
  expect((await git(['cat-file', '-e', `${head}^{tree}`])).status).not.toBe(0);
});

test.each([
  ['no credentials', undefined, /Authentication failed|could not read Username|401/],
  ['a revoked token', 'revoked', /Authentication failed|could not read Username|401/],
  ['a token without contents: read', 'no-contents', /403|denied/],
])('%s: the fetch is refused', async (_name, kind, error) => {
  let header: string | undefined;
  if (kind) {
    const token = gh.tokens.mint({
      kind: 'github-token',
      permissions: kind === 'no-contents' ? { issues: 'write' } : { contents: 'read' },
    });
    if (kind === 'revoked') gh.tokens.revoke(token);
    header = basic(token);
  }
  const r = await git(['ls-remote', `${gh.url}/acme/app.git`], header);
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(error);
});

test('a bearer header works too; a push over smart HTTP is refused', async () => {
  const token = gh.tokens.mint({ kind: 'github-token' });
  const listed = await git(
    ['ls-remote', `${gh.url}/acme/app.git`],
    `AUTHORIZATION: bearer ${token}`,
  );
  expect(listed.status).toBe(0);
  expect(listed.stdout).toContain('refs/heads/main');

  expect((await git(['init', '-q', '.'])).status).toBe(0);
  await git([
    '-c',
    'user.name=a',
    '-c',
    'user.email=a@b',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'x',
  ]);
  const pushed = await git(['push', `${gh.url}/acme/app.git`, 'HEAD:refs/heads/x'], basic(token));
  expect(pushed.status).not.toBe(0);
  expect(await gh.git.revParse('x')).toBeFalsy();
});
