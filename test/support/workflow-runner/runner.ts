// WorkflowRunner: runs the repository's workflow files the way GitHub does, against the emulator.
//
//   const runner = new WorkflowRunner({ emulator, settings });
//   runner.attach();                       // or: await runner.trigger(event)
//   ... something that emits events ...
//   await runner.idle();
//   expect(runner.runs[0]!.jobs.find((j) => j.id === 'deploy/guard')!.conclusion).toBe('success');
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../harness.js';
import { WAIT_TIMEOUT_MS } from '../wait.js';
import { ConcurrencyGroups } from './concurrency.js';
import { evaluateToken } from './expressions.js';
import { listWorkflows, readBlob, resolveCommit } from './git-files.js';
import {
  executeWorkflow,
  resolveCalled,
  type RunnerDeps,
  type RunState,
  type WorkflowScope,
} from './jobs.js';
import { ArtifactStore } from './stand-ins/artifacts.js';
import { installGh } from './stand-ins/gh.js';
import { dispatchInputs, workflowMatches } from './triggers.js';
import type {
  ApprovalDecision,
  ApprovalRequest,
  RepoEvent,
  RepositorySettings,
  RunResult,
  RunnerEmulator,
} from './types.js';
import { find, parseWorkflowFile, type ParsedWorkflow } from './workflow-file.js';

export interface WorkflowRunnerOptions {
  emulator: RunnerEmulator;
  settings?: RepositorySettings;
  /** the repository whose reusable workflows and actions are under test; default this one */
  root?: string;
  /**
   * Decides a required-reviewer approval (environment protection). Default: approved by the
   * first reviewer. Every decision is recorded in `runner.approvals` and on the job.
   */
  approve?: (request: ApprovalRequest) => Promise<ApprovalDecision> | ApprovalDecision;
  /** How long a `timeout-minutes` minute lasts (tests shorten it). Default 60 000 ms. */
  minuteMs?: number;
  /** Extra variables on every step (a test's PATH for fake tools, PG_BIN…). PATH is appended after gh. */
  env?: Record<string, string>;
  /** Keep each job's runner folders (debugging). Default: deleted when the job ends. */
  keepRunnerDirs?: boolean;
  /**
   * A fixed "now" per action (runBundle's `now`), e.g. `{ 'preflight-gates': WEDNESDAY }` so the
   * freeze gate judges a Wednesday afternoon; every other step keeps the real clock.
   */
  fixedNow?: Record<string, string>;
}

let runIds = 0;

export class WorkflowRunner {
  readonly runs: RunResult[] = [];
  readonly approvals: (ApprovalRequest & ApprovalDecision)[] = [];
  /** events that could not start runs (bad dispatch inputs, unreadable refs) */
  readonly errors: string[] = [];
  private readonly deps: RunnerDeps;
  private readonly active = new Set<Promise<unknown>>();
  private chain: Promise<unknown> = Promise.resolve();
  private readonly waiters = new Set<() => void>();
  private readonly ghDir: string;
  private runNumbers = new Map<string, number>();

  constructor(options: WorkflowRunnerOptions) {
    this.ghDir = mkdtempSync(join(tmpdir(), 'wr-gh-'));
    this.deps = {
      emulator: options.emulator,
      settings: options.settings ?? {},
      root: options.root ?? REPO_ROOT,
      concurrency: new ConcurrencyGroups(),
      approve:
        options.approve ??
        ((r) => ({
          approved: true,
          by: r.reviewers[0] ?? 'octocat',
          comment: 'auto-approved by the test',
        })),
      approvals: this.approvals,
      minuteMs: options.minuteMs ?? 60_000,
      ghBin: installGh(this.ghDir),
      extraEnv: {
        // Keep client tunables fast in tests, as the harness does.
        PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0',
        PROMOTE_GITHUB_RETRY_BASE_MS: '5',
        PROMOTE_GITHUB_RETRY_AFTER_BASE_MS: '5',
        ...(options.env ?? {}),
      },
      keepRunnerDirs: options.keepRunnerDirs ?? false,
      fixedNow: options.fixedNow ?? {},
      notify: () => {
        for (const w of [...this.waiters]) w();
      },
    };
  }

  /** Subscribes to the emulator's events (CONTRACT.md). Returns the unsubscribe function. */
  attach(): () => void {
    if (!this.deps.emulator.onEvent) {
      throw new Error(
        'WorkflowRunner.attach: this emulator has no onEvent (use runner.trigger(event)).',
      );
    }
    return this.deps.emulator.onEvent((event) => {
      // Events caused with a GITHUB_TOKEN start no workflows (GitHub's rule):
      // https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#using-the-github_token-in-a-workflow
      if (!event.actor.startsWorkflows) return;
      this.trigger(event).catch((error: Error) =>
        this.errors.push(`${event.name}: ${error.message}`),
      );
    });
  }

