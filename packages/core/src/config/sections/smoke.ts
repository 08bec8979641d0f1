import * as z from 'zod';
import { lazy } from '../lazy.js';
import { LABEL_NAME_LIMIT } from '../../github/limits.js';
import { duration } from '../types.js';

/**
 * The `smoke:` section of .github/promotion.yml (prod-smoke-seal). Read-only production checks
 * after a deploy: HTTP checks (GET/HEAD only), command checks, an optional watch window, and where
 * the green/red seal is recorded.
 */

const PERCENT = /^\d+(\.\d+)?%$/;

const percent = (what: string) =>
  z
    .union([
      z.string().regex(PERCENT, { error: `${what}: use a percentage such as "1%" or "0.5%"` }),
      z.number().min(0),
    ])
    .describe(`${what} (a percentage such as "1%", or a number meaning percent).`);

const httpUrl = (what: string) =>
  z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { error: (iss) => `${what}: ${JSON.stringify(iss.input)} is not an absolute http(s) URL` },
  );

/** GET and HEAD only: a smoke check must never change production. */
const method = lazy(() =>
  z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(
      z.enum(['GET', 'HEAD'], {
        error: (iss) =>
          `method ${JSON.stringify(iss.input)} is not allowed: smoke checks are read-only, use GET or HEAD`,
      }),
    )
    .default('GET')
    .describe('HTTP method: GET or HEAD only (smoke checks are read-only by construction).'),
);

const statusSpec = lazy(() =>
  z
    .union([
      z.number().int().min(100).max(599),
      z.array(z.number().int().min(100).max(599)).min(1),
      z.string().regex(/^\s*\d{3}\s*(-\s*\d{3}\s*)?$/, {
        error: 'status: use a code (200), a list ([200, 204]) or a range ("200-299")',
      }),
    ])
    .describe('Expected status: a code (200), a list ([200, 204]) or a range ("200-299").'),
);

const jsonAssertion = lazy(() =>
  z
    .object({
      path: z
        .string()
        .min(1)
        .describe('JSONPath into the response body, e.g. "$.status" or "$.checks[0].ok".'),
      equals: z
        .unknown()
        .optional()
        .describe('The value at the path must equal this (deep equality).'),
      matches: z
        .string()
        .optional()
        .describe('The value at the path, as text, must match this regex.'),
      exists: z.boolean().optional().describe('true: the path must exist; false: it must not.'),
    })
    .strict()
    .refine((a) => a.equals !== undefined || a.matches !== undefined || a.exists !== undefined, {
      error: 'json assertion needs one of equals, matches or exists',
    }),
);

/** A header value: exact text, or /regex/flags. */
const headerExpectation = lazy(() =>
  z.string().describe('Exact header value, or a regex written as /pattern/flags.'),
);

const secretHeader = lazy(() =>
  z
    .object({
      env: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
        .describe('Environment variable holding the secret (map it from secrets in the workflow).'),
      format: z
        .string()
        .includes('{value}', { error: 'format must contain {value}, e.g. "Bearer {value}"' })
        .optional()
        .describe('How the header is built from the secret, e.g. "Bearer {value}".'),
    })
    .strict(),
);

const basicAuth = lazy(() =>
  z
    .object({
      'user-env': z.string().min(1).describe('Environment variable holding the user name.'),
      'password-env': z.string().min(1).describe('Environment variable holding the password.'),
    })
    .strict()
    .describe(
      'HTTP Basic auth from two environment variables (masked, including the base64 form).',
    ),
);

const retries = lazy(() =>
  z
    .object({
      attempts: z
        .number()
        .int()
        .min(1)
        .max(20)
        .default(3)
        .describe('Attempts per check, the first included.'),
      backoff: duration()
        .default('1s')
        .describe('Wait before the second attempt; doubles each time.'),
      'max-backoff': duration().default('10s').describe('Longest wait between attempts.'),
      'retry-on': z
        .array(z.number().int().min(100).max(599))
        .default([429, 502, 503, 504])
        .describe(
          'Statuses worth another attempt. Transport errors and timeouts are always retried.',
        ),
    })
    .strict(),
);

const timeouts = lazy(() =>
  z
    .object({
      attempt: duration().default('10s').describe('Timeout of one attempt (connect to last byte).'),
      deadline: duration()
        .default('2m')
        .describe('Overall deadline per check across attempts (warm-up after a deploy).'),
    })
    .strict(),
);

