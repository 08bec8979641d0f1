// How faithful the S3 test world is (test/support/s3.ts): what the action's tests rely on.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3, type S3World } from '../support/s3.js';
import { s3Store } from '../../actions/migrate-with-rollback/src/backup-store/s3.js';
import { MissingObjectError } from '../../actions/migrate-with-rollback/src/backup-store/store.js';

let s3: S3World;
beforeAll(async () => {
  s3 = await startS3({ bucket: 'faithful' });
});
afterAll(async () => {
  await s3?.stop();
});
afterEach(() => s3.clearFaults());

const store = (secret = s3.secretAccessKey, accessKeyId = s3.accessKeyId) =>
  s3Store({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey: secret },
    partSizeBytes: 5 * 1024 * 1024,
  });

const file = (bytes: Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'promote-s3-test-')), 'blob');
  writeFileSync(path, bytes);
  return path;
};

test('a wrong secret key is refused with 403 SignatureDoesNotMatch (s3rver alone would accept it)', async () => {
  const before = s3.requests.length;
  await expect(
    store('not-the-secret').put(file(randomBytes(100)), 'x/wrong'),
  ).rejects.toMatchObject({
    code: 'SignatureDoesNotMatch',
    status: 403,
    message: expect.stringMatching(
      /^HTTP 403 SignatureDoesNotMatch .* on PutObject s3:\/\/faithful\/x\/wrong; .*migrate\.store\.secret-access-key-env/,
    ),
  });
  expect(s3.requests.slice(before).every((r) => r.status === 403)).toBe(true);
  expect(s3.keys()).not.toContain('x/wrong');
});

test('an unknown access key is refused with 403 InvalidAccessKeyId', async () => {
  await expect(store(s3.secretAccessKey, 'AKIAUNKNOWN').probe()).rejects.toMatchObject({
    status: 403,
  });
});

test('a missing key is 404: stat says undefined, get throws MissingObjectError', async () => {
  expect(await store().stat('nothing/here')).toBeUndefined();
  await expect(store().digest('nothing/here')).rejects.toBeInstanceOf(MissingObjectError);
});

test('a 12 MiB object goes up in three parts and comes back byte for byte', async () => {
  const bytes = randomBytes(12 * 1024 * 1024);
  const put = await store().put(file(bytes), 'big/object.bin');
  expect(put.size).toBe(bytes.length);
  const parts = s3.requests.filter((r) => r.method === 'PUT' && /partNumber=\d/.test(r.url));
  expect(parts.map((r) => /partNumber=(\d+)/.exec(r.url)![1])).toEqual(['1', '2', '3']);
  expect(s3.requests.some((r) => r.method === 'POST' && /uploads/.test(r.url))).toBe(true);
  expect(s3.readObject('big/object.bin').equals(bytes)).toBe(true);
  const target = join(mkdtempSync(join(tmpdir(), 'promote-s3-get-')), 'copy');
  const got = await store().get('big/object.bin', target);
  expect(got.sha256).toBe(put.sha256);
  expect(readFileSync(target).equals(bytes)).toBe(true);
});

test('a part whose answer is lost, and a 503, are retried: the object is whole', async () => {
  s3.fault({ kind: 'lost-response', method: 'PUT', match: /partNumber=2/ });
  s3.fault({ kind: '5xx', method: 'PUT', match: /partNumber=1/ });
  const bytes = randomBytes(11 * 1024 * 1024);
  const put = await store().put(file(bytes), 'retried/object.bin');
  expect(s3.requests.some((r) => r.fault === 'lost-response')).toBe(true);
  expect(s3.requests.some((r) => r.fault === '5xx')).toBe(true);
  expect(s3.readObject('retried/object.bin').equals(bytes)).toBe(true);
  expect((await store().digest('retried/object.bin')).sha256).toBe(put.sha256);
});

test('list, delete (idempotent)', async () => {
  await store().put([Buffer.from('a')], 'l/one');
  await store().put([Buffer.from('b')], 'l/two');
  expect((await store().list('l/')).sort()).toEqual(['l/one', 'l/two']);
  await store().delete('l/one');
  await store().delete('l/one');
  expect(await store().list('l/')).toEqual(['l/two']);
});

