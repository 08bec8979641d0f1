// `jobs.<job_id>.strategy`: the matrix expanded into one job run ("leg") per combination, as the
// Actions service expands it before the legs go to runners.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstrategymatrix
// https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations
//
// @actions/workflow-parser keeps `strategy` as a raw token (its model has no parsed strategy), so
// the expansion follows the service's own code, published in actions/runner:
// src/Sdk/WorkflowParser/Conversion/WorkflowTemplateConverter.cs (ConvertToStrategy: the errors,
// the strategy context) and MatrixBuilder.cs (cross product, exclude, include, display names),
// IdBuilder.cs (configuration ids) and JobNameBuilder.cs.
import { isBasicExpression, isMapping, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { evaluate, evaluateToken, type ExpressionScope } from './expressions.js';

/** "A matrix will generate a maximum of 256 jobs per workflow run." (using-matrix-strategy) */
export const MAX_CONFIGURATIONS = 256;

export interface MatrixLeg {
  /** the leg's `matrix` context: the combination, then the values `include` added */
  matrix: Record<string, unknown>;
  /** the combination's scalar values, in order: the display name's `(a, b)` */
  segments: string[];
  /** the service's configuration id (`_3_8`, `ubuntu-latest_x64`), as in its cancel message */
  configId: string;
  /** the leg's `strategy` context */
  strategy: {
    'fail-fast': boolean;
    'job-index': number;
    'job-total': number;
    'max-parallel': number;
  };
}

export interface StrategyPlan {
  failFast: boolean;
  /** at most this many legs in progress at once (the leg count when unset) */
  maxParallel: number;
  legs: MatrixLeg[];
}

/** A strategy GitHub refuses: the job fails with this message and no leg runs. */
export class StrategyError extends Error {}

type Json = unknown;

/** The service's type names in its "Unexpected type" messages (TemplateToken.assert*). */
function tokenTypeOf(value: Json): string {
  if (value === null || value === undefined) return 'NullToken';
  if (Array.isArray(value)) return 'SequenceToken';
  if (typeof value === 'object') return 'MappingToken';
  if (typeof value === 'boolean') return 'BooleanToken';
  if (typeof value === 'number') return 'NumberToken';
  return 'StringToken';
}

function expect<T>(
  value: Json,
  type: 'SequenceToken' | 'MappingToken' | 'BooleanToken' | 'NumberToken',
  what: string,
): T {
  if (tokenTypeOf(value) !== type) {
    throw new Error(
      `Unexpected type '${tokenTypeOf(value)}' encountered while reading '${what}'. The type '${type}' was expected.`,
    );
  }
  return value as T;
}

/** A strategy read from the workflow: each part evaluated, with the token it was written at. */
interface Part {
  value: Json;
  at: TemplateToken;
}

export interface PlanStrategyOptions {
  /** `strategy:` as written (a mapping, or one expression) */
  token: TemplateToken;
  /** job-level contexts: github, inputs, vars, needs (the schema's `strategy` context) */
  scope: ExpressionScope;
  jobId: string;
  /** `.github/workflows/x.yml`, for the "(Line: n, Col: m)" of messages */
  file: string;
}

function where(file: string, token: TemplateToken): string {
  return token.line !== undefined ? `${file} (Line: ${token.line}, Col: ${token.col})` : file;
}

/**
 * Evaluates and expands `strategy:`. Throws a StrategyError with GitHub's message
 * ("Error when evaluating 'strategy' for job 'x'. <file> (Line: l, Col: c): Matrix vector 'app'
 * does not contain any values") when GitHub would fail the job.
 */
export function planStrategy(options: PlanStrategyOptions): StrategyPlan {
  const { token, scope, jobId, file } = options;
  let at = token;
  const fail = (error: unknown): never => {
    throw new StrategyError(
      `Error when evaluating 'strategy' for job '${jobId}'. ${where(file, at)}: ${(error as Error).message}`,
    );
  };
  // Each part of the strategy is either literal YAML (evaluated piece by piece, so a message points
  // at the vector) or one expression whose value stands for the whole part.
  const parts: { strategy: Record<string, Part>; matrix?: Record<string, Part> } = {
    strategy: {},
  };
  /** where the matrix is written ("Matrix must define at least one vector" points there) */
  let matrixAt = token;
  try {
    if (isBasicExpression(token) || !isMapping(token)) {
      const value = expect<Record<string, Json>>(
        evaluateToken(token, scope),
        'MappingToken',
        'strategy',
      );
      for (const [key, v] of Object.entries(value)) parts.strategy[key] = { value: v, at: token };
    } else {
      for (const pair of token) {
        const key = isString(pair.key) ? pair.key.value : String(evaluateToken(pair.key, scope));
        if (key === 'matrix' && isMapping(pair.value)) {
          parts.matrix = {};
          matrixAt = pair.value;
          for (const m of pair.value) {
            at = m.value;
            const name = isString(m.key) ? m.key.value : String(evaluateToken(m.key, scope));
            parts.matrix[name] = { value: evaluateToken(m.value, scope), at: m.value };
          }
          at = token;
        } else {
          at = pair.value;
          parts.strategy[key] = { value: evaluateToken(pair.value, scope), at: pair.value };
          at = token;
        }
      }
    }
  } catch (error) {
    fail(error);
  }

  let failFast = true;
  let maxParallel = 0;
  let matrix: Record<string, Part> | undefined = parts.matrix;
  for (const [key, part] of Object.entries(parts.strategy)) {
    at = part.at;
    try {
      if (key === 'fail-fast')
        failFast = expect<boolean>(part.value, 'BooleanToken', 'strategy fail-fast');
      else if (key === 'max-parallel')
        maxParallel = Math.trunc(
          expect<number>(part.value, 'NumberToken', 'strategy max-parallel'),
        );
      else if (key === 'matrix') {
        const m = expect<Record<string, Json>>(part.value, 'MappingToken', 'matrix');
        matrixAt = part.at;
        matrix = {};
        for (const [name, value] of Object.entries(m)) matrix[name] = { value, at: part.at };
      } else throw new Error(`Unexpected value '${key}'`);
    } catch (error) {
      fail(error);
    }
  }
  at = token;
  const built = matrix
    ? buildMatrix(matrix, (error, part): never => {
        at = part?.at ?? matrixAt;
        return fail(error);
      })
    : [];
  // No combination (a strategy without a matrix, or every combination excluded): the job runs
  // once, with no matrix values ("when the matrix has all cases excluded, the job still runs but
  // with no parameters set", bitwarden/passwordless-dotnet#129).
  const combinations: Omit<MatrixLeg, 'strategy'>[] = built.length
    ? built
    : [{ matrix: {}, segments: [], configId: 'job' }];
  if (combinations.length > MAX_CONFIGURATIONS) {
    // The service's words, e.g. adafruit/circuitpython#11324, replicatedhq/kURL#5998.
    throw new StrategyError(
      `${where(file, token)}: Strategy for job '${jobId}' produced ${combinations.length} configurations which exceeds the maximum of ${MAX_CONFIGURATIONS} configurations`,
    );
  }
  const total = combinations.length;
  const parallel = maxParallel > 0 ? maxParallel : total;
  return {
    failFast,
    maxParallel: parallel,
    legs: combinations.map((c, i) => ({
      ...c,
      strategy: {
        'fail-fast': failFast,
        'job-index': i,
        'job-total': total,
        'max-parallel': parallel,
      },
    })),
  };
}

/** `'it''s'`: a string literal of GitHub's expression language. */
function literal(value: Json): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * An include/exclude entry as the service matches it: one `matrix[...] == literal` comparison per
 * leaf, evaluated by GitHub's evaluator (so 'Linux' matches 'linux' and 1 matches '1'), all true.
 */
function filterOf(entry: Record<string, Json>): (matrix: Record<string, Json>) => boolean {
  const comparisons: string[] = [];
  const walk = (path: string, value: Json) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(`${path}[${i}]`, v));
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(`${path}[${literal(k)}]`, v);
    else comparisons.push(`${path} == ${literal(value)}`);
  };
  for (const [k, v] of Object.entries(entry)) walk(`matrix[${literal(k)}]`, v);
  return (matrix) => comparisons.every((c) => evaluate(c, { contexts: { matrix } }) === true);
}

