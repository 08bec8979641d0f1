// One world per action for the reliability suite: the committed bundle run through the runner
// harness against the emulator, a clean setup, and `check()` listing what a user would find wrong
// in the final state (empty when the state is correct). Setups reuse the action worlds.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubClient } from '@promote/core/github/client';
import { memoryLogger } from '@promote/core/logger';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { runBundle, type BundleProcess, type BundleResult } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';
import { createGitHistory } from '../support/git-history.js';
import {
  mergedPullRequestEvent,
  OWNER as RELEASE_OWNER,
  REPO as RELEASE_REPO,
} from '../actions/tag-release/world.js';
import {
  prodConfig,
  SECRETS as SMOKE_SECRETS,
  startWorld as startSmokeWorld,
} from '../actions/prod-smoke-seal/world.js';
import {
  FIXTURES as MIGRATE_FIXTURES,
  sqliteFingerprint,
  sqliteQuery,
} from '../actions/migrate-with-rollback/world.js';
import type { ActionName } from './scenarios.js';

/**
 * Retries in milliseconds, and a client timeout no healthy request reaches on a loaded 2-core
 * machine (a 1.5 s timeout once failed ordinary compare requests there). Only a 'slow' scenario
 * shortens it (SLOW_CLIENT), and its held request is answered only after the client gave up.
 */
export const CLIENT_TIMEOUT_MS = 30_000;
export const FAST_CLIENT: Record<string, string> = {
  PROMOTE_GITHUB_RETRY_BASE_MS: '1',
  PROMOTE_GITHUB_RETRY_AFTER_BASE_MS: '1',
  PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0',
  PROMOTE_GITHUB_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
};
/** The client timeout of a 'slow' scenario: what the held request waits before it is abandoned. */
export const SLOW_CLIENT: Record<string, string> = { PROMOTE_GITHUB_TIMEOUT_MS: '5000' };

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Another event than the world's own (e.g. workflow_dispatch for a manual rollback). */
  event?: { name: string; payload: object };
}

export interface ActionWorld {
  action: ActionName;
  emu: Emulator;
  workspace: string;
  /** The run's process: await it for the result, or kill it (a crash: test/reliability/crash-runner.ts). */
  run(options?: RunOptions): BundleProcess;
  /** What is wrong with the final state after the action's job is done; [] when correct. */
  check(): Promise<string[]>;
  /** Secret values the run is given (the scan looks for each and its derived forms). */
  secrets: string[];
  close(): Promise<void>;
}

/** The bundle's process handle, kept (not wrapped in a promise) so a test can SIGKILL it. */
const started = (run: BundleProcess): BundleProcess => run;

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

function problems(checks: Array<[boolean, string]>): string[] {
  return checks.filter(([ok]) => !ok).map(([, what]) => what);
}

// ---------------------------------------------------------------- open-promote-pr

export const PROMOTE_TOKEN = 'ghs_reliabilityPromoteToken0000000000000';

