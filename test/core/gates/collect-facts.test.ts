// What preflight reads before any gate decides: every read a configured gate needs, once, from
// the emulator (real git underneath) and the workspace; a read that fails is a reason, not a crash.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@promote/core/clock';
import { createExec } from '@promote/core/exec';
import { memoryLogger } from '@promote/core/logger';
import { collectFacts, readPullRequest } from '@promote/core/gates/collect';
import type { PreflightConfig } from '@promote/core/config/sections/preflight';
import type { PreflightFacts } from '@promote/core/gates/facts';
import { preflight } from './facts-builder.js';
import { startWorld, stopWorld, type World } from '../github/world.js';

let world: World;
let workspace: string;
beforeEach(async () => {
  world = await startWorld();
  workspace = mkdtempSync(join(tmpdir(), 'promote-collect-'));
});
afterEach(async () => {
  rmSync(workspace, { recursive: true, force: true });
  await stopWorld(world);
});

const NOW = new Date('2026-11-25T13:30:00Z');

/** A PR from `feature` into main changing a protected JSON file, a source file and a doc. */
async function openPullRequest() {
  await world.emu.git.commit({
    branch: 'main',
    message: 'chore: settings',
    files: { 'config/settings.json': '{"mode":"calm"}\n' },
  });
  await world.emu.git.commit({
    branch: 'feature',
    message: 'feat(api): export (#3)',
    files: { 'config/settings.json': '{"mode":"loud"}\n', 'src/api.ts': 'export {};\n' },
  });
  const headSha = await world.emu.git.commit({
    branch: 'feature',
    message: 'fix(ui): rounding',
    files: { 'docs/readme.md': '# hi\n' },
  });
  const { data } = await world.gh.rest.pulls.create({
    ...world.repo,
    head: 'feature',
    base: 'main',
    title: 'Promote',
  });
  return { number: data.number, headSha };
}

function collect(pr: Awaited<ReturnType<typeof readPullRequest>>, config: PreflightConfig) {
  return collectFacts(
    {
      github: world.gh,
      repo: world.repo,
      exec: createExec({ logger: memoryLogger() }),
      clock: fixedClock(NOW),
      workspace,
      checkName: 'promote/preflight',
      productionBranch: 'main',
      gateFiles: ['.github/promotion.yml'],
    },
    pr,
    config,
  );
}

const errorOf = (f: { ok: boolean; error?: string }) => (f.ok ? 'read' : f.error);

