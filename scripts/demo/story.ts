/**
 * `npm run demo`: the whole promotion chain on a local sandbox, with the real bundles run the
 * way the Actions runner runs them (test/support/harness.ts) against the GitHub emulator.
 *
 * 1. preflight refuses a Friday-evening promotion, then passes on a Wednesday;
 * 2. open-promote-pr snapshots staging into one PR; it is merged;
 * 3. migrate-with-rollback backs up, verifies and migrates the SQLite production database;
 * 4. prod-smoke-seal checks the running app and seals the release green;
 * 5. tag-release tags v0.1.0 at the merge commit with a CHANGELOG entry and a release;
 * 6. a second promotion carries a migration that fails half-way: it is rolled back and every
 *    table's checksum equals the backup's;
 * 7. the report action reads the sandbox's own history back from GitHub: the DORA measures of
 *    these two deploys and Promote's own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, runBundle, type BundleResult } from '../../test/support/harness.js';
import {
  assertPrerequisites,
  missingForDemo,
  systemLookup,
} from '../../test/support/prerequisites.js';
import { adaptPayload, examplePayload } from '../../test/support/payloads.js';
import {
  CHECK_NAME,
  createSandbox,
  DEMO_TOKEN,
  OWNER,
  REPO,
  tableChecksums,
  type Sandbox,
} from './sandbox.js';
import { silentPrinter, terminalPrinter, type Printer } from './terminal.js';

// Fixed clocks (honoured by the bundles only in test mode) so the freeze window is deterministic.
const FRIDAY_EVENING = '2026-11-27T17:30:00Z'; // Friday 18:30 Europe/Berlin
const WEDNESDAY_AFTERNOON = '2026-11-25T13:30:00Z'; // Wednesday 14:30 Europe/Berlin

export interface DemoResult {
  sandbox: string;
  firstPr: { number: number; merged: boolean; mergeSha: string };
  fridayResult: string;
  wednesdayResult: string;
  migrateStatus: string;
  seal: string;
  tag: { name: string; sha: string | undefined; type: string | undefined };
  changelog: string;
  secondMigrateStatus: string;
  checksumsBefore: Record<string, string>;
  checksumsAfterRollback: Record<string, string>;
  /** The report action's JSON output over the sandbox's history. */
  report: {
    deploymentFrequency: { deployments: number };
    changeFailureRate: { deployments: number; failed: number };
    requests: number;
  };
}

/** The lock is the one thing migrate-with-rollback logs that its summary does not show. */
const LOCK_LINES = /^Lock .* (acquired|released)/;

/** Called after each action run (bench/api-cost.bench.ts counts the emulator's requests per action). */
export type OnRun = (action: string, result: BundleResult, world: Sandbox) => void;
const onRunHooks = new WeakMap<Sandbox, OnRun>();

export async function runDemo(
  options: { quiet?: boolean; dir?: string; onRun?: OnRun; printer?: Printer } = {},
): Promise<DemoResult> {
  // git and sqlite3 on PATH and the Node 24 binary, named with the install command up front
  // rather than a `spawnSync sqlite3 ENOENT` half-way through.
  assertPrerequisites('npm run demo', missingForDemo(systemLookup(REPO_ROOT)));
  const out: Printer = options.printer ?? (options.quiet ? silentPrinter : terminalPrinter());
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'promote-demo-'));
  const world = await createSandbox(dir);
  if (options.onRun) onRunHooks.set(world, options.onRun);
  try {
    return await story(world, out);
  } finally {
    await world.close();
  }
}

/** A clone of the repository at `sha`: the job's checkout (config, migrations). */
function checkout(world: Sandbox, sha: string, name: string): string {
  const dir = join(world.dir, 'checkouts', name);
  execFileSync('git', ['clone', '-q', world.emulator.git.dir, dir]);
  execFileSync('git', ['-C', dir, 'checkout', '-q', '--detach', sha]);
  return dir;
}

function run(
  world: Sandbox,
  action: string,
  opts: {
    inputs?: Record<string, string>;
    event: { name: string; payload: object };
    cwd: string;
    sha?: string;
    /** The bundle's clock starts here (the harness's `now`). */
    now?: string;
  },
) {
  const job = runBundle({
    action,
    emulator: world.emulator,
    token: DEMO_TOKEN,
    cwd: opts.cwd,
    sha: opts.sha,
    inputs: { token: DEMO_TOKEN, ...opts.inputs },
    event: opts.event,
    ...(opts.now ? { now: opts.now } : {}),
    env: { PROMOTE_GITHUB_RETRY_BASE_MS: '10' },
  });
  const hook = onRunHooks.get(world);
  return hook ? job.then((result) => (hook(action, result, world), result)) : job;
}