  /**
   * Starts every workflow of the repository (read at `event.ref`, else `event.sha`) whose `on:`
   * matches, in trigger order. Resolves with their results when they have all completed.
   */
  trigger(event: RepoEvent): Promise<RunResult[]> {
    const started = this.chain.then(() => this.start(event));
    this.chain = started.catch(() => undefined);
    const all = started.then(async (runs) => {
      await Promise.all(runs.map((r) => r.done));
      return runs.map((r) => r.result);
    });
    this.track(all);
    return all;
  }

  /** Resolves when no run is queued, pending or in progress. */
  async idle(): Promise<void> {
    for (;;) {
      await this.chain;
      if (this.active.size === 0) return;
      await Promise.allSettled([...this.active]);
    }
  }

  /**
   * Resolves when `predicate()` holds: checked on every state change of a run or job, and every
   * 20 ms for conditions outside the runner (a file a step writes). Rejects if every run ends
   * first, or after `timeoutMs` (default 60 s) while a run still hangs.
   */
  waitFor(
    predicate: () => boolean,
    what = 'condition',
    timeoutMs = WAIT_TIMEOUT_MS,
  ): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolvePromise, reject) => {
      const stop = () => {
        clearInterval(poll);
        clearTimeout(deadline);
        this.waiters.delete(check);
      };
      const check = () => {
        if (predicate()) {
          stop();
          resolvePromise();
        }
      };
      const poll = setInterval(check, 20);
      const deadline = setTimeout(() => {
        stop();
        reject(new Error(`waitFor(${what}): timed out after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiters.add(check);
      void this.idle().then(() => {
        if (this.waiters.has(check)) {
          stop();
          if (predicate()) resolvePromise();
          else reject(new Error(`waitFor(${what}): every run ended first`));
        }
      });
    });
  }

  /**
   * "Re-run all jobs" of a completed run: the same event payload, GITHUB_SHA and GITHUB_REF, the
   * workflow file at that commit, the same run id and number, and run_attempt one higher
   * (https://docs.github.com/en/actions/how-tos/manage-workflow-runs/re-run-workflows-and-jobs:
   * "Re-running a workflow uses the same GITHUB_SHA (commit SHA) and GITHUB_REF (Git ref) of the
   * original event that triggered the workflow run.").
   */
  async rerun(runId: number): Promise<RunResult> {
    const first = this.states.get(runId);
    if (!first) throw new Error(`no run ${runId}`);
    if (first.result.status !== 'completed') throw new Error(`run ${runId} has not completed`);
    const { event } = first;
    const dir = this.deps.emulator.git.dir;
    const commit = await resolveCommit(dir, event.sha);
    if (!commit) throw new Error(`${event.sha} is no longer in the repository`);
    const path = first.result.path;
    const workflow = await parseWorkflowFile(path, (await readBlob(dir, commit, path)) ?? '');
    const inputs =
      event.name === 'workflow_dispatch'
        ? dispatchInputs(
            workflow.template.events?.workflow_dispatch?.inputs,
            (event.payload.inputs ?? {}) as Record<string, unknown>,
          )
        : {};
    const { result, done } = this.startRun(event, path, workflow, inputs, {
      run_id: first.github.run_id,
      run_number: first.github.run_number,
      run_attempt: String(Number(first.github.run_attempt) + 1),
    });
    this.track(done);
    await done;
    return result;
  }

  /** Cancels a run (the "Cancel workflow" button). */
  cancel(runId: number): void {
    const state = this.states.get(runId);
    if (!state) throw new Error(`no run ${runId}`);
    state.cancelled = true;
    for (const a of state.aborts) a.abort('cancelled');
  }

  /** Cancels every run that has not completed (a test's clean-up). */
  cancelAll(): void {
    for (const [id, state] of this.states) if (state.result.status !== 'completed') this.cancel(id);
  }

  /** Removes the gh stand-in folder. */
  close(): void {
    rmSync(this.ghDir, { recursive: true, force: true });
  }

  private readonly states = new Map<number, RunState>();

  private track(p: Promise<unknown>): void {
    const t = p
      .catch(() => undefined)
      .finally(() => {
        this.active.delete(t);
        this.deps.notify();
      });
    this.active.add(t);
  }

  private async start(event: RepoEvent): Promise<{ result: RunResult; done: Promise<void> }[]> {
    const dir = this.deps.emulator.git.dir;
    const commit = (await resolveCommit(dir, event.ref)) ?? (await resolveCommit(dir, event.sha));
    if (!commit) throw new Error(`neither ${event.ref} nor ${event.sha} is in the repository`);
    const out: { result: RunResult; done: Promise<void> }[] = [];
    for (const path of await listWorkflows(dir, commit)) {
      const content = (await readBlob(dir, commit, path)) ?? '';
      const workflow = await parseWorkflowFile(path, content);
      if (workflow.errors.length && !workflow.template.events) continue;
      if (!workflowMatches(workflow.template.events ?? {}, path, event)) continue;
      let inputs: Record<string, unknown> = {};
      if (event.name === 'workflow_dispatch') {
        inputs = dispatchInputs(
          workflow.template.events.workflow_dispatch?.inputs,
          (event.payload.inputs ?? {}) as Record<string, unknown>,
        );
      }
      out.push(this.startRun(event, path, workflow, inputs));
    }
    return out;
  }

  private startRun(
    event: RepoEvent,
    path: string,
    workflow: ParsedWorkflow,
    inputs: Record<string, unknown>,
    /** A re-run's attempt: the first attempt's run id and number, the next attempt number. */
    attempt?: Record<'run_id' | 'run_number' | 'run_attempt', unknown>,
  ): { result: RunResult; done: Promise<void> } {
    const id = ++runIds;
    const number = attempt ? Number(attempt.run_number) : (this.runNumbers.get(path) ?? 0) + 1;
    if (!attempt) this.runNumbers.set(path, number);
    const result: RunResult = {
      id,
      workflow: workflow.name,
      path,
      event: event.name,
      status: 'queued',
      jobs: [],
      artifacts: [],
      errors: [...workflow.errors],
    };
    this.runs.push(result);
    const { owner, repo, url } = this.deps.emulator;
    const pr = event.payload.pull_request as
      { head?: { ref?: string }; base?: { ref?: string } } | undefined;
    const refName = event.ref.replace(/^refs\/(heads|tags)\//, '');
    const github: Record<string, unknown> = {
      event_name: event.name,
      event: event.payload,
      sha: event.sha,
      ref: event.ref,
      ref_name: refName,
      ref_type: event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      head_ref: event.name.startsWith('pull_request') ? (pr?.head?.ref ?? '') : '',
      base_ref: event.name.startsWith('pull_request') ? (pr?.base?.ref ?? '') : '',
      repository: `${owner}/${repo}`,
      repository_owner: owner,
      actor: event.actor.login,
      triggering_actor: event.actor.login,
      workflow: workflow.name,
      workflow_ref: `${owner}/${repo}/${path}@${event.ref}`,
      run_id: String(1000 + id),
      run_number: String(number),
      run_attempt: '1',
      ...attempt,
      server_url: 'https://github.com',
      api_url: url.replace(/\/$/, ''),
      graphql_url: `${url.replace(/\/$/, '')}/graphql`,
      retention_days: '90',
    };
    const state: RunState = {
      id,
      result,
      event,
      github,
      deps: this.deps,
      cancelled: false,
      aborts: new Set(),
      artifacts: new ArtifactStore(result.artifacts),
    };
    this.states.set(id, state);
    const done = this.execute(state, workflow, inputs);
    this.track(done);
    return { result, done };
  }

  private async execute(
    state: RunState,
    workflow: ParsedWorkflow,
    inputs: Record<string, unknown>,
  ): Promise<void> {
    const { result } = state;
    const fail = (message: string) => {
      result.errors.push(message);
      result.status = 'completed';
      result.conclusion = 'startup_failure';
      this.deps.notify();
    };
    if (result.errors.length)
      return fail(`The workflow is not valid. ${result.path}: ${result.errors.join(' ')}`);
    let scope: WorkflowScope;
    try {
      scope = {
        run: state,
        workflow,
        inputs,
        secrets: { kind: 'repository' },
        idPrefix: '',
        namePrefix: '',
        called: await resolveCalled(state, workflow, undefined),
      };
    } catch (error) {
      return fail(`The workflow is not valid. ${result.path}: ${(error as Error).message}`);
    }
    // Workflow-level concurrency: the whole run waits in the group.
    let release: (() => void) | undefined;
    const spec = evaluateToken(find(workflow.root, 'concurrency'), {
      contexts: { github: state.github, inputs, vars: this.deps.settings.variables ?? {} },
    }) as
      | string
      | { group?: string; 'cancel-in-progress'?: boolean; queue?: 'single' | 'max' }
      | undefined;
    const group = typeof spec === 'string' ? spec : spec?.group;
    if (group) {
      result.status = 'pending';
      this.deps.notify();
      const admitted = await new Promise<boolean>((admit) => {
        release = this.deps.concurrency.enter(
          group,
          {
            start: () => admit(true),
            cancel: (message) => {
              result.errors.push(message);
              state.cancelled = true;
              for (const a of state.aborts) a.abort('cancelled');
              admit(false);
            },
          },
          typeof spec === 'object'
            ? { cancelInProgress: spec['cancel-in-progress'] === true, queue: spec.queue }
            : {},
        );
      });
      if (!admitted) {
        result.status = 'completed';
        result.conclusion = 'cancelled';
        this.deps.notify();
        return;
      }
    }
    try {
      result.status = 'in_progress';
      this.deps.notify();
      const done = await executeWorkflow(scope);
      const results = [...done.values()].map((d) => d.result);
      result.conclusion = results.includes('failure')
        ? 'failure'
        : state.cancelled || results.includes('cancelled')
          ? 'cancelled'
          : 'success';
    } finally {
      release?.();
      result.status = 'completed';
      this.deps.notify();
    }
  }
}