test('every configured gate gets its facts, read once, and a missing report file is a reason', async () => {
  const { number, headSha } = await openPullRequest();
  await world.gh.rest.pulls.createReview({
    ...world.repo,
    pull_number: number,
    event: 'COMMENT',
    body: 'looks fine',
  });
  const { data: deployment } = await world.gh.rest.repos.createDeployment({
    ...world.repo,
    ref: headSha,
    environment: 'staging',
    auto_merge: false,
    required_contexts: [],
  });
  if (!('id' in deployment)) throw new Error('no deployment');
  await world.gh.rest.repos.createDeploymentStatus({
    ...world.repo,
    deployment_id: deployment.id,
    state: 'success',
  });
  world.emu.state.workflowRuns.push({
    id: 77,
    name: 'CI',
    workflow_id: 7,
    path: '.github/workflows/ci.yml',
    head_branch: 'feature',
    head_sha: headSha,
    event: 'pull_request',
    status: 'completed',
    conclusion: 'success',
    run_number: 12,
    run_attempt: 1,
    created_at: NOW.toISOString(),
    updated_at: NOW.toISOString(),
  });
  writeFileSync(join(workspace, 'junit.xml'), '<testsuites/>');
  writeFileSync(join(workspace, 'backup.txt'), '2026-11-25T12:00:00Z\n');
  const config = preflight({
    drift: { compare: { staging: 'feature', git: 'main' } },
    tests: { junit: ['junit.xml'], lcov: ['coverage/lcov.info'] },
    backup: { file: { path: 'backup.txt', read: 'contents' } },
    custom: { commands: [{ name: 'lint', run: ['sh', '-c', 'echo linted; exit 3'] }] },
    'change-size': { count: ['scopes', 'areas'] },
    approvals: { 'staging-deployment': { environment: 'staging' } },
    'diff-guard': { 'protected-paths': [{ path: 'config/*.json', 'json-path': '$.mode' }] },
  });

  const pr = await readPullRequest(world.gh, world.repo, number);
  world.emu.resetCounters();
  const facts: PreflightFacts = await collect(pr, config);

  expect(facts.now).toEqual(NOW);
  expect(facts.gateFiles).toEqual(['.github/promotion.yml']);
  expect(facts.files.ok && facts.files.value.files.map((f) => f.filename).sort()).toEqual([
    'config/settings.json',
    'docs/readme.md',
    'src/api.ts',
  ]);
  expect(facts.commits.ok && facts.commits.value.messages).toEqual([
    'feat(api): export (#3)',
    'fix(ui): rounding',
  ]);
  expect(facts.reviews.ok && facts.reviews.value.map((r) => r.state)).toEqual(['COMMENTED']);
  expect(facts.deployments.ok && facts.deployments.value).toEqual([
    { environment: 'staging', state: 'success' },
  ]);
  expect(errorOf(facts.branch)).toBe('read');
  expect(facts.compare.ok && facts.compare.value.files.map((f) => f.filename).sort()).toEqual([
    'config/settings.json',
    'docs/readme.md',
    'src/api.ts',
  ]);
  expect(facts.ciRuns.ok && facts.ciRuns.value).toEqual([
    expect.objectContaining({ name: 'CI', conclusion: 'success', runNumber: 12 }),
  ]);
  expect([...facts.reports.keys()]).toEqual(['junit.xml', 'coverage/lcov.info']);
  expect(facts.reports.get('junit.xml')).toEqual({ ok: true, value: '<testsuites/>' });
  expect(errorOf(facts.reports.get('coverage/lcov.info')!)).toBe(
    `report file coverage/lcov.info: not found in ${workspace} (did the job that writes it run and upload it?)`,
  );
  expect([...facts.commands.keys()]).toEqual(['custom:lint']);
  expect(facts.commands.get('custom:lint')).toEqual({
    ok: true,
    value: { exitCode: 3, stdout: 'linted\n', stderr: '', timedOut: false },
  });
  expect(facts.backupFile.ok && facts.backupFile.value.contents).toBe('2026-11-25T12:00:00Z\n');
  expect(facts.protectedContents.get('config/settings.json')).toEqual({
    ok: true,
    value: { base: '{"mode":"calm"}\n', head: '{"mode":"loud"}\n' },
  });
  expect([...facts.protectedContents.keys()]).toEqual(['config/settings.json']);
  // Read once: one listing of the PR's files for the three gates that read them.
  expect(world.emu.countRequests({ operationId: 'pulls/list-files' })).toBe(1);
});

test('gates that are not configured read nothing; a drift or backup command runs in the workspace', async () => {
  const { number } = await openPullRequest();
  const config = preflight({
    ci: { enabled: false },
    'diff-guard': { enabled: false },
    'branch-protection': { enabled: false },
    drift: { command: ['sh', '-c', 'pwd'] },
    backup: { command: ['sh', '-c', 'echo old >&2; exit 1'] },
  });
  const pr = await readPullRequest(world.gh, world.repo, number);
  world.emu.resetCounters();
  const facts = await collect(pr, config);

  // The gate files alone make the PR's files needed; nothing else is read from GitHub.
  expect(world.emu.filterRequests().map((r) => r.operationId)).toEqual(['pulls/list-files']);
  for (const [name, f] of Object.entries({
    commits: facts.commits,
    reviews: facts.reviews,
    deployments: facts.deployments,
    branch: facts.branch,
    compare: facts.compare,
    ciRuns: facts.ciRuns,
    backupFile: facts.backupFile,
  }))
    expect([name, f.ok]).toEqual([name, false]);
  expect(errorOf(facts.ciRuns)).toBe('workflow runs was not read');
  expect([...facts.commands.keys()]).toEqual(['drift', 'backup']);
  expect(facts.commands.get('drift')).toEqual({
    ok: true,
    value: expect.objectContaining({ exitCode: 0, stdout: expect.stringContaining(workspace) }),
  });
  expect(facts.commands.get('backup')).toEqual({
    ok: true,
    value: { exitCode: 1, stdout: '', stderr: 'old\n', timedOut: false },
  });
});
