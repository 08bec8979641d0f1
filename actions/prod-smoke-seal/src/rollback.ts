/** Inputs of the rollback dispatch: the release (when the tag is known), the reason, and configured extras with {sha}/{tag} filled in. */
export function rollbackInputs(
  configured: Record<string, string>,
  facts: { sha: string; tag?: string; reason: string },
): Record<string, string> {
  const fill = (v: string) =>
    v
      .split('{sha}')
      .join(facts.sha)
      .split('{tag}')
      .join(facts.tag ?? '');
  return {
    ...(facts.tag ? { release: facts.tag } : {}),
    reason: facts.reason,
    ...Object.fromEntries(Object.entries(configured).map(([k, v]) => [k, fill(v)])),
  };
}
