/**
 * The exact command a person runs to put production back: the rollback workflow by
 * workflow_dispatch (gh CLI), with the release to restore when the tag is known. Arguments are
 * single-quoted for POSIX shells, so a tag or reason cannot break out of the command.
 */
export function rollbackCommand(options: { repo: string; workflow: string; ref?: string; inputs: Record<string, string> }): string {
  const parts = ['gh', 'workflow', 'run', options.workflow, '--repo', options.repo];
  if (options.ref) parts.push('--ref', options.ref);
  for (const [key, value] of Object.entries(options.inputs)) parts.push('-f', `${key}=${value}`);
  return parts.map(shellQuote).join(' ');
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Inputs of the rollback dispatch: {sha} and {tag} replaced in configured values. */
export function rollbackInputs(configured: Record<string, string>, facts: { sha: string; tag?: string; reason: string }): Record<string, string> {
  const fill = (v: string) => v.split('{sha}').join(facts.sha).split('{tag}').join(facts.tag ?? '');
  return {
    ...(facts.tag ? { release: facts.tag } : {}),
    reason: facts.reason,
    ...Object.fromEntries(Object.entries(configured).map(([k, v]) => [k, fill(v)])),
  };
}
