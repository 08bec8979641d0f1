import { ConfigurationError } from '@promote/core/errors';
import type { SecretMasker } from '@promote/core/secrets';
import type {
  SmokeConfig,
  SmokeHttpCheck,
  SmokeWaitForLive,
} from '@promote/core/config/sections/smoke';
import { shellQuote } from '@promote/core/rollback-command';
import { formatDuration, parseDuration } from '@promote/core/time';
import type { Expectation, HeaderAssertion, JsonAssertion, StatusMatcher } from './expectations.js';
import type { HttpCheckSpec } from './http-check.js';

const argvLine = (argv: readonly string[]) => `$ ${argv.map(shellQuote).join(' ')}`;
const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface CommandSpec {
  name: string;
  argv: string[];
  junit?: string;
  timeoutMs: number;
  cwd?: string;
  env?: Record<string, string>;
}

export interface WatchSpec {
  durationMs: number;
  intervalMs: number;
  /** Fractions, not percents: 0.01 for "1%". */
  maxErrorRate: number;
  p95OverBaseline: number;
}

/** How long and how often to ask whether production serves the deployed SHA. */
export interface LiveTiming {
  timeoutMs: number;
  /** As written in the config ("10m"), for the red seal's sentence. */
  timeoutText: string;
  intervalMs: number;
}

/** Where production says which commit it serves. `headers` may hold secrets: never print them. */
export type LiveSpec = LiveTiming &
  (
    | {
        kind: 'version';
        url: string;
        headers: Record<string, string>;
        jsonPath?: string;
        regex?: RegExp;
        insecureTls: boolean;
        maxRedirects: number;
        attemptTimeoutMs: number;
      }
    | { kind: 'deployment'; environment: string; task?: string }
  );

export interface SmokePlan {
  baseUrl?: string;
  /** Wait until production serves the deployed SHA before any check. */
  live?: LiveSpec;
  checks: HttpCheckSpec[];
  commands: CommandSpec[];
  concurrency: number;
  watch?: WatchSpec;
}

/** Shortest wait between two polls of the version: anything shorter is a busy loop. */
export const MIN_LIVE_INTERVAL_MS = 100;

export interface PlanOptions {
  /** The `base-url` input; wins over smoke.base-url. */
  baseUrl?: string;
  /** Where secret headers are read (process.env in the action). */
  env: Record<string, string | undefined>;
  /** Secrets are registered here (and with the runner) before any request. */
  masker: SecretMasker;
  /** The `watch` input: false turns a configured window off, true needs one configured. */
  watch?: boolean;
}

/**
 * Config + inputs + secrets -> concrete checks, or a ConfigurationError naming the key and the fix.
 * Runs before any request, so a bad config never half-checks production.
 */
