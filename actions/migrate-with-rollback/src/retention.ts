import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { Logger } from '@promote/core/logger';
import type { BackupStore } from './backup-store/index.js';
import { backupNamePrefix } from './plan.js';

/**
 * The backup id a stored key belongs to (<env>-<yyyymmddThhmmssZ>-<sha7>..., or for an app
 * <env>--<app>-<stamp>-<sha7>...), if any: an app's retention never counts another app's backups,
 * nor the repository's, and the other way round.
 */
export function backupIdOfKey(key: string, environment: string, app?: string): string | undefined {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const start = backupNamePrefix(environment, app).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(${start}\\d{8}T\\d{6}Z-[A-Za-z0-9]+)(?:\\.|$)`).exec(name)?.[1];
}

/**
 * Pure: which backup ids to delete, keeping the newest `keep` and every protected one. `current`
 * (the backup this run just took) is the newest whatever its name says: two backups taken in the
 * same second differ only by their commit, which says nothing about which came first.
 */
export function planRetention(
  ids: Iterable<string>,
  keep: number,
  protect: Set<string>,
  current?: string,
): string[] {
  // Ids embed a UTC timestamp right after the environment: name order is time order.
  const others = [...new Set(ids)]
    .filter((id) => id !== current)
    .sort()
    .reverse();
  const newestFirst = current ? [current, ...others] : others;
  return newestFirst.slice(keep).filter((id) => !protect.has(id));
}

const CURRENT = new Set(['success', 'in_progress', 'queued', 'pending']);

/**
 * Backup ids a current deployment of the environment names (its latest status success or still
 * running; not inactive, failure or error): never deleted, whatever their age.
 */
async function namedByCurrentDeployments(
  github: GitHubClient,
  repo: RepoRef,
  environment: string,
  candidates: Set<string>,
): Promise<Set<string>> {
  const { data } = await github.rest.repos.listDeployments({ ...repo, environment, per_page: 100 });
  const protect = new Set<string>();
  for (const d of data) {
    const payload = (typeof d.payload === 'string' ? {} : d.payload) as { backupId?: unknown };
    const id = typeof payload.backupId === 'string' ? payload.backupId : undefined;
    if (!id || !candidates.has(id) || protect.has(id)) continue;
    const { data: statuses } = await github.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: d.id,
      per_page: 1,
    });
    if (CURRENT.has(statuses[0]?.state ?? 'pending')) protect.add(id);
  }
  return protect;
}

/**
 * Keep the newest `keep` backups of the environment; delete older ones (all their keys) unless a
 * current deployment names them. Idempotent (deleting a missing key is no error). A failure is a
 * warning: the migration it follows succeeded.
 */
export async function applyRetention(options: {
  store: BackupStore;
  prefix: string;
  environment: string;
  /** The app whose backups these are (undefined: the repository's). */
  app?: string;
  keep: number;
  github: GitHubClient;
  repo: RepoRef;
  logger: Logger;
  /** The backup this run took (kept, whatever sorting says). */
  current: string;
}): Promise<string[]> {
  const { store, logger } = options;
  try {
    const keys = await store.list(options.prefix);
    const byId = new Map<string, string[]>();
    for (const k of keys) {
      const id = backupIdOfKey(k, options.environment, options.app);
      if (id) byId.set(id, [...(byId.get(id) ?? []), k]);
    }
    const first = planRetention(
      byId.keys(),
      options.keep,
      new Set([options.current]),
      options.current,
    );
    if (first.length === 0) return [];
    const protect = await namedByCurrentDeployments(
      options.github,
      options.repo,
      options.environment,
      new Set(first),
    );
    const doomed = first.filter((id) => !protect.has(id));
    for (const id of doomed) for (const k of byId.get(id) ?? []) await store.delete(k);
    if (doomed.length)
      logger.info(
        `Retention (keep ${options.keep}): deleted ${doomed.length} older backup(s) of ${options.environment}: ${doomed.join(', ')}`,
      );
    if (protect.size)
      logger.info(`Retention kept ${[...protect].join(', ')}: a current deployment names them.`);
    return doomed;
  } catch (error) {
    logger.warning(
      `Retention of old backups failed (${(error as Error).message}); nothing else is affected.`,
    );
    return [];
  }
}
