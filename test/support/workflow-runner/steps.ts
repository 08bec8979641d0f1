// The steps of one job, as the runner runs them: `if:` with the step status functions, env
// layered workflow < job < GITHUB_ENV < step, `run:` through bash (`bash --noprofile --norc -eo
// pipefail {0}`), `uses:` of this repository's actions through the harness (main, then post at the
// end of the job when post-if says so), stand-ins for the third-party actions, file commands
// (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH, GITHUB_STEP_SUMMARY, GITHUB_STATE), `::add-mask::`,
// annotations, continue-on-error, cancellation and the job's timeout.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idsteps
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { isMapping, isSequence } from '@actions/workflow-parser';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import type { Step } from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import { parse as parseYaml } from 'yaml';
import {
  maskLog,
  parseAnnotations,
  parseFileCommands,
  readActionManifest,
  runBundle,
  type Annotation,
} from '../harness.js';
import {
  evaluate,
  evaluateStringMap,
  evaluateToken,
  toText,
  truthy,
  type ExpressionScope,
} from './expressions.js';
import type { RunnerMachine } from './runner-machine.js';
import checkout from './stand-ins/checkout.js';
import { downloadArtifact, uploadArtifact, type ArtifactStore } from './stand-ins/artifacts.js';
import appToken from './stand-ins/create-github-app-token.js';
import setupNode from './stand-ins/setup-node.js';
import type { StandIn, StandInContext } from './stand-ins/types.js';
import { spawnProcess } from '../spawner.js';
import { find } from './workflow-file.js';
import type { Conclusion, RepositorySettings, RunnerEmulator, StepResult } from './types.js';

export const STAND_INS: Record<string, StandIn> = {
  'actions/checkout': checkout,
  'actions/create-github-app-token': appToken,
  'actions/upload-artifact': uploadArtifact,
  'actions/download-artifact': downloadArtifact,
  'actions/setup-node': setupNode,
};

export interface JobRuntime {
  emulator: RunnerEmulator;
  settings: RepositorySettings;
  /** where this repository's actions are read (the code under test) */
  root: string;
  machine: RunnerMachine;
  /** the job's id in the run (`caller/called`) */
  jobId: string;
  /** the workflow run's artifacts */
  artifacts: ArtifactStore;
  token: string;
  /** values masked in every log line (secrets, tokens, ::add-mask:: values) */
  masks: string[];
  /** contexts shared by every step (github, vars, needs, inputs, secrets, strategy, matrix, runner) */
  contexts: Record<string, unknown>;
  /** workflow env then job env, evaluated */
  jobEnv: Record<string, string>;
  exportedEnv: Record<string, string>;
  addedPath: string[];
  /** GitHub's default environment variables for this job */
  githubEnv: Record<string, string>;
  /** PATH before GITHUB_PATH additions (gh stand-in first) */
  basePath: string;
  /** extra variables every step gets (a test's PG_BIN, fake tools…) */
  extraEnv: Record<string, string>;
  /** action name -> the ISO "now" its bundle starts at (the runner's `fixedNow`) */
  fixedNow: Record<string, string>;
  defaultsRun: { shell?: string; 'working-directory'?: string };
  event: { name: string; payload: Record<string, any> };
  steps: Record<
    string,
    { outputs: Record<string, string>; outcome: Conclusion; conclusion: Conclusion }
  >;
  /** the job's status as steps see it */
  status: { failed: boolean; cancelled: boolean };
  signal: AbortSignal;
  /** ms left before the job's timeout */
  remainingMs: () => number;
  posts: PostStep[];
  results: StepResult[];
}

interface PostStep {
  name: string;
  condition: string;
  run: () => Promise<Omit<StepResult, 'name' | 'id' | 'outcome' | 'conclusion'> & { ok: boolean }>;
}

function stepScope(job: JobRuntime, env: Record<string, string>): ExpressionScope {
  return {
    contexts: {
      ...job.contexts,
      env,
      steps: job.steps,
      job: {
        status: job.status.cancelled ? 'cancelled' : job.status.failed ? 'failure' : 'success',
      },
    },
    status: {
      success: !job.status.failed && !job.status.cancelled,
      failure: job.status.failed,
      cancelled: job.status.cancelled,
    },
    workspace: job.machine.workspace,
  };
}

