import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { stringify } from 'yaml';
import type { Clock } from '@promote/core/clock';
import { createExec } from '@promote/core/exec';
import { createGitHubClient, type GitHubClient } from '@promote/core/github/client';
import type { ActionIO } from '@promote/core/io';
import { memoryLogger, type Logger } from '@promote/core/logger';
import type { Deps } from '../../../actions/prod-smoke-seal/src/deps.js';
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../support/emulator/index.js';
import { REPO_ROOT } from '../../support/harness.js';
import { adaptPayload, examplePayload } from '../../support/payloads.js';
import { startHttpFixtures, type FixtureServer } from '../../support/http-fixtures.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.js';

export const SECRETS = {
  SMOKE_TOKEN: 'smk_live_9fJ2kQ7xR4vL8mN3',
  SMOKE_USER: 'probe-bot',
  SMOKE_PASSWORD: 'p@ss w/rd+"7Zq',
};

/** Every form a secret could leak in: raw, base64 (Basic auth), URL-encoded, JSON-escaped. */
export function leakForms(): string[] {
  const forms = new Set<string>();
  for (const value of [
    SECRETS.SMOKE_TOKEN,
    SECRETS.SMOKE_PASSWORD,
    `${SECRETS.SMOKE_USER}:${SECRETS.SMOKE_PASSWORD}`,
  ]) {
    forms.add(value);
    forms.add(Buffer.from(value).toString('base64'));
    forms.add(encodeURIComponent(value));
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  return [...forms];
}

export function expectNoSecrets(where: string, text: string): void {
  // `::add-mask::<value>` is how a secret is registered with the runner, not a leak.
  text = text
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  for (const form of leakForms()) {
    if (text.includes(form))
      throw new Error(`${where} contains a secret form ${JSON.stringify(form.slice(0, 4))}…`);
  }
  expect(true).toBe(true);
}

/** A repository on the emulator with a deployed commit, a deployment, production endpoints and chat. */
export interface World {
  emulator: Emulator;
  prod: FixtureServer;
  chat: WebhookReceiver;
  sha: string;
  deploymentId: number;
  workspace: string;
  gh: GitHubClient;
  env: Record<string, string>;
  /** run()'s collaborators as the runner builds them, with this world's env (its emulator). */
  deps(ports: { io: ActionIO; logger: Logger; clock: Clock }): Deps;
  writeConfig(config: unknown): Promise<void>;
  close(): Promise<void>;
}

/** `options` reach the emulator (e.g. `routes` answering as GitHub does in a failure). */
export async function startWorld(options: EmulatorOptions = {}): Promise<World> {
  const emulator = await startEmulator({ owner: 'acme', repo: 'shop', ...options });
  const prod = await startHttpFixtures();
  const chat = await startWebhookReceiver();
  const sha = await emulator.git.commit({
    branch: 'main',
    files: { 'app.txt': 'v2\n' },
    message: 'feat: checkout v2',
  });
  const gh = createGitHubClient({
    token: 'setup-token',
    baseUrl: emulator.url,
    logger: memoryLogger(),
    env: { PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0' },
  });
  const { data: deployment } = await gh.rest.repos.createDeployment({
    owner: 'acme',
    repo: 'shop',
    ref: sha,
    environment: 'production',
    auto_merge: false,
    required_contexts: [],
  });
  const workspace = await mkdtemp(join(tmpdir(), 'smoke-ws-'));
  // A person runs the seal from the production branch (the event guard's workflow_dispatch).
  const eventPath = join(workspace, 'dispatch.json');
  await writeFile(
    eventPath,
    JSON.stringify(
      adaptPayload(examplePayload('workflow_dispatch'), { owner: 'acme', repo: 'shop' }),
    ),
  );
  const env: Record<string, string> = {
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: emulator.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: sha,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: workspace,
    PROMOTE_GITHUB_RETRY_BASE_MS: '1',
    PROMOTE_GITHUB_RETRY_AFTER_BASE_MS: '1',
    PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0',
    SLACK_WEBHOOK_URL: chat.hook('/slack/T000/B000/XXXXsecretpath'),
    DISCORD_WEBHOOK_URL: chat.hook('/discord/api/webhooks/1/abcdefsecret'),
    TEAMS_WEBHOOK_URL: chat.hook('/teams/workflows/xyzsecret'),
    ...SECRETS,
  };
  return {
    emulator,
    prod,
    chat,
    sha,
    deploymentId: (deployment as { id: number }).id,
    workspace,
    gh,
    env,
    deps: ({ io, logger, clock }) => ({
      io,
      logger,
      clock,
      env,
      github: (token) => createGitHubClient({ token, logger, env }),
      exec: createExec({ logger, env }),
      fetch: globalThis.fetch,
    }),
    async writeConfig(config) {
      await mkdir(join(workspace, '.github'), { recursive: true });
      await writeFile(join(workspace, '.github', 'promotion.yml'), stringify(config));
    },
    async close() {
      await emulator.close();
      await prod.close();
      await chat.close();
      await rm(workspace, { recursive: true, force: true });
    },
  };
}

/**
 * The caller's rollback workflow as the examples ship it (.github/workflows/promote-rollback.yml,
 * declaring release, backup-id and reason), on `branch` and known to the Actions API, so GitHub
 * accepts a dispatch of it there.
 */
export async function addRollbackWorkflow(world: World, branch = 'main'): Promise<void> {
  const path = '.github/workflows/promote-rollback.yml';
  await world.emulator.git.commit({
    branch,
    files: {
      [path]: await readFile(join(REPO_ROOT, 'examples/postgres-app', path), 'utf8'),
    },
    message: 'ci: rollback workflow',
  });
  if (!world.emulator.state.workflows.some((w) => w.path === path)) {
    world.emulator.state.workflows.push({
      id: world.emulator.nextId(),
      name: 'Promote rollback',
      path,
      state: 'active',
    });
  }
}

/** A production config: authenticated checks against the fixture server, chat on all three services. */
export function prodConfig(world: World, smoke: Record<string, unknown> = {}, checks?: unknown[]) {
  return {
    notify: {
      slack: { 'webhook-env': 'SLACK_WEBHOOK_URL' },
      discord: { 'webhook-env': 'DISCORD_WEBHOOK_URL' },
      teams: { 'webhook-env': 'TEAMS_WEBHOOK_URL' },
    },
    smoke: {
      'base-url': world.prod.url,
      retries: { attempts: 2, backoff: '10ms' },
      timeouts: { attempt: '2s', deadline: '20s' },
      checks: checks ?? [
        {
          name: 'health',
          path: '/healthy',
          headers: { Authorization: { env: 'SMOKE_TOKEN', format: 'Bearer {value}' } },
          expect: { json: [{ path: '$.status', equals: 'ok' }] },
        },
        {
          name: 'admin page',
          path: '/echo',
          'basic-auth': { 'user-env': 'SMOKE_USER', 'password-env': 'SMOKE_PASSWORD' },
        },
      ],
      ...smoke,
    },
  };
}
