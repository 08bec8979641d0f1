import {
  promotionConfigSchemaFor,
  SECTION_NAMES,
  type PromotionConfig,
  type SectionName,
} from './schema.js';

/*
 * Validating a config already read (the YAML parsed, or no file): zod and the schema, without
 * the YAML parser, which an action with no config file never needs (issue #18).
 */

/** Check `raw` against the schema of `sections`; the schema comes back for the error lines. */
export function validateConfig(raw: unknown, sections: readonly SectionName[] = SECTION_NAMES) {
  const given = (key: string) =>
    typeof raw === 'object' && raw !== null && (raw as Record<string, unknown>)[key] !== undefined;
  const schema = promotionConfigSchemaFor(sections, {
    stages: given('stages'),
    apps: given('apps'),
  });
  // jitless: zod would otherwise compile a parser for every object of the schema (new Function)
  // to speed up later parses of the same shape; a run parses its config once or twice, and the
  // compiling cost ~15 ms of CPU at start (issue #18).
  return { schema, result: schema.safeParse(raw, { reportInput: true, jitless: true }) };
}

/** The config of a repository without a config file: every default. */
export function defaultConfig(sections: readonly SectionName[] = SECTION_NAMES): PromotionConfig {
  const { result } = validateConfig({}, sections);
  if (!result.success) throw new Error(`the defaults do not validate: ${result.error.message}`);
  return result.data as PromotionConfig;
}
