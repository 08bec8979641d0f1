import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack, Discord and Microsoft Teams incoming webhooks: records every POST
 * (path, headers, raw body, parsed JSON) so a test can assert what people would read in chat.
 * `failWith(path, status)` makes one path answer an error (a revoked webhook, a chat outage).
 */
export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
}

export interface WebhookReceiver {
  url: string;
  /** The full URL of a hook, e.g. hook('/slack') -> http://127.0.0.1:PORT/slack. */
  hook(path: string): string;
  received: ReceivedWebhook[];
  on(path: string): ReceivedWebhook[];
  failWith(path: string, status: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const failures = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://receiver').pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      received.push({ path, headers: req.headers, body, json });
      const status = failures.get(path);
      if (status) {
        res.writeHead(status, { 'content-type': 'text/plain' });
        return res.end('failure injected by the test');
      }
      // Slack answers "ok", Discord 204, Teams "1": all 2xx.
      res.writeHead(path.includes('discord') ? 204 : 200, { 'content-type': 'text/plain' });
      res.end(path.includes('discord') ? undefined : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    hook: (path) => `${url}${path.startsWith('/') ? path : `/${path}`}`,
    received,
    on: (path) => received.filter((r) => r.path === path),
    failWith: (path, status) => failures.set(path, status),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
