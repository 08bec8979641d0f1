// The GitHub client's transport (node:http, not Node's fetch): what @octokit/request reads of a
// response, against real local HTTP servers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { httpFetch } from '@promote/core/github/http-fetch';

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const fetchIt = httpFetch();

test('status, headers and a JSON body, sent with the method, headers and body given', async () => {
  let seen: { method?: string; auth?: string; body: string } = { body: '' };
  const base = await serve((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen = { method: req.method, auth: req.headers.authorization, body };
      res.writeHead(201, { 'content-type': 'application/json', 'x-ratelimit-remaining': '4999' });
      res.end('{"number":7}');
    });
  });
  const r = await fetchIt(`${base}/repos/acme/shop/pulls`, {
    method: 'POST',
    headers: { authorization: 'token abc', 'content-type': 'application/json' },
    body: '{"title":"Promote"}',
  });
  expect(seen).toEqual({ method: 'POST', auth: 'token abc', body: '{"title":"Promote"}' });
  expect(r.status).toBe(201);
  expect(r.url).toBe(`${base}/repos/acme/shop/pulls`);
  expect(r.headers.get('X-RateLimit-Remaining')).toBe('4999');
  expect(Object.fromEntries(r.headers)).toMatchObject({ 'content-type': 'application/json' });
  expect(JSON.parse(await r.text())).toEqual({ number: 7 });
});

test('a gzip body arrives decoded, as fetch decodes it', async () => {
  const base = await serve((req, res) => {
    expect(req.headers['accept-encoding']).toContain('gzip');
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(gzipSync(JSON.stringify({ files: Array.from({ length: 300 }, (_, i) => `f${i}`) })));
  });
  const r = await fetchIt(`${base}/compare`);
  expect((JSON.parse(await r.text()) as { files: string[] }).files).toHaveLength(300);
});

test('a redirect to another origin is followed without the Authorization header', async () => {
  const auths: (string | undefined)[] = [];
  const other = await serve((req, res) => {
    auths.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('moved here');
  });
  const base = await serve((req, res) => {
    auths.push(req.headers.authorization);
    res.writeHead(301, { location: `${other}/repositories/42` }).end();
  });
  const r = await fetchIt(`${base}/repos/acme/old-name`, {
    headers: { authorization: 'token abc' },
  });
  expect(r.status).toBe(200);
  expect(r.url).toBe(`${other}/repositories/42`);
  expect(await r.text()).toBe('moved here');
  expect(auths).toEqual(['token abc', undefined]);
});

test('a body cut off mid-way is an error, not a short answer', async () => {
  const base = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"partial":');
    setImmediate(() => res.socket?.destroy());
  });
  await expect(fetchIt(`${base}/x`)).rejects.toThrow();
});

test('the signal ends a request whose body never finishes', async () => {
  const base = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"slow":'); // and nothing more until the client gives up
  });
  const controller = new AbortController();
  const pending = fetchIt(`${base}/slow`, { signal: controller.signal });
  setImmediate(() => controller.abort(new Error('given up')));
  await expect(pending).rejects.toThrow('given up');
});
