import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backupPayload,
  digestTables,
  manifestFromPayload,
} from '../../../actions/migrate-with-rollback/src/backup-record.js';
import { checksumKindOf } from '../../../actions/migrate-with-rollback/src/table-checksums.js';
import type { BackupManifest } from '../../../actions/migrate-with-rollback/src/manifest.js';
import {
  backupIdOfKey,
  planRetention,
} from '../../../actions/migrate-with-rollback/src/retention.js';
import { localStore } from '../../../actions/migrate-with-rollback/src/backup-store/local.js';

const manifest = (tables: number): BackupManifest => ({
  version: 1,
  backupId: 'production-20261130T101500Z-abcdef1',
  environment: 'production',
  preset: 'postgres',
  sha: 'abcdef1234567890abcdef1234567890abcdef12',
  createdAt: '2026-11-30T10:15:00.000Z',
  location: 's3://b/promote/production/production-20261130T101500Z-abcdef1.dump.age',
  sizeBytes: 216_000_000,
  sha256: 'a'.repeat(64),
  format: 'pg-custom',
  tableChecksums: Object.fromEntries(
    Array.from({ length: tables }, (_, i) => [
      `public.table_${i}`,
      `${i * 1000}:${10n ** 17n + BigInt(i)}`,
    ]),
  ),
  stored: {
    store: 's3',
    key: 'promote/production/production-20261130T101500Z-abcdef1.dump.age',
    location: 's3://b/promote/production/production-20261130T101500Z-abcdef1.dump.age',
    sizeBytes: 216_050_000,
    sha256: 'b'.repeat(64),
    encryption: { scheme: 'age', recipients: ['0123456789abcdef'] },
  },
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
  verification: ['size', 'sha256'],
});

test('the deployment payload names the backup and its sums, and reads back as the same backup', () => {
  const m = manifest(3);
  const payload = backupPayload(m);
  expect(payload).toMatchObject({ backupId: m.backupId, backupLocation: m.stored!.location });
  const back = manifestFromPayload(JSON.parse(JSON.stringify(payload)))!;
  expect(back).toMatchObject({
    backupId: m.backupId,
    sha256: m.sha256,
    sizeBytes: m.sizeBytes,
    tableChecksums: m.tableChecksums,
    stored: m.stored,
  });
});

test('a database with 2,000 tables is recorded as a digest: the payload stays small', () => {
  const m = manifest(2000);
  expect(JSON.stringify(m.tableChecksums).length).toBeGreaterThan(50_000);
  const payload = backupPayload(m);
  expect(JSON.stringify(payload).length).toBeLessThan(2_000);
  const back = manifestFromPayload(payload)!;
  expect(back.tableChecksums).toBeUndefined();
  expect(back.tableDigest).toEqual(digestTables(m.tableChecksums!));
  expect(back.tableDigest!.count).toBe(2000);
});

test('the digest ignores key order and sees one changed table', () => {
  const a = { 'public.a': '1:2', 'public.b': '3:4' };
  expect(digestTables(a)).toEqual(digestTables({ 'public.b': '3:4', 'public.a': '1:2' }));
  expect(digestTables(a).sha256).not.toBe(digestTables({ ...a, 'public.b': '3:5' }).sha256);
});

test("a digest says how its checksums were computed; an earlier version's digest (no kind) is md5", () => {
  const h64 = { 'public.a': '1:h64:-42', 'public.b': '3:h64:7' };
  expect(digestTables(h64).kind).toBe('h64');
  expect(checksumKindOf({ digest: digestTables(h64) })).toBe('h64');
  expect(checksumKindOf({ tables: h64 })).toBe('h64');
  const md5 = { 'public.a': '1:2', 'public.b': '3:4' };
  expect(digestTables(md5).kind).toBeUndefined();
  expect(checksumKindOf({ digest: { count: 2, sha256: digestTables(md5).sha256 } })).toBe('md5');
  expect(checksumKindOf({ tables: md5 })).toBe('md5');
});

test('a payload of an older version (no full record) is not taken for one', () => {
  expect(manifestFromPayload({ backupId: 'x', backupLocation: '/tmp/x' })).toBeUndefined();
  expect(manifestFromPayload('not json')).toBeUndefined();
});

test('retention keeps the newest N and every protected backup', () => {
  const ids = [1, 2, 3, 4, 5].map((d) => `production-2026110${d}T000000Z-aaaaaaa`);
  expect(planRetention(ids, 2, new Set())).toEqual([ids[2], ids[1], ids[0]]);
  expect(planRetention(ids, 2, new Set([ids[1]!]))).toEqual([ids[2], ids[0]]);
  expect(planRetention(ids, 10, new Set())).toEqual([]);
});

test('the backup this run took counts as the newest even when an older one sorts after it (same second)', () => {
  const older = 'production-20261101T101530Z-fffffff';
  const current = 'production-20261101T101530Z-0000000';
  expect(planRetention([older, current], 1, new Set([current]), current)).toEqual([older]);
});

test("keys of another environment whose name starts the same are not this environment's", () => {
  expect(
    backupIdOfKey('p/production/production-20261101T000000Z-abc1234.dump.age', 'production'),
  ).toBe('production-20261101T000000Z-abc1234');
  expect(backupIdOfKey('production-20261101T000000Z-abc1234.manifest.json', 'production')).toBe(
    'production-20261101T000000Z-abc1234',
  );
  expect(
    backupIdOfKey('production-eu-20261101T000000Z-abc1234.dump', 'production'),
  ).toBeUndefined();
  expect(backupIdOfKey('.work-production-20261101T000000Z-abc1234', 'production')).toBeUndefined();
});

test('the local store hashes what it keeps; a backup written in place is not copied', async () => {
  const root = mkdtempSync(join(tmpdir(), 'promote-local-store-'));
  const store = localStore(root);
  writeFileSync(join(root, 'in-place.dump'), 'dump bytes');
  const inPlace = await store.put(join(root, 'in-place.dump'), 'in-place.dump');
  expect(inPlace).toMatchObject({ size: 10, location: join(root, 'in-place.dump') });
  const other = join(mkdtempSync(join(tmpdir(), 'promote-src-')), 'x');
  writeFileSync(other, 'other bytes');
  const copied = await store.put(other, 'sub/x');
  expect(readFileSync(join(root, 'sub/x'), 'utf8')).toBe('other bytes');
  expect((await store.digest('sub/x')).sha256).toBe(copied.sha256);
  expect((await store.list('')).sort()).toEqual(['in-place.dump', 'sub']);
  await store.delete('sub/x');
  await store.delete('sub/x');
  expect(await store.stat('sub/x')).toBeUndefined();
  expect(() => store.location('../escape')).toThrow(/leaves/);
});
