/**
 * SQLite migration files cut into statements, with the tokens a judge needs. The tokenizer
 * follows SQLite's own lexical rules (https://www.sqlite.org/lang_keywords.html and
 * https://www.sqlite.org/lang_comment.html): '…' strings, "…", `…` and […] identifiers, -- and
 * /* *\/ comments. Statement ends follow the state machine of `sqlite3_complete()`
 * (https://sqlite.org/src/file/src/complete.c), so a `;` inside a string, a comment or a
 * CREATE TRIGGER … BEGIN … END body does not end a statement. No regular expression looks at
 * the SQL as a whole: each token is read character by character.
 */

export type TokenKind = 'word' | 'string' | 'identifier' | 'number' | 'punct';

export interface SqlToken {
  kind: TokenKind;
  /** Keywords and bare words upper-cased; quoted identifiers without their quotes. */
  text: string;
  line: number;
}

export interface SqlStatement {
  /** The statement's source text, from its first token to its `;` (included when present). */
  sql: string;
  /** 1-based line of the first token in the file. */
  line: number;
  /** 1-based line of the last token. */
  endLine: number;
  tokens: SqlToken[];
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isWordStart = (c: string) => /[A-Za-z_]/.test(c) || c.charCodeAt(0) > 127;
const isWordPart = (c: string) => /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127;
const isDigit = (c: string) => c >= '0' && c <= '9';

type CompleteToken = 'semi' | 'ws' | 'other' | 'explain' | 'create' | 'temp' | 'trigger' | 'end';
const COMPLETE_COLUMNS: CompleteToken[] = [
  'semi',
  'ws',
  'other',
  'explain',
  'create',
  'temp',
  'trigger',
  'end',
];
// complete.c's trans[][]: rows are states (0 INVALID, 1 START, 2 NORMAL, 3 EXPLAIN, 4 CREATE,
// 5 TRIGGER, 6 SEMI, 7 END); a statement is complete when a `;` brings the machine to START.
const TRANSITIONS: number[][] = [
  [1, 0, 2, 3, 4, 2, 2, 2],
  [1, 1, 2, 3, 4, 2, 2, 2],
  [1, 2, 2, 2, 2, 2, 2, 2],
  [1, 3, 3, 2, 4, 2, 2, 2],
  [1, 4, 2, 2, 2, 4, 5, 2],
  [6, 5, 5, 5, 5, 5, 5, 5],
  [6, 6, 5, 5, 5, 5, 5, 7],
  [1, 7, 5, 5, 5, 5, 5, 5],
];

function completeTokenOf(token: SqlToken): CompleteToken {
  if (token.kind === 'punct' && token.text === ';') return 'semi';
  if (token.kind !== 'word') return 'other';
  switch (token.text) {
    case 'EXPLAIN':
      return 'explain';
    case 'CREATE':
      return 'create';
    case 'TEMP':
    case 'TEMPORARY':
      return 'temp';
    case 'TRIGGER':
      return 'trigger';
    case 'END':
      return 'end';
    default:
      return 'other';
  }
}

/** Every token of `source` with its offsets; comments and whitespace are skipped. */
function tokenize(source: string): { token: SqlToken; start: number; end: number }[] {
  const out: { token: SqlToken; start: number; end: number }[] = [];
  let i = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let k = i; k < to && k < source.length; k++) if (source[k] === '\n') line++;
    i = Math.min(to, source.length);
  };
  while (i < source.length) {
    const c = source[i]!;
    const start = i;
    const startLine = line;
    if (isSpace(c)) {
      advance(i + 1);
    } else if (c === '-' && source[i + 1] === '-') {
      const nl = source.indexOf('\n', i);
      advance(nl === -1 ? source.length : nl);
    } else if (c === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      advance(close === -1 ? source.length : close + 2);
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const closer = c === '[' ? ']' : c;
      let k = i + 1;
      let text = '';
      for (;;) {
        if (k >= source.length) break;
        if (source[k] === closer) {
          // A doubled quote is the quote itself ('it''s'); ] cannot be doubled.
          if (closer !== ']' && source[k + 1] === closer) {
            text += closer;
            k += 2;
            continue;
          }
          k++;
          break;
        }
        text += source[k];
        k++;
      }
      advance(k);
      out.push({
        token: { kind: c === "'" ? 'string' : 'identifier', text, line: startLine },
        start,
        end: i,
      });
    } else if (isWordStart(c)) {
      let k = i + 1;
      while (k < source.length && isWordPart(source[k]!)) k++;
      const text = source.slice(i, k).toUpperCase();
      advance(k);
      out.push({ token: { kind: 'word', text, line: startLine }, start, end: i });
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      let k = i + 1;
      while (k < source.length && (isWordPart(source[k]!) || source[k] === '.')) k++;
      advance(k);
      out.push({
        token: { kind: 'number', text: source.slice(start, k), line: startLine },
        start,
        end: i,
      });
    } else {
      advance(i + 1);
      out.push({ token: { kind: 'punct', text: c, line: startLine }, start, end: i });
    }
  }
  return out;
}

/** The statements of one SQL file, in order, each with its line in the file. */
export function splitStatements(source: string): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let state = 0;
  let current: { token: SqlToken; start: number; end: number }[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const tokens = current.map((t) => t.token);
    const first = current[0]!;
    const last = current[current.length - 1]!;
    // A lone `;` is an empty statement: nothing to judge.
    if (!(tokens.length === 1 && tokens[0]!.text === ';' && tokens[0]!.kind === 'punct')) {
      statements.push({
        sql: source.slice(first.start, last.end),
        line: first.token.line,
        endLine: last.token.line,
        tokens,
      });
    }
    current = [];
  };
  for (const t of tokenize(source)) {
    current.push(t);
    state = TRANSITIONS[state]![COMPLETE_COLUMNS.indexOf(completeTokenOf(t.token))]!;
    if (state === 1) flush();
  }
  flush();
  return statements;
}

/** True when `word` (upper case) appears as a bare keyword outside parentheses. */
export function hasTopLevelWord(tokens: readonly SqlToken[], word: string, from = 0): boolean {
  let depth = 0;
  for (const t of tokens.slice(from)) {
    if (t.kind === 'punct' && t.text === '(') depth++;
    else if (t.kind === 'punct' && t.text === ')') depth--;
    else if (depth === 0 && t.kind === 'word' && t.text === word) return true;
  }
  return false;
}

/**
 * The data-changing verb of a statement (UPDATE, DELETE, INSERT, REPLACE) and its position,
 * after an optional WITH … clause; undefined for any other statement.
 */
export function dmlVerb(tokens: readonly SqlToken[]): { verb: string; at: number } | undefined {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === '(') depth++;
    else if (t.kind === 'punct' && t.text === ')') depth--;
    else if (depth === 0 && t.kind === 'word') {
      if (['UPDATE', 'DELETE', 'INSERT', 'REPLACE'].includes(t.text))
        return { verb: t.text, at: i };
      if (i === 0 && t.text !== 'WITH') return undefined;
    }
  }
  return undefined;
}
