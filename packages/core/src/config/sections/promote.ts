import { z } from 'zod';

/** The `promote:` section of .github/promotion.yml. Owned by its action; filled in by its issue. */
export const promoteSection = z.object({}).strict();

export type PromoteConfig = z.infer<typeof promoteSection>;
