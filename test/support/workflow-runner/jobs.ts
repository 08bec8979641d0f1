// A workflow's jobs, as GitHub schedules them: `needs` (a DAG; a job whose needs did not all
// succeed is skipped unless its `if:` uses always()/failure()/cancelled()), `if`, outputs,
// concurrency, environment (with required reviewers), runs-on, timeout-minutes, permissions (the
// job's GITHUB_TOKEN), secrets, env and defaults; reusable workflows (`uses:` on a job) run their
// jobs as `caller / called` with the caller's inputs, secrets and permission ceiling; a
// `strategy.matrix` job runs one leg per combination (expanded by matrix.ts).
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobs
// https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#status-check-functions
import { randomBytes } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isBasicExpression, isMapping, isString } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import type {
  Job,
  ReusableWorkflowJob,
  WorkflowJob,
} from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import type { ConcurrencyGroups } from './concurrency.js';
import {
  evaluate,
  evaluateStringMap,
  evaluateToken,
  toText,
  truthy,
  type ExpressionScope,
} from './expressions.js';
import { readBlob } from './git-files.js';
import { legName, planStrategy, type MatrixLeg, type StrategyPlan } from './matrix.js';
import { defaultPermissions, exceeds, toPermissions } from './permissions.js';
import { newRunnerMachine } from './runner-machine.js';
import { secretsFor, type SecretSource } from './secrets.js';
import { runSteps, type JobRuntime } from './steps.js';
import type { ArtifactStore } from './stand-ins/artifacts.js';
import type {
  ApprovalDecision,
  ApprovalRequest,
  Conclusion,
  JobResult,
  Permissions,
  RepoEvent,
  RepositorySettings,
  RunResult,
  RunnerEmulator,
} from './types.js';
import { find, parseWorkflowFile, type ParsedWorkflow } from './workflow-file.js';

export interface RunnerDeps {
  emulator: RunnerEmulator;
  settings: RepositorySettings;
  root: string;
  concurrency: ConcurrencyGroups;
  approve: (request: ApprovalRequest) => Promise<ApprovalDecision> | ApprovalDecision;
  approvals: (ApprovalRequest & ApprovalDecision)[];
  minuteMs: number;
  ghBin: string;
  extraEnv: Record<string, string>;
  keepRunnerDirs: boolean;
  /** action name -> the ISO "now" its bundle starts at */
  fixedNow: Record<string, string>;
  notify: () => void;
}

export interface RunState {
  id: number;
  result: RunResult;
  event: RepoEvent;
  /** the github context without the per-job keys */
  github: Record<string, unknown>;
  deps: RunnerDeps;
  cancelled: boolean;
  aborts: Set<AbortController>;
  /** the run's artifacts (kept across its jobs and the jobs of the workflows it calls) */
  artifacts: ArtifactStore;
}

export interface WorkflowScope {
  run: RunState;
  workflow: ParsedWorkflow;
  inputs: Record<string, unknown>;
  secrets: SecretSource;
  /** the caller job's permissions (called workflows only) */
  ceiling?: Permissions;
  idPrefix: string;
  namePrefix: string;
  /** called workflows of this scope's reusable jobs, resolved at startup */
  called: Map<string, CalledWorkflow>;
}

export interface CalledWorkflow {
  ref: string;
  workflow: ParsedWorkflow;
  called: Map<string, CalledWorkflow>;
  /** the caller job's effective permissions: the ceiling inside */
  ceiling: Permissions;
}

interface Done {
  result: Conclusion;
  outputs: Record<string, string>;
  /** this job or one of its ancestors failed */
  failedAbove: boolean;
}

const REUSABLE = /^[\w.-]+\/promote\/(\.github\/workflows\/[\w.-]+\.ya?ml)@[\w./-]+$/;

/** Reads a reusable workflow: this repository's file for `<owner>/promote/...`, the caller's for `./`. */
async function readCalled(run: RunState, ref: string): Promise<{ path: string; content: string }> {
  const ours = REUSABLE.exec(ref);
  if (ours) {
    const file = join(run.deps.root, ours[1]!);
    if (!existsSync(file)) throw new Error(`Unable to find reusable workflow ${ref} (${file})`);
    return { path: ours[1]!, content: readFileSync(file, 'utf8') };
  }
  if (ref.startsWith('./.github/workflows/')) {
    const path = ref.slice(2);
    const content = await readBlob(run.deps.emulator.git.dir, run.event.sha, path);
    if (content === undefined) throw new Error(`Unable to find reusable workflow ${ref}`);
    return { path, content };
  }
  throw new Error(
    `no stand-in for the reusable workflow ${ref}: the workflow runner resolves <owner>/promote/.github/workflows/<file>@<ref> (this repository) and ./.github/workflows/<file>.`,
  );
}

