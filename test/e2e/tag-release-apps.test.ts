// tag-release for one app of a monorepo (issue #20), end to end: the bundle (dist/tag-release)
// run the way the runner runs it, against the GitHub emulator whose repository holds apps/api
// and apps/worker. Each app has its own tags, changelog and release; a merge that changes only
// apps/api releases api and leaves worker alone. Both ways tag-release reads the history of an
// app: a full checkout (history: git), and without one a blobless fetch from the emulator's git
// server (what history: auto does instead of the API, which cannot tell which commit changed what).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBundle } from '../support/harness.js';
import { startEmulator, type Emulator } from '../support/emulator/server.js';
import { createGitHistory, type GitHistory } from '../support/git-history.js';
import { mergedPullRequestEvent, OWNER, REPO } from '../actions/tag-release/world.js';

const FAST_RETRIES = {
  PROMOTE_GITHUB_RETRY_BASE_MS: '1',
  PROMOTE_GITHUB_RETRY_AFTER_BASE_MS: '1',
  PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0',
  PROMOTE_GITHUB_TIMEOUT_MS: '30000',
};

const CONFIG = `release:
  tag-prefix: v
apps:
  api:
    paths: [apps/api/**]
  worker:
    paths: [apps/worker/**]
`;

const EMPTY_CHANGELOG = '# Changelog\n\n## [Unreleased]\n';

interface World {
  emu: Emulator;
  h: GitHistory;
  workspace: string;
  mergeSha: string;
}

/**
 * main: api-v1.0.0 and worker-v1.0.0 (and the repository's own v3.0.0), each app with its
 * changelog; staging: a feature in apps/api and a root docs change, promoted with a merge commit.
 */
async function world(checkout: 'full' | 'none'): Promise<World> {
  const emu = await startEmulator({ owner: OWNER, repo: REPO });
  const h = createGitHistory();
  h.commit('docs: api changelog', { file: 'apps/api/CHANGELOG.md', content: EMPTY_CHANGELOG });
  h.commit('docs: worker changelog', {
    file: 'apps/worker/CHANGELOG.md',
    content: EMPTY_CHANGELOG,
  });
  h.tag('api-v1.0.0');
  h.tag('worker-v1.0.0');
  h.tag('v3.0.0');
  h.branch('staging');
  h.commit('feat(api): search endpoint (#40)', { file: 'apps/api/search.ts' });
  h.commit('fix: root readme typo (#41)', { file: 'README.md' });
  h.checkout('main');
  const mergeSha = h.mergePullRequest('staging', 77, 'Promote staging');
  h.pushTo(emu.git.dir);
  const workspace = mkdtempSync(join(tmpdir(), 'promote-e2e-apps-'));
  if (checkout === 'full') {
    rmSync(workspace, { recursive: true, force: true });
    execFileSync('git', ['clone', '-q', '--no-local', h.dir, workspace]);
  }
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(join(workspace, '.github', 'promotion.yml'), CONFIG);
  return { emu, h, workspace, mergeSha };
}

async function close(w: World): Promise<void> {
  await w.emu.close();
  await w.emu.git.remove();
  w.h.cleanup();
  rmSync(w.workspace, { recursive: true, force: true });
}

function release(w: World, inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runBundle({
    action: 'tag-release',
    emulator: w.emu,
    cwd: w.workspace,
    sha: w.mergeSha,
    token: 'ghs_e2eJobToken000000000000000000000000',
    event: { name: 'pull_request', payload: mergedPullRequestEvent(w.mergeSha) },
    inputs,
    env: { ...FAST_RETRIES, ...env },
  });
}

