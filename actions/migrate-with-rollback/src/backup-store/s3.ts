import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
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

/** The SDK is large: loaded only when the s3 store is configured (other runs start faster). */
const loadSdk = () => import('@aws-sdk/client-s3');
type Sdk = Awaited<ReturnType<typeof loadSdk>>;

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

/** HTTP status of an SDK error, if it came from the store. */
export const statusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

/**
 * Any S3-compatible store (AWS S3, Cloudflare R2, GCS interoperability, MinIO) through
 * @aws-sdk/client-s3. Credentials come in as values read from the environment variables the
 * config names; they reach only the SDK's signer, never a URL, argv or log line.
 * Large objects go up in parts (CreateMultipartUpload / UploadPart / Complete), about three
 * parts in memory: one uploading while the next ones fill.
 */
export function s3Store(options: S3StoreOptions): BackupStore {
  let cached: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  const connect = () =>
    (cached ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: options.region,
        endpoint: options.endpoint,
        forcePathStyle: options.forcePathStyle,
        credentials: options.credentials,
        // Checksums only where S3 requires them: the newer default (CRC trailers with
        // aws-chunked bodies) is refused by several S3-compatible stores; the action hashes
        // every stored byte itself (sha256) and reads the object back.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // A store that stops answering must not hold the job until its timeout: a connection
        // gets 10 s, a request 2 min of silence; the SDK retries (3 attempts) then fails.
        requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
      }),
    })));
  const Bucket = options.bucket;
  const location = (key: string) => `s3://${Bucket}/${key}`;

  async function upload(source: Chunks, key: string): Promise<Digest> {
    const { sdk, client } = await connect();
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
      await client.send(new sdk.PutObjectCommand({ Bucket, Key: key, Body: firstPart }));
      return digest;
    }
    const { UploadId } = await client.send(
      new sdk.CreateMultipartUploadCommand({ Bucket, Key: key }),
    );
    const done: Array<{ ETag?: string; PartNumber: number }> = [];
    try {
      let part: Buffer | undefined = firstPart;
      let next: IteratorResult<Buffer> = second;
      let n = 1;
      while (part) {
        const PartNumber = n++;
        // Upload this part while the next one fills.
        const sending: Promise<{ ETag?: string }> = client.send(
          new sdk.UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber, Body: part }),
        );
        const [{ ETag }, following]: [{ ETag?: string }, IteratorResult<Buffer>] =
          await Promise.all([sending, next.done ? Promise.resolve(next) : iterator.next()]);
        done.push({ ETag, PartNumber });
        part = next.done ? undefined : next.value;
        next = following;
      }
      await client.send(
        new sdk.CompleteMultipartUploadCommand({
          Bucket,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: done },
        }),
      );
    } catch (error) {
      await client
        .send(new sdk.AbortMultipartUploadCommand({ Bucket, Key: key, UploadId }))
        .catch(() => {});
      throw error;
    }
    return digest;
  }

  async function read(key: string, target?: string): Promise<StoredObject> {
    const { sdk, client } = await connect();
    let body: Readable;
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
      body = out.Body as Readable;
    } catch (error) {
      if (statusOf(error) === 404) throw new MissingObjectError(location(key));
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
      const { sdk, client } = await connect();
      try {
        const head = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: key }));
        return { size: Number(head.ContentLength ?? 0) };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async delete(key) {
      const { sdk, client } = await connect();
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
    },
    async list(prefix) {
      const { sdk, client } = await connect();
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(
          new sdk.ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }),
        );
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return keys;
    },
    async probe() {
      const { sdk, client } = await connect();
      await client.send(new sdk.HeadBucketCommand({ Bucket }));
    },
  };
}