export function planSmoke(config: SmokeConfig, options: PlanOptions): SmokePlan {
  if (config.checks.length === 0 && config.commands.length === 0) {
    throw new ConfigurationError(
      'promotion.yml: smoke.checks is empty: add at least one check (e.g. `- name: health\n    path: /healthz`) or a smoke.commands entry.',
    );
  }
  const baseUrl = options.baseUrl ?? config['base-url'];
  if (options.baseUrl !== undefined) assertHttpUrl(options.baseUrl, 'input base-url');
  const checks = config.checks.map((check, index) =>
    planCheck(config, check, `smoke.checks[${index}]`, baseUrl, options),
  );
  const commands = config.commands.map((c, index) => ({
    name: c.name,
    argv: [...c.run],
    ...(c.junit ? { junit: c.junit } : {}),
    timeoutMs: parseDuration(c.timeout, `smoke.commands[${index}].timeout`),
    ...(c.cwd ? { cwd: c.cwd } : {}),
    ...(c.env ? { env: c.env } : {}),
  }));
  if (commands.length > 0 && !baseUrl) {
    throw new ConfigurationError(
      'promotion.yml: smoke.commands need a base URL for BASE_URL: set smoke.base-url or the base-url input.',
    );
  }
  let watch: WatchSpec | undefined;
  if (options.watch === true && !config.watch) {
    throw new ConfigurationError(
      'input watch is true but promotion.yml has no smoke.watch section; add one (e.g. `watch: { duration: 15m, interval: 1m }`).',
    );
  }
  if (config.watch && options.watch !== false) {
    const w = config.watch;
    watch = {
      durationMs: parseDuration(w.duration, 'smoke.watch.duration'),
      intervalMs: parseDuration(w.interval, 'smoke.watch.interval'),
      maxErrorRate: fraction(w['max-error-rate']),
      p95OverBaseline: fraction(w['p95-over-baseline']),
    };
    if (watch.intervalMs <= 0 || watch.intervalMs > watch.durationMs) {
      throw new ConfigurationError(
        `promotion.yml: smoke.watch.interval (${w.interval}) must be positive and at most smoke.watch.duration (${w.duration}).`,
      );
    }
  }
  const live = config['wait-for-live']
    ? planLive(config, config['wait-for-live'], baseUrl, options)
    : undefined;
  return {
    ...(baseUrl ? { baseUrl } : {}),
    ...(live ? { live } : {}),
    checks,
    commands,
    concurrency: config.concurrency,
    ...(watch ? { watch } : {}),
  };
}

function planLive(
  config: SmokeConfig,
  w: SmokeWaitForLive,
  baseUrl: string | undefined,
  options: PlanOptions,
): LiveSpec {
  const where = 'smoke.wait-for-live';
  const timing: LiveTiming = {
    timeoutMs: parseDuration(w.timeout, `${where}.timeout`),
    timeoutText: w.timeout,
    intervalMs: parseDuration(w.interval, `${where}.interval`),
  };
  if (timing.intervalMs < MIN_LIVE_INTERVAL_MS || timing.intervalMs > timing.timeoutMs) {
    throw new ConfigurationError(
      `promotion.yml: ${where}.interval (${w.interval}) must be at least ${MIN_LIVE_INTERVAL_MS}ms and at most ${where}.timeout (${w.timeout}).`,
    );
  }
  if (w.deployment) {
    return {
      ...timing,
      kind: 'deployment',
      environment: w.deployment.environment,
      ...(w.deployment.task ? { task: w.deployment.task } : {}),
    };
  }
  let url: string;
  if (w.url) url = w.url;
  else if (baseUrl) url = baseUrl.replace(/\/+$/, '') + (w.path ?? '/');
  else {
    throw new ConfigurationError(
      `promotion.yml: ${where}.path (${w.path}) needs a base URL: set smoke.base-url or the base-url input, or use url: instead.`,
    );
  }
  assertHttpUrl(url, `promotion.yml: ${where}`);
  if (new URL(url).username || new URL(url).password) {
    throw new ConfigurationError(
      `promotion.yml: ${where} has credentials in its URL; use headers with { env, format } so they are masked.`,
    );
  }
  return {
    ...timing,
    kind: 'version',
    url,
    headers: resolveHeaders({ headers: w.headers }, where, options),
    ...(w['json-path'] ? { jsonPath: w['json-path'] } : {}),
    ...(w.regex ? { regex: regex(w.regex, `${where}.regex`) } : {}),
    insecureTls: config['insecure-tls'],
    maxRedirects: config.redirects,
    attemptTimeoutMs: parseDuration(config.timeouts.attempt, 'smoke.timeouts.attempt'),
  };
}

/** "1%" -> 0.01; 1 -> 0.01 (numbers are percents too). */
export function fraction(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value.replace('%', ''));
  return n / 100;
}

function assertHttpUrl(value: string, where: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(
      `${where}: ${JSON.stringify(value)} is not a URL; use an absolute http(s) URL such as https://example.com`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(
      `${where}: ${JSON.stringify(value)} is not http(s); use an absolute http(s) URL`,
    );
  }
}

