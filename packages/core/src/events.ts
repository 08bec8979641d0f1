import { readFileSync } from 'node:fs';
import type {
  MergeGroupChecksRequestedEvent,
  PullRequestClosedEvent,
  PullRequestEvent,
  PushEvent,
  WorkflowDispatchEvent,
} from '@octokit/webhooks-types';
import { ConfigurationError } from './errors.js';

/** The event that started the run: its name and the payload GitHub wrote to GITHUB_EVENT_PATH. */
export interface RunEvent {
  name: string;
  payload: Record<string, unknown>;
}

/** The action was triggered by an event it does not handle: the user fixes the workflow's `on:`. */
export class UnsupportedEventError extends ConfigurationError {
  constructor(
    readonly action: string,
    readonly eventName: string,
    readonly supported: readonly string[],
  ) {
    super(
      `${action} does not handle the "${eventName || '(none)'}" event; trigger it on ${
        supported.length > 1
          ? `${supported.slice(0, -1).join(', ')} or ${supported[supported.length - 1]}`
          : (supported[0] ?? 'a supported event')
      }`,
    );
  }
}

/** Read GITHUB_EVENT_NAME and the JSON at GITHUB_EVENT_PATH (never at import time). */
export function readEvent(env: NodeJS.ProcessEnv = process.env): RunEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH ?? '';
  if (!name)
    throw new ConfigurationError(
      'GITHUB_EVENT_NAME is not set: run this action inside a GitHub Actions job.',
    );
  if (!path)
    throw new ConfigurationError(
      'GITHUB_EVENT_PATH is not set: run this action inside a GitHub Actions job.',
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `Cannot read the event payload at GITHUB_EVENT_PATH (${path}): ${(error as Error).message}`,
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `The event payload at ${path} is not JSON: ${(error as Error).message}`,
    );
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ConfigurationError(`The event payload at ${path} is not a JSON object.`);
  }
  return { name, payload: payload as Record<string, unknown> };
}

/** An event of the right kind that this run has nothing to do for (e.g. a PR closed unmerged). */
export interface Skip {
  skip: string;
}
export const isSkip = (value: unknown): value is Skip =>
  typeof value === 'object' && value !== null && typeof (value as Skip).skip === 'string';

/** Fail unless the event is one of `supported`. */
export function requireEvent(event: RunEvent, action: string, supported: readonly string[]): void {
  if (!supported.includes(event.name))
    throw new UnsupportedEventError(action, event.name, supported);
}

