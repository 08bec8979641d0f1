import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { systemClock } from '@promote/core/clock';
import { memoryIO } from '@promote/core/io';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from '../../../actions/prod-smoke-seal/src/main.js';
import { examplePayload } from '../../support/payloads.js';
import { rawLogger } from '../../support/raw-logger.js';
import { SECTION_START } from '../../../actions/prod-smoke-seal/src/seal-targets.js';
import { HttpError } from '../../support/emulator/errors.js';
import {
  addRollbackWorkflow,
  expectNoSecrets,
  prodConfig,
  SECRETS,
  startWorld,
  type World,
} from './world.js';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  // Every request and response this action caused matched GitHub's OpenAPI description.
  const violations = [...world.emulator.contractViolations];
  await world.close();
  expect(violations).toEqual([]);
});

async function runAction(inputs: Record<string, string> = {}) {
  const io = memoryIO({
    token: 'ghs_jobtoken1234567890',
    'deployment-id': String(world.deploymentId),
    ...inputs,
  });
  const logger = rawLogger();
  await run(world.deps({ io, logger, clock: systemClock }));
  // log: what the runner shows (registered secrets masked); printed: what the action wrote.
  return { io, logger, log: logger.lines.join('\n'), printed: logger.printed };
}

function statusesFor(sha: string) {
  return world.emulator.state.statuses.filter(
    (s) => s.sha === sha && s.context === 'promote/smoke-seal',
  );
}

describe('sealing a healthy production', () => {
  test('green everywhere people look: commit status, deployment status, release notes, chat, outputs', async () => {
    await world.gh.rest.repos.createRelease({
      owner: 'acme',
      repo: 'shop',
      tag_name: 'v1.4.0',
      target_commitish: world.sha,
      body: '## Changes\n- checkout v2',
    });
    await world.writeConfig(prodConfig(world));
    const { io, log, printed } = await runAction({ tag: 'v1.4.0' });

    expect(io.failed).toBeUndefined();
    expect(io.outputs.seal).toBe('green');
    expect(log).not.toContain('::warning::');
    const results = JSON.parse(io.outputs.results!);
    expect(results.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['health', true],
      ['admin page', true],
    ]);

    // The commit status on the deployed SHA, under the stable context.
    const [status, ...more] = statusesFor(world.sha);
    expect(more).toHaveLength(0);
    expect(status).toMatchObject({
      state: 'success',
      target_url: 'https://github.com/acme/shop/actions/runs/4242',
    });
    expect(status?.description).toMatch(/^2 of 2 smoke checks passed, p95 \d+ ms$/);

    const deploymentStatuses = world.emulator.state.deploymentStatuses.filter(
      (s) => s.deployment_id === world.deploymentId,
    );
    expect(deploymentStatuses.at(-1)).toMatchObject({
      state: 'success',
      log_url: 'https://github.com/acme/shop/actions/runs/4242',
    });
    expect(deploymentStatuses.at(-1)?.description).toMatch(
      /^Smoke seal green: 2 of 2 smoke checks passed/,
    );

    const release = world.emulator.state.releases.find((r) => r.tag_name === 'v1.4.0');
    expect(release?.body).toMatch(
      /^## Changes\n- checkout v2\n\n<!-- promote:smoke-seal:start -->\n### Production smoke seal: ✓ green/,
    );
    expect(io.outputs.summary).toContain('| ✓ pass | health |');
    expect(io.summary).toContain('### Production smoke seal: ✓ green');

    expect(world.chat.received.map((r) => r.path.split('/')[1])).toEqual([
      'slack',
      'discord',
      'teams',
    ]);
    expect(JSON.stringify(world.chat.received[0]?.json)).toContain(
      'Production smoke seal GREEN for acme/shop@' + world.sha.slice(0, 7),
    );

    // The secrets really went to production...
    const [health, admin] = world.prod.requests;
    expect(health?.headers.authorization).toBe(`Bearer ${SECRETS.SMOKE_TOKEN}`);
    expect(admin?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${SECRETS.SMOKE_USER}:${SECRETS.SMOKE_PASSWORD}`).toString('base64')}`,
    );
    // ...and nowhere else: not in the log (as the action writes it, before the runner masks),
    // outputs, summary, GitHub API bodies or chat.
    expectNoSecrets('log', printed);
    expectNoSecrets('outputs', JSON.stringify(io.outputs));
    expectNoSecrets('summary', io.summary);
    expectNoSecrets('GitHub API bodies', world.emulator.allRequestBodies());
    expectNoSecrets('chat', world.chat.received.map((r) => r.body).join('\n'));
  });

  test('a re-run records nothing twice: one release section, no repeated status', async () => {
    await world.gh.rest.repos.createRelease({
      owner: 'acme',
      repo: 'shop',
      tag_name: 'v1.4.0',
      target_commitish: world.sha,
      body: 'notes',
    });
    await world.writeConfig(
      prodConfig(world, {}, [{ name: 'health', path: '/healthy', method: 'HEAD' }]),
    );
    await runAction({ tag: 'v1.4.0' });
    await runAction({ tag: 'v1.4.0' });
    const body = world.emulator.state.releases[0]?.body ?? '';
    expect(body.split(SECTION_START)).toHaveLength(2);
    expect(body.startsWith('notes\n\n')).toBe(true);
    // The headline carries the measured p95, so a second run may say something new; it never says the same thing twice.
    const descriptions = statusesFor(world.sha).map((s) => s.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    const deploymentDescriptions = world.emulator.state.deploymentStatuses.map(
      (s) => s.description,
    );
    expect(new Set(deploymentDescriptions).size).toBe(deploymentDescriptions.length);
  });
});

