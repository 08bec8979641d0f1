/**
 * What the report knows, read once from GitHub (read-history.ts) and then only computed on
 * (measures.ts). Serialisable: a test builds one by hand, and the JSON artifact could be re-fed.
 * Times are ISO 8601 strings as GitHub gives them.
 */

import type { DeployOutcome, SealFact } from '@promote/core/deployment-statuses';

export type { SealFact };

export interface DeployFact extends DeployOutcome {
  id: number;
  sha: string;
  createdAt: string;
  /**
   * Author date of the oldest commit this deploy brought to production (compared with the
   * previous successful deploy); undefined when there is none to compare with.
   */
  firstCommitAt?: string;
  /** Commits this deploy brought (the compare's count), when compared. */
  commits?: number;
}

/** One deploy:rollback deployment: a person restored a backup by hand (the rollback workflow). */
export interface RollbackFact {
  id: number;
  sha: string;
  createdAt: string;
  /** When its success status was written; undefined when the restore did not succeed. */
  succeededAt?: string;
  /** Who ran it (the deployment's creator) and why (the payload's reason): untrusted text. */
  by: string;
  reason: string;
}

/** An emergency override recorded by preflight-gates: untrusted text, rendered with untrusted(). */
export interface OverrideFact {
  actor: string;
  at: string;
  via: string;
  reason: string;
}

/** One preflight check run (the required check on a promotion PR). */
export interface PreflightFact {
  pullRequest: number;
  sha: string;
  completedAt: string;
  conclusion: string;
  /** Config keys of the gates that failed (freeze, ci, change-size...). */
  failedGates: string[];
  override?: OverrideFact;
}

export interface History {
  environment: string;
  /** deploy:migrate deployments created in the period, oldest first. */
  deployments: DeployFact[];
  /** deploy:rollback deployments created in the period, oldest first. */
  rollbacks: RollbackFact[];
  /** Preflight check runs of pull requests into production opened in the period. */
  preflight: PreflightFact[];
  /** API requests the reads took (pagination included). */
  requests: number;
  /** What the reads could not see, in one line each (shown under the table). */
  gaps: string[];
}
