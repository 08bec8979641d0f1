import type { NotifyConfig } from './config/sections/notify.js';
import type { Logger } from './logger.js';
import { truncate } from './markdown.js';
import { registerSecret } from './secrets.js';
import { untrusted } from './untrusted-text.js';

export type NotifyService = 'slack' | 'discord' | 'teams';
export type NotifyTargets = Partial<Record<NotifyService, string>>;

export interface NotifyMessage {
  title: string;
  status: 'green' | 'red' | 'info';
  /**
   * Plain text lines. Untrusted text is fine: each line goes through `untrusted(line, 'plain')`
   * (no mentions, no escapes), then through the service's own escaping.
   */
  lines: string[];
  /** Link to the run, release or PR. */
  url?: string;
}

export interface NotifyResult {
  service: NotifyService;
  ok: boolean;
  /** HTTP status of the last attempt, when there was a response. */
  status?: number;
  attempts: number;
  error?: string;
}

export interface NotifyOptions {
  targets: NotifyTargets;
  message: NotifyMessage;
  logger: Logger;
  fetch?: typeof fetch;
  /** Per attempt. */
  timeoutMs?: number;
  /** Wait before the one retry. */
  retryDelayMs?: number;
}

const COLORS = { green: 0x2da44e, red: 0xcf222e, info: 0x0969da } as const;
const EMOJI = { green: '✅', red: '🔴', info: 'ℹ️' } as const;

/**
 * Slack mrkdwn: only &, <, > are special; they start links and mentions (`<@U123>`, `<!here>`,
 * `<!channel>`), https://api.slack.com/reference/surfaces/formatting#escaping
 */
const slackEscape = (s: string) =>
  untrusted(s, 'plain').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Discord markdown: backslash-escape markup so untrusted text cannot format. */
const discordEscape = (s: string) => untrusted(s, 'plain').replace(/[\\*_~`|<>#[\]()-]/g, '\\$&');
/** Adaptive Card TextBlock: a subset of markdown (emphasis, links, lists). */
const teamsEscape = (s: string) => untrusted(s, 'plain').replace(/[*_[\]]/g, '\\$&');

export function slackPayload(m: NotifyMessage): Record<string, unknown> {
  const text = `${EMOJI[m.status]} ${untrusted(m.title, 'plain')}`;
  const body = m.lines.map(slackEscape).join('\n');
  // Slack: header text at most 150 characters, a section's text at most 3000.
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(text, 150), emoji: true } },
  ];
  if (body) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(body, 3000) } });
  if (m.url)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${m.url}|Open in GitHub>` }],
    });
  return { text: truncate(`${text}${body ? `\n${body}` : ''}`, 3000), blocks };
}

export function discordPayload(m: NotifyMessage): Record<string, unknown> {
  // Discord: embed title at most 256 characters, description at most 4096.
  const embed: Record<string, unknown> = {
    title: truncate(`${EMOJI[m.status]} ${untrusted(m.title, 'plain')}`, 256),
    description: truncate(m.lines.map(discordEscape).join('\n'), 4096),
    color: COLORS[m.status],
  };
  if (m.url) embed.url = m.url;
  // No pings from untrusted text (@everyone in a PR title).
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}

/** Teams Workflows (Power Automate) webhooks take an Adaptive Card in a message envelope. */
export function teamsPayload(m: NotifyMessage): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: `${EMOJI[m.status]} ${teamsEscape(m.title)}`,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color: m.status === 'red' ? 'Attention' : m.status === 'green' ? 'Good' : 'Default',
    },
    ...m.lines.map((line) => ({
      type: 'TextBlock',
      text: teamsEscape(line),
      wrap: true,
    })),
  ];
  const content: Record<string, unknown> = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
  };
  if (m.url) content.actions = [{ type: 'Action.OpenUrl', title: 'Open in GitHub', url: m.url }];
  return {
    type: 'message',
    attachments: [
      { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content },
    ],
  };
}

