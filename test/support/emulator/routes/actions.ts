// GitHub Actions: workflow runs (seeded by tests in state.workflowRuns) and workflow_dispatch.
import { HttpError } from '../errors.js';
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

  'actions/create-workflow-dispatch': async ({ emu, params, body }) => {
    const workflow = workflowFor(emu, params.workflow_id as string, true);
    if (!workflow) throw new HttpError(404, 'Not Found');
    if (!(await emu.git.resolveCommit(body.ref as string)))
      throw new HttpError(422, `No ref found for: ${body.ref as string}`);
    emu.state.dispatches.push({
      workflow_id: String(params.workflow_id),
      ref: body.ref as string,
      inputs: (body.inputs as Record<string, unknown>) ?? {},
      at: emu.now(),
    });
    return { status: 204 };
  },
};
