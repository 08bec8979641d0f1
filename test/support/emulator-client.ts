import { createGitHubClient, type GitHubClient } from '@promote/core/github/client';
import type { Logger } from '@promote/core/logger';

/**
 * The `github` factory of an in-process action run against the emulator at `baseUrl`: retries
 * and write pacing at 1 ms / 0 ms, and a 30 s timeout. No fault in these worlds holds a request,
 * so a loaded machine (git behind every emulator write) must not turn a slow answer into a
 * failed run.
 */
export function emulatorGitHub(baseUrl: string, logger: Logger): (token: string) => GitHubClient {
  return (token) =>
    createGitHubClient({
      token,
      logger,
      baseUrl,
      retry: { retryAfterBaseMs: 1 },
      throttle: { retryAfterBaseMs: 1, writeIntervalMs: 0 },
      timeoutMs: 30_000,
    });
}
