import type * as http from 'node:http';
import type * as https from 'node:https';
import { nodeHttp, nodeHttps } from '@promote/core/builtins';

/** One attempt's request, with everything resolved (headers may hold secrets: never print them). */
export interface AttemptRequest {
  url: string;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  /** Redirects followed before giving up; a loop is reported as such. */
  maxRedirects: number;
  /** Accept a self-signed certificate for this request only (never process-wide). */
  insecureTls: boolean;
  timeoutMs: number;
}

export interface AttemptResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Wall time from the first byte sent to the last byte read, redirects included. */
  latencyMs: number;
  /** Where the response came from after redirects. */
  finalUrl: string;
  redirects: number;
}

/** A failure before a usable response: timeout, refused, reset, TLS, redirects. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** Worth another attempt (a reset or timeout may heal during warm-up; a bad certificate will not). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

// Bodies are read for assertions only; a health page bigger than this is cut (and says so).
const MAX_BODY_BYTES = 1024 * 1024;

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The URL as it may be printed: no user:password, no query (tokens hide there). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * One attempt: the request, then each redirect by hand (node's http does not follow them), all
 * under one timeout. Authorization and Cookie are dropped when a redirect leaves the origin, as
 * browsers do, so a secret never travels to another host.
 */
export async function sendAttempt(request: AttemptRequest): Promise<AttemptResponse> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    let url = new URL(request.url);
    const origin = url.origin;
    const visited = [url.href];
    for (let redirects = 0; ; redirects++) {
      const headers = url.origin === origin ? request.headers : withoutCredentials(request.headers);
      const response = await once(url, request, headers, controller.signal);
      const location = response.headers.location;
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, url);
        if (visited.includes(next.href)) {
          throw new TransportError(
            `redirect loop: ${[...visited, next.href].map(displayUrl).join(' -> ')}`,
            'REDIRECT_LOOP',
            false,
          );
        }
        if (redirects >= request.maxRedirects) {
          throw new TransportError(
            `more than ${request.maxRedirects} redirects (last to ${displayUrl(next.href)}); raise smoke.redirects or check the final URL`,
            'TOO_MANY_REDIRECTS',
            false,
          );
        }
        visited.push(next.href);
        url = next;
        continue;
      }
      return {
        ...response,
        latencyMs: Math.round(performance.now() - started),
        finalUrl: url.href,
        redirects,
      };
    }
  } catch (error) {
    if (controller.signal.aborted) {
      throw new TransportError(`timed out after ${request.timeoutMs} ms`, 'TIMEOUT', true);
    }
    throw toTransportError(error, request.insecureTls);
  } finally {
    clearTimeout(timer);
  }
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => !['authorization', 'cookie', 'proxy-authorization'].includes(name.toLowerCase()),
    ),
  );
}

function once(
  url: URL,
  request: AttemptRequest,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const isHttps = url.protocol === 'https:';
    const options: https.RequestOptions = {
      method: request.method,
      headers: { 'user-agent': 'promote-prod-smoke-seal', accept: '*/*', ...headers },
      signal,
      // A fresh connection per attempt: a retry must not reuse a socket the server half-closed.
      agent: false,
    };
    if (isHttps && request.insecureTls) options.rejectUnauthorized = false;
    const req = (isHttps ? nodeHttps() : nodeHttp()).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_BODY_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'),
        }),
      );
      res.on('error', reject);
      res.on('aborted', () =>
        reject(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function toTransportError(error: unknown, insecureTls: boolean): TransportError {
  if (error instanceof TransportError) return error;
  const code = String((error as { code?: unknown }).code ?? 'ERROR');
  const message = (error as Error).message ?? String(error);
  if (TLS_CODES.has(code)) {
    const hint = insecureTls
      ? ''
      : '; if this endpoint is meant to use a self-signed certificate, set insecure-tls: true on this check';
    return new TransportError(`TLS certificate rejected (${code}: ${message})${hint}`, code, false);
  }
  return new TransportError(`${code === 'ERROR' ? '' : `${code}: `}${message}`, code, true);
}
