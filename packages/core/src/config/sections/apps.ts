import * as z from 'zod';
import { globList } from '../types.js';
import { STAGE_NAME } from './stage-name.js';
import { lazy } from '../lazy.js';
import { APP_SECTIONS, type AppSection } from '../keywords.js';

/**
 * `apps:`: the apps of a monorepo, in the order their migrations, smoke checks and releases run.
 * Each names its paths and overrides the top-level sections it needs; the rest is inherited.
 * A name becomes part of tags, refs, branch names and status contexts, so it is a slug.
 */
export const APP_NAME = STAGE_NAME;

export { APP_SECTIONS, type AppSection };

const override = (section: AppSection, holder: string) =>
  z
    .record(z.string(), z.unknown(), {
      error: `is not a mapping; write the ${section} keys this app changes, e.g. ${section}: { ... }`,
    })
    .optional()
    .describe(
      `This ${holder}'s ${section} settings, merged key by key over the top-level ${section}: section (a list replaces the list); validated as that section.`,
    );

/** The section keys a stage, an app or an app on a stage may hold. */
export function sectionOverrides(holder: string) {
  return {
    preflight: override('preflight', holder),
    promote: override('promote', holder),
    migrate: override('migrate', holder),
    smoke: override('smoke', holder),
    release: override('release', holder),
    notify: override('notify', holder),
  };
}

const app = lazy(() =>
  z
    .object({
      paths: globList()
        .min(1, { error: 'is empty; list the paths of this app, e.g. [apps/api/**]' })
        .describe(
          'The files of this app (globs). A change to one of them is a change to the app: its gates, migrations, smoke checks and release.',
        ),
      ...sectionOverrides('app'),
      stages: z
        .record(
          z.string().regex(STAGE_NAME, {
            error: 'is not a stage name; use the name of a stage in stages:',
          }),
          z.object(sectionOverrides('app on this stage')).strict(),
        )
        .optional()
        .describe(
          "This app's settings on one stage, by stage name, e.g. { staging: { smoke: { base-url: https://api.staging.example.com } } }; merged last.",
        ),
    })
    .strict(),
);

export const appsSection = lazy(() =>
  z
    .record(
      z.string().regex(APP_NAME, {
        error: 'is not an app name; use a lower-case slug (a-z, 0-9, -), e.g. api',
      }),
      app(),
    )
    .refine((apps) => Object.keys(apps).length > 0, {
      error: 'is empty; declare at least one app, or omit apps',
    })
    .refine((apps) => Object.keys(apps).length <= 100, {
      error: 'declares more than 100 apps; group paths into fewer apps',
    })
    .describe(
      'The apps of a monorepo, in the order their migrations, smoke checks and releases run. Each has its paths, its own version line (tag prefix <name>-v unless release.tag-prefix is set), its own CHANGELOG and its own lock. Omitted: the repository is one app.',
    ),
);

export type AppsConfig = z.infer<ReturnType<typeof appsSection>>;
