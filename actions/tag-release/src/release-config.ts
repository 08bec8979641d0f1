import { mergeInputs } from '@promote/core/config/merge';
import {
  resolveConfig,
  stageNamed,
  stagesOf,
  type ResolvedConfig,
} from '@promote/core/config/resolve';
import { ConfigurationError } from '@promote/core/errors';
import { CONFIG_SECTIONS, type TagReleaseConfig } from './config.js';
import type { Inputs } from './inputs.js';

/**
 * The config tag-release works with: the file seen from the last stage and the `app` input
 * (core's resolveConfig: an app's tag prefix `<app>-v`, its changelog in its directory, its
 * release and notify settings), then the `tag-prefix` and `changelog-mode` inputs over it: an
 * input wins over the file, the app's and the stage's settings included.
 *
 * Releases are cut on the last stage only: a version is what reaches production, and a tag on
 * an earlier stage's merge would name a commit that may never get there. A `stage` input naming
 * another stage is refused before any history is read or anything written.
 */
export function releaseConfigFor(
  loaded: TagReleaseConfig,
  inputs: Pick<Inputs, 'app' | 'stage' | 'tagPrefix' | 'changelogMode'>,
): ResolvedConfig<TagReleaseConfig> {
  const stages = stagesOf(loaded);
  const last = stages[stages.length - 1]!;
  if (inputs.stage !== undefined && stageNamed(loaded, inputs.stage).name !== last.name) {
    throw new ConfigurationError(
      `input stage is "${inputs.stage}", but releases are cut on the last stage only (${last.name}): a version names what reaches production; omit stage or use ${last.name}`,
    );
  }
  const resolved = resolveConfig(loaded, inputs.app === undefined ? {} : { app: inputs.app });
  if (inputs.app !== undefined) refuseSharedVersionFiles(loaded, inputs.app, resolved);
  // Validated and coerced as promotion.yml's keys (errors name the input), then laid over the
  // resolved view, where the app's own prefix and changelog would otherwise win.
  const given = mergeInputs(
    loaded,
    { 'release.tag-prefix': inputs.tagPrefix, 'release.changelog.mode': inputs.changelogMode },
    { 'release.tag-prefix': 'tag-prefix', 'release.changelog.mode': 'changelog-mode' },
    CONFIG_SECTIONS,
  );
  return {
    ...resolved,
    release: {
      ...resolved.release,
      ...(inputs.tagPrefix !== undefined ? { 'tag-prefix': given.release['tag-prefix'] } : {}),
      changelog: {
        ...resolved.release.changelog,
        ...(inputs.changelogMode !== undefined ? { mode: given.release.changelog.mode } : {}),
      },
    },
  };
}

/**
 * Each app writes its own version: version files inherited from the top level (the root
 * package.json) would get every app's version in turn, so an app must name its own (or none).
 */
function refuseSharedVersionFiles(
  loaded: TagReleaseConfig,
  app: string,
  resolved: TagReleaseConfig,
): void {
  const top = loaded.release.changelog['version-files'];
  const own = resolved.release.changelog['version-files'];
  if (top.length === 0 || JSON.stringify(top) !== JSON.stringify(own)) return;
  const paths = top.map((f) => (typeof f === 'string' ? f : f.path)).join(', ');
  throw new ConfigurationError(
    `release.changelog.version-files (${paths}) is the top level's, and every app would write its own version into it; set apps.${app}.release.changelog.version-files to the app's files (e.g. [{ path: apps/${app}/package.json, pattern: '"version": "(?<version>[^"]+)"' }]) or []`,
  );
}
