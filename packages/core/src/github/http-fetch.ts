import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { nodeHttp, nodeHttps, nodeTls, nodeZlib } from '../builtins.js';
import { openTunnel } from './proxy.js';

/**
 * What the GitHub client needs of fetch, on node:http(s). Not Node's built-in fetch: its first
 * call loads Node's bundled undici, and touching `Response` or `Headers` does too, ~90 ms of CPU
 * before the first request of every run (measured on Node 24 for issue #18), for tens of JSON
 * requests a run. @octokit/request reads a response's status, url, headers (iterated, and
 * `get`) and body (`text` / `arrayBuffer`): https://github.com/octokit/request.js/blob/main/src/fetch-wrapper.ts
 *
 * Each response is read whole before it is returned, under the caller's signal (the client's
 * per-request deadline covers the body). Redirects are followed as fetch follows them, the
 * Authorization header dropped when the origin changes. Through `proxy` (./proxy.ts), each request
 * goes through its own HTTP CONNECT tunnel; otherwise Node's global agent keeps connections alive.
 */
export interface HeadersLike extends Iterable<[string, string]> {
  get(name: string): string | null;
}

export interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: HeadersLike;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | ArrayBuffer | null;
  redirect?: 'follow' | 'manual' | 'error';
  signal?: AbortSignal | null;
}

export type FetchLike = (input: string | URL, init?: FetchInit) => Promise<FetchResponse>;

/** The response headers, names in lower case, read like fetch's Headers. */
export class ResponseHeaders implements Iterable<[string, string]> {
  private readonly map: Map<string, string>;

  constructor(entries: Iterable<[string, string]>) {
    this.map = new Map([...entries].map(([k, v]) => [k.toLowerCase(), v]));
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return [...this.map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).values();
  }
}

/** A response whose body has been read. */
export class BufferedResponse implements FetchResponse {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly url: string,
    readonly headers: ResponseHeaders,
    private readonly bytes: Buffer,
  ) {}

  async text(): Promise<string> {
    return this.bytes.toString('utf8');
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const copy = new ArrayBuffer(this.bytes.byteLength);
    new Uint8Array(copy).set(this.bytes);
    return copy;
  }
}

/** Headers as node:http gives them (repeated ones joined, as fetch joins them). */
function headersOf(incoming: IncomingHttpHeaders): ResponseHeaders {
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    entries.push([name, Array.isArray(value) ? value.join(', ') : value]);
  }
  return new ResponseHeaders(entries);
}

/** The body as sent, decoded as fetch decodes it (gzip, deflate, br). */
function decode(bytes: Buffer, encoding: string | undefined): Buffer {
  if (bytes.length === 0) return bytes;
  const zlib = nodeZlib();
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(bytes);
    case 'deflate':
      return zlib.inflateSync(bytes);
    case 'br':
      return zlib.brotliDecompressSync(bytes);
    default:
      return bytes;
  }
}

function bodyBytes(body: FetchInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 204, 205, 304]);

/** fetch on node:http(s), through a CONNECT tunnel at `proxy` when one is given. */
export function httpFetch(proxy?: URL): FetchLike {
  return async (input, init = {}) => {
    let url = new URL(input);
    let method = (init.method ?? 'GET').toUpperCase();
    let body = bodyBytes(init.body);
    const headers = new Map<string, string>();
    for (const [k, v] of Object.entries(init.headers ?? {})) headers.set(k.toLowerCase(), v);
    if (!headers.has('accept-encoding')) headers.set('accept-encoding', 'gzip, deflate, br');
    for (let redirects = 0; ; redirects++) {
      const response = await requestOnce(url, method, headers, body, init.signal, proxy);
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location || init.redirect === 'manual') {
        return response;
      }
      if (init.redirect === 'error' || redirects === 20) {
        throw new TypeError(
          `fetch failed: too many redirects or redirect not allowed at ${url.href}`,
        );
      }
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

async function requestOnce(
  url: URL,
  method: string,
  headers: Map<string, string>,
  body: Buffer | undefined,
  signal: AbortSignal | null | undefined,
  proxy: URL | undefined,
): Promise<BufferedResponse> {
  signal?.throwIfAborted();
  const secure = url.protocol === 'https:';
  const tunnel = proxy ? await openTunnel(proxy, url, signal) : undefined;
  const servername = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (error: unknown) => settle(() => reject(error));
    const request = (secure ? nodeHttps() : nodeHttp()).request(url, {
      method,
      headers: Object.fromEntries(headers),
      // Through a tunnel there is no agent (not even agent: false): with one, Node would open its
      // own connection instead of using the tunnel.
      ...(tunnel
        ? {
            createConnection: () =>
              secure
                ? nodeTls().connect({
                    socket: tunnel,
                    servername: isIP(servername) ? undefined : servername,
                  })
                : tunnel,
          }
        : {}),
    });
    const onAbort = () => {
      const reason: unknown = signal?.reason ?? new Error('The operation was aborted.');
      request.destroy(reason instanceof Error ? reason : new Error(String(reason)));
      fail(reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.once('error', fail);
    // The tunnel outlives the TLS session on it: left open it would keep the step from exiting.
    if (tunnel) request.once('close', () => tunnel.destroy());
    request.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', fail);
      res.once('close', () => {
        if (!res.complete)
          fail(new Error('the connection closed before the whole response arrived'));
      });
      res.once('end', () => {
        try {
          const status = res.statusCode ?? 0;
          const raw = Buffer.concat(chunks);
          const bytes =
            method === 'HEAD' || NULL_BODY.has(status)
              ? Buffer.alloc(0)
              : decode(raw, res.headers['content-encoding']);
          const response = new BufferedResponse(
            status,
            res.statusMessage ?? '',
            url.href,
            headersOf(res.headers),
            bytes,
          );
          settle(() => resolve(response));
        } catch (error) {
          fail(error);
        }
      });
    });
    request.end(body);
  });
}

/** Any fetch's response, read whole (the client's deadline then covers the body). */
export async function buffered(response: FetchResponse): Promise<BufferedResponse> {
  if (response instanceof BufferedResponse) return response;
  const bytes = Buffer.from(await response.arrayBuffer());
  return new BufferedResponse(
    response.status,
    response.statusText,
    response.url,
    new ResponseHeaders(response.headers),
    NULL_BODY.has(response.status) ? Buffer.alloc(0) : bytes,
  );
}
