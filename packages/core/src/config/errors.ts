import type * as z from 'zod';
import { ConfigurationError } from '../errors.js';

/**
 * Turning zod issues into lines a user can act on, one per problem:
 *   promotion.yml: preflight.freeze[0].from: "25:00" is not a time; use HH:MM
 *   promotion.yml: preflight.frezee: unknown key; allowed keys: ci, findings, freeze (did you mean freeze?)
 */

/** A bad config file (or input): `.issues` holds one line per problem, the message all of them. */
export class ConfigValidationError extends ConfigurationError {
  constructor(
    readonly file: string,
    readonly issues: string[],
    header = `${file} is not valid (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}); fix and re-run:`,
  ) {
    super(`${header}\n${issues.join('\n')}`);
  }
}

type Path = readonly PropertyKey[];

/** `preflight.freeze[0].from` */
export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

// Internal zod 4 definition shape, read only to find the schema at a path (for "allowed keys").
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  getter?: () => z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strip wrappers (optional, default, prefault, nullable, readonly, catch, pipe input, lazy). */
function unwrapSchema(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (
      def.innerType &&
      ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(
        def.type,
      )
    )
      s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else break;
  }
  return s;
}

/** The (unwrapped) schema found at `path` under `root`, or undefined when the path leaves it. */
export function schemaAt(root: z.ZodType, path: Path): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrapSchema(root);
  for (const key of path) {
    if (!s) return undefined;
    const def = defOf(s);
    if (def.type === 'object' && def.shape && typeof key === 'string') s = def.shape[key];
    else if (def.type === 'array' && def.element) s = def.element;
    else if (def.type === 'record' && def.valueType) s = def.valueType;
    else if (def.type === 'union' && def.options) {
      s = def.options.map((o) => schemaAt(o, [key])).find((o) => o !== undefined);
    } else return undefined;
    if (s) s = unwrapSchema(s);
  }
  return s;
}

/** Keys an object schema allows (union members merged), for the "unknown key" line. */
function allowedKeys(root: z.ZodType, path: Path): string[] {
  const s = schemaAt(root, path);
  if (!s) return [];
  const def = defOf(s);
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.type === 'union' && def.options) {
    return [...new Set(def.options.flatMap((o) => allowedKeys(o, [])))];
  }
  return [];
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) dp[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i]![j] = Math.min(
        dp[i - 1]![j]! + 1,
        dp[i]![j - 1]! + 1,
        dp[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return dp[a.length]![b.length]!;
}

/** The closest candidate when it is plausibly a typo ("frezee" -> "freeze", "from_" -> "from"). */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_\s]/g, '-');
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(norm(word), norm(c));
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  return bestScore <= Math.max(1, Math.min(3, Math.floor(best.length / 3))) ? best : undefined;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  bigint: 'a whole number',
  date: 'a date',
  null: 'null',
};

const TYPE_HINTS: Record<string, string> = {
  array: 'a YAML list, e.g. [a, b] or one "- item" per line',
  object: 'a mapping of keys (key: value)',
  record: 'a mapping of keys (key: value)',
  boolean: 'true or false (unquoted)',
  number: 'a number (unquoted)',
};

/** The bad value as the user wrote it: JSON for scalars, a word for lists and mappings. */
function showValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 77)}..."` : json;
}

const CONTINUES_VALUE =
  /^(is|are|isn't|looks|has|have|does|doesn't|must|should|can|cannot|contains|needs|was|names|matches)\b/;

const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)/;

type Issue = z.core.$ZodIssue & { input?: unknown; params?: Record<string, unknown> };

function sizeWord(origin: string | undefined, n: number | bigint): string {
  if (origin === 'string') return `${n} ${n === 1 ? 'character' : 'characters'}`;
  if (origin === 'array' || origin === 'set') return `${n} ${n === 1 ? 'item' : 'items'}`;
  return String(n);
}

