import type { BranchProtection } from '../github/branch-rules.js';
import type { ChangedFile } from './diff.js';
import type { MigrationFacts } from './migrations/types.js';
import type { Fact } from './types.js';

/** The pull request as read fresh from the API (never the replayed event payload). */
export interface PullRequestFacts {
  number: number;
  title: string;
  body: string;
  author: string;
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
  labels: string[];
  /** What GitHub says the PR changes; compared with what the file list returned. */
  changedFiles: number;
  commits: number;
}

export interface Review {
  user: string;
  state: string;
  submittedAt: string;
}

export interface CommandOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface WorkflowRunInfo {
  name: string;
  status: string;
  conclusion: string | null;
  runNumber: number;
  url: string;
}

export interface CompareFile {
  filename: string;
  status: string;
}

/**
 * Everything the gates read, gathered once by the collector so gates share API reads (the PR's
 * files are fetched once, not per gate) and stay pure functions of (facts, config).
 */
export interface PreflightFacts {
  now: Date;
  checkName: string;
  productionBranch: string;
  pr: PullRequestFacts;
  /** `truncated` says why the list may be incomplete (GitHub stops at 3,000 files). */
  files: Fact<{ files: ChangedFile[]; truncated?: string }>;
  /** Commit messages (GitHub stops at 250 commits). */
  commits: Fact<{ messages: string[]; truncated?: string }>;
  reviews: Fact<Review[]>;
  /** Latest status per deployment of the head SHA, by environment. */
  deployments: Fact<{ environment: string; state: string }[]>;
  /** classic branch protection and rulesets of the production branch, read together */
  branch: Fact<BranchProtection>;
  /** Drift compare (staging vs git). */
  compare: Fact<{ files: CompareFile[]; truncated?: string }>;
  /** Report files by path (as configured, relative to the workspace). */
  reports: Map<string, Fact<string>>;
  /** Command outcomes by id: `drift`, `backup`, `custom:<name>`. */
  commands: Map<string, Fact<CommandOutcome>>;
  backupFile: Fact<{ mtime: Date; contents: string }>;
  /** Base and head contents of protected files that name a json-path. */
  protectedContents: Map<string, Fact<{ base: string | null; head: string | null }>>;
  /** Workflow runs for the head SHA (the ci gate reads them again while waiting). */
  ciRuns: Fact<WorkflowRunInfo[]>;
  /** The config file and the files gate commands name: a change to them needs approval. */
  gateFiles?: readonly string[];
  /** The migrations the promotion will run and what their linter found (migrations gate). */
  migrations?: Fact<MigrationFacts>;
}

export function notCollected<T>(what: string): Fact<T> {
  return { ok: false, error: `${what} was not read` };
}
