import { promotionConfigSchema } from '@promote/core/config/schema';
import { createGitHubClient } from '@promote/core/github/client';
import { memoryLogger } from '@promote/core/logger';
import type { PullRequestFacts } from '@promote/core/gates/index';
import { readInputs } from '../../../actions/preflight-gates/src/inputs.js';
import { readOverride, reasonIn } from '../../../actions/preflight-gates/src/override.js';
import { renderAudit, verdictOf } from '../../../actions/preflight-gates/src/render.js';
import { resolveTarget } from '../../../actions/preflight-gates/src/target.js';
import { memoryIO } from '@promote/core/io';
import { startEmulator, type Emulator } from '../../support/emulator/index.js';
import { issueEventsRoutes, recordLabelEvent } from '../../support/emulator/routes/issue-events.js';
import { adaptPayload, examplePayload } from '../../support/payloads.js';

const config = promotionConfigSchema().parse({}).preflight;
const inputs = (given: Record<string, string> = {}) =>
  readInputs(memoryIO({ token: 't', ...given }));

describe('which PR a run evaluates', () => {
  test('a pull_request update evaluates its PR; a closed PR is skipped', () => {
    const opened = adaptPayload(examplePayload('pull_request', 'opened'), { number: 42 });
    expect(resolveTarget({ name: 'pull_request', payload: opened }, inputs())).toEqual({
      pullNumber: 42,
      event: 'pull_request',
    });
    const closed = adaptPayload(examplePayload('pull_request', 'closed'), { number: 42 });
    expect(resolveTarget({ name: 'pull_request', payload: closed }, inputs())).toEqual({
      skip: expect.stringContaining('closed'),
    });
  });

  test('a review submitted or dismissed evaluates its PR again; an edited review is skipped', () => {
    for (const action of ['submitted', 'dismissed']) {
      const payload = examplePayload('pull_request_review', action) as {
        pull_request: { number: number };
      };
      expect(resolveTarget({ name: 'pull_request_review', payload }, inputs())).toEqual({
        pullNumber: payload.pull_request.number,
        event: 'pull_request_review',
      });
    }
    // GitHub's examples have no edited review: the submitted one with the action GitHub sends.
    const edited = { ...examplePayload('pull_request_review', 'submitted'), action: 'edited' };
    expect(resolveTarget({ name: 'pull_request_review', payload: edited }, inputs())).toEqual({
      skip: expect.stringContaining('only submitted, dismissed are evaluated'),
    });
  });

  test('merge_group reports on the queue commit of the PR named in the queue branch', () => {
    const payload = adaptPayload(examplePayload('merge_group', 'checks_requested'), {
      headSha: 'c'.repeat(40),
      headRef: `refs/heads/gh-readonly-queue/main/pr-7-${'b'.repeat(40)}`,
    });
    expect(resolveTarget({ name: 'merge_group', payload }, inputs())).toEqual({
      pullNumber: 7,
      reportSha: 'c'.repeat(40),
      event: 'merge_group',
    });
  });

  test('workflow_dispatch needs the PR number; push is refused with the events to use', () => {
    const payload = adaptPayload(examplePayload('workflow_dispatch'), { sender: 'dave' });
    expect(() => resolveTarget({ name: 'workflow_dispatch', payload }, inputs())).toThrow(
      'set the pull-request input',
    );
    expect(
      resolveTarget({ name: 'workflow_dispatch', payload }, inputs({ 'pull-request': '#12' })),
    ).toEqual({
      pullNumber: 12,
      event: 'workflow_dispatch',
      dispatchActor: 'dave',
    });
    expect(() =>
      resolveTarget({ name: 'push', payload: examplePayload('push') }, inputs()),
    ).toThrow(
      'preflight-gates does not handle the "push" event; trigger it on pull_request, pull_request_target, pull_request_review, merge_group or workflow_dispatch',
    );
    expect(() => inputs({ 'pull-request': 'abc' })).toThrow(
      'input pull-request: "abc" is not a pull request number',
    );
  });
});

