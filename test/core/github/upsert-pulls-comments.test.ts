import { createOrUpdatePullRequest, upsertIssueComment } from '@promote/core/github/upsert';
import { startWorld, stopWorld, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await startWorld();
  await w.emu.git.commit({ branch: 'promote/x', files: { 'a.txt': 'a\n' }, message: 'feat: a' });
});
afterEach(async () => stopWorld(w));

const spec = { head: 'promote/x', base: 'main', title: 'Promote x', body: 'first body' };

describe('createOrUpdatePullRequest', () => {
  test('creates, then leaves alone, then updates the one PR from the head branch', async () => {
    const first = await createOrUpdatePullRequest(w.gh, w.repo, spec, w.logger);
    expect(first.operation).toBe('created');
    const again = await createOrUpdatePullRequest(w.gh, w.repo, spec, w.logger);
    expect(again).toMatchObject({ operation: 'unchanged', pr: { number: first.pr.number } });
    const changed = await createOrUpdatePullRequest(
      w.gh,
      w.repo,
      { ...spec, body: 'second body' },
      w.logger,
    );
    expect(changed).toMatchObject({
      operation: 'updated',
      pr: { number: first.pr.number, body: 'second body' },
    });
    expect(w.emu.state.pulls).toHaveLength(1);
    expect(w.logger.lines).toContainEqual(expect.stringMatching(/^Opened PR #\d+: /));
  });

  test('a create whose response was lost (retried by the client) ends as exactly one PR', async () => {
    w.emu.faults.inject({ operationId: 'pulls/create', kind: 'lost-response' });
    const result = await createOrUpdatePullRequest(w.gh, w.repo, spec, w.logger);
    expect(w.emu.countRequests({ operationId: 'pulls/create' })).toBe(2);
    expect(w.emu.state.pulls).toHaveLength(1);
    expect(result.pr.number).toBe(w.emu.state.pulls[0]!.number);
    expect(result.pr.title).toBe('Promote x');
    expect(w.logger.lines).toContainEqual(
      expect.stringMatching(/already existed \(a create arrived twice\)/),
    );
  });

  test('a body over 65,536 characters is cut with a note instead of failing', async () => {
    const { pr } = await createOrUpdatePullRequest(
      w.gh,
      w.repo,
      { ...spec, body: 'x'.repeat(70_000) },
      w.logger,
    );
    expect(pr.body!.length).toBeLessThanOrEqual(65_536);
    expect(pr.body).toMatch(
      /PR body truncated: \d+ more characters did not fit GitHub's limit of 65536/,
    );
  });
});

describe('upsertIssueComment', () => {
  let issue: number;
  beforeEach(async () => {
    issue = (await createOrUpdatePullRequest(w.gh, w.repo, spec)).pr.number;
  });

  test('one comment per marker: created, left alone, then edited in place', async () => {
    const a = await upsertIssueComment(w.gh, w.repo, issue, 'audit', 'v1', w.logger);
    const b = await upsertIssueComment(w.gh, w.repo, issue, 'audit', 'v1', w.logger);
    const c = await upsertIssueComment(w.gh, w.repo, issue, 'audit', 'v2', w.logger);
    expect([a.operation, b.operation, c.operation]).toEqual(['created', 'unchanged', 'updated']);
    const mine = w.emu.state.comments.filter((x) => x.issue_number === issue);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toBe('<!-- promote:audit -->\nv2');
  });

  test('a comment with another marker is not touched, and a marker is found past the first page', async () => {
    for (let i = 0; i < 105; i++) {
      await w.gh.rest.issues.createComment({
        ...w.repo,
        issue_number: issue,
        body: `chatter ${i}`,
      });
    }
    await upsertIssueComment(w.gh, w.repo, issue, 'other', 'theirs');
    await upsertIssueComment(w.gh, w.repo, issue, 'audit', 'v1');
    await upsertIssueComment(w.gh, w.repo, issue, 'audit', 'v2');
    const bodies = w.emu.state.comments.map((x) => x.body);
    expect(bodies.filter((b) => b.startsWith('<!-- promote:audit -->'))).toEqual([
      '<!-- promote:audit -->\nv2',
    ]);
    expect(bodies).toContain('<!-- promote:other -->\ntheirs');
    expect(bodies).toHaveLength(107);
  });

  test('a create that arrived twice ends as one comment, the oldest kept', async () => {
    w.emu.faults.inject({ operationId: 'issues/create-comment', kind: 'lost-response' });
    const result = await upsertIssueComment(w.gh, w.repo, issue, 'audit', 'v1', w.logger);
    expect(w.emu.countRequests({ operationId: 'issues/create-comment' })).toBe(2);
    const mine = w.emu.state.comments.filter((x) => x.issue_number === issue);
    expect(mine).toHaveLength(1);
    expect(result.comment.id).toBe(mine[0]!.id);
    expect(w.emu.countRequests({ operationId: 'issues/delete-comment' })).toBe(1);
  });

  test('a marker that could break out of the HTML comment is refused before any request', async () => {
    const before = w.emu.requests.length;
    await expect(upsertIssueComment(w.gh, w.repo, issue, 'x --><script>', 'b')).rejects.toThrow(
      /comment marker "x --><script>" may only contain/,
    );
    expect(w.emu.requests.length).toBe(before);
  });
});