/** Scalars of a value, depth first, as ExpressionData.Traverse(omitKeys: true) yields them. */
function scalars(value: Json, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) scalars(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) scalars(v, out);
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (typeof value === 'number') out.push(String(Number(value.toPrecision(15))));
  else if (typeof value === 'string' && value !== '') out.push(value);
  return out;
}

/** IdBuilder: segments joined with `_`, other characters as `_`, a digit first gets a `_`, unique. */
function configIds(): (segments: string[]) => string {
  const used = new Set<string>();
  return (segments) => {
    let name = '';
    for (const s of segments) {
      if (name === '') {
        if (/^[0-9-]/.test(s)) name += '_';
      } else name += '_';
      name += s.replace(/[^A-Za-z0-9_-]/g, '_');
    }
    let original = name || 'job';
    if (original.startsWith('__')) original = `_${original.replace(/^_+/, '')}`;
    for (let attempt = 1; ; attempt++) {
      const suffix = attempt === 1 ? '' : original === '_' ? String(attempt) : `_${attempt}`;
      const candidate = original.slice(0, 100 - suffix.length) + suffix;
      if (!used.has(candidate.toLowerCase())) {
        used.add(candidate.toLowerCase());
        return candidate;
      }
    }
  };
}

/**
 * MatrixBuilder.Build: the cross product of the vectors (the first vector varies slowest, so legs
 * come in the order the docs list them), each combination dropped when an `exclude` entry matches
 * it, then extended by every `include` entry whose keys that are vectors match it (its other keys
 * are added; a later include overwrites what an earlier one added, never a vector's value); the
 * include entries that matched no combination become combinations of their own, in order.
 */
