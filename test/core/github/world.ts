// One emulator + one client per test, with GitHub's pacing shortened (waits are not what these
// tests prove) and an end-of-test check that the emulator answered on contract.
import { createGitHubClient, type GitHubClient, type RepoRef } from '@promote/core/github/client';
import { memoryLogger, type MemoryLogger } from '@promote/core/logger';
import { startEmulator, type Emulator } from '../../support/emulator/index.js';

export interface World {
  emu: Emulator;
  gh: GitHubClient;
  repo: RepoRef;
  logger: MemoryLogger;
  mainSha: string;
}

export const TOKEN = 'ghs_worldToken0123456789abcdefABCDEF012345';

export function fastClient(
  emu: Emulator,
  logger: MemoryLogger,
  extra: Partial<Parameters<typeof createGitHubClient>[0]> = {},
) {
  return createGitHubClient({
    token: TOKEN,
    logger,
    // GitHub Enterprise Server style prefix: the emulator serves /api/v3 like GHES does.
    baseUrl: `${emu.url}/api/v3`,
    // No fault in these worlds holds a request unless the test says so (and then passes its own
    // timeout): a loaded machine must not turn a slow create into a retried one (a second POST).
    timeoutMs: 30_000,
    retry: { retryAfterBaseMs: 1 },
    throttle: { retryAfterBaseMs: 1, writeIntervalMs: 0 },
    env: {},
    ...extra,
  });
}

export async function startWorld(): Promise<World> {
  const emu = await startEmulator({ owner: 'acme', repo: 'shop' });
  const logger = memoryLogger();
  const gh = fastClient(emu, logger);
  const mainSha = (await emu.git.revParse('refs/heads/main')) as string;
  return { emu, gh, repo: { owner: 'acme', repo: 'shop' }, logger, mainSha };
}

export async function stopWorld(world: World | undefined): Promise<void> {
  if (!world) return;
  const { emu } = world;
  try {
    expect({
      violations: emu.contractViolations,
      errors: emu.errors,
      unimplemented: emu.unimplemented,
    }).toEqual({
      violations: [],
      errors: [],
      unimplemented: [],
    });
  } finally {
    await emu.close();
  }
}
