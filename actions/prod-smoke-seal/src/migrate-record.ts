import { payloadObject } from '@promote/core/deployment-payload';
import {
  backupInDescription,
  deployOutcome,
  sealOf,
  type StatusRecord,
} from '@promote/core/deployment-statuses';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { readMigrateDeployment } from '@promote/core/stage-record';

/**
 * What migrate-with-rollback recorded for a commit on an environment (and app): its newest
 * deploy:migrate deployment, how it ended and the backup it took. A matrix leg of on-merge.yml
 * gets no outputs from the migrate leg before it (issue #20), so the seal finds its deployment and
 * backup on GitHub, as migrate-with-rollback's rollback does.
 */
export interface MigrateRecord {
  deploymentId: number;
  outcome: 'success' | 'failure' | 'error' | 'pending';
  /** The failed migration was restored automatically. */
  restored: boolean;
  backupId?: string;
}

/** The backup of a deployment: named by its success status, else its payload's backupId. Pure. */
export function backupOf(payload: unknown, statuses: readonly StatusRecord[]): string | undefined {
  const success = [...statuses]
    .filter((s) => s.state === 'success' && !sealOf(s))
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .at(-1);
  const named = backupInDescription(success?.description);
  if (named) return named;
  const id = payloadObject(payload)?.backupId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Two requests: the SHA's deploy:migrate deployments on the environment, the newest one's statuses. */
export async function findMigrateRecord(
  github: GitHubClient,
  repo: RepoRef,
  where: { sha: string; environment: string; app?: string | undefined },
): Promise<MigrateRecord | undefined> {
  const newest = await readMigrateDeployment(github, repo, where);
  if (!newest) return undefined;
  const { outcome, restored } = deployOutcome(newest.statuses);
  const backupId = backupOf(newest.payload, newest.statuses);
  return { deploymentId: newest.id, outcome, restored, ...(backupId ? { backupId } : {}) };
}

/**
 * Whether the seal has a deploy to check: the migrate of this SHA (and app) succeeded. Otherwise
 * the reason nothing is sealed: a seal of a deploy that did not happen (or was restored) would
 * say production runs a commit it does not run. Pure.
 */
export function judgeMigrateRecord(
  record: MigrateRecord | undefined,
  where: { sha: string; environment: string; app?: string | undefined },
): { seal: true } | { seal: false; reason: string } {
  const what = `${where.sha.slice(0, 7)}${where.app ? ` (app ${where.app})` : ''}`;
  if (!record)
    return {
      seal: false,
      reason: `${what} has no deploy:migrate deployment on ${where.environment}: its migrate did not run, so there is nothing to seal`,
    };
  if (record.outcome === 'success') return { seal: true };
  const how =
    record.outcome === 'pending'
      ? 'has not finished'
      : record.restored
        ? 'failed and was restored'
        : `ended ${record.outcome}`;
  return {
    seal: false,
    reason: `the migrate of ${what} on ${where.environment} ${how} (deployment ${record.deploymentId}): there is nothing to seal`,
  };
}
