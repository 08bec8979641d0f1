import { spellDuration } from '../time.js';
import { MIGRATE_STEPS } from './keywords.js';

/**
 * Values a config may still hold for the rest of this major, each read as it always was and
 * reported with the spelling to use instead. docs/versioning.md ("Deprecations") lists them and
 * the release that refuses them; deleting an entry here is that release's change.
 */

/** A deprecated value found in the file: where, and what to write instead. */
export interface ConfigDeprecation {
  path: string[];
  /** `30 is read as 30 milliseconds; write "30ms" (or "30s" if you meant seconds) — ...` */
  detail: string;
}

/**
 * Keys that took bare milliseconds before every duration became one type (issue #17): a number
 * there is read as milliseconds, as before, with a warning. A bare number anywhere else is refused.
 */
export const BARE_MILLISECOND_KEYS: readonly (readonly string[])[] = [
  ...MIGRATE_STEPS.map((step) => ['migrate', 'timeouts', step]),
  ['migrate', 'lock', 'ttl'],
  ['migrate', 'lock', 'wait-timeout'],
  ['migrate', 'lock', 'poll-interval'],
];

/** The warning for a bare number `ms` at a key that reads it as milliseconds. */
export function bareMillisecondsDetail(ms: number): string {
  const spelled = spellDuration(ms);
  const fix =
    spelled === `${ms}ms`
      ? `; write "${spelled}" (or "${ms}s" if you meant seconds)`
      : ` (${spelled}); write "${spelled}"`;
  return `${ms} is read as ${ms} milliseconds${fix} — bare numbers are deprecated and will be refused in the next major`;
}

/**
 * `raw` (the parsed YAML) with each deprecated value rewritten as the schema now wants it
 * (`backup: 30` -> `backup: "30ms"`), and one note per rewrite. `raw` itself is not changed.
 * Only what the old schema accepted is rewritten (a whole number above zero); anything else is
 * left for the schema to refuse with its own message.
 */
export function upgradeDeprecatedValues(raw: Record<string, unknown>): {
  raw: Record<string, unknown>;
  deprecations: ConfigDeprecation[];
} {
  const deprecations: ConfigDeprecation[] = [];
  let upgraded = raw;
  for (const path of BARE_MILLISECOND_KEYS) {
    const value = path.reduce<unknown>((node, key) => mappingOf(node)?.[key], raw);
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) continue;
    if (upgraded === raw) upgraded = structuredClone(raw);
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, key) => mappingOf(node)?.[key], upgraded);
    mappingOf(parent)![path.at(-1)!] = `${value}ms`;
    deprecations.push({ path: [...path], detail: bareMillisecondsDetail(value) });
  }
  return { raw: upgraded, deprecations };
}

function mappingOf(node: unknown): Record<string, unknown> | undefined {
  return node !== null && typeof node === 'object' && !Array.isArray(node)
    ? (node as Record<string, unknown>)
    : undefined;
}
