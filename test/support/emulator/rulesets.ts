// Branch rules: classic branch protection (state.protection) and repository rulesets
// (state.rulesets), both enforced on every ref move made through the API.
// Rulesets: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets
import { HttpError } from './errors.js';
import { ZERO_SHA } from './git.js';
import type { EmulatorCore } from './types.js';

export interface RulesetRule {
  type:
    | 'creation'
    | 'update'
    | 'deletion'
    | 'non_fast_forward'
    | 'required_linear_history'
    | 'required_signatures'
    | 'pull_request'
    | 'required_status_checks';
  parameters?: Record<string, any>;
}

export interface RulesetBypassActor {
  actor_id: number | null;
  actor_type: 'Integration' | 'OrganizationAdmin' | 'RepositoryRole' | 'Team' | 'DeployKey';
  bypass_mode?: 'always' | 'pull_request';
}

/** A repository ruleset, shaped like GitHub's (`GET /repos/{o}/{r}/rulesets/{id}`). */
export interface RulesetRecord {
  id: number;
  name: string;
  target: 'branch' | 'tag';
  enforcement: 'active' | 'evaluate' | 'disabled';
  /** `include`/`exclude`: `~DEFAULT_BRANCH`, `~ALL`, or `refs/heads/<fnmatch pattern>` */
  conditions: { ref_name: { include: string[]; exclude: string[] } };
  rules: RulesetRule[];
  bypass_actors: RulesetBypassActor[];
}

export type RulesetInput = Partial<Omit<RulesetRecord, 'rules'>> & { rules: RulesetRule[] };

const PULL_REQUEST_DEFAULTS = {
  dismiss_stale_reviews_on_push: false,
  require_code_owner_review: false,
  require_last_push_approval: false,
  required_approving_review_count: 0,
  required_review_thread_resolution: false,
};

/** Fills GitHub's defaults so the rule matches the schema GitHub documents for it. */
export function normalizeRuleset(id: number, input: RulesetInput): RulesetRecord {
  return {
    id,
    name: input.name ?? `ruleset-${id}`,
    target: input.target ?? 'branch',
    enforcement: input.enforcement ?? 'active',
    conditions: {
      ref_name: {
        include: input.conditions?.ref_name.include ?? ['~DEFAULT_BRANCH'],
        exclude: input.conditions?.ref_name.exclude ?? [],
      },
    },
    rules: input.rules.map((r) => {
      if (r.type === 'pull_request')
        return { type: r.type, parameters: { ...PULL_REQUEST_DEFAULTS, ...r.parameters } };
      if (r.type === 'required_status_checks')
        return {
          type: r.type,
          parameters: {
            strict_required_status_checks_policy: false,
            required_status_checks: [],
            ...r.parameters,
          },
        };
      return r.parameters ? { type: r.type, parameters: r.parameters } : { type: r.type };
    }),
    bypass_actors: input.bypass_actors ?? [],
  };
}

/** fnmatch as rulesets use it: `*` within one path segment, `**` across segments. */
function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function patternMatches(emu: EmulatorCore, pattern: string, ref: string): boolean {
  if (pattern === '~ALL') return true;
  if (pattern === '~DEFAULT_BRANCH') return ref === `refs/heads/${emu.defaultBranch}`;
  return globToRegExp(pattern).test(ref);
}

/** Whether a ruleset targets this branch (`branch` without refs/heads/). */
export function rulesetApplies(emu: EmulatorCore, ruleset: RulesetRecord, branch: string): boolean {
  if (ruleset.target !== 'branch' || ruleset.enforcement !== 'active') return false;
  const ref = `refs/heads/${branch}`;
  const { include, exclude } = ruleset.conditions.ref_name;
  return (
    include.some((p) => patternMatches(emu, p, ref)) &&
    !exclude.some((p) => patternMatches(emu, p, ref))
  );
}

/** The active rules for a branch, as `GET /repos/{o}/{r}/rules/branches/{branch}` lists them. */
export function rulesForBranch(emu: EmulatorCore, branch: string) {
  return emu.state.rulesets
    .filter((rs) => rulesetApplies(emu, rs, branch))
    .flatMap((rs) =>
      rs.rules.map((rule) => ({
        ...rule,
        ruleset_source_type: 'Repository' as const,
        ruleset_source: `${emu.owner}/${emu.repo}`,
        ruleset_id: rs.id,
      })),
    );
}

/** Required status-check contexts of a branch from rulesets. */
export function rulesetRequiredContexts(emu: EmulatorCore, branch: string): string[] {
  return rulesForBranch(emu, branch)
    .filter((r) => r.type === 'required_status_checks')
    .flatMap(
      (r) =>
        ((r.parameters?.required_status_checks as { context: string }[] | undefined) ?? []).map(
          (c) => c.context,
        ) ?? [],
    );
}

