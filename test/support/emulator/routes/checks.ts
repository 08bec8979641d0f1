// Check runs: create/update (annotations appended, 50 per request), get, list for a ref, annotations.
import { HttpError, validationFailed } from '../errors.js';
import { paginate, pageReply } from '../pagination.js';
import { actionsApp } from '../shapes/app.js';
import type { AnnotationRecord, CheckRunRecord } from '../state.js';
import type { EmulatorCore, RouteContext, RouteTable } from '../types.js';
import { commitOr404 } from './lookup.js';

export const OUTPUT_BYTE_LIMIT = 65_535;

function checkRunShape(emu: EmulatorCore, c: CheckRunRecord) {
  const url = `${emu.apiRepo}/check-runs/${c.id}`;
  const pullRequests = emu.state.pulls
    .filter((p) => p.state === 'open' && p.head.sha === c.head_sha)
    .map((p) => ({
      id: p.id,
      number: p.number,
      url: `${emu.apiRepo}/pulls/${p.number}`,
      head: { ref: p.head.ref, sha: p.head.sha, repo: { id: 1, url: emu.apiRepo, name: emu.repo } },
      base: { ref: p.base.ref, sha: p.base.sha, repo: { id: 1, url: emu.apiRepo, name: emu.repo } },
    }));
  return {
    id: c.id,
    head_sha: c.head_sha,
    node_id: Buffer.from(`08:CheckRun${c.id}`).toString('base64'),
    external_id: c.external_id,
    url,
    html_url: `${emu.htmlRepo}/runs/${c.id}`,
    details_url: c.details_url,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.started_at,
    completed_at: c.completed_at,
    output: {
      ...c.output,
      annotations_count: c.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    name: c.name,
    check_suite: { id: 5000 + (c.id % 1000) },
    app: actionsApp(emu, c.app_slug),
    pull_requests: pullRequests,
  };
}

/** Applies a create/update body; GitHub's rules: a conclusion completes the run, completion needs a conclusion. */
function apply(emu: EmulatorCore, run: CheckRunRecord, body: Record<string, any>): void {
  for (const key of ['name', 'details_url', 'external_id', 'started_at', 'completed_at'] as const) {
    if (body[key] !== undefined) (run as any)[key] = body[key];
  }
  if (body.status !== undefined) run.status = body.status;
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed' && !run.conclusion) {
    throw new HttpError(422, `Invalid request.\n\n"conclusion" wasn't supplied.`);
  }
  if (run.status === 'completed') run.completed_at ??= emu.now();
  if (body.output) {
    const o = body.output as {
      title?: string;
      summary?: string;
      text?: string;
      annotations?: AnnotationRecord[];
    };
    // The schema counts characters; GitHub also counts bytes: 65,535 characters of emoji are
    // refused (github/docs#35252), so a truncation by characters alone is not enough.
    for (const field of ['summary', 'text'] as const) {
      const value = o[field];
      if (typeof value === 'string' && Buffer.byteLength(value, 'utf8') > OUTPUT_BYTE_LIMIT) {
        throw validationFailed({
          resource: 'CheckRun',
          code: 'custom',
          field,
          message: `${field} exceeds a maximum bytesize of ${OUTPUT_BYTE_LIMIT}`,
        });
      }
    }
    if (o.title !== undefined) run.output.title = o.title;
    if (o.summary !== undefined) run.output.summary = o.summary;
    if (o.text !== undefined) run.output.text = o.text;
    // Annotations are appended, never replaced (that is how callers send more than 50).
    for (const a of o.annotations ?? [])
      run.annotations.push({ ...a, end_line: a.end_line ?? a.start_line });
  }
  if (body.actions) run.actions = body.actions;
  run.writes += 1;
}

function runOr404(emu: EmulatorCore, id: number): CheckRunRecord {
  const run = emu.state.checkRuns.find((c) => c.id === id);
  if (!run) throw new HttpError(404, 'Not Found');
  return run;
}

async function listForRef(ctx: RouteContext) {
  const { emu, query } = ctx;
  const sha = await commitOr404(emu, ctx.params.ref as string);
  let runs = emu.state.checkRuns.filter((c) => c.head_sha === sha);
  if (query.check_name) runs = runs.filter((c) => c.name === query.check_name);
  if (query.status) runs = runs.filter((c) => c.status === query.status);
  if ((query.filter ?? 'latest') === 'latest') {
    const latest = new Map<string, CheckRunRecord>();
    for (const r of runs) latest.set(r.name, r);
    runs = [...latest.values()];
  }
  runs = [...runs].reverse(); // newest first
  const { items, headers } = paginate(ctx, runs);
  return {
    status: 200,
    headers,
    body: { total_count: runs.length, check_runs: items.map((r) => checkRunShape(emu, r)) },
  };
}

export const checksRoutes: RouteTable = {
  'checks/create': async ({ emu, body }) => {
    const sha = await emu.git.resolveCommit(body.head_sha as string);
    if (!sha || sha !== body.head_sha)
      throw new HttpError(422, `No commit found for SHA: ${body.head_sha as string}`);
    const run: CheckRunRecord = {
      id: emu.nextId(),
      name: body.name as string,
      head_sha: sha,
      status: 'queued',
      conclusion: null,
      started_at: emu.now(),
      completed_at: null,
      details_url: null,
      external_id: null,
      output: { title: null, summary: null, text: null },
      annotations: [],
      actions: [],
      app_slug: 'github-actions',
      writes: 0,
    };
    apply(emu, run, body);
    emu.state.checkRuns.push(run);
    return { status: 201, body: checkRunShape(emu, run) };
  },

  'checks/update': ({ emu, params, body }) => {
    const run = runOr404(emu, params.check_run_id as number);
    const copy = structuredClone(run);
    apply(emu, copy, body);
    Object.assign(run, copy);
    return { status: 200, body: checkRunShape(emu, run) };
  },

  'checks/get': ({ emu, params }) => ({
    status: 200,
    body: checkRunShape(emu, runOr404(emu, params.check_run_id as number)),
  }),

  'checks/list-for-ref': listForRef,

  'checks/list-annotations': (ctx) => {
    const { emu } = ctx;
    const run = runOr404(emu, ctx.params.check_run_id as number);
    return pageReply(ctx, run.annotations, (a) => ({
      path: a.path,
      start_line: a.start_line,
      end_line: a.end_line,
      start_column: a.start_column ?? null,
      end_column: a.end_column ?? null,
      annotation_level: a.annotation_level,
      title: a.title ?? null,
      message: a.message,
      raw_details: a.raw_details ?? null,
      blob_href: `${emu.htmlRepo}/blob/${run.head_sha}/${a.path}`,
    }));
  },
};