function newLogLines(raw: string, job: JobRuntime): void {
  for (const line of raw.split('\n')) {
    const m = /^::add-mask::(.*)$/.exec(line.replace(/\r$/, ''));
    if (m?.[1]?.trim()) job.masks.push(m[1]);
  }
}

function fileCommands(job: JobRuntime) {
  const id = randomUUID();
  const files = {
    GITHUB_OUTPUT: join(job.machine.temp, `set_output_${id}`),
    GITHUB_ENV: join(job.machine.temp, `set_env_${id}`),
    GITHUB_PATH: join(job.machine.temp, `add_path_${id}`),
    GITHUB_STEP_SUMMARY: join(job.machine.temp, `step_summary_${id}`),
    GITHUB_STATE: join(job.machine.temp, `save_state_${id}`),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  return files;
}

function readCommands(files: ReturnType<typeof fileCommands>, job: JobRuntime) {
  const outputs = parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
  Object.assign(job.exportedEnv, parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8')));
  const paths = readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean);
  job.addedPath.unshift(...paths.reverse());
  return {
    outputs,
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    state: parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8')),
  };
}

function processEnv(job: JobRuntime, stepEnv: Record<string, string>): Record<string, string> {
  const PATH = [...job.addedPath, job.basePath].join(':');
  return {
    ...job.extraEnv,
    HOME: job.machine.home,
    LANG: process.env.LANG ?? 'C.UTF-8',
    ...job.jobEnv,
    ...job.exportedEnv,
    ...stepEnv,
    ...job.githubEnv,
    PATH,
  };
}

/** Runs a shell script as the runner does; cancellation: SIGINT, SIGTERM after 7.5 s, then SIGKILL. */
function runScript(
  job: JobRuntime,
  script: string,
  shell: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; raw: string }> {
  const file = join(job.machine.temp, `${randomUUID()}.sh`);
  writeFileSync(file, script);
  const template =
    shell === 'bash'
      ? 'bash --noprofile --norc -eo pipefail {0}'
      : shell === 'sh'
        ? 'sh -e {0}'
        : shell.includes('{0}')
          ? shell
          : `${shell} {0}`;
  const argv = template.split(/\s+/).map((a) => (a === '{0}' ? file : a));
  return new Promise((resolvePromise, reject) => {
    const child = spawnProcess(argv[0]!, argv.slice(1), { cwd, env, detached: true });
    let raw = '';
    child.stdout.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    const timers: NodeJS.Timeout[] = [];
    const kill = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    const onAbort = () => {
      kill('SIGINT');
      timers.push(setTimeout(() => kill('SIGTERM'), 7_500));
      timers.push(setTimeout(() => kill('SIGKILL'), 10_000));
    };
    // A step that starts after the cancellation (if: always() / cancelled()) runs to its end.
    const cancellable = !job.signal.aborted;
    if (cancellable) job.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      for (const t of timers) clearTimeout(t);
      job.signal.removeEventListener('abort', onAbort);
      resolvePromise({ code, raw });
    });
  });
}

type UsesTarget =
  | {
      kind: 'bundle';
      action: string;
      /** `./…`: read from the job's workspace (the checkout), not from this repository. */
      local?: true;
    }
  | { kind: 'stand-in'; name: string; standIn: StandIn };

/**
 * `uses:` resolution. This repository's actions: `$/actions/<name>` (the workflow's own
 * repository at its commit), `<owner>/promote/actions/<name>@<ref>` and `<owner>/promote@<ref>`
 * (the umbrella action); any owner, since the examples say OWNER/acme. `./actions/<name>` and
 * `./` are this repository's shape in the job's workspace: GitHub reads a local action from
 * GITHUB_WORKSPACE, i.e. what the job checked out, so its action.yml and dist/ are the checkout's
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#example-using-an-action-in-the-same-repository-as-the-workflow).
 * Third-party actions: the stand-ins above. Anything else fails the job, naming it.
 */
