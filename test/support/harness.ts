import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { spawnProcess } from './spawner.js';
import { adaptPayload, examplePayload } from './payloads.js';

/**
 * The runner harness: runs a committed (or freshly built) `dist/<action>/index.js` the way the
 * GitHub Actions runner does, in a child process under the Node major the action.yml declares.
 *
 *   const run = await runBundle({ action: 'tag-release', inputs: { 'dry-run': 'true' }, emulator });
 *   expect(run.exitCode).toBe(0); expect(run.outputs.version).toBe('1.2.0');
 *
 * `runBundle` returns a handle that is also a promise of the result, so a test can interrupt it:
 *
 *   const job = runBundle({ ... });
 *   await job.waitForLog(/lock acquired/);
 *   job.cancel();                      // SIGINT, then SIGTERM 7.5 s later, then SIGKILL, as the runner
 *   const run = await job;             // run.signal === 'SIGINT' or exitCode
 *   const post = await runPost({ ..., state: run.state });
 */

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the harness needs from an emulator (structural, so it does not import the emulator). */
export interface EmulatorLike {
  url: string;
  owner?: string;
  repo?: string;
}

export interface RunBundleOptions {
  /** Folder name under actions/, or 'promote' for the umbrella action at the repository root. */
  action: string;
  /** Given inputs (names as in action.yml); defaults from action.yml fill the rest. */
  inputs?: Record<string, string | number | boolean | undefined>;
  /** The triggering event; default: workflow_dispatch from @octokit/webhooks-examples. */
  event?: { name: string; payload: object };
  /** Extra environment (wins over everything the harness sets). `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  /** GITHUB_WORKSPACE and the process's working directory. Default: a fresh temp folder. */
  cwd?: string;
  /** GITHUB_API_URL and (by default) GITHUB_REPOSITORY come from it. */
  emulator?: EmulatorLike;
  /** The job token: the default of inputs that say `${{ github.token }}`. Masked like the runner does. */
  token?: string;
  /** owner/repo; default emulator's owner/repo, else the payload's repository. */
  repository?: string;
  sha?: string;
  ref?: string;
  /** Kill the process (SIGKILL) after this long and report `timedOut`. Default 120 s. */
  timeoutMs?: number;
  /** Aborting cancels the step the way the runner cancels a job (see `cancel()`). */
  signal?: AbortSignal;
  /** Where action.yml and dist/ are read; default the repository root (check-dist uses a temp copy). */
  root?: string;
  /** STATE_* values for a post step (the `state` of the main step's result). */
  state?: Record<string, string>;
  /** Which entry point of `runs` to run. Default 'main'. */
  entry?: 'pre' | 'main' | 'post';
  /** Set RUNNER_DEBUG=1 so core.debug lines appear. */
  debug?: boolean;
  /**
   * Start the process's clock at this ISO instant (it runs on at real speed): a freeze gate then
   * judges "Friday 14:30" whatever the day. Loads test/support/fixed-now.mjs before the bundle.
   */
  now?: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
  endColumn?: number;
  title?: string;
}

export interface BundleResult {
  /** null when killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  outputs: Record<string, string>;
  /** The job summary markdown (GITHUB_STEP_SUMMARY). */
  summary: string;
  annotations: Annotation[];
  /** stdout + stderr in arrival order, with `::add-mask::` values masked as the runner shows them. */
  log: string;
  /** The same before masking: assert secrets are absent here to prove the action never printed them. */
  rawLog: string;
  /** GITHUB_STATE, for `runPost({ state })`. */
  state: Record<string, string>;
  /** GITHUB_ENV written by the step. */
  exportedEnv: Record<string, string>;
  stepSummaryPath: string;
  /** The environment the process ran with (for debugging a test). */
  env: Record<string, string>;
  /** The script that ran, resolved from action.yml's runs.<entry> exactly as the runner does. */
  script: string;
}

