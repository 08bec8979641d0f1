// Tokens with GitHub's permission model: a GITHUB_TOKEN or GitHub App installation token can do
// what its permissions allow and nothing else; a PAT acts as its user but cannot create check runs.
// Permissions per operation: https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps
import { randomBytes } from 'node:crypto';
import type { OpenApiOperation } from './openapi.js';

export type TokenKind = 'github-token' | 'app' | 'pat';
export type PermissionScope =
  | 'actions'
  | 'checks'
  | 'contents'
  | 'deployments'
  | 'issues'
  | 'metadata'
  | 'pull-requests'
  | 'statuses'
  | 'administration';
export type PermissionLevel = 'read' | 'write' | 'none';

export const PERMISSION_SCOPES: readonly PermissionScope[] = [
  'actions',
  'checks',
  'contents',
  'deployments',
  'issues',
  'metadata',
  'pull-requests',
  'statuses',
  'administration',
];

export interface MintOptions {
  kind: TokenKind;
  /** GITHUB_TOKEN: the job's `permissions:` as written in YAML (keys like `pull-requests`).
   *  app: the installation's permissions narrowed by `permission-*`; pat: ignored (acts as the user).
   *  Omitted: every scope `write` (GitHub's permissive default for a GITHUB_TOKEN). Given: scopes
   *  not listed are `none`, except `metadata`, which is always `read`. */
  permissions?: Partial<Record<PermissionScope, PermissionLevel>>;
  /** who the token acts as; default 'github-actions[bot]' (github-token), '<app-slug>[bot]' (app), 'octocat' (pat) */
  login?: string;
  /** the actor may bypass rulesets / branch protection (an App in the bypass list, an admin PAT) */
  bypass?: boolean;
}

export type TokenRecord = MintOptions & { token: string };

/** A minted token's shape: `ghs_emu<n>_<hex>` / `ghp_emu<n>_<hex>`; one not in the registry is refused. */
const MINTED = /^gh[sp]_emu\d+_[0-9a-f]+$/;

export class TokenRegistry {
  private readonly live = new Map<string, TokenRecord>();
  private readonly revoked = new Set<string>();
  private counter = 0;

  mint(opts: MintOptions): string {
    const prefix = opts.kind === 'pat' ? 'ghp' : 'ghs';
    const token = `${prefix}_emu${++this.counter}_${randomBytes(12).toString('hex')}`;
    const login =
      opts.login ??
      (opts.kind === 'pat'
        ? 'octocat'
        : opts.kind === 'app'
          ? 'promote-app[bot]'
          : 'github-actions[bot]');
    this.live.set(token, {
      ...opts,
      ...(opts.permissions ? { permissions: { ...opts.permissions } } : {}),
      login,
      token,
    });
    return token;
  }

  /** A job's GITHUB_TOKEN is revoked when the job ends: later requests get 401 Bad credentials. */
  revoke(token: string): void {
    if (this.live.delete(token)) this.revoked.add(token);
  }

  describe(token: string): TokenRecord | undefined {
    const found = this.live.get(token);
    return found ? { ...found } : undefined;
  }

  /** 'minted' (enforced), 'refused' (revoked, or shaped like a minted token but never minted), 'other'. */
  classify(token: string): 'minted' | 'refused' | 'other' {
    if (this.live.has(token)) return 'minted';
    if (this.revoked.has(token) || MINTED.test(token)) return 'refused';
    return 'other';
  }
}

export interface RequiredPermission {
  /** any one of these scopes at `level` (or above) is enough */
  scopes: PermissionScope[];
  level: 'read' | 'write';
}

/**
 * Exceptions to the category rule below, each as GitHub's permissions page lists the operation.
 * `null`: needs no repository permission (metadata, always granted).
 */
const EXCEPTIONS: Record<string, PermissionScope[] | null> = {
  // "Merge a pull request": Contents (write).
  'pulls/merge': ['contents'],
  // Metadata endpoints (read-only, granted to every installation): the repository, its tags,
  // collaborators, and the rules that apply to a branch.
  'repos/get': null,
  'repos/list-tags': null,
  'repos/check-collaborator': null,
  'repos/get-branch-rules': null,
  'users/get-authenticated': null,
  'rate-limit/get': null,
  // "List pull requests associated with a commit": Pull requests (read) only; GitHub lists it
  // under no other permission (API versions 2022-11-28 and 2026-03-10; the page's source data is
  // github/docs src/github-apps/data/fpt-*/server-to-server-permissions.json).
  'repos/list-pull-requests-associated-with-commit': ['pull-requests'],
  // "Update an issue": Issues (write) or Pull requests (write), like labels and assignees (a PR is
  // an issue); an issue-only token updates issues, so the two are alternatives.
  'issues/update': ['issues', 'pull-requests'],
};

/** category (or category/subcategory) of GitHub's OpenAPI description -> the scope it needs. */
const CATEGORIES: Record<string, PermissionScope[] | null> = {
  actions: ['actions'],
  checks: ['checks'],
  git: ['contents'],
  pulls: ['pull-requests'],
  // Pull requests are issues: labels, comments, assignees and events accept either permission.
  issues: ['issues', 'pull-requests'],
  'issues/issues': ['issues'],
  deployments: ['deployments'],
  releases: ['contents'],
  commits: ['contents'],
  'commits/statuses': ['statuses'],
  'repos/contents': ['contents'],
  'repos/repos': null,
  'repos/rules': null,
  'repos/rulesets': null,
  branches: ['contents'],
  'branches/branch-protection': ['administration'],
  collaborators: null,
  meta: null,
  'rate-limit': null,
  users: null,
};

/**
 * The permission GitHub requires for an operation: GET/HEAD need read, writes need write.
 * `null`: metadata only (always granted). `undefined`: not in the tables above (refused to every
 * minted App token, so a new route cannot slip through unchecked; add it to the tables).
 */
export function requiredPermission(op: OpenApiOperation): RequiredPermission | null | undefined {
  const level = op.method === 'GET' || op.method === 'HEAD' ? 'read' : 'write';
  const key = `${op.category}/${op.subcategory}`;
  const scopes =
    op.operationId in EXCEPTIONS
      ? EXCEPTIONS[op.operationId]
      : key in CATEGORIES
        ? CATEGORIES[key]
        : CATEGORIES[op.category];
  if (scopes === undefined) return undefined;
  return scopes === null ? null : { scopes, level };
}

/** Whether a minted token's permissions allow the operation. */
export function allows(record: TokenRecord, need: RequiredPermission | null | undefined): boolean {
  if (record.kind === 'pat' || need === null) return true;
  if (need === undefined) return false;
  if (!record.permissions) return true; // permissive default: write on every scope
  return need.scopes.some((scope) => {
    const level = scope === 'metadata' ? 'read' : (record.permissions?.[scope] ?? 'none');
    return need.level === 'read' ? level === 'read' || level === 'write' : level === 'write';
  });
}

/** GitHub: only GitHub Apps (GITHUB_TOKEN included) may create or update check runs. */
export const APP_ONLY_OPERATIONS = new Set(['checks/create', 'checks/update']);
