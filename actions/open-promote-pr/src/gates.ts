import type { Clock } from '@promote/core/clock';
import type { PromoteActionConfig } from './config.js';
import type { PreflightConfig } from '@promote/core/config/sections/preflight';
import type { Exec } from '@promote/core/exec';
import type { GitHubClient, RepoRef } from '@promote/core/github/client';
// Gate modules by name, not through gates/index, which would load every gate's parser at start
// (issue #18).
import { readDriftCompare, readReportFiles, runGateCommands } from '@promote/core/gates/collect';
import { evaluateGates } from '@promote/core/gates/evaluate';
import { notCollected, type PreflightFacts } from '@promote/core/gates/facts';
import { applyOverride } from '@promote/core/gates/override';
import { fact, type GateResult } from '@promote/core/gates/types';
import type { GatheredFacts } from './facts.js';

/**
 * Only the pre-open gates chosen in promote.gates that preflight: configures; the rest of the
 * preflight config (freeze, ci, approvals...) is for the PR's required check, not for opening it.
 */
export function preOpenConfig(config: PromoteActionConfig): PreflightConfig {
  const chosen = new Set<string>(config.promote.gates);
  const p = config.preflight;
  return {
    timezone: p.timezone,
    override: p.override,
    ...(chosen.has('drift') && p.drift ? { drift: p.drift } : {}),
    ...(chosen.has('change-size') && p['change-size'] ? { 'change-size': p['change-size'] } : {}),
    ...(chosen.has('findings') && p.findings ? { findings: p.findings } : {}),
  } as PreflightConfig;
}

/**
 * The facts those gates read, built from what open-promote-pr already gathered: there is no PR
 * yet, so "the PR" is the promotion as it will be (staging into production), its files and
 * commits come from the compare, and commands / report files are read as preflight reads them.
 */
export async function preOpenFacts(input: {
  config: PreflightConfig;
  facts: GatheredFacts;
  gh: GitHubClient;
  repo: RepoRef;
  exec: Exec;
  clock: Clock;
  workspace: string;
}): Promise<PreflightFacts> {
  const { config, facts, gh, repo, exec, workspace } = input;
  const drift = config.drift?.enabled ? config.drift.compare : undefined;
  const [commands, compare, reports] = await Promise.all([
    runGateCommands({ exec, workspace }, config),
    drift ? readDriftCompare(gh, repo, drift) : notCollected<never>('compare'),
    readReportFiles(config, workspace),
  ]);
  const truncatedFiles = facts.filesMaybeTruncated
    ? `the compare lists ${facts.files.length} files, GitHub's maximum for a comparison`
    : undefined;
  return {
    now: input.clock.now(),
    checkName: 'open-promote-pr',
    productionBranch: facts.production.branch,
    pr: {
      number: 0,
      title: '',
      body: '',
      author: '',
      headSha: facts.staging.sha,
      headRef: facts.staging.branch,
      baseSha: facts.production.sha,
      baseRef: facts.production.branch,
      labels: [],
      changedFiles: facts.files.length,
      commits: facts.aheadBy,
    },
    files: fact({
      files: facts.files.map((filename) => ({
        filename,
        status: 'modified',
        additions: 0,
        deletions: 0,
      })),
      ...(truncatedFiles ? { truncated: truncatedFiles } : {}),
    }),
    commits: fact({
      messages: facts.commits.map((c) => c.message),
      ...(facts.commits.length < facts.aheadBy
        ? { truncated: `read ${facts.commits.length} of ${facts.aheadBy} commits` }
        : {}),
    }),
    reviews: notCollected('reviews'),
    deployments: notCollected('deployments'),
    branch: notCollected('branch'),
    compare,
    reports,
    commands,
    backupFile: notCollected('backup file'),
    protectedContents: new Map(),
    ciRuns: notCollected('workflow runs'),
  };
}

/**
 * Runs drift / change size / findings in-process with preflight's own gate code, and applies an
 * override the way preflight does (only the liftable gates turn into warnings; findings never).
 */
export async function runPreOpenGates(input: {
  config: PromoteActionConfig;
  facts: GatheredFacts;
  gh: GitHubClient;
  repo: RepoRef;
  exec: Exec;
  clock: Clock;
  workspace: string;
  override?: { actor: string; reason: string };
}): Promise<GateResult[]> {
  const config = preOpenConfig(input.config);
  if (!config.drift && !config['change-size'] && !config.findings) return [];
  const facts = await preOpenFacts({ ...input, config });
  const results = await evaluateGates(facts, config, { clock: input.clock });
  return applyOverride(
    results,
    input.override
      ? {
          ...input.override,
          at: input.clock.now().toISOString(),
          via: 'open-promote-pr input override-reason',
        }
      : undefined,
    config,
  );
}
