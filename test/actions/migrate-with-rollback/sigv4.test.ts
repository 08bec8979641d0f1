// The store's Signature V4 signer (backup-store/sigv4.ts): the values AWS publishes, and the
// same Authorization header as the AWS SDK's own signer over generated S3 requests. Seeded
// (test/support/property-seed.ts): a failure starts with the seed and the command replaying it.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import fc from 'fast-check';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  EMPTY_SHA256,
  canonicalQuery,
  sha256Hex,
  signRequest,
  uriEncodePath,
  type RequestToSign,
} from '../../../actions/migrate-with-rollback/src/backup-store/sigv4.js';
import { addressing } from '../../../actions/migrate-with-rollback/src/backup-store/s3-client.js';
import { seededProperties } from '../../support/property-seed.js';

const { replayable } = seededProperties('test/actions/migrate-with-rollback/sigv4.test.ts');

// The example credentials and requests of "Examples: Signature Calculations",
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
const example = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const may24 = new Date('2013-05-24T00:00:00Z');
const signatureOf = (headers: Record<string, string>) =>
  /Signature=([0-9a-f]{64})$/.exec(headers.authorization ?? '')?.[1];

describe("AWS's published S3 examples", () => {
  test('GET Object with a Range header', () => {
    const headers = signRequest(
      {
        method: 'GET',
        host: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        query: {},
        headers: { Range: 'bytes=0-9' },
        payloadHash: EMPTY_SHA256,
      },
      example,
      'us-east-1',
      may24,
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  test('PUT Object: a key with "$" and a body', () => {
    const body = 'Welcome to Amazon S3.';
    const headers = signRequest(
      {
        method: 'PUT',
        host: 'examplebucket.s3.amazonaws.com',
        path: `/${uriEncodePath('test$file.text')}`,
        query: {},
        headers: {
          Date: 'Fri, 24 May 2013 00:00:00 GMT',
          'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        },
        payloadHash: sha256Hex(body),
      },
      example,
      'us-east-1',
      may24,
    );
    expect(headers['x-amz-content-sha256']).toBe(
      '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    );
    expect(signatureOf(headers)).toBe(
      '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  test('GET Bucket (list objects) with a query', () => {
    const headers = signRequest(
      {
        method: 'GET',
        host: 'examplebucket.s3.amazonaws.com',
        path: '/',
        query: { 'max-keys': '2', prefix: 'J' },
        headers: {},
        payloadHash: EMPTY_SHA256,
      },
      example,
      'us-east-1',
      may24,
    );
    expect(signatureOf(headers)).toBe(
      '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7',
    );
  });
});

const bytes = (d: string | ArrayBuffer | ArrayBufferView) =>
  typeof d === 'string'
    ? Buffer.from(d)
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

/** The hash the SDK's signer is given: node:crypto behind its Checksum interface. */
class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.h.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 });
const request = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'POST', 'HEAD', 'DELETE'),
  key: fc.array(text, { minLength: 1, maxLength: 4 }).map((p) => p.join('/')),
  // The key "__proto__" is left out: the SDK's signer builds its canonical query in a plain
  // object, where that key reads back Object.prototype and signs "[object Object]". Ours is
  // checked for that key on its own below.
  query: fc.dictionary(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'),
    fc.string({ unit: 'grapheme', maxLength: 24 }),
    { maxKeys: 4 },
  ),
  range: fc.option(fc.constantFrom('bytes=0-9', '  bytes=10-   20 ')),
  body: fc.option(fc.uint8Array({ maxLength: 64 })),
  sessionToken: fc.option(fc.base64String({ minLength: 8, maxLength: 80 })),
  region: fc.constantFrom('us-east-1', 'eu-central-1', 'auto', 'ap-southeast-2'),
  at: fc.date({
    min: new Date('2015-01-01T00:00:00Z'),
    max: new Date('2035-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  store: fc.constantFrom(
    { endpoint: undefined, forcePathStyle: false },
    { endpoint: undefined, forcePathStyle: true },
    { endpoint: 'https://acct.r2.cloudflarestorage.com', forcePathStyle: true },
    { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true },
    { endpoint: 'https://storage.googleapis.com', forcePathStyle: false },
  ),
});

test('the same Authorization as @smithy/signature-v4 (the AWS SDK signer) over generated S3 requests', async () => {
  await replayable(() =>
    fc.assert(
      fc.asyncProperty(request, async (r) => {
        const credentials = {
          accessKeyId: 'AKIDPROMOTE',
          secretAccessKey: 'se/cr+et=key',
          ...(r.sessionToken ? { sessionToken: r.sessionToken } : {}),
        };
        const where = addressing({
          bucket: 'promote-backups',
          region: r.region,
          credentials,
          ...r.store,
        });
        const payloadHash = r.body ? sha256Hex(r.body) : EMPTY_SHA256;
        const toSign: RequestToSign = {
          method: r.method,
          host: where.host,
          path: `${where.prefix}/${uriEncodePath(r.key)}`,
          query: r.query,
          headers: r.range ? { range: r.range } : {},
          payloadHash,
        };
        const ours = signRequest(toSign, credentials, r.region, r.at);
        const sdk = new SignatureV4({
          credentials,
          region: r.region,
          service: 's3',
          sha256: NodeSha256,
          // S3 signs the path as sent, encoded once (no double-encoding, no normalising).
          uriEscapePath: false,
          applyChecksum: true,
        });
        const signed = await sdk.sign(
          {
            method: r.method,
            protocol: where.base.protocol,
            hostname: where.host,
            path: toSign.path,
            query: r.query,
            headers: {
              host: where.host,
              'x-amz-content-sha256': payloadHash,
              ...(r.range ? { range: r.range } : {}),
            },
            ...(r.body ? { body: r.body } : {}),
          },
          { signingDate: r.at },
        );
        expect(ours.authorization).toBe(signed.headers.authorization);
        expect(ours['x-amz-date']).toBe(signed.headers['x-amz-date']);
        expect(ours['x-amz-security-token']).toBe(signed.headers['x-amz-security-token']);
      }),
      { numRuns: 300 },
    ),
  );
});

test('a query key named __proto__ is signed as the key it is', () => {
  const query: Record<string, string> = { prefix: 'a b' };
  Object.defineProperty(query, '__proto__', { value: 'x', enumerable: true });
  expect(canonicalQuery(query)).toBe('__proto__=x&prefix=a%20b');
});

describe('addressing', () => {
  const credentials = { accessKeyId: 'a', secretAccessKey: 's' };
  test('AWS S3: virtual-host by default, path-style when asked', () => {
    const base = { bucket: 'backups', region: 'eu-west-1', credentials };
    expect(addressing({ ...base, forcePathStyle: false })).toMatchObject({
      host: 'backups.s3.eu-west-1.amazonaws.com',
      prefix: '',
    });
    expect(addressing({ ...base, forcePathStyle: true })).toMatchObject({
      host: 's3.eu-west-1.amazonaws.com',
      prefix: '/backups',
    });
  });
  test('an endpoint (MinIO, R2) keeps its port and path; a dotted bucket under TLS is path-style', () => {
    expect(
      addressing({
        bucket: 'b',
        region: 'auto',
        credentials,
        forcePathStyle: true,
        endpoint: 'http://minio.internal:9000/s3/',
      }),
    ).toMatchObject({ host: 'minio.internal:9000', prefix: '/s3/b' });
    expect(
      addressing({
        bucket: 'my.backups',
        region: 'us-east-1',
        credentials,
        forcePathStyle: false,
      }),
    ).toMatchObject({ host: 's3.us-east-1.amazonaws.com', prefix: '/my.backups' });
  });
  test('an endpoint at an IP address is path-style even when not asked (no name to prefix)', () => {
    for (const endpoint of ['http://127.0.0.1:9000', 'http://[::1]:9000']) {
      expect(
        addressing({
          bucket: 'shop-backups',
          region: 'auto',
          credentials,
          forcePathStyle: false,
          endpoint,
        }),
      ).toMatchObject({ virtualHost: false, prefix: '/shop-backups' });
    }
    expect(
      addressing({
        bucket: 'shop-backups',
        region: 'auto',
        credentials,
        forcePathStyle: false,
        endpoint: 'https://acc.r2.cloudflarestorage.com',
      }),
    ).toMatchObject({ virtualHost: true, host: 'shop-backups.acc.r2.cloudflarestorage.com' });
  });
});
