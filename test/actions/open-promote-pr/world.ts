// A promotion world for in-process story tests: the GitHub emulator (real git underneath),
// a workspace with .github/promotion.yml, and run() wired to both through its ports.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@promote/core/clock';
import { createExec } from '@promote/core/exec';
import { createProgress } from '@promote/core/progress';
import { emulatorGitHub } from '../../support/emulator-client.js';
import { memoryIO } from '@promote/core/io';
import { memoryLogger } from '@promote/core/logger';
import { startEmulator, type Emulator } from '../../support/emulator/server.js';
import { assigneesRoutes } from '../../support/emulator/routes/assignees.js';
import { adaptPayload, examplePayload } from '../../support/payloads.js';
import { run } from '../../../actions/open-promote-pr/src/main.js';

/** The workflow_dispatch a person's "promote" delivers, written where GITHUB_EVENT_PATH points. */
function dispatchEvent(workspace: string): string {
  const path = join(workspace, 'dispatch.json');
  writeFileSync(path, JSON.stringify(adaptPayload(examplePayload('workflow_dispatch'), {})));
  return path;
}

export const OWNER = 'acme';
export const REPO = 'config-repo';

export interface World {
  emu: Emulator;
  workspace: string;
  writeConfig(yaml: string): void;
  /** A commit on staging (the branch is made from main on first use). */
  commitToStaging(message: string, files?: Record<string, string>): Promise<string>;
  promote(
    inputs?: Record<string, string>,
    /** env: added to the action's environment and its commands' (credentials, PATH). */
    opts?: { now?: string; actor?: string; env?: NodeJS.ProcessEnv },
  ): Promise<{
    outputs: Record<string, string>;
    failed: string | undefined;
    log: string[];
    summary: string;
  }>;
  pulls(state?: 'open' | 'closed' | 'all'): Emulator['state']['pulls'];
  close(): Promise<void>;
}

let fileCounter = 0;

export async function createWorld(reviewers: string[] = []): Promise<World> {
  const emu = await startEmulator({ owner: OWNER, repo: REPO, routes: assigneesRoutes });
  for (const login of reviewers) {
    emu.state.users[login] = {
      login,
      id: 5000 + Object.keys(emu.state.users).length,
      type: 'User',
    };
    emu.state.collaborators.push(login);
  }
  const workspace = mkdtempSync(join(tmpdir(), 'promote-ws-'));
  mkdirSync(join(workspace, '.github'), { recursive: true });
  const world: World = {
    emu,
    workspace,
    writeConfig(yaml) {
      writeFileSync(join(workspace, '.github', 'promotion.yml'), yaml);
    },
    async commitToStaging(message, files) {
      fileCounter += 1;
      return emu.git.commit({
        branch: 'staging',
        message,
        files: files ?? { [`changes/c${fileCounter}.txt`]: `change ${fileCounter}\n` },
      });
    },
    async promote(inputs = {}, opts = {}) {
      const io = memoryIO({
        token: 'app-installation-token',
        'github-token': 'job-github-token',
        name: 'sprint-15-beneficiary',
        ...inputs,
      });
      const logger = memoryLogger();
      await run({
        io,
        logger,
        clock: fixedClock(opts.now ?? '2026-05-03T14:32:00Z'),
        env: {
          GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
          GITHUB_ACTOR: opts.actor ?? 'deployer',
          GITHUB_WORKSPACE: workspace,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_RUN_ID: '4242',
          // A person pressed "promote" (the event guard's workflow_dispatch).
          GITHUB_EVENT_NAME: 'workflow_dispatch',
          GITHUB_EVENT_PATH: dispatchEvent(workspace),
          ...opts.env,
        },
        exec: createExec({ logger, env: { ...process.env, ...opts.env } }),
        progress: createProgress(),
        github: emulatorGitHub(emu.url, logger),
      });
      return { outputs: io.outputs, failed: io.failed, log: logger.lines, summary: io.summary };
    },
    pulls(state = 'all') {
      return emu.state.pulls.filter((p) => state === 'all' || p.state === state);
    },
    async close() {
      await emu.close();
    },
  };
  return world;
}