const stripRef = (ref: string) => ref.replace(/^refs\/(heads|tags)\//, '');

export interface PullRequestFacts {
  number: number;
  baseRef: string;
  headRef: string;
  headSha: string;
  title: string;
  author: string;
  /** Labels as the payload had them. A re-run replays the payload: read fresh labels from the API. */
  labels: string[];
  draft: boolean;
  htmlUrl: string;
}

export interface MergedPullRequest extends PullRequestFacts {
  /** What to tag and deploy: the merge commit, never the PR head (merge_commit_sha:
   * https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request). */
  mergeCommitSha: string;
  mergedAt: string;
  mergedBy: string | undefined;
}

function pullRequestFacts(pr: PullRequestEvent['pull_request'], number: number): PullRequestFacts {
  return {
    number,
    baseRef: pr.base.ref,
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    title: pr.title,
    author: pr.user?.login ?? '',
    labels: (pr.labels ?? []).map((l) => l.name),
    draft: Boolean(pr.draft),
    htmlUrl: pr.html_url,
  };
}

interface ReaderOptions {
  /** The action's name, for the error message. */
  action: string;
  /** Events the action accepts, for the error message (default: the one this reader reads). */
  supported?: readonly string[];
}

/** pull_request closed with merged: true. Closed without merging is a Skip. */
export function asMergedPullRequest(
  event: RunEvent,
  options: ReaderOptions,
): MergedPullRequest | Skip {
  requireEvent(event, options.action, options.supported ?? ['pull_request']);
  if (event.name !== 'pull_request')
    return { skip: `the "${event.name}" event is not a merged pull request` };
  const payload = event.payload as unknown as PullRequestEvent;
  if (payload.action !== 'closed') {
    return {
      skip: `pull request #${payload.number} was ${payload.action}, not merged; nothing to do until it is merged`,
    };
  }
  const pr = (payload as PullRequestClosedEvent).pull_request;
  if (!pr.merged)
    return { skip: `pull request #${payload.number} was closed without merging; nothing to do` };
  if (!pr.merge_commit_sha)
    throw new ConfigurationError(
      `pull request #${payload.number} is merged but the payload has no merge_commit_sha.`,
    );
  return {
    ...pullRequestFacts(pr, payload.number),
    mergeCommitSha: pr.merge_commit_sha,
    mergedAt: pr.merged_at ?? '',
    mergedBy: (pr as { merged_by?: { login?: string } | null }).merged_by?.login ?? undefined,
  };
}

export const PULL_REQUEST_UPDATE_ACTIONS = [
  'opened',
  'synchronize',
  'reopened',
  'edited',
  'labeled',
  'unlabeled',
  'ready_for_review',
] as const;

/** A PR opened or changed (new commits, reopened, edited, labelled). Other actions are a Skip. */
export function asPullRequestUpdate(
  event: RunEvent,
  options: ReaderOptions,
): (PullRequestFacts & { action: string }) | Skip {
  requireEvent(event, options.action, options.supported ?? ['pull_request']);
  if (event.name !== 'pull_request')
    return { skip: `the "${event.name}" event is not a pull request update` };
  const payload = event.payload as unknown as PullRequestEvent;
  if (!(PULL_REQUEST_UPDATE_ACTIONS as readonly string[]).includes(payload.action)) {
    return {
      skip: `pull request #${payload.number} was ${payload.action}; only ${PULL_REQUEST_UPDATE_ACTIONS.join(', ')} are evaluated`,
    };
  }
  return { ...pullRequestFacts(payload.pull_request, payload.number), action: payload.action };
}

/** Review actions that change what the approvals gate sees. */
export const PULL_REQUEST_REVIEW_ACTIONS = ['submitted', 'dismissed'] as const;

/**
 * pull_request_review submitted or dismissed: the approvals gate is judged again without a push.
 * The payload's pull_request has the same shape as pull_request's for what is read here.
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request_review
 */
export function asPullRequestReview(
  event: RunEvent,
  options: ReaderOptions,
): (PullRequestFacts & { action: string }) | Skip {
  requireEvent(event, options.action, options.supported ?? ['pull_request_review']);
  if (event.name !== 'pull_request_review')
    return { skip: `the "${event.name}" event is not a pull request review` };
  const payload = event.payload as {
    action?: string;
    pull_request?: PullRequestEvent['pull_request'];
  };
  const pr = payload.pull_request;
  if (!pr || typeof pr.number !== 'number')
    throw new ConfigurationError('pull_request_review: the payload has no pull_request.number.');
  const action = String(payload.action ?? '');
  if (!(PULL_REQUEST_REVIEW_ACTIONS as readonly string[]).includes(action)) {
    return {
      skip: `a review of pull request #${pr.number} was ${action}; only ${PULL_REQUEST_REVIEW_ACTIONS.join(', ')} are evaluated`,
    };
  }
  return { ...pullRequestFacts(pr, pr.number), action };
}

export interface MergeGroupFacts {
  /** The merge queue's temporary commit: the SHA the required check must report on. */
  headSha: string;
  headRef: string;
  baseSha: string;
  /** Branch name without refs/heads/. */
  baseRef: string;
  /** The PR number parsed from the queue branch name (gh-readonly-queue/<base>/pr-<n>-<sha>). */
  pullNumber: number | undefined;
}

/** merge_group checks_requested: required checks must run here too, or the queue waits forever. */
export function asMergeGroup(event: RunEvent, options: ReaderOptions): MergeGroupFacts | Skip {
  requireEvent(event, options.action, options.supported ?? ['merge_group']);
  if (event.name !== 'merge_group')
    return { skip: `the "${event.name}" event is not a merge group` };
  const payload = event.payload as unknown as MergeGroupChecksRequestedEvent;
  if (payload.action !== 'checks_requested')
    return { skip: `merge group ${String(payload.action)}: nothing to check` };
  const group = payload.merge_group;
  const pr = /\/pr-(\d+)-[0-9a-f]+$/.exec(group.head_ref);
  return {
    headSha: group.head_sha,
    headRef: group.head_ref,
    baseSha: group.base_sha,
    baseRef: stripRef(group.base_ref),
    pullNumber: pr ? Number(pr[1]) : undefined,
  };
}

export interface PushFacts {
  /** Full ref, e.g. refs/heads/main. */
  ref: string;
  /** Branch or tag name. */
  name: string;
  isTag: boolean;
  before: string;
  after: string;
  created: boolean;
  forced: boolean;
  commits: { id: string; message: string }[];
}

/** push to a branch or tag. A deletion (after = 000…) is a Skip. */
export function asPush(event: RunEvent, options: ReaderOptions): PushFacts | Skip {
  requireEvent(event, options.action, options.supported ?? ['push']);
  if (event.name !== 'push') return { skip: `the "${event.name}" event is not a push` };
  const payload = event.payload as unknown as PushEvent;
  if (payload.deleted || /^0+$/.test(payload.after))
    return { skip: `${payload.ref} was deleted; nothing to do` };
  return {
    ref: payload.ref,
    name: stripRef(payload.ref),
    isTag: payload.ref.startsWith('refs/tags/'),
    before: payload.before,
    after: payload.after,
    created: payload.created,
    forced: payload.forced,
    commits: (payload.commits ?? []).map((c) => ({ id: c.id, message: c.message })),
  };
}

export interface WorkflowDispatchFacts {
  /** Branch name the workflow was run from. */
  ref: string;
  workflow: string;
  /** Inputs as strings ('' for an empty input); booleans and numbers arrive as strings on GitHub. */
  inputs: Record<string, string>;
  actor: string;
}

/** workflow_dispatch: the inputs a person typed (untrusted text: keep it data). */
export function asWorkflowDispatch(event: RunEvent, options: ReaderOptions): WorkflowDispatchFacts {
  requireEvent(event, options.action, options.supported ?? ['workflow_dispatch']);
  const payload = event.payload as unknown as WorkflowDispatchEvent;
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload.inputs ?? {})) {
    inputs[k] = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  }
  return {
    ref: stripRef(payload.ref ?? ''),
    workflow: payload.workflow ?? '',
    inputs,
    actor: payload.sender?.login ?? '',
  };
}
