// The `secrets` context of a job.
//
// A workflow started by an event: the repository's secrets, and when the job declares
// `environment:`, that environment's secrets (an environment secret wins over a repository
// secret of the same name). GITHUB_TOKEN is always there.
// https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#secrets-context
//
// A called (reusable) workflow's job sees only what its caller passes:
// - `secrets: inherit`: every secret the caller could use;
// - `secrets: { name: ${{ secrets.X }} }`: just those names (callee names; undeclared names are
//   refused at startup unless the callee declares them under on.workflow_call.secrets);
// - nothing: no secrets at all (GITHUB_TOKEN only).
// Environment secrets: "To use environment secrets in a reusable workflow, set `environment` on
// the job in the reusable workflow... The caller workflow must still pass the secrets: use
// `secrets: inherit` or pass the secret by name, e.g. MY_SECRET: ${{ secrets.MY_SECRET }}. You can
// pass a secret by name even if it only exists in the environment. If an environment secret has
// the same name as a repository or organization secret, the environment secret takes precedence
// ... The job that sets `environment` receives the environment secret's value. If the caller
// workflow does not pass the environment secret, the secret resolves to an empty string in the
// reusable workflow. The workflow run does not error."
// https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows#using-inputs-and-secrets-in-a-reusable-workflow
// That is what users measured: actions/runner#4453 (environment secrets arrive empty in a called
// job that declares the environment, unless the caller passes `secrets: inherit`) and
// actions/runner#1490. The runner itself only receives the resolved values in its job message,
// so the rule lives in the service; it is modelled here as: the caller's pass-through (inherit,
// or each mapping expression) is evaluated with the called job's environment in scope.
import type { RepositorySettings } from './types.js';

export type SecretSource =
  | { kind: 'repository' }
  | {
      kind: 'called';
      inherit: boolean;
      /** each passed name -> evaluates the caller's expression with the caller scope's secrets */
      mapping: Record<string, (callerSecrets: Record<string, string>) => string>;
      parent: SecretSource;
    };

/** The secrets a job sees, given its secret source and its environment (if any). */
export function secretsFor(
  source: SecretSource,
  settings: RepositorySettings,
  environment: string | undefined,
): Record<string, string> {
  if (source.kind === 'repository') {
    const env = environment ? (settings.environments?.[environment]?.secrets ?? {}) : {};
    return { ...(settings.secrets ?? {}), ...env };
  }
  const callerSecrets = secretsFor(source.parent, settings, environment);
  if (source.inherit) return callerSecrets;
  const out: Record<string, string> = {};
  for (const [name, expr] of Object.entries(source.mapping)) out[name] = expr(callerSecrets);
  return out;
}
