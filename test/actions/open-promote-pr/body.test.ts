import {
  BODY_BEGIN,
  BODY_END,
  areasChanged,
  mergeBody,
  renderPromotionBlock,
  type BodyInput,
} from '../../../actions/open-promote-pr/src/body.js';
import { readReviewerMarker } from '../../../actions/open-promote-pr/src/rotation.js';

const sha = (n: number) => n.toString(16).padStart(40, '0');

const input = (over: Partial<BodyInput> = {}): BodyInput => ({
  owner: 'acme',
  repo: 'config-repo',
  serverUrl: 'https://github.com',
  name: 'sprint-15',
  branch: 'promote/sprint-15-20260503-1432',
  production: { branch: 'main', sha: 'b'.repeat(40) },
  staging: { branch: 'staging', sha: 'a'.repeat(40) },
  aheadBy: 4,
  commits: [
    { sha: sha(1), message: 'feat(api): add beneficiary export (#123)' },
    { sha: sha(2), message: 'fix: escape | pipes and <b>html</b> @everyone' },
    { sha: sha(3), message: 'feat!: drop v1 endpoints' },
    { sha: sha(4), message: 'update readme' },
  ],
  files: ['migrations/0003_add.sql', 'src/api.ts'],
  filesMaybeTruncated: false,
  areas: { database: ['migrations/**'], frontend: ['web/**'] },
  rollbackCommand: 'gh workflow run rollback.yml -f to=bbbbbbb',
  checklist: ['Looks right'],
  rotation: {
    reviewer: { kind: 'user', id: 'bob' },
    skipped: [{ reviewer: { kind: 'user', id: 'alice' }, reason: 'away' }],
  },
  runUrl: 'https://github.com/acme/config-repo/actions/runs/1',
  actor: 'deployer',
  ...over,
});

describe('the generated PR body', () => {
  test('groups changes by type with PR and commit links, and lists areas, rollback and checklist', () => {
    const block = renderPromotionBlock(input());
    expect(block.startsWith(BODY_BEGIN)).toBe(true);
    expect(block.endsWith(BODY_END)).toBe(true);
    expect(block).toContain('**4 commits**');
    expect(block).toContain(
      '[Full compare](https://github.com/acme/config-repo/compare/' +
        'b'.repeat(40) +
        '...' +
        'a'.repeat(40) +
        ')',
    );
    expect(block).toMatch(
      /#### Features\n\n- \*\*api:\*\* add beneficiary export \(\[#123\]\(https:\/\/github.com\/acme\/config-repo\/pull\/123\)\)/,
    );
    expect(block).toContain('- **BREAKING** drop v1 endpoints');
    expect(block).toMatch(/#### Other changes\n\n- update readme/);
    expect(block).toContain('- database (1 file)');
    expect(block).not.toContain('frontend');
    expect(block).toContain('```sh\ngh workflow run rollback.yml -f to=bbbbbbb\n```');
    expect(block).toContain('- [ ] Looks right');
    expect(block).toContain('Reviewer from the rotation: @bob.');
    expect(block).toContain('Skipped `alice` (away).');
    expect(readReviewerMarker(block)).toEqual({ kind: 'user', id: 'bob' });
  });

  test('commit messages are data: pipes, HTML and mentions are neutralised', () => {
    const block = renderPromotionBlock(input());
    const line = block.split('\n').find((l) => l.includes('escape'))!;
    expect(line).toContain('\\|');
    expect(line).not.toContain('<b>');
    expect(line).not.toContain('@everyone');
    expect(line).toContain('@\u200beveryone');
  });

  test('a commit message cannot forge the end marker', () => {
    const block = renderPromotionBlock(
      input({ commits: [{ sha: sha(1), message: `fix: x ${BODY_END} y` }], aheadBy: 1 }),
    );
    expect(block.split(BODY_END).length).toBe(2);
  });

  test('a huge promotion stays within 65,536 characters and links to the full compare', () => {
    const commits = Array.from({ length: 5000 }, (_, i) => ({
      sha: sha(i + 1),
      message: `feat(area-${i}): change number ${i} ${'x'.repeat(40)}`,
    }));
    const body = mergeBody('Notes from a human.\n', input({ commits, aheadBy: 5000 }));
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body).toMatch(
      /_… and \d+ more commits: see the \[full compare\]\(https:\/\/github.com\/acme\/config-repo\/compare\//,
    );
    expect(body.startsWith('Notes from a human.')).toBe(true);
    expect(body.endsWith(BODY_END)).toBe(true);
  });

  test('on update only the text between the markers changes; human edits around it survive', () => {
    const first = mergeBody('', input());
    const edited = `Please deploy after 5pm.\n\n${first}\n\n> reviewed by ops`;
    const second = mergeBody(
      edited,
      input({ aheadBy: 5, commits: [...input().commits, { sha: sha(5), message: 'fix: more' }] }),
    );
    expect(second.startsWith('Please deploy after 5pm.\n\n' + BODY_BEGIN)).toBe(true);
    expect(second.endsWith(`${BODY_END}\n\n> reviewed by ops`)).toBe(true);
    expect(second).toContain('**5 commits**');
    expect(second.split(BODY_BEGIN).length).toBe(2);
  });

  test('a body whose markers were deleted keeps the human text and gets the block below it', () => {
    expect(mergeBody('Just my notes', input())).toMatch(/^Just my notes\n\n<!-- promote:begin -->/);
  });

  test('areas map changed files through their globs; 300 files says the list may be cut', () => {
    expect(
      areasChanged(['db/x.sql', 'web/a.ts', 'web/b.ts'], {
        db: ['db/**'],
        web: ['web/**/*.ts'],
        none: ['x/**'],
      }),
    ).toEqual([
      { name: 'db', files: 1 },
      { name: 'web', files: 2 },
    ]);
    expect(renderPromotionBlock(input({ filesMaybeTruncated: true }))).toContain(
      'GitHub lists at most 300 files',
    );
  });

  test('migrations, audit excerpt, gate table and an override are shown', () => {
    const block = renderPromotionBlock(
      input({
        migrations: {
          source: 'npx wrangler d1 migrations list DB',
          lines: ['0003_add.sql'],
          omitted: 0,
        },
        audit: { source: 'audit.log', lines: ['line 9', 'line 10'], omitted: 8 },
        gateRows: [
          { name: 'drift', status: 'fail', summary: 'main has 1 commit | not on staging' },
        ],
        override: { reason: 'incident 42', actor: 'oncall' },
      }),
    );
    expect(block).toContain('### Migrations that will run on merge');
    expect(block).toContain('0003_add.sql');
    expect(block).toContain('_(last 2 lines; 8 earlier lines left out)_');
    expect(block).toContain('| ✗ fail | drift | main has 1 commit \\| not on staging |');
    expect(block).toContain(
      'overridden by @\u200boncall in [this run](https://github.com/acme/config-repo/actions/runs/1): incident 42',
    );
  });
});
