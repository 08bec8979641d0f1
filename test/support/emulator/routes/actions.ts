// GitHub Actions: workflow runs (seeded by tests in state.workflowRuns) and workflow_dispatch.
import { parse as parseYaml } from 'yaml';
import { HttpError } from '../errors.js';
import { basePayload } from '../events.js';
import { paginate } from '../pagination.js';
import { repository } from '../shapes/repository.js';
import { simpleUser } from '../shapes/user.js';
import type { WorkflowRecord, WorkflowRunRecord } from '../state.js';
import type { EmulatorCore, RouteContext, RouteTable } from '../types.js';

function minimalRepository(emu: EmulatorCore) {
  return repository(emu);
}

function runShape(emu: EmulatorCore, r: WorkflowRunRecord) {
  const url = `${emu.apiRepo}/actions/runs/${r.id}`;
  return {
    id: r.id,
    name: r.name,
    node_id: Buffer.from(`011:WorkflowRun${r.id}`).toString('base64'),
    check_suite_id: r.id + 1,
    head_branch: r.head_branch,
    head_sha: r.head_sha,
    path: r.path,
    run_number: r.run_number,
    run_attempt: r.run_attempt,
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: r.workflow_id,
    url,
    html_url: `${emu.htmlRepo}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: r.created_at,
    updated_at: r.updated_at,
    run_started_at: r.created_at,
    actor: simpleUser(emu, emu.state.defaultLogin),
    triggering_actor: simpleUser(emu, emu.state.defaultLogin),
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${emu.apiRepo}/check-suites/${r.id + 1}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${emu.apiRepo}/actions/workflows/${r.workflow_id}`,
    head_commit: null,
    repository: minimalRepository(emu),
    head_repository: minimalRepository(emu),
    display_title: r.name,
  };
}

function filterRuns(ctx: RouteContext, runs: WorkflowRunRecord[]) {
  const { query } = ctx;
  let list = [...runs];
  if (query.branch) list = list.filter((r) => r.head_branch === query.branch);
  if (query.head_sha) list = list.filter((r) => r.head_sha === query.head_sha);
  if (query.event) list = list.filter((r) => r.event === query.event);
  // status accepts a status or a conclusion ("success", "failure"...)
  if (query.status)
    list = list.filter((r) => r.status === query.status || r.conclusion === query.status);
  list.sort((a, b) =>
    a.created_at === b.created_at ? b.id - a.id : a.created_at < b.created_at ? 1 : -1,
  );
  const { items, headers } = paginate(ctx, list);
  return {
    status: 200,
    headers,
    body: { total_count: list.length, workflow_runs: items.map((r) => runShape(ctx.emu, r)) },
  };
}

/** A workflow by id or file name; dispatching to an unseeded file name registers it (tests rarely seed workflows). */
function workflowFor(
  emu: EmulatorCore,
  id: string | number,
  create: boolean,
): WorkflowRecord | undefined {
  const key = String(id);
  const found = emu.state.workflows.find((w) => String(w.id) === key || w.path.endsWith(`/${key}`));
  if (found || !create || /^\d+$/.test(key)) return found;
  const workflow: WorkflowRecord = {
    id: emu.nextId(),
    name: key,
    path: `.github/workflows/${key}`,
    state: 'active',
  };
  emu.state.workflows.push(workflow);
  return workflow;
}

export const actionsRoutes: RouteTable = {
  'actions/list-workflow-runs-for-repo': (ctx) => filterRuns(ctx, ctx.emu.state.workflowRuns),

  'actions/list-workflow-runs': (ctx) => {
    const key = String(ctx.params.workflow_id);
    const workflow = workflowFor(ctx.emu, key, false);
    const runs = ctx.emu.state.workflowRuns.filter(
      (r) =>
        (workflow && r.workflow_id === workflow.id) ||
        String(r.workflow_id) === key ||
        r.path.endsWith(`/${key}`),
    );
    if (!workflow && !runs.length) throw new HttpError(404, 'Not Found');
    return filterRuns(ctx, runs);
  },

  'actions/get-workflow-run': ({ emu, params }) => {
    const run = emu.state.workflowRuns.find((r) => r.id === params.run_id);
    if (!run) throw new HttpError(404, 'Not Found');
    return { status: 200, body: runShape(emu, run) };
  },

  'actions/create-workflow-dispatch': async (ctx) => {
    const { emu, params, body } = ctx;
    const key = String(params.workflow_id);
    const seeded = workflowFor(emu, key, false);
    const path = seeded?.path ?? (/^\d+$/.test(key) ? undefined : `.github/workflows/${key}`);
    if (!path) throw new HttpError(404, 'Not Found');
    const ref = body.ref as string;
    const sha = await emu.git.resolveCommit(ref);
    if (!sha) throw new HttpError(422, `No ref found for: ${ref}`);
    // GitHub reads the workflow from `ref`: a file that is not there is a 404.
    const text = await emu.git.readFile(sha, path);
    if (text === undefined) throw new HttpError(404, 'Not Found');
    const given = (body.inputs as Record<string, unknown> | undefined) ?? {};
    checkDispatchInputs(text, given);
    const workflow = seeded ?? workflowFor(emu, key, true);
    emu.state.dispatches.push({
      workflow_id: key,
      ref,
      inputs: given,
      at: emu.now(),
    });
    const fullRef = (await emu.git.revParse(`refs/heads/${ref}`))
      ? `refs/heads/${ref}`
      : (await emu.git.revParse(`refs/tags/${ref}`))
        ? `refs/tags/${ref}`
        : ref;
    ctx.emit({
      name: 'workflow_dispatch',
      ref: fullRef,
      sha,
      // A GITHUB_TOKEN's events start no workflow runs, "with the exception of
      // workflow_dispatch and repository_dispatch":
      // https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#using-the-github_token-in-a-workflow
      actor: { ...ctx.actor, startsWorkflows: true },
      payload: {
        inputs: given,
        ref: fullRef,
        workflow: workflow?.path ?? path,
        ...basePayload(emu, ctx.actor),
      },
    });
    return { status: 204 };
  },
};

/**
 * GitHub's checks of a dispatch against the workflow's `on.workflow_dispatch`: no such trigger,
 * inputs it does not declare (422 `Unexpected inputs provided: ["x"]`), a required input missing.
 * https://docs.github.com/en/rest/actions/workflows#create-a-workflow-dispatch-event
 */
function checkDispatchInputs(text: string, given: Record<string, unknown>): void {
  let doc: any;
  try {
    doc = parseYaml(text);
  } catch {
    throw new HttpError(422, "Workflow does not have 'workflow_dispatch' trigger");
  }
  const on = doc?.on ?? doc?.true; // YAML 1.1 readers turn a bare `on` into true
  const triggers: Record<string, any> =
    typeof on === 'string'
      ? { [on]: null }
      : Array.isArray(on)
        ? Object.fromEntries(on.map((t: string) => [t, null]))
        : (on ?? {});
  if (!('workflow_dispatch' in triggers))
    throw new HttpError(422, "Workflow does not have 'workflow_dispatch' trigger");
  const declared: Record<string, { required?: boolean; default?: unknown }> =
    triggers.workflow_dispatch?.inputs ?? {};
  const unexpected = Object.keys(given).filter((k) => !(k in declared));
  if (unexpected.length)
    throw new HttpError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  const missing = Object.entries(declared)
    .filter(([k, d]) => d?.required === true && d.default === undefined && !(k in given))
    .map(([k]) => k);
  if (missing.length) throw new HttpError(422, `Required input '${missing[0]}' not provided`);
}
