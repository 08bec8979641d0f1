import {
  pickReviewer,
  readReviewerMarker,
  reviewerMarker,
  type Reviewer,
} from '../../../actions/open-promote-pr/src/rotation.js';

const config = (
  over: Partial<{ users: string[]; teams: string[]; away: string[]; required: boolean }> = {},
) => ({
  users: ['alice', 'bob', 'carol'],
  teams: [],
  away: [],
  strategy: 'round-robin' as const,
  required: false,
  ...over,
});

describe('reviewer rotation', () => {
  test('three promotions request three reviewers in rotation order, then wrap', () => {
    let last: Reviewer | undefined;
    const picked: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const pick = pickReviewer({ config: config(), last, authors: ['deployer'] });
      picked.push(pick.reviewer!.id);
      // The next run only sees what this one wrote into its PR body.
      last = readReviewerMarker(`text\n${reviewerMarker(pick.reviewer)}\nmore`);
    }
    expect(picked).toEqual(['alice', 'bob', 'carol', 'alice']);
  });

  test('the author is never picked and people away are skipped, with reasons', () => {
    const pick = pickReviewer({
      config: config({ away: ['bob'] }),
      last: { kind: 'user', id: 'alice' },
      authors: ['Carol'],
    });
    expect(pick.reviewer).toEqual({ kind: 'user', id: 'alice' });
    expect(pick.skipped).toEqual([
      { reviewer: { kind: 'user', id: 'bob' }, reason: 'away' },
      { reviewer: { kind: 'user', id: 'carol' }, reason: 'author' },
    ]);
  });

  test('teams take their turn after the users and are requested as teams', () => {
    const pick = pickReviewer({
      config: config({ teams: ['my-org/platform'] }),
      last: { kind: 'user', id: 'carol' },
      authors: [],
    });
    expect(pick.reviewer).toEqual({ kind: 'team', id: 'platform' });
  });

  test('a last reviewer no longer in the rotation restarts at the top', () => {
    expect(
      pickReviewer({ config: config(), last: { kind: 'user', id: 'gone' }, authors: [] }).reviewer
        ?.id,
    ).toBe('alice');
  });

  test('an empty rotation is an error when reviewers are required, and no reviewer otherwise', () => {
    expect(() =>
      pickReviewer({ config: config({ users: [], required: true }), last: undefined, authors: [] }),
    ).toThrow(/rotation is empty; list logins under promote.reviewers.users/);
    expect(
      pickReviewer({ config: config({ users: [] }), last: undefined, authors: [] }).reviewer,
    ).toBeUndefined();
  });

  test('everyone away or author with reviewers required names who was skipped', () => {
    expect(() =>
      pickReviewer({
        config: config({ users: ['alice', 'bob'], away: ['bob'], required: true }),
        last: undefined,
        authors: ['alice'],
      }),
    ).toThrow(/nobody in the rotation can review this promotion: alice \(author\), bob \(away\)/);
  });
});
