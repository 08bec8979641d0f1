import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import type { Logger } from '../logger.js';
import { ConfigurationError } from '../errors.js';
import { NO_RESPONSE_WITHIN } from './request-errors.js';
import { buffered, httpFetch, type FetchLike } from './http-fetch.js';
import { proxyFor } from './proxy.js';

/**
 * The Octokit @actions/github builds (core + REST endpoint methods + pagination), plus retry and
 * throttling, without @actions/github itself: that one loads undici (about 400 KiB of every
 * bundle) for its proxy-aware fetch even when no proxy is set. Requests go through node:http(s)
 * (./http-fetch.ts), through a CONNECT tunnel when the runner configures a proxy (./proxy.ts).
 */
const PromoteOctokit = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling);

/** The Octokit every action uses: `.rest.*`, `.paginate`, `.request`, with retry and throttling. */
export type GitHubClient = InstanceType<typeof PromoteOctokit>;

/** Which repository a call targets, as the REST API names it. */
// A type alias, not an interface, so `gh.rest.repos.get(repo)` accepts it (Octokit's parameters
// have an index signature that interfaces do not satisfy).
export type RepoRef = {
  owner: string;
  repo: string;
};

export interface GitHubClientOptions {
  token: string;
  logger: Logger;
  /**
   * REST base URL. Defaults to GITHUB_API_URL (GitHub Enterprise Server sets it to
   * https://HOST/api/v3), then https://api.github.com.
   */
  baseUrl?: string;
  userAgent?: string;
  /**
   * Per-request deadline including the response body, so a stalled connection fails (and is
   * retried) instead of hanging the job until its timeout-minutes. Default 60 s.
   */
  timeoutMs?: number;
  retry?: {
    /** Retries for 5xx, timeouts and transport errors (plugin-retry). Default 3. */
    retries?: number;
    /** Statuses never retried. Default: plugin-retry's 400/401/403/404/410/422/451. */
    doNotRetry?: number[];
    /** Wait before retry n is n^2 x this. Default 1000 ms. */
    retryAfterBaseMs?: number;
  };
  throttle?: {
    /** How many times a primary or secondary rate limit is waited out. Default 3. */
    maxRetries?: number;
    /** Retry-After seconds are multiplied by this. Default 1000 (i.e. real seconds). */
    retryAfterBaseMs?: number;
    /**
     * Spacing between content-creating requests. Default 1000 ms, GitHub's advice for staying
     * under the secondary limit (80 content-creating requests per minute); requests that notify
     * people (comments, issues, PRs) are spaced three times as far.
     */
    writeIntervalMs?: number;
  };
  /**
   * Replace the transport (tests; Node's own fetch fits). Defaults to node:http(s), through the
   * proxy that https_proxy / http_proxy name for the API host unless no_proxy exempts it.
   */
  fetch?: FetchLike;
  /** Where GITHUB_API_URL and the PROMOTE_GITHUB_* tunables are read. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_TIMEOUT_MS = 60_000;

function numberFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigurationError(`${name}: "${raw}" is not a non-negative number of milliseconds.`);
  }
  return value;
}

/**
 * Wraps fetch with a per-request deadline that also covers reading the body. @octokit/request
 * swallows a body-read failure on a 2xx and returns `data: ""`, so the body is read here, under
 * the deadline, and handed on buffered: a slow body becomes an error plugin-retry retries.
 */
function fetchWithTimeout(inner: FetchLike, timeoutMs: number): FetchLike {
  return async (input, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      return await buffered(await inner(input, { ...init, signal }));
    } catch (error) {
      if (deadline.aborted && !init.signal?.aborted) {
        const url = typeof input === 'string' ? input : input.href;
        // Not an AbortError, so @octokit/request wraps it as a retryable RequestError (500).
        throw new Error(`${NO_RESPONSE_WITHIN} ${timeoutMs} ms from ${stripQuery(url)}`, {
          cause: error,
        });
      }
      throw error;
    }
  };
}

