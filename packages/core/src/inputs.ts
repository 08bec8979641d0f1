import { ConfigurationError } from './errors.js';
import type { ActionIO } from './io.js';

/**
 * Typed getters over the runner's inputs. A bad or missing input is a ConfigurationError whose
 * message names the input and says how to fix it, raised before any side effect.
 */

/** The input, trimmed; a ConfigurationError when it is empty. */
export function getRequiredInput(io: ActionIO, name: string, hint?: string): string {
  const value = io.getInput(name).trim();
  if (value === '') {
    throw new ConfigurationError(
      `input "${name}" is required: ${hint ?? `set it under "with:" in the step that uses this action`}`,
    );
  }
  return value;
}

/** The input, trimmed; `undefined` when empty (the runner passes '' for an input not given). */
export function getOptionalInput(io: ActionIO, name: string): string | undefined {
  const value = io.getInput(name).trim();
  return value === '' ? undefined : value;
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** true/false as YAML 1.2 spells them; `fallback` when empty; anything else is an error. */
export function getBooleanInput(io: ActionIO, name: string, fallback = false): boolean {
  const value = io.getInput(name).trim();
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new ConfigurationError(
    `input "${name}" must be true or false, got ${JSON.stringify(value)}`,
  );
}

/** A list given one item per line or comma-separated; blanks dropped; [] when empty. */
export function getListInput(io: ActionIO, name: string): string[] {
  return io
    .getInput(name)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** JSON input, parsed; `undefined` when empty. */
export function getJsonInput<T = unknown>(io: ActionIO, name: string): T | undefined {
  const value = io.getInput(name).trim();
  if (value === '') return undefined;
  try {
    return JSON.parse(value) as T;
  } catch (error) {
    throw new ConfigurationError(
      `input "${name}" is not valid JSON (${(error as Error).message}); pass e.g. {"key": "value"}`,
    );
  }
}

/** One of `allowed`; `fallback` when empty. */
export function getChoiceInput<T extends string>(
  io: ActionIO,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = io.getInput(name).trim();
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigurationError(
    `input "${name}" must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`,
  );
}

/** A whole number, optionally within bounds; `fallback` when empty. */
export function getIntegerInput(
  io: ActionIO,
  name: string,
  fallback: number,
  bounds: { min?: number; max?: number } = {},
): number {
  const value = io.getInput(name).trim();
  if (value === '') return fallback;
  const n = Number(value);
  const { min = -Infinity, max = Infinity } = bounds;
  if (!/^-?\d+$/.test(value) || n < min || n > max) {
    const range =
      Number.isFinite(min) || Number.isFinite(max)
        ? ` between ${Number.isFinite(min) ? min : '-∞'} and ${Number.isFinite(max) ? max : '∞'}`
        : '';
    throw new ConfigurationError(
      `input "${name}" must be a whole number${range}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * Free text (a name, a title, a reason) that ends up where GitHub enforces a length: the input,
 * trimmed, `undefined` when empty; refused before any side effect when it is longer than `max`
 * or, with `oneLine`, holds a line break or another control character.
 */
export function getTextInput(
  io: ActionIO,
  name: string,
  limit: { max: number; why: string; oneLine?: boolean },
): string | undefined {
  const value = getOptionalInput(io, name);
  if (value === undefined) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (limit.oneLine && /[\u0000-\u001f\u007f-\u009f]/.test(value)) {
    throw new ConfigurationError(
      `input "${name}" must be one line: it holds a line break or another control character ` +
        `(${limit.why}). Pass it on one line.`,
    );
  }
  if (value.length > limit.max) {
    throw new ConfigurationError(
      `input "${name}" is ${value.length.toLocaleString('en-US')} characters long; at most ` +
        `${limit.max.toLocaleString('en-US')} are allowed (${limit.why}). Shorten it.`,
    );
  }
  return value;
}
