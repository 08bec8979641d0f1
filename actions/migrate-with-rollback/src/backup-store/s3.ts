import { nodeCrypto } from '@promote/core/builtins';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { escapeXml, s3Client, S3Error, xml, type S3Answer, type S3Client } from './s3-client.js';
import {
  Digest,
  MissingObjectError,
  type BackupStore,
  type Chunks,
  type PutSource,
  type StoredObject,
} from './store.js';

export interface S3StoreOptions {
  bucket: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  partSizeBytes: number;
}

/** Fill parts of `size` bytes from a stream of chunks; the last part may be shorter. */
async function* parts(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    let c = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    while (length + c.length >= size) {
      const take = size - length;
      pending.push(c.subarray(0, take));
      yield Buffer.concat(pending);
      c = c.subarray(take);
      pending = [];
      length = 0;
    }
    if (c.length > 0) {
      // Copy: the producer may reuse its buffer.
      pending.push(Buffer.from(c));
      length += c.length;
    }
  }
  if (length > 0 || pending.length > 0) yield Buffer.concat(pending);
}

/** Not found, as S3 says it with a body (NoSuchKey) or without (HEAD). */
const missing = (error: unknown) => error instanceof S3Error && error.status === 404;

/**
 * The ETag S3 gives an object completed from these parts: md5 of the parts' md5s, "-<count>"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html).
 * Undefined when a store's part ETags are not md5s.
 */