export function resolveUses(uses: string): UsesTarget {
  const self = /^\$\/actions\/([\w.-]+)$/.exec(uses);
  if (self) return { kind: 'bundle', action: self[1]! };
  const local = /^\.\/actions\/([\w.-]+)\/?$/.exec(uses);
  if (local) return { kind: 'bundle', action: local[1]!, local: true };
  if (uses === './' || uses === '.') return { kind: 'bundle', action: 'promote', local: true };
  const ours = /^[\w.-]+\/promote\/actions\/([\w.-]+)@[\w./-]+$/.exec(uses);
  if (ours) return { kind: 'bundle', action: ours[1]! };
  if (/^[\w.-]+\/promote@[\w./-]+$/.test(uses)) return { kind: 'bundle', action: 'promote' };
  const name = uses.split('@')[0]!;
  const standIn = STAND_INS[name];
  if (standIn && uses.includes('@')) return { kind: 'stand-in', name, standIn };
  throw new Error(
    `no stand-in for ${uses}: the workflow runner runs this repository's actions ($/actions/<name>, <owner>/promote/actions/<name>@<ref>) and stand-ins for ${Object.keys(STAND_INS).join(', ')}.`,
  );
}

function readPostIf(action: string, root: string): string {
  const dir = action === 'promote' ? root : join(root, 'actions', action);
  const doc = parseYaml(readFileSync(join(dir, 'action.yml'), 'utf8')) as {
    runs?: { 'post-if'?: string };
    inputs?: Record<string, { deprecationMessage?: string }>;
  };
  return doc.runs?.['post-if'] ?? 'always()';
}

