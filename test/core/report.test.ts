import {
  ANNOTATIONS_PER_REQUEST,
  CHECK_RUN_TEXT_LIMIT,
  chunk,
  describeCounts,
  fitJobSummary,
  fitMarkdown,
  JOB_SUMMARY_LIMIT,
  renderDetails,
  renderMarkdownTable,
  renderPlainTable,
  renderReport,
  worstStatus,
  type ResultRow,
} from '../../packages/core/src/report.js';
import { actionsIO, memoryIO } from '../../packages/core/src/io.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

// GitHub drops a step's whole job summary over 1 MiB ("$GITHUB_STEP_SUMMARY upload aborted"), so
// every summary the actions write goes through ActionIO.appendSummary, which cuts to fit.
describe('the job summary stays within 1 MiB per step', () => {
  const bytes = (s: string) => Buffer.byteLength(s);
  /** Every character survives UTF-8: a split surrogate pair would come back as U+FFFD. */
  const wholeChars = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s;
  const NOTE =
    /_… job summary truncated: \d+ more characters did not fit GitHub's limit of 1 MiB per step\._\n$/;

  test('a 2 MiB table of ✅ rows is cut at a row, with a note, within 1 MiB in bytes', async () => {
    const row = (i: number) => `| ✅ pass | gate ${i} | ${'é'.repeat(40)} |`;
    const table = Array.from({ length: 20_000 }, (_, i) => row(i)).join('\n');
    expect(bytes(table)).toBeGreaterThan(2 * JOB_SUMMARY_LIMIT);
    const io = memoryIO();
    await io.appendSummary(table);
    expect(bytes(io.summary)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT);
    expect(bytes(io.summary)).toBeGreaterThan(JOB_SUMMARY_LIMIT - 2_000);
    expect(NOTE.test(io.summary)).toBe(true);
    const kept = io.summary.split('\n\n_…')[0]!.split('\n');
    expect(kept.every((line, i) => line === row(i))).toBe(true);
  });

  test('one line of emoji without a newline is cut between characters, never inside one', async () => {
    const io = memoryIO();
    await io.appendSummary('😀'.repeat(300_000)); // 1.2 MB
    expect(bytes(io.summary)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT);
    expect(NOTE.test(io.summary)).toBe(true);
    expect(wholeChars(io.summary)).toBe(true);
  });

  test('appends add up: the one that crosses the limit is cut; once the summary is full, nothing more is written', async () => {
    const io = memoryIO();
    const block = (c: string, kib: number) => `${c.repeat(1023)}\n`.repeat(kib);
    await io.appendSummary(block('a', 900));
    await io.appendSummary(block('b', 300));
    // Large failures print megabytes: compare facts, not the text.
    expect(io.summary.startsWith(`${block('a', 900)}\n`)).toBe(true);
    expect(io.summary.includes('b'.repeat(1023))).toBe(true);
    expect(NOTE.test(io.summary)).toBe(true);
    await io.appendSummary('**tag-release** done'); // what is left after the cut line still holds it
    expect(io.summary.endsWith('**tag-release** done\n')).toBe(true);
    expect(bytes(io.summary)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT);
    expect(fitJobSummary('**one more**', JOB_SUMMARY_LIMIT - 100)).toBeUndefined();
  });

  test('small summaries are written as they are', async () => {
    const io = memoryIO();
    await io.appendSummary('**preflight** ✅ 9 passed');
    await io.appendSummary('');
    expect(io.summary).toBe('**preflight** ✅ 9 passed\n\n');
  });

  test("the runner's summary file: what was written earlier in the step counts too", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'promote-summary-'));
    const file = join(dir, 'step_summary');
    const before = process.env.GITHUB_STEP_SUMMARY;
    try {
      writeFileSync(file, `${'x'.repeat(99)}\n`.repeat(6_000)); // 600 kB written earlier in the step
      process.env.GITHUB_STEP_SUMMARY = file;
      await actionsIO().appendSummary(`${'€'.repeat(99)}\n`.repeat(3_000)); // 894 kB
      const written = readFileSync(file, 'utf8');
      expect(bytes(written)).toBeLessThanOrEqual(JOB_SUMMARY_LIMIT);
      expect(bytes(written)).toBeGreaterThan(JOB_SUMMARY_LIMIT - 2_000);
      expect(written.startsWith(`${'x'.repeat(99)}\n`.repeat(6_000))).toBe(true);
      expect(NOTE.test(written)).toBe(true);
      expect(wholeChars(written)).toBe(true);
    } finally {
      if (before === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
