import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from 'yaml';

/**
 * The workflow security policy every workflow in .github/workflows (and every example caller)
 * must meet. Each rule is one function so a bad fixture can prove it fires on its own.
 * Sources: zizmor's audits (https://docs.zizmor.sh/audits/), actionlint
 * (https://github.com/rhysd/actionlint) and OpenSSF Scorecard's checks
 * (https://github.com/ossf/scorecard/blob/main/docs/checks.md).
 */
export type RuleId =
  | 'top-permissions-empty'
  | 'write-scope-explained'
  | 'pinned-by-sha'
  | 'no-expression-in-run'
  | 'no-dangerous-triggers'
  | 'persist-credentials-false'
  | 'timeout-on-every-job'
  | 'explicit-secrets'
  | 'deploy-concurrency'
  | 'no-cache-in-deploy'
  | 'production-secrets-in-environment-jobs'
  | 'app-token-narrowed';

export interface Violation {
  rule: RuleId;
  where: string;
  message: string;
}

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * The one exception to "never `secrets: inherit`": a caller of Promote's deploy workflows
 * (on-merge.yml, rollback.yml) pinned by full commit SHA. Environment secrets reach a called job
 * only when the caller inherits (https://docs.github.com/en/actions/how-tos/sharing-automations/reusing-workflows;
 * actions/runner#4453, #1490), and the production credentials live only in the environment.
 */
export const PROMOTE_DEPLOY_WORKFLOW =
  /^[A-Za-z0-9_.-]+\/promote\/\.github\/workflows\/(on-merge|rollback)\.yml@[0-9a-f]{40}$/;

/**
 * Production credentials: environment secrets of `production`, read only by a job that declares
 * `environment:` (elsewhere they are empty at best, and a repository copy readable from any
 * branch at worst). docs/workflows.md#secrets.
 */
export const PRODUCTION_SECRETS = [
  'DATABASE_URL',
  'CLOUDFLARE_API_TOKEN',
  'DEPLOY_HOOK_URL',
  'PROMOTE_BACKUP_ACCESS_KEY_ID',
  'PROMOTE_BACKUP_SECRET_ACCESS_KEY',
  'PROMOTE_BACKUP_AGE_IDENTITY',
] as const;
const PRODUCTION_SECRET_REF = new RegExp(`\\bsecrets\\.(${PRODUCTION_SECRETS.join('|')})\\b`, 'i');
// Untrusted or not, an expression in a shell script is parsed by the shell after substitution;
// the policy is stricter than "untrusted only": every value reaches run: through env:.
const EXPRESSION = /\$\{\{/;

type Job = { key: string; node: YAMLMap };

function get(map: unknown, key: string): unknown {
  return isMap(map) ? map.get(key, true) : undefined;
}

function scalar(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

function jobsOf(doc: YAMLMap): Job[] {
  const jobs = get(doc, 'jobs');
  if (!isMap(jobs)) return [];
  return jobs.items.flatMap((pair) =>
    isScalar(pair.key) && isMap(pair.value)
      ? [{ key: String(pair.key.value), node: pair.value as YAMLMap }]
      : [],
  );
}

function stepsOf(job: Job): YAMLMap[] {
  const steps = get(job.node, 'steps');
  return isSeq(steps) ? (steps.items.filter((s) => isMap(s)) as YAMLMap[]) : [];
}

function triggers(doc: YAMLMap): string[] {
  const on = get(doc, 'on');
  if (isScalar(on)) return [String(on.value)];
  if (isSeq(on)) return on.items.map((i) => String(scalar(i)));
  if (isMap(on)) return on.items.map((p) => String(scalar(p.key)));
  return [];
}

function hasComment(pair: Pair): boolean {
  const valueComment = isScalar(pair.value) ? pair.value.comment : undefined;
  const keyComment = isScalar(pair.key) ? pair.key.commentBefore : undefined;
  return Boolean(valueComment?.trim() || keyComment?.trim());
}

export function checkWorkflow(source: string, file: string): Violation[] {
  const parsed = parseDocument(source);
  const doc = parsed.contents;
  if (!isMap(doc)) return [];
  const out: Violation[] = [];
  const add = (rule: RuleId, where: string, message: string) =>
    out.push({ rule, where: `${file}: ${where}`, message });
  const deploysOrReleases = /deploy|migrate|release|rollback|on-merge/i.test(file);

  const top = get(doc, 'permissions');
  if (!(isMap(top) && top.items.length === 0)) {
    add(
      'top-permissions-empty',
      'permissions',
      'set `permissions: {}` at the top; grant write scopes per job',
    );
  }

  for (const t of triggers(doc)) {
    if (t === 'pull_request_target' || t === 'workflow_run') {
      add(
        'no-dangerous-triggers',
        `on.${t}`,
        `${t} runs with write access on untrusted input; use pull_request / workflow_call`,
      );
    }
  }

  for (const job of jobsOf(doc)) {
    const where = `jobs.${job.key}`;
    const perms = get(job.node, 'permissions');
    if (isMap(perms)) {
      for (const pair of perms.items) {
        if (scalar(pair.value) === 'write' && !hasComment(pair)) {
          add(
            'write-scope-explained',
            `${where}.permissions.${String(scalar(pair.key))}`,
            'every write scope needs a comment saying why',
          );
        }
      }
    } else if (scalar(perms) === 'write-all') {
      add(
        'write-scope-explained',
        `${where}.permissions`,
        'write-all is never explained enough; list scopes',
      );
    }

    const calledWorkflow = scalar(get(job.node, 'uses'));
    if (calledWorkflow === undefined && get(job.node, 'timeout-minutes') === undefined) {
      add('timeout-on-every-job', where, 'set timeout-minutes (the default is 6 hours)');
    }
    if (
      scalar(get(job.node, 'secrets')) === 'inherit' &&
      !(typeof calledWorkflow === 'string' && PROMOTE_DEPLOY_WORKFLOW.test(calledWorkflow))
    ) {
      add(
        'explicit-secrets',
        `${where}.secrets`,
        'map secrets explicitly; `secrets: inherit` only for a call of Promote on-merge.yml/rollback.yml pinned by SHA',
      );
    }
    if (typeof calledWorkflow === 'string') checkUses(calledWorkflow, where, add);

    const environment = get(job.node, 'environment');
    if (environment !== undefined) {
      const concurrency = get(job.node, 'concurrency');
      const cancel = scalar(get(concurrency, 'cancel-in-progress'));
      // queue: max keeps every pending deploy/rollback in line; the default (single) lets a newer
      // pending job cancel an older pending one (a merge cancelling a queued rollback).
      const queue = scalar(get(concurrency, 'queue'));
      if (!isMap(concurrency) || cancel !== false || queue !== 'max') {
        add(
          'deploy-concurrency',
          `${where}.concurrency`,
          'a deploy job needs a concurrency group per environment with cancel-in-progress: false and queue: max',
        );
      }
    } else {
      // Any reference, in env:, with:, if: or outputs, of a production secret.
      const text = JSON.stringify(job.node.toJSON());
      const match = PRODUCTION_SECRET_REF.exec(text);
      if (match) {
        add(
          'production-secrets-in-environment-jobs',
          where,
          `secrets.${match[1]} is a production environment secret: read it only in a job that declares environment:`,
        );
      }
    }

    stepsOf(job).forEach((step, i) => {
      const stepWhere = `${where}.steps[${i}]`;
      const uses = scalar(get(step, 'uses'));
      const run = scalar(get(step, 'run'));
      if (typeof run === 'string' && EXPRESSION.test(run)) {
        add(
          'no-expression-in-run',
          `${stepWhere}.run`,
          'pass values to run: through env:, never ${{ }} inside the script',
        );
      }
      if (typeof uses !== 'string') return;
      checkUses(uses, stepWhere, add);
      const withMap = get(step, 'with');
      if (
        /^actions\/checkout@/.test(uses) &&
        scalar(get(withMap, 'persist-credentials')) !== false
      ) {
        add(
          'persist-credentials-false',
          `${stepWhere}.with`,
          'actions/checkout needs persist-credentials: false',
        );
      }
      // create-github-app-token without permission-* mints a token with every permission of
      // the installation; app-id is deprecated for client-id (v3.1).
      if (/^actions\/create-github-app-token@/.test(uses)) {
        const keys = isMap(withMap) ? withMap.items.map((p) => String(scalar(p.key))) : [];
        if (!keys.some((k) => k.startsWith('permission-')) || keys.includes('app-id')) {
          add(
            'app-token-narrowed',
            `${stepWhere}.with`,
            'mint App tokens with client-id and the permission-* inputs the step needs',
          );
        }
      }
      if (deploysOrReleases) {
        const cacheInput = scalar(get(withMap, 'cache'));
        if (/^actions\/cache(\/|@)/.test(uses) || (/^actions\/setup-/.test(uses) && cacheInput)) {
          add(
            'no-cache-in-deploy',
            stepWhere,
            'no caches in deploy/release workflows (cache poisoning)',
          );
        }
      }
    });
  }
  return out;
}

function checkUses(
  uses: string,
  where: string,
  add: (rule: RuleId, where: string, message: string) => void,
) {
  // Local (`./`), self-repository (`$/`, same commit) and docker:// references carry no tag to move.
  if (uses.startsWith('./') || uses.startsWith('$/') || uses.startsWith('docker://')) return;
  const ref = uses.split('@')[1] ?? '';
  if (!FULL_SHA.test(ref)) {
    add('pinned-by-sha', where, `pin ${uses} to a full commit SHA with a version comment`);
  }
}
