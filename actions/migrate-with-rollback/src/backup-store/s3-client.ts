import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { XMLParser } from 'fast-xml-parser';
import { nodeHttp, nodeHttps } from '@promote/core/builtins';
import {
  EMPTY_SHA256,
  sha256Hex,
  signRequest,
  uriEncode,
  uriEncodePath,
  type Credentials,
} from './sigv4.js';

/**
 * A small S3 REST client: the handful of operations the backup store uses, signed with
 * Signature V4 (sigv4.ts) and sent with node:http(s). It replaces @aws-sdk/client-s3, which
 * alone put this action's bundle over 1 MB (issue #18). Kept from the SDK's behaviour: path-style
 * or virtual-host addressing, a 10 s connect timeout and 2 min of silence per request, 3 attempts
 * on 5xx, 429 and network errors (with jittered backoff), the store's own error code and message.
 */

export interface S3ClientOptions {
  bucket: string;
  /** An S3-compatible endpoint (R2, MinIO, GCS interoperability); AWS S3 when absent. */
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials: Credentials;
}

export interface S3Call {
  /** The S3 API name, for messages: PutObject, GetObject, ... */
  operation: string;
  method: 'GET' | 'PUT' | 'POST' | 'HEAD' | 'DELETE';
  /** The object key; absent for bucket operations (ListObjectsV2, HeadBucket). */
  key?: string;
  query?: Record<string, string>;
  body?: Buffer;
  /** Answer with the body as a stream (GetObject) instead of reading it whole. */
  stream?: boolean;
}

export interface S3Answer {
  status: number;
  headers: IncomingMessage['headers'];
  /** The whole body (empty when streamed). */
  text: string;
  /** The body as it arrives, when the call asked for a stream. */
  body?: IncomingMessage;
}

const CONNECT_TIMEOUT_MS = 10_000;
const SILENCE_TIMEOUT_MS = 120_000;
const ATTEMPTS = 3;

/** The IAM action each operation needs, for "grant ..." advice. */
const permissionOf: Record<string, string> = {
  PutObject: 's3:PutObject',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  AbortMultipartUpload: 's3:AbortMultipartUpload',
  GetObject: 's3:GetObject',
  HeadObject: 's3:GetObject',
  DeleteObject: 's3:DeleteObject',
  ListObjectsV2: 's3:ListBucket',
  HeadBucket: 's3:ListBucket',
};

/** How to fix what the store answered, in the words of the config key that fixes it. */
function adviceFor(code: string, call: S3Call, bucket: string, bucketRegion?: string): string {
  switch (code) {
    case 'AccessDenied':
    case 'Forbidden':
      return `the store refused the credentials or they lack permission: check migrate.store.access-key-id-env / secret-access-key-env and grant ${permissionOf[call.operation] ?? 's3:*'} on arn:aws:s3:::${bucket}${call.key === undefined ? '' : '/*'}${call.operation === 'HeadObject' ? ' (without s3:ListBucket a missing object answers 403, not 404)' : ''}`;
    case 'InvalidAccessKeyId':
      return 'the store does not know this access key id: check the secret mapped into the variable migrate.store.access-key-id-env names';
    case 'SignatureDoesNotMatch':
      return 'the secret key does not belong to this access key id: check the secret mapped into the variable migrate.store.secret-access-key-env names (and migrate.store.region)';
    case 'NoSuchBucket':
      return `bucket "${bucket}" does not exist at this endpoint: create it or fix migrate.store.bucket (and migrate.store.endpoint)`;
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
    case 'IllegalLocationConstraintException':
      return `the bucket is in another region${bucketRegion ? ` (${bucketRegion})` : ''}: set migrate.store.region to it`;
    case 'ExpiredToken':
    case 'InvalidToken':
    case 'TokenRefreshRequired':
      return 'the session token is expired or invalid: refresh the temporary credentials (migrate.store.session-token-env)';
    case 'RequestTimeTooSkewed':
      return "the runner's clock differs from the store's by more than 15 minutes";
    default:
      return '';
  }
}

