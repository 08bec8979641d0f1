import type * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { ConfigValidationError, formatIssues, formatPath, schemaAt } from './errors.js';
import {
  promotionConfigSchemaFor,
  SECTION_NAMES,
  type PromotionConfig,
  type SectionName,
} from './schema.js';
import { validateConfig } from './validate.js';

/** Action inputs keyed by dotted config path: { 'preflight.freeze.timezone': 'UTC' }. */
export type InputOverrides = Record<string, unknown>;

/** Split 'a.b[0].c' into ['a', 'b', 0, 'c']. */
function parseConfigPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m || (m[1] === '' && m[2] === '')) throw new Error(`bad config path "${path}"`);
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function kindOf(schema: z.ZodType | undefined): string | undefined {
  return (schema as unknown as { _zod?: { def?: { type?: string } } } | undefined)?._zod?.def?.type;
}

/**
 * Inputs arrive as strings; turn them into what the schema at that path wants, so
 * `max-files: "300"` or `paths: "src/**, docs/**"` merge as a number and a list.
 */
function coerce(value: unknown, schema: z.ZodType | undefined): unknown {
  if (typeof value !== 'string') return value;
  const kind = kindOf(schema);
  const text = value.trim();
  if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (kind === 'boolean' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (kind === 'array') {
    return text
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  if (kind === 'object' || kind === 'record') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }
  return text;
}

function setAt(target: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = node[key];
    if (next === undefined || next === null || typeof next !== 'object') {
      node[key] = typeof path[i + 1] === 'number' ? [] : {};
    }
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/**
 * Action inputs over file values. `undefined` and '' mean "not given" (the runner passes '' for an
 * unset input). The result is validated again, so a bad input fails like a bad file, naming the
 * input: `input freeze-timezone: "Mars/Base" is not an IANA time zone; ...`.
 */
export function mergeInputs<C extends Partial<PromotionConfig>>(
  config: C,
  overrides: InputOverrides,
  inputNames: Record<string, string> = {},
  /** The sections `config` holds (loadConfig's `sections`); the others stay out. */
  sections: readonly SectionName[] = SECTION_NAMES,
): C {
  const merged = structuredClone(config) as unknown as Record<string, unknown>;
  const given: { path: (string | number)[]; name: string }[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined || value === '') continue;
    const path = parseConfigPath(key);
    const outside =
      (SECTION_NAMES as PropertyKey[]).includes(path[0]!) &&
      !(sections as PropertyKey[]).includes(path[0]!);
    const schema = outside ? undefined : schemaAt(promotionConfigSchemaFor(sections), path);
    const name = inputNames[key] ?? key;
    if (!schema)
      throw new ConfigurationError(
        `input ${name}: maps to "${key}", which is not a key of promotion.yml${outside ? ' this action reads' : ''} (a bug in the action: please report it)`,
      );
    setAt(merged, path, coerce(value, schema));
    given.push({ path, name });
  }
  if (given.length === 0) return config;
  const { schema: validated, result } = validateConfig(merged, sections);
  if (result.success) return result.data as C;
  const locate = (issuePath: readonly PropertyKey[]) => {
    const owner = given.find((g) => g.path.every((k, i) => issuePath[i] === k));
    if (owner) {
      const rest = issuePath.slice(owner.path.length);
      return `input ${owner.name}${rest.length ? ` (${formatPath(rest)})` : ''}`;
    }
    return `promotion.yml: ${formatPath(issuePath)}`;
  };
  throw new ConfigValidationError(
    'inputs',
    formatIssues(result.error.issues, { schema: validated, locate }),
    'The action inputs are not valid; fix them and re-run:',
  );
}
