import { stagesOf } from '@promote/core/config/resolve';
import type { SmokeSealConfig } from './config.js';
import { ConfigurationError } from '@promote/core/errors';
import { untrusted } from '@promote/core/untrusted-text';
import { rollbackCommand } from '@promote/core/rollback-command';
import type { SmokeInputs } from './inputs.js';

/** What the rollback workflow needs to restore production, as far as this run knows it. */
export interface RollbackFacts {
  sha: string;
  /** The release tag (the rollback workflow's `release`: its recorded backup is restored). */
  tag?: string;
  /** The migrate step's verified backup (the rollback workflow's `backup-id`; wins over release). */
  backupId?: string;
  /** The app whose backup is restored (the rollback workflow's `app`, issue #20). */
  app?: string;
  /** The stage restored, when the chain is declared and it is not the last (`stage`). */
  stage?: string;
  reason: string;
}

/**
 * Inputs of the rollback dispatch: the backup id and the release when known (migrate-with-rollback
 * refuses a rollback with neither), the reason, and configured extras with {sha}/{tag}/{backup-id}
 * filled in.
 */
export function rollbackInputs(
  configured: Record<string, string>,
  facts: RollbackFacts,
): Record<string, string> {
  const fill = (v: string) =>
    v
      .split('{sha}')
      .join(facts.sha)
      .split('{tag}')
      .join(facts.tag ?? '')
      .split('{backup-id}')
      .join(facts.backupId ?? '');
  return {
    ...(facts.backupId ? { 'backup-id': facts.backupId } : {}),
    ...(facts.tag ? { release: facts.tag } : {}),
    ...(facts.app ? { app: facts.app } : {}),
    ...(facts.stage ? { stage: facts.stage } : {}),
    reason: facts.reason,
    ...Object.fromEntries(Object.entries(configured).map(([k, v]) => [k, fill(v)])),
  };
}

/** Longest reason sent: it lands in a deployment payload, a job summary and a revert PR title. */
export const REASON_LIMIT = 200;

/**
 * Why production is rolled back, as the rollback workflow records it: one line, bounded, with
 * @mentions defused (check names are repository text and the reason reaches a revert PR, where an
 * @mention would page people).
 */
export function rollbackReason(sha: string, failedChecks: string[]): string {
  const what = failedChecks.length ? failedChecks.slice(0, 5).join(', ') : 'watch window limits';
  return untrusted(`prod-smoke-seal red on ${sha.slice(0, 7)}: ${what}`, 'plain', {
    max: REASON_LIMIT,
  });
}

/** Whether a rollback dispatched with these inputs names something to restore. */
export function namesRestoreTarget(inputs: Record<string, string>): boolean {
  return Boolean(inputs['backup-id'] || inputs.release);
}

/** Where and with what a red seal rolls production back: resolved before any request. */
export interface RollbackPlan {
  /** The caller's rollback workflow file (smoke.rollback.workflow, else promote.rollback-workflow). */
  workflow: string;
  /** The branch it is dispatched on (smoke.rollback.ref, else the production branch). */
  ref: string;
  configured: Record<string, string>;
  restore: { backupId?: string; tag?: string; app?: string; stage?: string };
}

/**
 * The rollback this run would dispatch. With on-failure: rollback and nothing to restore (no
 * backup-id, no tag) it refuses now: the rollback workflow would refuse the dispatch after
 * production broke.
 */
export function planRollback(
  config: SmokeSealConfig,
  inputs: Pick<SmokeInputs, 'backupId' | 'tag' | 'mode'>,
  app?: string,
  stage?: string,
): RollbackPlan {
  const smoke = config.smoke;
  // Dispatched on the last stage's branch (production's, whose config is the reviewed one; the
  // rollback workflow refuses any other ref), naming the stage when it is an earlier one.
  const stages = stagesOf(config);
  const last = stages[stages.length - 1]!;
  const earlier = config.stages && stage !== undefined && stage !== last.name ? stage : undefined;
  const plan: RollbackPlan = {
    workflow: smoke.rollback.workflow ?? config.promote['rollback-workflow'],
    ref: smoke.rollback.ref ?? last.branch,
    configured: smoke.rollback.inputs,
    restore: {
      ...(inputs.backupId ? { backupId: inputs.backupId } : {}),
      ...(inputs.tag ? { tag: inputs.tag } : {}),
      // Only this app is restored: the rollback workflow's migrate-with-rollback gets `app`.
      ...(app ? { app } : {}),
      ...(earlier ? { stage: earlier } : {}),
    },
  };
  if (
    inputs.mode === 'seal' &&
    smoke['on-failure'] === 'rollback' &&
    !namesRestoreTarget(rollbackInputs(plan.configured, { ...plan.restore, sha: '', reason: '' }))
  ) {
    throw new ConfigurationError(
      `on-failure: rollback needs to know what to restore, and this run names nothing: pass the backup-id input (the migrate step's backup-id output) or tag (a release whose backup is recorded). Without them ${plan.workflow} would refuse the dispatch.`,
    );
  }
  return plan;
}

/** The dispatch's inputs and the same rollback as a command a person can paste. */
export function rollbackDispatch(
  plan: RollbackPlan,
  repo: { owner: string; repo: string },
  sha: string,
  failedChecks: string[],
): { inputs: Record<string, string>; command: string } {
  const reason = rollbackReason(sha, failedChecks);
  const inputs = rollbackInputs(plan.configured, { ...plan.restore, sha, reason });
  const { release, 'backup-id': backupId, reason: _reason, ...fields } = inputs;
  const command = rollbackCommand({
    owner: repo.owner,
    repo: repo.repo,
    workflow: plan.workflow,
    ref: plan.ref,
    ...(release ? { release } : {}),
    ...(backupId ? { backupId } : {}),
    reason,
    fields,
  });
  return { inputs, command };
}
