// A self-hosted runner behind a proxy sets https_proxy / http_proxy / no_proxy for the steps it
// runs. The client tunnels through that proxy (HTTP CONNECT) and goes direct for no_proxy hosts.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls, { type TLSSocket } from 'node:tls';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createGitHubClient } from '@promote/core/github/client';
import { proxyFor } from '@promote/core/github/proxy';
import { memoryLogger } from '@promote/core/logger';

interface Api {
  port: number;
  /** Host headers of the requests the API answered. */
  hosts: string[];
  server: http.Server | https.Server;
}

/**
 * The API: GET /repos/acme/shop as GitHub answers it, a 301 from a renamed repository's old name
 * (as GitHub redirects), and comments echoed back; each request's Host (and TLS server name) noted.
 */
async function startApi(tlsOptions?: https.ServerOptions): Promise<Api> {
  const hosts: string[] = [];
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const sni = (req.socket as TLSSocket).servername;
    hosts.push(`${req.headers.host ?? ''}${sni ? ` sni=${sni}` : ''}`);
    const json = { 'content-type': 'application/json' };
    if (req.url === '/repos/acme/old') {
      res.writeHead(301, { location: `/repos/acme/shop`, ...json }).end('{}');
    } else if (req.method === 'POST' && req.url === '/repos/acme/shop/issues/1/comments') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => res.writeHead(201, json).end(body));
    } else {
      res.writeHead(req.url === '/repos/acme/shop' ? 200 : 404, json);
      res.end(JSON.stringify({ full_name: 'acme/shop' }));
    }
  };
  const server = tlsOptions ? https.createServer(tlsOptions, handle) : http.createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, hosts, server };
}

interface Proxy {
  url: string;
  tunnelSockets: net.Socket[];
  /** Answer CONNECT with this status instead of opening the tunnel. */
  refuseWith?: number;
  /** `host:port` of each CONNECT, with the Proxy-Authorization it carried. */
  tunnels: Array<{ target: string; auth: string | undefined }>;
  server: http.Server;
}

/**
 * A forward proxy as companies run them: CONNECT opens a tunnel. Every tunnel leads to the local
 * API whatever host was asked for, so a host name that only the proxy can reach (no DNS entry)
 * proves the request went through it.
 */
