import { z } from 'zod';

/** The `notify:` section: chat incoming webhooks, named by the env var that holds each URL (a secret). */
export const notifySection = z.object({}).strict();

export type NotifyConfig = z.infer<typeof notifySection>;