describe('which commit gets the seal', () => {
  test('after a merged PR, the merge commit (what production runs), not the PR head or GITHUB_SHA', async () => {
    const payload = examplePayload('pull_request', 'closed') as {
      pull_request: Record<string, unknown>;
    };
    payload.pull_request.merged = true;
    payload.pull_request.merge_commit_sha = world.sha;
    (payload.pull_request.base as { ref: string }).ref = 'main';
    const eventPath = join(world.workspace, 'event.json');
    await writeFile(eventPath, JSON.stringify(payload));
    const other = await world.emulator.git.commit({
      branch: 'main',
      files: { 'later.txt': 'x' },
      message: 'chore: later',
    });
    world.env.GITHUB_SHA = other;
    world.env.GITHUB_EVENT_PATH = eventPath;
    world.env.GITHUB_EVENT_NAME = 'pull_request';
    await world.writeConfig(prodConfig(world, {}, [{ name: 'health', path: '/healthy' }]));
    await runAction({ 'deployment-id': '' });
    expect(statusesFor(world.sha)).toHaveLength(1);
    expect(statusesFor(other)).toHaveLength(0);
  });
});

describe('sealing a broken production', () => {
  test('red with the reasons, one issue per SHA mentioning on-call, and the rollback command; the step still succeeds (alert)', async () => {
    await world.writeConfig(
      prodConfig(world, { issue: { enabled: true, mention: ['octocat', '@acme/oncall'] } }, [
        { name: 'health', path: '/healthy' },
        {
          name: 'status api',
          path: '/wrong-json',
          expect: { json: [{ path: '$.status', equals: 'ok' }] },
        },
        { name: 'checkout', path: '/status/503' },
      ]),
    );
    const first = await runAction({ tag: 'v1.4.0' });
    expect(first.io.failed).toBeUndefined();
    expect(first.io.outputs.seal).toBe('red');
    expect(statusesFor(world.sha).at(-1)).toMatchObject({
      state: 'failure',
      description: '2 of 3 smoke checks failed: status api: $.status is "degraded", expected "ok"',
    });
    expect(world.emulator.state.deploymentStatuses.at(-1)?.state).toBe('failure');

    const command = `gh workflow run promote-rollback.yml --repo acme/shop --ref main -f release=v1.4.0 -f reason='prod-smoke-seal red on ${world.sha.slice(0, 7)}: status api, checkout'`;
    expect(first.io.outputs.summary).toContain(command);
    expect(first.log).toContain(`To roll production back: ${command}`);

    const issues = world.emulator.state.issues.filter(
      (i) => i.title === `Production smoke checks red on ${world.sha.slice(0, 7)}`,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.body).toContain('@octocat @acme/oncall: production smoke checks failed');
    expect(issues[0]?.body).toContain('| ✗ fail | checkout |');

    const slack = JSON.stringify(world.chat.on('/slack/T000/B000/XXXXsecretpath')[0]?.json);
    expect(slack).toContain('Production smoke seal RED');
    expect(slack).toContain('status api');
    expect(slack).toContain('checkout');

    // Red again on a re-run: the same issue is updated, not a second one opened.
    await runAction({ tag: 'v1.4.0' });
    expect(
      world.emulator.state.issues.filter((i) => i.title.startsWith('Production smoke checks red')),
    ).toHaveLength(1);
    expect(world.emulator.state.dispatches).toHaveLength(0);
  });

  test('on-failure: fail fails the step with the reason and the rollback command', async () => {
    await world.writeConfig(
      prodConfig(world, { 'on-failure': 'fail' }, [{ name: 'checkout', path: '/status/500' }]),
    );
    const { io } = await runAction();
    expect(io.outputs.seal).toBe('red');
    expect(io.failed).toMatch(
      /^Production smoke checks failed \(1 of 1 smoke checks failed: checkout: status 500, expected 200\); roll back with: gh workflow run promote-rollback.yml/,
    );
  });

  test('on-failure: rollback dispatches promote-rollback.yml on the production branch with the backup id, the release and a defused reason', async () => {
    await world.writeConfig({
      branches: { production: 'live' },
      ...prodConfig(
        world,
        // The example's promote-rollback.yml declares exactly backup-id, release and reason.
        { 'on-failure': 'rollback' },
        [{ name: 'checkout @acme/oncall', path: '/status/500' }],
      ),
    });
    await world.emulator.git.commit({ branch: 'live', files: { 'a.txt': 'a' }, message: 'live' });
    await addRollbackWorkflow(world, 'live');
    const backupId = `production-20261130T101530Z-${world.sha.slice(0, 7)}`;
    // Dispatched from main while production is live: the deployed commit is named (sha input).
    const { io, log } = await runAction({ tag: 'v1.4.0', 'backup-id': backupId, sha: world.sha });
    expect(io.failed).toBeUndefined();
    expect(io.outputs.seal).toBe('red');

    const reason = `prod-smoke-seal red on ${world.sha.slice(0, 7)}: checkout @\u200bacme/oncall`;
    const sent = world.emulator.filterRequests({ operationId: 'actions/create-workflow-dispatch' });
    expect(sent.map((r) => [r.path, r.body])).toEqual([
      [
        '/repos/acme/shop/actions/workflows/promote-rollback.yml/dispatches',
        {
          ref: 'live',
          inputs: { 'backup-id': backupId, release: 'v1.4.0', reason },
        },
      ],
    ]);
    expect(log).toContain('Rollback dispatched: dispatched promote-rollback.yml on live');
    // The command a person would paste restores the same backup through the same workflow.
    const command = `gh workflow run promote-rollback.yml --repo acme/shop --ref live -f release=v1.4.0 -f backup-id=${backupId} -f reason='${reason}'`;
    expect(log).toContain(`To roll production back: ${command}`);
    expect(io.outputs.summary).toContain(command);
  });

  test('the reason sent is one bounded line whatever the check names', async () => {
    const long = 'x'.repeat(300);
    await world.writeConfig(
      prodConfig(world, { 'on-failure': 'rollback' }, [
        { name: `${long}\nsecond line`, path: '/status/500' },
      ]),
    );
    await addRollbackWorkflow(world);
    await runAction({ 'backup-id': 'b-1' });
    const [sent] = world.emulator.filterRequests({
      operationId: 'actions/create-workflow-dispatch',
    });
    const reason = (sent?.body as { inputs: { reason: string } }).inputs.reason;
    expect(reason.length).toBeLessThanOrEqual(200);
    expect(reason).not.toMatch(/\n/);
    expect(reason).toMatch(/^prod-smoke-seal red on [0-9a-f]{7}: x+…$/);
  });

  test('on-failure: rollback with neither a backup id nor a tag fails before any check or request', async () => {
    await world.writeConfig(
      prodConfig(world, { 'on-failure': 'rollback' }, [{ name: 'checkout', path: '/status/500' }]),
    );
    const before = world.emulator.requests.length;
    const { io } = await runAction();
    expect(io.failed).toBe(
      "on-failure: rollback needs to know what to restore, and this run names nothing: pass the backup-id input (the migrate step's backup-id output) or tag (a release whose backup is recorded). Without them promote-rollback.yml would refuse the dispatch.",
    );
    expect(world.prod.requests).toHaveLength(0);
    expect(world.emulator.requests.length).toBe(before);
  });
});