/**
 * A step as a person sees its run: the job summary. The log repeats the summary's facts (the
 * tag, the release, each gate), so only `extra` log lines the summary lacks are shown.
 */
function show(out: Printer, result: BundleResult, extra?: RegExp) {
  if (extra)
    for (const line of result.log.split('\n'))
      if (extra.test(line) && !/^\s*(\$ |::)/.test(line)) out.line(`   ${line.trim()}`);
  out.summary(result.summary);
}

/** The failed-gates output (a JSON list) as words. */
function gateList(json: string | undefined): string {
  try {
    return (JSON.parse(json ?? '[]') as string[]).join(', ');
  } catch {
    return json ?? '';
  }
}

function dispatch(inputs: Record<string, string>) {
  return {
    name: 'workflow_dispatch',
    payload: adaptPayload(examplePayload('workflow_dispatch'), {
      owner: OWNER,
      repo: REPO,
      ref: 'refs/heads/main',
      inputs,
      sender: 'dana',
    }),
  };
}

function prEvent(world: Sandbox, number: number, action: 'synchronize' | 'closed') {
  const pr = world.emulator.state.pulls.find((p) => p.number === number)!;
  const payload = adaptPayload(examplePayload('pull_request', action), {
    owner: OWNER,
    repo: REPO,
    number,
    title: pr.title,
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    baseRef: 'main',
    merged: action === 'closed' ? pr.merged : false,
    mergeCommitSha: pr.merge_commit_sha ?? null,
    author: 'promote-bot',
    sender: 'dana',
  });
  return { name: 'pull_request', payload };
}

