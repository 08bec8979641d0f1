import { z } from 'zod';

/** The `migrate:` section of .github/promotion.yml. Owned by its action; filled in by its issue. */
export const migrateSection = z.object({}).strict();

export type MigrateConfig = z.infer<typeof migrateSection>;
