import { mkdir } from 'node:fs/promises';
import type { Clock } from '@promote/core/clock';
import type { Logger } from '@promote/core/logger';
import type { BackupStore } from './backup-store/index.js';
import { describeStoreError, uploadBackup, type StoredUpload } from './backup-transfer.js';
import type { SecretMask } from './connection-env.js';
import { writeManifest, type BackupManifest, type StoredBackup } from './manifest.js';
import type { MigratePlan } from './plan.js';
import type { RunCommand } from './run-command.js';
import { runStep, type StepContext, type StepOutcome } from './step-runner.js';
import {
  checksumsFor,
  snapshotChecksumsFor,
  type SnapshotChecksums,
  type TableChecksums,
} from './table-checksums.js';
import { verifyBackup, type BackupVerification } from './verify-backup.js';
import { streamVerifier } from './verify-backup-stream.js';

/** What taking and verifying the backup needs of the orchestrator's collaborators. */
export interface BackupDeps {
  run: RunCommand;
  logger: Logger;
  secrets: SecretMask;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  runUrl?: string;
  /** The configured backup store; absent or local: the backup stays where the command wrote it. */
  store?: BackupStore;
}

export interface BackupResult {
  /** The backup step, then the verify step when the backup ran. */
  steps: StepOutcome[];
  /** Set when the backup is verified (and stored): the migration may go ahead. */
  manifest?: BackupManifest;
  failure?: string;
}

/** The verify step's findings: the file's checks, where it is kept, its tables. */
interface Verified {
  verifyStep: StepOutcome;
  verification: BackupVerification;
  stored: StoredBackup;
  tableChecksums: TableChecksums | undefined;
}

type Settled<T> = { value: T; error: undefined } | { value: undefined; error: Error };

/** A promise that never rejects, so it can run alongside another and be read after it. */
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ value, error: undefined }),
    (error: Error) => ({ value: undefined, error }),
  );

/** Backup, then verify it; no verified backup, no migration. */
export async function backupAndVerify(
  plan: MigratePlan,
  deps: BackupDeps,
  ctx: StepContext,
): Promise<BackupResult> {
  await mkdir(plan.backupDir, { recursive: true });
  const started = deps.clock.now();
  const taken = await takeBackup(plan, deps, ctx);
  const { backup } = taken;
  if (!backup.ok) {
    taken.abort();
    await Promise.all([taken.streamed, taken.checksums]);
    return { steps: [backup], failure: backup.error };
  }
  const remote = plan.store.kind !== 'local' ? deps.store : undefined;
  const verified = await verifyAndStore(plan, deps, ctx, remote, taken);
  const { verifyStep, verification, stored } = verified;
  const steps = [backup, verifyStep];
  if (!verifyStep.ok) return { steps, failure: verifyStep.error };
  const manifest = manifestOf(plan, deps, started, ctx.runtime.bookmark, verified);
  await writeManifest(plan.manifestPath, manifest);
  if (remote) {
    const failure = await storeManifest(plan, deps, remote, manifest);
    if (failure) {
      verifyStep.ok = false;
      verifyStep.error = failure;
      return { steps, failure };
    }
  }
  deps.logger.info(
    `Backup ${plan.backupId} verified: ${verification.sizeBytes} bytes, sha256 ${verification.sha256}, at ${stored.location}`,
  );
  return { steps, manifest };
}

/** The backup step, and what was verified while it ran. */
interface TakenBackup {
  backup: StepOutcome;
  /** The archive's verification, done on pg_dump's stream as it was written. */
  streamed?: Promise<BackupVerification>;
  /** The table checksums, read in the snapshot pg_dump dumped, while it dumped. */
  checksums?: Promise<Settled<TableChecksums | undefined>>;
  /** Stops what still runs beside a backup that failed. */
  abort(): void;
}

const verifyTimeout = (plan: MigratePlan) => plan.steps.verify?.timeoutMs ?? 10 * 60_000;

/**
 * The backup step. When the preset's backup writes a pg custom-format archive to stdout (the
 * postgres preset), the bytes go to the file, a sha256 and `pg_restore` at once (verify-backup-
 * stream.ts), and the table checksums are read in the snapshot pg_dump dumps, beside it. A user's
 * own backup command writes the file itself and is verified after it (verifyBackup).
 */
