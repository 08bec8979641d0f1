// Events for `runner.trigger(event)`, shaped as the emulator emits them (CONTRACT.md): real
// webhook payloads from @octokit/webhooks-examples adapted to the emulator's repository.
import { adaptPayload, examplePayload } from '../payloads.js';
import type { RepoEvent, RunnerEmulator } from './types.js';

const PERSON = { login: 'octocat', tokenKind: 'default' as const, startsWorkflows: true };

/** "Run workflow" on `.github/workflows/<file>` at `ref` (a branch name or refs/heads/x). */
export function dispatchEvent(
  emulator: RunnerEmulator,
  opts: {
    workflow: string;
    ref?: string;
    sha: string;
    inputs?: Record<string, string>;
    sender?: string;
  },
): RepoEvent {
  const ref = opts.ref
    ? opts.ref.startsWith('refs/')
      ? opts.ref
      : `refs/heads/${opts.ref}`
    : 'refs/heads/main';
  const payload = adaptPayload(examplePayload('workflow_dispatch'), {
    owner: emulator.owner,
    repo: emulator.repo,
    sender: opts.sender,
  });
  payload.ref = ref;
  payload.inputs = opts.inputs ?? {};
  payload.workflow = opts.workflow.includes('/')
    ? opts.workflow
    : `.github/workflows/${opts.workflow}`;
  return {
    name: 'workflow_dispatch',
    payload,
    ref,
    sha: opts.sha,
    actor: { ...PERSON, login: opts.sender ?? 'octocat' },
  };
}

export function pushEvent(
  emulator: RunnerEmulator,
  opts: { ref: string; before: string; after: string },
): RepoEvent {
  const payload = adaptPayload(examplePayload('push'), {
    owner: emulator.owner,
    repo: emulator.repo,
    ref: opts.ref,
    before: opts.before,
    after: opts.after,
  });
  payload.ref = opts.ref;
  payload.before = opts.before;
  payload.after = opts.after;
  return { name: 'push', payload, ref: opts.ref, sha: opts.after, actor: PERSON };
}

export function pullRequestEvent(
  emulator: RunnerEmulator,
  action: string,
  pr: {
    number: number;
    head: { ref: string; sha: string };
    base: { ref: string; sha?: string };
    merged?: boolean;
    merge_commit_sha?: string | null;
    title?: string;
  },
  actor: RepoEvent['actor'] = PERSON,
): RepoEvent {
  const payload = adaptPayload(
    examplePayload(
      'pull_request',
      action === 'synchronize' ? 'synchronize' : action === 'closed' ? 'closed' : 'opened',
    ),
    {
      owner: emulator.owner,
      repo: emulator.repo,
      number: pr.number,
      headRef: pr.head.ref,
      headSha: pr.head.sha,
      baseRef: pr.base.ref,
      baseSha: pr.base.sha,
      merged: pr.merged ?? false,
      mergeCommitSha: pr.merge_commit_sha ?? null,
      title: pr.title,
    },
  );
  payload.action = action;
  // GITHUB_REF is the PR's merge ref; GITHUB_SHA its merge commit (after a merge: the merge commit).
  // https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request
  return {
    name: 'pull_request',
    payload,
    ref: `refs/pull/${pr.number}/merge`,
    sha: pr.merge_commit_sha ?? pr.head.sha,
    actor,
  };
}

export function mergeGroupEvent(
  emulator: RunnerEmulator,
  opts: { baseRef: string; headSha: string; baseSha: string; number: number },
): RepoEvent {
  const payload = adaptPayload(examplePayload('merge_group', 'checks_requested'), {
    owner: emulator.owner,
    repo: emulator.repo,
    baseRef: opts.baseRef,
    headSha: opts.headSha,
    baseSha: opts.baseSha,
    number: opts.number,
  });
  const ref = String(payload.merge_group.head_ref);
  return { name: 'merge_group', payload, ref, sha: opts.headSha, actor: PERSON };
}
