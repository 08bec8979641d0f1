import { ConfigurationError } from '@promote/core/errors';
import {
  previousStage,
  stagesOf,
  type AppIdentity,
  type Stage,
} from '@promote/core/config/resolve';
import type { PromoteActionConfig, PromotePlace } from './config.js';
import type { PromotionName } from './name.js';

/**
 * Where a promotion goes (issue #20): from one stage into the next, for the whole source branch
 * or one app. Without `stages:` it is staging -> production, undeclared, and every name, title
 * and body stays what it was before stages existed.
 */
export interface PromotionScope {
  source: Stage;
  target: Stage;
  /** The chain comes from `stages:` (soak, allow windows and stage names in the PR apply). */
  declared: boolean;
  app?: AppIdentity;
  /** The app has its own reviewer rotation (apps.<app>.promote.reviewers, or per stage). */
  appRotation: boolean;
}

/** The scope of a resolved config; promoting into the first stage is refused (nothing precedes it). */
export function promotionScope(
  loaded: PromoteActionConfig,
  resolved: PromotePlace,
): PromotionScope {
  const target = resolved.stage;
  const source = previousStage(loaded, target);
  if (!source)
    throw new ConfigurationError(
      `open-promote-pr: stage "${target.name}" is the first stage of the chain (${stagesOf(loaded)
        .map((s) => s.name)
        .join(
          ' -> ',
        )}), so there is nothing to promote into it; set \`stage\` to a later stage (changes reach ${target.name} by pushes to ${target.branch}).`,
    );
  const app = resolved.app;
  const declaredApp = app ? loaded.apps?.[app.name] : undefined;
  const appRotation =
    declaredApp !== undefined &&
    (hasReviewers(declaredApp.promote) || hasReviewers(declaredApp.stages?.[target.name]?.promote));
  return {
    source,
    target,
    declared: loaded.stages !== undefined,
    ...(app ? { app } : {}),
    appRotation,
  };
}

function hasReviewers(promote: Record<string, unknown> | undefined): boolean {
  return promote !== undefined && promote.reviewers !== undefined;
}

/**
 * The promotion's name with its place in front of the slug, so each stage and each app has its
 * own snapshot branches and PR: promote/staging-api-release-<stamp>. Undeclared and without an
 * app it is the name as it was: promote/release-<stamp>.
 */
export function scopedName(name: PromotionName, scope: PromotionScope): PromotionName {
  const place = [scope.declared ? scope.target.name : undefined, scope.app?.name].filter(Boolean);
  if (place.length === 0) return name;
  return { given: name.given, slug: [...place, name.slug].join('-') };
}

/** What the title adds after the template: the stages and the app ('' for the classic pair). */
export function scopeTitleSuffix(scope: PromotionScope): string {
  const parts = [
    scope.app ? `app ${scope.app.name}` : undefined,
    scope.declared ? `${scope.source.name} -> ${scope.target.name}` : undefined,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}
