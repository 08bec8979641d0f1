import type { Socket } from 'node:net';
import { nodeHttp, nodeHttps } from '../builtins.js';
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
  const names = [host, `${host}:${defaultPort(target)}`];
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

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * Opens `CONNECT host:port` at the proxy and resolves with the tunnel's socket: the GitHub client's
 * requests go through it (./http-fetch.ts), one tunnel per request.
 *
 * Not undici's ProxyAgent (what @actions/http-client uses): undici is about 400 KiB in a bundle,
 * for the few runners that have a proxy. Not Node's own proxy support either: NODE_USE_ENV_PROXY
 * is read when node starts and is not among the runner's proxy settings (above)
 * (https://nodejs.org/docs/latest-v24.x/api/cli.html#node_use_env_proxy1), and
 * http.setGlobalProxyFromEnv() exists only from Node 24.14
 * (https://nodejs.org/docs/latest-v24.x/api/http.html#httpsetglobalproxyfromenvproxyenv) while
 * self-hosted runners ship older 24.x releases, and it would reroute every request of the process
 * (smoke checks, chat webhooks), not only the API client's.
 */
export function openTunnel(
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