function effectivePermissions(
  jobToken: MappingToken | undefined,
  workflow: ParsedWorkflow,
  scope: { ceiling?: Permissions },
  settings: RepositorySettings,
  github: Record<string, unknown>,
): Permissions {
  const ev: ExpressionScope = { contexts: { github } };
  const job = toPermissions(evaluateToken(find(jobToken, 'permissions'), ev));
  if (job) return job;
  const top = toPermissions(evaluateToken(find(workflow.root, 'permissions'), ev));
  if (top) return top;
  return scope.ceiling ?? defaultPermissions(settings.defaultWorkflowPermissions);
}

/**
 * Startup: every reusable workflow is read and checked before any job runs, as GitHub does; a
 * nested job asking for more permissions than its caller job has, a secret the callee does not
 * declare, a required secret or input not passed: the run fails with no jobs ("startup failure").
 */
export async function resolveCalled(
  run: RunState,
  workflow: ParsedWorkflow,
  ceiling: Permissions | undefined,
  depth = 0,
): Promise<Map<string, CalledWorkflow>> {
  const out = new Map<string, CalledWorkflow>();
  if (depth > 4) throw new Error('Reusable workflows may be nested at most 4 levels deep.');
  for (const job of workflow.template.jobs ?? []) {
    if (job.type !== 'reusableWorkflowJob') continue;
    const rjob = job as ReusableWorkflowJob;
    const ref = rjob.ref.value;
    const { path, content } = await readCalled(run, ref);
    const called = await parseWorkflowFile(path, content);
    if (called.errors.length) {
      throw new Error(`Error calling workflow '${ref}'. ${called.errors.join(' ')}`);
    }
    const callerPermissions = effectivePermissions(
      workflow.jobTokens.get(rjob.id.value),
      workflow,
      { ceiling },
      run.deps.settings,
      run.github,
    );
    for (const inner of called.template.jobs ?? []) {
      const requested = effectivePermissions(
        called.jobTokens.get(inner.id.value),
        called,
        { ceiling: callerPermissions },
        run.deps.settings,
        run.github,
      );
      const error = exceeds(requested, callerPermissions, inner.id.value, ref);
      if (error) throw new Error(error);
    }
    checkCallSecrets(rjob, ref, called);
    out.set(rjob.id.value, {
      ref,
      workflow: called,
      ceiling: callerPermissions,
      called: await resolveCalled(run, called, callerPermissions, depth + 1),
    });
  }
  return out;
}

function workflowCall(called: ParsedWorkflow): MappingToken | undefined {
  const on = find(called.root, 'on');
  const wc = on && isMapping(on) ? find(on, 'workflow_call') : undefined;
  return wc && isMapping(wc) ? wc : undefined;
}

function declared(
  called: ParsedWorkflow,
  key: 'inputs' | 'secrets' | 'outputs',
): MappingToken | undefined {
  const m = find(workflowCall(called), key);
  return m && isMapping(m) ? m : undefined;
}

function checkCallSecrets(job: ReusableWorkflowJob, ref: string, called: ParsedWorkflow): void {
  const defs = declared(called, 'secrets');
  const names = new Set<string>();
  for (const pair of defs ?? []) if (isString(pair.key)) names.add(pair.key.value.toLowerCase());
  const passed = new Set<string>();
  for (const pair of job['secret-values'] ?? []) {
    if (!isString(pair.key)) continue;
    passed.add(pair.key.value.toLowerCase());
    if (!names.has(pair.key.value.toLowerCase())) {
      throw new Error(
        `Error calling workflow '${ref}'. Invalid secret, ${pair.key.value} is not defined in the referenced workflow.`,
      );
    }
  }
  if (job['inherit-secrets']) return;
  for (const pair of defs ?? []) {
    if (!isString(pair.key) || !isMapping(pair.value)) continue;
    const required = find(pair.value, 'required');
    if (
      required &&
      evaluateToken(required, { contexts: {} }) === true &&
      !passed.has(pair.key.value.toLowerCase())
    ) {
      throw new Error(`Secret ${pair.key.value} is required, but not provided while calling.`);
    }
  }
}

