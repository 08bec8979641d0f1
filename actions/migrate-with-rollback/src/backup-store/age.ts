import { nodeCrypto } from '@promote/core/builtins';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** age (https://age-encryption.org) through the npm package; loaded only when a store encrypts. */
const loadAge = () => import('age-encryption');

/** A short, stable name for a public key (recorded in the deployment; the key itself is public). */
export const recipientFingerprint = (recipient: string) =>
  nodeCrypto().createHash('sha256').update(recipient).digest('hex').slice(0, 16);

/** The first recipient the age library refuses, with why; undefined when all parse. */
export async function invalidRecipient(recipients: readonly string[]): Promise<string | undefined> {
  const age = await loadAge();
  for (const [i, r] of recipients.entries()) {
    try {
      new age.Encrypter().addRecipient(r);
    } catch (error) {
      return `recipients[${i}] (${r.slice(0, 12)}...): ${(error as Error).message}`;
    }
  }
  return undefined;
}

/** The public key of an identity; throws when the text is not an age identity. */
export async function recipientOfIdentity(identity: string): Promise<string> {
  const age = await loadAge();
  return age.identityToRecipient(identity.trim());
}

/**
 * Encrypt a stream to the recipients, streaming (age's STREAM format: 64 KiB chunks, each
 * authenticated), so a dump of any size passes through in constant memory.
 */
export async function encrypting(
  source: AsyncIterable<Uint8Array> | Readable,
  recipients: readonly string[],
): Promise<AsyncIterable<Uint8Array>> {
  const age = await loadAge();
  const e = new age.Encrypter();
  for (const r of recipients) e.addRecipient(r);
  const web = Readable.toWeb(Readable.from(source)) as unknown as ReadableStream<Uint8Array>;
  const out = await e.encrypt(web);
  return out as unknown as WebReadableStream<Uint8Array>;
}

/** Decrypt a stream with the identity; a tampered or truncated chunk throws. */
export async function decrypting(
  source: AsyncIterable<Uint8Array> | Readable,
  identity: string,
): Promise<AsyncIterable<Uint8Array>> {
  const age = await loadAge();
  const d = new age.Decrypter();
  d.addIdentity(identity.trim());
  const web = Readable.toWeb(Readable.from(source)) as unknown as ReadableStream<Uint8Array>;
  const out = await d.decrypt(web);
  return out as unknown as WebReadableStream<Uint8Array>;
}
