// What protects a branch: classic branch protection and repository rulesets, read side by side.
// Rulesets are GitHub's current protection and do not show in the classic protection API
// (https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch), so a reader of one source
// only calls a ruleset-protected branch "unprotected".
import type { GitHubClient, RepoRef } from './client.js';
import { describeGitHubError, hasStatus } from './request-errors.js';

export type ProtectionSource = 'branch protection rule' | 'ruleset';

export interface BranchProtection {
  protected: boolean;
  /** required status-check contexts from every source, without duplicates */
  requiredChecks: string[];
  /** the sources that protect the branch (empty when unprotected) */
  sources: ProtectionSource[];
  /** a source that answered 403/404 while another protects: what it said */
  unreadable?: string[];
}

/** Rule types that restrict how the branch changes (a ruleset of only metadata rules does not). */
const PROTECTING_RULES = new Set([
  'pull_request',
  'required_status_checks',
  'non_fast_forward',
  'deletion',
  'update',
  'required_linear_history',
  'required_signatures',
  'required_deployments',
  'merge_queue',
]);

interface SourceReading {
  source: ProtectionSource;
  protects: boolean;
  checks: string[];
}

/** Classic protection as `GET /branches/{branch}` shows it (needs contents read, not admin). */
async function readClassic(
  gh: GitHubClient,
  repo: RepoRef,
  branch: string,
): Promise<SourceReading> {
  const { data } = await gh.rest.repos.getBranch({ ...repo, branch });
  const rsc = data.protection?.required_status_checks;
  const checks = [...(rsc?.contexts ?? []), ...(rsc?.checks ?? []).map((c) => c.context)];
  return {
    source: 'branch protection rule',
    protects: data.protection?.enabled ?? data.protected,
    checks,
  };
}

/** The active ruleset rules for the branch (metadata read; every token has it). */
async function readRulesets(
  gh: GitHubClient,
  repo: RepoRef,
  branch: string,
): Promise<SourceReading> {
  const rules = await gh.paginate(gh.rest.repos.getBranchRules, { ...repo, branch, per_page: 100 });
  const checks: string[] = [];
  for (const rule of rules) {
    if (rule.type !== 'required_status_checks') continue;
    const params = rule.parameters as
      { required_status_checks?: { context: string }[] } | undefined;
    for (const c of params?.required_status_checks ?? []) checks.push(c.context);
  }
  return {
    source: 'ruleset',
    protects: rules.some((r) => PROTECTING_RULES.has(r.type)),
    checks,
  };
}

/**
 * Reads both sources. A 403/404 from one is not a failure when the other protects the branch
 * (a GITHUB_TOKEN may not read one of them; GHES without rulesets answers 404); when neither
 * protects and one could not be read, the answer is unknown and this throws, naming it.
 */
export async function readBranchProtection(
  gh: GitHubClient,
  repo: RepoRef,
  branch: string,
): Promise<BranchProtection> {
  const settled = await Promise.allSettled([
    readClassic(gh, repo, branch),
    readRulesets(gh, repo, branch),
  ]);
  const names: ProtectionSource[] = ['branch protection rule', 'ruleset'];
  const readings: SourceReading[] = [];
  const unreadable: string[] = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') readings.push(s.value);
    else if (hasStatus(s.reason, 403) || hasStatus(s.reason, 404))
      unreadable.push(`${names[i]}: ${describeGitHubError(s.reason)}`);
    else throw s.reason;
  });
  const protecting = readings.filter((r) => r.protects);
  if (!protecting.length && unreadable.length) {
    throw new Error(
      `cannot tell whether ${branch} is protected: could not read the ${unreadable.join('; ')}. ` +
        'Give the token read access to both (contents: read reads the branch; metadata reads rulesets).',
    );
  }
  return {
    protected: protecting.length > 0,
    requiredChecks: [...new Set(protecting.flatMap((r) => r.checks))],
    sources: protecting.map((r) => r.source),
    ...(unreadable.length ? { unreadable } : {}),
  };
}