function planCheck(
  config: SmokeConfig,
  check: SmokeHttpCheck,
  where: string,
  baseUrl: string | undefined,
  options: PlanOptions,
): HttpCheckSpec {
  let url: string;
  if (check.url) {
    url = check.url;
  } else {
    if (!baseUrl) {
      throw new ConfigurationError(
        `promotion.yml: ${where}.path (${check.path}) needs a base URL: set smoke.base-url or the base-url input, or use url: instead.`,
      );
    }
    url = baseUrl.replace(/\/+$/, '') + (check.path ?? '/');
  }
  assertHttpUrl(url, `promotion.yml: ${where}`);
  if (new URL(url).username || new URL(url).password) {
    throw new ConfigurationError(
      `promotion.yml: ${where} has credentials in its URL; use basic-auth with user-env/password-env so they are masked.`,
    );
  }
  const expect = planExpectation(check, where);
  const retries = { ...config.retries, ...check.retries };
  const timeouts = { ...config.timeouts, ...check.timeouts };
  return {
    name: check.name,
    url,
    method: check.method,
    headers: resolveHeaders(check, where, options),
    expect,
    ...(check['latency-budget']
      ? { latencyBudgetMs: parseDuration(check['latency-budget'], `${where}.latency-budget`) }
      : {}),
    insecureTls: check['insecure-tls'] ?? config['insecure-tls'],
    maxRedirects: config.redirects,
    attempts: retries.attempts,
    backoffMs: parseDuration(retries.backoff, `${where}.retries.backoff`),
    maxBackoffMs: parseDuration(retries['max-backoff'], `${where}.retries.max-backoff`),
    retryOn: retries['retry-on'],
    attemptTimeoutMs: parseDuration(timeouts.attempt, `${where}.timeouts.attempt`),
    deadlineMs: parseDuration(timeouts.deadline, `${where}.timeouts.deadline`),
  };
}

function planExpectation(check: SmokeHttpCheck, where: string): Expectation {
  const e = check.expect;
  if (
    check.method === 'HEAD' &&
    (e['body-contains'] !== undefined || e['body-regex'] !== undefined || e.json !== undefined)
  ) {
    throw new ConfigurationError(
      `promotion.yml: ${where} uses HEAD, which has no body; drop expect.body-contains/body-regex/json or use GET.`,
    );
  }
  return {
    status: statusMatcher(e.status, `${where}.expect.status`),
    bodyContains: e['body-contains'] === undefined ? [] : [e['body-contains']].flat(),
    ...(e['body-regex'] !== undefined
      ? { bodyRegex: regex(e['body-regex'], `${where}.expect.body-regex`) }
      : {}),
    json: (e.json ?? []).map((a, i): JsonAssertion => ({
      path: a.path,
      ...(a.equals !== undefined ? { equals: a.equals } : {}),
      ...(a.matches !== undefined
        ? { matches: regex(a.matches, `${where}.expect.json[${i}].matches`) }
        : {}),
      ...(a.exists !== undefined ? { exists: a.exists } : {}),
    })),
    headers: Object.entries(e.headers ?? {}).map(([name, value]): HeaderAssertion => {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(value);
      return m
        ? { name, matches: regex(m[1] ?? '', `${where}.expect.headers.${name}`, m[2]) }
        : { name, equals: value };
    }),
  };
}

export function statusMatcher(spec: number | number[] | string, where: string): StatusMatcher {
  if (typeof spec === 'number') return { codes: [spec], text: String(spec) };
  if (Array.isArray(spec))
    return { codes: spec, text: spec.length === 1 ? String(spec[0]) : `one of ${spec.join(', ')}` };
  const [lo, hi] = spec.split('-').map((s) => Number(s.trim()));
  if (hi === undefined) return { codes: [lo as number], text: String(lo) };
  if ((lo as number) > hi)
    throw new ConfigurationError(
      `promotion.yml: ${where}: range "${spec}" is backwards; write it low-high, e.g. "200-299".`,
    );
  return { range: [lo as number, hi], text: `${lo}-${hi}` };
}

