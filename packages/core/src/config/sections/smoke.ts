import { z } from 'zod';

/** The `smoke:` section of .github/promotion.yml. Owned by its action; filled in by its issue. */
export const smokeSection = z.object({}).strict();

export type SmokeConfig = z.infer<typeof smokeSection>;
