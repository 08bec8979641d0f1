import type { ConfigWith } from '@promote/core/config/schema';

/**
 * The promotion.yml sections tag-release reads: only these (and the top-level keys) are built and
 * validated when it loads the config (issue #18: building and checking every section cost
 * ~20-45 ms of CPU at each start); preflight-gates checks the whole file on every pull request.
 */
export const CONFIG_SECTIONS = ['release', 'notify', 'promote'] as const;
export type TagReleaseConfig = ConfigWith<(typeof CONFIG_SECTIONS)[number]>;
