import * as z from 'zod';
import { lazy } from '../lazy.js';
import { envVarName } from '../types.js';

const webhook = (service: string, example: string) =>
  z
    .object({
      'webhook-env': envVarName().describe(
        `Name of the environment variable that holds the ${service} incoming-webhook URL (map a secret to it in the workflow; the URL itself never goes in this file), e.g. ${example}.`,
      ),
    })
    .strict()
    .describe(`${service} incoming webhook.`);

/** The `notify:` section: chat incoming webhooks, named by the env var that holds each URL (a secret). */
export const notifySection = lazy(() =>
  z
    .object({
      slack: webhook('Slack', 'SLACK_WEBHOOK_URL').optional(),
      discord: webhook('Discord', 'DISCORD_WEBHOOK_URL').optional(),
      teams: webhook(
        'Microsoft Teams (Workflows / Power Automate)',
        'TEAMS_WEBHOOK_URL',
      ).optional(),
    })
    .strict()
    .describe(
      'Chat notifications (seal results, releases, failures). Each service names the env var holding its webhook URL; a failed post is a warning, never a failed step.',
    ),
);

export type NotifyConfig = z.infer<ReturnType<typeof notifySection>>;
