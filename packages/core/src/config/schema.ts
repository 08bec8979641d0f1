import * as z from 'zod';
import { preflightSection } from './sections/preflight.js';
import { promoteSection } from './sections/promote.js';
import { migrateSection } from './sections/migrate.js';
import { smokeSection } from './sections/smoke.js';
import { releaseSection } from './sections/release.js';
import { notifySection } from './sections/notify.js';
import { stagesSection } from './sections/stages.js';
import { appsSection } from './sections/apps.js';

/**
 * The one file a user writes: .github/promotion.yml. Keys are kebab-case like action inputs.
 * Every section has defaults, so an empty file (or none) is a valid config.
 */
export const promotionConfigSchema = z
  .object({
    version: z.literal(1).default(1).describe('Config format version; always 1.'),
    branches: z
      .object({
        production: z
          .string()
          .min(1)
          .default('main')
          .describe('The branch production deploys from.'),
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
    stages: stagesSection.optional(),
    preflight: preflightSection.prefault({}),
    promote: promoteSection.prefault({}),
    migrate: migrateSection.prefault({}),
    smoke: smokeSection.prefault({}),
    release: releaseSection.prefault({}),
    notify: notifySection.prefault({}),
    apps: appsSection.optional(),
  })
  .strict();

export type PromotionConfig = z.infer<typeof promotionConfigSchema>;