export interface BundleProcess extends PromiseLike<BundleResult> {
  readonly pid: number | undefined;
  /** Send a signal now. */
  kill(signal?: NodeJS.Signals): void;
  /** Cancel like the runner: SIGINT, SIGTERM after `graceMs` (7.5 s), SIGKILL 2.5 s after that. */
  cancel(graceMs?: number, killMs?: number): void;
  /** Resolves when the (raw) log matches; rejects if the process ends first. */
  waitForLog(pattern: RegExp | string): Promise<void>;
  /** The log so far. */
  readonly rawLog: string;
}

interface ActionManifest {
  dir: string;
  inputs: Record<string, { default?: unknown; required?: boolean }>;
  runs: { using: string; main?: string; pre?: string; post?: string };
}

export function readActionManifest(action: string, root = REPO_ROOT): ActionManifest {
  const dir = action === 'promote' ? root : join(root, 'actions', action);
  const file = join(dir, 'action.yml');
  if (!existsSync(file)) {
    throw new Error(`runBundle: no ${file}; action must be a folder under actions/ or 'promote'.`);
  }
  const doc = parseYaml(readFileSync(file, 'utf8')) as Partial<ActionManifest> | null;
  if (!doc?.runs?.using) throw new Error(`runBundle: ${file} has no runs.using.`);
  return { dir, inputs: doc.inputs ?? {}, runs: doc.runs };
}

const nodeMajorChecked = new Map<string, number>();

/** The node binary for `runs.using` (node24 -> the `node` npm package), checked to be that major. */
export function nodeFor(using: string, root = REPO_ROOT): string {
  const match = /^node(\d+)$/.exec(using);
  if (!match)
    throw new Error(`runBundle: runs.using "${using}" is not a JavaScript action runtime.`);
  const want = Number(match[1]);
  const bin = join(root, 'node_modules', 'node', 'bin', 'node');
  const candidates =
    want === 24 ? [bin, join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node')] : [];
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      `runBundle: action.yml says ${using} but no Node ${want} binary is installed (expected ${bin}; run npm ci).`,
    );
  }
  let major = nodeMajorChecked.get(found);
  if (major === undefined) {
    const out = spawnSync(found, ['--version'], { encoding: 'utf8' });
    major = Number(/^v(\d+)/.exec(out.stdout ?? '')?.[1] ?? NaN);
    nodeMajorChecked.set(found, major);
  }
  if (major !== want) {
    throw new Error(`runBundle: ${found} is Node ${major}, but action.yml says ${using}.`);
  }
  return found;
}

/** The runner's input variable name: spaces to `_`, upper case, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses the file-command format of GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq === -1 || eq > line.indexOf('<<'))) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++] ?? '');
      if (i >= lines.length)
        throw new Error(`file command ${name}: missing delimiter ${delimiter}`);
      out[name] = value.join('\n');
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(`file command line is neither name=value nor a heredoc: ${line}`);
    }
  }
  return out;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}
function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/**
 * Indexes of the lines whose commands the runner obeys: all but those between
 * `::stop-commands::<token>` and `::<token>::` (actions/runner ActionCommandManager).
 */
function obeyedLines(log: string): Set<number> {
  const lines = log.split('\n');
  const obeyed = new Set<number>();
  let stop: string | undefined;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').trimStart();
    if (stop !== undefined) {
      if (line.toLowerCase().startsWith(`::${stop.toLowerCase()}::`)) stop = undefined;
      return;
    }
    const m = /^::stop-commands::(.+)$/.exec(line);
    if (m) stop = m[1];
    else obeyed.add(i);
  });
  return obeyed;
}

