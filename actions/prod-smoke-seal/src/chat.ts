import type { NotifyConfig } from '@promote/core/config/sections/notify';
import type { Logger } from '@promote/core/logger';
import type { SecretMasker } from '@promote/core/secrets';
import { resultRows, type SealReport } from './seal.js';

/**
 * Chat for the seal. Local seam until core-base's notify.ts lands: it posts the three incoming
 * webhook formats (Slack blocks, Discord embeds, Teams adaptive card) and never throws.
 */
export interface ChatMessage {
  title: string;
  ok: boolean;
  lines: string[];
  link?: string;
}

export function sealMessage(report: SealReport, repo: string, runUrl: string): ChatMessage {
  const failing = resultRows(report.checks).filter((r) => r.status === 'fail');
  const lines = report.seal === 'green'
    ? [report.headline]
    : [
        ...failing.slice(0, 10).map((r) => `✗ ${r.name}: ${r.summary}`),
        ...(failing.length > 10 ? [`… and ${failing.length - 10} more`] : []),
        ...(report.watch?.problems ?? []).map((p) => `✗ watch window: ${p}`),
        ...(report.rollbackCommand ? [`Roll back: ${report.rollbackCommand}`] : []),
      ];
  return {
    title: `Production smoke seal ${report.seal.toUpperCase()} for ${repo}@${report.sha.slice(0, 7)}`,
    ok: report.seal === 'green',
    lines,
    link: runUrl,
  };
}

// Chat renders *bold*, <links> and @mentions from text: quote what came from responses.
const plain = (text: string) => text.replace(/[<>&*_~`|]/g, (c) => `\\${c}`).replace(/@(channel|here|everyone)/gi, '@\u200b$1');

export function slackPayload(m: ChatMessage): unknown {
  const text = `${m.ok ? ':white_check_mark:' : ':rotating_light:'} ${plain(m.title)}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${plain(m.title)}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: m.lines.map(plain).join('\n').slice(0, 2900) } },
      ...(m.link ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${m.link}|Workflow run>` }] }] : []),
    ],
  };
}

export function discordPayload(m: ChatMessage): unknown {
  return {
    content: plain(m.title).slice(0, 2000),
    allowed_mentions: { parse: [] },
    embeds: [{ title: plain(m.title).slice(0, 256), description: m.lines.map(plain).join('\n').slice(0, 4000), color: m.ok ? 0x2da44e : 0xcf222e, ...(m.link ? { url: m.link } : {}) }],
  };
}

export function teamsPayload(m: ChatMessage): unknown {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: m.title, weight: 'Bolder', wrap: true, color: m.ok ? 'Good' : 'Attention' },
            ...m.lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true })),
          ],
          ...(m.link ? { actions: [{ type: 'Action.OpenUrl', title: 'Workflow run', url: m.link }] } : {}),
        },
      },
    ],
  };
}

export interface ChatDeps {
  notify: NotifyConfig;
  env: Record<string, string | undefined>;
  logger: Logger;
  masker: SecretMasker;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Posts to every configured webhook; returns the services posted to. A failure is a warning. */
export async function postChat(message: ChatMessage, deps: ChatDeps): Promise<string[]> {
  const posted: string[] = [];
  const services = [
    ['slack', deps.notify.slack, slackPayload],
    ['discord', deps.notify.discord, discordPayload],
    ['teams', deps.notify.teams, teamsPayload],
  ] as const;
  for (const [service, hook, build] of services) {
    if (!hook) continue;
    const url = deps.env[hook['webhook-env']];
    if (!url) {
      deps.logger.warning(`notify.${service}: ${hook['webhook-env']} is not set, so the seal was not posted to ${service}; map the webhook secret into the step's env.`);
      continue;
    }
    // The webhook URL is a credential (anyone holding it can post).
    deps.masker.register(url, hook['webhook-env']);
    try {
      const response = await (deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(build(message)),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      posted.push(service);
    } catch (error) {
      deps.logger.warning(deps.masker.mask(`Could not post the seal to ${service} (${(error as Error).message}); the seal stands.`));
    }
  }
  return posted;
}
