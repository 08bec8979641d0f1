import { nodeCrypto } from '@promote/core/builtins';
import { payloadObject } from '@promote/core/deployment-payload';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { BackupManifest, TableDigest } from './manifest.js';
import { checksumKindOf, type TableChecksums } from './table-checksums.js';

/**
 * The backup as GitHub keeps it: the payload of the deploy:migrate deployment that took it, so a
 * rollback on a runner that never saw the backup finds where it is and what its bytes must hash
 * to. GitHub's REST reference gives no size for a deployment payload
 * (https://docs.github.com/en/rest/deployments/deployments#create-a-deployment; it documents 64 KB
 * for a repository_dispatch client_payload), so the record is kept compact: table checksums are
 * summarised above TABLES_INLINE_MAX characters.
 */
export const TABLES_INLINE_MAX = 8_000;

export interface BackupRecordPayload {
  v: 1;
  id: string;
  environment: string;
  /** The app (issue #20); absent for a repository deployed as one app. */
  app?: string;
  sha: string;
  createdAt: string;
  preset: string;
  format: string;
  store: 'local' | 's3';
  key: string;
  location: string;
  plain: { size: number; sha256: string };
  stored: { size: number; sha256: string };
  encryption?: { scheme: 'age'; recipients: string[] };
  bookmark?: string;
  tables?: TableChecksums;
  tableDigest?: TableDigest;
  runUrl?: string;
}

/** Order-independent digest of a checksum map (what is compared when only the digest is kept). */
export function digestTables(tables: TableChecksums): TableDigest {
  const canonical = Object.keys(tables)
    .sort()
    .map((t) => `${t}=${tables[t]}`)
    .join('\n');
  const kind = checksumKindOf({ tables });
  return {
    count: Object.keys(tables).length,
    sha256: nodeCrypto().createHash('sha256').update(canonical).digest('hex'),
    ...(kind === 'md5' ? {} : { kind }),
  };
}

/** The deploy:migrate payload for a verified, stored backup. */
export function backupPayload(m: BackupManifest): Record<string, unknown> {
  const stored = m.stored ?? {
    store: 'local' as const,
    key: m.location,
    location: m.location,
    sizeBytes: m.sizeBytes,
    sha256: m.sha256,
  };
  const tables = m.tableChecksums;
  const inline = tables && JSON.stringify(tables).length <= TABLES_INLINE_MAX;
  const record: BackupRecordPayload = {
    v: 1,
    id: m.backupId,
    environment: m.environment,
    ...(m.app ? { app: m.app } : {}),
    sha: m.sha,
    createdAt: m.createdAt,
    preset: m.preset,
    format: m.format,
    store: stored.store,
    key: stored.key,
    location: stored.location,
    plain: { size: m.sizeBytes, sha256: m.sha256 },
    stored: { size: stored.sizeBytes, sha256: stored.sha256 },
    ...(stored.encryption ? { encryption: stored.encryption } : {}),
    ...(m.bookmark ? { bookmark: m.bookmark } : {}),
    ...(inline ? { tables } : {}),
    ...(tables && !inline ? { tableDigest: digestTables(tables) } : {}),
    ...(m.tableDigest && !tables ? { tableDigest: m.tableDigest } : {}),
    ...(m.runUrl ? { runUrl: m.runUrl } : {}),
  };
  // backupId/backupLocation: the keys earlier versions recorded (older readers find them). `app`
  // is what deduplication, the seal and the report filter a monorepo's deployments by.
  return {
    ...(m.app ? { app: m.app } : {}),
    backupId: m.backupId,
    backupLocation: stored.location,
    preset: m.preset,
    backup: record,
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** A manifest from a deployment payload, or undefined when the payload names no full record. */
export function manifestFromPayload(payload: unknown): BackupManifest | undefined {
  const p = payloadObject(payload) as { backup?: Partial<BackupRecordPayload> } | undefined;
  const b = p?.backup;
  if (!b || b.v !== 1 || !isString(b.id) || !b.plain || !b.stored || !isString(b.location))
    return undefined;
  return {
    version: 1,
    backupId: b.id,
    environment: b.environment ?? '',
    ...(isString(b.app) && b.app !== '' ? { app: b.app } : {}),
    preset: b.preset ?? '',
    sha: b.sha ?? '',
    createdAt: b.createdAt ?? '',
    location: b.location,
    sizeBytes: b.plain.size,
    sha256: b.plain.sha256,
    format: b.format ?? 'opaque',
    bookmark: b.bookmark,
    tableChecksums: b.tables,
    tableDigest: b.tableDigest,
    stored: {
      store: b.store === 's3' ? 's3' : 'local',
      key: b.key ?? b.location,
      location: b.location,
      sizeBytes: b.stored.size,
      sha256: b.stored.sha256,
      encryption: b.encryption,
    },
    runUrl: b.runUrl,
    verification: ['recorded in the deploy:migrate deployment'],
  };
}

/**
 * The record of a backup, found from GitHub alone: the environment's deploy:migrate deployments
 * (newest first; narrowed to a commit when it is known) whose payload names the backup id.
 */
export async function findBackupRecord(options: {
  github: GitHubClient;
  repo: RepoRef;
  environment: string;
  backupId: string;
  sha?: string;
}): Promise<BackupManifest | undefined> {
  const { github, repo } = options;
  for (let page = 1; page <= 10; page++) {
    const { data } = await github.rest.repos.listDeployments({
      ...repo,
      environment: options.environment,
      task: 'deploy:migrate',
      ...(options.sha ? { sha: options.sha } : {}),
      per_page: 100,
      page,
    });
    for (const d of data) {
      const m = manifestFromPayload(d.payload);
      if (m?.backupId === options.backupId) return m;
    }
    if (data.length < 100) break;
  }
  return undefined;
}
