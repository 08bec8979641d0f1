import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../packages/core/src/errors.js';
import {
  asMergeGroup,
  asMergedPullRequest,
  asPullRequestUpdate,
  asPush,
  asWorkflowDispatch,
  isSkip,
  readEvent,
  UnsupportedEventError,
  type RunEvent,
} from '../../packages/core/src/events.js';

// Real payloads GitHub sent, from @octokit/webhooks-examples.
const examples = createRequire(import.meta.url)(
  '@octokit/webhooks-examples/api.github.com/index.json',
) as {
  name: string;
  examples: Record<string, unknown>[];
}[];
function example(name: string, action?: string): Record<string, unknown> {
  const found = examples
    .find((e) => e.name === name)
    ?.examples.find((p) => action === undefined || p.action === action);
  if (!found) throw new Error(`no ${name}/${action} example`);
  return structuredClone(found);
}
function eventFile(name: string, payload: unknown): RunEvent {
  const dir = mkdtempSync(join(tmpdir(), 'event-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify(payload));
  return readEvent({ GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: join(dir, 'event.json') });
}
const opts = { action: 'tag-release' };

describe('reading the event that started the run', () => {
  test('a merged pull request gives the merge commit SHA to tag, not the head', () => {
    const payload = example('pull_request', 'closed');
    const pr = payload.pull_request as Record<string, unknown>;
    pr.merged = true; // the examples only hold unmerged closes; GitHub sets these two on merge
    pr.merged_by = { login: 'octocat' };
    const event = eventFile('pull_request', payload);
    const merged = asMergedPullRequest(event, opts);
    if (isSkip(merged)) throw new Error(merged.skip);
    expect(merged).toMatchObject({
      number: payload.number,
      baseRef: 'master',
      headRef: 'changes',
      mergeCommitSha: pr.merge_commit_sha,
      title: pr.title,
      author: 'Codertocat',
      mergedBy: 'octocat',
    });
    expect(merged.mergeCommitSha).not.toBe(merged.headSha);
    expect(merged.labels).toEqual((pr.labels as { name: string }[]).map((l) => l.name));
  });

  test('a pull request closed without merging is skipped with the reason', () => {
    const result = asMergedPullRequest(
      eventFile('pull_request', example('pull_request', 'closed')),
      opts,
    );
    expect(result).toEqual({ skip: 'pull request #2 was closed without merging; nothing to do' });
    const opened = asMergedPullRequest(
      eventFile('pull_request', example('pull_request', 'opened')),
      opts,
    );
    expect(isSkip(opened) && opened.skip).toMatch(/was opened, not merged/);
  });

  test('pull request updates: opened and synchronize are read; assigned is skipped', () => {
    for (const action of ['opened', 'synchronize', 'reopened', 'labeled']) {
      const r = asPullRequestUpdate(eventFile('pull_request', example('pull_request', action)), {
        action: 'preflight-gates',
      });
      if (isSkip(r)) throw new Error(r.skip);
      expect(r.action).toBe(action);
      expect(r.headSha).toMatch(/^[0-9a-f]{40}$/);
    }
    const assigned = asPullRequestUpdate(
      eventFile('pull_request', example('pull_request', 'assigned')),
      { action: 'preflight-gates' },
    );
    expect(isSkip(assigned)).toBe(true);
  });

  test('merge_group: the queue commit SHA, the base branch name and the PR number', () => {
    const r = asMergeGroup(eventFile('merge_group', example('merge_group', 'checks_requested')), {
      action: 'preflight-gates',
      supported: ['pull_request', 'merge_group'],
    });
    expect(r).toEqual({
      headSha: '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d',
      headRef: 'refs/heads/gh-readonly-queue/main/pr-104-929f8209d40f77f4abc622a499c93a83babdbe64',
      baseSha: '380387fbc80638b734a49e1be1c4dfec1c01b33c',
      baseRef: 'main',
      pullNumber: 104,
    });
  });

  test('push: a branch push is read; a tag deletion is skipped', () => {
    const pushes = examples.find((e) => e.name === 'push')!.examples;
    const branch = pushes.find((p) => p.ref === 'refs/heads/master')!;
    const r = asPush(eventFile('push', branch), { action: 'migrate-with-rollback' });
    if (isSkip(r)) throw new Error(r.skip);
    expect(r).toMatchObject({
      ref: 'refs/heads/master',
      name: 'master',
      isTag: false,
      after: branch.after,
    });
    expect(r.commits).toHaveLength(1);
    const deletion = pushes.find((p) => p.deleted === true)!;
    expect(asPush(eventFile('push', deletion), { action: 'migrate-with-rollback' })).toEqual({
      skip: 'refs/tags/simple-tag was deleted; nothing to do',
    });
  });

  test('workflow_dispatch: inputs as strings, ref as a branch name', () => {
    const payload = example('workflow_dispatch');
    payload.inputs = { release: 'v1.2.3', 'dry-run': true, reason: 'prod is "down"; $(rm -rf /)' };
    const r = asWorkflowDispatch(eventFile('workflow_dispatch', payload), {
      action: 'migrate-with-rollback',
    });
    expect(r.inputs).toEqual({
      release: 'v1.2.3',
      'dry-run': 'true',
      reason: 'prod is "down"; $(rm -rf /)',
    });
    expect(r.ref).toBe('main');
    expect(r.workflow).toBe('.github/workflows/hello-world-workflow.yml');
  });

  test('an event the action does not handle is a configuration error that says which triggers to use', () => {
    const event = eventFile('issues', example('issues', 'opened'));
    const read = () =>
      asWorkflowDispatch(event, {
        action: 'open-promote-pr',
        supported: ['workflow_dispatch', 'schedule'],
      });
    expect(read).toThrow(UnsupportedEventError);
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(
      'open-promote-pr does not handle the "issues" event; trigger it on workflow_dispatch or schedule',
    );
    expect(() =>
      asMergedPullRequest(event, { action: 'tag-release', supported: ['pull_request', 'push'] }),
    ).toThrow('tag-release does not handle the "issues" event; trigger it on pull_request or push');
  });

  test('a missing or broken event file is a clear error', () => {
    expect(() => readEvent({ GITHUB_EVENT_NAME: 'push' })).toThrow('GITHUB_EVENT_PATH is not set');
    expect(() =>
      readEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '/nonexistent/event.json' }),
    ).toThrow('Cannot read the event payload at GITHUB_EVENT_PATH (/nonexistent/event.json)');
    const dir = mkdtempSync(join(tmpdir(), 'event-'));
    writeFileSync(join(dir, 'e.json'), '{not json');
    expect(() =>
      readEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(dir, 'e.json') }),
    ).toThrow('is not JSON');
  });
});
