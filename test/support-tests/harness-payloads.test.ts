import { adaptPayload, examplePayload } from '../support/payloads.js';

describe('real webhook payloads, pointed at the test repository', () => {
  test('a merged pull_request carries the facts the story needs and nothing of Hello-World', () => {
    const payload = adaptPayload(examplePayload('pull_request', 'closed'), {
      owner: 'acme',
      repo: 'shop',
      number: 12,
      merged: true,
      mergeCommitSha: 'b'.repeat(40),
      headSha: 'c'.repeat(40),
      headRef: 'promote/prod-20260101-1200',
      baseRef: 'main',
      labels: ['promotion', 'db-migration'],
      title: 'Promote | staging',
    });
    const pr = payload.pull_request;
    expect(payload.number).toBe(12);
    expect(pr).toMatchObject({
      number: 12,
      merged: true,
      state: 'closed',
      merge_commit_sha: 'b'.repeat(40),
      title: 'Promote | staging',
      head: {
        sha: 'c'.repeat(40),
        ref: 'promote/prod-20260101-1200',
        label: 'acme:promote/prod-20260101-1200',
      },
      base: { ref: 'main', repo: { full_name: 'acme/shop' } },
    });
    expect(pr.labels.map((l: { name: string }) => l.name)).toEqual(['promotion', 'db-migration']);
    expect(pr.html_url).toMatch(/\/acme\/shop\/pull\/12$/);
    expect(payload.repository.full_name).toBe('acme/shop');
    expect(JSON.stringify(payload)).not.toMatch(/Hello-World/);
  });

  test('merge_group, push and workflow_dispatch examples adapt too', () => {
    const group = adaptPayload(examplePayload('merge_group', 'checks_requested'), {
      owner: 'acme',
      repo: 'shop',
      headSha: 'd'.repeat(40),
      baseRef: 'main',
    });
    expect(group.merge_group).toMatchObject({
      head_sha: 'd'.repeat(40),
      base_ref: 'refs/heads/main',
    });
    const push = adaptPayload(examplePayload('push'), {
      owner: 'acme',
      repo: 'shop',
      ref: 'refs/heads/main',
      after: 'e'.repeat(40),
    });
    expect(push).toMatchObject({
      ref: 'refs/heads/main',
      after: 'e'.repeat(40),
      repository: { full_name: 'acme/shop' },
    });
    const dispatch = adaptPayload(examplePayload('workflow_dispatch'), {
      owner: 'acme',
      repo: 'shop',
      inputs: { name: 'x' },
    });
    expect(dispatch.inputs).toEqual({ name: 'x' });
  });

  test('an event or action without an example is named with what exists', () => {
    expect(() => examplePayload('pull_request', 'merged-ish')).toThrow(
      /no "pull_request" example with action "merged-ish" \(have: .*closed/,
    );
    expect(() => examplePayload('nope')).toThrow(/no webhook example for event "nope"/);
  });

  test('each call returns a fresh copy', () => {
    const a = examplePayload('push');
    a.ref = 'changed';
    expect(examplePayload('push').ref).not.toBe('changed');
  });
});
