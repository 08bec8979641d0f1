import type { Clock } from '@promote/core/clock';
import type { Logger } from '@promote/core/logger';
import type { MigrateStepName } from '@promote/core/config/sections/migrate';
import { mkdir, rm } from 'node:fs/promises';
import type { MigratePlan } from './plan.js';
import type { RunCommand } from './run-command.js';
import { runStep, type StepContext, type StepOutcome } from './step-runner.js';
import type { SecretMask } from './connection-env.js';
import { verifyBackup } from './verify-backup.js';
import { writeManifest, type BackupManifest, type StoredBackup } from './manifest.js';
import type { BackupStore } from './backup-store/index.js';
import { describeStoreError, uploadBackup, type StoredUpload } from './backup-transfer.js';
import { digestTables } from './backup-record.js';
import {
  diffChecksums,
  postgresTableChecksums,
  sqliteTableChecksums,
  type TableChecksums,
} from './table-checksums.js';

/** migrated | rolled-back | rollback-failed, or not-migrated when it stopped before touching production. */
export type ProductionState = 'migrated' | 'rolled-back' | 'rollback-failed' | 'not-migrated';

export interface RunReport {
  state: ProductionState;
  steps: StepOutcome[];
  manifest?: BackupManifest;
  /** The first failure (what went wrong). */
  failure?: string;
  /** Why the rollback did not complete (rollback-failed). */
  rollbackFailure?: string;
  cancelled: boolean;
  /** What a human does next, in order. */
  next: string[];
}

/** Side effects the caller adds around the dangerous part (lock flag, deployment status). */
export interface OrchestrateHooks {
  /** After the backup is verified, before anything changes production. */
  backupVerified?(manifest: BackupManifest): Promise<void>;
  /** Before a restore starts: flag the lock needs-recovery so a kill mid-restore is never silent. */
  restoreStarting?(reason: string): Promise<void>;
}

export interface OrchestrateDeps {
  run: RunCommand;
  logger: Logger;
  secrets: SecretMask;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Aborted on SIGINT/SIGTERM: the running command is stopped and a restore begins. */
  signal: AbortSignal;
  runUrl?: string;
  hooks?: OrchestrateHooks;
  /** The configured backup store; absent or local: the backup stays where the command wrote it. */
  store?: BackupStore;
}

/** What a restore is compared with: the backup's table checksums, or their digest. */
export interface ExpectedTables {
  tables?: TableChecksums;
  digest?: { count: number; sha256: string };
}

function ctxFor(
  plan: MigratePlan,
  deps: OrchestrateDeps,
  runtime: StepContext['runtime'],
  signal?: AbortSignal,
  applied?: Set<string>,
): StepContext {
  return {
    run: deps.run,
    logger: deps.logger,
    secrets: deps.secrets,
    env: deps.env,
    databaseUrlEnv: plan.databaseUrlEnv,
    signal,
    runtime,
    applied,
  };
}

const skippedStep = (name: MigrateStepName): StepOutcome => ({
  name,
  ok: true,
  durationMs: 0,
  commands: [],
});

async function checksumsOf(
  plan: MigratePlan,
  deps: OrchestrateDeps,
  target: 'live' | 'backup',
  timeoutMs: number,
): Promise<TableChecksums | undefined> {
  if (plan.restoreCheck === 'pg-table-checksums') {
    const url = plan.databaseUrlEnv ? deps.env[plan.databaseUrlEnv] : undefined;
    if (!url) return undefined;
    return postgresTableChecksums(deps.run, deps.env, url, plan.databaseUrlEnv!, timeoutMs);
  }
  if (plan.restoreCheck === 'sqlite-table-checksums' && plan.sqlitePath) {
    return sqliteTableChecksums(
      deps.run,
      deps.env,
      target === 'backup' ? plan.backupPath : plan.sqlitePath,
      timeoutMs,
    );
  }
  return undefined;
}

