import { JSONPath } from 'jsonpath-plus';
import type { Clock } from '@promote/core/clock';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { describeGitHubError } from '@promote/core/github/request-errors';
import { formatDuration } from '@promote/core/time';
import { truncate } from '@promote/core/markdown';
import type { CheckResult } from './http-check.js';
import { displayUrl, sendAttempt } from './http-request.js';
import type { LiveSpec, LiveTiming } from './plan.js';

/** One answer to "which commit does production serve?". `seen` is printable (masked by the caller). */
export interface LiveObservation {
  live: boolean;
  seen: string;
}

export type LiveProbe = () => Promise<LiveObservation>;

export interface LiveOutcome {
  live: boolean;
  /** The last thing production reported. */
  seen: string;
  polls: number;
  waitedMs: number;
}

/** Shortest SHA prefix accepted from a version endpoint (git's own default abbreviation). */
export const MIN_SHA_PREFIX = 7;

/** Longest wait between two polls: the interval doubles after each miss up to this. */
export function maxLiveIntervalMs(intervalMs: number): number {
  return Math.max(intervalMs, Math.min(intervalMs * 4, 60_000));
}

/**
 * Polls until production serves the SHA or the deadline passes: the wait starts at the interval
 * and doubles (at most 4x the interval, at most a minute), never sleeping past the deadline. The
 * number of polls is bounded by timeout / interval + 1; the clock is injected, so tests drive it.
 */
export async function waitForLive(
  probe: LiveProbe,
  timing: LiveTiming,
  deps: { clock: Clock; onPoll?: (observation: LiveObservation, poll: number) => void },
): Promise<LiveOutcome> {
  const start = deps.clock.now().getTime();
  const deadline = start + timing.timeoutMs;
  const cap = maxLiveIntervalMs(timing.intervalMs);
  let wait = timing.intervalMs;
  for (let polls = 1; ; polls++) {
    const observation = await probe();
    deps.onPoll?.(observation, polls);
    const now = deps.clock.now().getTime();
    if (observation.live || now >= deadline) {
      return { live: observation.live, seen: observation.seen, polls, waitedMs: now - start };
    }
    await deps.clock.sleep(Math.min(wait, deadline - now));
    wait = Math.min(wait * 2, cap);
  }
}

/** Whether a reported version is this SHA: the full SHA or a prefix of at least 7 hex digits. */
export function reportsSha(reported: string, sha: string): boolean {
  const value = reported.trim().toLowerCase();
  return (
    value.length >= MIN_SHA_PREFIX &&
    /^[0-9a-f]+$/.test(value) &&
    sha.toLowerCase().startsWith(value)
  );
}

/** The version endpoint as a probe: GET, then the SHA from the JSON path or the regex. */
export function versionProbe(
  spec: Extract<LiveSpec, { kind: 'version' }>,
  sha: string,
  send: typeof sendAttempt = sendAttempt,
): LiveProbe {
  return async () => {
    let response;
    try {
      response = await send({
        url: spec.url,
        method: 'GET',
        headers: spec.headers,
        maxRedirects: spec.maxRedirects,
        insecureTls: spec.insecureTls,
        timeoutMs: spec.attemptTimeoutMs,
      });
    } catch (error) {
      return { live: false, seen: (error as Error).message };
    }
    if (response.status < 200 || response.status > 299) {
      return { live: false, seen: `status ${response.status}` };
    }
    const value = extractVersion(spec, response.body);
    if (value === undefined) {
      return {
        live: false,
        seen: spec.jsonPath
          ? `no value at ${spec.jsonPath}`
          : `no match for /${spec.regex?.source}/`,
      };
    }
    return { live: reportsSha(value, sha), seen: JSON.stringify(truncate(value, 60)) };
  };
}

function extractVersion(
  spec: Extract<LiveSpec, { kind: 'version' }>,
  body: string,
): string | undefined {
  if (spec.regex) {
    const m = spec.regex.exec(body);
    return m ? (m[1] ?? m[0]) : undefined;
  }
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return undefined;
  }
  let found: unknown[];
  try {
    found = JSONPath({ path: spec.jsonPath ?? '$', json: document as object, wrap: true });
  } catch {
    return undefined;
  }
  const value = found[0];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** Promote's own deployments (migrate-with-rollback) say nothing about what the platform serves. */
const PROMOTE_TASKS = /^deploy:(migrate|rollback)$/;

/**
 * The platform's GitHub deployment of the SHA as a probe: live when the newest status of one of
 * its deployments in the environment is `success`. Promote's own deployments are not counted.
 */
export function deploymentProbe(
  spec: Extract<LiveSpec, { kind: 'deployment' }>,
  sha: string,
  deps: { github: () => GitHubClient; repo: RepoRef; ownDeploymentId?: number },
): LiveProbe {
  const short = sha.slice(0, 7);
  return async () => {
    let deployments;
    try {
      ({ data: deployments } = await deps.github().rest.repos.listDeployments({
        ...deps.repo,
        sha,
        environment: spec.environment,
        ...(spec.task ? { task: spec.task } : {}),
        per_page: 100,
      }));
    } catch (error) {
      return { live: false, seen: `deployments unreadable (${describeGitHubError(error)})` };
    }
    const theirs = deployments.filter(
      (d) => !PROMOTE_TASKS.test(d.task) && d.id !== deps.ownDeploymentId,
    );
    if (theirs.length === 0) {
      return { live: false, seen: `no deployment of ${short} to ${spec.environment}` };
    }
    const states: string[] = [];
    for (const d of theirs) {
      const { data: statuses } = await deps.github().rest.repos.listDeploymentStatuses({
        ...deps.repo,
        deployment_id: d.id,
        per_page: 1,
      });
      const state = statuses[0]?.state ?? 'no status';
      if (state === 'success') {
        return { live: true, seen: `deployment #${d.id} of ${short}: success` };
      }
      states.push(`deployment #${d.id} of ${short}: ${state}`);
    }
    return { live: false, seen: states.slice(0, 3).join('; ') };
  };
}

/** The seal table's row for the wait; when it failed, the red seal's sentence. */
export function liveResult(
  spec: LiveSpec,
  sha: string,
  outcome: LiveOutcome,
  mask: (text: string) => string,
): CheckResult {
  const target =
    spec.kind === 'version' ? displayUrl(spec.url) : `GitHub deployments (${spec.environment})`;
  const seen = mask(outcome.seen);
  return {
    name: 'live version',
    kind: 'live',
    ok: outcome.live,
    reason: outcome.live
      ? `production serves ${sha.slice(0, 7)} (${outcome.polls} poll${outcome.polls === 1 ? '' : 's'}, ${formatDuration(outcome.waitedMs)})`
      : `production did not serve ${sha.slice(0, 7)} within ${spec.timeoutText}: it reported ${seen}`,
    target,
    attempts: outcome.polls,
    history: [],
  };
}
