import { defuseMentions, stripAnsi, truncate } from '@promote/core/markdown';

/** What the rollback workflow needs to restore production, as far as this run knows it. */
export interface RollbackFacts {
  sha: string;
  /** The release tag (the rollback workflow's `release`: its recorded backup is restored). */
  tag?: string;
  /** The migrate step's verified backup (the rollback workflow's `backup-id`; wins over release). */
  backupId?: string;
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
  const line = stripAnsi(`prod-smoke-seal red on ${sha.slice(0, 7)}: ${what}`)
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(defuseMentions(line), REASON_LIMIT);
}

/** Whether a rollback dispatched with these inputs names something to restore. */
export function namesRestoreTarget(inputs: Record<string, string>): boolean {
  return Boolean(inputs['backup-id'] || inputs.release);
}
