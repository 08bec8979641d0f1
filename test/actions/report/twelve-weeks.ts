/**
 * Twelve weeks of promotion history written into the GitHub emulator through the REST API, each
 * record at a known time (the emulator's clock is set before each write, so `created_at` is what
 * GitHub would have stamped then): deploy:migrate deployments and their statuses as
 * migrate-with-rollback and prod-smoke-seal write them, a seal recorded only as a commit status,
 * an automatic restore, a manual deploy:rollback, promotion pull requests and their preflight
 * check runs rendered by preflight-gates' own code. The report runs at NOW over DAYS days.
 *
 * Week k (k = 0..11) starts WEEK(k) = 2026-01-12 + 7k days; a deploy "on day d, week k" succeeds
 * at WEEK(k) + d days + 12:00 and was created ten minutes earlier.
 */
import type { GitHubClient } from '@promote/core/github/client';
import type { GateResult } from '@promote/core/gates/index';
import type { Emulator } from '../../support/emulator/index.js';
import { renderSummary, verdictOf } from '../../../actions/preflight-gates/src/render.js';

export const NOW = '2026-04-06T00:00:00Z';
export const DAYS = 84;
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const WEEK0 = Date.parse('2026-01-12T00:00:00Z');

/** The instant a deploy of week k, day d (0 = the week's first day) succeeds. */
export const deployTime = (k: number, d = 2) => WEEK0 + k * 7 * DAY + d * DAY + 12 * HOUR;

type Seal = { seal: 'green' | 'red'; after: number };
interface DeploySpec {
  name: string;
  at: number;
  /** Hours before `at` of the first commit this deploy brings (a second one comes 1 h before). */
  leadHours: number;
  outcome: 'success' | 'restored' | 'pending';
  /** Seals on the deployment, ms after `at`. */
  seals?: Seal[];
  /** The seal written only as a commit status (smoke.seal.deployment-status off). */
  commitStatusSeal?: Seal;
}

/** The deploys, oldest first. D0 precedes the period (the base D1's changes are compared with). */
export const DEPLOYS: DeploySpec[] = [
  { name: 'D0', at: Date.parse('2026-01-07T12:00:00Z'), leadHours: 24, outcome: 'success' },
  {
    name: 'D1',
    at: deployTime(0),
    leadHours: 24,
    outcome: 'success',
    commitStatusSeal: { seal: 'green', after: 30 * MINUTE },
  },
  { name: 'D2', at: deployTime(1), leadHours: 48, outcome: 'success', seals: [green()] },
  {
    name: 'D3',
    at: deployTime(2),
    leadHours: 12,
    outcome: 'success',
    seals: [{ seal: 'red', after: 30 * MINUTE }],
  },
  { name: 'D4', at: deployTime(2, 4), leadHours: 6, outcome: 'success', seals: [green()] },
  { name: 'D5', at: deployTime(3), leadHours: 24, outcome: 'restored' },
  // D6's changes are D5's (restored, so never in production) and its own commit 2 h before.
  { name: 'D6', at: deployTime(3, 3), leadHours: 2, outcome: 'success', seals: [green()] },
  // week 4: no deploy
  { name: 'D7', at: deployTime(5), leadHours: 24, outcome: 'success', seals: [green()] },
  { name: 'D8', at: deployTime(6), leadHours: 72, outcome: 'success', seals: [green()] },
  { name: 'D9', at: deployTime(7), leadHours: 24, outcome: 'success', seals: [green()] },
  { name: 'D10', at: deployTime(8), leadHours: 24, outcome: 'success', seals: [green()] },
  { name: 'D11', at: deployTime(9), leadHours: 120, outcome: 'success', seals: [green()] },
  {
    name: 'D12',
    at: deployTime(10),
    leadHours: 24,
    outcome: 'success',
    // Red, then green when the seal is re-run after a fix outside Promote.
    seals: [
      { seal: 'red', after: 30 * MINUTE },
      { seal: 'green', after: 150 * MINUTE },
    ],
  },
  { name: 'D13', at: deployTime(11), leadHours: 24, outcome: 'success', seals: [green()] },
  // Still running when the report is read.
  { name: 'D14', at: deployTime(11, 4), leadHours: 24, outcome: 'pending' },
];

function green(): Seal {
  return { seal: 'green', after: 30 * MINUTE };
}

/** A person rolled D8 back by hand the day after it (the rollback workflow's deploy:rollback). */
export const ROLLBACK = { at: deployTime(6, 3) - 3 * HOUR, reason: 'checkout totals wrong' };

/** Who overrode, and why: untrusted text (markup and a mention) that must stay text. */
export const OVERRIDE_REASON = 'hotfix for **checkout** @everyone <b>now</b>';

interface PullSpec {
  name: string;
  at: number;
  /** Failed gate keys; [] = passed. */
  failed: string[];
  override?: boolean;
}

/** Promotion PRs and their preflight verdicts; P0 is older than the period. */
export const PULLS: PullSpec[] = [
  { name: 'P0', at: WEEK0 - 3 * DAY, failed: ['freeze'] },
  { name: 'P1', at: deployTime(1, 4), failed: ['freeze'] },
  { name: 'P2', at: deployTime(3, 1), failed: ['ci', 'change-size'] },
  { name: 'P3', at: deployTime(6, 1), failed: [], override: true },
  { name: 'P4', at: deployTime(9, 4), failed: ['freeze'] },
  { name: 'P5', at: deployTime(10, 1), failed: [] },
];

const OWNER = 'acme';
const REPO = 'shop';
const GATES = ['ci', 'change-size', 'freeze', 'tests', 'drift', 'backup', 'findings', 'approvals'];

