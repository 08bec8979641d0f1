// prod-smoke-seal end to end: the committed bundle (dist/prod-smoke-seal/index.js) run the way the
// runner runs it (Node 24, INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), against the GitHub emulator,
// loopback production endpoints and a local chat webhook receiver.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { HttpError } from '../support/emulator/errors.js';
import { runBundle } from '../support/harness.js';
import {
  expectNoSecrets,
  prodConfig,
  SECRETS,
  startWorld,
  type World,
} from '../actions/prod-smoke-seal/world.js';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  const violations = [...world.emulator.contractViolations];
  await world.close();
  expect(violations).toEqual([]);
});

const TOKEN = 'ghs_e2eJobToken0123456789abcdef';

function runSeal(inputs: Record<string, string>) {
  return runBundle({
    action: 'prod-smoke-seal',
    inputs: { 'deployment-id': String(world.deploymentId), ...inputs },
    token: TOKEN,
    emulator: world.emulator,
    cwd: world.workspace,
    sha: world.sha,
    env: world.env,
  });
}

describe('a user seals a deploy with prod-smoke-seal', () => {
  test('healthy production: the commit shows a green promote/smoke-seal status, the deployment succeeds, chat says GREEN', async () => {
    await world.writeConfig(prodConfig(world));
    const run = await runSeal({});

    expect(run.exitCode).toBe(0);
    expect(run.outputs.seal).toBe('green');
    expect(run.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        level: 'notice',
        message: expect.stringMatching(/^Smoke seal GREEN: 2 of 2 smoke checks passed/),
      }),
    );

    // What the user sees on the commit (the combined status API a branch page reads).
    const { data: combined } = await world.gh.rest.repos.getCombinedStatusForRef({
      owner: 'acme',
      repo: 'shop',
      ref: world.sha,
    });
    expect(combined.statuses).toEqual([
      expect.objectContaining({
        context: 'promote/smoke-seal',
        state: 'success',
        description: expect.stringMatching(/^2 of 2 smoke checks passed, p95 \d+ ms$/),
      }),
    ]);

    // ...on the deployment (the environment page).
    const { data: statuses } = await world.gh.rest.repos.listDeploymentStatuses({
      owner: 'acme',
      repo: 'shop',
      deployment_id: world.deploymentId,
    });
    expect(statuses[0]).toMatchObject({
      state: 'success',
      description: expect.stringMatching(/^Smoke seal green: /),
    });

    // ...in the job summary and the summary output tag-release puts in the release notes.
    expect(run.summary).toContain('### Production smoke seal: ✓ green');
    expect(run.outputs.summary).toContain('| ✓ pass | admin page |');

    // ...and in each chat.
    const slack = world.chat.received.find((r) => r.path.startsWith('/slack'))?.json as {
      text: string;
    };
    expect(slack.text).toContain(
      `Production smoke seal GREEN for acme/shop@${world.sha.slice(0, 7)}`,
    );
    const discord = world.chat.received.find((r) => r.path.startsWith('/discord'))?.json as {
      embeds: { title: string; color: number }[];
    };
    expect(discord.embeds[0]).toMatchObject({
      title: expect.stringContaining('Production smoke seal GREEN'),
      color: 0x2da44e,
    });
    const teams = world.chat.received.find((r) => r.path.startsWith('/teams'))?.json as {
      attachments: { content: { type: string } }[];
    };
    expect(teams.attachments[0]?.content.type).toBe('AdaptiveCard');

    // Production received the credentials; nothing the user can read shows them, in any encoding.
    expect(world.prod.requests[0]?.headers.authorization).toBe(`Bearer ${SECRETS.SMOKE_TOKEN}`);
    expectNoSecrets('raw log (before runner masking)', run.rawLog);
    expectNoSecrets('outputs', JSON.stringify(run.outputs));
    expectNoSecrets('summary', run.summary);
    expectNoSecrets('GitHub API bodies', world.emulator.allRequestBodies());
    expectNoSecrets('chat payloads', world.chat.received.map((r) => r.body).join('\n'));
    expect(
      run.rawLog
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain(TOKEN);
  });

  test('broken production with on-failure: fail: red status and deployment, chat lists the failing checks, the step fails with the rollback command', async () => {
    await world.writeConfig(
      prodConfig(world, { 'on-failure': 'fail' }, [
        {
          name: 'health',
          path: '/healthy',
          headers: { Authorization: { env: 'SMOKE_TOKEN', format: 'Bearer {value}' } },
        },
        {
          name: 'status api',
          path: '/wrong-json',
          expect: { json: [{ path: '$.status', equals: 'ok' }] },
        },
        { name: 'legacy redirect', path: '/loop-a' },
      ]),
    );
    const run = await runSeal({ tag: 'v3.0.0' });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.seal).toBe('red');
    const error = run.annotations.find(
      (a) => a.level === 'error' && a.message.startsWith('Production smoke checks failed'),
    );
    expect(error?.message).toContain(
      `roll back with: gh workflow run promote-rollback.yml --repo acme/shop --ref main -f release=v3.0.0 -f reason='prod-smoke-seal red on ${world.sha.slice(0, 7)}: status api, legacy redirect'`,
    );

    const { data: combined } = await world.gh.rest.repos.getCombinedStatusForRef({
      owner: 'acme',
      repo: 'shop',
      ref: world.sha,
    });
    expect(combined.state).toBe('failure');
    expect(combined.statuses[0]?.description).toBe(
      '2 of 3 smoke checks failed: status api: $.status is "degraded", expected "ok"',
    );
    const { data: statuses } = await world.gh.rest.repos.listDeploymentStatuses({
      owner: 'acme',
      repo: 'shop',
      deployment_id: world.deploymentId,
    });
    expect(statuses[0]?.state).toBe('failure');

    const results = JSON.parse(run.outputs.results!) as {
      checks: { name: string; reason: string }[];
    };
    expect(results.checks.find((c) => c.name === 'legacy redirect')?.reason).toMatch(
      /^redirect loop: .*\/loop-a -> .*\/loop-b -> .*\/loop-a$/,
    );

    const slack = JSON.stringify(
      world.chat.received.find((r) => r.path.startsWith('/slack'))?.json,
    );
    expect(slack).toContain('Production smoke seal RED');
    expect(slack).toContain('status api');
    expect(slack).toContain('legacy redirect');
    expectNoSecrets('raw log', run.rawLog);
    expectNoSecrets('GitHub API bodies', world.emulator.allRequestBodies());
  });

  test('a platform that serves the new commit only after a while: the bundle waits for it, then seals green', async () => {
    const old = '0123456789abcdef0123456789abcdef01234567';
    await world.writeConfig(
      prodConfig(world, {
        'wait-for-live': {
          path: `/version?old=${old}&new=${world.sha}&after=2`,
          'json-path': '$.commit',
          timeout: '2m',
          interval: '100ms',
        },
      }),
    );
    const run = await runSeal({});
    expect(run.exitCode).toBe(0);
    expect(run.outputs.seal).toBe('green');
    const paths = world.prod.requests.map((r) => r.path.split('?')[0]);
    expect(paths.slice(0, 3)).toEqual(['/version', '/version', '/version']);
    expect(paths.slice(3).sort()).toEqual(['/echo', '/healthy']);
    expect(run.log).toContain(`Poll 3: serves ${world.sha.slice(0, 7)}`);
    expect(run.outputs.summary).toContain('| ✓ pass | live version |');
  });

  test('a red seal whose automatic rollback GitHub refuses (404): the step fails naming the workflow file and the command to run by hand', async () => {
    await world.close();
    world = await startWorld({
      routes: {
        'actions/create-workflow-dispatch': () => {
          throw new HttpError(404, 'Not Found');
        },
      },
    });
    await world.writeConfig(
      prodConfig(world, { 'on-failure': 'rollback' }, [{ name: 'health', path: '/status/500' }]),
    );
    const run = await runSeal({ 'backup-id': 'production-20261130T101530Z-abc1234' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.seal).toBe('red');
    const [sent] = world.emulator.filterRequests({
      operationId: 'actions/create-workflow-dispatch',
    });
    expect(sent?.path).toBe('/repos/acme/shop/actions/workflows/promote-rollback.yml/dispatches');
    expect(sent?.body).toEqual({
      ref: 'main',
      inputs: {
        'backup-id': 'production-20261130T101530Z-abc1234',
        reason: `prod-smoke-seal red on ${world.sha.slice(0, 7)}: health`,
      },
    });
    const error = run.annotations.find(
      (a) => a.level === 'error' && a.message.startsWith('Smoke seal RED and the automatic'),
    );
    expect(error?.message).toContain(
      'GitHub answered 404 to dispatching promote-rollback.yml on main',
    );
    expect(error?.message).toContain(
      `Roll back by hand now: gh workflow run promote-rollback.yml --repo acme/shop --ref main -f backup-id=production-20261130T101530Z-abc1234`,
    );
  });

  test('a write method in the config fails the step before any request', async () => {
    await world.writeConfig({
      smoke: {
        'base-url': world.prod.url,
        checks: [{ name: 'warm cache', path: '/cache', method: 'POST' }],
      },
    });
    const before = world.emulator.requests.length;
    const run = await runSeal({});
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /method "POST" is not allowed: smoke checks are read-only, use GET or HEAD/,
    );
    expect(world.prod.requests).toHaveLength(0);
    expect(world.emulator.requests.length).toBe(before);
  });

  test('dry-run: the plan of checks is printed with secrets masked, and nothing is requested or written', async () => {
    await world.writeConfig(prodConfig(world));
    const before = world.emulator.requests.length;
    const run = await runSeal({ 'dry-run': 'true' });

    expect(run.exitCode).toBe(0);
    expect(run.log).toContain('Dry run: nothing is requested, run or written.');
    expect(run.summary).toContain(
      `GET ${world.prod.url}/healthy (health; 2 attempts, 2s each; headers Authorization: ***)`,
    );
    expect(run.summary).toContain(`GET ${world.prod.url}/echo (admin page;`);
    expectNoSecrets('dry-run log (before runner masking)', run.rawLog);
    expectNoSecrets('dry-run summary', run.summary);
    expect(world.prod.requests).toHaveLength(0);
    expect(world.emulator.requests.length).toBe(before);
    expect(world.chat.received).toEqual([]);
    expect(run.outputs.seal).toBeUndefined();
  });
});