function stripQuery(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * The GitHub client for every action. Retries 5xx/timeouts/transport errors (plugin-retry, which
 * also retries POSTs: a create can land twice, so the upsert helpers tolerate duplicates), waits
 * out primary and secondary rate limits a bounded number of times (plugin-throttling only honours
 * Retry-After when the callback returns true), and never logs the token.
 *
 * Pagination: `await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number, per_page: 100 })`
 * returns every item; use `gh.paginate.iterator` to stop early. Always pass per_page: 100.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { token, logger } = options;
  const env = options.env ?? process.env;
  if (!token) {
    throw new ConfigurationError(
      'No GitHub token: pass the `token` input (defaults to github.token) or a GitHub App / PAT token.',
    );
  }
  logger.setSecret(token);

  const baseUrl = (options.baseUrl ?? (env.GITHUB_API_URL || 'https://api.github.com')).replace(
    /\/+$/,
    '',
  );
  const timeoutMs =
    options.timeoutMs ?? numberFromEnv(env, 'PROMOTE_GITHUB_TIMEOUT_MS') ?? DEFAULT_TIMEOUT_MS;
  const retryBaseMs =
    options.retry?.retryAfterBaseMs ?? numberFromEnv(env, 'PROMOTE_GITHUB_RETRY_BASE_MS') ?? 1000;
  const throttleBaseMs =
    options.throttle?.retryAfterBaseMs ??
    numberFromEnv(env, 'PROMOTE_GITHUB_RETRY_AFTER_BASE_MS') ??
    1000;
  const writeIntervalMs =
    options.throttle?.writeIntervalMs ??
    numberFromEnv(env, 'PROMOTE_GITHUB_WRITE_INTERVAL_MS') ??
    1000;
  const maxThrottleRetries = options.throttle?.maxRetries ?? 3;

  const proxy = proxyFor(new URL(baseUrl), env);
  const innerFetch: FetchLike = options.fetch ?? httpFetch(proxy);

  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _o: unknown,
      retryCount: number,
    ) => {
      const what = `${request.method} ${request.url}`;
      if (retryCount < maxThrottleRetries) {
        logger.warning(
          `GitHub ${kind} hit on ${what}; retrying after ${retryAfter} s (retry ${retryCount + 1} of ${maxThrottleRetries}).`,
        );
        return true;
      }
      logger.warning(
        `GitHub ${kind} hit on ${what}; giving up after ${maxThrottleRetries} retries.`,
      );
      return false;
    };

  return new PromoteOctokit({
    auth: `token ${token}`,
    baseUrl,
    userAgent: withOrchestrationId(options.userAgent ?? 'promote-actions', env),
    log: {
      debug: (m: string) => logger.debug(m),
      info: (m: string) => logger.debug(m),
      warn: (m: string) => logger.warning(m),
      error: (m: string) => logger.error(m),
    },
    // @octokit/request calls it as fetch(url, { method, headers, body, redirect, signal }).
    request: { fetch: fetchWithTimeout(innerFetch, timeoutMs) as unknown as typeof fetch },
    retry: {
      retries: options.retry?.retries ?? 3,
      retryAfterBaseValue: retryBaseMs,
      ...(options.retry?.doNotRetry ? { doNotRetry: options.retry.doNotRetry } : {}),
    },
    throttle: {
      // A private id and write group per client: the plugin's default groups are process-wide.
      id: `promote-${++clientCount}`,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeIntervalMs }),
      // Writes that notify people (comments, PRs, issues) are spaced 3x as far, as the plugin does.
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeIntervalMs * 3 }),
      retryAfterBaseValue: throttleBaseMs,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
  });
}

let clientCount = 0;

/**
 * Appends the runner's orchestration id to the user agent, as @actions/github does, so GitHub can
 * tie API calls to the job that made them:
 * https://github.com/actions/toolkit/blob/main/packages/github/src/internal/utils.ts
 */
function withOrchestrationId(userAgent: string, env: NodeJS.ProcessEnv): string {
  const id = env.ACTIONS_ORCHESTRATION_ID?.trim();
  return id
    ? `${userAgent} actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}`
    : userAgent;
}
