import * as z from 'zod';
import { preflightSection } from './sections/preflight.js';
import { promoteSection } from './sections/promote.js';
import { migrateSection } from './sections/migrate.js';
import { smokeSection } from './sections/smoke.js';
import { releaseSection } from './sections/release.js';
import { notifySection } from './sections/notify.js';
import { stagesSection } from './sections/stages.js';
import { appsSection } from './sections/apps.js';
import { lazy } from './lazy.js';
import { useSectionSchemas } from './resolve.js';

/** The keys of promotion.yml that every action reads: what the sections below refer to. */
const topLevelKeys = () => ({
  version: z.literal(1).default(1).describe('Config format version; always 1.'),
  branches: z
    .object({
      production: z.string().min(1).default('main').describe('The branch production deploys from.'),
      staging: z
        .string()
        .min(1)
        .default('staging')
        .describe('The branch that holds validated staging changes.'),
    })
    .strict()
    .prefault({}),
  environment: z
    .string()
    .min(1)
    .default('production')
    .describe('GitHub environment name of production.'),
});

/** One top-level key per section (sections/*.ts), each built only when a schema includes it. */
const SECTIONS = {
  preflight: () => preflightSection().prefault({}),
  promote: () => promoteSection().prefault({}),
  migrate: () => migrateSection().prefault({}),
  smoke: () => smokeSection().prefault({}),
  release: () => releaseSection().prefault({}),
  notify: () => notifySection().prefault({}),
};

// resolveConfig validates a stage's or an app's merged section with the section's own schema.
useSectionSchemas({
  preflight: preflightSection,
  promote: promoteSection,
  migrate: migrateSection,
  smoke: smokeSection,
  release: releaseSection,
  notify: notifySection,
});

export type SectionName = keyof typeof SECTIONS;
export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];
type SectionShape = { [K in SectionName]: ReturnType<(typeof SECTIONS)[K]> };

/**
 * The one file a user writes: .github/promotion.yml. Keys are kebab-case like action inputs.
 * Every section has defaults, so an empty file (or none) is a valid config. Built on first use,
 * not at import (issue #18: ~45 ms of every action's start).
 */
export const promotionConfigSchema = lazy(() =>
  z
    .object({
      ...topLevelKeys(),
      stages: stagesSection().optional(),
      ...(Object.fromEntries(
        SECTION_NAMES.map((name) => [name, SECTIONS[name]()]),
      ) as SectionShape),
      apps: appsSection().optional(),
    })
    .strict(),
);

export type PromotionConfig = z.infer<ReturnType<typeof promotionConfigSchema>>;

/** A config validated for an action that reads only the sections S (and the top-level keys). */
export type ConfigWith<S extends SectionName> = Pick<
  PromotionConfig,
  Exclude<keyof PromotionConfig, SectionName> | S
>;

const schemasFor = new Map<string, z.ZodType>();

/**
 * The schema an action that reads only `sections` validates with: those sections and the
 * top-level keys (with `stages` and `apps`) in full (an unknown key is still an error), any other section taken as it is
 * and left out of the result. Building and checking every section cost each action ~20-45 ms
 * of CPU at start (issue #18); preflight-gates, the config's check on every pull request, still
 * validates the whole file (promotionConfigSchema), so a mistake in a section no action here
 * reads is reported there.
 */
export function promotionConfigSchemaFor(
  sections: readonly SectionName[],
  /** Whether the config holds `stages:` / `apps:` (the schema of each is built only then). */
  present: { stages?: boolean; apps?: boolean } = {},
): z.ZodType {
  if (SECTION_NAMES.every((name) => sections.includes(name))) return promotionConfigSchema();
  const key = [
    ...SECTION_NAMES.filter((name) => sections.includes(name)),
    ...(present.stages ? ['stages'] : []),
    ...(present.apps ? ['apps'] : []),
  ].join(',');
  let schema = schemasFor.get(key);
  if (!schema) {
    const shape: Record<string, z.ZodType> = topLevelKeys();
    // The chain and the apps are read by every action (resolveConfig): validated whenever the
    // file holds them, built only then.
    shape.stages = present.stages ? stagesSection().optional() : z.undefined().optional();
    for (const name of SECTION_NAMES) {
      shape[name] = sections.includes(name) ? SECTIONS[name]() : z.unknown().optional();
    }
    shape.apps = present.apps ? appsSection().optional() : z.undefined().optional();
    schema = z
      .object(shape)
      .strict()
      .transform((config) => {
        for (const name of SECTION_NAMES) if (!sections.includes(name)) delete config[name];
        return config;
      });
    schemasFor.set(key, schema);
  }
  return schema;
}
