import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real S3-compatible server on loopback for one test file: s3rver (an S3 API on the local
 * filesystem: buckets, objects, multipart uploads, ETags, 404 NoSuchKey) behind a thin proxy
 * that adds what s3rver does not do faithfully, and fault injection:
 *
 * - s3rver accepts any Signature Version 4 request ("V4 signatures have incomplete support":
 *   it never checks them). The proxy verifies every SigV4 signature as AWS does
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html): an unknown
 *   access key answers 403 InvalidAccessKeyId, a wrong secret 403 SignatureDoesNotMatch, a
 *   body whose sha256 differs from x-amz-content-sha256 400 XAmzContentSHA256Mismatch, an
 *   unsigned request 403 AccessDenied (a private bucket).
 * - faults: 5xx, a response lost after the request landed, a reset connection, bytes altered on
 *   the way to the store (the stored object differs from what was sent).
 *
 *   const s3 = await startS3({ bucket: 'backups' });  ...  await s3.stop();
 */

export type S3FaultKind = '5xx' | 'lost-response' | 'reset' | 'corrupt-body';

export interface S3Fault {
  kind: S3FaultKind;
  /** Which requests: method (PUT, GET, POST, HEAD, DELETE) and a test on "<path>?<query>". */
  method?: string;
  match?: RegExp;
  /** How many matching requests get it (default 1; Infinity for a store that stays broken). */
  times?: number;
}

export interface S3Request {
  method: string;
  url: string;
  status: number;
  bytes: number;
  fault?: S3FaultKind;
}

export interface S3World {
  /** The proxy's URL: what the action's migrate.store.endpoint names. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The environment a step gets: the two credential variables under their default names. */
  env(): Record<string, string>;
  requests: S3Request[];
  fault(f: S3Fault): void;
  clearFaults(): void;
  /** Keys stored in the bucket, read from s3rver's directory. */
  keys(): string[];
  /** The stored bytes of a key, as s3rver keeps them on disk. */
  readObject(key: string): Buffer;
  /** Overwrite the stored bytes behind the store's back (a corrupted object). */
  corruptObject(key: string): void;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();
const sha256hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

function xmlError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

/** Why a request's SigV4 signature is refused, or undefined when it is valid. */
function checkSignature(
  req: IncomingMessage,
  body: Buffer,
  keys: Map<string, string>,
): { status: number; code: string; message: string } | undefined {
  const auth = req.headers.authorization;
  if (!auth) return { status: 403, code: 'AccessDenied', message: 'Access Denied' };
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return { status: 400, code: 'AuthorizationHeaderMalformed', message: 'bad header' };
  const [, accessKeyId, date, region, signedHeaders, signature] = m as unknown as string[];
  const secret = keys.get(accessKeyId!);
  if (secret === undefined)
    return {
      status: 403,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  const [path = '/', query = ''] = (req.url ?? '/').split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const [k = '', v = ''] = p.split('=');
      return [rfc3986(decodeURIComponent(k)), rfc3986(decodeURIComponent(v.replace(/\+/g, ' ')))];
    })
    .sort(([a = '', av = ''], [b = '', bv = '']) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = signedHeaders!.split(';');
  const canonicalHeaders = names
    .map((n) => {
      const raw = req.headers[n];
      const value = Array.isArray(raw) ? raw.join(',') : (raw ?? '');
      return `${n}:${String(value).trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [
    req.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), 's3'), 'aws4_request');
  const expected = hmac(key, toSign);
  const given = Buffer.from(signature!, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  if (/^[0-9a-f]{64}$/.test(payloadHash) && sha256hex(body) !== payloadHash)
    return {
      status: 400,
      code: 'XAmzContentSHA256Mismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    };
  return undefined;
}

export async function startS3(options: { bucket?: string } = {}): Promise<S3World> {
  const S3rver = require('s3rver') as new (o: object) => {
    run(): Promise<{ port: number }>;
    close(): Promise<void>;
  };
  const bucket = options.bucket ?? 'promote-backups';
  const dir = mkdtempSync(join(tmpdir(), 'promote-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
    vhostBuckets: false,
  });
  const { port: backendPort } = await server.run();
  const accessKeyId = 'AKIAPROMOTETEST00001';
  const secretAccessKey = 'promote-test-secret-key/0123456789abcdefABCDEF';
  const keys = new Map([[accessKeyId, secretAccessKey]]);
  const requests: S3Request[] = [];
  let faults: Array<S3Fault & { left: number }> = [];
  const takeFault = (method: string, url: string) => {
    const f = faults.find(
      (x) => x.left > 0 && (!x.method || x.method === method) && (!x.match || x.match.test(url)),
    );
    if (f) f.left--;
    return f;
  };

  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const log: S3Request = { method, url, status: 0, bytes: body.length };
      requests.push(log);
      const refused = checkSignature(req, body, keys);
      if (refused) {
        log.status = refused.status;
        res.writeHead(refused.status, { 'content-type': 'application/xml' });
        res.end(method === 'HEAD' ? undefined : xmlError(refused.code, refused.message));
        return;
      }
      const fault = takeFault(method, url);
      if (fault) log.fault = fault.kind;
      if (fault?.kind === '5xx') {
        log.status = 503;
        res.writeHead(503, { 'content-type': 'application/xml' });
        res.end(
          method === 'HEAD' ? undefined : xmlError('SlowDown', 'Please reduce your request rate.'),
        );
        return;
      }
      if (fault?.kind === 'reset') {
        log.status = -1;
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'corrupt-body' && body.length > 0) {
        body = Buffer.from(body);
        body[body.length >> 1] = body[body.length >> 1]! ^ 0xff;
      }
      const headers = { ...req.headers, host: `127.0.0.1:${backendPort}` };
      delete headers.authorization; // verified above; s3rver would only half-check it
      headers['content-length'] = String(body.length);
      const upstream = httpRequest(
        { host: '127.0.0.1', port: backendPort, method, path: url, headers },
        (answer) => {
          log.status = answer.statusCode ?? 0;
          if (fault?.kind === 'lost-response') {
            // The request landed; its answer never reaches the client.
            answer.resume();
            answer.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', (e) => {
        log.status = 502;
        res.writeHead(502);
        res.end(String(e));
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const objectFile = (key: string) => {
    const parts = key.split('/');
    const last = parts.pop()!;
    return join(dir, bucket, ...parts, `${last}._S3rver_object`);
  };
  const listKeys = (sub: string, prefix: string): string[] => {
    const out: string[] = [];
    for (const e of readdirSync(join(dir, bucket, sub), { withFileTypes: true })) {
      if (e.isDirectory()) out.push(...listKeys(join(sub, e.name), `${prefix}${e.name}/`));
      else if (e.name.endsWith('._S3rver_object'))
        out.push(`${prefix}${e.name.slice(0, -'._S3rver_object'.length)}`);
    }
    return out;
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    env: () => ({ AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey }),
    requests,
    fault: (f) => faults.push({ ...f, left: f.times ?? 1 }),
    clearFaults: () => {
      faults = [];
    },
    keys: () => listKeys('', '').sort(),
    readObject: (key) => readFileSync(objectFile(key)),
    corruptObject(key) {
      const bytes = readFileSync(objectFile(key));
      bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x01;
      writeFileSync(objectFile(key), bytes);
    },
    async stop() {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      proxy.closeAllConnections?.();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
