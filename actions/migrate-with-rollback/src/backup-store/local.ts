import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  Digest,
  MissingObjectError,
  type BackupStore,
  type Chunks,
  type PutSource,
  type StoredObject,
} from './store.js';

async function* hashed(source: Chunks, digest: Digest) {
  for await (const chunk of source) yield digest.update(chunk as Uint8Array);
}

/** A directory: self-hosted runners and the Frappe host, where the disk outlives the job. */
export function localStore(root: string): BackupStore {
  const pathOf = (key: string) => {
    const p = resolve(root, key);
    if (p !== resolve(root) && !p.startsWith(resolve(root) + sep))
      throw new Error(`backup key ${key} leaves ${root}`);
    return p;
  };
  const read = async (key: string, target?: string): Promise<StoredObject> => {
    const path = pathOf(key);
    const digest = new Digest();
    try {
      await stat(path);
    } catch {
      throw new MissingObjectError(path);
    }
    const source = hashed(createReadStream(path), digest);
    if (target && resolve(target) !== path) {
      await mkdir(dirname(target), { recursive: true });
      await pipeline(Readable.from(source), createWriteStream(target));
    } else for await (const chunk of source) void chunk;
    return { key, location: path, size: digest.size, sha256: digest.hex() };
  };
  return {
    kind: 'local',
    location: pathOf,
    async put(source: PutSource, key: string): Promise<StoredObject> {
      const path = pathOf(key);
      // The dump was written in place: hashing it is all there is to do.
      if (typeof source === 'string' && resolve(source) === path) return read(key);
      await mkdir(dirname(path), { recursive: true });
      const digest = new Digest();
      const tmp = `${path}.part-${process.pid}`;
      const input = typeof source === 'string' ? createReadStream(source) : source;
      await pipeline(Readable.from(hashed(input, digest)), createWriteStream(tmp));
      await rename(tmp, path);
      return { key, location: path, size: digest.size, sha256: digest.hex() };
    },
    get: (key, localPath) => read(key, localPath),
    digest: (key) => read(key),
    async stat(key) {
      try {
        return { size: (await stat(pathOf(key))).size };
      } catch {
        return undefined;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async list(prefix) {
      const dir = pathOf(prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '');
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return [];
      }
      return names
        .map((n) => relative(resolve(root), join(dir, n)).split(sep).join('/'))
        .filter((k) => k.startsWith(prefix));
    },
    async probe() {
      await mkdir(root, { recursive: true });
    },
  };
}