const httpCheck = lazy(() =>
  z
    .object({
      name: z.string().min(1).describe('Name shown in the seal table.'),
      url: httpUrl('url').optional().describe('Absolute URL to check.'),
      path: z
        .string()
        .startsWith('/', { error: 'path must start with "/" (it is joined to base-url)' })
        .optional()
        .describe('Path under base-url, e.g. "/healthz".'),
      method: method(),
      expect: z
        .object({
          status: statusSpec().default([200]),
          'body-contains': z
            .union([z.string(), z.array(z.string())])
            .optional()
            .describe('Text (or texts) the body must contain.'),
          'body-regex': z.string().optional().describe('Regex the body must match.'),
          json: z.array(jsonAssertion()).optional().describe('JSONPath assertions on a JSON body.'),
          headers: z
            .record(z.string(), headerExpectation())
            .optional()
            .describe('Response headers that must be present with these values.'),
        })
        .strict()
        .prefault({})
        .describe('What a healthy response looks like.'),
      'latency-budget': duration()
        .optional()
        .describe('Slowest acceptable response of the passing attempt.'),
      headers: z
        .record(z.string(), z.union([z.string(), secretHeader()]))
        .optional()
        .describe('Request headers: literal text, or { env, format } read from a secret (masked).'),
      'basic-auth': basicAuth().optional(),
      'insecure-tls': z
        .boolean()
        .optional()
        .describe(
          'Accept a self-signed certificate for this check only (default: smoke.insecure-tls).',
        ),
      retries: retries().partial().optional().describe('Overrides smoke.retries for this check.'),
      timeouts: timeouts()
        .partial()
        .optional()
        .describe('Overrides smoke.timeouts for this check.'),
    })
    .strict()
    .refine((c) => (c.url === undefined) !== (c.path === undefined), {
      error: 'a check needs exactly one of url or path',
    }),
);

const commandCheck = lazy(() =>
  z
    .object({
      name: z.string().min(1).describe('Name shown in the seal table.'),
      run: z
        .array(z.string())
        .min(1)
        .describe(
          'argv array (no shell), e.g. ["npx", "playwright", "test", "--grep", "@qa-readonly"].',
        ),
      junit: z
        .string()
        .optional()
        .describe('Path of the JUnit XML report the command writes; its cases go into the table.'),
      timeout: duration().default('10m').describe('Timeout of the command.'),
      cwd: z.string().optional().describe('Working directory (default: the workspace).'),
      env: z
        .record(z.string(), z.string())
        .optional()
        .describe(
          'Extra environment (not secrets: map those in the workflow step). BASE_URL is set for you.',
        ),
    })
    .strict()
    .describe('A read-only suite run with BASE_URL set to production.'),
);

const watch = lazy(() =>
  z
    .object({
      duration: duration().default('15m').describe('How long to keep checking after the deploy.'),
      interval: duration().default('1m').describe('Time between rounds.'),
      'max-error-rate': percent('Seal red when failed checks exceed this share').default('1%'),
      'p95-over-baseline': percent(
        'Seal red when p95 latency exceeds the baseline by more than this',
      ).default('10%'),
      baseline: z
        .object({
          'p95-ms': z
            .number()
            .min(0)
            .optional()
            .describe('p95 latency measured before the deploy.'),
          'error-rate': percent('Error rate measured before the deploy').optional(),
        })
        .strict()
        .optional()
        .describe(
          "Numbers measured before the deploy. The `baseline` input (JSON, e.g. a previous run's `results`) wins over this.",
        ),
    })
    .strict()
    .describe('Optional watch window: repeat the checks every interval for a duration.'),
);

/**
 * Platforms that deploy on push by themselves (Cloudflare, Vercel, Netlify, Heroku) serve the new
 * commit minutes after the merge: checking production before that seals the old version. The seal
 * waits until production reports the deployed SHA, from a version endpoint or from the platform's
 * own GitHub deployment status (https://docs.github.com/en/rest/deployments/statuses).
 */
const waitForLive = lazy(() =>
  z
    .object({
      url: httpUrl('smoke.wait-for-live.url')
        .optional()
        .describe(
          'Version endpoint that reports the commit production serves, e.g. /version.json.',
        ),
      path: z
        .string()
        .startsWith('/', { error: 'path must start with "/" (it is joined to base-url)' })
        .optional()
        .describe('Version endpoint under base-url, e.g. "/version".'),
      'json-path': z
        .string()
        .min(1)
        .optional()
        .describe('JSONPath of the commit SHA in the JSON body, e.g. "$.commit".'),
      regex: z
        .string()
        .min(1)
        .optional()
        .describe(
          'Regex over the body; its first group (else the whole match) is the commit SHA, e.g. "commit: ([0-9a-f]+)".',
        ),
      headers: z
        .record(z.string(), z.union([z.string(), secretHeader()]))
        .optional()
        .describe(
          'Request headers of the version endpoint: literal text, or { env, format } read from a secret (masked).',
        ),
      deployment: z
        .object({
          environment: z
            .string()
            .min(1)
            .describe(
              'Environment name the platform posts deployments to, exactly as it writes it (Vercel: "Production").',
            ),
          task: z
            .string()
            .min(1)
            .optional()
            .describe('Only deployments with this task (default: any task but Promote’s own).'),
        })
        .strict()
        .optional()
        .describe(
          "Instead of an endpoint: wait for the platform's GitHub deployment of the SHA in this environment to report success.",
        ),
      timeout: duration()
        .default('10m')
        .describe('How long production may take to serve the deployed SHA.'),
      interval: duration()
        .default('10s')
        .describe('First wait between polls; doubles up to 4x, at most 1m.'),
    })
    .strict()
    .superRefine((w, ctx) => {
      const sources = [w.url, w.path, w.deployment].filter((s) => s !== undefined).length;
      if (sources !== 1) {
        ctx.addIssue({
          code: 'custom',
          message:
            'wait-for-live needs exactly one of url, path (a version endpoint) or deployment: { environment }',
        });
        return;
      }
      if (w.deployment) {
        if (w['json-path'] !== undefined || w.regex !== undefined || w.headers !== undefined) {
          ctx.addIssue({
            code: 'custom',
            message:
              'wait-for-live.deployment reads GitHub, not an endpoint: drop json-path, regex and headers',
          });
        }
      } else if ((w['json-path'] === undefined) === (w.regex === undefined)) {
        ctx.addIssue({
          code: 'custom',
          message:
            'wait-for-live with a version endpoint needs exactly one of json-path or regex to find the SHA in the body',
        });
      }
    })
    .describe(
      'Wait, before any check, until production serves the deployed commit (platforms that deploy on push by themselves); red when it does not within timeout.',
    ),
);