/** Runs every job of a workflow (or of a called workflow) and returns their results. */
export async function executeWorkflow(scope: WorkflowScope): Promise<Map<string, Done>> {
  const jobs = new Map<string, WorkflowJob>();
  for (const j of scope.workflow.template.jobs ?? []) jobs.set(j.id.value, j);
  const done = new Map<string, Promise<Done>>();
  const start = (id: string): Promise<Done> => {
    let p = done.get(id);
    if (!p) {
      p = runOne(scope, jobs.get(id)!, start);
      done.set(id, p);
    }
    return p;
  };
  const results = new Map<string, Done>();
  await Promise.all(
    [...jobs.keys()].map(async (id) => {
      results.set(id, await start(id));
    }),
  );
  return results;
}

function newJobResult(scope: WorkflowScope, job: WorkflowJob): JobResult {
  const nameScope: ExpressionScope = {
    contexts: { github: scope.run.github, inputs: scope.inputs },
  };
  let name = job.id.value;
  try {
    name = toText(evaluateToken(job.name, nameScope)) || job.id.value;
  } catch {
    // an unevaluable name shows the id, as GitHub does
  }
  const result: JobResult = {
    id: `${scope.idPrefix}${job.id.value}`,
    name: `${scope.namePrefix}${name}`,
    status: 'queued',
    outputs: {},
    steps: [],
    annotations: [],
    summary: '',
    log: '',
  };
  scope.run.result.jobs.push(result);
  scope.run.deps.notify();
  return result;
}

function finish(
  scope: WorkflowScope,
  result: JobResult,
  conclusion: Conclusion,
  failedAbove: boolean,
): Done {
  result.status = 'completed';
  result.conclusion = conclusion;
  result.summary = result.steps
    .map((s) => s.summary)
    .filter(Boolean)
    .join('\n');
  result.log = result.steps.map((s) => `##[group]${s.name}\n${s.log}\n##[endgroup]`).join('\n');
  scope.run.deps.notify();
  return {
    result: conclusion,
    outputs: result.outputs,
    failedAbove: failedAbove || conclusion === 'failure',
  };
}

async function runOne(
  scope: WorkflowScope,
  job: WorkflowJob,
  start: (id: string) => Promise<Done>,
): Promise<Done> {
  const result = newJobResult(scope, job);
  const needIds = (job.needs ?? []).map((n) => n.value);
  const needDone = await Promise.all(needIds.map(start));
  const needs: Record<string, { result: Conclusion; outputs: Record<string, string> }> = {};
  needIds.forEach(
    (id, i) => (needs[id] = { result: needDone[i]!.result, outputs: needDone[i]!.outputs }),
  );
  const failedAbove = needDone.some((d) => d.failedAbove || d.result === 'cancelled');
  const run = scope.run;
  // The job-level contexts. `if:` and `strategy:` see no matrix (the schema's `job-if` and
  // `strategy` contexts: github, inputs, vars, needs): a matrix job is one job until it is
  // expanded, and a false `if:` skips it whole.
  const jobScope: ExpressionScope = {
    contexts: {
      github: run.github,
      needs,
      inputs: scope.inputs,
      vars: run.deps.settings.variables ?? {},
      strategy: {},
      matrix: {},
    },
    status: {
      success: !run.cancelled && needDone.every((d) => d.result === 'success') && !failedAbove,
      failure: needDone.some((d) => d.failedAbove),
      cancelled: run.cancelled,
    },
  };
  try {
    if (!truthy(evaluate(job.if.expression, jobScope)))
      return finish(scope, result, 'skipped', failedAbove);
  } catch (error) {
    result.annotations.push({ level: 'error', message: (error as Error).message });
    return finish(scope, result, 'failure', failedAbove);
  }
  if (run.cancelled) return finish(scope, result, 'cancelled', failedAbove);

  if (job.strategy) {
    let plan: StrategyPlan;
    try {
      plan = planStrategy({
        token: job.strategy,
        scope: jobScope,
        jobId: job.id.value,
        file: scope.workflow.path,
      });
    } catch (error) {
      // GitHub shows the message on the run (an annotation of the workflow file) and runs no leg.
      const message = (error as Error).message;
      result.annotations.push({ level: 'error', message });
      run.result.errors.push(message);
      return finish(scope, result, 'failure', failedAbove);
    }
    return runMatrix(scope, job, result, plan, jobScope, needs, failedAbove);
  }
  const continueOnError = jobContinuesOnError(scope, job, jobScope);
  const done = await runInstance(
    scope,
    job,
    result,
    jobScope,
    needs,
    failedAbove,
    new AbortController(),
  );
  return continueOnError ? acceptFailure(done, failedAbove) : done;
}