describe('an automatic rollback GitHub refuses to start', () => {
  test.each([
    [
      404,
      'Not Found',
      "GitHub answered 404 to dispatching promote-rollback.yml on main: acme/shop has no workflow file .github/workflows/promote-rollback.yml with a workflow_dispatch trigger on that branch. Fix: add it (copy examples/<app>/.github/workflows/promote-rollback.yml) or set promote.rollback-workflow (or smoke.rollback.workflow) to your rollback workflow's file name",
    ],
    [
      422,
      'Unexpected inputs provided: ["backup-id"]',
      'GitHub answered 422 to dispatching promote-rollback.yml on main (422 Unexpected inputs provided: ["backup-id"] - https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event): the workflow does not accept the inputs backup-id, reason, or main is not a branch. Fix: declare them under on.workflow_dispatch.inputs as examples/<app>/.github/workflows/promote-rollback.yml does, and dispatch on the production branch (smoke.rollback.ref)',
    ],
  ])(
    'GitHub answering %i fails the step naming the workflow file, the fix and the command to run by hand',
    async (status, message, cause) => {
      await world.close();
      world = await startWorld({
        routes: {
          'actions/create-workflow-dispatch': () => {
            throw new HttpError(status, message);
          },
        },
      });
      await world.writeConfig(
        prodConfig(world, { 'on-failure': 'rollback' }, [
          { name: 'checkout', path: '/status/500' },
        ]),
      );
      const { io } = await runAction({ 'backup-id': 'production-1' });
      expect(io.outputs.seal).toBe('red');
      expect(
        world.emulator.filterRequests({ operationId: 'actions/create-workflow-dispatch' }),
      ).toHaveLength(1);
      expect(io.failed).toBe(
        `Smoke seal RED and the automatic rollback did NOT start: ${cause}. Roll back by hand now: gh workflow run promote-rollback.yml --repo acme/shop --ref main -f backup-id=production-1 -f reason='prod-smoke-seal red on ${world.sha.slice(0, 7)}: checkout'`,
      );
      // The seal itself is still recorded where people look.
      expect(statusesFor(world.sha).at(-1)?.state).toBe('failure');
    },
  );
});

