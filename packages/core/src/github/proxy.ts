import { isIP, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { nodeHttp, nodeHttps, nodeTls } from '../builtins.js';
import { ConfigurationError } from '../errors.js';

/**
 * Which proxy a request to the GitHub API goes through, read the way the runner configures it.
 *
 * A self-hosted runner behind a proxy is configured with `https_proxy` / `http_proxy` (proxy URL,
 * optionally `http://user:password@host:port`) and `no_proxy` (comma-separated hosts, optionally
 * `host:port`, that go direct), and the steps it runs inherit them:
 * https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/using-a-proxy-server-with-self-hosted-runners
 * The docs recommend the lower-case names; the upper-case ones are read too, lower case first.
 *
 * The matching is the actions toolkit's (what @actions/github applied before this client was
 * built on @octokit/core), so a runner's configuration means what it meant:
 * https://github.com/actions/toolkit/blob/main/packages/http-client/src/proxy.ts
 * - loopback hosts (localhost, 127.*, [::1]) never use a proxy;
 * - a `no_proxy` entry matches the host, any subdomain of it (`example.com` and `.example.com`
 *   both cover `api.example.com`), or `host:port`; `*` turns the proxy off.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): URL | undefined {
  const names =
    target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  const name = names.find((n) => env[n]);
  const raw = name && env[name];
  if (!raw || bypassesProxy(target, env)) return undefined;
  try {
    // `proxy.local:8080` without a scheme, as people write it in shell profiles, is http://.
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    // The value is not echoed: it may hold the proxy's password.
    throw new ConfigurationError(
      `${name} is not a proxy URL; use e.g. http://proxy.local:8080 or http://user:password@proxy.local:8080`,
    );
  }
}

function bypassesProxy(target: URL, env: NodeJS.ProcessEnv): boolean {
  const host = target.hostname.toUpperCase();
  if (
    host === 'LOCALHOST' ||
    host.startsWith('127.') ||
    host.startsWith('[::1]') ||
    host.startsWith('[0:0:0:0:0:0:0:1]')
  ) {
    return true;
  }
  const noProxy = env.no_proxy || env.NO_PROXY || '';
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const names = [host, `${host}:${port}`];
  return noProxy
    .split(',')
    .map((entry) => entry.trim().toUpperCase())
    .filter((entry) => entry !== '')
    .some(
      (entry) =>
        entry === '*' ||
        names.some(
          (name) =>
            name === entry ||
            name.endsWith(`.${entry}`) ||
            (entry.startsWith('.') && name.endsWith(entry)),
        ),
    );
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A fetch that tunnels each request through `proxy` with HTTP CONNECT, on node:http and node:tls.
 *
 * Not undici's ProxyAgent (what @actions/http-client uses): undici is about 400 KiB in a bundle,
 * for the few runners that have a proxy. Not Node's own proxy support either: NODE_USE_ENV_PROXY
 * is read when node starts and is not among the runner's proxy settings (above)
 * (https://nodejs.org/docs/latest-v24.x/api/cli.html#node_use_env_proxy1), and
 * http.setGlobalProxyFromEnv() exists only from Node 24.14
 * (https://nodejs.org/docs/latest-v24.x/api/http.html#httpsetglobalproxyfromenvproxyenv) while
 * self-hosted runners ship older 24.x releases, and it would reroute every fetch of the process
 * (smoke checks, chat webhooks), not only the API client's.
 *
 * Enough of fetch for Octokit: a string or byte body, redirects followed as fetch follows them
 * (Authorization dropped when the origin changes), the signal honoured. One tunnel per request:
 * an action makes tens of requests, not thousands.
 */
export function proxiedFetch(proxy: URL): FetchLike {
  return async (input, init = {}) => {
    let url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = bodyBytes(init.body);
    const headers = new Headers(init.headers);
    for (let redirects = 0; ; redirects++) {
      const response = await requestThroughTunnel(proxy, url, method, headers, body, init.signal);
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location || init.redirect === 'manual') {
        return response;
      }
      if (init.redirect === 'error' || redirects === 20) {
        throw new TypeError(
          `fetch failed: too many redirects or redirect not allowed at ${url.href}`,
        );
      }
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== url.origin) headers.delete('authorization');
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === 'POST')
      ) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        headers.delete('content-type');
        headers.delete('content-length');
      }
      url = next;
    }
  };
}

function bodyBytes(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('proxiedFetch sends a string or bytes as the body');
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** Opens `CONNECT host:port` at the proxy and resolves with the tunnel's socket. */
function openTunnel(
  proxy: URL,
  target: URL,
  signal: AbortSignal | null | undefined,
): Promise<Socket> {
  const authority = `${target.hostname}:${defaultPort(target)}`;
  const credentials =
    proxy.username || proxy.password
      ? `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
      : undefined;
  return new Promise((resolve, reject) => {
    const request = (proxy.protocol === 'https:' ? nodeHttps() : nodeHttp()).request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: defaultPort(proxy),
      method: 'CONNECT',
      path: authority,
      headers: {
        host: authority,
        ...(credentials
          ? { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` }
          : {}),
      },
      agent: false,
      ...(signal ? { signal } : {}),
    });
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(
        new Error(
          `The proxy ${proxy.host} refused a tunnel to ${authority}: ${response.statusCode} ${response.statusMessage ?? ''}`.trim(),
        ),
      );
    });
    request.once('error', reject);
    request.end();
  });
}

async function requestThroughTunnel(
  proxy: URL,
  url: URL,
  method: string,
  headers: Headers,
  body: Buffer | undefined,
  signal: AbortSignal | null | undefined,
): Promise<Response> {
  const socket = await openTunnel(proxy, url, signal);
  const secure = url.protocol === 'https:';
  const servername = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const request = (secure ? nodeHttps() : nodeHttp()).request(url, {
      method,
      headers: Object.fromEntries(headers),
      // No agent: with one, Node would open its own connection instead of using the tunnel.
      createConnection: () =>
        secure
          ? nodeTls().connect({ socket, servername: isIP(servername) ? undefined : servername })
          : socket,
      ...(signal ? { signal } : {}),
    });
    request.once('response', (res) => {
      const status = res.statusCode ?? 0;
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
          responseHeaders.append(name, v);
        }
      }
      const nullBody = method === 'HEAD' || [101, 204, 205, 304].includes(status);
      if (nullBody) res.resume();
      const response = new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream), {
        status,
        statusText: res.statusMessage ?? '',
        headers: responseHeaders,
      });
      Object.defineProperty(response, 'url', { value: url.href });
      resolve(response);
    });
    request.once('error', reject);
    // The tunnel outlives the TLS session on it: left open it would keep the step from exiting.
    request.once('close', () => socket.destroy());
    request.end(body);
  });
}