/**
 * `jobs.<job_id>.continue-on-error`: a failed job does not fail the run, and `needs.<job>.result`
 * reads `success` (the Actions tab still shows the job failed): actions/runner#1161.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idcontinue-on-error
 */
function jobContinuesOnError(scope: WorkflowScope, job: WorkflowJob, at: ExpressionScope): boolean {
  try {
    return (
      evaluateToken(find(scope.workflow.jobTokens.get(job.id.value), 'continue-on-error'), at) ===
      true
    );
  } catch {
    return false;
  }
}

function acceptFailure(done: Done, failedAbove: boolean): Done {
  return done.result === 'failure' ? { ...done, result: 'success', failedAbove } : done;
}

/**
 * A matrix job: one leg per combination, in the order GitHub expands them, at most `max-parallel`
 * in progress (the next pending leg starts when one ends). With `fail-fast` (the default) the
 * first failed leg cancels the legs in progress and those still queued; a leg with
 * `continue-on-error` never does.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstrategyfail-fast
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstrategymax-parallel
 *
 * What dependent jobs see: `needs.<job>.result` is failure when any leg failed, else cancelled when
 * any was cancelled, else success (a matrix fails as a whole, as in nektos/act#1519); its
 * `outputs` are every leg's outputs combined, a leg that completes later overwriting a name an
 * earlier one set ("the last matrix job that runs will override the output value"; the runner
 * sends no empty output, so an empty value never overwrites):
 * https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/pass-job-outputs#using-job-outputs-in-a-matrix-job
 */
async function runMatrix(
  scope: WorkflowScope,
  job: WorkflowJob,
  placeholder: JobResult,
  plan: StrategyPlan,
  jobScope: ExpressionScope,
  needs: Record<string, { result: Conclusion; outputs: Record<string, string> }>,
  failedAbove: boolean,
): Promise<Done> {
  const run = scope.run;
  const legs = plan.legs.map((leg) => ({
    leg,
    scope: {
      ...jobScope,
      contexts: { ...jobScope.contexts, strategy: leg.strategy, matrix: leg.matrix },
    } as ExpressionScope,
  }));
  // The legs take the matrix job's place in the run's job list.
  const ids = new Set<string>();
  const results = legs.map(({ leg, scope: legScope }) => {
    const r = legResult(scope, job, placeholder, leg, legScope, plan.legs.length, ids);
    ids.add(r.id);
    return r;
  });
  const jobs = run.result.jobs;
  jobs.splice(jobs.indexOf(placeholder), 1, ...results);
  run.deps.notify();

  const outputs: Record<string, string> = {};
  const conclusions: Conclusion[] = [];
  const running = new Map<number, AbortController>();
  let cancelledBecause: string | undefined;
  const cancelLeg = (i: number) => {
    results[i]!.annotations.push({ level: 'error', message: cancelledBecause! });
    finish(scope, results[i]!, 'cancelled', failedAbove);
    conclusions[i] = 'cancelled';
  };
  await new Promise<void>((allDone) => {
    let next = 0;
    let ended = 0;
    const launch = () => {
      while (running.size < plan.maxParallel && next < legs.length) {
        const i = next++;
        if (cancelledBecause) {
          cancelLeg(i);
          ended++;
          continue;
        }
        if (run.cancelled) {
          finish(scope, results[i]!, 'cancelled', failedAbove);
          conclusions[i] = 'cancelled';
          ended++;
          continue;
        }
        const { leg, scope: legScope } = legs[i]!;
        const abort = new AbortController();
        running.set(i, abort);
        const continueOnError = jobContinuesOnError(scope, job, legScope);
        void runInstance(scope, job, results[i]!, legScope, needs, failedAbove, abort)
          .catch((error: Error): Done => {
            results[i]!.annotations.push({ level: 'error', message: error.message });
            return finish(scope, results[i]!, 'failure', failedAbove);
          })
          .then((done) => {
            running.delete(i);
            for (const [name, value] of Object.entries(done.outputs)) {
              if (value !== '') outputs[name] = value;
            }
            const effective = continueOnError ? acceptFailure(done, failedAbove) : done;
            conclusions[i] = effective.result;
            if (effective.result === 'failure' && plan.failFast && !cancelledBecause) {
              // The service's annotation on each leg it cancels.
              cancelledBecause = `The strategy configuration was canceled because "${job.id.value}.${leg.configId}" failed`;
              for (const [j, other] of running) {
                results[j]!.annotations.push({ level: 'error', message: cancelledBecause });
                other.abort('cancelled');
              }
            }
            ended++;
            if (ended === legs.length) allDone();
            else launch();
          });
      }
      if (ended === legs.length) allDone();
    };
    launch();
  });
  const conclusion: Conclusion = conclusions.includes('failure')
    ? 'failure'
    : conclusions.includes('cancelled')
      ? 'cancelled'
      : conclusions.every((c) => c === 'skipped')
        ? 'skipped'
        : 'success';
  return { result: conclusion, outputs, failedAbove: failedAbove || conclusion === 'failure' };
}