/** migrate-with-rollback's deploy:migrate deployment of the merge for `app`, and how it ended. */
function deployed(
  w: World,
  app: string,
  statuses: [state: 'success' | 'failure', description: string][],
): void {
  const id = w.emu.nextId();
  const at = '2026-11-25T13:00:00Z';
  w.emu.state.deployments.push({
    id,
    sha: w.mergeSha,
    ref: w.mergeSha,
    task: 'deploy:migrate',
    payload: { app },
    environment: 'production',
    original_environment: 'production',
    description: null,
    creator: 'deployer',
    transient_environment: false,
    production_environment: true,
    created_at: at,
    updated_at: at,
  });
  statuses.forEach(([state, description], i) =>
    w.emu.state.deploymentStatuses.push({
      id: w.emu.nextId(),
      deployment_id: id,
      state,
      description,
      environment: 'production',
      target_url: 'https://github.com/acme/shop/actions/runs/1',
      log_url: 'https://github.com/acme/shop/actions/runs/1',
      environment_url: '',
      creator: 'deployer',
      created_at: `2026-11-25T13:0${i + 1}:00Z`,
      updated_at: `2026-11-25T13:0${i + 1}:00Z`,
    }),
  );
}

/** The emulator as the git server too (its API under /api/v3, GitHub Enterprise Server's layout). */
const served = (w: World) => ({
  GITHUB_SERVER_URL: w.emu.url,
  GITHUB_API_URL: `${w.emu.url}/api/v3`,
});

const HISTORIES = [
  {
    name: 'a full checkout (history: git)',
    checkout: 'full' as const,
    inputs: { history: 'git' } as Record<string, string>,
    env: (_w: World) => ({}),
    server: (_w: World) => 'https://github.com',
    gitRequests: 0,
    log: 'Reading tags and commits from the checkout (full clone).',
  },
  {
    name: 'no checkout: a blobless fetch (history: auto)',
    checkout: 'none' as const,
    inputs: { history: 'auto' } as Record<string, string>,
    env: served,
    server: (w: World) => w.emu.url,
    // One fetch: the protocol v2 handshake, ls-refs and the fetch itself.
    gitRequests: 3,
    log: 'from a blobless fetch of',
  },
];

describe.each(HISTORIES)('an app of a monorepo released from $name', (how) => {
  let w: World;
  beforeEach(async () => {
    w = await world(how.checkout);
  });
  afterEach(async () => {
    await close(w);
  });

  test('a feature in apps/api only: api-v1.1.0 on the merge commit with its changelog and release; worker has nothing to release', async () => {
    const repoUrl = `${how.server(w)}/acme/shop`;
    const api = await release(w, { app: 'api', seal: 'green', ...how.inputs }, how.env(w));
    expect(api.exitCode).toBe(0);
    expect(api.log).toContain(how.log);
    expect(api.log).toContain(
      'Current version: 1.0.0   Bump: minor (1 feature)   New version: 1.1.0',
    );
    expect(api.outputs).toMatchObject({
      app: 'api',
      version: '1.1.0',
      'previous-version': '1.0.0',
      tag: 'api-v1.1.0',
      bump: 'minor',
    });

    // Commits and the files they change came from git: no compare or commit-list page, and no
    // git request beyond the one fetch (a missing tree would have been fetched on its own).
    expect(w.emu.countRequests({ operationId: 'repos/compare-commits-with-basehead' })).toBe(0);
    expect(w.emu.countRequests({ operationId: 'repos/list-commits' })).toBe(0);
    expect(w.emu.countRequests({ git: true })).toBe(how.gitRequests);

    const tags = await w.emu.git.tags();
    expect(Object.keys(tags).sort()).toEqual([
      'api-v1.0.0',
      'api-v1.1.0',
      'v3.0.0',
      'worker-v1.0.0',
    ]);
    expect(tags['api-v1.1.0']).toMatchObject({ type: 'annotated', sha: w.mergeSha });

    const apiLog = (await w.emu.git.readFile('main', 'apps/api/CHANGELOG.md')) ?? '';
    expect(apiLog).toMatch(
      /## \[Unreleased\]\n\n## \[1\.1\.0\] - \d{4}-\d{2}-\d{2}\n\n### Added\n\n- \*\*api:\*\* search endpoint \(\[#40\]/,
    );
    expect(apiLog).not.toContain('readme typo');
    expect(apiLog).toContain(`[1.1.0]: ${repoUrl}/compare/api-v1.0.0...api-v1.1.0`);
    expect(await w.emu.git.readFile('main', 'apps/worker/CHANGELOG.md')).toBe(EMPTY_CHANGELOG);
    expect(await w.emu.git.readFile('main', 'CHANGELOG.md')).toBeUndefined();

    expect(w.emu.state.releases).toHaveLength(1);
    expect(w.emu.state.releases[0]).toMatchObject({ tag_name: 'api-v1.1.0', name: 'api v1.1.0' });
    expect(w.emu.state.releases[0]!.body).toContain(
      `**Full changelog**: [api-v1.0.0...api-v1.1.0](${repoUrl}/compare/api-v1.0.0...api-v1.1.0)`,
    );
    expect(api.summary).toContain('## Shipped api-v1.1.0');
    expect(api.summary).toContain('| App | `api` |');
    expect(api.summary).toContain(
      "gh workflow run promote-rollback.yml --repo acme/shop -f release=api-v1.0.0 -f app=api -f reason='api-v1.1.0 broke production'",
    );

    w.emu.resetCounters();
    const worker = await release(w, { app: 'worker', seal: 'green', ...how.inputs }, how.env(w));
    expect(worker.exitCode).toBe(0);
    expect(worker.log).toContain(
      'No release-worthy commits changing app worker since worker-v1.0.0; nothing to release.',
    );
    expect(worker.outputs).toMatchObject({ app: 'worker', version: '', tag: '', bump: 'none' });
    expect(worker.summary).toContain('## Nothing to release for worker');
    expect(w.emu.countRequests({ writes: true, git: false })).toBe(0);

    // A re-run of api finds its release done and writes nothing.
    const again = await release(w, { app: 'api', seal: 'green', ...how.inputs }, how.env(w));
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toMatchObject({ version: '1.1.0', tag: 'api-v1.1.0' });
    expect(w.emu.countRequests({ writes: true, git: false })).toBe(0);
    expect(Object.keys(await w.emu.git.tags())).toHaveLength(4);
  });
});

