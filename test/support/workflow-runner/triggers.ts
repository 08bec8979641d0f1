// Which workflows an event starts, by their `on:` (GitHub's rules):
// https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#onpushpull_requestpull_request_targetpathspaths-ignore
import picomatch from 'picomatch';
import type { EventsConfig, InputConfig } from '@actions/workflow-parser/model/workflow-template';
import type { RepoEvent } from './types.js';

/** Activity types each event starts a workflow for when `types:` is absent. */
const DEFAULT_TYPES: Record<string, string[] | undefined> = {
  pull_request: ['opened', 'synchronize', 'reopened'],
  pull_request_target: ['opened', 'synchronize', 'reopened'],
  merge_group: ['checks_requested'],
};

/**
 * GitHub's filter patterns: `*` stops at `/`, `**` does not, `!` negates; later patterns win.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#filter-pattern-cheat-sheet
 */
export function matchesFilter(value: string, patterns: string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    if (picomatch.isMatch(value, glob, { dot: true })) matched = !negated;
  }
  return matched;
}

function branchFilter(
  config: { branches?: string[]; 'branches-ignore'?: string[] } | undefined,
  branch: string | undefined,
): boolean {
  if (!config || branch === undefined) return true;
  if (config.branches) return matchesFilter(branch, config.branches);
  if (config['branches-ignore']) return !matchesFilter(branch, config['branches-ignore']);
  return true;
}

/** Does this workflow (its `on:`, its path) start for this event? */
export function workflowMatches(events: EventsConfig, path: string, event: RepoEvent): boolean {
  const config = events[event.name] as Record<string, any> | null | undefined;
  if (config === undefined) return false;
  const action = event.payload.action as string | undefined;
  const types: string[] | undefined = config?.types ?? DEFAULT_TYPES[event.name];
  if (types && action && !types.includes(action)) return false;
  switch (event.name) {
    case 'pull_request':
    case 'pull_request_target':
    case 'pull_request_review':
      return branchFilter(
        config ?? undefined,
        event.payload.pull_request?.base?.ref as string | undefined,
      );
    case 'push': {
      const ref: string = event.payload.ref ?? event.ref;
      if (!config) return true;
      const hasBranches = Boolean(config?.branches || config?.['branches-ignore']);
      const hasTags = Boolean(config?.tags || config?.['tags-ignore']);
      if (ref.startsWith('refs/tags/')) {
        if (!hasTags) return !hasBranches;
        const tag = ref.slice('refs/tags/'.length);
        if (config.tags) return matchesFilter(tag, config.tags);
        return !matchesFilter(tag, config['tags-ignore']);
      }
      if (!hasBranches) return !hasTags;
      return branchFilter(config, ref.replace(/^refs\/heads\//, ''));
    }
    case 'workflow_dispatch': {
      // A dispatch names one workflow (by file name or path).
      const wanted = String(event.payload.workflow ?? '');
      return wanted === path || wanted === path.split('/').pop();
    }
    default:
      return true;
  }
}

/**
 * The `inputs` context of a workflow_dispatch run: given values typed by their declaration,
 * defaults for the rest; a missing required input or an unknown one is refused (GitHub answers the
 * dispatch 422). https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#inputs-context
 */
export function dispatchInputs(
  declared: Record<string, InputConfig> | undefined,
  given: Record<string, unknown>,
): Record<string, string | boolean | number> {
  const decl = declared ?? {};
  const unexpected = Object.keys(given).filter((k) => !(k in decl));
  if (unexpected.length) {
    throw new Error(`Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  }
  const out: Record<string, string | boolean | number> = {};
  for (const [name, spec] of Object.entries(decl)) {
    const raw = given[name];
    const value = raw === undefined || raw === null ? spec.default : raw;
    if ((value === undefined || value === '') && spec.required) {
      throw new Error(`Required input '${name}' not provided`);
    }
    if (spec.type === 'boolean') {
      out[name] = value === true || value === 'true';
    } else if ((spec.type as string) === 'number') {
      out[name] = value === undefined || value === '' ? '' : Number(value);
    } else if (spec.type === 'choice' && value !== undefined && spec.options) {
      if (!spec.options.includes(String(value))) {
        throw new Error(
          `Input '${name}': '${String(value)}' is not one of ${JSON.stringify(spec.options)}`,
        );
      }
      out[name] = String(value);
    } else {
      out[name] = value === undefined ? '' : String(value);
    }
  }
  return out;
}
