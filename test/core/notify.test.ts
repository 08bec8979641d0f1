import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { memoryLogger } from '../../packages/core/src/logger.js';
import { rawLogger } from '../support/raw-logger.js';
import {
  notify,
  resolveNotifyTargets,
  type NotifyMessage,
} from '../../packages/core/src/notify.js';

interface Received {
  path: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

/** A local webhook receiver; `plan` gives the status for each request in turn (default 200). */
async function receiver(
  plan: number[] = [],
): Promise<{ url: string; received: Received[]; close(): Promise<void>; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: JSON.parse(data) as Record<string, unknown>,
      });
      res.statusCode = plan.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const message: NotifyMessage = {
  title: 'acme/shop v2.7.0 sealed red',
  status: 'red',
  lines: ['✗ /health returned 503', 'PR: fix <script> & @everyone *bold*'],
  url: 'https://github.com/acme/shop/actions/runs/1',
};

describe('chat notifications', () => {
  test('Slack, Discord and Teams each receive their own JSON shape', async () => {
    const hook = await receiver();
    try {
      const logger = memoryLogger();
      const results = await notify({
        targets: {
          slack: `${hook.url}/slack/T000/B000/secretpart`,
          discord: `${hook.url}/discord/123/tok`,
          teams: `${hook.url}/teams/wf`,
        },
        message,
        logger,
      });
      expect(results.map((r) => [r.service, r.ok, r.attempts])).toEqual([
        ['slack', true, 1],
        ['discord', true, 1],
        ['teams', true, 1],
      ]);
      const by = (p: string) => hook.received.find((r) => r.path.startsWith(p))!;
      expect(by('/slack').contentType).toBe('application/json');
      const slack = by('/slack').body as {
        text: string;
        blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
      };
      expect(slack.text).toContain('acme/shop v2.7.0 sealed red');
      expect(slack.blocks[0]).toEqual({
        type: 'header',
        text: { type: 'plain_text', text: '🔴 acme/shop v2.7.0 sealed red', emoji: true },
      });
      expect(slack.blocks[1]!.text!.text).toBe(
        '✗ /health returned 503\nPR: fix &lt;script&gt; &amp; @\u200beveryone *bold*',
      );
      expect(slack.blocks[2]!.elements![0]!.text).toBe(
        '<https://github.com/acme/shop/actions/runs/1|Open in GitHub>',
      );

      const discord = by('/discord').body as {
        embeds: { title: string; description: string; color: number; url: string }[];
        allowed_mentions: unknown;
      };
      expect(discord.allowed_mentions).toEqual({ parse: [] });
      expect(discord.embeds[0]).toMatchObject({
        title: '🔴 acme/shop v2.7.0 sealed red',
        color: 0xcf222e,
        url: message.url,
      });
      expect(discord.embeds[0]!.description).toContain('@\u200beveryone \\*bold\\*');

      const teams = by('/teams').body as {
        type: string;
        attachments: {
          contentType: string;
          content: { type: string; body: { text: string }[]; actions: { url: string }[] };
        }[];
      };
      expect(teams.type).toBe('message');
      expect(teams.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(teams.attachments[0]!.content.type).toBe('AdaptiveCard');
      expect(teams.attachments[0]!.content.body.map((b) => b.text)).toEqual([
        '🔴 acme/shop v2.7.0 sealed red',
        '✗ /health returned 503',
        'PR: fix <script> & @\u200beveryone \\*bold\\*',
      ]);
      expect(teams.attachments[0]!.content.actions[0]!.url).toBe(message.url);

      // Webhook URLs are secrets: registered with the masker.
      expect(logger.secrets).toContain(`${hook.url}/slack/T000/B000/secretpart`);
    } finally {
      await hook.close();
    }
  });

  test('a 5xx is retried once; a 4xx is not; neither throws, both warn without the URL', async () => {
    const hook = await receiver([503, 200]);
    try {
      const logger = memoryLogger();
      const [slack] = await notify({
        targets: { slack: `${hook.url}/slack/secret-token-path` },
        message,
        logger,
        retryDelayMs: 1,
      });
      expect(slack).toMatchObject({ ok: true, attempts: 2, status: 200 });
      expect(hook.received).toHaveLength(2);

      hook.received.length = 0;
      const logger2 = memoryLogger();
      const plan404 = await receiver([404, 404]);
      const [discord] = await notify({
        targets: { discord: `${plan404.url}/discord/secret-token-path` },
        message,
        logger: logger2,
        retryDelayMs: 1,
      });
      await plan404.close();
      expect(discord).toMatchObject({ ok: false, attempts: 1, status: 404 });
      expect(plan404.received).toHaveLength(1);
      expect(logger2.lines).toContain(
        '::warning::Could not notify discord (HTTP 404) after 1 attempt; carrying on.',
      );
    } finally {
      await hook.close();
    }
  });

  test('an unreachable or hanging webhook is a warning, never an exception, and its URL is masked', async () => {
    const hang = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const port = (hang.address() as AddressInfo).port;
    // A port nothing listens on: open a server, note its port, close it.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const closedPort = (gone.address() as AddressInfo).port;
    await new Promise((resolve) => gone.close(resolve));
    try {
      // As written, before the runner masks the registered URLs.
      const logger = rawLogger();
      const results = await notify({
        targets: {
          slack: `http://127.0.0.1:${port}/hook/SECRETPATH`,
          teams: `http://127.0.0.1:${closedPort}/refused/SECRETPATH2`,
        },
        message,
        logger,
        timeoutMs: 200,
        retryDelayMs: 1,
      });
      expect(results.map((r) => [r.service, r.ok, r.attempts])).toEqual([
        ['slack', false, 2],
        ['teams', false, 2],
      ]);
      expect(results[0]!.error).toBe('no answer within 200 ms');
      const log = logger.printed;
      expect(log).toContain(
        '::warning::Could not notify slack (no answer within 200 ms) after 2 attempts; carrying on.',
      );
      expect(log).toMatch(
        /::warning::Could not notify teams \(.*ECONNREFUSED.*\) after 2 attempts/,
      );
      expect(log).not.toContain('SECRETPATH');
    } finally {
      hang.closeAllConnections();
      await new Promise((resolve) => hang.close(resolve));
    }
  });

  test('targets come from the env vars the config names; an empty one warns', () => {
    const logger = memoryLogger();
    const targets = resolveNotifyTargets(
      { slack: { 'webhook-env': 'SLACK_URL' }, discord: { 'webhook-env': 'DISCORD_URL' } },
      { SLACK_URL: 'https://hooks.slack.com/services/T/B/xyz', DISCORD_URL: '' },
      logger,
    );
    expect(targets).toEqual({ slack: 'https://hooks.slack.com/services/T/B/xyz' });
    // The fix it names is one a caller of the reusable workflows can make (a secret by a name
    // the workflow maps), not an env: on a step it cannot edit.
    expect(logger.lines[0]).toMatch(
      /^::warning::notify.discord: the env var DISCORD_URL is empty\. Create a repository secret named DISCORD_URL .*DISCORD_WEBHOOK_URL.*notify\.discord\.webhook-env/,
    );
    expect(logger.secrets).toContain('https://hooks.slack.com/services/T/B/xyz');
    expect(resolveNotifyTargets(undefined, {})).toEqual({});
  });
});
