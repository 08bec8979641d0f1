// Reusable workflows through the runner: secrets (mapping, inherit, environment secrets),
// permission ceilings and the job's GITHUB_TOKEN, the gh stand-in.
import type { MintOptions, RunnerEmulator } from '../support/workflow-runner/index.js';
import { dispatchEvent, WorkflowRunner } from '../support/workflow-runner/index.js';
import { job, logs, world, type World } from './workflow-runner-helpers.js';

let w: World;
afterEach(async () => {
  await w.close();
});

/** A token registry with CONTRACT.md's shape that records what the runner asked for. */
function recordingTokens() {
  const minted: (MintOptions & { token: string })[] = [];
  const revoked: string[] = [];
  return {
    minted,
    revoked,
    mint(opts: MintOptions) {
      const token = `ghs_recorded${minted.length}`;
      minted.push({ ...opts, token });
      return token;
    },
    revoke(token: string) {
      revoked.push(token);
    },
  };
}

describe('secrets in called workflows', () => {
  test('environment secrets reach a called job only when the caller passes the name or inherits (docs; actions/runner#4453)', async () => {
    w = await world(['env-secrets-caller.yml', 'env-secrets-called.yml'], {
      settings: {
        secrets: { DEPLOY_KEY: 'repo-key' },
        environments: {
          production: { secrets: { DEPLOY_KEY: 'environment-key!' }, reviewers: ['ops-1'] },
        },
      },
    });
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'env-secrets-caller.yml', sha: w.sha }),
    );
    expect(run!.conclusion).toBe('success');
    // Nothing passed: the secret is an empty string and the run does not error.
    expect(job(run, 'none').outputs.length).toBe('0');
    expect(job(run, 'none/use').outputs.length).toBe('0');
    // Passed by name: the called job's environment secret wins over the repository secret.
    expect(job(run, 'by-name').outputs.length).toBe('16');
    expect(job(run, 'inherit').outputs.length).toBe('16');
    // Inherited, but the called job declares no environment: the repository secret.
    expect(job(run, 'no-environment').outputs.length).toBe('8');
    expect(job(run, 'direct').outputs.length).toBe('16');
    expect(job(run, 'by-name/use').name).toBe('by-name / use');
    expect(job(run, 'by-name/use').environment).toEqual({
      name: 'production',
      approval: {
        approved: true,
        by: 'ops-1',
        comment: 'auto-approved by the test',
        reviewers: ['ops-1'],
      },
    });
    expect(w.runner.approvals.map((a) => a.job).sort()).toEqual([
      'by-name/use',
      'direct',
      'inherit/use',
      'none/use',
    ]);
  });

  test('a rejected deployment fails the job and skips nothing else silently', async () => {
    w = await world(['env-secrets-caller.yml', 'env-secrets-called.yml'], {
      settings: { environments: { production: { reviewers: ['ops-1'] } } },
      approve: () => ({ approved: false, by: 'ops-1', comment: 'not today' }),
    });
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'env-secrets-caller.yml', sha: w.sha }),
    );
    expect(run!.conclusion).toBe('failure');
    expect(job(run, 'direct').conclusion).toBe('failure');
    expect(job(run, 'direct').annotations).toContainEqual({
      level: 'error',
      message: 'Deployment to production was rejected by ops-1.',
    });
    expect(job(run, 'no-environment/use').conclusion).toBe('success');
  });
});

describe('permissions', () => {
  test('each job token is minted with exactly its permissions, bounded by the caller job, and revoked at job end', async () => {
    w = await world(['permissions-caller.yml', 'permissions-called.yml']);
    const tokens = recordingTokens();
    const emulator: RunnerEmulator = {
      url: w.gh.url,
      owner: w.gh.owner,
      repo: w.gh.repo,
      git: w.gh.git,
      tokens,
    };
    const runner = new WorkflowRunner({ emulator });
    try {
      const [run] = await runner.trigger(
        dispatchEvent(w.gh, { workflow: 'permissions-caller.yml', sha: w.sha }),
      );
      expect(run!.conclusion).toBe('success');
      const byJob = Object.fromEntries(
        run!.jobs.filter((j) => j.permissions).map((j) => [j.id, j.permissions]),
      );
      expect(byJob).toEqual({
        'call/narrower': { contents: 'read' },
        'call/asks-nothing': { contents: 'write', deployments: 'read' },
      });
      expect(
        tokens.minted
          .map(({ kind, permissions }) => ({ kind, permissions }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      ).toEqual([
        { kind: 'github-token', permissions: { contents: 'read' } },
        { kind: 'github-token', permissions: { contents: 'write', deployments: 'read' } },
      ]);
      expect(tokens.revoked.sort()).toEqual(tokens.minted.map((m) => m.token).sort());
    } finally {
      runner.close();
    }
  });

  test('a nested job asking for more than its caller job has: startup failure with GitHub message, no job runs', async () => {
    w = await world(['permissions-too-much.yml', 'permissions-called.yml']);
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'permissions-too-much.yml', sha: w.sha }),
    );
    expect(run!.conclusion).toBe('startup_failure');
    expect(run!.jobs).toEqual([]);
    expect(run!.errors.join('\n')).toContain(
      "Error calling workflow './.github/workflows/permissions-called.yml'. The nested job 'narrower' is requesting 'contents: read', but is only allowed 'contents: none'.",
    );
  });

  test('a secret the called workflow does not declare: startup failure', async () => {
    w = await world(['secrets-undeclared.yml', 'env-secrets-called.yml']);
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'secrets-undeclared.yml', sha: w.sha }),
    );
    expect(run!.conclusion).toBe('startup_failure');
    expect(run!.errors.join('\n')).toContain(
      'Invalid secret, NOT_DECLARED is not defined in the referenced workflow.',
    );
    expect(run!.jobs).toEqual([]);
  });

  test('gh api with the job token: reads answer; with the emulator token registry (CONTRACT.md) a write outside the permissions is refused', async () => {
    w = await world(['gh-api.yml']);
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'gh-api.yml', sha: w.sha }),
    );
    expect(job(run, 'read').outputs.branch).toBe('main');
    const write = job(run, 'write-without-permission');
    const hasRegistry = 'tokens' in w.gh && (w.gh as { tokens?: unknown }).tokens !== undefined;
    if (hasRegistry) {
      // The job token has contents: read only: GitHub's answer to a deployment create.
      expect(write.conclusion).toBe('failure');
      expect(logs(write)).toContain('gh: Resource not accessible by integration (HTTP 403)');
      expect(w.gh.state.deployments).toEqual([]);
    } else {
      // Before the registry exists every token has full access (CONTRACT.md): the write lands.
      expect(write.conclusion).toBe('success');
      expect(w.gh.state.deployments).toHaveLength(1);
    }
  });
});
