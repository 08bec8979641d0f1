import type { ResolvedConfig } from '@promote/core/config/resolve';
import type { ConfigWith } from '@promote/core/config/schema';

/**
 * The promotion.yml sections migrate-with-rollback reads: only these (and the top-level keys) are built and
 * validated when it loads the config (issue #18: building and checking every section cost
 * ~20-45 ms of CPU at each start); preflight-gates checks the whole file on every pull request.
 */
export const CONFIG_SECTIONS = ['migrate', 'promote'] as const;
export type MigrateActionConfig = ConfigWith<(typeof CONFIG_SECTIONS)[number]>;
/** That config seen from the run's stage and app (resolveConfig). */
export type MigratePlace = ResolvedConfig<MigrateActionConfig>;
