import type { PreflightConfig } from '@promote/core/config/sections/preflight';
import type { OverrideRequest } from '@promote/core/gates/index';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import type { PullRequestFacts } from '@promote/core/gates/index';
import { REASON_LIMIT } from '@promote/core/github/limits';
import { truncate } from '@promote/core/markdown';

const REASON_LINE = /^\s*Override-Reason:\s*(.+?)\s*$/im;

export type OverrideState =
  | { state: 'none' }
  | { state: 'granted'; request: OverrideRequest }
  /** Asked for (label present) but not grantable: no reason given. */
  | { state: 'refused'; why: string };

export function reasonIn(text: string | null | undefined): string | undefined {
  return REASON_LINE.exec(text ?? '')?.[1];
}

/**
 * The emergency override, read fresh from the API (a re-run replays the old payload, whose
 * labels may be stale): the label on the PR now, who added it last (issue events) and the
 * reason from the PR body or the latest comment with an `Override-Reason:` line. On
 * workflow_dispatch the `override-reason` input and the person who ran the workflow.
 */
export async function readOverride(
  github: GitHubClient,
  repo: RepoRef,
  pr: PullRequestFacts,
  config: PreflightConfig,
  opts: { inputReason?: string; dispatchActor?: string; now: Date },
): Promise<OverrideState> {
  if (opts.dispatchActor !== undefined && opts.inputReason) {
    return {
      state: 'granted',
      request: {
        actor: opts.dispatchActor || 'unknown',
        at: opts.now.toISOString(),
        reason: opts.inputReason,
        via: 'workflow_dispatch input override-reason',
      },
    };
  }
  const label = config.override.label;
  if (!pr.labels.includes(label)) return { state: 'none' };
  const events = await github.paginate(github.rest.issues.listEvents, {
    ...repo,
    issue_number: pr.number,
    per_page: 100,
  });
  const labeled = (
    events as {
      event: string;
      label?: { name: string };
      actor?: { login: string } | null;
      created_at: string;
    }[]
  )
    .filter((e) => e.event === 'labeled' && e.label?.name === label)
    .pop();
  let reason = reasonIn(pr.body);
  let reasonBy = pr.author;
  if (!reason) {
    const comments = await github.paginate(github.rest.issues.listComments, {
      ...repo,
      issue_number: pr.number,
      per_page: 100,
    });
    for (const c of comments) {
      const r = reasonIn(c.body);
      if (r) {
        reason = r;
        reasonBy = c.user?.login ?? '';
      }
    }
  }
  if (!reason) {
    return {
      state: 'refused',
      why: `label "${label}" is on the PR but no reason is given: add a line "Override-Reason: <why>" to the PR description or a comment`,
    };
  }
  const actor = labeled?.actor?.login ?? 'unknown';
  return {
    state: 'granted',
    request: {
      actor,
      at: labeled?.created_at ?? opts.now.toISOString(),
      // Typed in a PR, not an input we can refuse: cut to the bound, the cut marked.
      reason: truncate(reason, REASON_LIMIT),
      via: `label "${label}"${reasonBy && reasonBy !== actor ? ` (reason by @${reasonBy})` : ''}`,
    },
  };
}