function deprecations(action: string, root: string): Record<string, string> {
  const dir = action === 'promote' ? root : join(root, 'actions', action);
  const doc = parseYaml(readFileSync(join(dir, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { deprecationMessage?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc.inputs ?? {}))
    if (v?.deprecationMessage) out[k] = v.deprecationMessage;
  return out;
}

/** The runner's warnings for `with:` keys the action does not declare or has deprecated. */
function inputWarnings(
  given: Record<string, string>,
  declared: string[],
  deprecated: Record<string, string>,
): { known: Record<string, string>; warnings: string[] } {
  const known: Record<string, string> = {};
  const unexpected: string[] = [];
  const warnings: string[] = [];
  for (const [k, v] of Object.entries(given)) {
    if (declared.includes(k)) known[k] = v;
    else unexpected.push(k);
    if (deprecated[k])
      warnings.push(`Input '${k}' has been deprecated with message: ${deprecated[k]}`);
  }
  if (unexpected.length) {
    warnings.push(
      `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${declared.join("', '")}']`,
    );
  }
  return { known, warnings };
}

function annotationLine(a: Annotation): string {
  return `::${a.level}::${a.message}`;
}

/** Runs every step of the job, then the post steps in reverse order. */
export async function runSteps(
  job: JobRuntime,
  steps: Step[],
  jobToken: MappingToken,
): Promise<void> {
  const rawSteps = find(jobToken, 'steps');
  const stepTokens: MappingToken[] = [];
  if (rawSteps && isSequence(rawSteps))
    for (const s of rawSteps) if (isMapping(s)) stepTokens.push(s);

  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]! as Step & {
      run?: TemplateToken;
      uses?: { value: string };
      env?: MappingToken;
      if?: { expression: string };
      'continue-on-error'?: boolean | TemplateToken;
    };
    const token = stepTokens[i];
    const preEnv = { ...job.jobEnv, ...job.exportedEnv };
    const scope = stepScope(job, preEnv);
    const displayName =
      (step.name ? toText(evaluateToken(step.name, scope)) : '') ||
      (step.uses ? `Run ${step.uses.value}` : `Run ${firstLine(step.run, scope)}`);
    const result: StepResult = {
      name: displayName,
      id: step.id,
      outcome: 'skipped',
      conclusion: 'skipped',
      outputs: {},
      log: '',
      summary: '',
      annotations: [],
    };
    job.results.push(result);
    let run = false;
    try {
      run = truthy(evaluate(step.if?.expression ?? 'success()', scope));
    } catch (error) {
      result.log = `##[error]${(error as Error).message}`;
      result.outcome = result.conclusion = 'failure';
      job.status.failed = true;
      continue;
    }
    if (!run) {
      job.steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    let ok = false;
    let raw = '';
    try {
      const stepEnv = evaluateStringMap(step.env, scope);
      const envScope = stepScope(job, { ...preEnv, ...stepEnv });
      if (step.run) {
        const script = toText(evaluateToken(step.run, envScope));
        const shell =
          toText(evaluateToken(find(token, 'shell'), envScope)) || job.defaultsRun.shell || 'bash';
        const wd =
          toText(evaluateToken(find(token, 'working-directory'), envScope)) ||
          job.defaultsRun['working-directory'] ||
          '';
        const cwd = wd
          ? isAbsolute(wd)
            ? wd
            : resolve(job.machine.workspace, wd)
          : job.machine.workspace;
        const files = fileCommands(job);
        const env = { ...processEnv(job, stepEnv), ...files };
        const { code, raw: out } = await runScript(job, script, shell, cwd, env);
        raw = out;
        const cmds = readCommands(files, job);
        result.outputs = cmds.outputs;
        result.summary = cmds.summary;
        ok = code === 0;
        if (code !== 0 && code !== null)
          raw += `\n##[error]Process completed with exit code ${code}.`;
      } else if (step.uses) {
        const target = resolveUses(step.uses.value);
        const withValues = evaluateStringMap(find(token, 'with'), envScope);
        if (target.kind === 'stand-in') {
          const r = await runStandIn(job, target.standIn, withValues, stepEnv, displayName);
          raw = r.raw;
          result.outputs = r.outputs;
          ok = r.ok;
        } else {
          const r = await runAction(
            job,
            target.action,
            withValues,
            stepEnv,
            displayName,
            target.local ? localActionRoot(job, step.uses.value) : job.root,
          );
          raw = r.raw;
          result.outputs = r.outputs;
          result.summary = r.summary;
          ok = r.ok;
        }
      }
    } catch (error) {
      raw += `\n##[error]${(error as Error).message}`;
      ok = false;
    }
    newLogLines(raw, job);
    result.log = maskLog(raw, job.masks);
    result.annotations = parseAnnotations(
      result.log.replace(/^##\[error\]/gm, '::error::').replace(/^##\[warning\]/gm, '::warning::'),
    );
    const continueOnError = truthy(
      typeof step['continue-on-error'] === 'boolean'
        ? step['continue-on-error']
        : evaluateToken(step['continue-on-error'] as TemplateToken | undefined, scope),
    );
    result.outcome = ok
      ? 'success'
      : job.signal.aborted && job.signal.reason !== 'timeout'
        ? 'cancelled'
        : 'failure';
    result.conclusion = !ok && continueOnError ? 'success' : result.outcome;
    job.steps[step.id] = {
      outputs: result.outputs,
      outcome: result.outcome,
      conclusion: result.conclusion,
    };
    if (result.conclusion === 'failure') job.status.failed = true;
  }

  for (const post of [...job.posts].reverse()) {
    const scope = stepScope(job, { ...job.jobEnv, ...job.exportedEnv });
    const result: StepResult = {
      name: post.name,
      id: `post-${post.name}`,
      outcome: 'skipped',
      conclusion: 'skipped',
      outputs: {},
      log: '',
      summary: '',
      annotations: [],
    };
    job.results.push(result);
    if (!truthy(evaluate(post.condition, scope))) continue;
    const r = await post.run().catch((e: Error) => ({
      ok: false,
      log: `##[error]${e.message}`,
      outputs: {},
      summary: '',
      annotations: [] as Annotation[],
    }));
    newLogLines(r.log, job);
    result.log = maskLog(r.log, job.masks);
    result.summary = r.summary;
    result.annotations = parseAnnotations(result.log.replace(/^##\[error\]/gm, '::error::'));
    result.outcome = result.conclusion = r.ok ? 'success' : 'failure';
    if (!r.ok) job.status.failed = true;
  }
}

function firstLine(token: TemplateToken | undefined, scope: ExpressionScope): string {
  try {
    return toText(evaluateToken(token, scope)).trim().split('\n')[0] ?? '';
  } catch {
    return '';
  }
}

async function runStandIn(
  job: JobRuntime,
  standIn: StandIn,
  given: Record<string, string>,
  stepEnv: Record<string, string>,
  displayName: string,
): Promise<{ ok: boolean; raw: string; outputs: Record<string, string> }> {
  const { known, warnings } = inputWarnings(
    given,
    Object.keys(standIn.inputs),
    standIn.deprecated ?? {},
  );
  const inputs: Record<string, string> = {};
  for (const [k, d] of Object.entries(standIn.inputs)) {
    const v = known[k] ?? (d === undefined ? undefined : d);
    if (v !== undefined) inputs[k] = v;
  }
  inputs.token ??= job.token;
  let raw = warnings.map((w) => `::warning::${w}`).join('\n');
  const outputs: Record<string, string> = {};
  const ctx: StandInContext = {
    inputs,
    env: processEnv(job, stepEnv),
    workspace: job.machine.workspace,
    runnerTemp: job.machine.temp,
    emulator: job.emulator,
    settings: job.settings,
    github: {
      repository: job.githubEnv.GITHUB_REPOSITORY!,
      sha: job.githubEnv.GITHUB_SHA!,
      ref: job.githubEnv.GITHUB_REF!,
      token: job.token,
      runId: job.githubEnv.GITHUB_RUN_ID!,
    },
    job: job.jobId,
    artifacts: job.artifacts,
    log: (line) => (raw += `${raw ? '\n' : ''}${line}`),
    mask: (value) => {
      if (value) job.masks.push(value);
    },
    setOutput: (name, value) => (outputs[name] = value),
    state: {},
  };
  let ok = true;
  try {
    await standIn.main(ctx);
  } catch (error) {
    ok = false;
    ctx.log(`##[error]${(error as Error).message}`);
  }
  if (standIn.post) {
    const post = standIn.post;
    job.posts.push({
      name: `Post ${displayName}`,
      condition: standIn.postIf ?? 'always()',
      run: async () => {
        let log = '';
        const pctx = { ...ctx, log: (l: string) => (log += `${log ? '\n' : ''}${l}`) };
        await post(pctx);
        return { ok: true, log, outputs: {}, summary: '', annotations: [] };
      },
    });
  }
  return { ok, raw, outputs };
}

/** The workspace holding a local action, or the runner's error when nothing is checked out there. */
function localActionRoot(job: JobRuntime, uses: string): string {
  const dir = resolve(job.machine.workspace, uses);
  if (!existsSync(join(dir, 'action.yml')) && !existsSync(join(dir, 'action.yaml'))) {
    throw new Error(
      `Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '${dir}'. Did you forget to run actions/checkout before running your local action?`,
    );
  }
  return job.machine.workspace;
}

async function runAction(
  job: JobRuntime,
  action: string,
  given: Record<string, string>,
  stepEnv: Record<string, string>,
  displayName: string,
  root: string = job.root,
): Promise<{ ok: boolean; raw: string; outputs: Record<string, string>; summary: string }> {
  const manifest = readActionManifest(action, root);
  const { known, warnings } = inputWarnings(
    given,
    Object.keys(manifest.inputs),
    deprecations(action, root),
  );
  const env = processEnv(job, stepEnv);
  const common = {
    action,
    root,
    emulator: job.emulator,
    token: job.token,
    cwd: job.machine.workspace,
    event: job.event,
    sha: job.githubEnv.GITHUB_SHA,
    ref: job.githubEnv.GITHUB_REF,
    repository: job.githubEnv.GITHUB_REPOSITORY,
    signal: job.signal,
    ...(job.fixedNow[action] ? { now: job.fixedNow[action] } : {}),
  };
  const main = await runBundle({
    ...common,
    inputs: known,
    env: { ...env, GITHUB_ACTION: action.replace(/-/g, '') },
    timeoutMs: Math.max(1, job.remainingMs()),
  });
  if (manifest.runs.post) {
    const condition = readPostIf(action, root);
    job.posts.push({
      name: `Post ${displayName}`,
      condition,
      run: async () => {
        const post = await runBundle({
          ...common,
          inputs: known,
          entry: 'post',
          state: main.state,
          env: { ...processEnv(job, stepEnv), GITHUB_ACTION: action.replace(/-/g, '') },
          timeoutMs: Math.max(1, job.remainingMs()),
        });
        return {
          ok: post.exitCode === 0,
          log: post.rawLog,
          outputs: post.outputs,
          summary: post.summary,
          annotations: post.annotations,
        };
      },
    });
  }
  Object.assign(job.exportedEnv, main.exportedEnv);
  const header = warnings.map((w) => annotationLine({ level: 'warning', message: w })).join('\n');
  const exit =
    main.exitCode === 0
      ? ''
      : main.timedOut
        ? '\n##[error]The action was killed at the job timeout.'
        : main.exitCode === null
          ? `\n##[error]The operation was canceled.`
          : '';
  return {
    ok: main.exitCode === 0,
    raw: `${header ? `${header}\n` : ''}${main.rawLog}${exit}`,
    outputs: main.outputs,
    summary: main.summary,
  };
}
