import { readFileSync } from 'node:fs';
import { ConfigurationError } from '@promote/core/errors';
import type { ActionIO } from '@promote/core/io';

/** The inputs of action.yml, parsed once (keys mirror the input names). */
export interface SmokeInputs {
  token?: string;
  config: string;
  /** One app of promotion.yml's apps (issue #20); undefined: the repository as one app. */
  app?: string;
  /** A stage name; undefined: the stage of the event's branch (declared stages), else the last. */
  stage?: string;
  baseUrl?: string;
  sha?: string;
  deploymentId?: number;
  tag?: string;
  backupId?: string;
  onFailure?: 'alert' | 'fail' | 'rollback';
  watch?: boolean;
  baseline?: { p95Ms?: number };
  mode: 'seal' | 'baseline';
  dryRun: boolean;
}

const optional = (io: ActionIO, name: string) => {
  const v = io.getInput(name).trim();
  return v === '' ? undefined : v;
};

export function readInputs(io: ActionIO): SmokeInputs {
  const deployment = optional(io, 'deployment-id');
  if (deployment !== undefined && !/^\d+$/.test(deployment)) {
    throw new ConfigurationError(
      `input deployment-id: "${deployment}" is not a deployment id (a positive number, e.g. \${{ steps.deploy.outputs.deployment-id }}).`,
    );
  }
  const onFailure = optional(io, 'on-failure');
  if (onFailure !== undefined && !['alert', 'fail', 'rollback'].includes(onFailure)) {
    throw new ConfigurationError(
      `input on-failure: "${onFailure}" is not one of alert, fail, rollback.`,
    );
  }
  const watch = optional(io, 'watch');
  if (watch !== undefined && !['true', 'false'].includes(watch.toLowerCase())) {
    throw new ConfigurationError(`input watch: "${watch}" is not true or false.`);
  }
  const mode = optional(io, 'mode') ?? 'seal';
  if (mode !== 'seal' && mode !== 'baseline') {
    throw new ConfigurationError(`input mode: "${mode}" is not seal or baseline.`);
  }
  const sha = optional(io, 'sha');
  if (sha !== undefined && !/^[0-9a-f]{40}$/i.test(sha)) {
    throw new ConfigurationError(`input sha: "${sha}" is not a full 40-character commit SHA.`);
  }
  const backupId = optional(io, 'backup-id');
  if (backupId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/.test(backupId)) {
    throw new ConfigurationError(
      `input backup-id: "${backupId.slice(0, 80)}" is not a backup id (letters, digits, ".", "_", ":" and "-"; the migrate step's backup-id output).`,
    );
  }
  const dryRun = optional(io, 'dry-run') ?? 'false';
  if (!['true', 'false'].includes(dryRun.toLowerCase())) {
    throw new ConfigurationError(`input dry-run: "${dryRun}" is not true or false.`);
  }
  const baselineText = optional(io, 'baseline');
  return {
    ...(optional(io, 'token') ? { token: optional(io, 'token') } : {}),
    config: optional(io, 'config') ?? '.github/promotion.yml',
    ...(optional(io, 'app') ? { app: optional(io, 'app') } : {}),
    ...(optional(io, 'stage') ? { stage: optional(io, 'stage') } : {}),
    ...(optional(io, 'base-url') ? { baseUrl: optional(io, 'base-url') } : {}),
    ...(sha ? { sha: sha.toLowerCase() } : {}),
    ...(deployment ? { deploymentId: Number(deployment) } : {}),
    ...(optional(io, 'tag') ? { tag: optional(io, 'tag') } : {}),
    ...(backupId ? { backupId } : {}),
    ...(onFailure ? { onFailure: onFailure as SmokeInputs['onFailure'] } : {}),
    ...(watch ? { watch: watch.toLowerCase() === 'true' } : {}),
    ...(baselineText ? { baseline: parseBaseline(baselineText) } : {}),
    mode,
    dryRun: dryRun.toLowerCase() === 'true',
  };
}

/**
 * The `baseline` input: `{"p95-ms": 180}`, or the `results` output of a run with mode: baseline
 * before the deploy (it carries "p95-ms" too), or a path to a file holding either.
 */
export function parseBaseline(text: string): { p95Ms?: number } {
  let raw = text;
  if (!text.startsWith('{')) {
    try {
      raw = readFileSync(text, 'utf8');
    } catch {
      throw new ConfigurationError(
        `input baseline: not JSON and no file at "${text}"; pass {"p95-ms": 180} or the results output of a mode: baseline run.`,
      );
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new ConfigurationError(
      'input baseline: not valid JSON; pass {"p95-ms": 180} or the results output of a mode: baseline run.',
    );
  }
  const p95 = (data as Record<string, unknown>)['p95-ms'];
  if (p95 !== undefined && p95 !== null && (typeof p95 !== 'number' || p95 < 0)) {
    throw new ConfigurationError(
      `input baseline: "p95-ms" is ${JSON.stringify(p95)}, not a number of milliseconds.`,
    );
  }
  return typeof p95 === 'number' ? { p95Ms: p95 } : {};
}
