import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigurationError } from '@promote/core/errors';
import { Digest } from './backup-store/store.js';
import { S3Error } from './backup-store/s3-client.js';
import type { BackupStore } from './backup-store/index.js';
import {
  decrypting,
  encrypting,
  recipientFingerprint,
  recipientOfIdentity,
} from './backup-store/age.js';
import type { BackupManifest, StoredBackup } from './manifest.js';
import type { StorePlan } from './plan.js';

/** A backup that could not be stored, or a stored one that is not what was stored. */
export class BackupStoreError extends Error {}

export interface StoredUpload {
  stored: StoredBackup;
  /** sha256 and size of the plaintext as it was read for the upload (one read: hashed on the way). */
  plain: { size: number; sha256: string };
}

async function* tee(source: AsyncIterable<Uint8Array>, digest: Digest) {
  for await (const c of source) yield digest.update(c as Uint8Array);
}

/**
 * Encrypt (age, to the configured recipients) and upload the dump in one streamed read, hashing
 * the plaintext and the stored bytes on the way; then read the object back from the store and
 * require the same size and sha256. Nothing here touches production.
 */
export async function uploadBackup(
  store: BackupStore,
  plan: StorePlan,
  path: string,
): Promise<StoredUpload> {
  const plain = new Digest();
  const source = tee(createReadStream(path), plain);
  const recipients = plan.encryption?.recipients;
  let put;
  try {
    put = await store.put(recipients ? await encrypting(source, recipients) : source, plan.key);
  } catch (error) {
    throw new BackupStoreError(
      `uploading the backup to ${store.location(plan.key)} failed: ${describeStoreError(error)}`,
    );
  }
  let served;
  // An object that is not proven equal to what was sent is not left where a rollback finds it.
  const discard = () => store.delete(plan.key).catch(() => {});
  try {
    served = await store.digest(plan.key);
  } catch (error) {
    await discard();
    throw new BackupStoreError(
      `reading the uploaded backup back from ${put.location} failed: ${describeStoreError(error)}`,
    );
  }
  if (served.size !== put.size || served.sha256 !== put.sha256) {
    await discard();
    throw new BackupStoreError(
      `the store serves other bytes than were uploaded to ${put.location}: uploaded ${put.size} bytes sha256 ${put.sha256}, stored ${served.size} bytes sha256 ${served.sha256}`,
    );
  }
  return {
    plain: { size: plain.size, sha256: plain.hex() },
    stored: {
      store: store.kind,
      key: plan.key,
      location: put.location,
      sizeBytes: put.size,
      sha256: put.sha256,
      ...(recipients
        ? { encryption: { scheme: 'age', recipients: recipients.map(recipientFingerprint) } }
        : {}),
    },
  };
}

/** The store's words for a failure, without anything secret (S3 never echoes the secret key). */
export function describeStoreError(error: unknown): string {
  // Already names the operation, bucket/key, status, S3 error code and the fix.
  if (error instanceof S3Error) return error.message.slice(0, 600);
  const e = error as { name?: string; message?: string };
  const code = e?.name && e.name !== 'Error' ? e.name : undefined;
  return [code, e?.message].filter(Boolean).join(' ').slice(0, 300);
}

/**
 * Bring a recorded backup to `target` as plaintext, on any runner: download (hashing the stored
 * bytes), refuse a sha256 that differs from the record (naming both), decrypt with the identity,
 * refuse a plaintext sha256 that differs. Scratch files are removed on refusal.
 */
export async function fetchBackup(options: {
  store: BackupStore;
  manifest: BackupManifest;
  target: string;
  identity?: string;
  identityEnv?: string;
}): Promise<void> {
  const { store, manifest, target } = options;
  const stored = manifest.stored!;
  const encrypted = Boolean(stored.encryption);
  const cipherPath = encrypted ? `${target}.age` : target;
  await mkdir(dirname(target), { recursive: true });
  try {
    let got;
    try {
      got = await store.get(stored.key, cipherPath);
    } catch (error) {
      throw new ConfigurationError(
        `backup ${manifest.backupId}: could not download ${stored.location}: ${describeStoreError(error)}`,
      );
    }
    if (got.sha256 !== stored.sha256 || got.size !== stored.sizeBytes) {
      throw new ConfigurationError(
        `backup ${manifest.backupId} at ${stored.location} is not the backup that was verified: recorded sha256 ${stored.sha256} (${stored.sizeBytes} bytes), stored object sha256 ${got.sha256} (${got.size} bytes); refusing to restore it`,
      );
    }
    if (!encrypted) return;
    const name = options.identityEnv ?? 'AGE_SECRET_KEY';
    if (!options.identity)
      throw new ConfigurationError(
        `backup ${manifest.backupId} is encrypted with age: map the identity (AGE-SECRET-KEY-1...) from a production environment secret into $${name} (migrate.store.encryption.identity-env)`,
      );
    let mine: string;
    try {
      mine = recipientFingerprint(await recipientOfIdentity(options.identity));
    } catch {
      throw new ConfigurationError(
        `$${name} is not an age identity (expected AGE-SECRET-KEY-1...); check the secret mapped into it`,
      );
    }
    if (!stored.encryption!.recipients.includes(mine))
      throw new ConfigurationError(
        `the identity in $${name} (public key fingerprint ${mine}) is not one of the recipients backup ${manifest.backupId} was encrypted to (${stored.encryption!.recipients.join(', ')}); map the matching identity`,
      );
    const plain = new Digest();
    try {
      const clear = await decrypting(createReadStream(cipherPath), options.identity);
      await pipeline(Readable.from(tee(clear, plain)), createWriteStream(target));
    } catch (error) {
      throw new ConfigurationError(
        `backup ${manifest.backupId}: decryption failed (${(error as Error).message}); refusing to restore it`,
      );
    }
    const sha256 = plain.hex();
    if (sha256 !== manifest.sha256)
      throw new ConfigurationError(
        `backup ${manifest.backupId} decrypted to other bytes than were verified: recorded sha256 ${manifest.sha256}, decrypted sha256 ${sha256}; refusing to restore it`,
      );
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  } finally {
    if (encrypted) await rm(cipherPath, { force: true });
  }
}