/** A leg's entry in the run's job list: `job (a, b)`, its matrix, as the Actions tab lists it. */
function legResult(
  scope: WorkflowScope,
  job: WorkflowJob,
  placeholder: JobResult,
  leg: MatrixLeg,
  legScope: ExpressionScope,
  total: number,
  taken: Set<string>,
): JobResult {
  let name: string;
  if (job.name && isBasicExpression(job.name)) {
    try {
      name = toText(evaluateToken(job.name, legScope)) || job.id.value;
    } catch {
      name = job.id.value;
    }
    name = `${scope.namePrefix}${name}`;
  } else name = legName(placeholder.name, leg.segments);
  const base = `${scope.idPrefix}${job.id.value}`;
  let id = leg.segments.length
    ? `${base} (${leg.segments.join(', ')})`
    : total > 1
      ? `${base} (${leg.configId})`
      : base;
  for (let n = 2; taken.has(id); n++) id = `${base} (${leg.configId} ${n})`;
  return { ...placeholder, id, name, matrix: leg.matrix, annotations: [], steps: [], outputs: {} };
}

/** One job run (a job, or one leg of a matrix): its concurrency group, then its steps or its called workflow. */
async function runInstance(
  scope: WorkflowScope,
  job: WorkflowJob,
  result: JobResult,
  jobScope: ExpressionScope,
  needs: Record<string, { result: Conclusion; outputs: Record<string, string> }>,
  failedAbove: boolean,
  abort: AbortController,
): Promise<Done> {
  const run = scope.run;
  // Concurrency: wait for the group (or be cancelled while pending).
  let release: (() => void) | undefined;
  run.aborts.add(abort);
  try {
    const concurrency = evaluateToken(job.concurrency, jobScope);
    if (concurrency !== undefined && concurrency !== null && concurrency !== '') {
      const spec =
        typeof concurrency === 'string'
          ? { group: concurrency }
          : (concurrency as {
              group?: string;
              'cancel-in-progress'?: boolean;
              queue?: 'single' | 'max';
            });
      if (spec.group) {
        result.concurrency = spec.group;
        result.status = 'pending';
        run.deps.notify();
        const admitted = await new Promise<boolean>((resolveAdmit) => {
          release = run.deps.concurrency.enter(
            spec.group!,
            {
              start: () => resolveAdmit(true),
              cancel: (message) => {
                result.annotations.push({ level: 'error', message });
                abort.abort('cancelled');
                resolveAdmit(false);
              },
            },
            { cancelInProgress: spec['cancel-in-progress'] === true, queue: spec.queue },
          );
          // Cancelled while pending (the run, or a failed leg of its matrix): it leaves the group.
          abort.signal.addEventListener('abort', () => resolveAdmit(false));
        });
        if (!admitted) return finish(scope, result, 'cancelled', failedAbove);
      }
    }
    if (job.type === 'reusableWorkflowJob') {
      return await runCall(scope, job as ReusableWorkflowJob, result, jobScope, failedAbove);
    }
    return await runJob(scope, job as Job, result, jobScope, needs, abort, failedAbove);
  } finally {
    run.aborts.delete(abort);
    release?.();
  }
}

