/** A smoke seal recorded on a deployment. */
export interface SealFact {
  seal: 'green' | 'red';
  at: string;
}

/**
 * How a deploy:migrate deployment ended (its last status that is not a seal): success (migrated;
 * an `inactive` status means a later deploy superseded a success), failure (not migrated, or
 * migrated and restored automatically), error (the restore failed too), pending (not finished).
 */
export interface DeployOutcome {
  outcome: 'success' | 'failure' | 'error' | 'pending';
  /** When that status was written; undefined while pending. */
  finishedAt?: string;
  /** The migration failed and the verified backup was restored automatically. */
  restored: boolean;
  /** Smoke seals recorded for this deploy, oldest first (a re-run may seal twice). */
  seals: SealFact[];
}

/** A deployment status as the REST API lists it (only the fields the report reads). */
export interface StatusRecord {
  state: string;
  description?: string | null;
  created_at: string;
}

/**
 * prod-smoke-seal writes its seal on the deployment as "Smoke seal green: ..." (success) or
 * "Smoke seal red: ..." (failure): actions/prod-smoke-seal/src/seal-targets.ts.
 */
const SEAL = /^Smoke seal (green|red)\b/;
/** migrate-with-rollback's status after an automatic restore: "migration failed; restored backup <id>". */
const RESTORED = /\brestored backup\b/;
const FINAL = new Set(['success', 'failure', 'error']);

/**
 * The backup a deploy:migrate status names: migrate-with-rollback's success status says
 * "migrated; backup <id>" for the backup the run that finished took.
 */
export function backupInDescription(description: string | null | undefined): string | undefined {
  return /(?:^|; )backup ([A-Za-z0-9._-]+)/.exec(description ?? '')?.[1];
}

/** The seal a deployment status records, if it is one. */
export function sealOf(status: StatusRecord): SealFact | undefined {
  const match = SEAL.exec(status.description ?? '');
  // auto_inactive copies a superseded success (a green seal among them) as `inactive`: not a seal.
  if (!match || status.state === 'inactive') return undefined;
  return { seal: match[1] as 'green' | 'red', at: status.created_at };
}

/**
 * How a deploy:migrate deployment ended, from its statuses (any order). Pure. The deploy's own
 * outcome is its last status that is not a seal; `inactive` alone (GitHub marks a superseded
 * success so: https://docs.github.com/en/rest/deployments/statuses) means it had succeeded.
 */
export function deployOutcome(statuses: readonly StatusRecord[]): DeployOutcome {
  const ordered = [...statuses].sort((a, b) => a.created_at.localeCompare(b.created_at));
  const seals = ordered.flatMap((s) => sealOf(s) ?? []);
  const own = ordered.filter((s) => !SEAL.test(s.description ?? ''));
  const last = own.filter((s) => FINAL.has(s.state)).at(-1);
  if (last) {
    return {
      outcome: last.state as DeployOutcome['outcome'],
      finishedAt: last.created_at,
      restored: last.state === 'failure' && RESTORED.test(last.description ?? ''),
      seals,
    };
  }
  const superseded = ordered.find((s) => s.state === 'inactive');
  if (superseded)
    return { outcome: 'success', finishedAt: superseded.created_at, restored: false, seals };
  return { outcome: 'pending', restored: false, seals };
}
