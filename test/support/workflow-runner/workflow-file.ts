// A workflow file through GitHub's parser (@actions/workflow-parser): schema validation, the
// converted model (events, jobs, needs, if), and the job mappings for keys the model leaves as
// tokens (permissions, timeout-minutes, defaults, with/shell/working-directory of steps).
import {
  convertWorkflowTemplate,
  isMapping,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
  type WorkflowTemplate,
} from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';

export interface ParsedWorkflow {
  path: string;
  name: string;
  template: WorkflowTemplate;
  /** the workflow root mapping */
  root: MappingToken;
  /** each job's raw mapping, by job id */
  jobTokens: Map<string, MappingToken>;
  errors: string[];
}

export function find(mapping: MappingToken | undefined, key: string): TemplateToken | undefined {
  if (!mapping) return undefined;
  for (const pair of mapping) {
    if (isString(pair.key) && pair.key.value === key) return pair.value;
  }
  return undefined;
}

export async function parseWorkflowFile(path: string, content: string): Promise<ParsedWorkflow> {
  const parsed = parseWorkflow({ name: path, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (!parsed.value || !isMapping(parsed.value)) {
    return {
      path,
      name: path,
      template: { events: {}, jobs: [], concurrency: undefined!, env: undefined! },
      root: undefined!,
      jobTokens: new Map(),
      errors: errors.length ? errors : [`${path}: not a workflow mapping`],
    };
  }
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  const root = parsed.value;
  const jobTokens = new Map<string, MappingToken>();
  const jobs = find(root, 'jobs');
  if (jobs && isMapping(jobs)) {
    for (const pair of jobs) {
      if (isString(pair.key) && isMapping(pair.value)) jobTokens.set(pair.key.value, pair.value);
    }
  }
  const nameToken = find(root, 'name');
  return {
    path,
    name: nameToken && isString(nameToken) ? nameToken.value : path,
    template,
    root,
    jobTokens,
    errors: [...errors, ...(template.errors ?? []).map((e) => e.Message)].filter(
      (e, i, all) => all.indexOf(e) === i,
    ),
  };
}