describe('when a seal target cannot be written', () => {
  test('GitHub failing the commit status fails the step naming what is recorded and to re-run; a revoked chat webhook is a warning; the other targets still get the seal', async () => {
    world.emulator.faults.inject({
      operationId: 'repos/create-commit-status',
      kind: '5xx',
      status: 500,
      times: 10,
    });
    world.chat.failWith('/slack/T000/B000/XXXXsecretpath', 404);
    await world.writeConfig(prodConfig(world));
    const { io, log, printed, logger } = await runAction();
    // The required promote/smoke-seal status never arrives: a green step would hide that.
    expect(io.failed).toMatch(
      /^The smoke seal is GREEN, but it could not be recorded in the commit status \(500 .*\)\. Done: the seal is recorded in the deployment status, .*Re-run this job to record it/,
    );
    expect(io.outputs.seal).toBe('green');
    expect(log).toMatch(
      /::warning::Could not record the seal in the commit status \(500 .*\); the seal itself stands\./,
    );
    expect(log).toMatch(
      /::warning::Could not notify slack \(HTTP 404\) after 1 attempt; carrying on\./,
    );
    expect(world.emulator.state.deploymentStatuses.at(-1)?.state).toBe('success');
    expect(world.chat.received.map((r) => r.path.split('/')[1])).toEqual([
      'slack',
      'discord',
      'teams',
    ]);
    // The webhook URLs are credentials too: registered as secrets, and never printed.
    expect(logger.secrets).toContain(world.env.SLACK_WEBHOOK_URL);
    expect(printed).not.toContain('XXXXsecretpath');
  });
});

describe('the red issue when GitHub loses a response', () => {
  test('a create retried after a lost response leaves one open issue for the SHA', async () => {
    world.emulator.faults.inject({ operationId: 'issues/create', kind: 'lost-response', times: 1 });
    await world.writeConfig(
      prodConfig(world, { issue: { enabled: true, mention: ['octocat'] } }, [
        { name: 'checkout', path: '/status/500' },
      ]),
    );
    const { io } = await runAction();
    expect(io.outputs.seal).toBe('red');
    const mine = world.emulator.state.issues.filter((i) =>
      i.title.startsWith('Production smoke checks red'),
    );
    // The lost response made the retry create a second one; it was closed, the oldest kept.
    expect(mine).toHaveLength(2);
    expect(mine.filter((i) => i.state === 'open').map((i) => i.number)).toEqual([
      Math.min(...mine.map((i) => i.number)),
    ]);
  });
});

describe('bad config is refused before any request', () => {
  test.each([
    [
      'a write method',
      { checks: [{ name: 'purge', path: '/cache', method: 'DELETE' }] },
      /method "DELETE" is not allowed: smoke checks are read-only, use GET or HEAD/,
    ],
    ['no checks', { checks: [] }, /smoke.checks is empty: add at least one check/],
    [
      'an invalid URL',
      { checks: [{ name: 'x', url: 'htp:/broken' }] },
      /"htp:\/broken" is not an absolute http\(s\) URL/,
    ],
  ])('%s', async (_what, smoke, message) => {
    await world.writeConfig({ smoke: { 'base-url': world.prod.url, ...smoke } });
    const before = world.emulator.requests.length;
    const { io } = await runAction();
    expect(io.failed).toMatch(message);
    expect(world.prod.requests).toHaveLength(0);
    expect(world.emulator.requests.length).toBe(before);
    expect(world.chat.received).toHaveLength(0);
  });
});