const PAYLOADS: Record<NotifyService, (m: NotifyMessage) => Record<string, unknown>> = {
  slack: slackPayload,
  discord: discordPayload,
  teams: teamsPayload,
};

const retryable = (status: number) => status === 429 || status >= 500;

/**
 * Post `message` to every target. Never throws and never fails the step: chat is a courtesy,
 * and a broken webhook must not turn a good release red. Failures become warnings that never
 * show the webhook URL (it is a secret: whoever has it can post to the channel).
 */
export async function notify(options: NotifyOptions): Promise<NotifyResult[]> {
  const { logger, message } = options;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryDelayMs = options.retryDelayMs ?? 1_000;
  const entries = Object.entries(options.targets).filter(
    (e): e is [NotifyService, string] => typeof e[1] === 'string' && e[1] !== '',
  );
  for (const [, url] of entries) registerSecret(logger, url, 'a webhook URL');

  return Promise.all(
    entries.map(async ([service, url]): Promise<NotifyResult> => {
      const body = JSON.stringify(PAYLOADS[service](message));
      let last: NotifyResult = { service, ok: false, attempts: 0 };
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          const response = await doFetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(timeoutMs),
            redirect: 'error',
          });
          await response.text().catch(() => '');
          last = { service, ok: response.ok, status: response.status, attempts: attempt };
          if (response.ok || !retryable(response.status)) break;
          last.error = `HTTP ${response.status}`;
        } catch (error) {
          const e = error as Error;
          const reason =
            e.name === 'TimeoutError'
              ? `no answer within ${timeoutMs} ms`
              : ((e.cause as Error | undefined)?.message ?? e.message);
          // The URL may appear in a fetch error message: never print it.
          last = { service, ok: false, attempts: attempt, error: reason.split(url).join('***') };
        }
        if (attempt === 1) await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
      if (last.ok) logger.info(`Notified ${service}.`);
      else {
        const why = last.error ?? `HTTP ${last.status}`;
        logger.warning(
          `Could not notify ${service} (${why}) after ${last.attempts} attempt${last.attempts === 1 ? '' : 's'}; carrying on.`,
        );
      }
      return last;
    }),
  );
}

/**
 * Webhook URLs from the env vars the `notify:` config names. A named variable that is empty is a
 * warning (the secret is probably not mapped in the workflow's env), not an error.
 */
export function resolveNotifyTargets(
  config: NotifyConfig | undefined,
  env: NodeJS.ProcessEnv,
  logger?: Logger,
): NotifyTargets {
  const targets: NotifyTargets = {};
  for (const service of ['slack', 'discord', 'teams'] as const) {
    const name = config?.[service]?.['webhook-env'];
    if (!name) continue;
    const url = env[name]?.trim();
    if (!url) {
      logger?.warning(
        // A caller of a reusable workflow cannot add env: to its steps: the fix is a secret
        // the workflow already maps (Promote's on-merge.yml maps SLACK_WEBHOOK_URL,
        // DISCORD_WEBHOOK_URL and TEAMS_WEBHOOK_URL by name from `secrets: inherit`).
        `notify.${service}: the env var ${name} is empty. Create a repository secret named ${name} ` +
          `(Promote's on-merge.yml passes SLACK_WEBHOOK_URL, DISCORD_WEBHOOK_URL and TEAMS_WEBHOOK_URL ` +
          `to its steps from the secrets of the same name; name one of those in notify.${service}.webhook-env), ` +
          `or, in a workflow of your own, set it on the step: env: ${name}: \${{ secrets.${name} }}. Skipping ${service}.`,
      );
      continue;
    }
    if (!/^https?:\/\//.test(url)) {
      logger?.warning(
        `notify.${service}: ${name} does not hold an http(s) URL; skipping ${service}.`,
      );
      continue;
    }
    if (logger) registerSecret(logger, url, name);
    targets[service] = url;
  }
  return targets;
}
