// The GITHUB_TOKEN's permissions of a job, GitHub's rules:
// - `permissions:` of the job, else of the workflow, else the repository default ("Workflow
//   permissions" setting: read = contents and packages read; write = read/write for all scopes);
//   `read-all` / `write-all` set every scope; a mapping leaves unlisted scopes at none.
//   https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#permissions
//   https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
// - in a called (reusable) workflow the caller job's permissions are the ceiling: "The GITHUB_TOKEN
//   permissions passed from the caller workflow can be only downgraded (not elevated) by the
//   called workflow", and a nested job asking for more makes the whole run invalid at startup:
//   "The nested job 'x' is requesting 'contents: write', but is only allowed 'contents: read'."
//   https://docs.github.com/en/actions/reference/workflows-and-actions/reusing-workflow-configurations#supported-keywords-for-jobs-that-call-a-reusable-workflow
//   actions/runner src/Sdk/WorkflowParser/Conversion/PermissionsHelper.cs (cited in actions/runner#4151)
import type { PermissionLevel, Permissions } from './types.js';

export const SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
] as const;

const RANK: Record<PermissionLevel, number> = { none: 0, read: 1, write: 2 };

function all(level: PermissionLevel): Permissions {
  return Object.fromEntries(SCOPES.map((s) => [s, level]));
}

/** The evaluated `permissions:` value (undefined when absent) as a scope map. */
export function toPermissions(value: unknown): Permissions | undefined {
  if (value === undefined) return undefined;
  if (value === 'read-all') return all('read');
  if (value === 'write-all') return all('write');
  if (value && typeof value === 'object') return { ...(value as Permissions) };
  throw new Error(`permissions: ${JSON.stringify(value)} is not read-all, write-all or a mapping`);
}

export function defaultPermissions(setting: 'read' | 'write' = 'read'): Permissions {
  return setting === 'read' ? { contents: 'read', packages: 'read' } : all('write');
}

export function level(p: Permissions, scope: string): PermissionLevel {
  return p[scope] ?? 'none';
}

/** GitHub's startup error for the first scope `requested` exceeds in `allowed`, else undefined. */
export function exceeds(
  requested: Permissions,
  allowed: Permissions,
  jobId: string,
  workflowRef: string,
): string | undefined {
  for (const [scope, want] of Object.entries(requested)) {
    const have = level(allowed, scope);
    if (RANK[want] > RANK[have]) {
      return `Error calling workflow '${workflowRef}'. The nested job '${jobId}' is requesting '${scope}: ${want}', but is only allowed '${scope}: ${have}'.`;
    }
  }
  return undefined;
}
