import type { ResolvedConfig } from '@promote/core/config/resolve';
import type { ConfigWith } from '@promote/core/config/schema';

/**
 * The promotion.yml sections open-promote-pr reads: only these (and the top-level keys) are built and
 * validated when it loads the config (issue #18: building and checking every section cost
 * ~20-45 ms of CPU at each start); preflight-gates checks the whole file on every pull request.
 */
export const CONFIG_SECTIONS = ['promote', 'preflight', 'migrate'] as const;
export type PromoteActionConfig = ConfigWith<(typeof CONFIG_SECTIONS)[number]>;
/** That config seen from the target stage and the app (resolveConfig). */
export type PromotePlace = ResolvedConfig<PromoteActionConfig>;