test('keys with spaces, "+", "$", unicode and !\'()* are signed and stored under their own name', async () => {
  const keys = ['odd/a b+c$d.sql', "odd/ünï cödé/(1)!*'.dump", 'odd/0001'];
  for (const key of keys) await store().put([Buffer.from(key)], key);
  expect((await store().list('odd/')).sort()).toEqual([...keys].sort());
  for (const key of keys) {
    expect(await store().stat(key)).toEqual({ size: Buffer.byteLength(key) });
    expect(s3.readObject(key).toString()).toBe(key);
    await store().delete(key);
  }
  expect(await store().list('odd/')).toEqual([]);
});

test('temporary credentials: the session token is signed, and no secret reaches a URL or a message', async () => {
  const sessionToken = 'FwoGZXIvYXdzEXAMPLE-session-token+/=';
  const withToken = s3Store({
    bucket: s3.bucket,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, sessionToken },
    partSizeBytes: 5 * 1024 * 1024,
  });
  const before = s3.requests.length;
  await withToken.probe();
  await withToken.put([Buffer.from('t')], 'token/one');
  const refused = await store('not-the-secret')
    .digest('token/one')
    .catch((e: Error) => e);
  const seen = s3.requests.slice(before);
  expect(seen.map((r) => r.status)).toEqual([200, 200, 403]);
  for (const text of [...seen.map((r) => r.url), String(refused), (refused as Error).stack]) {
    expect(text).not.toContain(s3.secretAccessKey);
    expect(text).not.toContain('not-the-secret');
    expect(text).not.toContain(sessionToken);
  }
});

test('a bucket that does not exist is named, with the key that fixes it', async () => {
  const absent = s3Store({
    bucket: 'no-such-bucket',
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    partSizeBytes: 5 * 1024 * 1024,
  });
  await expect(absent.list('x/')).rejects.toMatchObject({
    status: 404,
    code: 'NoSuchBucket',
    message: expect.stringMatching(
      /^HTTP 404 NoSuchBucket .* on ListObjectsV2 bucket "no-such-bucket"; .*create it or fix migrate\.store\.bucket/,
    ),
  });
  await expect(absent.probe()).rejects.toMatchObject({ status: 404 });
});

test('a CompleteMultipartUpload whose answer is lost is retried and accepted: the object is whole', async () => {
  s3.fault({ kind: 'lost-response', method: 'POST', match: /uploadId=/ });
  const bytes = randomBytes(6 * 1024 * 1024);
  const before = s3.requests.length;
  const put = await store().put(file(bytes), 'complete/lost.bin');
  const completes = s3.requests
    .slice(before)
    .filter((r) => r.method === 'POST' && /uploadId=/.test(r.url));
  // The first Complete landed; its retries find the upload gone (s3rver answers 500).
  expect(completes[0]?.fault).toBe('lost-response');
  expect(completes.length).toBeGreaterThan(1);
  expect(s3.readObject('complete/lost.bin').equals(bytes)).toBe(true);
  expect((await store().digest('complete/lost.bin')).sha256).toBe(put.sha256);
});

test('a store that stays at 503 fails after 3 attempts, naming the key and the status', async () => {
  s3.fault({ kind: '5xx', method: 'PUT', match: /^\/faithful\/down\//, times: Infinity });
  const before = s3.requests.length;
  await expect(store().put([Buffer.from('x')], 'down/x')).rejects.toMatchObject({
    status: 503,
    message: expect.stringMatching(
      /^HTTP 503 SlowDown \(.*\) on PutObject s3:\/\/faithful\/down\/x$/,
    ),
  });
  expect(s3.requests.slice(before).map((r) => r.fault)).toEqual(['5xx', '5xx', '5xx']);
});

test('a listing longer than one page follows the continuation token', async () => {
  // s3rver cannot paginate on Node 22+ (its continuation tokens use DES, which OpenSSL 3 lacks):
  // a stand-in answers the two pages as S3 documents them,
  // https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    asked.push(url.searchParams.get('continuation-token') ?? '');
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(
      url.searchParams.get('continuation-token') === 'tok+/=1'
        ? '<ListBucketResult><Contents><Key>p/c</Key></Contents><Contents><Key>p/0001</Key></Contents><IsTruncated>false</IsTruncated></ListBucketResult>'
        : '<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>p/a&amp;b&#x27;</Key></Contents><NextContinuationToken>tok+/=1</NextContinuationToken></ListBucketResult>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const paged = s3Store({
      bucket: 'paged',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'a', secretAccessKey: 's' },
      partSizeBytes: 5 * 1024 * 1024,
    });
    expect(await paged.list('p/')).toEqual(["p/a&b'", 'p/c', 'p/0001']);
    expect(asked).toEqual(['', 'tok+/=1']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