/** Backup, then verify it; no verified backup, no migration. */
async function backupAndVerify(
  plan: MigratePlan,
  deps: OrchestrateDeps,
  report: RunReport,
  runtime: StepContext['runtime'],
): Promise<boolean> {
  await mkdir(plan.backupDir, { recursive: true });
  const started = deps.clock.now();
  const backup = await deps.logger.group('backup', () =>
    runStep(plan.steps.backup!, ctxFor(plan, deps, runtime, deps.signal)),
  );
  report.steps.push(backup);
  if (!backup.ok) {
    report.failure = backup.error;
    return false;
  }
  const t0 = Date.now();
  // A remote store: encrypt and upload while the backup is verified (one more read of the
  // file, at the same time, instead of after); its sha256 must agree with the verifier's.
  const remote = plan.store.kind !== 'local' ? deps.store : undefined;
  const uploading = remote
    ? uploadBackup(remote, plan.store, plan.backupPath).then(
        (value) => ({ value, error: undefined as Error | undefined }),
        (error: Error) => ({ value: undefined as StoredUpload | undefined, error }),
      )
    : undefined;
  // Table checksums (live database or backup file, read-only) while the backup is verified.
  const checksumming = checksumsOf(
    plan,
    deps,
    'backup',
    plan.steps.verify?.timeoutMs ?? 10 * 60_000,
  ).then(
    (value) => ({ value, error: undefined as Error | undefined }),
    (error: Error) => ({ value: undefined, error }),
  );
  const verification = await verifyBackup({
    path: plan.backupPath,
    format: plan.backupFormat,
    minBytes: plan.minBackupBytes,
    trailer: plan.trailer,
    run: deps.run,
    env: deps.env,
    timeoutMs: plan.steps.verify?.timeoutMs ?? 10 * 60_000,
  });
  const verifyStep: StepOutcome = {
    name: 'verify',
    ok: verification.ok,
    durationMs: 0,
    commands: verification.checks.map((c) => ({ argv: c, exitCode: 0, durationMs: 0 })),
    error: verification.reason ? `backup rejected: ${verification.reason}` : undefined,
  };
  if (verification.ok && plan.steps.verify) {
    const user = await runStep(plan.steps.verify, ctxFor(plan, deps, runtime, deps.signal));
    verifyStep.commands.push(...user.commands);
    if (!user.ok) {
      verifyStep.ok = false;
      verifyStep.error = `backup rejected by the verify command: ${user.error}`;
      verifyStep.tail = user.tail;
    }
  }
  let tableChecksums: TableChecksums | undefined;
  const checksums = await checksumming;
  if (verifyStep.ok) {
    if (checksums.error) {
      verifyStep.ok = false;
      verifyStep.error = `could not record table checksums: ${checksums.error.message}`;
    } else if ((tableChecksums = checksums.value)) {
      verifyStep.commands.push({
        argv: `table checksums recorded (${Object.keys(tableChecksums).length} tables)`,
        exitCode: 0,
        durationMs: 0,
      });
    }
  }
  let stored: StoredBackup = {
    store: 'local',
    key: plan.store.key,
    location: plan.backupPath,
    sizeBytes: verification.sizeBytes,
    sha256: verification.sha256,
  };
  if (uploading) {
    const upload = await uploading;
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
    if (!verifyStep.ok && upload.value) await remote!.delete(plan.store.key).catch(() => {});
  }
  verifyStep.durationMs = Date.now() - t0;
  report.steps.push(verifyStep);
  if (!verifyStep.ok) {
    report.failure = verifyStep.error;
    return false;
  }
  report.manifest = {
    version: 1,
    backupId: plan.backupId,
    environment: plan.environment,
    preset: plan.preset,
    sha: plan.sha,
    createdAt: started.toISOString(),
    location: stored.location,
    sizeBytes: verification.sizeBytes,
    sha256: verification.sha256,
    format: plan.backupFormat,
    bookmark: runtime.bookmark,
    tableChecksums,
    stored,
    runUrl: deps.runUrl,
    verification: verification.checks,
  };
  await writeManifest(plan.manifestPath, report.manifest);
  if (remote) {
    // Beside the backup: what a rollback reads when GitHub's record of this backup is missing.
    try {
      await remote.put(
        [new Uint8Array(Buffer.from(`${JSON.stringify(report.manifest, null, 2)}\n`))],
        plan.store.manifestKey,
      );
    } catch (error) {
      await remote.delete(plan.store.key).catch(() => {});
      report.manifest = undefined;
      report.failure = `backup not stored: writing its manifest to ${remote.location(plan.store.manifestKey)} failed: ${deps.secrets.mask(describeStoreError(error))}`;
      verifyStep.ok = false;
      verifyStep.error = report.failure;
      return false;
    }
  }
  deps.logger.info(
    `Backup ${plan.backupId} verified: ${verification.sizeBytes} bytes, sha256 ${verification.sha256}, at ${stored.location}`,
  );
  return true;
}

