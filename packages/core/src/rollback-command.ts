import { ConfigurationError } from './errors.js';

/**
 * The file name of the caller's rollback workflow when the config names none: the name the
 * caller workflows in examples/ use (examples/<app>/.github/workflows/promote-rollback.yml). The
 * reusable workflow they call is .github/workflows/rollback.yml in Promote's own repository,
 * which GitHub cannot dispatch in the caller's.
 */
export const DEFAULT_ROLLBACK_WORKFLOW = 'promote-rollback.yml';

export interface RollbackCommandOptions {
  owner: string;
  repo: string;
  /** Workflow file name or id in .github/workflows (default promote-rollback.yml). */
  workflow?: string;
  /** Branch the workflow runs from (gh's --ref). */
  ref?: string;
  release?: string;
  backupId?: string;
  reason?: string;
  /** Further `-f key=value` fields the rollback workflow accepts. */
  fields?: Record<string, string | undefined>;
}

/**
 * Quote one word for a POSIX shell so the shell reads it back unchanged. Single quotes: nothing
 * inside them is special ($, `, \, "), so untrusted text (a PR title as the reason) stays data.
 */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const OWNER_REPO = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The exact command a person pastes to roll this release back, e.g.
 *   gh workflow run promote-rollback.yml --repo acme/shop -f release=v1.2.3 -f reason='smoke red'
 * Shown in PR bodies, seals and ship reports. Every value is quoted; control characters and
 * newlines in free text are flattened, so the command is one line.
 */
export function rollbackCommand(options: RollbackCommandOptions): string {
  const { owner, repo } = options;
  if (!OWNER_REPO.test(owner) || !OWNER_REPO.test(repo)) {
    throw new ConfigurationError(`"${owner}/${repo}" is not a repository name (owner/repo).`);
  }
  const workflow = options.workflow ?? DEFAULT_ROLLBACK_WORKFLOW;
  const words = [
    'gh',
    'workflow',
    'run',
    shellQuote(workflow),
    '--repo',
    shellQuote(`${owner}/${repo}`),
  ];
  if (options.ref) words.push('--ref', shellQuote(options.ref));
  const fields: [string, string | undefined][] = [
    ['release', options.release],
    ['backup-id', options.backupId],
    ...Object.entries(options.fields ?? {}),
    ['reason', options.reason],
  ];
  for (const [key, raw] of fields) {
    if (raw === undefined || raw === '') continue;
    if (!/^[A-Za-z0-9_-]+$/.test(key))
      throw new ConfigurationError(`rollback field name "${key}" must be letters, digits, - or _.`);
    // eslint-disable-next-line no-control-regex
    const value = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
    words.push('-f', `${key}=${shellQuote(value)}`);
  }
  return words.join(' ');
}