/** `::error file=a.ts,line=3,title=T::message` lines, as the runner turns them into annotations. */
export function parseAnnotations(log: string): Annotation[] {
  const out: Annotation[] = [];
  const obeyed = obeyedLines(log);
  for (const [i, line] of log.split('\n').entries()) {
    if (!obeyed.has(i)) continue;
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line.replace(/\r$/, ''));
    if (!m) continue;
    const annotation: Annotation = {
      level: m[1] as Annotation['level'],
      message: unescapeData(m[3] ?? ''),
    };
    for (const pair of (m[2] ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const key = pair.slice(0, eq).trim();
      const value = unescapeProperty(pair.slice(eq + 1));
      if (key === 'file') annotation.file = value;
      else if (key === 'title') annotation.title = value;
      else if (key === 'line') annotation.line = Number(value);
      else if (key === 'endLine') annotation.endLine = Number(value);
      else if (key === 'col') annotation.col = Number(value);
      else if (key === 'endColumn') annotation.endColumn = Number(value);
    }
    out.push(annotation);
  }
  return out;
}

/**
 * Masks the log line by line as the runner does: a value registered with `::add-mask::` is hidden
 * from that line on, and the add-mask command itself is not shown.
 */
export function maskLog(raw: string, initialSecrets: string[] = []): string {
  const secrets = initialSecrets.filter(Boolean);
  const out: string[] = [];
  const obeyed = obeyedLines(raw);
  for (const [i, line] of raw.split('\n').entries()) {
    const add = obeyed.has(i) ? /^::add-mask::(.*)$/.exec(line.replace(/\r$/, '')) : null;
    if (add) {
      const value = unescapeData(add[1] ?? '');
      if (value.trim()) {
        secrets.push(value);
        // A multi-line secret is also masked line by line (the runner does the same).
        for (const part of value.split(/\r?\n/)) if (part.trim()) secrets.push(part);
      }
      continue;
    }
    out.push(
      [...secrets]
        .sort((a, b) => b.length - a.length)
        .reduce((s, secret) => s.split(secret).join('***'), line),
    );
  }
  return out.join('\n');
}

/** Very small evaluator for the `${{ }}` defaults action.yml files use. */
function evaluateDefault(value: string, context: Record<string, string>, file: string): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    const v = context[expr];
    if (v === undefined) {
      throw new Error(
        `runBundle: ${file} default uses \${{ ${expr} }}, which the harness cannot evaluate.`,
      );
    }
    return v;
  });
}

function payloadFacts(name: string, payload: Record<string, unknown>) {
  const p = payload as {
    ref?: string;
    after?: string;
    pull_request?: {
      number?: number;
      merged?: boolean;
      merge_commit_sha?: string;
      head?: { sha?: string; ref?: string };
      base?: { ref?: string };
    };
    merge_group?: { head_sha?: string; head_ref?: string; base_ref?: string };
    repository?: { full_name?: string; owner?: { login?: string } };
    sender?: { login?: string };
  };
  let sha: string | undefined;
  let ref: string | undefined;
  let headRef: string | undefined;
  let baseRef: string | undefined;
  if (name === 'push') {
    sha = p.after;
    ref = p.ref;
  } else if (name.startsWith('pull_request') && p.pull_request) {
    const pr = p.pull_request;
    sha = pr.merged ? (pr.merge_commit_sha ?? undefined) : pr.head?.sha;
    ref = pr.merged ? `refs/heads/${pr.base?.ref ?? 'main'}` : `refs/pull/${pr.number}/merge`;
    headRef = pr.head?.ref;
    baseRef = pr.base?.ref;
  } else if (name === 'merge_group' && p.merge_group) {
    sha = p.merge_group.head_sha;
    ref = p.merge_group.head_ref;
  } else if (typeof p.ref === 'string') {
    ref = p.ref.startsWith('refs/') ? p.ref : `refs/heads/${p.ref}`;
  }
  return {
    sha,
    ref,
    headRef,
    baseRef,
    repository: p.repository?.full_name,
    actor: p.sender?.login,
  };
}

/**
 * `node --import` of test/support/fixed-now.mjs with the instant in its URL: the clock is fixed
 * by the test's side of the process, so the bundle carries no test seam and its environment is
 * exactly the runner's.
 */
