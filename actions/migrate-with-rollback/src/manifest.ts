import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ChecksumKind, TableChecksums } from './table-checksums.js';

/**
 * What a backup is, written next to it (<backup-id>.manifest.json) and copied into the GitHub
 * deployment's payload: the file survives where the backup lives, the payload lets any runner
 * find the backup of a release (tag -> sha -> deployment -> backup id) without that disk.
 */
export interface BackupManifest {
  version: 1;
  backupId: string;
  environment: string;
  /** The app whose database this is (issue #20); absent for a repository deployed as one app. */
  app?: string;
  preset: string;
  /** The merge commit being deployed when the backup was taken. */
  sha: string;
  createdAt: string;
  location: string;
  sizeBytes: number;
  sha256: string;
  format: string;
  /** d1: the Time Travel bookmark taken with the export. */
  bookmark?: string;
  tableChecksums?: TableChecksums;
  /** Table checksums summarised (count + sha256 of the map) when the map is too long to record. */
  tableDigest?: TableDigest;
  /** Where the verified backup is kept: the stored bytes (age ciphertext when encrypted). */
  stored?: StoredBackup;
  runUrl?: string;
  verification: string[];
}

export interface TableDigest {
  count: number;
  sha256: string;
  /** How the summarised checksums were computed; absent: md5, what earlier versions used. */
  kind?: ChecksumKind;
}

export interface StoredBackup {
  store: 'local' | 's3';
  key: string;
  location: string;
  sizeBytes: number;
  sha256: string;
  /** age recipients' fingerprints (sha256 of the public key, 16 hex) the stored bytes are encrypted to. */
  encryption?: { scheme: 'age'; recipients: string[] };
}

export async function writeManifest(path: string, manifest: BackupManifest): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, path);
}

export async function readManifest(path: string): Promise<BackupManifest | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as BackupManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${path} is not a readable manifest: ${(error as Error).message}`);
  }
}

/** The newest manifest in a backup dir whose sha matches (a release's commit). */
export async function findManifestBySha(
  dir: string,
  sha: string,
  environment: string,
  app?: string,
): Promise<BackupManifest | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const found: BackupManifest[] = [];
  for (const n of names.filter((x) => x.endsWith('.manifest.json'))) {
    const m = await readManifest(join(dir, n)).catch(() => undefined);
    if (
      m &&
      m.environment === environment &&
      m.app === app &&
      (m.sha === sha || m.sha.startsWith(sha))
    )
      found.push(m);
  }
  return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}