async function takeBackup(
  plan: MigratePlan,
  deps: BackupDeps,
  ctx: StepContext,
): Promise<TakenBackup> {
  const step = plan.steps.backup!;
  const streams = step.commands.some((c) => c.stdoutTo === plan.backupPath);
  const verifier =
    streams && plan.backupFormat === 'pg-custom'
      ? streamVerifier({
          minBytes: plan.minBackupBytes,
          run: deps.run,
          env: deps.env,
          timeoutMs: step.timeoutMs + verifyTimeout(plan),
        })
      : undefined;
  const session = step.commands.some((c) => c.takesSnapshot)
    ? snapshotChecksumsFor(plan, deps, step.timeoutMs + verifyTimeout(plan))
    : undefined;
  const snapshot = session ? await exportedSnapshot(session, deps) : undefined;
  let backup: StepOutcome;
  try {
    backup = await deps.logger.group('backup', () =>
      runStep(step, { ...ctx, snapshot, openOutput: verifier?.open }),
    );
  } finally {
    session?.release();
  }
  return {
    backup,
    streamed: verifier?.result(),
    checksums: snapshot ? settle(session!.checksums) : undefined,
    abort: () => session?.abort(),
  };
}

/**
 * The exported snapshot's id; undefined when none could be exported (the dump then runs without
 * it and the checksums are read after it, as for a user's backup command).
 */
async function exportedSnapshot(
  session: SnapshotChecksums,
  deps: BackupDeps,
): Promise<string | undefined> {
  try {
    return await session.snapshot;
  } catch (error) {
    session.release();
    await session.checksums.catch(() => {});
    deps.logger.info(
      `table checksums will be read after the dump: ${deps.secrets.mask((error as Error).message)}`,
    );
    return undefined;
  }
}

/**
 * The verify step. While the file is verified, table checksums are read and a remote store
 * receives the backup (one more read of the file at the same time, instead of after); the
 * upload's sha256 must agree with the verifier's.
 */
async function verifyAndStore(
  plan: MigratePlan,
  deps: BackupDeps,
  ctx: StepContext,
  remote: BackupStore | undefined,
  taken: TakenBackup,
): Promise<Verified> {
  const t0 = Date.now();
  const uploading = remote ? settle(uploadBackup(remote, plan.store, plan.backupPath)) : undefined;
  // Table checksums (live database or backup file, read-only) while the backup is verified,
  // unless they were read in the dump's snapshot while it ran.
  const checksumming =
    taken.checksums ?? settle(checksumsFor(plan, deps, 'backup', verifyTimeout(plan)));
  const { verification, verifyStep } = await verifyBackupFile(plan, deps, ctx, taken.streamed);
  const tableChecksums = recordChecksums(verifyStep, await checksumming);
  let stored: StoredBackup = {
    store: 'local',
    key: plan.store.key,
    location: plan.backupPath,
    sizeBytes: verification.sizeBytes,
    sha256: verification.sha256,
  };
  if (uploading)
    stored =
      (await checkUpload(plan, deps, remote!, verification, verifyStep, await uploading)) ?? stored;
  verifyStep.durationMs = Date.now() - t0;
  return { verifyStep, verification, stored, tableChecksums };
}

/**
 * The built-in checks of the file (format, size, trailer; done on the stream when the backup
 * streamed), then the user's verify command.
 */
async function verifyBackupFile(
  plan: MigratePlan,
  deps: BackupDeps,
  ctx: StepContext,
  streamed: Promise<BackupVerification> | undefined,
): Promise<{ verification: BackupVerification; verifyStep: StepOutcome }> {
  const verification = await (streamed ??
    verifyBackup({
      path: plan.backupPath,
      format: plan.backupFormat,
      minBytes: plan.minBackupBytes,
      trailer: plan.trailer,
      run: deps.run,
      env: deps.env,
      timeoutMs: verifyTimeout(plan),
    }));
  const verifyStep: StepOutcome = {
    name: 'verify',
    ok: verification.ok,
    durationMs: 0,
    commands: verification.checks.map((c) => ({ argv: c, exitCode: 0, durationMs: 0 })),
    error: verification.reason ? `backup rejected: ${verification.reason}` : undefined,
  };
  if (verification.ok && plan.steps.verify) {
    const user = await runStep(plan.steps.verify, ctx);
    verifyStep.commands.push(...user.commands);
    if (!user.ok) {
      verifyStep.ok = false;
      verifyStep.error = `backup rejected by the verify command: ${user.error}`;
      verifyStep.tail = user.tail;
    }
  }
  return { verification, verifyStep };
}

