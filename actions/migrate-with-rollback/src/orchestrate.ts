import type { MigrateStepName } from '@promote/core/config/sections/migrate';
import { mkdir, rm } from 'node:fs/promises';
import type { MigratePlan } from './plan.js';
import { runStep, type StepContext, type StepOutcome } from './step-runner.js';
import type { BackupManifest, TableDigest } from './manifest.js';
import { backupAndVerify, type BackupDeps } from './backup-and-verify.js';
import { digestTables } from './backup-record.js';
import {
  checksumKindOf,
  checksumsFor,
  diffChecksums,
  parseRestoredChecksums,
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

export interface OrchestrateDeps extends BackupDeps {
  /** Aborted on SIGINT/SIGTERM: the running command is stopped and a restore begins. */
  signal: AbortSignal;
  hooks?: OrchestrateHooks;
}

/** What a restore is compared with: the backup's table checksums, or their digest. */
export interface ExpectedTables {
  tables?: TableChecksums;
  digest?: TableDigest;
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
  let restored: TableChecksums | undefined;
  try {
    const restore = await deps.logger.group('restore', () => runStep(plan.steps.restore!, ctx));
    report.steps.push(restore);
    if (!restore.ok) {
      report.rollbackFailure = restore.error;
      return false;
    }
    if (plan.steps.restore!.commands.some((c) => c.printsChecksums))
      restored = parseRestoredChecksums(restore.stdout ?? '');
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
  const verify = await verifyRestore(plan, deps, ctx, expected, restored);
  report.steps.push(verify);
  if (!verify.ok) {
    report.rollbackFailure = verify.error;
    return false;
  }
  return true;
}

/**
 * The user's verify-restore command, then the restored tables compared with the backup's: their
 * checksums as the restore's transaction read them before its COMMIT (`restored`), else read now.
 */
async function verifyRestore(
  plan: MigratePlan,
  deps: OrchestrateDeps,
  ctx: StepContext,
  expected: ExpectedTables | undefined,
  restored: TableChecksums | undefined,
): Promise<StepOutcome> {
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
  if (verify.ok && (expected?.tables || expected?.digest))
    await compareTables(plan, deps, expected, verify, restored);
  verify.durationMs = Date.now() - t0;
  return verify;
}

/** The live tables' checksums against the backup's (each table, or the digest of them all). */
async function compareTables(
  plan: MigratePlan,
  deps: OrchestrateDeps,
  expected: ExpectedTables,
  verify: StepOutcome,
  restored: TableChecksums | undefined,
): Promise<void> {
  try {
    const actual =
      restored ??
      (await checksumsFor(
        plan,
        deps,
        'live',
        plan.steps.restore?.timeoutMs ?? 10 * 60_000,
        checksumKindOf(expected),
      ));
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
  const backup = await backupAndVerify(plan, deps, ctxFor(plan, deps, runtime, deps.signal));
  report.steps.push(...backup.steps);
  if (!backup.manifest) {
    report.failure = backup.failure;
    report.cancelled = deps.signal.aborted;
    report.next.push(
      'Production was not changed: no verified backup, no migration. Fix the backup (see above), then re-run.',
    );
    return report;
  }
  report.manifest = backup.manifest;
  await deps.hooks?.backupVerified?.(report.manifest);
  const failed = await changeProduction(plan, deps, report, runtime, applied);
  if (!failed) {
    report.state = 'migrated';
    return report;
  }
  await restoreAfter(failed, plan, deps, report, runtime);
  return report;
}

/** migrate -> restart -> post-check, until one fails or the job is cancelled: that step. */
async function changeProduction(
  plan: MigratePlan,
  deps: OrchestrateDeps,
  report: RunReport,
  runtime: StepContext['runtime'],
  applied: Set<string> | undefined,
): Promise<StepOutcome | undefined> {
  for (const name of ['migrate', 'restart', 'post-check'] as const) {
    const step = plan.steps[name];
    if (!step) {
      if (name === 'migrate') report.steps.push(skippedStep(name));
      continue;
    }
    if (deps.signal.aborted) {
      const cancelled: StepOutcome = {
        name,
        ok: false,
        durationMs: 0,
        commands: [],
        error: `cancelled before ${name}`,
        aborted: true,
      };
      report.steps.push(cancelled);
      return cancelled;
    }
    const outcome = await deps.logger.group(name, () =>
      runStep(step, ctxFor(plan, deps, runtime, deps.signal, applied)),
    );
    report.steps.push(outcome);
    if (!outcome.ok) return outcome;
  }
  return undefined;
}

/** The `failed` step (or a cancellation) puts the verified backup back; the report says what next. */
async function restoreAfter(
  failed: StepOutcome,
  plan: MigratePlan,
  deps: OrchestrateDeps,
  report: RunReport,
  runtime: StepContext['runtime'],
): Promise<void> {
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
}