async function runCall(
  scope: WorkflowScope,
  job: ReusableWorkflowJob,
  result: JobResult,
  callerScope: ExpressionScope,
  failedAbove: boolean,
): Promise<Done> {
  const called = scope.called.get(job.id.value)!;
  result.status = 'in_progress';
  result.calls = called.ref;
  const inputs: Record<string, unknown> = {};
  try {
    const given = (evaluateToken(job['input-values'], callerScope) ?? {}) as Record<
      string,
      unknown
    >;
    for (const pair of declared(called.workflow, 'inputs') ?? []) {
      if (!isString(pair.key) || !isMapping(pair.value)) continue;
      const name = pair.key.value;
      const type = toText(evaluateToken(find(pair.value, 'type'), callerScope));
      const required = evaluateToken(find(pair.value, 'required'), callerScope) === true;
      let value = given[name];
      if (value === undefined) {
        if (required) throw new Error(`Input ${name} is required, but not provided while calling.`);
        const d = find(pair.value, 'default');
        value = d
          ? evaluateToken(d, { contexts: { github: scope.run.github } })
          : type === 'boolean'
            ? false
            : type === 'number'
              ? 0
              : '';
      }
      if (type === 'boolean' && typeof value !== 'boolean') {
        throw new Error(
          `Unexpected value '${toText(value)}' for input ${name}: the input is a boolean.`,
        );
      }
      if (type === 'number' && typeof value !== 'number') {
        throw new Error(
          `Unexpected value '${toText(value)}' for input ${name}: the input is a number.`,
        );
      }
      if (type === 'string' && typeof value !== 'string') value = toText(value);
      inputs[name] = value;
    }
    for (const name of Object.keys(given)) {
      if (!(name in inputs))
        throw new Error(`Invalid input, ${name} is not defined in the referenced workflow.`);
    }
  } catch (error) {
    result.annotations.push({ level: 'error', message: (error as Error).message });
    return finish(scope, result, 'failure', failedAbove);
  }
  const mapping: Record<string, (caller: Record<string, string>) => string> = {};
  for (const pair of job['secret-values'] ?? []) {
    if (!isString(pair.key)) continue;
    const value = pair.value;
    mapping[pair.key.value] = (callerSecrets) =>
      toText(
        evaluateToken(value, { contexts: { ...callerScope.contexts, secrets: callerSecrets } }),
      );
  }
  const child: WorkflowScope = {
    run: scope.run,
    workflow: called.workflow,
    inputs,
    secrets: {
      kind: 'called',
      inherit: job['inherit-secrets'] === true,
      mapping,
      parent: scope.secrets,
    },
    ceiling: called.ceiling,
    idPrefix: `${result.id}/`,
    namePrefix: `${result.name} / `,
    called: called.called,
  };
  const done = await executeWorkflow(child);
  const jobsCtx: Record<string, { result: Conclusion; outputs: Record<string, string> }> = {};
  for (const [id, d] of done) jobsCtx[id] = { result: d.result, outputs: d.outputs };
  for (const pair of declared(called.workflow, 'outputs') ?? []) {
    if (!isString(pair.key) || !isMapping(pair.value)) continue;
    try {
      result.outputs[pair.key.value] = toText(
        evaluateToken(find(pair.value, 'value'), {
          contexts: {
            github: scope.run.github,
            inputs,
            jobs: jobsCtx,
            vars: scope.run.deps.settings.variables ?? {},
          },
        }),
      );
    } catch (error) {
      result.annotations.push({ level: 'error', message: (error as Error).message });
    }
  }
  const results = [...done.values()].map((d) => d.result);
  const conclusion: Conclusion = results.includes('failure')
    ? 'failure'
    : results.includes('cancelled')
      ? 'cancelled'
      : 'success';
  return finish(scope, result, conclusion, failedAbove);
}

let runnerNumber = 0;