/** The table checksums of a verified backup; failing to read them fails the verification. */
function recordChecksums(
  verifyStep: StepOutcome,
  checksums: Settled<TableChecksums | undefined>,
): TableChecksums | undefined {
  if (!verifyStep.ok) return undefined;
  if (checksums.error) {
    verifyStep.ok = false;
    verifyStep.error = `could not record table checksums: ${checksums.error.message}`;
    return undefined;
  }
  const tableChecksums = checksums.value;
  if (tableChecksums) {
    verifyStep.commands.push({
      argv: `table checksums recorded (${Object.keys(tableChecksums).length} tables)`,
      exitCode: 0,
      durationMs: 0,
    });
  }
  return tableChecksums;
}

/**
 * Where the remote store holds the verified backup; undefined (and the upload deleted) when the
 * upload failed, or differs from what was verified, or the backup is not verified.
 */
async function checkUpload(
  plan: MigratePlan,
  deps: BackupDeps,
  remote: BackupStore,
  verification: BackupVerification,
  verifyStep: StepOutcome,
  upload: Settled<StoredUpload>,
): Promise<StoredBackup | undefined> {
  let stored: StoredBackup | undefined;
  if (verifyStep.ok && upload.error) {
    verifyStep.ok = false;
    verifyStep.error = `backup not stored: ${deps.secrets.mask(upload.error.message)}`;
  } else if (verifyStep.ok && upload.value!.plain.sha256 !== verification.sha256) {
    verifyStep.ok = false;
    verifyStep.error = `the backup file changed while it was uploaded: verified sha256 ${verification.sha256}, uploaded ${upload.value!.plain.sha256}`;
  } else if (verifyStep.ok) {
    stored = upload.value!.stored;
    verifyStep.commands.push({
      argv: `stored at ${stored.location}: ${stored.sizeBytes} bytes${stored.encryption ? ' (age-encrypted)' : ''}, sha256 ${stored.sha256}; read back and equal`,
      exitCode: 0,
      durationMs: 0,
    });
  }
  // A backup that is not verified is not kept where a rollback could find it.
  if (!verifyStep.ok && upload.value) await remote.delete(plan.store.key).catch(() => {});
  return stored;
}

/** The record of the verified backup (what a rollback on any runner restores from). Pure. */
function manifestOf(
  plan: MigratePlan,
  deps: Pick<BackupDeps, 'runUrl'>,
  started: Date,
  bookmark: string | undefined,
  verified: Verified,
): BackupManifest {
  const { verification, stored } = verified;
  return {
    version: 1,
    backupId: plan.backupId,
    environment: plan.environment,
    ...(plan.app ? { app: plan.app } : {}),
    preset: plan.preset,
    sha: plan.sha,
    createdAt: started.toISOString(),
    location: stored.location,
    sizeBytes: verification.sizeBytes,
    sha256: verification.sha256,
    format: plan.backupFormat,
    bookmark,
    tableChecksums: verified.tableChecksums,
    stored,
    runUrl: deps.runUrl,
    verification: verification.checks,
  };
}

/**
 * The manifest beside the remote backup: what a rollback reads when GitHub's record of this
 * backup is missing. A failure deletes the backup too, and says why.
 */
async function storeManifest(
  plan: MigratePlan,
  deps: BackupDeps,
  remote: BackupStore,
  manifest: BackupManifest,
): Promise<string | undefined> {
  try {
    await remote.put(
      [new Uint8Array(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`))],
      plan.store.manifestKey,
    );
    return undefined;
  } catch (error) {
    await remote.delete(plan.store.key).catch(() => {});
    return `backup not stored: writing its manifest to ${remote.location(plan.store.manifestKey)} failed: ${deps.secrets.mask(describeStoreError(error))}`;
  }
}