function fixedNowArgs(now: string): string[] {
  if (Number.isNaN(Date.parse(now))) throw new Error(`runBundle: now "${now}" is not an ISO time.`);
  const url = pathToFileURL(join(REPO_ROOT, 'test', 'support', 'fixed-now.mjs'));
  url.searchParams.set('now', now);
  return ['--import', url.href];
}

const INHERITED = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ', 'USER', 'SHELL', 'PG_BIN'];

/** Runs one entry point of an action bundle. The handle is awaitable. */
export function runBundle(options: RunBundleOptions): BundleProcess {
  const root = options.root ?? REPO_ROOT;
  const manifest = readActionManifest(options.action, root);
  const entry = options.entry ?? 'main';
  const scriptRel = manifest.runs[entry];
  if (!scriptRel) throw new Error(`runBundle: ${options.action}/action.yml has no runs.${entry}.`);
  // The runner resolves runs.main relative to the folder holding action.yml.
  const script = resolve(manifest.dir, scriptRel);
  if (!existsSync(script)) {
    throw new Error(
      `runBundle: ${script} (runs.${entry} of ${options.action}) does not exist; run npm run build.`,
    );
  }
  const node = nodeFor(manifest.runs.using, root);
  const preload = options.now ? fixedNowArgs(options.now) : [];

  const temp = mkdtempSync(join(tmpdir(), `promote-run-${options.action}-`));
  const runnerTemp = join(temp, 'runner-temp');
  mkdirSync(runnerTemp);
  const workspace = options.cwd ?? join(temp, 'workspace');
  mkdirSync(workspace, { recursive: true });

  const event = options.event ?? {
    name: 'workflow_dispatch',
    payload: adaptPayload(examplePayload('workflow_dispatch'), {
      owner: options.emulator?.owner,
      repo: options.emulator?.repo,
    }),
  };
  const facts = payloadFacts(event.name, event.payload as Record<string, unknown>);
  const eventPath = join(temp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(event.payload, null, 2));

  const files = {
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STATE: join(temp, 'state'),
    GITHUB_ENV: join(temp, 'env'),
    GITHUB_PATH: join(temp, 'path'),
    GITHUB_STEP_SUMMARY: join(temp, 'step-summary.md'),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');

  const repository =
    options.repository ??
    (options.emulator?.owner && options.emulator.repo
      ? `${options.emulator.owner}/${options.emulator.repo}`
      : (facts.repository ?? 'octo-org/octo-repo'));
  const token = options.token ?? 'ghs_harnessTokenNotARealSecret0000000000';
  const apiUrl = options.emulator?.url.replace(/\/$/, '') ?? 'https://api.github.com';
  const github: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_SHA: options.sha ?? facts.sha ?? '0000000000000000000000000000000000000000',
    GITHUB_REF: options.ref ?? facts.ref ?? 'refs/heads/main',
    GITHUB_HEAD_REF: facts.headRef ?? '',
    GITHUB_BASE_REF: facts.baseRef ?? '',
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'promote',
    GITHUB_WORKFLOW: 'Promote',
    GITHUB_ACTION: options.action.replace(/-/g, ''),
    GITHUB_ACTOR: facts.actor ?? 'octocat',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'promote-harness',
    ...files,
    // Keep client tunables fast in tests (real runs keep GitHub's pacing).
    PROMOTE_GITHUB_WRITE_INTERVAL_MS: '0',
    PROMOTE_GITHUB_RETRY_BASE_MS: '5',
    PROMOTE_GITHUB_RETRY_AFTER_BASE_MS: '5',
    ...(options.debug ? { RUNNER_DEBUG: '1' } : {}),
  };

  const context: Record<string, string> = {
    'github.token': token,
    'github.repository': repository,
    'github.repository_owner': github.GITHUB_REPOSITORY_OWNER!,
    'github.sha': github.GITHUB_SHA!,
    'github.ref': github.GITHUB_REF!,
    'github.event_name': event.name,
    'github.workspace': workspace,
    'github.run_id': github.GITHUB_RUN_ID!,
    'github.server_url': github.GITHUB_SERVER_URL!,
    'github.api_url': apiUrl,
    'github.actor': github.GITHUB_ACTOR!,
    'runner.temp': runnerTemp,
  };

  const given = options.inputs ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in manifest.inputs)) {
      // The runner warns "Unexpected input(s)"; a test passing one is a test bug.
      throw new Error(
        `runBundle: ${options.action} has no input "${name}" (inputs: ${Object.keys(manifest.inputs).join(', ') || 'none'}).`,
      );
    }
  }
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(manifest.inputs)) {
    const value = given[name];
    if (value !== undefined) inputs[inputEnvName(name)] = String(value);
    else if (spec?.default !== undefined && spec.default !== null) {
      inputs[inputEnvName(name)] = evaluateDefault(
        String(spec.default),
        context,
        `${options.action}/action.yml`,
      );
    }
  }

  const state: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.state ?? {})) state[`STATE_${k}`] = v;

  const base: Record<string, string> = {};
  for (const k of INHERITED) if (process.env[k] !== undefined) base[k] = process.env[k]!;
  const env: Record<string, string> = { ...base, ...github, ...inputs, ...state };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  const child = spawnProcess(node, [...preload, script], { cwd: workspace, env });

  let raw = '';
  const watchers: { pattern: RegExp | string; resolve: () => void; reject: (e: Error) => void }[] =
    [];
  const matches = (p: RegExp | string) => (typeof p === 'string' ? raw.includes(p) : p.test(raw));
  const onData = (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    for (const w of [...watchers]) {
      if (matches(w.pattern)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  const timeout = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 120_000);

  const cancel = (graceMs = 7_500, killMs = 2_500) => {
    child.kill('SIGINT');
    timers.push(setTimeout(() => child.kill('SIGTERM'), graceMs));
    timers.push(setTimeout(() => child.kill('SIGKILL'), graceMs + killMs));
  };
  const onAbort = () => cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const done = new Promise<BundleResult>((resolvePromise, rejectPromise) => {
    child.on('error', rejectPromise);
    child.on('close', (code, signal) => {
      clearTimeout(timeout);
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      for (const w of watchers.splice(0)) {
        w.reject(
          new Error(
            `process ended (exit ${code ?? signal}) before its log matched ${String(w.pattern)}`,
          ),
        );
      }
      try {
        const outputs = parseFileCommands(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
        const savedState = parseFileCommands(readFileSync(files.GITHUB_STATE, 'utf8'));
        const exportedEnv = parseFileCommands(readFileSync(files.GITHUB_ENV, 'utf8'));
        resolvePromise({
          exitCode: code,
          signal,
          timedOut,
          outputs,
          summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
          annotations: parseAnnotations(raw),
          // The runner masks the job token (a secret) in every log line.
          log: maskLog(raw, [token]),
          rawLog: raw,
          state: savedState,
          exportedEnv,
          stepSummaryPath: files.GITHUB_STEP_SUMMARY,
          env,
          script,
        });
      } catch (error) {
        rejectPromise(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });

  return {
    get pid() {
      return child.pid;
    },
    get rawLog() {
      return raw;
    },
    kill: (signal: NodeJS.Signals = 'SIGTERM') => {
      child.kill(signal);
    },
    cancel,
    waitForLog(pattern) {
      if (matches(pattern)) return Promise.resolve();
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.reject(
          new Error(`process already ended before its log matched ${String(pattern)}`),
        );
      }
      return new Promise<void>((res, rej) => watchers.push({ pattern, resolve: res, reject: rej }));
    },
    then(onFulfilled, onRejected) {
      return done.then(onFulfilled, onRejected);
    },
  };
}

/** Runs `runs.post` with the main step's saved state, as the runner does after the job's steps. */
export function runPost(
  options: Omit<RunBundleOptions, 'entry'> & { state: Record<string, string> },
): BundleProcess {
  return runBundle({ ...options, entry: 'post' });
}