/** "<bad value> <what is wrong>; <what is allowed>" for one issue (without the location). */
function describeIssue(issue: Issue): string {
  const value = issue.params?.hideValue ? '(value hidden)' : showValue(issue.input);
  const custom = issue.message && !DEFAULT_MESSAGE.test(issue.message) ? issue.message : undefined;
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    const allowed = custom?.split(';').slice(1).join(';').trim();
    return `is required; ${allowed || `use ${TYPE_HINTS[issue.expected] ?? TYPE_WORDS[issue.expected] ?? issue.expected}`}`;
  }
  // Messages in the building blocks' form ("is not a time; use HH:MM") follow the bad value; a
  // section's own full sentence ("dates.from is after dates.to") is printed as it is.
  if (custom) return CONTINUES_VALUE.test(custom) ? `${value} ${custom}` : custom;
  switch (issue.code) {
    case 'invalid_type': {
      const word = TYPE_WORDS[issue.expected] ?? issue.expected;
      const hint = TYPE_HINTS[issue.expected] ?? word;
      return typeof issue.input === 'object' && issue.input !== null
        ? `is ${value}, not ${word}; use ${hint}`
        : `${value} is not ${word}; use ${hint}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `${value} is not allowed; use ${JSON.stringify(issue.values[0])}`
        : `${value} is not allowed; use one of: ${issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array' && Number(issue.minimum) === 1)
        return `is empty; give at least one item`;
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return `is empty; give a value`;
      return issue.origin === 'string' || issue.origin === 'array'
        ? `${value} is too short; use at least ${sizeWord(issue.origin, issue.minimum)}`
        : `${value} is too small; use ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `${value} is too long; use at most ${sizeWord(issue.origin, issue.maximum)}`
        : `${value} is too large; use ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'invalid_format':
      return `${value} is not a valid ${issue.format}${issue.format === 'regex' && 'pattern' in issue ? `; match ${String(issue.pattern)}` : ''}`;
    case 'not_multiple_of':
      return `${value} is not a multiple of ${issue.divisor}`;
    case 'invalid_union': {
      const expected = [
        ...new Set(
          issue.errors.flatMap((branch) =>
            branch
              .filter((i) => i.code === 'invalid_type' && i.path.length === 0)
              .map(
                (i) =>
                  TYPE_WORDS[(i as { expected: string }).expected] ??
                  (i as { expected: string }).expected,
              ),
          ),
        ),
      ];
      return expected.length > 0 && expected.length === issue.errors.length
        ? `${value} is not allowed here; use ${expected.join(' or ')}`
        : `${value} does not match any allowed form${issue.message && !DEFAULT_MESSAGE.test(issue.message) ? `; ${issue.message}` : ''}`;
    }
    case 'invalid_key':
      return `has a bad key: ${issue.issues.map((i) => describeIssue(i as Issue)).join(', ')}`;
    case 'invalid_element':
      return `has a bad value: ${issue.issues.map((i) => describeIssue(i as Issue)).join(', ')}`;
    default:
      return `${value} ${issue.message}`;
  }
}

/**
 * For a union (e.g. a weekly window or a date range), the branch the user evidently meant: the
 * one whose keys all fit and that has the fewest problems, all below the union itself. Its
 * issues say what is really wrong ("25:00" is not a time) instead of "matches no form".
 */
function closestBranch(issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | undefined {
  const scored = issue.errors
    .filter((branch) => branch.length > 0)
    .map((branch) => ({
      branch,
      fits: branch.every(
        (i) =>
          i.code !== 'unrecognized_keys' &&
          i.path.length > 0 &&
          !(i.code === 'invalid_type' && (i as Issue).input === undefined),
      ),
    }))
    .filter((b) => b.fits)
    .sort((a, b) => a.branch.length - b.branch.length);
  if (scored.length === 0) return undefined;
  if (scored.length > 1 && scored[0]!.branch.length === scored[1]!.branch.length) return undefined;
  return scored[0]!.branch;
}

export interface FormatOptions {
  /** The schema the issues come from (for "allowed keys" on unknown keys). */
  schema: z.ZodType;
  /** The location prefix for an issue path: `promotion.yml: a.b[0]` or `input freeze-timezone`. */
  locate: (path: Path) => string;
}

/** One problem: where (the key path) and what (`<bad value> <what is wrong>; <what is allowed>`). */
export interface IssueEntry {
  path: PropertyKey[];
  detail: string;
}

/**
 * One line per issue, each `<location>: <bad value> <what is wrong>; <what is allowed>`.
 * For an unrecognized key the line names the allowed keys and the likely intended one.
 * Issues inside a union branch that matched by kind are unwrapped to their real cause.
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  options: FormatOptions,
): string[] {
  return [
    ...new Set(
      issueEntries(issues, options.schema).map((e) => `${options.locate(e.path)}: ${e.detail}`),
    ),
  ];
}

/** The problems of formatIssues with their key paths (the CLI turns a path into a file line). */
export function issueEntries(issues: readonly z.core.$ZodIssue[], schema: z.ZodType): IssueEntry[] {
  const entries: IssueEntry[] = [];
  for (const raw of issues) {
    const issue = raw as Issue;
    if (issue.code === 'invalid_union') {
      const branch = closestBranch(issue);
      if (branch) {
        entries.push(
          ...issueEntries(
            branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] })),
            schema,
          ),
        );
        continue;
      }
      // No branch fits: say so, plus any typo'd key a branch would have known ("day" -> "days").
      const typos = new Set<string>();
      for (const b of issue.errors)
        for (const i of b)
          if (i.code === 'unrecognized_keys')
            for (const key of i.keys) {
              const known = allowedKeys(schema, [...issue.path, ...i.path]);
              const guess = didYouMean(key, known);
              if (guess) typos.add(`unknown key ${key}: did you mean ${guess}?`);
            }
      const base = describeIssue(issue);
      entries.push({
        path: [...issue.path],
        detail: typos.size > 0 ? `${base} (${[...typos].join('; ')})` : base,
      });
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, issue.path);
      for (const key of issue.keys) {
        const guess = didYouMean(key, allowed);
        const allowedText =
          allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '; remove it';
        entries.push({
          path: [...issue.path, key],
          detail: `unknown key${allowedText}${guess ? ` (did you mean ${guess}?)` : ''}`,
        });
      }
      continue;
    }
    entries.push({ path: [...issue.path], detail: describeIssue(issue) });
  }
  return entries;
}

/** `promotion.yml: <path>` locations, for a config file. */
export function fileLocator(fileLabel: string): (path: Path) => string {
  return (path) => (path.length === 0 ? fileLabel : `${fileLabel}: ${formatPath(path)}`);
}
