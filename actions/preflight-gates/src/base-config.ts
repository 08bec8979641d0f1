import { mergeInputs, type InputOverrides } from '@promote/core/config/merge';
import {
  DEFAULT_CONFIG_PATH,
  readConfigText,
  type ContentsReader,
} from '@promote/core/config/load';
import { parseConfig } from '@promote/core/config/parse';
import type { PromotionConfig } from '@promote/core/config/schema';
import type { Gate } from '@promote/core/gates/evaluate';
import { enabledGates } from './enabled-gates.js';
import type { Logger } from '@promote/core/logger';
import { untrusted } from '@promote/core/untrusted-text';
import { parse } from 'yaml';

/**
 * The config that judges a PR is the base branch's, read at the PR's base SHA through the
 * contents API; the PR's own version of the file is judged, never obeyed (issue #16). A missing
 * or empty config, or one that enables no gate, is a setup problem: the required check fails
 * and says how to set it up, instead of "All 0 gates passed".
 */

export interface BaseRef {
  ref: string;
  sha: string;
}

export interface SetupProblem {
  /** The check run's title (one line). */
  title: string;
  /** Markdown: what was looked for, where, and how to fix it. */
  body: string;
}

export type BaseConfig =
  { ok: true; config: PromotionConfig; gates: Gate[] } | { ok: false; problem: SetupProblem };

export { enabledGates };

/** Nothing but comments and whitespace, `{}` or `null`: a file that says nothing. */
export function isEmptyConfig(text: string): boolean {
  try {
    const raw: unknown = parse(text);
    return (
      raw === null ||
      raw === undefined ||
      (typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 0)
    );
  } catch {
    return false; // not YAML: parseConfig says what is wrong with it
  }
}

const SETUP_HELP = (path: string, base: BaseRef) =>
  [
    `To set it up, add ${untrusted(path, 'code')} to ${untrusted(base.ref, 'code')} with the gates this check should run, for example:`,
    '```yaml\npreflight:\n  # ci, diff-guard (secrets) and branch-protection run unless switched off\n  freeze:\n    - { days: [fri], from: "14:00", reason: no Friday afternoon deploys }\n  tests: { junit: [reports/junit.xml], lcov: [coverage/lcov.info], min-coverage: 80 }\n```',
    '`preflight: {}` alone runs the three default gates. Reference: docs/config.md.',
  ].join('\n\n');

function pathNote(path: string): string {
  return path === DEFAULT_CONFIG_PATH
    ? ''
    : ` (the path the \`config\` input names; the default is ${untrusted(DEFAULT_CONFIG_PATH, 'code')})`;
}

/** Pure: the setup problem of a base config, if it has one. */
export function setupProblem(input: {
  path: string;
  base: BaseRef;
  text: string | undefined;
  gates?: readonly Gate[];
  /** The PR adds (or changes) the file: the first adoption of Promote. */
  prHasFile: boolean;
}): SetupProblem | undefined {
  const { path, base, text } = input;
  const at = `${untrusted(base.ref, 'code')} at ${base.sha.slice(0, 12)}`;
  const bootstrap = input.prHasFile
    ? `This PR adds ${untrusted(path, 'code')}: it is shown below, but it cannot judge the PR that brings it (a PR would then write its own rules). Merge it while \`promote/preflight\` is not yet a required check (or with an administrator's bypass); from then on every PR is judged by it.`
    : '';
  const rule = `preflight-gates judges every pull request by the config on its base branch (${at}), never by the PR's own copy.`;
  if (text === undefined) {
    return {
      title: `No promotion config: ${path} not found on ${base.ref}`,
      body: [
        `**No ${untrusted(path, 'code')} on ${at}**${pathNote(path)}. ${rule} With no config there is nothing to check, and a required check that checks nothing must not pass.`,
        bootstrap,
        SETUP_HELP(path, base),
      ]
        .filter(Boolean)
        .join('\n\n'),
    };
  }
  if (isEmptyConfig(text)) {
    return {
      title: `Empty promotion config: ${path} on ${base.ref} configures nothing`,
      body: [
        `**${untrusted(path, 'code')} on ${at} is empty**${pathNote(path)}. ${rule} An empty file is most likely a mistake, so no gate runs and the check fails.`,
        bootstrap,
        SETUP_HELP(path, base),
      ]
        .filter(Boolean)
        .join('\n\n'),
    };
  }
  if (input.gates && input.gates.length === 0) {
    return {
      title: `No gate enabled: ${path} on ${base.ref} switches every gate off`,
      body: [
        `**${untrusted(path, 'code')} on ${at} enables no gate**: ci, diff-guard and branch-protection say \`enabled: false\` and no other gate is configured. A required check that checks nothing must not pass.`,
        'Enable at least one gate (remove an `enabled: false`, or add e.g. `freeze:` or `tests:` under `preflight:`). Reference: docs/config.md.',
      ].join('\n\n'),
    };
  }
  return undefined;
}

/**
 * Read the config at the PR's base SHA, validate it (a bad file throws, naming the key), merge
 * the action inputs and tell a setup problem apart from a config that runs gates.
 */
export async function loadBaseConfig(options: {
  github: ContentsReader;
  repo: { owner: string; repo: string };
  path: string;
  base: BaseRef;
  overrides: InputOverrides;
  inputNames: Record<string, string>;
  /** Where a deprecated value in the file is warned about. */
  logger?: Logger;
  /** Does the PR's head have the file (asked only when the base has none, or an empty one)? */
  prHasFile: () => Promise<boolean>;
}): Promise<BaseConfig> {
  const { path, base } = options;
  const text = await readConfigText({
    kind: 'api',
    github: options.github,
    ...options.repo,
    path,
    ref: base.sha,
  });
  if (text === undefined || isEmptyConfig(text)) {
    const problem = setupProblem({ path, base, text, prHasFile: await options.prHasFile() })!;
    return { ok: false, problem };
  }
  const config = mergeInputs(
    parseConfig(text, path, { logger: options.logger }),
    options.overrides,
    options.inputNames,
  );
  const gates = enabledGates(config.preflight);
  const problem = setupProblem({ path, base, text, gates, prHasFile: false });
  return problem ? { ok: false, problem } : { ok: true, config, gates };
}
