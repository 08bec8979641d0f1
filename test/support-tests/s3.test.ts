// How faithful the S3 test world is (test/support/s3.ts): what the action's tests rely on.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
      /^PutObject s3:\/\/faithful\/x\/wrong: HTTP 403 SignatureDoesNotMatch .*migrate\.store\.secret-access-key-env/,
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
