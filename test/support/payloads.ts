import { createRequire } from 'node:module';

/**
 * Real webhook payloads from @octokit/webhooks-examples (contributed from GitHub's own
 * deliveries), adjusted to point at the emulator's repository. Tests never hand-write a payload:
 * they take a real one and change only the facts the story needs.
 *
 *   const payload = adaptPayload(examplePayload('pull_request', 'closed'), {
 *     owner: 'acme', repo: 'shop', number: 12, merged: true, mergeCommitSha: sha, baseRef: 'main',
 *   });
 */

interface ExampleGroup {
  name: string;
  actions: string[];
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
let examples: ExampleGroup[] | undefined;
function allExamples(): ExampleGroup[] {
  examples ??= require('@octokit/webhooks-examples/api.github.com/index.json') as ExampleGroup[];
  return examples;
}

/** The event names that have examples (for error messages and tests). */
export function exampleEvents(): string[] {
  return allExamples().map((g) => g.name);
}

/**
 * A deep copy of the first real example of `eventName` (with `action`, when given). The
 * collection has no merged pull_request; take `('pull_request', 'closed')` and adapt with
 * `merged: true`.
 */
export function examplePayload(eventName: string, action?: string): Record<string, unknown> {
  const group = allExamples().find((g) => g.name === eventName);
  if (!group) {
    throw new Error(
      `no webhook example for event "${eventName}" (have: ${exampleEvents().join(', ')})`,
    );
  }
  const found = action ? group.examples.find((e) => e.action === action) : group.examples[0];
  if (!found) {
    const have = [...new Set(group.examples.map((e) => String(e.action)))].join(', ');
    throw new Error(`no "${eventName}" example with action "${action}" (have: ${have})`);
  }
  return structuredClone(found);
}

export interface PayloadFacts {
  owner?: string | undefined;
  repo?: string | undefined;
  /** PR number (pull_request) */
  number?: number;
  title?: string;
  body?: string | null;
  headSha?: string;
  headRef?: string;
  baseSha?: string;
  baseRef?: string;
  mergeCommitSha?: string | null;
  merged?: boolean;
  draft?: boolean;
  /** Label names. */
  labels?: string[];
  /** The PR author (pull_request.user.login). */
  author?: string;
  /** Who triggered the event (sender.login). */
  sender?: string;
  /** push / workflow_dispatch: the ref (refs/heads/x); push: before / after SHAs. */
  ref?: string;
  before?: string;
  after?: string;
  /** workflow_dispatch inputs. */
  inputs?: Record<string, string>;
  /** Rewrite https://api.github.com and https://github.com in URLs (GHES-style tests). */
  apiUrl?: string;
  serverUrl?: string;
}

function replaceStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, fn));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, fn)]));
  }
  return value;
}

type Json = Record<string, any>;

