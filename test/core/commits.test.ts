import {
  parseCommitMessage,
  readReferences,
  subjectWithoutPullRequest,
} from '../../packages/core/src/commits.js';

describe('parseCommitMessage', () => {
  test('a conventional header gives type, scope and subject', () => {
    const c = parseCommitMessage('feat(api): add search endpoint');
    expect(c).toMatchObject({
      type: 'feat',
      scope: 'api',
      subject: 'add search endpoint',
      breaking: false,
    });
    expect(c.header).toBe('feat(api): add search endpoint');
  });

  test('a `!` after the type marks a breaking change', () => {
    expect(parseCommitMessage('feat!: drop Node 18')).toMatchObject({
      type: 'feat',
      scope: null,
      subject: 'drop Node 18',
      breaking: true,
    });
    expect(parseCommitMessage('refactor(db)!: rename users table')).toMatchObject({
      type: 'refactor',
      scope: 'db',
      breaking: true,
    });
  });

  test.each(['BREAKING CHANGE', 'BREAKING-CHANGE'])(
    'a %s footer marks a breaking change and keeps its text',
    (keyword) => {
      const c = parseCommitMessage(
        `fix: new token format\n\nTokens are longer now.\n\n${keyword}: old tokens are rejected`,
      );
      expect(c.breaking).toBe(true);
      expect(c.type).toBe('fix');
      expect(c.notes).toEqual([{ title: keyword, text: 'old tokens are rejected' }]);
      expect(c.body).toBe('Tokens are longer now.');
    },
  );

  test('a plain fix is not breaking', () => {
    expect(parseCommitMessage('fix: handle empty list\n\nbody text').breaking).toBe(false);
  });

  test('a squash title "(#123)" names its pull request and the subject can drop it', () => {
    const c = parseCommitMessage('fix(ui): button contrast (#123)\n\n* fix contrast\n* tests');
    expect(c.type).toBe('fix');
    expect(c.pullRequest).toBe(123);
    expect(c.references.map((r) => r.issue)).toContain(123);
    expect(subjectWithoutPullRequest(c.subject)).toBe('button contrast');
  });

  test('a GitHub merge commit takes its header from the PR title line', () => {
    const c = parseCommitMessage(
      'Merge pull request #12 from acme/feature/search\n\nfeat(search): fuzzy matching',
    );
    expect(c).toMatchObject({
      type: 'feat',
      scope: 'search',
      subject: 'fuzzy matching',
      pullRequest: 12,
    });
    expect(c.merge).toEqual({ pullRequest: 12, source: 'acme/feature/search' });
  });

  test('a merge commit without a title keeps the merge line as header and no type', () => {
    const c = parseCommitMessage("Merge branch 'staging' into main");
    expect(c).toMatchObject({
      type: null,
      header: "Merge branch 'staging' into main",
      pullRequest: null,
    });
    expect(c.merge).toEqual({ pullRequest: null, source: 'staging' });
  });

  test('a git revert names the header and SHA it reverts', () => {
    const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const c = parseCommitMessage(`Revert "feat: add search"\n\nThis reverts commit ${sha}.`);
    expect(c.type).toBe('revert');
    expect(c.revert).toEqual({ header: 'feat: add search', hash: sha });
    expect(c.breaking).toBe(false);
  });

  test('a squash-merged revert PR still names what it reverts', () => {
    const c = parseCommitMessage(
      'Revert "feat: add search (#12)" (#13)\n\nThis reverts commit abcdef1.',
    );
    expect(c.revert).toEqual({ header: 'feat: add search (#12)', hash: 'abcdef1' });
    expect(c.pullRequest).toBe(13);
  });

  test('the merge commit of a revert PR is a revert', () => {
    const c = parseCommitMessage(
      'Merge pull request #14 from acme/revert-12-search\n\nRevert "feat: add search"',
    );
    expect(c.type).toBe('revert');
    expect(c.revert).toEqual({ header: 'feat: add search', hash: null });
    expect(c.pullRequest).toBe(14);
  });

  test('a conventional `revert:` commit is a revert of its subject', () => {
    const c = parseCommitMessage(
      'revert: feat: add search\n\nThis reverts commit 0123456789abcdef.',
    );
    expect(c.revert).toEqual({ header: 'feat: add search', hash: '0123456789abcdef' });
  });

  test('footer references keep their action', () => {
    const c = parseCommitMessage('fix: crash on login\n\nFixes #12, closes acme/other#7');
    expect(c.references).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ issue: 12, action: 'Fixes' }),
        expect.objectContaining({ issue: 7, owner: 'acme', repository: 'other' }),
      ]),
    );
  });

  test('a free-form message is data with no type, and empty messages do not throw', () => {
    expect(parseCommitMessage('update readme')).toMatchObject({
      type: null,
      subject: 'update readme',
      breaking: false,
    });
    expect(parseCommitMessage('')).toMatchObject({ type: null, header: '' });
    expect(parseCommitMessage('WIP: `rm -rf /` $(whoami) | table')).toMatchObject({
      type: 'wip',
      subject: '`rm -rf /` $(whoami) | table',
    });
  });

  test('types are lower-cased so "Feat:" counts as a feature', () => {
    expect(parseCommitMessage('Feat: shout').type).toBe('feat');
  });
});

describe('megabyte messages and references (found by test/reliability: the parser was quadratic per line)', () => {
  const MB = 1024 * 1024;

  test('a 1 MB one-line subject: type and the start of the subject kept, the whole message searched for references', () => {
    const c = parseCommitMessage(`feat(api): ${'x'.repeat(MB)}\n\nFixes #12`);
    expect(c.type).toBe('feat');
    expect(c.scope).toBe('api');
    expect(c.subject).toMatch(/^x{1900,2000}…$/); // cut, and marked as cut
    expect(c.references).toEqual([expect.objectContaining({ issue: 12, action: 'Fixes' })]);
  });

  test('a 1 MB body of long lines keeps its BREAKING CHANGE footer and closing references', () => {
    const body = `${'z'.repeat(5000)}\n`.repeat(MB / 5000);
    const c = parseCommitMessage(
      `fix: y (#3)\n\n${body}\nBREAKING CHANGE: the v1 API is gone\ncloses acme/other#7`,
    );
    expect(c.breaking).toBe(true);
    expect(c.notes).toEqual([{ title: 'BREAKING CHANGE', text: 'the v1 API is gone' }]);
    expect(c.pullRequest).toBe(3);
    expect(c.references.map((r) => [r.issue, r.action, r.owner, r.repository])).toEqual([
      [3, null, null, null],
      [7, 'closes', 'acme', 'other'],
    ]);
  });

  test('references: bare, in parentheses, qualified, with a keyword; a hash inside a word is not one', () => {
    expect(
      readReferences('see #1, (#2) and acme/app#3; Resolves: #4; abc#5 x#y #6x').map((r) => [
        r.issue,
        r.action,
        r.owner,
      ]),
    ).toEqual([
      [1, null, null],
      [2, null, null],
      [3, null, 'acme'],
      [4, 'Resolves', null],
    ]);
  });
});
