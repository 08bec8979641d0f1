import { z } from 'zod';

/** The `release:` section of .github/promotion.yml. Owned by its action; filled in by its issue. */
export const releaseSection = z.object({}).strict();

export type ReleaseConfig = z.infer<typeof releaseSection>;
