import {
  codeBlock,
  codeSpan,
  escapeInline,
  stripAnsi,
  truncate,
} from '../../packages/core/src/markdown.js';

describe('untrusted text in markdown stays text', () => {
  test('terminal colours, hyperlinks and carriage returns are removed', () => {
    expect(
      stripAnsi('\u001b[31mred\u001b[0m \u001b]8;;http://x\u0007link\u001b]8;;\u0007 a\r\nb\u0007'),
    ).toBe('red link a\nb');
  });

  test('markup in a commit message is shown literally', () => {
    expect(escapeInline('**bold** [x](http://evil) <script>alert(1)</script> ~~gone~~ a_b_c')).toBe(
      '\\*\\*bold\\*\\* \\[x\\](http://evil) &lt;script&gt;alert(1)&lt;/script&gt; \\~\\~gone\\~\\~ a\\_b\\_c',
    );
    expect(
      escapeInline(
        '# not a heading\n- not a list\n1. not a list\n+ nor this\nissue #12 stays a reference',
      ),
    ).toBe(
      '\\# not a heading\n\\- not a list\n1\\. not a list\n\\+ nor this\nissue #12 stays a reference',
    );
  });

  test('a code span cannot be closed by backticks inside', () => {
    expect(codeSpan('rm `x`')).toBe('`` rm `x` ``');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(codeSpan('a|b', { table: true })).toBe('`a\\|b`');
    expect(codeBlock('```\nx\n```')).toBe('````\n```\nx\n```\n````');
  });

  test('truncate keeps within the limit and adds an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('a😀b', 3).length).toBeLessThanOrEqual(3);
    expect(truncate('a😀b', 3)).toBe('a…');
  });
});