describe('what an app release refuses, before any write', () => {
  let w: World;
  beforeEach(async () => {
    w = await world('none');
  });
  afterEach(async () => {
    await close(w);
  });

  test("on-merge's release leg of an app whose deploy failed (restored) releases nothing; a sealed deploy is released with its seal", async () => {
    deployed(w, 'api', [['failure', 'migration failed; restored backup production--api-1']]);
    const failed = await release(w, { app: 'api', history: 'auto' }, served(w));
    expect(failed.exitCode).toBe(0);
    expect(failed.outputs).toMatchObject({ skipped: 'true' });
    expect(failed.outputs['skip-reason']).toMatch(
      /^app api failed to deploy at [0-9a-f]{7} on production \(deployment \d+\), so its version stays where it is$/,
    );
    expect(w.emu.countRequests({ writes: true, git: false })).toBe(0);
    expect(Object.keys(await w.emu.git.tags())).toHaveLength(3);

    w.emu.state.deployments.length = 0;
    deployed(w, 'api', [
      ['success', 'migrated'],
      ['success', 'Smoke seal green: 2 checks passed'],
    ]);
    const sealed = await release(w, { app: 'api', history: 'auto' }, served(w));
    expect(sealed.exitCode).toBe(0);
    expect(sealed.outputs).toMatchObject({ tag: 'api-v1.1.0', skipped: 'false' });
    const rel = w.emu.state.releases.find((r) => r.tag_name === 'api-v1.1.0');
    expect(rel?.body).toContain('### Production smoke seal\n\n🟢 **green**');
  });

  test.each([
    [
      { app: 'api', history: 'api' },
      'input history is "api", but releasing app api needs the files each commit changes',
    ],
    [
      { app: 'web' },
      'app "web" is not declared in promotion.yml (apps: api, worker); use one of those names',
    ],
    [
      { app: 'api', stage: 'staging' },
      'input stage is "staging", but releases are cut on the last stage only (production)',
    ],
  ])('%j', async (inputs, message) => {
    const run = await release(w, inputs);
    expect(run.exitCode).not.toBe(0);
    expect(run.log).toContain(message);
    expect(w.emu.countRequests({ writes: true, git: false })).toBe(0);
    expect(Object.keys(await w.emu.git.tags())).toHaveLength(3);
  });
});
