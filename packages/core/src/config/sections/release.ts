import * as z from 'zod';
import { lazy } from '../lazy.js';
import { LABEL_NAME_LIMIT } from '../../github/limits.js';
import { CHANGELOG_HEADINGS } from '../keywords.js';

export { CHANGELOG_HEADINGS };
export type { ChangelogHeading } from '../keywords.js';

const semverString = lazy(() =>
  z
    .string()
    .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'a semantic version such as 0.1.0 or 1.0.0-rc.0'),
);

const versionFile = lazy(() =>
  z.union([
    z
      .literal('package.json')
      .describe('package.json: its "version" field is set (formatting kept, 2-space JSON).'),
    z
      .object({
        path: z.string().min(1).describe('Repository path of the file, e.g. src/version.ts.'),
        pattern: z
          .string()
          .min(1)
          .refine((p) => {
            try {
              return new RegExp(p).source.includes('(?<version>');
            } catch {
              return false;
            }
          }, "a valid regular expression with a named group (?<version>...), e.g. \"VERSION = '(?<version>[^']+)'\"")
          .describe(
            "A regular expression whose named group (?<version>...) marks the version constant, e.g. \"export const VERSION = '(?<version>[^']+)'\". Its first match is replaced.",
          ),
      })
      .strict(),
  ]),
);

export const releaseSection = lazy(() =>
  z
    .object({
      'tag-prefix': z
        .string()
        .regex(/^[A-Za-z0-9._/-]*$/, 'letters, digits, ".", "_", "/" or "-" (e.g. "v" or "api/v")')
        .default('v')
        .describe(
          'Prefix of release tags: "v" gives v1.2.3. Tags with another prefix are ignored.',
        ),
      'first-version': semverString()
        .default('0.1.0')
        .describe('The version of the first release, when no tag with the prefix is reachable.'),
      'version-source': z
        .enum(['commits', 'labels', 'input'])
        .default('commits')
        .describe(
          'What decides the bump: commits (conventional commits since the last release), labels (labels ' +
            'on the merged PRs, see `labels`), input (the action input `version` or `bump`).',
        ),
      labels: z
        .object({
          major: z
            .string()
            .min(1)
            .max(LABEL_NAME_LIMIT)
            .default('release:major')
            .describe('Label that asks for a major bump.'),
          minor: z
            .string()
            .min(1)
            .max(LABEL_NAME_LIMIT)
            .default('release:minor')
            .describe('Label that asks for a minor bump.'),
          patch: z
            .string()
            .min(1)
            .max(LABEL_NAME_LIMIT)
            .default('release:patch')
            .describe('Label that asks for a patch bump.'),
        })
        .strict()
        .prefault({})
        .describe(
          'Labels read from the API on the PRs merged since the last release (version-source: labels).',
        ),
      prerelease: z
        .string()
        .regex(/^[0-9A-Za-z-]+$/, 'an identifier such as rc, beta or alpha')
        .optional()
        .describe(
          'Prerelease identifier: "rc" gives 2.7.0-rc.0, then 2.7.0-rc.1 for the next run on the same version.',
        ),
      'major-on-zero': z
        .boolean()
        .default(false)
        .describe(
          'While the version is 0.x a breaking change bumps the minor (0.4.2 -> 0.5.0; features bump the minor ' +
            'too, fixes the patch), as SemVer 0.x allows anything to change. true: a breaking change in 0.x gives 1.0.0.',
        ),
      changelog: z
        .object({
          enabled: z
            .boolean()
            .default(true)
            .describe('Write a CHANGELOG section for each release.'),
          path: z
            .string()
            .min(1)
            .default('CHANGELOG.md')
            .describe('Repository path of the changelog.'),
          mode: z
            .enum(['commit', 'pull-request', 'skip'])
            .default('commit')
            .describe(
              'commit: a commit on the production branch through the API (signed by GitHub); when the branch refuses it ' +
                '(protection or a ruleset requiring pull requests) the changelog becomes a pull request instead and the tag ' +
                'and release still go ahead. pull-request: always a PR with the changelog, no direct attempt. skip: no file, ' +
                'the section still goes into the tag message and release notes.',
            ),
          'version-files': z
            .array(versionFile())
            .default([])
            .describe(
              'Files whose version constant is updated in the same commit as the changelog.',
            ),
        })
        .strict()
        .prefault({}),
      release: z
        .object({
          enabled: z
            .boolean()
            .default(true)
            .describe('Create (or update) a GitHub release for the tag.'),
          draft: z.boolean().default(false).describe('Create the release as a draft.'),
          'make-latest': z
            .boolean()
            .default(true)
            .describe('Mark the release as latest (never for prereleases).'),
        })
        .strict()
        .prefault({}),
      'major-tag': z
        .boolean()
        .default(false)
        .describe(
          'For a repository of GitHub Actions: after a stable release, move the major version tag (v1 for ' +
            'v1.4.0, created for v2.0.0) to the release commit, as lightweight tag, so `uses: owner/repo@v1` ' +
            'gets it. Never for prereleases, drafts, 0.x, or a release below the highest of its major.',
        ),
      sections: z
        .record(
          z.string().regex(/^[a-z0-9-]+$/, 'a lower-case commit type such as feat'),
          z.enum([...CHANGELOG_HEADINGS, 'hidden']),
        )
        .default({
          feat: 'Added',
          fix: 'Fixed',
          perf: 'Fixed',
          refactor: 'Changed',
          revert: 'Removed',
          removal: 'Removed',
          deprecate: 'Deprecated',
          security: 'Security',
        })
        .describe(
          'Commit type -> Keep a Changelog heading (Added, Changed, Deprecated, Removed, Fixed, Security) or ' +
            '"hidden". Types not listed are left out of the changelog; breaking changes are always listed under Changed.',
        ),
    })
    .strict(),
);

export type ReleaseConfig = z.infer<ReturnType<typeof releaseSection>>;
export type VersionFileConfig = z.infer<ReturnType<typeof versionFile>>;
