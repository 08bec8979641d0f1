import { untrusted, type TextPlace } from '../../packages/core/src/untrusted-text.js';
import { commandSafe } from '../../packages/core/src/logger.js';
import { brokenTables, liveMentions, runnerCommands } from '../support/untrusted-channels.js';

const ZWSP = '\u200b';
const PLACES: TextPlace[] = ['inline', 'cell', 'text', 'code', 'block', 'plain'];

describe('untrusted text notifies nobody', () => {
  test.each([
    ['hotfix, cc @acme/platform', 'hotfix, cc @\u200bacme/platform'],
    ['@octocat please look', `@${ZWSP}octocat please look`],
    ['cc @everyone and @here', `cc @${ZWSP}everyone and @${ZWSP}here`],
    ['(@octocat)', `(@${ZWSP}octocat)`],
    ['discord <@123> <@!456> <@&789>', `discord <@${ZWSP}123> <@${ZWSP}!456> <@${ZWSP}&789>`],
  ])('plain: %s', (text, want) => {
    expect(untrusted(text, 'plain')).toBe(want);
  });

  test('an e-mail address, a lone @ and a scoped npm name in code stay as they are', () => {
    expect(untrusted('mail a@b.com or ops@acme.io', 'plain')).toBe('mail a@b.com or ops@acme.io');
    expect(untrusted('meet @ 10', 'plain')).toBe('meet @ 10');
    expect(untrusted('npm i @acme/cli', 'code')).toBe('`npm i @acme/cli`');
    expect(untrusted('npx @acme/cli rollback', 'block', { language: 'sh' })).toBe(
      '```sh\nnpx @acme/cli rollback\n```',
    );
  });

  test.each(PLACES)('%s: no live mention of @octocat, @acme/platform or @everyone', (place) => {
    const out = untrusted('cc @octocat, @acme/platform\n@everyone <!channel>', place);
    expect(liveMentions(out)).toEqual([]);
  });

  test('the test detector itself sees a mention an HTML entity does not stop', () => {
    // GitHub decodes entities before it links mentions: &#64; was the old, insufficient defuse.
    expect(liveMentions('cc &#64;octocat')).toEqual(['@octocat']);
    expect(liveMentions('cc @acme/platform')).toEqual(['@acme/platform']);
    expect(liveMentions('`@octocat` and\n```\n@everyone\n```')).toEqual([]);
    expect(liveMentions('a@b.com')).toEqual([]);
  });
});

describe('untrusted text stays data in its place', () => {
  test('inline: markup escaped, one line', () => {
    expect(untrusted('**bold** [x](http://e) <b>\n# h', 'inline')).toBe(
      '\\*\\*bold\\*\\* \\[x\\](http://e) &lt;b&gt; # h',
    );
  });

  test('cell: pipes escaped, newlines become <br>, the table keeps its columns', () => {
    const cell = untrusted('left | middle\n| injected | row |', 'cell');
    expect(cell).toBe('left \\| middle<br>\\| injected \\| row \\|');
    expect(brokenTables(`| a | b |\n| --- | --- |\n| ${cell} | x |`)).toEqual([]);
  });

  test('text: several lines kept, none of them a heading, list, fence or table row', () => {
    expect(untrusted('# h\n- l\n```\n| a |', 'text')).toBe('\\# h\n\\- l\n\\`\\`\\`\n\\| a \\|');
  });

  test('block: a fence inside cannot close the block', () => {
    const block = untrusted('```\n@octocat\n````', 'block');
    expect(block).toBe('`````\n```\n@octocat\n````\n`````');
  });

  test('terminal escapes and control characters are gone everywhere', () => {
    for (const place of PLACES) {
      const out = untrusted(
        'red \u001b[31mALERT\u001b[0m \u001b]0;title\u0007 bell\u0007 cr\r',
        place,
      );
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      expect(out).toContain('ALERT');
    }
  });
});

describe('untrusted text fits', () => {
  test.each(PLACES)('%s: never longer than max, escapes and fences included', (place) => {
    const text = '| @a `b` *c* '.repeat(100);
    for (const max of [20, 140, 256]) {
      expect(untrusted(text, place, { max }).length).toBeLessThanOrEqual(max);
    }
  });

  test('a cut cell still keeps its table (no half escape before the closing pipe)', () => {
    const cell = untrusted('a|'.repeat(200), 'cell', { max: 141 });
    expect(cell.length).toBeLessThanOrEqual(141);
    expect(cell.endsWith('…')).toBe(true);
    expect(brokenTables(`| h | h |\n| --- | --- |\n| ${cell} | x |`)).toEqual([]);
  });

  test('a status description of 140 characters: one line, cut with an ellipsis', () => {
    const out = untrusted(`${'x'.repeat(200)}\n::warning::y`, 'plain', { max: 140 });
    expect(out).toHaveLength(140);
    expect(out).not.toContain('\n');
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('a logged value cannot become a workflow command', () => {
  const hostile = [
    'subject\n::warning::forged',
    'x\n  ::add-mask::forged',
    'x\n::set-output name=a::forged',
    'legacy ##[error]forged',
  ];

  test.each(hostile)('%j is printed between stop-commands markers', (value) => {
    const line = commandSafe(`Promotion name: ${value}`, () => 'token');
    expect(runnerCommands(line).filter((c) => c.data.startsWith('forged'))).toEqual([]);
    // ...and the same text without the markers is what the runner would have obeyed.
    expect(
      runnerCommands(`Promotion name: ${value}`).filter((c) => c.data.startsWith('forged')),
    ).toHaveLength(1);
  });

  test('ordinary text is printed as it is', () => {
    expect(commandSafe('Snapshotting staging to promote/x: 3 commits')).toBe(
      'Snapshotting staging to promote/x: 3 commits',
    );
  });
});
