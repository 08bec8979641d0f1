// own-transaction.ts: pg_restore --single-transaction's BEGIN and COMMIT taken out of its script
// as it streams, every other byte kept; a script without them where expected is refused.
import { transactionFrame } from '../../../actions/migrate-with-rollback/src/own-transaction.js';

const marks = { begin: 'BEGIN;', commit: 'COMMIT;' };

// The shape pg_restore 15.14+ writes with --single-transaction -f - (header, \restrict, BEGIN,
// statements and COPY data, COMMIT, trailer, \unrestrict).
const header =
  '--\n-- PostgreSQL database dump\n--\n\n\\restrict K3y\n\n-- Dumped from database version 15.18\n-- Dumped by pg_dump version 15.18\n\n';
const body =
  'SET statement_timeout = 0;\nCREATE TABLE public.notes (id integer, body text);\n' +
  // Data that reads like the marks stays data.
  'COPY public.notes (id, body) FROM stdin;\n1\tBEGIN;\n2\tCOMMIT;\n\\.\n\n' +
  'CREATE FUNCTION public.f() RETURNS void LANGUAGE sql AS $$\nCOMMIT;\n$$;\n\n' +
  "SELECT pg_catalog.lo_open('16387', 131072);\nSELECT pg_catalog.lowrite(0, '\\x68c3a9');\nSELECT pg_catalog.lo_close(0);\n\n";
const trailer = '\n--\n-- PostgreSQL database dump complete\n--\n\n\\unrestrict K3y\n\n';
const script = `${header}BEGIN;\n\n${body}COMMIT;\n${trailer}`;
const expected = `${header}\n${body}${trailer}`;

/** The frame's output for `text` fed in chunks of `size` bytes. */
function framed(text: string | Buffer, size: number) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const frame = transactionFrame(marks);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...frame.push(bytes.subarray(i, i + size)));
  const end = frame.end();
  return 'refused' in end ? end : { text: Buffer.concat([...out, end.rest]).toString() };
}

test.each([1, 2, 7, 64, 4096, 1 << 20])(
  'chunks of %i bytes: the BEGIN and the final COMMIT lines out, every other byte kept',
  (size) => {
    expect(framed(script, size)).toEqual({ text: expected });
  },
);

test('a body longer than what is held back streams on before the end', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => `${i}\trow ${i} COMMIT;`).join('\n');
  const big = `${header}BEGIN;\nCOPY t (id, v) FROM stdin;\n${rows}\n\\.\nCOMMIT;\n${trailer}`;
  const frame = transactionFrame(marks);
  const bytes = Buffer.from(big.slice(0, big.length - 200));
  const streamed: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 4096)
    streamed.push(...frame.push(bytes.subarray(i, i + 4096)));
  const before = Buffer.concat(streamed);
  // All but the last 16 KiB and a chunk went on before the end.
  expect(before.length).toBeGreaterThan(big.length - 16_384 - 4096 - 200);
  expect(before.toString()).not.toContain('BEGIN;');
  const end = frame.end();
  expect(end).toHaveProperty('refused');
  const whole = framed(big, 65_536);
  expect(whole).toEqual({
    text: `${header}COPY t (id, v) FROM stdin;\n${rows}\n\\.\n${trailer}`,
  });
});

test('multi-byte text split across chunks comes out whole', () => {
  const text = `${header}BEGIN;\nINSERT INTO t VALUES ('Grüße, 東京');\nCOMMIT;\n${trailer}`;
  expect(framed(Buffer.from(text), 3)).toEqual({
    text: `${header}INSERT INTO t VALUES ('Grüße, 東京');\n${trailer}`,
  });
});

test('an older pg_restore (no \\restrict) and CRLF line ends', () => {
  const old =
    '--\n-- PostgreSQL database dump\n--\n\nBEGIN;\n\nSELECT 1;\n\nCOMMIT;\n\n--\n-- PostgreSQL database dump complete\n--\n\n';
  expect(framed(old, 5)).toEqual({
    text: '--\n-- PostgreSQL database dump\n--\n\n\nSELECT 1;\n\n\n--\n-- PostgreSQL database dump complete\n--\n\n',
  });
  expect(framed('-- x\r\nBEGIN;\r\nSELECT 1;\r\nCOMMIT;\r\n-- end\r\n', 4)).toEqual({
    text: '-- x\r\nSELECT 1;\r\n-- end\r\n',
  });
});

test('a script from pg_restore without --single-transaction is refused: its first statement is not BEGIN;', () => {
  const plain = `${header}SET statement_timeout = 0;\nBEGIN;\nSELECT 1;\nCOMMIT;\n${trailer}`;
  expect(framed(plain, 16)).toEqual({
    refused:
      'its script did not open with "BEGIN;" (its first statement is "SET statement_timeout = 0;")',
  });
});

test('a script cut before its COMMIT is refused, even when a COMMIT; line is near the end', () => {
  expect(framed(`${header}BEGIN;\n${body}`, 32)).toEqual({
    refused: 'its script did not end with "COMMIT;"',
  });
  // A COMMIT; followed by a statement is not the script's last line.
  expect(framed(`${header}BEGIN;\nSELECT 1;\nCOMMIT;\nSELECT 2;\n${trailer}`, 32)).toEqual({
    refused: 'its script did not end with "COMMIT;"',
  });
});

test('an empty or header-only output is refused', () => {
  expect(framed('', 1)).toEqual({ refused: 'its script did not open with "BEGIN;"' });
  expect(framed(header, 8)).toEqual({ refused: 'its script did not open with "BEGIN;"' });
  expect(framed(`-- ${'x'.repeat(70_000)}`, 4096)).toEqual({
    refused: 'its script did not open with "BEGIN;" within 65536 bytes',
  });
});
