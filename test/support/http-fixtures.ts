import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { extname, normalize } from 'node:path';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Loopback servers that behave like production endpoints do on a bad day, for smoke-check tests:
 *   /healthy            200 {"status":"ok","version":"1.2.3"}, header x-app: promote
 *   /delay?ms=N         waits N ms, then 200
 *                       (every route counts requests in flight, received and not yet answered:
 *                       `maxInFlight`)
 *   /gather?n=N         held until N of them are held at once, then all answered 200 together
 *                       (with any that arrived in a short pause after the Nth): a concurrency limit
 *                       proven without timing: a client that never has N in flight gets its
 *                       answers only after 15 s, and `maxInFlight` shows why
 *   /flaky?fails=N&key=K  503 for the first N hits of key K, then 200 {"status":"ok"}
 *   /version?old=O&new=N&after=K&key=K2  200 {"commit": O} for the first K hits of key K2, then
 *                       {"commit": N} (a platform that starts serving the new commit later);
 *                       `&text=1` answers text/plain "commit: <sha>" instead
 *   /wrong-json         200 {"status":"degraded"}
 *   /not-json           200 text/html
 *   /loop-a, /loop-b    302 to each other (a redirect loop)
 *   /redirect?to=/p     302 to /p
 *   /hang               accepts and never answers
 *   /status/N           answers status N
 *   /echo               200 with the request headers as JSON
 * Every server records what it received (`requests`) and closes its open sockets on close().
 */
export interface FixtureServer {
  url: string;
  requests: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  resetCounters(): void;
  close(): Promise<void>;
}

const execFileAsync = promisify(execFile);
/** How long /gather waits, once N are held, for an over-eager client's extra requests. */
const GATHER_SETTLE_MS = 100;

function handler(state: {
  inFlight: number;
  maxInFlight: number;
  flaky: Map<string, number>;
  requests: FixtureServer['requests'];
  gathered: (() => void)[];
  releasing: boolean;
}) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    state.requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      headers: req.headers,
    });
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        state.inFlight--;
      }
    };
    res.on('close', finish);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      // Out of flight once answered, before the client can read the answer and send its next
      // request: a client within its limit never shows one more than it has in flight.
      finish();
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
    };
    const path = url.pathname;
    if (path === '/healthy')
      return json(200, { status: 'ok', version: '1.2.3' }, { 'x-app': 'promote' });
    if (path === '/delay') {
      const timer = setTimeout(
        () => json(200, { status: 'ok' }),
        Number(url.searchParams.get('ms') ?? '200'),
      );
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (path === '/gather') {
      const n = Number(url.searchParams.get('n') ?? '1');
      const answer = () => json(200, { status: 'ok' });
      state.gathered.push(answer);
      const fallback = setTimeout(() => {
        state.gathered = state.gathered.filter((a) => a !== answer);
        answer();
      }, 15_000);
      res.on('close', () => clearTimeout(fallback));
      if (state.gathered.length >= n && !state.releasing) {
        // Answered a moment later, so requests a client sent beyond N arrive first and show in
        // `maxInFlight`. The pause decides nothing for a client within its limit: it sends
        // nothing more until it is answered, however long the pause or slow the machine.
        state.releasing = true;
        setTimeout(() => {
          state.releasing = false;
          const all = state.gathered;
          state.gathered = [];
          for (const a of all) a();
        }, GATHER_SETTLE_MS);
      }
      return;
    }
    if (path === '/flaky') {
      const key = url.searchParams.get('key') ?? 'default';
      const hits = (state.flaky.get(key) ?? 0) + 1;
      state.flaky.set(key, hits);
      if (hits <= Number(url.searchParams.get('fails') ?? '2'))
        return json(503, { status: 'starting' });
      return json(200, { status: 'ok' });
    }
    if (path === '/version') {
      const key = `version:${url.searchParams.get('key') ?? 'default'}`;
      const hits = (state.flaky.get(key) ?? 0) + 1;
      state.flaky.set(key, hits);
      const after = Number(url.searchParams.get('after') ?? '0');
      const commit = url.searchParams.get(hits <= after ? 'old' : 'new') ?? '';
      if (url.searchParams.get('text')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(`build 42\ncommit: ${commit}\n`);
      }
      return json(200, { commit, built: '2026-11-30T10:00:00Z' });
    }
    if (path === '/wrong-json') return json(200, { status: 'degraded' });
    if (path === '/not-json') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html>maintenance</html>');
    }
    if (path === '/loop-a') return json(302, {}, { location: '/loop-b' });
    if (path === '/loop-b') return json(302, {}, { location: '/loop-a' });
    if (path === '/redirect')
      return json(302, {}, { location: url.searchParams.get('to') ?? '/healthy' });
    if (path === '/hang') return; // never answers
    if (path.startsWith('/status/')) return json(Number(path.slice(8)), { status: path.slice(8) });
    if (path === '/echo') return json(200, req.headers);
    return json(404, { error: 'not found' });
  };
}

async function listen(
  server: http.Server | https.Server,
  state: Parameters<typeof handler>[0],
  protocol: 'http' | 'https',
): Promise<FixtureServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // TLS handshakes our clients refuse end in an error we expect; keep them off stderr.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${protocol}://127.0.0.1:${port}`,
    requests: state.requests,
    get inFlight() {
      return state.inFlight;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    resetCounters() {
      state.maxInFlight = state.inFlight;
      state.flaky.clear();
      state.requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function newState() {
  return {
    inFlight: 0,
    maxInFlight: 0,
    flaky: new Map<string, number>(),
    requests: [] as FixtureServer['requests'],
    gathered: [] as (() => void)[],
    releasing: false,
  };
}

export async function startHttpFixtures(): Promise<FixtureServer> {
  const state = newState();
  return listen(http.createServer(handler(state)), state, 'http');
}

/**
 * The same routes over TLS with a self-signed certificate for 127.0.0.1, made at test time by
 * openssl (no private key is committed).
 */
export async function startSelfSignedHttpsFixtures(): Promise<FixtureServer> {
  const dir = await mkdtemp(join(tmpdir(), 'smoke-tls-'));
  try {
    await execFileAsync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    const [key, cert] = await Promise.all([
      readFile(join(dir, 'key.pem')),
      readFile(join(dir, 'cert.pem')),
    ]);
    const state = newState();
    return listen(https.createServer({ key, cert }, handler(state)), state, 'https');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A static site from `dir` (index.html for "/"), for the Playwright command check's page. */
export async function startStaticSite(dir: string): Promise<FixtureServer> {
  const state = newState();
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.css': 'text/css',
    '.js': 'text/javascript',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site');
    state.requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers });
    const rel = normalize(url.pathname === '/' ? '/index.html' : url.pathname).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    readFile(join(dir, rel)).then(
      (body) => {
        res.writeHead(200, { 'content-type': types[extname(rel)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      },
    );
  });
  return listen(server, state, 'http');
}