/** restore (own timeout, not cancellable: it is the way back) -> restart -> verify the restore. */
export async function restoreAndVerify(
  plan: MigratePlan,
  deps: OrchestrateDeps,
  report: RunReport,
  runtime: StepContext['runtime'],
  expected: ExpectedTables | undefined,
): Promise<boolean> {
  const ctx = ctxFor(plan, deps, runtime, undefined);
  await mkdir(plan.workDir, { recursive: true });
  try {
    const restore = await deps.logger.group('restore', () => runStep(plan.steps.restore!, ctx));
    report.steps.push(restore);
    if (!restore.ok) {
      report.rollbackFailure = restore.error;
      return false;
    }
  } finally {
    await rm(plan.workDir, { recursive: true, force: true });
  }
  if (plan.steps.restart) {
    const restart = await runStep(plan.steps.restart, ctx);
    report.steps.push({ ...restart, name: 'restart' });
    if (!restart.ok) {
      report.rollbackFailure = `restored, but the restart after it failed: ${restart.error}`;
      return false;
    }
  }
  const t0 = Date.now();
  const verify: StepOutcome = { name: 'verify-restore', ok: true, durationMs: 0, commands: [] };
  if (plan.steps['verify-restore']) {
    const user = await runStep(plan.steps['verify-restore'], ctx);
    verify.commands.push(...user.commands);
    if (!user.ok) {
      verify.ok = false;
      verify.error = user.error;
      verify.tail = user.tail;
    }
  }
  if (verify.ok && (expected?.tables || expected?.digest)) {
    try {
      const actual = await checksumsOf(
        plan,
        deps,
        'live',
        plan.steps.restore?.timeoutMs ?? 10 * 60_000,
      );
      const diffs = expected.tables
        ? diffChecksums(expected.tables, actual ?? {})
        : digestTables(actual ?? {}).sha256 === expected.digest!.sha256
          ? []
          : [
              `the digest of ${Object.keys(actual ?? {}).length} restored tables differs from the backup's (${expected.digest!.count} tables; the list was summarised)`,
            ];
      const count = expected.tables ? Object.keys(expected.tables).length : expected.digest!.count;
      if (diffs.length > 0) {
        verify.ok = false;
        verify.error = `restored tables differ from the backup: ${diffs.slice(0, 5).join('; ')}`;
      } else {
        verify.commands.push({
          argv: `table checksums equal to the backup's (${count} tables)`,
          exitCode: 0,
          durationMs: 0,
        });
      }
    } catch (error) {
      verify.ok = false;
      verify.error = `could not checksum the restored tables: ${(error as Error).message}`;
    }
  }
  verify.durationMs = Date.now() - t0;
  report.steps.push(verify);
  if (!verify.ok) {
    report.rollbackFailure = verify.error;
    return false;
  }
  return true;
}

/**
 * lock (caller) -> backup -> verify -> migrate -> restart -> post-check -> unlock (caller).
 * A failure (or cancellation) of migrate, restart or post-check restores the verified backup.
 */
export async function orchestrateMigration(
  plan: MigratePlan,
  deps: OrchestrateDeps,
): Promise<RunReport> {
  const report: RunReport = { state: 'not-migrated', steps: [], cancelled: false, next: [] };
  const runtime: StepContext['runtime'] = {};
  let applied: Set<string> | undefined;
  if (plan.steps.list) {
    const list = await runStep(plan.steps.list, ctxFor(plan, deps, runtime, deps.signal));
    report.steps.push(list);
    if (!list.ok) {
      report.failure = list.error;
      report.next.push(
        'Production was not changed. Fix the database connection or the list command, then re-run.',
      );
      return report;
    }
    applied = new Set(
      (list.stdout ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  }
  if (!(await backupAndVerify(plan, deps, report, runtime))) {
    report.cancelled = deps.signal.aborted;
    report.next.push(
      'Production was not changed: no verified backup, no migration. Fix the backup (see above), then re-run.',
    );
    return report;
  }
  await deps.hooks?.backupVerified?.(report.manifest!);

  let failed: StepOutcome | undefined;
  for (const name of ['migrate', 'restart', 'post-check'] as const) {
    const step = plan.steps[name];
    if (!step) {
      if (name === 'migrate') report.steps.push(skippedStep(name));
      continue;
    }
    if (deps.signal.aborted) {
      failed = {
        name,
        ok: false,
        durationMs: 0,
        commands: [],
        error: `cancelled before ${name}`,
        aborted: true,
      };
      report.steps.push(failed);
      break;
    }
    const outcome = await deps.logger.group(name, () =>
      runStep(step, ctxFor(plan, deps, runtime, deps.signal, applied)),
    );
    report.steps.push(outcome);
    if (!outcome.ok) {
      failed = outcome;
      break;
    }
  }
  if (!failed) {
    report.state = 'migrated';
    return report;
  }
  report.cancelled = deps.signal.aborted || Boolean(failed.aborted);
  report.failure = failed.error;
  const reason = report.cancelled ? 'the job was cancelled mid-migration' : `${failed.name} failed`;
  deps.logger.error(`${failed.error}; restoring backup ${plan.backupId} (${reason}).`);
  await deps.hooks?.restoreStarting?.(reason);
  const ok = await restoreAndVerify(plan, deps, report, runtime, {
    tables: report.manifest?.tableChecksums,
  });
  report.state = ok ? 'rolled-back' : 'rollback-failed';
  if (ok) {
    report.next.push(
      `Production is back at backup ${plan.backupId} (taken ${report.manifest?.createdAt}); writes made after it were discarded.`,
      'Fix the migration in a new promotion; the next run starts clean (the lock is released).',
    );
  } else {
    report.next.push(
      `Production may be half-migrated. The lock ${plan.lock.ref} stays flagged needs-recovery so no other deploy runs.`,
      `Recover with: ${plan.rollbackCommand}`,
      `The verified backup is ${report.manifest?.location ?? plan.backupPath} (sha256 ${report.manifest?.sha256}).`,
    );
  }
  return report;
}
