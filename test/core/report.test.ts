import {
  ANNOTATIONS_PER_REQUEST,
  CHECK_RUN_TEXT_LIMIT,
  chunk,
  describeCounts,
  fitMarkdown,
  renderDetails,
  renderMarkdownTable,
  renderPlainTable,
  renderReport,
  worstStatus,
  type ResultRow,
} from '../../packages/core/src/report.js';

const reference: ResultRow[] = [
  {
    name: 'drift',
    status: 'pass',
    summary: 'staging vs main: 0 only on staging, 0 only in git, 0 changed',
  },
  {
    name: 'findings',
    status: 'pass',
    summary: '0 CRITICAL, 0 HIGH, 1 MEDIUM, 3 LOW (block at HIGH)',
  },
  { name: 'change size', status: 'pass', summary: '3 units (max 10)' },
];

describe('the results table', () => {
  test('the plain table lines up like the reference run', () => {
    expect(renderPlainTable(reference)).toBe(
      [
        '✓ drift          staging vs main: 0 only on staging, 0 only in git, 0 changed',
        '✓ findings       0 CRITICAL, 0 HIGH, 1 MEDIUM, 3 LOW (block at HIGH)',
        '✓ change size    3 units (max 10)',
      ].join('\n'),
    );
  });

  test('the markdown table shows icon and word for every status', () => {
    const md = renderMarkdownTable(
      [
        { name: 'a', status: 'pass', summary: 'ok' },
        { name: 'b', status: 'fail', summary: 'bad' },
        { name: 'c', status: 'warn', summary: 'hmm' },
        { name: 'd', status: 'skip', summary: 'not configured' },
      ],
      { title: 'Preflight' },
    );
    expect(md).toContain('### Preflight');
    expect(md).toContain('| ✓ pass | a | ok |');
    expect(md).toContain('| ✗ fail | b | bad |');
    expect(md).toContain('| ! warning | c | hmm |');
    expect(md).toContain('| – skipped | d | not configured |');
  });

  test('a hostile PR title cannot break the table or inject HTML', () => {
    const md = renderMarkdownTable([
      {
        name: 'title',
        status: 'fail',
        summary: 'fix | drop table\n| x | y |\n<img src=x onerror=alert(1)> `code`',
      },
    ]);
    const lines = md.split('\n');
    expect(lines).toHaveLength(3); // header, separator, one row: the newline did not start a row
    const row = lines[2]!;
    // Exactly the four structural pipes remain unescaped.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(4);
    expect(row).not.toContain('<img');
    expect(row).toContain('&lt;img');
    expect(row).toContain('\\`code\\`');
  });

  test('details become collapsible blocks, only for rows that have them', () => {
    const out = renderDetails([
      { name: 'tests', status: 'fail', summary: '1 failed', details: '- `login` failed' },
      { name: 'drift', status: 'pass', summary: 'clean' },
    ]);
    expect(out).toBe('<details><summary>✗ tests: fail</summary>\n\n- `login` failed\n\n</details>');
    expect(renderReport(reference)).toBe(renderMarkdownTable(reference));
  });

  test('worst status: fail beats warn beats pass beats skip', () => {
    expect(worstStatus([{ status: 'pass' }, { status: 'warn' }, { status: 'skip' }])).toBe('warn');
    expect(worstStatus([{ status: 'warn' }, { status: 'fail' }])).toBe('fail');
    expect(worstStatus([{ status: 'skip' }])).toBe('skip');
    expect(worstStatus([])).toBe('pass');
  });

  test('counts read as a sentence, failures first', () => {
    expect(
      describeCounts([
        { status: 'pass' },
        { status: 'fail' },
        { status: 'warn' },
        { status: 'warn' },
        { status: 'skip' },
      ]),
    ).toBe('1 failed, 2 warnings, 1 passed, 1 skipped');
    expect(describeCounts([])).toBe('nothing to report');
  });

  test('annotations go 50 per request', () => {
    const batches = chunk(
      Array.from({ length: 120 }, (_, i) => i),
      ANNOTATIONS_PER_REQUEST,
    );
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toHaveLength(120);
    expect(() => chunk([1], 0)).toThrow('positive integer');
  });
});

describe('fitting GitHub limits', () => {
  const rowsText = (n: number) =>
    Array.from({ length: n }, (_, i) => `| ✓ pass | gate ${i} | ${'x'.repeat(60)} |`).join('\n');

  test('a summary over the check-run limit is cut at a line boundary with a note, within the limit', () => {
    const big = rowsText(5000);
    expect(big.length).toBeGreaterThan(CHECK_RUN_TEXT_LIMIT);
    const fitted = fitMarkdown(big, CHECK_RUN_TEXT_LIMIT);
    expect(fitted.length).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
    expect(fitted).toMatch(/truncated: \d+ more characters did not fit GitHub's limit of 65535/);
    const body = fitted.split('\n\n_…')[0]!;
    for (const line of body.split('\n'))
      expect(line).toMatch(/^\| ✓ pass \| gate \d+ \| x{60} \|$/);
  });

  test('a check-run summary of ✅ rows fits 65,535 characters AND 65,535 bytes (GitHub checks both)', () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `| ✅ pass | gate ${i} | ${'é'.repeat(10)} |`,
    ).join('\n');
    expect(rows.length).toBeLessThan(CHECK_RUN_TEXT_LIMIT * 2);
    expect(Buffer.byteLength(rows)).toBeGreaterThan(CHECK_RUN_TEXT_LIMIT);
    const fitted = fitMarkdown(rows, CHECK_RUN_TEXT_LIMIT, { bytes: true });
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(CHECK_RUN_TEXT_LIMIT);
    expect(Buffer.byteLength(fitted)).toBeGreaterThan(CHECK_RUN_TEXT_LIMIT - 1000);
    expect(fitted).toMatch(/truncated: \d+ more characters/);
  });

  test('text within the limit is returned unchanged', () => {
    expect(fitMarkdown('short', 10)).toBe('short');
  });

  test('a custom note, and an open code fence is closed', () => {
    const text = 'intro\n```\n' + 'log line\n'.repeat(500) + '```\nend';
    const fitted = fitMarkdown(text, 1000, {
      note: 'Full log: https://example.test/run/1 ({omitted} characters left out)',
    });
    expect(fitted.length).toBeLessThanOrEqual(1000);
    expect(fitted).toMatch(/Full log: https:\/\/example.test\/run\/1 \(\d+ characters left out\)$/);
    expect(fitted.match(/^```$/gm)).toHaveLength(2);
  });

  test('one huge line without newlines still fits and keeps surrogate pairs whole', () => {
    const fitted = fitMarkdown('😀'.repeat(1000), 501);
    expect(fitted.length).toBeLessThanOrEqual(501);
    expect(fitted).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
