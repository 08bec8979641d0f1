import { z } from 'zod';

/** The `preflight:` section of .github/promotion.yml. Owned by its action; filled in by its issue. */
export const preflightSection = z.object({}).strict();

export type PreflightConfig = z.infer<typeof preflightSection>;