export async function openPromotePrWorld(
  opts: { config?: string; commitMessage?: string; name?: string } = {},
): Promise<ActionWorld & { stagingHead: string }> {
  const emu = await startEmulator({ owner: 'acme', repo: 'config-repo' });
  for (const login of ['alice', 'bob']) {
    emu.state.users[login] = { login, id: 7000 + login.length, type: 'User' };
    emu.state.collaborators.push(login);
  }
  const workspace = tmp('promote-rel-pr-');
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(
    join(workspace, '.github', 'promotion.yml'),
    opts.config ?? 'promote:\n  reviewers:\n    users: [alice, bob]\n',
  );
  const stagingHead = await emu.git.commit({
    branch: 'staging',
    message: opts.commitMessage ?? 'feat(api): beneficiary export (#12)',
    files: { 'src/export.ts': 'export const x = 1;\n' },
  });
  return {
    action: 'open-promote-pr',
    emu,
    workspace,
    stagingHead,
    secrets: [PROMOTE_TOKEN],
    run: (o = {}) =>
      started(
        runBundle({
          action: 'open-promote-pr',
          emulator: emu,
          cwd: workspace,
          token: PROMOTE_TOKEN,
          inputs: { token: PROMOTE_TOKEN, name: opts.name ?? 'sprint-15', ...o.inputs },
          ...(o.event ? { event: o.event } : {}),
          env: { ...FAST_CLIENT, ...o.env },
        }),
      ),
    async check() {
      const open = emu.state.pulls.filter((p) => p.state === 'open');
      const pr = open[0];
      const branch = pr ? await emu.git.revParse(`refs/heads/${pr.head.ref}`) : undefined;
      return problems([
        [open.length === 1, `expected one open promotion PR, found ${open.length}`],
        [emu.state.pulls.length === 1, `expected one PR in all, found ${emu.state.pulls.length}`],
        [pr?.base.ref === 'main', 'the PR does not target main'],
        [branch === stagingHead, 'the promotion branch is not at the staging head'],
        [
          (pr?.body ?? '').includes('<!-- promote:begin -->'),
          'the PR body has no generated section',
        ],
        [
          (pr?.requested_reviewers ?? []).length === 1,
          `expected one requested reviewer, found ${JSON.stringify(pr?.requested_reviewers)}`,
        ],
      ]);
    },
    close: () => emu.close(),
  };
}

// ---------------------------------------------------------------- tag-release

export const RELEASE_TOKEN = 'ghs_reliabilityReleaseToken000000000000';