function regex(source: string, where: string, flags = ''): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new ConfigurationError(
      `promotion.yml: ${where}: ${JSON.stringify(source)} is not a valid regular expression (${(error as Error).message}).`,
    );
  }
}

/**
 * Request headers with secrets read from the environment and registered (with derived forms:
 * base64, URL-encoded, JSON-escaped) before any request can carry or print them.
 */
function resolveHeaders(
  check: Pick<SmokeHttpCheck, 'headers' | 'basic-auth'>,
  where: string,
  options: PlanOptions,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(check.headers ?? {})) {
    if (typeof value === 'string') {
      headers[name] = value;
      continue;
    }
    const secret = options.env[value.env];
    if (secret === undefined || secret === '') {
      throw new ConfigurationError(
        `promotion.yml: ${where}.headers.${name} reads ${value.env}, which is not set; map the secret into the step: \`env: { ${value.env}: \${{ secrets.${value.env} }} }\`.`,
      );
    }
    options.masker.register(secret, value.env);
    const header = value.format ? value.format.split('{value}').join(secret) : secret;
    options.masker.register(header, `${value.env} (formatted)`);
    headers[name] = header;
  }
  const basic = check['basic-auth'];
  if (basic) {
    const user = options.env[basic['user-env']];
    const password = options.env[basic['password-env']];
    for (const [variable, value] of [
      [basic['user-env'], user],
      [basic['password-env'], password],
    ] as const) {
      if (value === undefined || value === '') {
        throw new ConfigurationError(
          `promotion.yml: ${where}.basic-auth reads ${variable}, which is not set; map it from secrets in the step's env.`,
        );
      }
    }
    options.masker.register(password, basic['password-env']);
    const pair = `${user}:${password}`;
    options.masker.register(pair, 'the Basic auth pair');
    const header = `Basic ${Buffer.from(pair).toString('base64')}`;
    options.masker.register(header, 'the Basic auth header');
    headers.Authorization = header;
  }
  return headers;
}

/**
 * The plan as lines (dry-run, `promote validate --plan`): every request and command that would
 * run; header values only through `mask` (secrets show as ***).
 */
export function renderSmokePlan(plan: SmokePlan, mask: (s: string) => string): string[] {
  const lines = [
    `prod-smoke-seal (after migrate; ${count(plan.checks.length, 'check')}, ${count(plan.commands.length, 'command')}, ${plan.concurrency} at a time):`,
  ];
  if (plan.live)
    lines.push(
      plan.live.kind === 'deployment'
        ? `  first, wait up to ${plan.live.timeoutText} for a successful deployment to ${plan.live.environment}`
        : `  first, wait up to ${plan.live.timeoutText} until GET ${plan.live.url} serves the deployed SHA`,
    );
  for (const c of plan.checks) {
    const headers = Object.entries(c.headers).map(([k, v]) => `${k}: ${mask(v)}`);
    lines.push(
      `  ${c.method} ${c.url} (${c.name}; ${c.attempts} attempts, ${formatDuration(c.attemptTimeoutMs)} each${headers.length ? `; headers ${headers.join(', ')}` : ''})`,
    );
  }
  for (const c of plan.commands) {
    const env = Object.entries(c.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`);
    lines.push(
      `  ${c.name} (timeout ${formatDuration(c.timeoutMs)}${c.cwd ? `, in ${c.cwd}` : ''}): ${argvLine(c.argv)}   [env: BASE_URL=${plan.baseUrl}${env.length ? `, ${env.join(', ')}` : ''}]`,
    );
  }
  if (plan.watch)
    lines.push(
      `  then watch for ${formatDuration(plan.watch.durationMs)} every ${formatDuration(plan.watch.intervalMs)}`,
    );
  return lines;
}