/** Contexts of `contexts` without a green status or check run on `sha`. */
export function missingChecks(emu: EmulatorCore, sha: string, contexts: string[]): string[] {
  return contexts.filter((context) => {
    const status = emu.state.statuses.filter((s) => s.sha === sha && s.context === context).at(-1);
    const run = emu.state.checkRuns.filter((c) => c.head_sha === sha && c.name === context).at(-1);
    return !(
      status?.state === 'success' ||
      (run?.status === 'completed' &&
        ['success', 'neutral', 'skipped'].includes(run.conclusion ?? ''))
    );
  });
}

/** `after` of a move whose commit is not written yet (the contents API): it has no checks. */
export const NEW_COMMIT = 'new-commit';

export interface RefMove {
  /** full ref, e.g. refs/heads/main */
  ref: string;
  /** ZERO_SHA when the ref is created */
  before: string;
  /** ZERO_SHA when the ref is deleted */
  after: string;
  /** whether `after` contains `before` (a fast-forward) */
  fastForward: boolean;
  /** 'ref': the Git refs API (422 on refusal); 'contents': the contents API (409) */
  via: 'ref' | 'contents';
}

export interface Pusher {
  login: string;
  /** the token may bypass rulesets and branch protection */
  bypass: boolean;
}

/**
 * Refuses a ref move that branch protection or a ruleset forbids, with GitHub's answers:
 * - classic protection, refs API: 422 `Protected branch update failed for refs/heads/main.` + the
 *   reason, the REST form of git's GH006 (e.g. dbt-labs/dbt-utils#886,
 *   https://github.com/dbt-labs/dbt-utils/issues/886);
 * - classic protection, contents API: 409, as before;
 * - rulesets: `Repository rule violations found\n\nChanges must be made through a pull request.\n\n`
 *   (the refs API answers 422, https://github.com/satisfactory-factories/application/issues/67;
 *   the contents API 409, its documented `repository-rule-violation-error`), the REST form of
 *   git's GH013; "N of M required status checks are expected." as git prints it
 *   (https://github.com/gleam-lang/gleam/pull/6080).
 */
export function refusePush(emu: EmulatorCore, move: RefMove, pusher: Pusher): void {
  if (!move.ref.startsWith('refs/heads/') || pusher.bypass) return;
  const branch = move.ref.slice('refs/heads/'.length);
  const created = move.before === ZERO_SHA;
  const deleted = move.after === ZERO_SHA;

  const protection = created ? undefined : emu.state.protection[branch];
  if (protection && !protection.bypass?.includes(pusher.login)) {
    if (move.via === 'contents') {
      if (protection.required_pull_request_reviews)
        throw new HttpError(
          409,
          'Repository rule violations found\n\nChanges must be made through a pull request.\n\n',
        );
      const contexts = protection.required_status_checks?.contexts ?? [];
      const missing = missingChecks(emu, move.after, contexts);
      // The contents API's words (kevgo/prettifier#28, https://github.com/kevgo/prettifier/issues/28).
      if (missing.length)
        throw new HttpError(
          409,
          `Could not update file: ${missing.length} of ${contexts.length} required status checks are expected.`,
        );
    } else {
      if (protection.required_pull_request_reviews)
        throw new HttpError(
          422,
          `Protected branch update failed for ${move.ref}. Changes must be made through a pull request.`,
        );
      if (protection.required_status_checks?.contexts.length) {
        const contexts = protection.required_status_checks.contexts.map((c) => `"${c}"`).join(', ');
        throw new HttpError(
          422,
          `Protected branch update failed for ${move.ref}. Required status checks ${contexts} are expected.`,
        );
      }
      if (!move.fastForward && !deleted && !protection.allow_force_pushes)
        throw new HttpError(
          422,
          `Protected branch update failed for ${move.ref}. Cannot force-push to this branch.`,
        );
      if (deleted)
        throw new HttpError(
          422,
          `Protected branch update failed for ${move.ref}. Cannot delete this branch.`,
        );
    }
  }

  const violations: string[] = [];
  const rules = rulesForBranch(emu, branch);
  const has = (type: RulesetRule['type']) => rules.some((r) => r.type === type);
  if (created && has('creation'))
    violations.push('Cannot create ref due to creations being restricted.');
  if (deleted && has('deletion')) violations.push('Cannot delete this branch');
  if (!created && !deleted && has('update')) violations.push('Cannot update this protected ref.');
  if (!created && !deleted && !move.fastForward && has('non_fast_forward'))
    violations.push('Cannot force-push to this branch');
  if (!deleted && has('pull_request'))
    violations.push('Changes must be made through a pull request.');
  if (!deleted) {
    const contexts = rulesetRequiredContexts(emu, branch);
    const missing = missingChecks(emu, move.after, contexts);
    if (missing.length)
      violations.push(
        `${missing.length} of ${contexts.length} required status check${contexts.length === 1 ? ' is' : 's are'} expected.`,
      );
  }
  if (violations.length) {
    throw new HttpError(
      move.via === 'contents' ? 409 : 422,
      `Repository rule violations found\n\n${violations.join('\n\n')}\n\n`,
    );
  }
}