async function mergePr(world: Sandbox, number: number): Promise<string> {
  const res = await fetch(`${world.emulator.url}/repos/${OWNER}/${REPO}/pulls/${number}/merge`, {
    method: 'PUT',
    headers: { authorization: `token ${DEMO_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ merge_method: 'merge' }),
  });
  const body = (await res.json()) as { sha?: string; message?: string };
  if (!res.ok || !body.sha)
    throw new Error(`merge of #${number} refused: ${res.status} ${body.message}`);
  return body.sha;
}

function expectSuccess(result: BundleResult, what: string) {
  if (result.exitCode !== 0) {
    throw new Error(
      `${what} failed (exit ${result.exitCode}):\n${result.log.split('\n').slice(-25).join('\n')}`,
    );
  }
}

async function promoteAndMerge(world: Sandbox, out: Printer, name: string, clocks: string[]) {
  const cwd = checkout(world, (await world.emulator.git.revParse('main'))!, `${name}-promote`);
  out.step(`Promote: open-promote-pr (name ${name})`);
  const opened = await run(world, 'open-promote-pr', {
    inputs: { name },
    event: dispatch({ name }),
    cwd,
  });
  expectSuccess(opened, 'open-promote-pr');
  show(out, opened);
  const number = Number(opened.outputs['pr-number']);
  const headSha = opened.outputs['head-sha']!;
  const results: string[] = [];
  for (const now of clocks) {
    const label =
      now === FRIDAY_EVENING ? 'Friday 18:30 Europe/Berlin' : 'Wednesday 14:30 Europe/Berlin';
    out.step(`Preflight on PR #${number} at ${label}`);
    const pf = await run(world, 'preflight-gates', {
      event: prEvent(world, number, 'synchronize'),
      cwd: checkout(world, headSha, `${name}-preflight-${results.length}`),
      sha: headSha,
      now,
    });
    results.push(pf.outputs.result ?? `exit ${pf.exitCode}`);
    show(out, pf);
    out.line(
      `   -> check run "${CHECK_NAME}": ${pf.outputs.result}${pf.outputs.result === 'fail' ? ` (${gateList(pf.outputs['failed-gates'])})` : ''}`,
    );
  }
  out.step(`Merge PR #${number} into main`);
  const mergeSha = await mergePr(world, number);
  out.line(`   merged at ${mergeSha}`);
  return { number, mergeSha, results };
}

async function story(world: Sandbox, out: Printer): Promise<DemoResult> {
  out.line(`Sandbox: ${world.dir}`);
  out.line(
    `GitHub emulator ${world.emulator.url} (repository ${OWNER}/${REPO}, real git at ${world.emulator.git.dir})`,
  );
  out.line(`Production app ${world.appUrl}, database ${world.db}`);

  // First promotion: refused on Friday evening, passes on Wednesday, merged, shipped.
  const first = await promoteAndMerge(world, out, 'sprint-15', [
    FRIDAY_EVENING,
    WEDNESDAY_AFTERNOON,
  ]);
  const mergedCheckout = checkout(world, first.mergeSha, 'sprint-15-merged');

  out.step('On merge: migrate-with-rollback');
  const migrated = await run(world, 'migrate-with-rollback', {
    event: prEvent(world, first.number, 'closed'),
    cwd: mergedCheckout,
    sha: first.mergeSha,
  });
  expectSuccess(migrated, 'migrate-with-rollback');
  show(out, migrated, LOCK_LINES);

  out.step('On merge: prod-smoke-seal');
  const sealed = await run(world, 'prod-smoke-seal', {
    inputs: { sha: first.mergeSha, 'deployment-id': migrated.outputs['deployment-id'] ?? '' },
    event: prEvent(world, first.number, 'closed'),
    cwd: mergedCheckout,
    sha: first.mergeSha,
  });
  expectSuccess(sealed, 'prod-smoke-seal');
  show(out, sealed);

  out.step('On merge: tag-release');
  const released = await run(world, 'tag-release', {
    inputs: {
      sha: first.mergeSha,
      seal: sealed.outputs.seal ?? '',
      'seal-summary': sealed.outputs.summary ?? '',
    },
    event: prEvent(world, first.number, 'closed'),
    cwd: mergedCheckout,
    sha: first.mergeSha,
  });
  expectSuccess(released, 'tag-release');
  show(out, released);
  const tagName = released.outputs.tag ?? '';
  const tag = (await world.emulator.git.tags())[tagName];

  // Second promotion: its migration fails half-way and is rolled back.
  await world.emulator.git.commit({
    branch: 'staging',
    message: 'feat(orders): monthly totals (#15)',
    files: {
      // The schema change applies, the data change fails (no such table): a half-done migration.
      'migrations/002_monthly_totals.sql':
        'ALTER TABLE orders ADD COLUMN month TEXT;\nINSERT INTO monthly_totals SELECT month, sum(total_cents) FROM orders GROUP BY month;\n',
    },
  });
  const checksumsBefore = tableChecksums(world.db);
  const second = await promoteAndMerge(world, out, 'sprint-16', [WEDNESDAY_AFTERNOON]);
  out.step('On merge: migrate-with-rollback (the migration fails half-way)');
  const rolled = await run(world, 'migrate-with-rollback', {
    event: prEvent(world, second.number, 'closed'),
    cwd: checkout(world, second.mergeSha, 'sprint-16-merged'),
    sha: second.mergeSha,
  });
  show(out, rolled, LOCK_LINES);
  const checksumsAfterRollback = tableChecksums(world.db);
  out.line(`\n   table checksums before: ${JSON.stringify(checksumsBefore)}`);
  out.line(`   table checksums after:  ${JSON.stringify(checksumsAfterRollback)}`);

  const firstPr = world.emulator.state.pulls.find((p) => p.number === first.number)!;
  const result: DemoResult = {
    sandbox: world.dir,
    firstPr: { number: first.number, merged: Boolean(firstPr.merged), mergeSha: first.mergeSha },
    fridayResult: first.results[0]!,
    wednesdayResult: first.results[1]!,
    migrateStatus: migrated.outputs.status ?? '',
    seal: sealed.outputs.seal ?? '',
    tag: { name: tagName, sha: tag?.sha, type: tag?.type },
    changelog: (await world.emulator.git.readFile('main', 'CHANGELOG.md')) ?? '',
    secondMigrateStatus: rolled.outputs.status ?? '',
    checksumsBefore,
    checksumsAfterRollback,
    report: {
      deploymentFrequency: { deployments: 0 },
      changeFailureRate: { deployments: 0, failed: 0 },
      requests: 0,
    },
  };
  out.step('Done');
  out.line(
    `   PR #${result.firstPr.number} merged at ${result.firstPr.mergeSha.slice(0, 7)}; ${result.tag.name} (${result.tag.type}) -> ${result.tag.sha?.slice(0, 7)}; seal ${result.seal}`,
  );
  out.line(
    `   second promotion: ${result.secondMigrateStatus}; data intact: ${JSON.stringify(checksumsBefore) === JSON.stringify(checksumsAfterRollback)}`,
  );
  out.line(`   Inspect the sandbox: ${world.dir}`);

  out.step("Report: the sandbox's own delivery record, read back from GitHub");
  const reported = await run(world, 'report', {
    event: dispatch({}),
    cwd: checkout(world, (await world.emulator.git.revParse('main'))!, 'report'),
  });
  expectSuccess(reported, 'report');
  show(out, reported);
  result.report = JSON.parse(reported.outputs.json ?? '{}') as DemoResult['report'];
  return result;
}