function label(name: string, i: number): Json {
  return {
    id: 1000 + i,
    node_id: `LA_${i}`,
    url: `https://api.github.com/repos/OWNER/REPO/labels/${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: false,
    description: null,
  };
}

/**
 * Rewrites a real payload so its repository, owner, numbers and SHAs are the test's. Every URL
 * and `full_name` that named the example's repository is rewritten too, so nothing still points
 * at Codertocat/Hello-World.
 */
export function adaptPayload(payload: Record<string, unknown>, facts: PayloadFacts): Json {
  const original = payload as Json;
  const oldOwner: string | undefined = original.repository?.owner?.login;
  const oldRepo: string | undefined = original.repository?.name;
  const owner = facts.owner ?? oldOwner ?? 'octo-org';
  const repo = facts.repo ?? oldRepo ?? 'octo-repo';

  let p = replaceStrings(original, (s) => {
    let out = s;
    if (oldOwner && oldRepo) out = out.split(`${oldOwner}/${oldRepo}`).join(`${owner}/${repo}`);
    if (facts.apiUrl)
      out = out.split('https://api.github.com').join(facts.apiUrl.replace(/\/$/, ''));
    if (facts.serverUrl)
      out = out.split('https://github.com').join(facts.serverUrl.replace(/\/$/, ''));
    return out;
  }) as Json;

  if (p.repository) {
    p.repository.name = repo;
    p.repository.full_name = `${owner}/${repo}`;
    if (p.repository.owner) p.repository.owner.login = owner;
  }
  if (facts.sender && p.sender) p.sender.login = facts.sender;

  const pr: Json | undefined = p.pull_request;
  if (pr) {
    if (facts.number !== undefined) {
      pr.number = facts.number;
      if ('number' in p) p.number = facts.number;
      p = replaceStrings(p, (s) =>
        s.replace(
          new RegExp(`(/${owner}/${repo}/(?:pulls?|issues))/\\d+`, 'g'),
          `$1/${facts.number}`,
        ),
      ) as Json;
    }
    const prNow: Json = p.pull_request;
    if (facts.title !== undefined) prNow.title = facts.title;
    if (facts.body !== undefined) prNow.body = facts.body;
    if (facts.draft !== undefined) prNow.draft = facts.draft;
    if (facts.author) prNow.user.login = facts.author;
    if (facts.headRef !== undefined) {
      prNow.head.ref = facts.headRef;
      prNow.head.label = `${owner}:${facts.headRef}`;
    }
    if (facts.headSha !== undefined) prNow.head.sha = facts.headSha;
    if (facts.baseRef !== undefined) {
      prNow.base.ref = facts.baseRef;
      prNow.base.label = `${owner}:${facts.baseRef}`;
    }
    if (facts.baseSha !== undefined) prNow.base.sha = facts.baseSha;
    for (const side of [prNow.head, prNow.base]) {
      if (side?.repo) {
        side.repo.name = repo;
        side.repo.full_name = `${owner}/${repo}`;
        if (side.repo.owner) side.repo.owner.login = owner;
      }
      if (side?.user) side.user.login = owner;
    }
    if (facts.labels) prNow.labels = facts.labels.map(label);
    if (facts.mergeCommitSha !== undefined) prNow.merge_commit_sha = facts.mergeCommitSha;
    if (facts.merged !== undefined) {
      prNow.merged = facts.merged;
      if (facts.merged) {
        prNow.state = 'closed';
        prNow.merged_at ??= prNow.closed_at ?? '2026-01-01T00:00:00Z';
        prNow.closed_at ??= prNow.merged_at;
        prNow.merged_by ??= prNow.user;
      } else {
        prNow.merged_at = null;
        prNow.merged_by = null;
      }
    }
  }

  const group: Json | undefined = p.merge_group;
  if (group) {
    if (facts.headSha !== undefined) {
      group.head_sha = facts.headSha;
      if (group.head_commit) group.head_commit.id = facts.headSha;
    }
    if (facts.baseSha !== undefined) group.base_sha = facts.baseSha;
    if (facts.baseRef !== undefined)
      group.base_ref = `refs/heads/${facts.baseRef.replace(/^refs\/heads\//, '')}`;
    if (facts.headRef !== undefined) group.head_ref = facts.headRef;
    if (facts.number !== undefined) {
      const base = String(group.base_ref ?? 'refs/heads/main').replace(/^refs\/heads\//, '');
      group.head_ref ??= `refs/heads/gh-readonly-queue/${base}/pr-${facts.number}-${group.base_sha}`;
      group.head_ref = String(group.head_ref).replace(/pr-\d+-/, `pr-${facts.number}-`);
    }
  }

  if (facts.ref !== undefined && 'ref' in p) p.ref = facts.ref;
  if (!pr && !group) {
    if (facts.after !== undefined && 'after' in p) {
      p.after = facts.after;
      if (p.head_commit) p.head_commit.id = facts.after;
    }
    if (facts.before !== undefined && 'before' in p) p.before = facts.before;
    if (facts.headSha !== undefined && 'after' in p) {
      p.after = facts.headSha;
      if (p.head_commit) p.head_commit.id = facts.headSha;
    }
  }
  if (facts.inputs !== undefined && 'inputs' in p) p.inputs = { ...facts.inputs };
  if (facts.labels && p.label === undefined && p.issue) p.issue.labels = facts.labels.map(label);

  return replaceStrings(p, (s) =>
    s.replace('/repos/OWNER/REPO/', `/repos/${owner}/${repo}/`),
  ) as Json;
}