/** A failed S3 call: the store's HTTP status and error code, the bucket and key, and the fix. */
export class S3Error extends Error {
  override readonly name = 'S3Error';
  constructor(
    message: string,
    /** HTTP status; undefined when no answer came (network error, timeout). */
    readonly status: number | undefined,
    /** S3's <Code> (NoSuchKey, AccessDenied, ...), or the network error's code. */
    readonly code: string,
    /** Which attempt failed (1-based): a later attempt may meet what an earlier one did. */
    readonly attempt: number,
    /** What the store said, without the advice: "HTTP 403 AccessDenied (Access Denied)". */
    readonly detail: string = message,
  ) {
    super(message);
  }
}

/** Codes of bodiless answers (HEAD), as the SDK names them. */
const codeOfStatus = (status: number) =>
  ({ 301: 'PermanentRedirect', 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound' })[status] ??
  `HTTP${status}`;

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** XML's entities and character references, decoded in one pass (S3 writes ' as &#x27;, too). */
const decodeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, e: string) =>
    e[0] !== '#'
      ? (named[e] ?? whole)
      : String.fromCodePoint(parseInt(e.slice(e[1] === 'x' ? 2 : 1), e[1] === 'x' ? 16 : 10)),
  );

let parser: XMLParser | undefined;

/** S3's XML answers; the parser is made on first use, not at import (issue #18). */
export const xml = {
  parse: (text: string): unknown =>
    (parser ??= new XMLParser({
      // Keys, ETags and tokens stay strings ("0001" is a key, not a number); values untrimmed.
      parseTagValue: false,
      trimValues: false,
      processEntities: false,
      tagValueProcessor: (_name, value) => decodeXml(value),
      ignoreDeclaration: true,
      ignoreAttributes: true,
      isArray: (name) => name === 'Contents' || name === 'Part',
    })).parse(text),
};

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const retryable = (status: number) => status >= 500 || status === 429;

export interface S3Client {
  send(call: S3Call): Promise<S3Answer>;
  /** s3://bucket/key, for people. */
  location(key: string): string;
}

/**
 * Where requests for this bucket go. Virtual-host addressing (bucket.host) unless asked
 * otherwise, the name cannot be a DNS label under TLS (dots break the wildcard certificate), or the
 * endpoint is an IP address (no name to put the bucket in front of: a MinIO or test store at
 * 127.0.0.1), as the SDK decides (the S3 endpoint rules' `isIp` branch,
 * https://github.com/aws/aws-sdk-js-v3/blob/main/clients/client-s3/src/endpoint/ruleset.ts):
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 */
export function addressing(options: S3ClientOptions) {
  const bucket = options.bucket;
  const base = new URL(options.endpoint ?? `https://s3.${options.region}.amazonaws.com`);
  const https = base.protocol === 'https:';
  const virtualHost =
    !options.forcePathStyle &&
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) &&
    !(https && bucket.includes('.')) &&
    isIP(base.hostname.replace(/^\[|\]$/g, '')) === 0;
  return {
    https,
    base,
    virtualHost,
    /** The Host header (and the name connected to). */
    host: virtualHost ? `${bucket}.${base.host}` : base.host,
    /** The path before the key: the endpoint's own path, then /bucket for path-style. */
    prefix: base.pathname.replace(/\/+$/, '') + (virtualHost ? '' : `/${uriEncode(bucket)}`),
  };
}

