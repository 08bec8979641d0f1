import * as z from 'zod';
import { duration, ianaTimeZone } from '../types.js';
import { weeklyWindow } from './preflight.js';
import { sectionOverrides } from './apps.js';
import { STAGE_NAME } from './stage-name.js';
import { lazy } from '../lazy.js';

/**
 * `stages:`: the chain a change travels, in order (e.g. dev -> staging -> production). Absent,
 * the chain is the two branches of `branches:` (staging -> production), exactly as before.
 * A name becomes part of refs, branch names and commit-status contexts, so it is a slug.
 */

const stage = lazy(() =>
  z
    .object({
      name: z
        .string({ error: 'is not a stage name; use a lower-case slug, e.g. staging' })
        .regex(STAGE_NAME, {
          error: 'is not a stage name; use a lower-case slug (a-z, 0-9, -), e.g. staging',
        })
        .describe('The stage, a lower-case slug, e.g. dev, staging, production.'),
      branch: z
        .string({ error: 'is not a branch name; use e.g. staging' })
        .min(1)
        .describe(
          'The branch this stage deploys from; a promotion into the stage is a PR into it.',
        ),
      environment: z
        .string()
        .min(1)
        .optional()
        .describe(
          "GitHub environment of the stage (its secrets, required reviewers and deployments); default: the stage's name.",
        ),
      soak: duration()
        .optional()
        .describe(
          'How long a change must have been deployed here and sealed green before it may be promoted to the next stage, read from GitHub deployments and seal statuses (e.g. 1h). Omitted: sealed green is enough.',
        ),
      allow: z
        .array(weeklyWindow())
        .min(1, { error: 'is empty; omit allow to allow promotions at any time' })
        .optional()
        .describe(
          'When promotions into this stage may be merged (weekly windows, e.g. { days: [tue, wed, thu], from: "09:00", to: "15:00" }); judged by preflight at merge time, the freeze override lifts it. Omitted: any time outside the freeze windows.',
        ),
      timezone: ianaTimeZone()
        .optional()
        .describe(
          'IANA time zone of the allow windows without their own (default: preflight.timezone).',
        ),
      ...sectionOverrides('stage'),
    })
    .strict(),
);

export const stagesSection = lazy(() =>
  z
    .array(stage())
    .min(2, {
      error: 'has fewer than two stages; a chain needs at least two, e.g. [staging, production]',
    })
    .max(10, { error: 'has more than 10 stages; keep the chain to 10' })
    .superRefine((stages, ctx) => {
      const names = new Set<string>();
      const branches = new Map<string, string>();
      const environments = new Map<string, string>();
      stages.forEach((s, i) => {
        if (names.has(s.name))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: `"${s.name}" is given twice; each stage needs its own name`,
            input: s.name,
          });
        names.add(s.name);
        const byBranch = branches.get(s.branch);
        if (byBranch)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'branch'],
            message: `"${s.branch}" is already the branch of stage ${byBranch}; each stage needs its own branch`,
            input: s.branch,
          });
        branches.set(s.branch, s.name);
        const env = s.environment ?? s.name;
        const byEnv = environments.get(env);
        if (byEnv)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'environment'],
            message: `"${env}" is already the environment of stage ${byEnv}; each stage needs its own environment`,
            input: env,
          });
        environments.set(env, s.name);
      });
    })
    .describe(
      'The stages a change is promoted through, first to last (the last is production). Each promotion goes from one stage to the next only. Omitted: branches.staging -> branches.production.',
    ),
);

export type StageConfig = z.infer<ReturnType<typeof stage>>;
