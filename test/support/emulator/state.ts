// The emulator's mutable world, as plain objects so tests can seed it and assert on it.
import type { RulesetRecord } from './rulesets.js';

export interface UserRecord {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface ItemBase {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason?: 'completed' | 'not_planned' | 'reopened' | null;
  labels: string[];
  assignees: string[];
  user: string;
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export type IssueRecord = ItemBase;

export interface PullRecord extends ItemBase {
  head: { ref: string; sha: string; label?: string };
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merged_by: string | null;
  merge_commit_sha: string | null;
  maintainer_can_modify: boolean;
  requested_reviewers: string[];
  requested_teams: string[];
  /** Tests may set false to make PUT /merge answer 405. */
  mergeable?: boolean;
}

export interface CommentRecord {
  id: number;
  issue_number: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface ReviewRecord {
  id: number;
  pull_number: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING' | 'DISMISSED';
  body: string;
  commit_id: string;
  submitted_at: string | null;
}

export interface AnnotationRecord {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number | null;
  end_column?: number | null;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string | null;
  raw_details?: string | null;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  details_url: string | null;
  external_id: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: AnnotationRecord[];
  actions: { label: string; description: string; identifier: string }[];
  app_slug: string;
  /** how many create/update requests touched it: tests use it to prove idempotency */
  writes: number;
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  target_url: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
}

export interface ReleaseRecord {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  make_latest?: 'true' | 'false' | 'legacy';
  author: string;
  created_at: string;
  published_at: string | null;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  original_environment: string;
  description: string | null;
  creator: string;
  transient_environment: boolean;
  production_environment: boolean;
  created_at: string;
  updated_at: string;
}

export interface DeploymentStatusRecord {
  id: number;
  deployment_id: number;
  state: 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';
  description: string;
  environment: string;
  target_url: string;
  log_url: string;
  environment_url: string;
  creator: string;
  created_at: string;
  updated_at: string;
}

export interface WorkflowRunRecord {
  id: number;
  name: string;
  workflow_id: number;
  path: string;
  head_branch: string;
  head_sha: string;
  event: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  run_number: number;
  run_attempt: number;
  created_at: string;
  updated_at: string;
}

export interface DispatchRecord {
  workflow_id: string;
  ref: string;
  inputs: Record<string, unknown>;
  at: string;
}

export interface ProtectionRecord {
  required_status_checks?: { strict?: boolean; contexts: string[] };
  required_pull_request_reviews?: {
    required_approving_review_count?: number;
    dismiss_stale_reviews?: boolean;
  };
  enforce_admins?: boolean;
  required_linear_history?: boolean;
  allow_force_pushes?: boolean;
  /** Logins allowed to bypass the rules (a ruleset's bypass list, e.g. a release GitHub App). */
  bypass?: string[];
}

export interface WorkflowRecord {
  id: number;
  name: string;
  path: string;
  state: 'active' | 'disabled_manually';
}

export interface EmulatorState {
  /** repository rulesets (seed with `emulator.addRuleset`), enforced next to `protection` */
  rulesets: RulesetRecord[];
  users: Record<string, UserRecord>;
  /** token -> login; unknown tokens act as `defaultLogin` */
  tokens: Record<string, string>;
  defaultLogin: string;
  issues: IssueRecord[];
  pulls: PullRecord[];
  comments: CommentRecord[];
  labels: LabelRecord[];
  reviews: ReviewRecord[];
  checkRuns: CheckRunRecord[];
  statuses: StatusRecord[];
  releases: ReleaseRecord[];
  deployments: DeploymentRecord[];
  deploymentStatuses: DeploymentStatusRecord[];
  workflows: WorkflowRecord[];
  workflowRuns: WorkflowRunRecord[];
  dispatches: DispatchRecord[];
  protection: Record<string, ProtectionRecord>;
  collaborators: string[];
}

export function createState(owner: string): EmulatorState {
  return {
    users: {
      [owner]: { login: owner, id: 1, type: 'Organization' },
      'github-actions[bot]': { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      octocat: { login: 'octocat', id: 583231, type: 'User' },
    },
    tokens: {},
    defaultLogin: 'github-actions[bot]',
    issues: [],
    pulls: [],
    comments: [],
    labels: [],
    reviews: [],
    checkRuns: [],
    statuses: [],
    releases: [],
    deployments: [],
    deploymentStatuses: [],
    workflows: [],
    workflowRuns: [],
    dispatches: [],
    protection: {},
    rulesets: [],
    collaborators: ['octocat'],
  };
}
