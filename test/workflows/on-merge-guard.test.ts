// The on-merge guard decides "exactly one deploy per merge (and app)". Its step is
// migrate-with-rollback's mode guard: run here as the runner would (the bundle, with the `with:` of
// on-merge.yml's guard step), against the GitHub emulator.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createGitHubClient } from '@promote/core/github/client';
import { memoryLogger } from '@promote/core/logger';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { runBundle } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';

const root = join(import.meta.dirname, '..', '..');
const workflow = parse(
  readFileSync(join(root, '.github', 'workflows', 'on-merge.yml'), 'utf8'),
) as {
  jobs: { guard: { steps: { id?: string; uses?: string; with?: Record<string, string> }[] } };
};
const step = workflow.jobs.guard.steps.find((s) => s.id === 'decide')!;

let emu: Emulator;
let n = 0;
beforeAll(async () => {
  emu = await startEmulator({ owner: 'acme', repo: 'shop' });
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

async function merged(options: { merged?: boolean; baseRef?: string } = {}) {
  const sha = await emu.git.commit({
    branch: 'main',
    files: { [`src/change-${++n}.ts`]: `export const n = ${n};\n` },
    message: `Merge pull request #${n} from acme/feature-${n}`,
  });
  const event = {
    name: 'pull_request',
    payload: adaptPayload(examplePayload('pull_request', 'closed'), {
      owner: 'acme',
      repo: 'shop',
      number: n,
      merged: options.merged ?? true,
      mergeCommitSha: sha,
      baseRef: options.baseRef ?? 'main',
      headRef: `feature-${n}`,
    }),
  };
  return { sha, event };
}

/** The guard step with the workflow's inputs (environment production, the default config path). */
async function guard(event: { name: string; payload: object }, sha: string) {
  const since = emu.requests.length;
  const run = await runBundle({
    action: 'migrate-with-rollback',
    inputs: { mode: step.with!.mode!, environment: 'production', config: '.github/promotion.yml' },
    token: 'ghs_guardToken',
    event,
    emulator: emu,
    sha,
  });
  const notices = run.annotations.filter((a) => a.level === 'notice').map((a) => a.message);
  return { run, notices, asked: emu.requests.slice(since) };
}

test('the guard step is migrate-with-rollback in mode guard, reading only', () => {
  expect(step.uses).toBe('$/actions/migrate-with-rollback');
  expect(step.with).toMatchObject({ mode: 'guard', token: '${{ github.token }}' });
  expect(
    (
      parse(readFileSync(join(root, '.github', 'workflows', 'on-merge.yml'), 'utf8')) as {
        jobs: { guard: { permissions: Record<string, string> } };
      }
    ).jobs.guard.permissions,
  ).toEqual({ contents: 'read', deployments: 'read' });
});

test('a merged PR into production with no deployment yet deploys its merge commit', async () => {
  const { sha, event } = await merged();
  const r = await guard(event, sha);
  expect(r.run.exitCode).toBe(0);
  expect(r.run.outputs).toMatchObject({ deploy: 'true', sha, apps: '[""]' });
  expect(r.asked.map((q) => q.method)).not.toContain('POST');
  expect(
    r.asked.filter((q) => q.path === '/repos/acme/shop/deployments').map((q) => q.query),
  ).toContainEqual(expect.stringMatching(new RegExp(`sha=${sha}.*environment=production`)));
});

test('the same merge delivered again (a deployment exists) does not deploy twice', async () => {
  const { sha, event } = await merged();
  const gh = createGitHubClient({
    token: 'setup-token',
    baseUrl: emu.url,
    logger: memoryLogger(),
    env: { PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0' },
  });
  await gh.rest.repos.createDeployment({
    owner: 'acme',
    repo: 'shop',
    ref: sha,
    task: 'deploy:migrate',
    environment: 'production',
    auto_merge: false,
    required_contexts: [],
  });
  const r = await guard(event, sha);
  expect(r.run.outputs.deploy).toBe('false');
  expect(r.notices).toContain(
    `Skipped: ${sha} already has a deployment to production (see its statuses).`,
  );
});

test('a PR closed without merging does not deploy and asks GitHub nothing', async () => {
  const { sha, event } = await merged({ merged: false });
  const r = await guard(event, sha);
  expect(r.run.outputs.deploy).toBe('false');
  expect(r.notices).toContain('Skipped: the pull request was closed without merging.');
  expect(r.asked).toEqual([]);
});

test('a merge into another branch does not deploy', async () => {
  const { sha, event } = await merged({ baseRef: 'staging' });
  const r = await guard(event, sha);
  expect(r.run.outputs.deploy).toBe('false');
  expect(r.notices).toContain('Skipped: staging is not the production branch (main).');
});

test('a hostile branch name is data: nothing it says is executed', async () => {
  const { sha, event } = await merged({ baseRef: '$(touch /tmp/promote-guard-pwned)`id`' });
  const r = await guard(event, sha);
  expect(r.run.outputs.deploy).toBe('false');
  expect(r.notices.join('\n')).toContain(
    '$(touch /tmp/promote-guard-pwned)`id` is not the production branch',
  );
  expect(existsSync('/tmp/promote-guard-pwned')).toBe(false);
});
