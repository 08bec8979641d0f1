import type { Clock } from '@promote/core/clock';
import { evaluateResponse, type Expectation } from './expectations.js';
import { displayUrl, sendAttempt, TransportError, type AttemptResponse } from './http-request.js';

/** A fully resolved HTTP check (from the plan). `headers` may hold secrets: never print them. */
export interface HttpCheckSpec {
  name: string;
  url: string;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  expect: Expectation;
  latencyBudgetMs?: number;
  insecureTls: boolean;
  maxRedirects: number;
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  retryOn: number[];
  attemptTimeoutMs: number;
  deadlineMs: number;
}

export interface AttemptRecord {
  status?: number;
  error?: string;
  latencyMs?: number;
}

export interface CheckResult {
  name: string;
  /** live: the wait until production served the deployed SHA (smoke.wait-for-live). */
  kind: 'http' | 'command' | 'live';
  ok: boolean;
  /** One line: why it is red, or what green looked like ("200 in 42 ms"). */
  reason: string;
  /** Printable target: URL without credentials or query, or the command's name. */
  target: string;
  status?: number;
  latencyMs?: number;
  attempts: number;
  history: AttemptRecord[];
  /** Test cases from a command's JUnit report. */
  cases?: { name: string; ok: boolean; skipped?: boolean; message?: string }[];
}

export interface HttpCheckDeps {
  clock: Clock;
  /** Applied to every text that leaves this module (reasons quote bodies and headers). */
  mask: (text: string) => string;
  send?: typeof sendAttempt;
}

/**
 * One check with bounded retries: per-attempt timeout, exponential backoff capped at max-backoff,
 * never sleeping past the overall deadline. Retried: transport errors, timeouts and the statuses in
 * retry-on; not retried: a wrong body or a bad certificate (another try will not change them).
 */
export async function runHttpCheck(spec: HttpCheckSpec, deps: HttpCheckDeps): Promise<CheckResult> {
  const send = deps.send ?? sendAttempt;
  const start = deps.clock.now().getTime();
  const deadline = start + spec.deadlineMs;
  const history: AttemptRecord[] = [];
  const target = displayUrl(spec.url);
  const finish = (ok: boolean, reason: string, extra: Partial<CheckResult> = {}): CheckResult => ({
    name: spec.name,
    kind: 'http',
    ok,
    reason: deps.mask(reason),
    target,
    attempts: history.length,
    history: history.map((h) => (h.error ? { ...h, error: deps.mask(h.error) } : h)),
    ...extra,
  });

  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - deps.clock.now().getTime();
    let response: AttemptResponse | undefined;
    let failure: string | undefined;
    let retryable = false;
    try {
      response = await send({
        url: spec.url,
        method: spec.method,
        headers: spec.headers,
        maxRedirects: spec.maxRedirects,
        insecureTls: spec.insecureTls,
        timeoutMs: Math.max(1, Math.min(spec.attemptTimeoutMs, remaining)),
      });
      history.push({ status: response.status, latencyMs: response.latencyMs });
      if (
        spec.retryOn.includes(response.status) &&
        !spec.expect.status.codes?.includes(response.status)
      ) {
        failure = `status ${response.status}, expected ${spec.expect.status.text}`;
        retryable = true;
      }
    } catch (error) {
      const e =
        error instanceof TransportError ? error : new TransportError(String(error), 'ERROR', true);
      history.push({ error: e.message });
      failure = e.message;
      retryable = e.retryable;
    }

    if (response && !failure) {
      const problems = evaluateResponse(spec.expect, { ...response, method: spec.method });
      const measured = { status: response.status, latencyMs: response.latencyMs };
      if (problems.length > 0) return finish(false, problems.join('; '), measured);
      if (spec.latencyBudgetMs !== undefined && response.latencyMs > spec.latencyBudgetMs) {
        return finish(
          false,
          `took ${response.latencyMs} ms, over the ${spec.latencyBudgetMs} ms budget`,
          measured,
        );
      }
      const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
      return finish(true, `${response.status} in ${response.latencyMs} ms${tries}`, measured);
    }

    const last = { status: response?.status, latencyMs: response?.latencyMs };
    if (!retryable) return finish(false, failure ?? 'failed', last);
    if (attempt >= spec.attempts) {
      return finish(false, `${failure} (${attempt} attempt${attempt > 1 ? 's' : ''})`, last);
    }
    const wait = Math.min(spec.backoffMs * 2 ** (attempt - 1), spec.maxBackoffMs);
    if (deps.clock.now().getTime() + wait >= deadline) {
      return finish(
        false,
        `${failure} (deadline of ${spec.deadlineMs} ms reached after ${attempt} attempt${attempt > 1 ? 's' : ''})`,
        last,
      );
    }
    await deps.clock.sleep(wait);
  }
}
