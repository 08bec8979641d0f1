// Public types of the workflow runner (what a test constructs it with and what it reads back).
import type { Annotation } from '../harness.js';
import type { ArtifactListing } from './stand-ins/artifacts.js';

export type TokenKind = 'github-token' | 'app' | 'pat';
export type PermissionLevel = 'read' | 'write' | 'none';
/** Scopes as written in a workflow's `permissions:` (keys like `pull-requests`). */
export type Permissions = Record<string, PermissionLevel>;

export interface MintOptions {
  kind: TokenKind;
  permissions?: Partial<Record<string, PermissionLevel>>;
  login?: string;
  bypass?: boolean;
}

/** The emulator's token registry (CONTRACT.md). Optional: without it tokens are unscoped strings. */
export interface TokenRegistryLike {
  mint(opts: MintOptions): string;
  revoke(token: string): void;
  describe?(token: string): (MintOptions & { token: string }) | undefined;
}

/** An event as the emulator emits it (CONTRACT.md "Events"). */
export interface RepoEvent {
  name:
    | 'pull_request'
    | 'pull_request_review'
    | 'push'
    | 'workflow_dispatch'
    | 'create'
    | 'delete'
    | 'merge_group'
    | (string & {});
  payload: Record<string, any>;
  ref: string;
  sha: string;
  actor: { login: string; tokenKind: TokenKind | 'default'; startsWorkflows: boolean };
}

/** What the runner needs from the emulator (structural: the emulator is not imported). */
export interface RunnerEmulator {
  url: string;
  owner: string;
  repo: string;
  /** The emulator's bare repository: workflows are read from it, checkout clones it. */
  git: { dir: string };
  tokens?: TokenRegistryLike;
  onEvent?(listener: (event: RepoEvent) => void): () => void;
}

export interface EnvironmentSettings {
  secrets?: Record<string, string>;
  variables?: Record<string, string>;
  /** Required reviewers (logins). A job entering the environment waits for an approval. */
  reviewers?: string[];
}

/** The GitHub App that `actions/create-github-app-token` mints installation tokens for. */
export interface AppSettings {
  /** numeric App id (the deprecated `app-id` input) */
  id: string;
  /** Client ID (the `client-id` input) */
  clientId?: string;
  slug: string;
  /** The key a caller must pass as `private-key` (any text: the stand-in compares, it does not sign). */
  privateKey: string;
  /** The installation's permissions; `permission-*` inputs narrow them. */
  permissions: Permissions;
  /** The App is in the rulesets' bypass list. */
  bypass?: boolean;
}

/** Repository settings as a user sets them in Settings > Secrets, Variables, Environments. */
export interface RepositorySettings {
  secrets?: Record<string, string>;
  variables?: Record<string, string>;
  environments?: Record<string, EnvironmentSettings>;
  app?: AppSettings;
  /**
   * Settings > Actions > Workflow permissions: the GITHUB_TOKEN's permissions when a workflow sets
   * none. 'read' (the default for new repositories: contents and packages read) or 'write'.
   * https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
   */
  defaultWorkflowPermissions?: 'read' | 'write';
}

export interface ApprovalRequest {
  run: number;
  job: string;
  environment: string;
  reviewers: string[];
}
export interface ApprovalDecision {
  approved: boolean;
  by: string;
  comment?: string;
}

export type Conclusion = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface StepResult {
  /** display name, as on the Actions tab ("Run actions/checkout@…", "Post Tag and release") */
  name: string;
  id: string;
  /** before continue-on-error */
  outcome: Conclusion;
  conclusion: Conclusion;
  outputs: Record<string, string>;
  /** masked log, as the Actions tab shows it */
  log: string;
  summary: string;
  annotations: Annotation[];
}

export interface JobResult {
  /** `caller/called` path for jobs of a reusable workflow, e.g. `deploy/migrate` */
  id: string;
  /** display name, e.g. `deploy / migrate` */
  name: string;
  /**
   * one leg of a matrix job: its `matrix` context. The leg's id is `<job> (<values>)`, e.g.
   * `deploy/migrate (api)`, its name as GitHub shows it, e.g. `deploy / migrate (api)`.
   */
  matrix?: Record<string, unknown>;
  /** a job that calls a reusable workflow: its `uses:` (its jobs are listed as `<id>/<job>`) */
  calls?: string;
  status: 'queued' | 'pending' | 'waiting' | 'in_progress' | 'completed';
  conclusion?: Conclusion;
  outputs: Record<string, string>;
  steps: StepResult[];
  /** the evaluated `runs-on` */
  runsOn?: unknown;
  /** the fresh runner's directories (deleted at job end unless keepRunnerDirs) */
  runner?: { root: string; workspace: string; temp: string };
  environment?: {
    name: string;
    url?: string;
    approval?: ApprovalDecision & { reviewers: string[] };
  };
  /** the GITHUB_TOKEN's permissions (what was minted) */
  permissions?: Permissions;
  /** the concurrency group the job waited in */
  concurrency?: string;
  /** runner-level messages (job-level annotations: timeouts, cancellations, skipped outputs) */
  annotations: Annotation[];
  /** every step's summary, joined (the run's summary page) */
  summary: string;
  /** every step's log, joined */
  log: string;
}

export interface RunResult {
  id: number;
  /** workflow `name:` (or the file path) */
  workflow: string;
  /** `.github/workflows/<file>` */
  path: string;
  event: string;
  status: 'queued' | 'pending' | 'in_progress' | 'completed';
  /** startup_failure: the workflow file was invalid (GitHub shows no jobs) */
  conclusion?: Conclusion | 'startup_failure';
  jobs: JobResult[];
  /** the run's artifacts (upload-artifact in any of its jobs, called workflows included) */
  artifacts: ArtifactListing[];
  /** startup errors ("The workflow is not valid. …") */
  errors: string[];
}