const seal = lazy(() =>
  z
    .object({
      context: z
        .string()
        .min(1)
        .default('promote/smoke-seal')
        .describe('Commit status context (stable, so branch protection or dashboards can use it).'),
      'commit-status': z
        .boolean()
        .default(true)
        .describe('Record the seal as a commit status on the deployed SHA.'),
      'deployment-status': z
        .boolean()
        .default(true)
        .describe('Record the seal as a deployment status when a deployment id is given.'),
      'release-body': z
        .boolean()
        .default(true)
        .describe('Update a marked section of the release body when a release for the tag exists.'),
      chat: z.boolean().default(true).describe('Post the seal to the chat webhooks of `notify:`.'),
    })
    .strict(),
);

const issue = lazy(() =>
  z
    .object({
      enabled: z
        .boolean()
        .default(false)
        .describe('On red, open (or update) one issue per deployed SHA.'),
      mention: z
        .array(z.string().regex(/^@?[A-Za-z0-9-]+(\/[A-Za-z0-9_.-]+)?$/))
        .default([])
        .describe('People or teams to mention in that issue (GitHub logins).'),
      labels: z
        .array(z.string().min(1).max(LABEL_NAME_LIMIT))
        .default(['production-smoke'])
        .describe('Labels of that issue.'),
    })
    .strict(),
);

const rollback = lazy(() =>
  z
    .object({
      workflow: z
        .string()
        .min(1)
        .optional()
        .describe(
          'Rollback workflow file name (or id) dispatched when on-failure is rollback. Default: promote.rollback-workflow (promote-rollback.yml).',
        ),
      ref: z.string().optional().describe('Ref to dispatch on (default: the production branch).'),
      inputs: z
        .record(z.string(), z.string())
        .default({})
        .describe('Extra workflow_dispatch inputs; "{sha}" and "{tag}" are replaced.'),
    })
    .strict(),
);

export const smokeSection = lazy(() =>
  z
    .object({
      'base-url': httpUrl('smoke.base-url')
        .optional()
        .describe(
          'Production base URL; checks with a `path` are joined to it. The `base-url` input wins.',
        ),
      checks: z.array(httpCheck()).default([]).describe('HTTP checks (GET/HEAD only).'),
      commands: z.array(commandCheck()).default([]).describe('Command checks (read-only suites).'),
      retries: retries().prefault({}),
      timeouts: timeouts().prefault({}),
      redirects: z
        .number()
        .int()
        .min(0)
        .max(20)
        .default(5)
        .describe('Redirects followed per attempt (a loop is detected and reported).'),
      'insecure-tls': z
        .boolean()
        .default(false)
        .describe(
          'Accept self-signed certificates (per check, never process-wide). Default false.',
        ),
      concurrency: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(50)
        .describe('Checks in flight at once (default 50: fifty checks cost one round of latency).'),
      'wait-for-live': waitForLive().optional(),
      watch: watch().optional(),
      seal: seal().prefault({}),
      'on-failure': z
        .enum(['alert', 'fail', 'rollback'])
        .default('alert')
        .describe(
          'On a red seal: alert (chat, step succeeds with seal=red), fail (step fails), rollback (dispatch the rollback workflow).',
        ),
      issue: issue().prefault({}),
      rollback: rollback().prefault({}),
    })
    .strict()
    .superRefine((s, ctx) => {
      const seen = new Set<string>();
      for (const [i, c] of [...s.checks, ...s.commands].entries()) {
        if (seen.has(c.name)) {
          ctx.addIssue({
            code: 'custom',
            path: [i < s.checks.length ? 'checks' : 'commands'],
            message: `check name "${c.name}" is used twice; names must be unique`,
          });
        }
        seen.add(c.name);
      }
    }),
);

export type SmokeConfig = z.infer<ReturnType<typeof smokeSection>>;
export type SmokeHttpCheck = SmokeConfig['checks'][number];
export type SmokeWaitForLive = z.infer<ReturnType<typeof waitForLive>>;
