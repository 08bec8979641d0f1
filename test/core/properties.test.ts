// Properties over arbitrary untrusted text (fast-check). Seeded (test/support/property-seed.ts):
// PROMOTE_SEED or a fixed default; a failure starts with the seed and the command that replays it,
// e.g. PROMOTE_SEED=20251117 npm test -- test/core/properties.test.ts
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { truncate } from '../../packages/core/src/markdown.js';
import { untrusted } from '../../packages/core/src/untrusted-text.js';
import { fitMarkdown } from '../../packages/core/src/report.js';
import { shellQuote } from '../../packages/core/src/rollback-command.js';
import { derivedForms } from '../../packages/core/src/secrets.js';
import { seededProperties } from '../support/property-seed.js';

const { replayable } = seededProperties('test/core/properties.test.ts');

// Text a hostile PR title or commit message could hold: markdown and shell metacharacters, unicode.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '|',
      '\n',
      '\r',
      '`',
      '<',
      '>',
      '&',
      '*',
      '_',
      '[',
      ']',
      '\\',
      "'",
      '"',
      '$',
      '(',
      ')',
      ';',
      ' ',
      '😀',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 60,
});

describe('properties over arbitrary untrusted text', () => {
  test('a table cell never holds a raw newline, an unescaped pipe or an HTML tag', () => {
    replayable(() =>
      fc.assert(
        fc.property(hostile, (text) => {
          const cell = untrusted(text, 'cell');
          expect(cell).not.toMatch(/[\n\r]/);
          expect(cell).not.toMatch(/(^|[^\\])(\\\\)*\|/);
          expect(cell).not.toMatch(/<(?!br>)/);
        }),
      ),
    );
  });

  test('a code span is never closed early by its content', () => {
    replayable(() =>
      fc.assert(
        fc.property(hostile, (text) => {
          const span = untrusted(text, 'code');
          const fence = /^`+/.exec(span)![0];
          const inner = span.slice(fence.length, span.length - fence.length);
          expect(inner.includes(fence)).toBe(false);
          expect(span.endsWith(fence)).toBe(true);
        }),
      ),
    );
  });

  test('fitMarkdown and truncate always respect the limit', () => {
    replayable(() =>
      fc.assert(
        fc.property(
          fc.string({ maxLength: 3000 }),
          fc.integer({ min: 200, max: 2000 }),
          (text, limit) => {
            expect(fitMarkdown(text, limit).length).toBeLessThanOrEqual(limit);
            expect(truncate(text, limit).length).toBeLessThanOrEqual(limit);
          },
        ),
      ),
    );
  });

  test('a shell reads a quoted value back exactly', () => {
    const noNul = fc
      .string({
        unit: fc.oneof(
          fc.constantFrom("'", '"', '$', '`', '\\', '\n', ' ', '*', ';', '&', '|', '!'),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        ),
        maxLength: 40,
      })
      .filter((s) => !s.includes('\0'));
    replayable(() =>
      fc.assert(
        fc.property(noNul, (value) => {
          const out = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(value)}`], {
            encoding: 'utf8',
          });
          expect(out).toBe(value);
        }),
        { numRuns: 60 },
      ),
    );
  });

  test('every derived form of a secret is at least 4 characters and includes the value itself', () => {
    replayable(() =>
      fc.assert(
        fc.property(fc.string({ minLength: 4, maxLength: 40 }), (secret) => {
          const forms = derivedForms(secret);
          expect(forms).toContain(secret);
          expect(forms.every((f) => f.length >= 4)).toBe(true);
          expect(forms).toContain(Buffer.from(secret).toString('base64'));
        }),
      ),
    );
  });
});
