// `${{ }}` through GitHub's own evaluator (@actions/expressions): the lexer, parser and evaluator
// the Actions language services use, with the status functions and hashFiles the runner adds.
// Template tokens come from @actions/workflow-parser, which already turned `a ${{ b }} c` into
// `format('a {0} c', b)`, as the Actions service does.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import {
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
} from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import picomatch from 'picomatch';

const CONTEXTS = [
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
];

/** How the status functions answer in the place the expression is evaluated. */
export interface Status {
  success: boolean;
  failure: boolean;
  cancelled: boolean;
}

export interface ExpressionScope {
  contexts: Record<string, unknown>;
  status?: Status;
  /** GITHUB_WORKSPACE, for hashFiles() */
  workspace?: string;
}

function toData(value: unknown): data.ExpressionData {
  return JSON.parse(JSON.stringify(value ?? null), data.reviver) as data.ExpressionData;
}

function fromData(value: data.ExpressionData): unknown {
  return JSON.parse(JSON.stringify(value, data.replacer)) as unknown;
}

/**
 * hashFiles(patterns...): the runner's algorithm (src/Misc/expressionFunc/hashFiles): each matched
 * file under GITHUB_WORKSPACE, in path order, hashed with SHA-256; the hashes hashed again; '' when
 * nothing matched. https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#hashfiles
 */
function hashFiles(workspace: string | undefined, patterns: string[]): string {
  if (!workspace) throw new Error('hashFiles() is only available in steps (no workspace).');
  const tracked = readdirSync(workspace, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(workspace, join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith('.git/'))
    .sort();
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const isIn = picomatch(include, { dot: true });
  const isOut = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
  const files = tracked.filter((f) => isIn(f) && !isOut(f));
  if (files.length === 0) return '';
  const outer = createHash('sha256');
  for (const f of files) {
    const full = `${workspace}/${f}`;
    if (!statSync(full).isFile()) continue;
    outer.update(createHash('sha256').update(readFileSync(full)).digest());
  }
  return outer.digest('hex');
}

function functionsFor(scope: ExpressionScope): Map<string, FunctionDefinition> {
  const status = scope.status ?? { success: true, failure: false, cancelled: false };
  const fn = (name: string, min: number, max: number, call: FunctionDefinition['call']) =>
    [name, { name, minArgs: min, maxArgs: max, call }] as const;
  return new Map<string, FunctionDefinition>([
    fn('success', 0, 0, () => new data.BooleanData(status.success)),
    fn('failure', 0, 0, () => new data.BooleanData(status.failure)),
    fn('cancelled', 0, 0, () => new data.BooleanData(status.cancelled)),
    fn('always', 0, 0, () => new data.BooleanData(true)),
    fn(
      'hashfiles',
      1,
      255,
      (...args) =>
        new data.StringData(
          hashFiles(
            scope.workspace,
            args.map((a) => a.coerceString()),
          ),
        ),
    ),
  ]);
}

/** Evaluates one expression (without `${{ }}`) and returns plain JSON data. */
export function evaluate(expression: string, scope: ExpressionScope): unknown {
  const functions = functionsFor(scope);
  const lexed = new Lexer(expression).lex();
  const parser = new Parser(
    lexed.tokens,
    CONTEXTS,
    [...functions.values()].map(({ name, minArgs, maxArgs }) => ({ name, minArgs, maxArgs })),
  );
  const tree = parser.parse();
  const result = new Evaluator(
    tree,
    toData(scope.contexts) as data.Dictionary,
    functions,
  ).evaluate();
  return fromData(result);
}

/** GitHub's truthiness: false, 0, -0, '', null are false. */
export function truthy(value: unknown): boolean {
  return !(value === false || value === 0 || value === '' || value === null || value === undefined);
}

/** A template token's value: literals as written, expressions evaluated (types kept). */
export function evaluateToken(token: TemplateToken | undefined, scope: ExpressionScope): unknown {
  if (!token) return undefined;
  if (isBasicExpression(token)) return evaluate(token.expression, scope);
  if (isString(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isSequence(token)) {
    const out: unknown[] = [];
    for (const item of token) out.push(evaluateToken(item, scope));
    return out;
  }
  if (isMapping(token)) {
    const out: Record<string, unknown> = {};
    for (const pair of token) {
      out[toText(evaluateToken(pair.key, scope))] = evaluateToken(pair.value, scope);
    }
    return out;
  }
  return null; // NullToken
}

/** How the runner turns an evaluated value into an env var or input string. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return JSON.stringify(value, null, 2);
}

/** A mapping token evaluated to strings (env:, with:, outputs:). */
export function evaluateStringMap(
  token: TemplateToken | undefined,
  scope: ExpressionScope,
): Record<string, string> {
  const value = evaluateToken(token, scope);
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) out[k] = toText(v);
  }
  return out;
}