describe('the emergency override', () => {
  let emu: Emulator;
  let number: number;
  const gh = () =>
    createGitHubClient({ token: 't', logger: memoryLogger(), baseUrl: emu.url, env: {} });
  const repo = () => ({ owner: emu.owner, repo: emu.repo });
  const pr = (labels: string[], body = ''): PullRequestFacts => ({
    number,
    title: 'Promote',
    body,
    author: 'alice',
    headSha: 'a'.repeat(40),
    headRef: 'promote/x',
    baseSha: 'b'.repeat(40),
    baseRef: 'main',
    labels,
    changedFiles: 1,
    commits: 1,
  });
  const now = new Date('2026-11-27T13:30:00Z');

  beforeAll(async () => {
    emu = await startEmulator({ routes: issueEventsRoutes });
    const main = (await emu.git.revParse('refs/heads/main'))!;
    await emu.git.branch('promote/x', main);
    await emu.git.commit({ branch: 'promote/x', files: { 'a.txt': 'a\n' }, message: 'feat: a' });
    number = (
      await gh().rest.pulls.create({ ...repo(), head: 'promote/x', base: 'main', title: 'Promote' })
    ).data.number;
  });
  afterAll(async () => emu?.close());

  test('no label, no override', async () => {
    expect(await readOverride(gh(), repo(), pr([]), config, { now })).toEqual({ state: 'none' });
  });

  test('a label without a reason is refused, and says how to give one', async () => {
    recordLabelEvent(emu, {
      issueNumber: number,
      label: 'emergency-override',
      actor: 'carol',
      at: '2026-11-27T13:20:00Z',
    });
    const s = await readOverride(gh(), repo(), pr(['emergency-override']), config, { now });
    expect(s).toEqual({
      state: 'refused',
      why: expect.stringContaining('add a line "Override-Reason: <why>"'),
    });
  });

  test('the reason from the PR body; the actor is whoever last added the label', async () => {
    recordLabelEvent(emu, {
      issueNumber: number,
      label: 'emergency-override',
      actor: 'erin',
      at: '2026-11-27T13:24:00Z',
    });
    const s = await readOverride(
      gh(),
      repo(),
      pr(['emergency-override'], 'Promote\n\nOverride-Reason: outage INC-1\n'),
      config,
      { now },
    );
    expect(s).toEqual({
      state: 'granted',
      request: {
        actor: 'erin',
        at: '2026-11-27T13:24:00Z',
        reason: 'outage INC-1',
        via: 'label "emergency-override" (reason by @alice)',
      },
    });
  });

  test('workflow_dispatch: the input reason and the person who ran it', async () => {
    const s = await readOverride(gh(), repo(), pr([]), config, {
      now,
      inputReason: 'hotfix',
      dispatchActor: 'dave',
    });
    expect(s).toEqual({
      state: 'granted',
      request: {
        actor: 'dave',
        at: now.toISOString(),
        reason: 'hotfix',
        via: 'workflow_dispatch input override-reason',
      },
    });
  });

  test('the audit keeps a typed reason as text (no markdown, no mentions breaking out)', () => {
    expect(reasonIn('x\noverride-reason:   spaced out  \n')).toBe('spaced out');
    const audit = renderAudit(
      {
        state: 'granted',
        request: {
          actor: 'carol',
          at: '2026-11-27T13:25:00Z',
          reason: '**bold** <img src=x> | pipe',
          via: 'label',
        },
      },
      [],
    );
    expect(audit).not.toContain('**bold**');
    expect(audit).not.toContain('<img');
    expect(audit).toContain('Nothing needed lifting.');
  });

  test('the verdict: warnings pass, any failure fails and is named', () => {
    const row = (gate: string, status: 'pass' | 'fail' | 'warn' | 'skip') => ({
      gate,
      row: { name: gate, status, summary: '' },
      annotations: [],
    });
    expect(
      verdictOf([row('freeze', 'warn'), row('tests', 'pass'), row('ci', 'skip')], {
        state: 'none',
      }),
    ).toEqual({
      result: 'pass',
      failedGates: [],
      title: 'All 2 gates passed',
    });
    expect(verdictOf([row('freeze', 'fail'), row('tests', 'pass')], { state: 'none' }).title).toBe(
      '1 of 2 gates failed: freeze',
    );
  });
});
