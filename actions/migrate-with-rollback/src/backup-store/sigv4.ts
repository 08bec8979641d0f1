import { nodeCrypto } from '@promote/core/builtins';

/**
 * AWS Signature Version 4 for one request, header-based, as S3 and the S3-compatible stores
 * check it: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * and, for S3's own rules (no double-encoding of the path, x-amz-content-sha256 always sent),
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 * The secret key is used here and nowhere else; it never reaches a URL, a header or a message.
 */

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface RequestToSign {
  method: string;
  /** Host (with a port when not the default one), as the request sends it. */
  host: string;
  /** Already URI-encoded once (uriEncodePath), as sent on the wire. */
  path: string;
  /** Decoded query parameters; encoded and sorted here. */
  query: Record<string, string>;
  /** Headers to sign besides host, x-amz-date, x-amz-content-sha256 and the session token. */
  headers: Record<string, string>;
  /** Hex sha256 of the body, or UNSIGNED_PAYLOAD for a body that is not hashed first. */
  payloadHash: string;
}

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const sha256Hex = (data: Uint8Array | string) =>
  nodeCrypto().createHash('sha256').update(data).digest('hex');
const hmac = (key: Uint8Array | string, data: string) =>
  nodeCrypto().createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding: encodeURIComponent leaves !'()* alone, SigV4 encodes them. */
export const uriEncode = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
/** An object key as an S3 path: every byte encoded except unreserved characters and "/". */
export const uriEncodePath = (s: string) => s.split('/').map(uriEncode).join('/');

export const canonicalQuery = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');

/** 20150830T123600Z: the x-amz-date form of an instant. */
export const amzDate = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

/**
 * The headers to send with the request: the caller's, plus host, x-amz-date,
 * x-amz-content-sha256, x-amz-security-token (temporary credentials) and Authorization.
 */
export function signRequest(
  request: RequestToSign,
  credentials: Credentials,
  region: string,
  at: Date,
  service = 's3',
): Record<string, string> {
  const date = amzDate(at);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
  headers.host = request.host;
  headers['x-amz-date'] = date;
  headers['x-amz-content-sha256'] = request.payloadHash;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method,
    request.path,
    canonicalQuery(request.query),
    names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const day = date.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), region), service),
    'aws4_request',
  );
  const signature = nodeCrypto().createHmac('sha256', key).update(stringToSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
