// Branch rules as GitHub enforces them on API pushes: classic protection (GH006's REST form) and
// repository rulesets (GH013's: "Repository rule violations found"), with bypass for a token that
// may bypass, and GET /rules/branches/{branch} listing the active rules.
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { client, expectClean } from './emulator-helpers.js';

let gh: Emulator;
let api: ReturnType<typeof client>;
let ahead: string;
beforeEach(async () => {
  gh = await startEmulator();
  api = client(gh);
  ahead = await gh.git.commit({ branch: 'feature', files: { x: 'x\n' }, message: 'feat: x' });
});
afterEach(async () => {
  try {
    expectClean(gh);
  } finally {
    await gh.close();
  }
});

const RULES_VIOLATION =
  'Repository rule violations found\n\nChanges must be made through a pull request.\n\n';

function protectWithRuleset() {
  return gh.addRuleset({
    name: 'main',
    conditions: { ref_name: { include: ['~DEFAULT_BRANCH'], exclude: [] } },
    rules: [{ type: 'pull_request' }, { type: 'deletion' }, { type: 'non_fast_forward' }],
    bypass_actors: [{ actor_id: 1, actor_type: 'Integration', bypass_mode: 'always' }],
  });
}

test('rules/branches lists the active rules of the rulesets that target the branch, paginated', async () => {
  const rs = protectWithRuleset();
  gh.addRuleset({
    name: 'releases',
    conditions: {
      ref_name: { include: ['refs/heads/release/**'], exclude: ['refs/heads/release/old/*'] },
    },
    rules: [
      {
        type: 'required_status_checks',
        parameters: { required_status_checks: [{ context: 'ci' }] },
      },
    ],
  });
  gh.addRuleset({ name: 'off', enforcement: 'disabled', rules: [{ type: 'update' }] });
  const rules = await api('GET', '/repos/acme/app/rules/branches/main');
  expect(rules.status).toBe(200);
  expect(rules.body.map((r: { type: string }) => r.type)).toEqual([
    'pull_request',
    'deletion',
    'non_fast_forward',
  ]);
  expect(rules.body[0]).toMatchObject({
    ruleset_source_type: 'Repository',
    ruleset_source: 'acme/app',
    ruleset_id: rs.id,
    parameters: { required_approving_review_count: 0 },
  });
  const page = await api('GET', '/repos/acme/app/rules/branches/main?per_page=2');
  expect(page.body).toHaveLength(2);
  expect(page.headers.get('link')).toContain('rel="next"');
  expect((await api('GET', '/repos/acme/app/rules/branches/release/v1/x')).body).toEqual([
    expect.objectContaining({ type: 'required_status_checks' }),
  ]);
  expect((await api('GET', '/repos/acme/app/rules/branches/release/old/x')).body).toEqual([]);
  expect((await api('GET', '/repos/acme/app/rules/branches/feature')).body).toEqual([]);
});

test('a ruleset refuses update-ref (422), the contents API (409) and deletion; a bypass token may push', async () => {
  protectWithRuleset();
  const before = await gh.git.revParse('main');
  const moved = await api('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: ahead });
  expect(moved.status).toBe(422);
  expect(moved.body.message).toBe(RULES_VIOLATION);
  const file = await api('PUT', '/repos/acme/app/contents/CHANGELOG.md', {
    message: 'docs: changelog',
    content: Buffer.from('# x\n').toString('base64'),
  });
  expect(file.status).toBe(409);
  expect(file.body.message).toBe(RULES_VIOLATION);
  const deleted = await api('DELETE', '/repos/acme/app/git/refs/heads/main');
  expect(deleted.status).toBe(422);
  expect(deleted.body.message).toBe(
    'Repository rule violations found\n\nCannot delete this branch\n\n',
  );
  expect(await gh.git.revParse('main')).toBe(before);
  // The release App in the bypass list.
  const app = gh.tokens.mint({ kind: 'app', login: 'promote-release[bot]', bypass: true });
  expect(
    (await client(gh, app)('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: ahead })).status,
  ).toBe(200);
  expect(await gh.git.revParse('main')).toBe(ahead);
  // A branch the ruleset does not target moves freely.
  const other = await gh.git.commit({ branch: 'feature', files: { y: 'y' }, message: 'y' });
  expect(
    (await api('PATCH', '/repos/acme/app/git/refs/heads/feature', { sha: other })).status,
  ).toBe(200);
});

test('classic protection refuses pushes with GH006 in REST form; a bypass token may push', async () => {
  gh.state.protection.main = {
    required_pull_request_reviews: { required_approving_review_count: 1 },
  };
  const refused = await api('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: ahead });
  expect(refused.status).toBe(422);
  expect(refused.body.message).toBe(
    'Protected branch update failed for refs/heads/main. Changes must be made through a pull request.',
  );
  const admin = gh.tokens.mint({ kind: 'pat', login: 'octocat', bypass: true });
  const pushed = await client(gh, admin)('PUT', '/repos/acme/app/contents/CHANGELOG.md', {
    message: 'docs: changelog',
    content: Buffer.from('# x\n').toString('base64'),
  });
  expect(pushed.status).toBe(201);
  expect(await gh.git.readFile('main', 'CHANGELOG.md')).toBe('# x\n');
});

test('classic protection without reviews still refuses a force push and a deletion', async () => {
  gh.state.protection.main = {};
  const main = (await gh.git.revParse('main')) as string;
  await gh.git.commit({ branch: 'main', files: { z: 'z' }, message: 'z' });
  const forced = await api('PATCH', '/repos/acme/app/git/refs/heads/main', {
    sha: main,
    force: true,
  });
  expect(forced.status).toBe(422);
  expect(forced.body.message).toBe(
    'Protected branch update failed for refs/heads/main. Cannot force-push to this branch.',
  );
  expect((await api('DELETE', '/repos/acme/app/git/refs/heads/main')).status).toBe(422);
});

test('a ruleset requiring status checks blocks a push without them, and the PR merge until they are green', async () => {
  gh.addRuleset({
    rules: [
      {
        type: 'required_status_checks',
        parameters: { required_status_checks: [{ context: 'promote/preflight' }] },
      },
    ],
  });
  const pushed = await api('PATCH', '/repos/acme/app/git/refs/heads/main', { sha: ahead });
  expect(pushed.status).toBe(422);
  expect(pushed.body.message).toBe(
    'Repository rule violations found\n\n1 of 1 required status check is expected.\n\n',
  );
  const pr = await api('POST', '/repos/acme/app/pulls', {
    head: 'feature',
    base: 'main',
    title: 'x',
  });
  const early = await api('PUT', `/repos/acme/app/pulls/${pr.body.number as number}/merge`, {});
  expect(early.status).toBe(405);
  expect(early.body.message).toBe('Required status check "promote/preflight" is expected.');
  await api('POST', `/repos/acme/app/statuses/${ahead}`, {
    state: 'success',
    context: 'promote/preflight',
  });
  const merged = await api('PUT', `/repos/acme/app/pulls/${pr.body.number as number}/merge`, {});
  expect(merged.status).toBe(200);
});