export async function tagReleaseWorld(
  opts: { commits?: string[]; config?: string } = {},
): Promise<ActionWorld & { mergeSha: string }> {
  const emu = await startEmulator({ owner: RELEASE_OWNER, repo: RELEASE_REPO });
  const h = createGitHistory();
  h.commit('docs: changelog', {
    file: 'CHANGELOG.md',
    content: '# Changelog\n\n## [Unreleased]\n',
  });
  h.tag('v2.6.0');
  h.branch('staging');
  for (const message of opts.commits ?? [
    'feat(search): fuzzy matching (#40)',
    'fix: crash on empty cart (#41)',
  ])
    h.commit(message);
  h.checkout('main');
  h.git([
    'merge',
    '-q',
    '--no-ff',
    '-m',
    'Merge pull request #77 from acme/promote/staging',
    '-m',
    'Promote staging',
    'staging',
  ]);
  const mergeSha = h.head();
  h.pushTo(emu.git.dir);
  const workspace = tmp('promote-rel-release-');
  mkdirSync(join(workspace, '.github'));
  writeFileSync(
    join(workspace, '.github', 'promotion.yml'),
    opts.config ?? 'release:\n  tag-prefix: v\n',
  );
  return {
    action: 'tag-release',
    emu,
    workspace,
    mergeSha,
    secrets: [RELEASE_TOKEN],
    run: (o = {}) =>
      started(
        runBundle({
          action: 'tag-release',
          emulator: emu,
          cwd: workspace,
          sha: mergeSha,
          token: RELEASE_TOKEN,
          event: o.event ?? { name: 'pull_request', payload: mergedPullRequestEvent(mergeSha) },
          inputs: { token: RELEASE_TOKEN, seal: 'green', ...o.inputs },
          env: { ...FAST_CLIENT, ...o.env },
        }),
      ),
    async check() {
      const tags = await emu.git.tags();
      const names = Object.keys(tags).sort();
      const changelog = (await emu.git.readFile('main', 'CHANGELOG.md')) ?? '';
      const after = await emu.git.revList('main', mergeSha);
      return problems([
        [
          names.join(',') === 'v2.6.0,v2.7.0',
          `expected tags v2.6.0,v2.7.0, found ${names.join(',')}`,
        ],
        [tags['v2.7.0']?.sha === mergeSha, 'v2.7.0 is not on the merge commit'],
        [
          emu.state.releases.length === 1,
          `expected one release, found ${emu.state.releases.length}`,
        ],
        [emu.state.releases[0]?.tag_name === 'v2.7.0', 'the release is not v2.7.0'],
        [
          (changelog.match(/^## \[2\.7\.0\]/gm) ?? []).length === 1,
          'expected one 2.7.0 changelog entry',
        ],
        [
          after.length === 1,
          `expected one changelog commit after the merge, found ${after.length}`,
        ],
      ]);
    },
    async close() {
      await emu.close();
      await emu.git.remove();
      h.cleanup();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- prod-smoke-seal

export const SMOKE_TOKEN = 'ghs_reliabilitySmokeToken00000000000000';

export async function prodSmokeSealWorld(): Promise<
  ActionWorld & { smoke: Awaited<ReturnType<typeof startSmokeWorld>> }
> {
  const w = await startSmokeWorld();
  await w.writeConfig(prodConfig(w));
  const emu = w.emulator;
  // The harness delivers the event (a workflow_dispatch from main unless the run names another).
  const { GITHUB_EVENT_NAME: _name, GITHUB_EVENT_PATH: _path, ...worldEnv } = w.env;
  return {
    action: 'prod-smoke-seal',
    smoke: w,
    emu,
    workspace: w.workspace,
    secrets: [
      SMOKE_TOKEN,
      SMOKE_SECRETS.SMOKE_TOKEN,
      SMOKE_SECRETS.SMOKE_PASSWORD,
      `${SMOKE_SECRETS.SMOKE_USER}:${SMOKE_SECRETS.SMOKE_PASSWORD}`,
    ],
    run: (o = {}) =>
      started(
        runBundle({
          action: 'prod-smoke-seal',
          inputs: { 'deployment-id': String(w.deploymentId), token: SMOKE_TOKEN, ...o.inputs },
          ...(o.event ? { event: o.event } : {}),
          token: SMOKE_TOKEN,
          emulator: emu,
          cwd: w.workspace,
          sha: w.sha,
          env: { ...worldEnv, ...FAST_CLIENT, ...o.env },
        }),
      ),
    async check() {
      const statuses = emu.state.statuses.filter(
        (s) =>
          (s as { sha?: string }).sha === w.sha &&
          (s as { context?: string }).context === 'promote/smoke-seal',
      ) as Array<{ state: string }>;
      const deploymentStates = emu.state.deploymentStatuses
        .filter((s) => (s as { deployment_id?: number }).deployment_id === w.deploymentId)
        .map((s) => (s as { state: string }).state);
      return problems([
        [statuses.length >= 1, 'no promote/smoke-seal status on the commit'],
        [
          statuses.every((s) => s.state === 'success'),
          `seal statuses ${statuses.map((s) => s.state).join(',')}`,
        ],
        [
          deploymentStates.length >= 1 && deploymentStates.every((s) => s === 'success'),
          `deployment statuses ${deploymentStates.join(',')}`,
        ],
      ]);
    },
    close: () => w.close(),
  };
}

// ---------------------------------------------------------------- migrate-with-rollback

export const MIGRATE_TOKEN = 'ghs_reliabilityMigrateToken0000000000000';

export interface MigrateWorld extends ActionWorld {
  db: string;
  sha: string;
  before: string;
  lockRef(): Promise<string | undefined>;
  deployments(): Array<{ id: number; task: string }>;
}

/** A SQLite production database (real sqlite3), seeded from the migrate fixtures. */
export async function migrateWorld(
  opts: {
    migrations?: string;
    emu?: Emulator;
    lock?: string;
    /** Another merge's production database (two merges deploying to one production). */
    db?: string;
    /** Migration files added to this merge's checkout: name -> SQL. */
    extraMigrations?: Record<string, string>;
  } = {},
): Promise<MigrateWorld> {
  const emu = opts.emu ?? (await startEmulator({ owner: 'acme', repo: 'shop' }));
  const workspace = tmp('promote-rel-migrate-');
  const db = opts.db ?? join(workspace, 'app.db');
  if (!opts.db)
    execFileSync('sqlite3', ['-bail', db, '.read ' + join(MIGRATE_FIXTURES, 'sqlite-seed.sql')]);
  cpSync(join(MIGRATE_FIXTURES, opts.migrations ?? 'sqlite-good'), join(workspace, 'migrations'), {
    recursive: true,
  });
  for (const [name, sql] of Object.entries(opts.extraMigrations ?? {}))
    writeFileSync(join(workspace, 'migrations', name), sql);
  mkdirSync(join(workspace, '.github'));
  writeFileSync(
    join(workspace, '.github', 'promotion.yml'),
    `environment: production\nmigrate:\n  preset: sqlite\n  sqlite-path: ${db}\n  backup-dir: ${join(workspace, 'backups')}\n  lock: ${opts.lock ?? '{ poll-interval: 200, wait-timeout: 60000 }'}\n`,
  );
  const sha = await emu.git.commit({
    branch: 'main',
    files: { [`release-${workspace.slice(-6)}.txt`]: 'x\n' },
    message: 'Merge pull request #5 from acme/promote/sprint',
  });
  const before = sqliteFingerprint(db);
  let runId = 2000 + Math.floor(Math.random() * 1000) * 10;
  const event = {
    name: 'pull_request',
    payload: adaptPayload(examplePayload('pull_request', 'closed'), {
      owner: 'acme',
      repo: 'shop',
      number: 5,
      merged: true,
      mergeCommitSha: sha,
      baseRef: 'main',
      headRef: 'promote/sprint',
    }),
  };
  // deploy:migrate only: a manual rollback of this merge records a deploy:rollback deployment.
  const deployments = () =>
    emu.state.deployments.filter(
      (d) =>
        (d as { sha?: string }).sha === sha && (d as { task?: string }).task === 'deploy:migrate',
    ) as Array<{
      id: number;
      task: string;
    }>;
  return {
    action: 'migrate-with-rollback',
    emu,
    workspace,
    db,
    sha,
    before,
    secrets: [MIGRATE_TOKEN],
    deployments,
    lockRef: () => emu.git.revParse('refs/promote-locks/production'),
    run: (o = {}) =>
      started(
        runBundle({
          action: 'migrate-with-rollback',
          inputs: { token: MIGRATE_TOKEN, ...o.inputs },
          token: MIGRATE_TOKEN,
          event: o.event ?? event,
          cwd: workspace,
          emulator: emu,
          sha,
          env: {
            GITHUB_RUN_ID: String(++runId),
            GITHUB_RUN_ATTEMPT: '1',
            ...FAST_CLIENT,
            ...o.env,
          },
        }),
      ),
    async check() {
      // A database the run never migrated lacks the table or column: a problem, not a crash.
      const query = (sql: string) => {
        try {
          return sqliteQuery(db, sql);
        } catch (error) {
          return `error: ${(error as Error).message.split('\n')[0]}`;
        }
      };
      const applied = query('SELECT count(*) FROM promote_schema_migrations');
      const deps = deployments();
      const states = emu.state.deploymentStatuses
        .filter((s) => deps.some((d) => d.id === (s as { deployment_id?: number }).deployment_id))
        .map((s) => (s as { state: string }).state);
      const lock = await emu.git.revParse('refs/promote-locks/production');
      return problems([
        [Number(applied) >= 1, 'no migration recorded as applied'],
        [
          /^\d+$/.test(query("SELECT count(*) FROM orders WHERE status = 'paid'")),
          `orders not migrated: ${query("SELECT count(*) FROM orders WHERE status = 'paid'")}`,
        ],
        [deps.length === 1, `expected one deploy:migrate deployment, found ${deps.length}`],
        [states.at(-1) === 'success', `deployment statuses ${states.join(',')}`],
        [lock === undefined, 'the migration lock is still held'],
      ]);
    },
    async close() {
      if (!opts.emu) await emu.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- preflight-gates

export const PREFLIGHT_TOKEN = 'ghs_reliabilityPreflightToken00000000000';

export async function preflightGatesWorld(
  opts: { title?: string; body?: string; headRef?: string; config?: string } = {},
): Promise<ActionWorld & { headSha: string }> {
  const emu = await startEmulator({ owner: 'acme', repo: 'app' });
  const config =
    opts.config ??
    "preflight:\n  timezone: Europe/Berlin\n  freeze: [{ days: [fri], from: '14:00', reason: no Friday deploys }]\n  change-size: { max-units: 10 }\n";
  // Preflight judges by the base branch's config (issue #16), and production is protected.
  const main = await emu.git.commit({
    branch: 'main',
    files: { '.github/promotion.yml': config },
    message: 'chore: promotion config',
  });
  emu.state.protection.main = {
    required_status_checks: { strict: false, contexts: ['promote/preflight'] },
  } as (typeof emu.state.protection)[string];
  await emu.git.branch('staging', main);
  const headRef = opts.headRef ?? 'promote/sprint-15';
  await emu.git.branch(headRef, main);
  await emu.git.commit({
    branch: headRef,
    files: { 'src/a.ts': 'export const a = 1;\n' },
    message: 'feat: a',
  });
  const gh = createGitHubClient({
    token: 'setup',
    logger: memoryLogger(),
    baseUrl: emu.url,
    env: {},
  });
  const { data } = await gh.rest.pulls.create({
    owner: 'acme',
    repo: 'app',
    head: headRef,
    base: 'main',
    title: opts.title ?? 'Promote sprint 15',
    body: opts.body ?? 'Promote sprint 15\n\nFixes #12',
  });
  const headSha = data.head.sha;
  const workspace = tmp('promote-rel-preflight-');
  mkdirSync(join(workspace, '.github'));
  writeFileSync(join(workspace, '.github', 'promotion.yml'), config);
  const payload = adaptPayload(examplePayload('pull_request', 'opened'), {
    owner: 'acme',
    repo: 'app',
    number: data.number,
    headSha,
    headRef,
    baseRef: 'main',
    baseSha: main,
    labels: [],
  });
  payload.action = 'synchronize';
  return {
    action: 'preflight-gates',
    emu,
    workspace,
    headSha,
    secrets: [PREFLIGHT_TOKEN],
    run: (o = {}) =>
      started(
        runBundle({
          action: 'preflight-gates',
          emulator: emu,
          cwd: workspace,
          token: PREFLIGHT_TOKEN,
          event: o.event ?? { name: 'pull_request', payload },
          inputs: { token: PREFLIGHT_TOKEN, ...o.inputs },
          now: '2026-11-25T13:30:00Z',
          env: {
            ...FAST_CLIENT,
            ...o.env,
          },
        }),
      ),
    async check() {
      const runs = emu.state.checkRuns.filter(
        (c) => c.head_sha === headSha && c.name === 'promote/preflight',
      );
      return problems([
        [runs.length === 1, `expected one promote/preflight check run, found ${runs.length}`],
        [runs[0]?.status === 'completed', `check run status ${runs[0]?.status}`],
        [runs[0]?.conclusion === 'success', `check run conclusion ${runs[0]?.conclusion}`],
      ]);
    },
    close: () => emu.close(),
  };
}

export const WORLDS: Record<ActionName, () => Promise<ActionWorld>> = {
  'preflight-gates': () => preflightGatesWorld(),
  'open-promote-pr': () => openPromotePrWorld(),
  'migrate-with-rollback': () => migrateWorld(),
  'prod-smoke-seal': () => prodSmokeSealWorld(),
  'tag-release': () => tagReleaseWorld(),
};

/** Everything a run left for people to read, for the secret scan. */
export function readable(run: BundleResult, emu: Emulator): Record<string, string> {
  return {
    rawLog: run.rawLog
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
    log: run.log,
    outputs: JSON.stringify(run.outputs),
    summary: run.summary,
    annotations: JSON.stringify(run.annotations),
    requests: emu.allRequestBodies(),
  };
}

/** A secret and the forms it travels in: raw, base64, URL-encoded, JSON-escaped. */
export function derivedForms(secret: string): string[] {
  return [
    ...new Set([
      secret,
      Buffer.from(secret).toString('base64'),
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
    ]),
  ];
}