/** The preflight verdict as preflight-gates renders it (title and summary of its check run). */
function preflightOutput(pull: PullSpec, at: string) {
  const results: GateResult[] = GATES.map((gate) => {
    const failed = pull.failed.includes(gate);
    const lifted = pull.override && gate === 'freeze';
    return {
      gate,
      row: {
        name: gate.replace(/-/g, ' '),
        status: failed ? 'fail' : lifted ? 'warn' : 'pass',
        summary: failed ? 'failed' : 'ok',
      },
      annotations: [],
      ...(lifted ? { overridden: true } : {}),
    };
  });
  const override = pull.override
    ? ({
        state: 'granted',
        request: { actor: 'dana', at, reason: OVERRIDE_REASON, via: 'label "emergency-override"' },
      } as const)
    : ({ state: 'none' } as const);
  const verdict = verdictOf(results, override);
  return {
    conclusion: verdict.result === 'pass' ? ('success' as const) : ('failure' as const),
    title: verdict.title,
    summary: renderSummary(results, override, verdict),
  };
}

const iso = (t: number) => new Date(t).toISOString();

/** Writes the whole history; returns each deploy's SHA by name. */
export async function writeTwelveWeeks(
  emulator: Emulator,
  gh: GitHubClient,
): Promise<Record<string, string>> {
  const repo = { owner: OWNER, repo: REPO };
  const setClock = (t: number) => {
    emulator.clock = () => new Date(t);
  };
  const shas: Record<string, string> = {};
  let n = 0;
  const ids: Record<string, number> = {};
  for (const d of DEPLOYS) {
    await emulator.git.commit({
      branch: 'main',
      files: { [`changes/${d.name}-a.txt`]: `${++n}\n` },
      message: `feat: ${d.name} first change`,
      date: iso(d.at - d.leadHours * HOUR),
    });
    shas[d.name] = await emulator.git.commit({
      branch: 'main',
      files: { [`changes/${d.name}-b.txt`]: `${++n}\n` },
      message: `Merge promotion ${d.name}`,
      date: iso(d.at - HOUR),
    });
    setClock(d.at - 10 * MINUTE);
    const { data: created } = await gh.rest.repos.createDeployment({
      ...repo,
      ref: shas[d.name]!,
      environment: 'production',
      task: 'deploy:migrate',
      auto_merge: false,
      required_contexts: [],
      payload: { backupId: `b-${d.name}` },
      production_environment: true,
    });
    const id = (created as { id: number }).id;
    ids[d.name] = id;
    const status = async (
      state: 'in_progress' | 'success' | 'failure',
      description: string,
      t: number,
      autoInactive = false,
    ) => {
      setClock(t);
      await gh.rest.repos.createDeploymentStatus({
        ...repo,
        deployment_id: id,
        state,
        description,
        auto_inactive: autoInactive,
      });
    };
    await status(
      'in_progress',
      `backup b-${d.name} verified, migrating (sqlite)`,
      d.at - 9 * MINUTE,
    );
    if (d.outcome === 'success')
      await status('success', `migrated; backup b-${d.name}`, d.at, true);
    if (d.outcome === 'restored')
      await status('failure', `migration failed; restored backup b-${d.name}`, d.at);
    for (const s of d.seals ?? [])
      await status(
        s.seal === 'green' ? 'success' : 'failure',
        `Smoke seal ${s.seal}: ${s.seal === 'green' ? '2 of 2' : '1 of 2'} smoke checks passed`,
        d.at + s.after,
      );
    if (d.commitStatusSeal) {
      setClock(d.at + d.commitStatusSeal.after);
      await gh.rest.repos.createCommitStatus({
        ...repo,
        sha: shas[d.name]!,
        context: 'promote/smoke-seal',
        state: d.commitStatusSeal.seal === 'green' ? 'success' : 'failure',
        description: '2 of 2 smoke checks passed',
      });
    }
  }
  // The manual rollback (of D8: production back to D7's backup).
  setClock(ROLLBACK.at);
  const { data: rollback } = await gh.rest.repos.createDeployment({
    ...repo,
    ref: shas.D7!,
    environment: 'production',
    task: 'deploy:rollback',
    auto_merge: false,
    required_contexts: [],
    payload: { backupId: 'b-D7', reason: ROLLBACK.reason },
    production_environment: true,
  });
  const rollbackId = (rollback as { id: number }).id;
  await gh.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: rollbackId,
    state: 'in_progress',
    description: 'restoring backup b-D7',
  });
  setClock(ROLLBACK.at + 15 * MINUTE);
  await gh.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: rollbackId,
    state: 'success',
    description: 'rolled back to backup b-D7',
    auto_inactive: false,
  });
  // Promotion pull requests, each judged once by preflight an hour after it opened.
  const main = (await emulator.git.revParse('main'))!;
  for (const p of PULLS) {
    const branch = `promote/${p.name.toLowerCase()}`;
    await emulator.git.branch(branch, main);
    const head = await emulator.git.commit({
      branch,
      files: { [`promotions/${p.name}.txt`]: `${p.name}\n` },
      message: `chore: promotion ${p.name}`,
      date: iso(p.at),
    });
    setClock(p.at);
    await gh.rest.pulls.create({ ...repo, title: `Promote ${p.name}`, head: branch, base: 'main' });
    setClock(p.at + HOUR);
    const output = preflightOutput(p, iso(p.at + 30 * MINUTE));
    await gh.rest.checks.create({
      ...repo,
      name: 'promote/preflight',
      head_sha: head,
      status: 'completed',
      conclusion: output.conclusion,
      external_id: 'promote:promote/preflight',
      output: { title: output.title, summary: output.summary },
    });
  }
  emulator.clock = () => new Date();
  return shas;
}