export function s3Client(options: S3ClientOptions, now: () => Date = () => new Date()): S3Client {
  const bucket = options.bucket;
  const { https, base, virtualHost, host, prefix } = addressing(options);
  const agent = https
    ? new (nodeHttps().Agent)({ keepAlive: true, maxSockets: 8 })
    : new (nodeHttp().Agent)({ keepAlive: true, maxSockets: 8 });
  const location = (key: string) => `s3://${bucket}/${key}`;
  const where = (call: S3Call) =>
    call.key === undefined ? `bucket "${bucket}"` : location(call.key);

  function once(call: S3Call): Promise<S3Answer> {
    const path = call.key === undefined ? prefix || '/' : `${prefix}/${uriEncodePath(call.key)}`;
    const query = call.query ?? {};
    const search = Object.entries(query)
      .map(([k, v]) => (v === '' ? uriEncode(k) : `${uriEncode(k)}=${uriEncode(v)}`))
      .join('&');
    const body = call.body;
    const headers = signRequest(
      {
        method: call.method,
        host,
        path,
        query,
        headers: {},
        // The real sha256 of the body (parts are in memory): the store refuses altered bytes.
        payloadHash: body && body.length > 0 ? sha256Hex(body) : EMPTY_SHA256,
      },
      options.credentials,
      options.region,
      now(),
    );
    if (body || call.method === 'PUT' || call.method === 'POST')
      headers['content-length'] = String(body?.length ?? 0);
    return new Promise<S3Answer>((resolve, reject) => {
      const req = (https ? nodeHttps().request : nodeHttp().request)({
        protocol: base.protocol,
        hostname: virtualHost ? `${bucket}.${base.hostname}` : base.hostname,
        port: base.port || undefined,
        method: call.method,
        path: search ? `${path}?${search}` : path,
        headers,
        agent,
      });
      req.on('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () => req.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })),
          CONNECT_TIMEOUT_MS,
        );
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      // Socket inactivity in either direction, while sending, waiting and reading the body.
      req.setTimeout(SILENCE_TIMEOUT_MS, () =>
        req.destroy(
          Object.assign(new Error(`no answer for ${SILENCE_TIMEOUT_MS / 1000} s`), {
            code: 'ETIMEDOUT',
          }),
        ),
      );
      req.on('error', reject);
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (call.stream && status === 200) {
          resolve({ status, headers: res.headers, text: '', body: res });
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.end(body);
    });
  }

  function failure(call: S3Call, answer: S3Answer, attempt: number): S3Error {
    let code = codeOfStatus(answer.status);
    let said = '';
    if (answer.text) {
      try {
        const e = (xml.parse(answer.text) as { Error?: { Code?: string; Message?: string } }).Error;
        if (e?.Code) code = e.Code;
        said = e?.Message ?? '';
      } catch {
        // not XML (a proxy's page): the status says enough
      }
    }
    const region = answer.headers['x-amz-bucket-region'];
    const fix = adviceFor(code, call, bucket, typeof region === 'string' ? region : undefined);
    const detail = `HTTP ${answer.status} ${code}${said ? ` (${said})` : ''}`;
    return new S3Error(
      `${detail} on ${call.operation} ${where(call)}${fix ? `; ${fix}` : ''}`,
      answer.status,
      code,
      attempt,
      detail,
    );
  }

  return {
    location,
    async send(call) {
      for (let attempt = 1; ; attempt++) {
        let answer: S3Answer;
        try {
          answer = await once(call);
        } catch (error) {
          const e = error as NodeJS.ErrnoException;
          if (attempt < ATTEMPTS) {
            await backoff(attempt);
            continue;
          }
          const detail = `could not reach ${options.endpoint ?? host} (${e.code ?? e.message}) after ${attempt} attempts`;
          throw new S3Error(
            `${detail} on ${call.operation} ${where(call)}; check migrate.store.endpoint and that the runner can reach it`,
            undefined,
            e.code ?? 'NetworkError',
            attempt,
            detail,
          );
        }
        // CompleteMultipartUpload may answer 200 and still fail, in the body:
        // https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
        const failed =
          answer.status >= 300 ||
          (call.operation === 'CompleteMultipartUpload' && /<Error>/.test(answer.text));
        if (!failed) return answer;
        const error = failure(call, answer, attempt);
        const again =
          retryable(answer.status) ||
          (answer.status < 300 && /InternalError|SlowDown/.test(error.code));
        if (!again || attempt >= ATTEMPTS) throw error;
        answer.body?.resume();
        await backoff(attempt);
      }
    },
  };
}

/** Full jitter over 100 ms, 200 ms, ... as the SDK's standard retry strategy. */
const backoff = (attempt: number) => sleep(Math.random() * 100 * 2 ** attempt);
