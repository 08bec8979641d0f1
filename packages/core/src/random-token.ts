import { closeSync, openSync, readSync } from 'node:fs';
import { nodeCrypto } from './builtins.js';

/**
 * A token nobody can guess, in the shape of a version 4 UUID (RFC 9562, section 5.4), for the
 * output delimiters and the stop-commands token. It is read from /dev/urandom, the kernel's
 * generator that OpenSSL seeds crypto.randomUUID from (https://man7.org/linux/man-pages/man4/random.4.html):
 * loading node:crypto costs ~15 ms of CPU on Node 24, before the first request of every action
 * that sets an output or logs untrusted text (issue #18, cold start). Where there is no
 * /dev/urandom (Windows runners) it is crypto.randomUUID.
 */
export function randomToken(read: (bytes: Buffer) => void = readUrandom): string {
  const bytes = Buffer.alloc(16);
  try {
    read(bytes);
  } catch {
    return nodeCrypto().randomUUID();
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function readUrandom(bytes: Buffer): void {
  const fd = openSync('/dev/urandom', 'r');
  try {
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, null);
      if (n <= 0) throw new Error('/dev/urandom gave no bytes');
      got += n;
    }
  } finally {
    closeSync(fd);
  }
}