function buildMatrix(
  parts: Record<string, Part>,
  fail: (error: Error, part?: Part) => never,
): Omit<MatrixLeg, 'strategy'>[] {
  const vectors = new Map<string, Json[]>();
  let include: Record<string, Json>[] = [];
  let exclude: Record<string, Json>[] = [];
  let hasVector = false;
  let hasInclude = false;
  for (const [key, part] of Object.entries(parts)) {
    try {
      if (key === 'include') {
        include = expect<Json[]>(part.value, 'SequenceToken', 'matrix includes').map((item) =>
          expect<Record<string, Json>>(item, 'MappingToken', 'matrix includes item'),
        );
        hasInclude = include.length > 0;
      } else if (key === 'exclude') {
        exclude = expect<Json[]>(part.value, 'SequenceToken', 'matrix excludes').map((item) =>
          expect<Record<string, Json>>(item, 'MappingToken', 'matrix excludes item'),
        );
      } else {
        hasVector = true;
        const vector = expect<Json[]>(part.value, 'SequenceToken', 'matrix vector value');
        if (vector.length === 0)
          throw new Error(`Matrix vector '${key}' does not contain any values`);
        vectors.set(key, vector);
      }
    } catch (error) {
      fail(error as Error, part);
    }
  }
  if (!hasVector && !hasInclude) fail(new Error('Matrix must define at least one vector'));

  const excludes = exclude.map((entry) => {
    const part = parts.exclude;
    if (Object.keys(entry).length === 0)
      fail(new Error('Matrix exclude filter must not be empty'), part);
    for (const key of Object.keys(entry)) {
      if (!vectors.has(key))
        fail(
          new Error(`Matrix exclude key '${key}' does not match any key within the matrix`),
          part,
        );
    }
    return filterOf(entry);
  });
  const includes = include.map((entry) => {
    const filter: Record<string, Json> = {};
    const extra: Record<string, Json> = {};
    for (const [k, v] of Object.entries(entry)) (vectors.has(k) ? filter : extra)[k] = v;
    if (Object.keys(entry).length === 0)
      fail(new Error('Matrix include mapping does not contain any values'), parts.include);
    return { filter, extra, matches: filterOf(filter), matched: false };
  });

  const nextId = configIds();
  const out: Omit<MatrixLeg, 'strategy'>[] = [];
  const add = (matrix: Record<string, Json>, extra: Record<string, Json> | undefined) => {
    // The name and id come from the combination's values; the included extras follow.
    const segments = scalars(matrix);
    out.push({ matrix: { ...matrix, ...extra }, segments, configId: nextId(segments) });
  };
  const names = [...vectors.keys()];
  const size = names.length ? names.reduce((n, k) => n * vectors.get(k)!.length, 1) : 0;
  for (let index = 0; index < size; index++) {
    const matrix: Record<string, Json> = {};
    let block = size;
    for (const name of names) {
      const vector = vectors.get(name)!;
      block /= vector.length;
      matrix[name] = vector[Math.floor(index / block) % vector.length];
    }
    if (excludes.some((matches) => matches(matrix))) continue;
    let extra: Record<string, Json> | undefined;
    for (const inc of includes) {
      if (!inc.matches(matrix)) continue;
      inc.matched = true;
      extra = { ...extra, ...inc.extra };
    }
    add(matrix, extra);
  }
  for (const inc of includes) if (!inc.matched) add({ ...inc.filter, ...inc.extra }, undefined);
  return out;
}

/**
 * The leg's display name (JobNameBuilder): `name (a, b)`, cut to 100 characters. A job whose
 * `name:` is an expression gets no values appended: its name is evaluated per leg instead
 * (actions/runner src/Sdk/DTPipelines/Pipelines/JobFactory.cs: `JobDisplayName is ExpressionToken
 * ? null : DisplayName`).
 */
export function legName(name: string, segments: string[]): string {
  const full = segments.length ? `${name} (${segments.join(', ')})` : name;
  return full.length > 100 ? `${full.slice(0, 97)}...` : full;
}
