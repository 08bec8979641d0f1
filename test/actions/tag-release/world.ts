// A release world for in-process story tests: the GitHub emulator whose bare repository is filled
// from a real git history (test/support/git-history.ts), a workspace with .github/promotion.yml,
// a merged-PR event from @octokit/webhooks-examples, and run() wired through its ports.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@promote/core/clock';
import { createExec } from '@promote/core/exec';
import { emulatorGitHub } from '../../support/emulator-client.js';
import { memoryIO } from '@promote/core/io';
import { memoryLogger } from '@promote/core/logger';
import { createProgress } from '@promote/core/progress';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../support/emulator/server.js';
import { gitDataRoutes } from '../../support/emulator/routes/git-data.js';
import { unprocessable } from '../../support/emulator/errors.js';
import { adaptPayload, examplePayload } from '../../support/payloads.js';
import { createGitHistory, type GitHistory } from '../../support/git-history.js';
import { run } from '../../../actions/tag-release/src/main.js';

export const OWNER = 'acme';
export const REPO = 'shop';

export interface RunResult {
  outputs: Record<string, string>;
  failed: string | undefined;
  log: string[];
  summary: string;
}

export interface ReleaseWorld {
  emu: Emulator;
  /** The local history; `publish()` pushes it to the emulator. */
  h: GitHistory;
  workspace: string;
  writeConfig(yaml: string): void;
  publish(): void;
  /** Branches whose direct updates the emulator refuses like GitHub's protected branches (GH006). */
  protectedBranches: Set<string>;
  /** A merged PR event for `mergeSha` and run() in-process. */
  release(
    mergeSha: string,
    inputs?: Record<string, string>,
    env?: Record<string, string>,
  ): Promise<RunResult>;
  tags(): Promise<
    Record<string, { sha: string; type: string; message: string; objectSha: string }>
  >;
  fileOnMain(path: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The pull_request closed+merged payload of a real webhook example, adapted to this repository. */
export function mergedPullRequestEvent(mergeSha: string, number = 77) {
  return adaptPayload(examplePayload('pull_request', 'closed'), {
    owner: OWNER,
    repo: REPO,
    number,
    merged: true,
    mergeCommitSha: mergeSha,
    headSha: 'f'.repeat(40),
    baseRef: 'main',
    headRef: 'promote/staging-20261122-2200',
    title: 'Promote staging',
  });
}

export async function createReleaseWorld(options: EmulatorOptions = {}): Promise<ReleaseWorld> {
  const protectedBranches = new Set<string>();
  const emu = await startEmulator({
    owner: OWNER,
    repo: REPO,
    ...options,
    routes: {
      // GitHub refuses a direct ref update of a protected branch that requires PRs (GH006).
      'git/update-ref': async (ctx) => {
        const ref = String(ctx.params.ref);
        if (ref.startsWith('heads/') && protectedBranches.has(ref.slice('heads/'.length))) {
          throw unprocessable(
            `Protected branch update failed for refs/${ref}. Changes must be made through a pull request.`,
          );
        }
        return gitDataRoutes['git/update-ref']!(ctx);
      },
      ...options.routes,
    },
  });
  const h = createGitHistory();
  const workspace = mkdtempSync(join(tmpdir(), 'promote-release-ws-'));
  mkdirSync(join(workspace, '.github'), { recursive: true });
  const world: ReleaseWorld = {
    emu,
    h,
    workspace,
    protectedBranches,
    writeConfig(yaml) {
      writeFileSync(join(workspace, '.github', 'promotion.yml'), yaml);
    },
    publish() {
      h.pushTo(emu.git.dir);
    },
    async release(mergeSha, inputs = {}, env = {}) {
      const eventPath = join(workspace, 'event.json');
      writeFileSync(eventPath, JSON.stringify(mergedPullRequestEvent(mergeSha)));
      const io = memoryIO({ token: 'job-github-token', ...inputs });
      const logger = memoryLogger();
      const runEnv = {
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_WORKSPACE: workspace,
        GITHUB_SERVER_URL: 'https://github.com',
        // Where the client points: not github.com's API, so no git fetch goes to github.com.
        GITHUB_API_URL: emu.url,
        GITHUB_RUN_ID: '4242',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SHA: mergeSha,
        ...env,
      };
      await run({
        io,
        logger,
        clock: fixedClock('2026-11-22T23:00:00Z'),
        env: runEnv,
        github: emulatorGitHub(emu.url, logger),
        exec: createExec({ logger, env: runEnv }),
        progress: createProgress(),
        fetch: globalThis.fetch,
      });
      return { outputs: io.outputs, failed: io.failed, log: logger.lines, summary: io.summary };
    },
    tags: () => emu.git.tags() as ReturnType<ReleaseWorld['tags']>,
    fileOnMain: (path) => emu.git.readFile('main', path),
    async close() {
      await emu.close();
      await emu.git.remove();
      h.cleanup();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
  return world;
}