function multipartEtag(etags: string[]): string | undefined {
  const md5s = etags.map((e) => e.replace(/"/g, ''));
  if (!md5s.every((m) => /^[0-9a-f]{32}$/i.test(m))) return undefined;
  const hash = nodeCrypto().createHash('md5');
  for (const m of md5s) hash.update(Buffer.from(m, 'hex'));
  return `${hash.digest('hex')}-${md5s.length}`;
}

/**
 * Any S3-compatible store (AWS S3, Cloudflare R2, GCS interoperability, MinIO) through a small
 * SigV4 client (s3-client.ts). Credentials come in as values read from the environment variables
 * the config names; they reach only the signer, never a URL, argv or log line.
 * Large objects go up in parts (CreateMultipartUpload / UploadPart / Complete), about three
 * parts in memory: one uploading while the next ones fill.
 */
export function s3Store(options: S3StoreOptions): BackupStore {
  const client: S3Client = s3Client(options);
  const location = client.location;

  async function upload(source: Chunks, key: string): Promise<Digest> {
    const digest = new Digest();
    const iterator = parts(
      (async function* () {
        for await (const c of source) yield digest.update(c);
      })(),
      options.partSizeBytes,
    )[Symbol.asyncIterator]();
    const first = await iterator.next();
    const firstPart = first.done ? Buffer.alloc(0) : first.value;
    const second = first.done ? { done: true as const, value: undefined } : await iterator.next();
    if (second.done) {
      await client.send({ operation: 'PutObject', method: 'PUT', key, body: firstPart });
      return digest;
    }
    const created = await client.send({
      operation: 'CreateMultipartUpload',
      method: 'POST',
      key,
      query: { uploads: '' },
    });
    const uploadId = String(
      (xml.parse(created.text) as { InitiateMultipartUploadResult?: { UploadId?: string } })
        .InitiateMultipartUploadResult?.UploadId ?? '',
    );
    if (!uploadId)
      throw new S3Error(
        `no UploadId in the answer on CreateMultipartUpload ${location(key)}`,
        created.status,
        'NoUploadId',
        1,
      );
    const etags: string[] = [];
    try {
      let part: Buffer | undefined = firstPart;
      let next: IteratorResult<Buffer> = second;
      let n = 1;
      while (part) {
        const partNumber = n++;
        // Upload this part while the next one fills. A retried part simply replaces itself.
        const sending = client.send({
          operation: 'UploadPart',
          method: 'PUT',
          key,
          query: { partNumber: String(partNumber), uploadId },
          body: part,
        });
        const [sent, following]: [S3Answer, IteratorResult<Buffer>] = await Promise.all([
          sending,
          next.done ? Promise.resolve(next) : iterator.next(),
        ]);
        etags.push(String(sent.headers.etag ?? ''));
        part = next.done ? undefined : next.value;
        next = following;
      }
      const body = `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${etags
        .map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${escapeXml(e)}</ETag></Part>`)
        .join('')}</CompleteMultipartUpload>`;
      try {
        await client.send({
          operation: 'CompleteMultipartUpload',
          method: 'POST',
          key,
          query: { uploadId },
          body: Buffer.from(body),
        });
      } catch (error) {
        // A retried Complete whose first attempt landed (its answer lost) finds the upload gone
        // (AWS: 404 NoSuchUpload; s3rver: 500): the object is there if it has the size and the
        // ETag these parts make. The caller reads it back and compares sha256 in any case.
        if (!(error instanceof S3Error && error.attempt > 1)) throw error;
        const head = await client
          .send({ operation: 'HeadObject', method: 'HEAD', key })
          .catch(() => undefined);
        const expected = multipartEtag(etags);
        const etag = String(head?.headers.etag ?? '').replace(/"/g, '');
        // Stores that give a completed object another kind of ETag (s3rver: the md5 of the
        // whole) are judged by size alone here.
        const multipartShaped = /^[0-9a-f]{32}-\d+$/i.test(etag);
        if (
          Number(head?.headers['content-length']) !== digest.size ||
          (expected !== undefined && multipartShaped && etag !== expected)
        )
          throw error;
      }
    } catch (error) {
      await client
        .send({ operation: 'AbortMultipartUpload', method: 'DELETE', key, query: { uploadId } })
        .catch(() => {});
      throw error;
    }
    return digest;
  }

  async function read(key: string, target?: string): Promise<StoredObject> {
    let body: Readable;
    try {
      const answer = await client.send({
        operation: 'GetObject',
        method: 'GET',
        key,
        stream: true,
      });
      body = answer.body!;
    } catch (error) {
      if (missing(error)) throw new MissingObjectError(location(key));
      throw error;
    }
    const digest = new Digest();
    const hashed = (async function* () {
      for await (const c of body) yield digest.update(c as Uint8Array);
    })();
    if (target) {
      await mkdir(dirname(target), { recursive: true });
      await pipeline(Readable.from(hashed), createWriteStream(target));
    } else for await (const c of hashed) void c;
    return { key, location: location(key), size: digest.size, sha256: digest.hex() };
  }

  return {
    kind: 's3',
    location,
    async put(source: PutSource, key: string) {
      const digest = await upload(
        typeof source === 'string' ? createReadStream(source) : source,
        key,
      );
      return { key, location: location(key), size: digest.size, sha256: digest.hex() };
    },
    get: (key, localPath) => read(key, localPath),
    digest: (key) => read(key),
    async stat(key) {
      try {
        const head = await client.send({ operation: 'HeadObject', method: 'HEAD', key });
        return { size: Number(head.headers['content-length'] ?? 0) };
      } catch (error) {
        if (missing(error)) return undefined;
        throw error;
      }
    },
    async delete(key) {
      await client.send({ operation: 'DeleteObject', method: 'DELETE', key });
    },
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send({
          operation: 'ListObjectsV2',
          method: 'GET',
          query: {
            'list-type': '2',
            prefix,
            ...(token ? { 'continuation-token': token } : {}),
          },
        });
        const result =
          (
            xml.parse(page.text) as {
              ListBucketResult?: {
                Contents?: Array<{ Key?: string }>;
                IsTruncated?: string;
                NextContinuationToken?: string;
              };
            }
          ).ListBucketResult ?? {};
        for (const o of result.Contents ?? []) if (o.Key !== undefined) keys.push(String(o.Key));
        token = result.IsTruncated === 'true' ? result.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    async probe() {
      await client.send({ operation: 'HeadBucket', method: 'HEAD' });
    },
  };
}