async function runJob(
  scope: WorkflowScope,
  job: Job,
  result: JobResult,
  jobScope: ExpressionScope,
  needs: Record<string, { result: Conclusion; outputs: Record<string, string> }>,
  abort: AbortController,
  failedAbove: boolean,
): Promise<Done> {
  const run = scope.run;
  const deps = run.deps;
  const token = scope.workflow.jobTokens.get(job.id.value);
  // environment: name (and url, evaluated after the steps); required reviewers approve first.
  let environmentName: string | undefined;
  let environmentUrl: TemplateToken | undefined;
  try {
    const env = job.environment;
    if (env) {
      if (isMapping(env)) {
        environmentName = toText(evaluateToken(find(env, 'name'), jobScope)) || undefined;
        environmentUrl = find(env, 'url');
      } else environmentName = toText(evaluateToken(env, jobScope)) || undefined;
    }
    result.runsOn = evaluateToken(job['runs-on'], jobScope);
  } catch (error) {
    result.annotations.push({ level: 'error', message: (error as Error).message });
    return finish(scope, result, 'failure', failedAbove);
  }
  if (environmentName) {
    result.environment = { name: environmentName };
    const reviewers = deps.settings.environments?.[environmentName]?.reviewers ?? [];
    if (reviewers.length) {
      result.status = 'waiting';
      deps.notify();
      const request: ApprovalRequest = {
        run: run.id,
        job: result.id,
        environment: environmentName,
        reviewers,
      };
      const decision = await deps.approve(request);
      deps.approvals.push({ ...request, ...decision });
      result.environment.approval = { ...decision, reviewers };
      if (!decision.approved) {
        result.annotations.push({
          level: 'error',
          message: `Deployment to ${environmentName} was rejected by ${decision.by}.`,
        });
        return finish(scope, result, 'failure', failedAbove);
      }
    }
  }
  const timeoutMinutes = Number(evaluateToken(find(token, 'timeout-minutes'), jobScope) ?? 360);
  const permissions = effectivePermissions(token, scope.workflow, scope, deps.settings, run.github);
  result.permissions = permissions;
  const jobToken = deps.emulator.tokens
    ? deps.emulator.tokens.mint({ kind: 'github-token', permissions })
    : `ghs_${randomBytes(18).toString('hex')}`;
  const machine = newRunnerMachine(deps.emulator.repo, run.event.payload);
  result.runner = { root: machine.root, workspace: machine.workspace, temp: machine.temp };
  const deadline = Date.now() + timeoutMinutes * deps.minuteMs;
  const machineName = runnerName();
  const timer = setTimeout(() => {
    result.annotations.push({
      level: 'error',
      message: `The job running on runner ${machineName} has exceeded the maximum execution time of ${timeoutMinutes} minutes.`,
    });
    abort.abort('timeout');
  }, timeoutMinutes * deps.minuteMs);
  result.status = 'in_progress';
  deps.notify();
  try {
    const secrets = {
      ...secretsFor(scope.secrets, deps.settings, environmentName),
      GITHUB_TOKEN: jobToken,
    };
    const masks = [jobToken, ...Object.values(secrets).filter((v) => v && v.trim())];
    const github = {
      ...run.github,
      token: jobToken,
      job: job.id.value,
      workspace: machine.workspace,
      action: '',
    };
    const vars = {
      ...(deps.settings.variables ?? {}),
      ...(environmentName ? (deps.settings.environments?.[environmentName]?.variables ?? {}) : {}),
    };
    const runner = {
      os: 'Linux',
      arch: 'X64',
      name: machineName,
      temp: machine.temp,
      tool_cache: machine.toolCache,
      environment: 'github-hosted',
      debug: '',
    };
    const contexts: Record<string, unknown> = {
      github,
      needs,
      inputs: scope.inputs,
      vars,
      secrets,
      strategy: jobScope.contexts.strategy,
      matrix: jobScope.contexts.matrix,
      runner,
    };
    const envScope: ExpressionScope = { contexts: { ...contexts, env: {} } };
    const workflowEnv = evaluateStringMap(scope.workflow.template.env, envScope);
    const jobEnv = {
      ...workflowEnv,
      ...evaluateStringMap(job.env, { contexts: { ...contexts, env: workflowEnv } }),
    };
    // defaults.run: the job's keys over the workflow's (each key on its own).
    type Defaults = { run?: { shell?: string; 'working-directory'?: string } } | undefined;
    const jobDefaults = evaluateToken(find(token, 'defaults'), envScope) as Defaults;
    const workflowDefaults = evaluateToken(
      find(scope.workflow.root, 'defaults'),
      envScope,
    ) as Defaults;
    const defaults = { run: { ...(workflowDefaults?.run ?? {}), ...(jobDefaults?.run ?? {}) } };
    const g = run.github as Record<string, string>;
    const githubEnv: Record<string, string> = {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: g.event_name!,
      GITHUB_EVENT_PATH: machine.eventPath,
      GITHUB_REPOSITORY: g.repository!,
      GITHUB_REPOSITORY_OWNER: g.repository_owner!,
      GITHUB_SHA: g.sha!,
      GITHUB_REF: g.ref!,
      GITHUB_REF_NAME: g.ref_name!,
      GITHUB_REF_TYPE: g.ref_type!,
      GITHUB_HEAD_REF: g.head_ref ?? '',
      GITHUB_BASE_REF: g.base_ref ?? '',
      GITHUB_WORKSPACE: machine.workspace,
      GITHUB_RUN_ID: g.run_id!,
      GITHUB_RUN_NUMBER: g.run_number!,
      GITHUB_RUN_ATTEMPT: g.run_attempt!,
      GITHUB_JOB: job.id.value,
      GITHUB_WORKFLOW: g.workflow!,
      GITHUB_WORKFLOW_REF: g.workflow_ref!,
      GITHUB_ACTOR: g.actor!,
      GITHUB_TRIGGERING_ACTOR: g.triggering_actor!,
      GITHUB_SERVER_URL: g.server_url!,
      GITHUB_API_URL: g.api_url!,
      GITHUB_GRAPHQL_URL: g.graphql_url!,
      RUNNER_TEMP: machine.temp,
      RUNNER_TOOL_CACHE: machine.toolCache,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: runner.name,
      RUNNER_ENVIRONMENT: 'github-hosted',
    };
    const runtime: JobRuntime = {
      emulator: deps.emulator,
      settings: deps.settings,
      root: deps.root,
      machine,
      jobId: result.id,
      artifacts: run.artifacts,
      token: jobToken,
      masks,
      contexts,
      jobEnv,
      exportedEnv: {},
      addedPath: [],
      githubEnv,
      basePath: [deps.ghBin, deps.extraEnv.PATH ?? process.env.PATH ?? '/usr/bin:/bin'].join(':'),
      extraEnv: deps.extraEnv,
      fixedNow: deps.fixedNow,
      defaultsRun: defaults.run ?? {},
      event: { name: run.event.name, payload: run.event.payload },
      steps: {},
      status: { failed: false, cancelled: false },
      signal: abort.signal,
      remainingMs: () => deadline - Date.now(),
      posts: [],
      results: result.steps,
    };
    abort.signal.addEventListener('abort', () => {
      if (abort.signal.reason === 'timeout') runtime.status.failed = true;
      else runtime.status.cancelled = true;
    });
    if (abort.signal.aborted) runtime.status.cancelled = true;
    await runSteps(runtime, job.steps, token!);

    // Job outputs: evaluated after the steps; one holding a secret is dropped, as the runner does.
    const outScope: ExpressionScope = {
      contexts: {
        ...contexts,
        steps: runtime.steps,
        env: { ...jobEnv, ...runtime.exportedEnv },
        job: {},
      },
    };
    for (const [name, value] of Object.entries(evaluateStringMap(job.outputs, outScope))) {
      // The runner sends no empty output ("Skip output 'x' since it's empty", actions/runner
      // src/Runner.Worker/JobExtension.cs), so a matrix leg never blanks another leg's output.
      if (value === '') continue;
      if (masks.some((m) => m && value.includes(m))) {
        result.annotations.push({
          level: 'warning',
          message: `Skip output '${name}' since it may contain secret.`,
        });
        continue;
      }
      result.outputs[name] = value;
    }
    if (environmentUrl && result.environment) {
      result.environment.url = toText(evaluateToken(environmentUrl, outScope)) || undefined;
    }
    const conclusion: Conclusion = abort.signal.aborted
      ? abort.signal.reason === 'timeout'
        ? 'failure'
        : 'cancelled'
      : runtime.status.failed
        ? 'failure'
        : 'success';
    return finish(scope, result, conclusion, failedAbove);
  } catch (error) {
    result.annotations.push({ level: 'error', message: (error as Error).message });
    return finish(scope, result, 'failure', failedAbove);
  } finally {
    clearTimeout(timer);
    deps.emulator.tokens?.revoke(jobToken);
    if (!deps.keepRunnerDirs) machine.dispose();
  }
}

function runnerName(): string {
  return `GitHub Actions ${++runnerNumber}`;
}