async function startProxy(apiPort: number): Promise<Proxy> {
  const tunnels: Proxy['tunnels'] = [];
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  const proxy: Proxy = { url: '', tunnels, server, tunnelSockets: [] };
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] });
    if (proxy.refuseWith) {
      client.end(`HTTP/1.1 ${proxy.refuseWith} Proxy Authentication Required\r\n\r\n`);
      return;
    }
    const upstream = net.connect(apiPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    // A tunnel no longer belongs to the server's connections: stop() ends it.
    proxy.tunnelSockets.push(client, upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

let api: Api;
let proxy: Proxy;
beforeEach(async () => {
  api = await startApi();
  proxy = await startProxy(api.port);
});
afterEach(async () => stop(api, proxy));

async function stop(...parts: Array<Api | Proxy | undefined>): Promise<void> {
  for (const part of parts) {
    if (!part) continue;
    if ('tunnelSockets' in part) for (const socket of part.tunnelSockets) socket.destroy();
    part.server.closeAllConnections();
    await new Promise((resolve) => part.server.close(resolve));
  }
}

function client(baseUrl: string, env: NodeJS.ProcessEnv) {
  return createGitHubClient({
    token: 'ghs_proxyTest0123456789',
    logger: memoryLogger(),
    baseUrl,
    retry: { retries: 0 },
    throttle: { writeIntervalMs: 0 },
    env,
  });
}

describe('behind the runner’s proxy', () => {
  test('requests tunnel through http_proxy, with the credentials in its URL', async () => {
    // ghes.corp.test has no DNS entry: only the proxy can reach it.
    const gh = client(`http://ghes.corp.test:${api.port}`, {
      http_proxy: proxy.url.replace('//', '//ci-bot:s%3Acret@'),
    });
    const { data } = await gh.rest.repos.get({ owner: 'acme', repo: 'shop' });
    expect(data.full_name).toBe('acme/shop');
    expect(proxy.tunnels).toEqual([
      {
        target: `ghes.corp.test:${api.port}`,
        auth: `Basic ${Buffer.from('ci-bot:s:cret').toString('base64')}`,
      },
    ]);
    expect(api.hosts).toEqual([`ghes.corp.test:${api.port}`]);
  });

  test('https goes through the tunnel with TLS to the API host itself, as for api.github.com', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-tls-'));
    const defaultCAs = tls.getCACertificates('default');
    let tlsApi: Api | undefined;
    let tlsProxy: Proxy | undefined;
    try {
      // A self-signed certificate for the made-up host, trusted the way NODE_EXTRA_CA_CERTS would.
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=ghes.corp.test',
          '-addext',
          'subjectAltName=DNS:ghes.corp.test',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      tlsApi = await startApi({
        key: readFileSync(join(dir, 'key.pem')),
        cert: readFileSync(join(dir, 'cert.pem')),
      });
      tlsProxy = await startProxy(tlsApi.port);
      tls.setDefaultCACertificates([...defaultCAs, readFileSync(join(dir, 'cert.pem'), 'utf8')]);
      const gh = client(`https://ghes.corp.test:${tlsApi.port}/`, { HTTPS_PROXY: tlsProxy.url });
      const { data } = await gh.rest.repos.get({ owner: 'acme', repo: 'shop' });
      expect(data.full_name).toBe('acme/shop');
      expect(tlsProxy.tunnels.map((t) => t.target)).toEqual([`ghes.corp.test:${tlsApi.port}`]);
      expect(tlsApi.hosts).toEqual([`ghes.corp.test:${tlsApi.port} sni=ghes.corp.test`]);
    } finally {
      tls.setDefaultCACertificates(defaultCAs);
      await stop(tlsApi, tlsProxy);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a renamed repository’s redirect is followed and a body arrives whole', async () => {
    const gh = client(`http://ghes.corp.test:${api.port}`, { http_proxy: proxy.url });
    const { data } = await gh.rest.repos.get({ owner: 'acme', repo: 'old' });
    expect(data.full_name).toBe('acme/shop');
    const body = `Promoted ✓ ${'x'.repeat(100_000)}`;
    const comment = await gh.rest.issues.createComment({
      owner: 'acme',
      repo: 'shop',
      issue_number: 1,
      body,
    });
    expect(comment.status).toBe(201);
    expect(comment.data.body).toBe(body);
    expect(proxy.tunnels).toHaveLength(3);
  });

  test('a proxy that refuses the tunnel fails the call saying so', async () => {
    const gh = client(`http://ghes.corp.test:${api.port}`, {
      http_proxy: proxy.url.replace('//', '//wrong:pass@'),
    });
    proxy.refuseWith = 407;
    await expect(gh.rest.repos.get({ owner: 'acme', repo: 'shop' })).rejects.toThrow(
      /proxy 127\.0\.0\.1:\d+ refused a tunnel to ghes\.corp\.test:\d+: 407/,
    );
    expect(api.hosts).toEqual([]);
  });

  test('the upper-case HTTP_PROXY works too', async () => {
    const gh = client(`http://ghes.corp.test:${api.port}`, { HTTP_PROXY: proxy.url });
    await gh.rest.repos.get({ owner: 'acme', repo: 'shop' });
    expect(proxy.tunnels.map((t) => t.target)).toEqual([`ghes.corp.test:${api.port}`]);
  });

  test('a host in no_proxy goes direct: the proxy never sees it', async () => {
    // Direct, the made-up host cannot be resolved, so the call fails; through the proxy it would
    // have succeeded.
    const gh = client(`http://ghes.corp.test:${api.port}`, {
      http_proxy: proxy.url,
      no_proxy: 'example.com, .corp.test',
    });
    await expect(gh.rest.repos.get({ owner: 'acme', repo: 'shop' })).rejects.toThrow();
    expect(proxy.tunnels).toEqual([]);
    expect(api.hosts).toEqual([]);
  });

  test('loopback always goes direct, and no proxy at all means a direct request', async () => {
    const viaLoopback = client(`http://127.0.0.1:${api.port}`, { http_proxy: proxy.url });
    await viaLoopback.rest.repos.get({ owner: 'acme', repo: 'shop' });
    const noProxy = client(`http://localhost:${api.port}`, {});
    await noProxy.rest.repos.get({ owner: 'acme', repo: 'shop' });
    expect(proxy.tunnels).toEqual([]);
    expect(api.hosts).toEqual([`127.0.0.1:${api.port}`, `localhost:${api.port}`]);
  });
});

describe('which proxy a URL uses', () => {
  const api = new URL('https://api.github.com/repos');
  test.each([
    [
      'https_proxy for https',
      { https_proxy: 'http://proxy.local:8080' },
      'http://proxy.local:8080/',
    ],
    [
      'lower case first',
      { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' },
      'http://lower:1/',
    ],
    ['http_proxy is not used for https', { http_proxy: 'http://proxy.local' }, undefined],
    ['a URL without a scheme', { HTTPS_PROXY: 'proxy.local:3128' }, 'http://proxy.local:3128/'],
    ['no_proxy names the host', { https_proxy: 'http://p', no_proxy: 'api.github.com' }, undefined],
    ['no_proxy names a parent', { https_proxy: 'http://p', NO_PROXY: 'github.com' }, undefined],
    [
      'no_proxy with the port',
      { https_proxy: 'http://p', no_proxy: 'api.github.com:443' },
      undefined,
    ],
    [
      'no_proxy with another port',
      { https_proxy: 'http://p', no_proxy: 'api.github.com:8443' },
      'http://p/',
    ],
    ['no_proxy *', { https_proxy: 'http://p', no_proxy: '*' }, undefined],
    ['a lookalike host is proxied', { https_proxy: 'http://p', no_proxy: 'hub.com' }, 'http://p/'],
  ])('%s', (_name, env, expected) => {
    expect(proxyFor(api, env)?.href).toBe(expected);
  });

  test('a proxy URL that does not parse is named, without its value (it may hold a password)', () => {
    expect(() => proxyFor(api, { HTTPS_PROXY: 'http://user:s3cret@' })).toThrow(
      'HTTPS_PROXY is not a proxy URL; use e.g. http://proxy.local:8080',
    );
    expect(() => proxyFor(api, { HTTPS_PROXY: 'http://user:s3cret@' })).not.toThrow(/s3cret/);
  });
});
