import { nodeCrypto } from '@promote/core/builtins';
import type { Hash } from 'node:crypto';

/** What a store holds under a key, as read or written: the sha256 is of the stored bytes. */
export interface StoredObject {
  key: string;
  /** Where it is, for people and the deployment record: a path, or s3://bucket/key. */
  location: string;
  size: number;
  sha256: string;
}

/** Bytes to store: a file on the runner, or a stream (an age encryption of one). */
export type PutSource = string | Chunks;
export type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/**
 * One small interface for every place a backup can live. put and get hash the bytes as they
 * pass (no second read); delete is idempotent (a missing key is not an error).
 */
export interface BackupStore {
  readonly kind: 'local' | 's3';
  location(key: string): string;
  put(source: PutSource, key: string): Promise<StoredObject>;
  /** Copy the stored bytes to localPath, hashing them on the way. */
  get(key: string, localPath: string): Promise<StoredObject>;
  /** Read the stored bytes through without keeping them: size and sha256 as the store serves them. */
  digest(key: string): Promise<StoredObject>;
  stat(key: string): Promise<{ size: number } | undefined>;
  delete(key: string): Promise<void>;
  /** Keys under a prefix, in no particular order. */
  list(prefix: string): Promise<string[]>;
  /** Cheap check that the store is reachable with these credentials (before any change). */
  probe(): Promise<void>;
}

/** A pass-through that counts and hashes every chunk (the "tee" of the stored bytes). */
export class Digest {
  private readonly hash: Hash = nodeCrypto().createHash('sha256');
  size = 0;
  update(chunk: Uint8Array): Uint8Array {
    this.hash.update(chunk);
    this.size += chunk.byteLength;
    return chunk;
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

/** A missing object, whatever the store calls it. */
export class MissingObjectError extends Error {
  constructor(readonly location: string) {
    super(`${location} does not exist`);
  }
}
