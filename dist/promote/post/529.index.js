export const id = 529;
export const ids = [529];
export const modules = {

/***/ 3910:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./packages/core/src/action.ts + 2 modules
var action = __webpack_require__(3309);
// EXTERNAL MODULE: ./packages/core/src/event-guard.ts
var event_guard = __webpack_require__(4653);
// EXTERNAL MODULE: ./packages/core/src/exec.ts
var exec = __webpack_require__(6192);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/deps.ts


function defaultDeps() {
    const base = (0,action/* defaultActionDeps */.yj)();
    return { ...base, exec: (0,exec/* createExec */.k)({ logger: base.logger }), fetch: globalThis.fetch };
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/event-policy.ts
/**
 * A seal belongs on a commit production runs: a merged PR's merge commit, a push to the
 * production branch, or a dispatch from it (or naming the `sha`). A PR closed unmerged, a tag
 * or a deletion never reached production.
 */
const SMOKE_SEAL_EVENTS = {
    action: 'prod-smoke-seal',
    accepts: ['merged-pull-request', 'production-push', 'workflow-dispatch'],
    dispatch: 'production-or-sha',
};

// EXTERNAL MODULE: ./packages/core/src/untrusted-text.ts
var untrusted_text = __webpack_require__(2779);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/concurrency.ts
/**
 * Run `fn` over `items` with at most `limit` in flight, results in input order. Health-check
 * actions usually go one URL after another, so N slow endpoints cost N x latency; this costs
 * about ceil(N / limit) x latency.
 */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/core/src/markdown.ts
var markdown = __webpack_require__(2712);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 28 modules
var XMLParser = __webpack_require__(8879);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/junit.ts

/**
 * Test cases from a JUnit XML report (Playwright, Jest, pytest, Cypress all write one): a case
 * with a <failure> or <error> child failed; <skipped> is neither.
 */
function parseJUnit(xml) {
    const parser = new XMLParser/* default */.A({
        ignoreAttributes: false,
        attributeNamePrefix: '@',
        isArray: (name) => ['testsuite', 'testcase', 'failure', 'error'].includes(name),
    });
    const doc = parser.parse(xml);
    const root = (doc.testsuites ?? doc);
    const suites = (root.testsuite ?? []);
    const cases = [];
    for (const suite of suites) {
        for (const tc of (suite.testcase ?? [])) {
            const problems = [...(tc.failure ?? []), ...(tc.error ?? [])];
            const name = [tc['@classname'], tc['@name']]
                .filter((p) => typeof p === 'string' && p !== '')
                .join(' › ') || '(unnamed)';
            if (problems.length > 0) {
                const first = problems[0];
                const message = typeof first === 'string' ? first : String(first['@message'] ?? first['#text'] ?? '');
                cases.push({
                    name,
                    ok: false,
                    message: message
                        .split('\n')
                        .find((l) => l.trim() !== '')
                        ?.trim() ?? '',
                });
            }
            else {
                cases.push({ name, ok: true, ...(tc.skipped !== undefined ? { skipped: true } : {}) });
            }
        }
    }
    return cases;
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/command-check.ts




/**
 * A read-only suite (e.g. `npx playwright test --grep @qa-readonly`) run as argv, never through a
 * shell, with BASE_URL pointing at production. Its JUnit report, when present, becomes the rows.
 */
async function runCommandCheck(spec, deps) {
    const cwd = spec.cwd ? resolveIn(deps.workspace, spec.cwd) : deps.workspace;
    const result = await deps.exec(spec.argv, {
        cwd,
        env: { CI: 'true', ...spec.env, BASE_URL: deps.baseUrl },
        timeoutMs: spec.timeoutMs,
        allowFailure: true,
    });
    const base = {
        name: spec.name,
        kind: 'command',
        target: spec.argv.join(' '),
        attempts: 1,
        latencyMs: result.durationMs,
        history: [],
    };
    let cases;
    if (spec.junit) {
        try {
            cases = parseJUnit(await (0,promises_.readFile)(resolveIn(cwd, spec.junit), 'utf8')).map((c) => ({
                ...c,
                ...(c.message ? { message: deps.mask(c.message) } : {}),
            }));
        }
        catch {
            cases = undefined; // no report (the command died first): the exit code tells the story
        }
    }
    const failedCases = (cases ?? []).filter((c) => !c.ok);
    const passedCases = (cases ?? []).filter((c) => c.ok);
    if (result.timedOut)
        return {
            ...base,
            ok: false,
            reason: `timed out after ${spec.timeoutMs} ms and was killed`,
            ...(cases ? { cases } : {}),
        };
    if (result.exitCode !== 0 || failedCases.length > 0) {
        const first = failedCases[0];
        const detail = first
            ? `${failedCases.length} of ${cases.length} failed: ${first.name}${first.message ? `: ${first.message}` : ''}`
            : `exited with code ${result.exitCode}: ${lastLine(result.stderr) || lastLine(result.stdout) || 'no output'}`;
        return { ...base, ok: false, reason: deps.mask(detail), ...(cases ? { cases } : {}) };
    }
    const reason = cases ? `${passedCases.length} of ${cases.length} passed` : 'exited with code 0';
    return { ...base, ok: true, reason, ...(cases ? { cases } : {}) };
}
function resolveIn(base, path) {
    return (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.join)(base, path);
}
// npm's own warnings ("npm warn Unknown user config") say nothing about the suite.
function lastLine(text) {
    const lines = (0,markdown/* stripAnsi */.aJ)(text)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/^npm (warn|notice)/i.test(l));
    return lines.at(-1)?.slice(0, 200) ?? '';
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js
var index_node_esm = __webpack_require__(6229);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/expectations.ts


function statusMatches(matcher, status) {
    if (matcher.codes)
        return matcher.codes.includes(status);
    if (matcher.range)
        return status >= matcher.range[0] && status <= matcher.range[1];
    return false;
}
const SNIPPET = 60;
function snippet(value) {
    const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'undefined');
    return text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text;
}
/**
 * Every unmet expectation as one sentence ("$.status is \"degraded\", expected \"ok\""); empty
 * when the response is healthy. Status first: a wrong status makes the body checks noise.
 */
function evaluateResponse(expect, response) {
    if (!statusMatches(expect.status, response.status)) {
        return [`status ${response.status}, expected ${expect.status.text}`];
    }
    const problems = [];
    for (const header of expect.headers) {
        const raw = response.headers[header.name.toLowerCase()];
        const value = Array.isArray(raw) ? raw.join(', ') : raw;
        if (value === undefined) {
            problems.push(`header ${header.name} is missing`);
        }
        else if (header.equals !== undefined && value.trim() !== header.equals) {
            problems.push(`header ${header.name} is ${snippet(value)}, expected ${snippet(header.equals)}`);
        }
        else if (header.matches && !header.matches.test(value)) {
            problems.push(`header ${header.name} is ${snippet(value)}, does not match ${header.matches}`);
        }
    }
    // HEAD has no body: body and JSON expectations are a config mistake caught in the plan.
    if (response.method === 'HEAD')
        return problems;
    for (const text of expect.bodyContains) {
        if (!response.body.includes(text))
            problems.push(`body does not contain ${snippet(text)}`);
    }
    if (expect.bodyRegex && !expect.bodyRegex.test(response.body)) {
        problems.push(`body does not match ${expect.bodyRegex}`);
    }
    if (expect.json.length > 0)
        problems.push(...evaluateJson(expect.json, response.body));
    return problems;
}
function evaluateJson(assertions, body) {
    let document;
    try {
        document = JSON.parse(body);
    }
    catch {
        return [`body is not JSON (starts with ${snippet(body.slice(0, 30))})`];
    }
    const problems = [];
    for (const a of assertions) {
        let found;
        try {
            found = (0,index_node_esm/* JSONPath */.E)({ path: a.path, json: document, wrap: true });
        }
        catch (error) {
            problems.push(`${a.path}: ${error.message}`);
            continue;
        }
        const exists = found.length > 0;
        const value = found.length === 1 ? found[0] : found;
        if (a.exists !== undefined && a.exists !== exists) {
            problems.push(a.exists ? `${a.path} is missing` : `${a.path} exists (${snippet(value)}), expected absent`);
            continue;
        }
        if (a.equals !== undefined) {
            if (!exists)
                problems.push(`${a.path} is missing, expected ${snippet(a.equals)}`);
            else if (!(0,external_node_util_.isDeepStrictEqual)(value, a.equals))
                problems.push(`${a.path} is ${snippet(value)}, expected ${snippet(a.equals)}`);
        }
        if (a.matches) {
            const text = typeof value === 'string' ? value : JSON.stringify(value);
            if (!exists)
                problems.push(`${a.path} is missing, expected to match ${a.matches}`);
            else if (!a.matches.test(text))
                problems.push(`${a.path} is ${snippet(value)}, does not match ${a.matches}`);
        }
    }
    return problems;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/http-request.ts


/** A failure before a usable response: timeout, refused, reset, TLS, redirects. */
class TransportError extends Error {
    code;
    retryable;
    constructor(message, code, 
    /** Worth another attempt (a reset or timeout may heal during warm-up; a bad certificate will not). */
    retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }
}
// Bodies are read for assertions only; a health page bigger than this is cut (and says so).
const MAX_BODY_BYTES = 1024 * 1024;
const TLS_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** The URL as it may be printed: no user:password, no query (tokens hide there). */
function displayUrl(url) {
    try {
        const u = new URL(url);
        return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
    }
    catch {
        return '(invalid URL)';
    }
}
/**
 * One attempt: the request, then each redirect by hand (node's http does not follow them), all
 * under one timeout. Authorization and Cookie are dropped when a redirect leaves the origin, as
 * browsers do, so a secret never travels to another host.
 */
async function sendAttempt(request) {
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
        let url = new URL(request.url);
        const origin = url.origin;
        const visited = [url.href];
        for (let redirects = 0;; redirects++) {
            const headers = url.origin === origin ? request.headers : withoutCredentials(request.headers);
            const response = await once(url, request, headers, controller.signal);
            const location = response.headers.location;
            if (response.status >= 300 && response.status < 400 && location) {
                const next = new URL(location, url);
                if (visited.includes(next.href)) {
                    throw new TransportError(`redirect loop: ${[...visited, next.href].map(displayUrl).join(' -> ')}`, 'REDIRECT_LOOP', false);
                }
                if (redirects >= request.maxRedirects) {
                    throw new TransportError(`more than ${request.maxRedirects} redirects (last to ${displayUrl(next.href)}); raise smoke.redirects or check the final URL`, 'TOO_MANY_REDIRECTS', false);
                }
                visited.push(next.href);
                url = next;
                continue;
            }
            return {
                ...response,
                latencyMs: Math.round(performance.now() - started),
                finalUrl: url.href,
                redirects,
            };
        }
    }
    catch (error) {
        if (controller.signal.aborted) {
            throw new TransportError(`timed out after ${request.timeoutMs} ms`, 'TIMEOUT', true);
        }
        throw toTransportError(error, request.insecureTls);
    }
    finally {
        clearTimeout(timer);
    }
}
function withoutCredentials(headers) {
    return Object.fromEntries(Object.entries(headers).filter(([name]) => !['authorization', 'cookie', 'proxy-authorization'].includes(name.toLowerCase())));
}
function once(url, request, headers, signal) {
    return new Promise((resolve, reject) => {
        const isHttps = url.protocol === 'https:';
        const options = {
            method: request.method,
            headers: { 'user-agent': 'promote-prod-smoke-seal', accept: '*/*', ...headers },
            signal,
            // A fresh connection per attempt: a retry must not reuse a socket the server half-closed.
            agent: false,
        };
        if (isHttps && request.insecureTls)
            options.rejectUnauthorized = false;
        const req = (isHttps ? external_node_https_ : external_node_http_).request(url, options, (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (chunk) => {
                if (size < MAX_BODY_BYTES)
                    chunks.push(chunk);
                size += chunk.length;
            });
            res.on('end', () => resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'),
            }));
            res.on('error', reject);
            res.on('aborted', () => reject(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })));
        });
        req.on('error', reject);
        req.end();
    });
}
function toTransportError(error, insecureTls) {
    if (error instanceof TransportError)
        return error;
    const code = String(error.code ?? 'ERROR');
    const message = error.message ?? String(error);
    if (TLS_CODES.has(code)) {
        const hint = insecureTls
            ? ''
            : '; if this endpoint is meant to use a self-signed certificate, set insecure-tls: true on this check';
        return new TransportError(`TLS certificate rejected (${code}: ${message})${hint}`, code, false);
    }
    return new TransportError(`${code === 'ERROR' ? '' : `${code}: `}${message}`, code, true);
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/http-check.ts


/**
 * One check with bounded retries: per-attempt timeout, exponential backoff capped at max-backoff,
 * never sleeping past the overall deadline. Retried: transport errors, timeouts and the statuses in
 * retry-on; not retried: a wrong body or a bad certificate (another try will not change them).
 */
async function runHttpCheck(spec, deps) {
    const send = deps.send ?? sendAttempt;
    const start = deps.clock.now().getTime();
    const deadline = start + spec.deadlineMs;
    const history = [];
    const target = displayUrl(spec.url);
    const finish = (ok, reason, extra = {}) => ({
        name: spec.name,
        kind: 'http',
        ok,
        reason: deps.mask(reason),
        target,
        attempts: history.length,
        history: history.map((h) => (h.error ? { ...h, error: deps.mask(h.error) } : h)),
        ...extra,
    });
    for (let attempt = 1;; attempt++) {
        const remaining = deadline - deps.clock.now().getTime();
        let response;
        let failure;
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
            if (spec.retryOn.includes(response.status) &&
                !spec.expect.status.codes?.includes(response.status)) {
                failure = `status ${response.status}, expected ${spec.expect.status.text}`;
                retryable = true;
            }
        }
        catch (error) {
            const e = error instanceof TransportError ? error : new TransportError(String(error), 'ERROR', true);
            history.push({ error: e.message });
            failure = e.message;
            retryable = e.retryable;
        }
        if (response && !failure) {
            const problems = evaluateResponse(spec.expect, { ...response, method: spec.method });
            const measured = { status: response.status, latencyMs: response.latencyMs };
            if (problems.length > 0)
                return finish(false, problems.join('; '), measured);
            if (spec.latencyBudgetMs !== undefined && response.latencyMs > spec.latencyBudgetMs) {
                return finish(false, `took ${response.latencyMs} ms, over the ${spec.latencyBudgetMs} ms budget`, measured);
            }
            const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
            return finish(true, `${response.status} in ${response.latencyMs} ms${tries}`, measured);
        }
        const last = { status: response?.status, latencyMs: response?.latencyMs };
        if (!retryable)
            return finish(false, failure ?? 'failed', last);
        if (attempt >= spec.attempts) {
            return finish(false, `${failure} (${attempt} attempt${attempt > 1 ? 's' : ''})`, last);
        }
        const wait = Math.min(spec.backoffMs * 2 ** (attempt - 1), spec.maxBackoffMs);
        if (deps.clock.now().getTime() + wait >= deadline) {
            return finish(false, `${failure} (deadline of ${spec.deadlineMs} ms reached after ${attempt} attempt${attempt > 1 ? 's' : ''})`, last);
        }
        await deps.clock.sleep(wait);
    }
}

// EXTERNAL MODULE: ./packages/core/src/time.ts
var time = __webpack_require__(1888);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/stats.ts
/** Nearest-rank percentile (p in 0..100) of `values`; undefined when empty. */
function percentile(values, p) {
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
const BARS = '▁▂▃▄▅▆▇█';
/** A one-line chart of a series ("▁▂▅█▃"), scaled from 0 to the series' maximum. */
function sparkline(values) {
    const max = Math.max(0, ...values);
    return values
        .map((v) => max === 0
        ? BARS[0]
        : BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))])
        .join('');
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/watch.ts


/**
 * Repeats the checks every interval for the window's duration (the first round starts at once),
 * then judges the whole window: error rate over every check run, and p95 latency against the
 * pre-deploy baseline when one is known.
 */
async function runWatch(spec, runRound, deps) {
    const opened = deps.clock.now().getTime();
    const rounds = [];
    const latencies = [];
    for (let index = 0;; index++) {
        const scheduled = opened + index * spec.intervalMs;
        if (scheduled - opened >= spec.durationMs)
            break;
        const wait = scheduled - deps.clock.now().getTime();
        if (wait > 0)
            await deps.clock.sleep(wait);
        const results = await runRound();
        const samples = results.flatMap((r) => (r.latencyMs !== undefined ? [r.latencyMs] : []));
        latencies.push(...samples);
        const p95 = percentile(samples, 95);
        const round = {
            atMs: scheduled - opened,
            total: results.length,
            failed: results.filter((r) => !r.ok).length,
            ...(p95 !== undefined ? { p95Ms: p95 } : {}),
            failing: results.filter((r) => !r.ok).map((r) => r.name),
        };
        rounds.push(round);
        deps.onRound?.(round, index);
    }
    return judgeWindow(spec, rounds, latencies, deps.baseline);
}
function judgeWindow(spec, rounds, latencies, baseline) {
    const total = rounds.reduce((n, r) => n + r.total, 0);
    const failed = rounds.reduce((n, r) => n + r.failed, 0);
    const errorRate = total === 0 ? 0 : failed / total;
    const p95Ms = percentile(latencies, 95);
    const problems = [];
    if (errorRate > spec.maxErrorRate) {
        problems.push(`error rate ${pct(errorRate)} (${failed} of ${total} checks failed) is above the ${pct(spec.maxErrorRate)} limit`);
    }
    if (baseline?.p95Ms !== undefined && p95Ms !== undefined) {
        const limit = baseline.p95Ms * (1 + spec.p95OverBaseline);
        if (p95Ms > limit) {
            problems.push(`p95 latency ${p95Ms} ms is more than ${pct(spec.p95OverBaseline)} above the baseline ${baseline.p95Ms} ms (limit ${Math.round(limit)} ms)`);
        }
    }
    return {
        rounds,
        errorRate,
        ...(p95Ms !== undefined ? { p95Ms } : {}),
        ...(baseline ? { baseline } : {}),
        problems,
    };
}
function pct(fraction) {
    return `${Number((fraction * 100).toFixed(2))}%`;
}
/** The series for the summary: sparklines, then one compact row per round. */
function renderWatch(outcome, spec) {
    const p95s = outcome.rounds.map((r) => r.p95Ms ?? 0);
    const errors = outcome.rounds.map((r) => r.failed);
    const baseline = outcome.baseline?.p95Ms !== undefined
        ? `baseline p95 ${outcome.baseline.p95Ms} ms (${outcome.baseline.source}), limit +${pct(spec.p95OverBaseline)}`
        : 'no baseline given, so p95 is shown but not judged';
    const lines = [
        `#### Watch window: ${outcome.rounds.length} rounds every ${(0,time/* formatDuration */.a3)(spec.intervalMs)} over ${(0,time/* formatDuration */.a3)(spec.durationMs)}`,
        '',
        `- Error rate: **${pct(outcome.errorRate)}** (limit ${pct(spec.maxErrorRate)})`,
        `- p95 latency: **${outcome.p95Ms ?? '–'} ms** (${baseline})`,
        '',
        '```text',
        `p95    ${sparkline(p95s)}  max ${Math.max(0, ...p95s)} ms`,
        `errors ${sparkline(errors)}  max ${Math.max(0, ...errors)}`,
        '```',
        '',
        '| At | Checks | Failed | p95 ms |',
        '| --- | --- | --- | --- |',
        ...outcome.rounds.map((r) => `| +${(0,time/* formatDuration */.a3)(r.atMs)} | ${r.total} | ${r.failed} | ${r.p95Ms ?? '–'} |`),
    ];
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/run-smoke.ts




/** HTTP checks concurrently (the plan's limit), command checks after them, then the watch window. */
async function runSmoke(plan, deps) {
    const httpRound = () => mapLimit(plan.checks, plan.concurrency, (spec) => runHttpCheck(spec, { clock: deps.clock, mask: deps.mask }));
    const first = await httpRound();
    const commands = [];
    for (const command of plan.commands) {
        commands.push(await runCommandCheck(command, {
            exec: deps.exec,
            baseUrl: plan.baseUrl ?? '',
            workspace: deps.workspace,
            mask: deps.mask,
        }));
    }
    const checks = [...first, ...commands];
    if (!plan.watch || plan.checks.length === 0)
        return { checks };
    let round = 0;
    const watch = await runWatch(plan.watch, async () => (round++ === 0 ? first : httpRound()), {
        clock: deps.clock,
        ...(deps.baseline ? { baseline: deps.baseline } : {}),
        onRound: (r, i) => deps.onProgress?.(`Watch round ${i + 1}: ${r.failed} of ${r.total} failed, p95 ${r.p95Ms ?? '–'} ms${r.failing.length ? ` (${r.failing.join(', ')})` : ''}`),
    });
    return { checks, watch };
}

// EXTERNAL MODULE: ./packages/core/src/github/request-errors.ts
var request_errors = __webpack_require__(8154);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/live.ts





/** Shortest SHA prefix accepted from a version endpoint (git's own default abbreviation). */
const MIN_SHA_PREFIX = 7;
/** Longest wait between two polls: the interval doubles after each miss up to this. */
function maxLiveIntervalMs(intervalMs) {
    return Math.max(intervalMs, Math.min(intervalMs * 4, 60_000));
}
/**
 * Polls until production serves the SHA or the deadline passes: the wait starts at the interval
 * and doubles (at most 4x the interval, at most a minute), never sleeping past the deadline. The
 * number of polls is bounded by timeout / interval + 1; the clock is injected, so tests drive it.
 */
async function waitForLive(probe, timing, deps) {
    const start = deps.clock.now().getTime();
    const deadline = start + timing.timeoutMs;
    const cap = maxLiveIntervalMs(timing.intervalMs);
    let wait = timing.intervalMs;
    for (let polls = 1;; polls++) {
        const observation = await probe();
        deps.onPoll?.(observation, polls);
        const now = deps.clock.now().getTime();
        if (observation.live || now >= deadline) {
            return { live: observation.live, seen: observation.seen, polls, waitedMs: now - start };
        }
        await deps.clock.sleep(Math.min(wait, deadline - now));
        wait = Math.min(wait * 2, cap);
    }
}
/** Whether a reported version is this SHA: the full SHA or a prefix of at least 7 hex digits. */
function reportsSha(reported, sha) {
    const value = reported.trim().toLowerCase();
    return (value.length >= MIN_SHA_PREFIX &&
        /^[0-9a-f]+$/.test(value) &&
        sha.toLowerCase().startsWith(value));
}
/** The version endpoint as a probe: GET, then the SHA from the JSON path or the regex. */
function versionProbe(spec, sha, send = sendAttempt) {
    return async () => {
        let response;
        try {
            response = await send({
                url: spec.url,
                method: 'GET',
                headers: spec.headers,
                maxRedirects: spec.maxRedirects,
                insecureTls: spec.insecureTls,
                timeoutMs: spec.attemptTimeoutMs,
            });
        }
        catch (error) {
            return { live: false, seen: error.message };
        }
        if (response.status < 200 || response.status > 299) {
            return { live: false, seen: `status ${response.status}` };
        }
        const value = extractVersion(spec, response.body);
        if (value === undefined) {
            return {
                live: false,
                seen: spec.jsonPath
                    ? `no value at ${spec.jsonPath}`
                    : `no match for /${spec.regex?.source}/`,
            };
        }
        return { live: reportsSha(value, sha), seen: JSON.stringify((0,markdown/* truncate */.xv)(value, 60)) };
    };
}
function extractVersion(spec, body) {
    if (spec.regex) {
        const m = spec.regex.exec(body);
        return m ? (m[1] ?? m[0]) : undefined;
    }
    let document;
    try {
        document = JSON.parse(body);
    }
    catch {
        return undefined;
    }
    let found;
    try {
        found = (0,index_node_esm/* JSONPath */.E)({ path: spec.jsonPath ?? '$', json: document, wrap: true });
    }
    catch {
        return undefined;
    }
    const value = found[0];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
/** Promote's own deployments (migrate-with-rollback) say nothing about what the platform serves. */
const PROMOTE_TASKS = /^deploy:(migrate|rollback)$/;
/**
 * The platform's GitHub deployment of the SHA as a probe: live when the newest status of one of
 * its deployments in the environment is `success`. Promote's own deployments are not counted.
 */
function deploymentProbe(spec, sha, deps) {
    const short = sha.slice(0, 7);
    return async () => {
        let deployments;
        try {
            ({ data: deployments } = await deps.github().rest.repos.listDeployments({
                ...deps.repo,
                sha,
                environment: spec.environment,
                ...(spec.task ? { task: spec.task } : {}),
                per_page: 100,
            }));
        }
        catch (error) {
            return { live: false, seen: `deployments unreadable (${(0,request_errors/* describeGitHubError */.dZ)(error)})` };
        }
        const theirs = deployments.filter((d) => !PROMOTE_TASKS.test(d.task) && d.id !== deps.ownDeploymentId);
        if (theirs.length === 0) {
            return { live: false, seen: `no deployment of ${short} to ${spec.environment}` };
        }
        const states = [];
        for (const d of theirs) {
            const { data: statuses } = await deps.github().rest.repos.listDeploymentStatuses({
                ...deps.repo,
                deployment_id: d.id,
                per_page: 1,
            });
            const state = statuses[0]?.state ?? 'no status';
            if (state === 'success') {
                return { live: true, seen: `deployment #${d.id} of ${short}: success` };
            }
            states.push(`deployment #${d.id} of ${short}: ${state}`);
        }
        return { live: false, seen: states.slice(0, 3).join('; ') };
    };
}
/** The seal table's row for the wait; when it failed, the red seal's sentence. */
function liveResult(spec, sha, outcome, mask) {
    const target = spec.kind === 'version' ? displayUrl(spec.url) : `GitHub deployments (${spec.environment})`;
    const seen = mask(outcome.seen);
    return {
        name: 'live version',
        kind: 'live',
        ok: outcome.live,
        reason: outcome.live
            ? `production serves ${sha.slice(0, 7)} (${outcome.polls} poll${outcome.polls === 1 ? '' : 's'}, ${(0,time/* formatDuration */.a3)(outcome.waitedMs)})`
            : `production did not serve ${sha.slice(0, 7)} within ${spec.timeoutText}: it reported ${seen}`,
        target,
        attempts: outcome.polls,
        history: [],
    };
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/wait-until-live.ts


/** smoke.wait-for-live: polls until production serves `sha`; the seal table's row either way. */
async function waitUntilLive(spec, sha, deps) {
    const short = sha.slice(0, 7);
    const probe = spec.kind === 'version'
        ? versionProbe(spec, sha)
        : deploymentProbe(spec, sha, {
            github: deps.github,
            repo: deps.repo,
            ...(deps.ownDeploymentId !== undefined ? { ownDeploymentId: deps.ownDeploymentId } : {}),
        });
    const outcome = await deps.logger.group(`Waiting up to ${spec.timeoutText} for production to serve ${short}`, () => waitForLive(probe, spec, {
        clock: deps.clock,
        onPoll: (o, poll) => deps.logger.info(deps.mask(`Poll ${poll}: ${o.live ? 'serves' : 'not yet'} ${short} (reported ${o.seen})`)),
    }));
    const result = liveResult(spec, sha, outcome, deps.mask);
    if (outcome.live) {
        deps.logger.info(`Production serves ${short} after ${(0,time/* formatDuration */.a3)(outcome.waitedMs)}.`);
    }
    else {
        deps.logger.error(result.reason);
    }
    return result;
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/check-production.ts


/**
 * Waits until production serves the SHA (seal mode only: a baseline is measured before the
 * deploy), then runs the smoke checks. Production that never served the SHA is not checked:
 * checking it would seal the old version.
 */
async function checkProduction(deps, run) {
    const { logger, clock } = deps;
    const { plan, inputs, masker } = run;
    const live = plan.live && inputs.mode === 'seal'
        ? await waitUntilLive(plan.live, run.sha, {
            clock,
            logger,
            mask: masker.mask,
            github: run.github,
            repo: { owner: run.ctx.owner, repo: run.ctx.repo },
            ...(inputs.deploymentId !== undefined ? { ownDeploymentId: inputs.deploymentId } : {}),
        })
        : undefined;
    const baseline = baselineOf(run);
    const smoked = live?.ok === false
        ? { checks: [] }
        : await logger.group(`Smoke checks against production (${describeChecks(run)}, ${plan.concurrency} at a time)`, () => runSmoke(plan, {
            clock,
            exec: deps.exec,
            mask: masker.mask,
            workspace: run.ctx.workspace,
            ...(baseline ? { baseline } : {}),
            onProgress: (line) => logger.info(masker.mask(line)),
        }));
    const outcome = { ...smoked, checks: [...(live ? [live] : []), ...smoked.checks] };
    for (const c of outcome.checks)
        logger.info(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.reason}`);
    return outcome;
}
/** The latency the watch compares against: the baseline input, else smoke.watch.baseline. */
function baselineOf(run) {
    const given = run.inputs.baseline?.p95Ms;
    if (given !== undefined)
        return { p95Ms: given, source: 'baseline input' };
    const configured = run.config.smoke.watch?.baseline?.['p95-ms'];
    if (configured !== undefined)
        return { p95Ms: configured, source: 'smoke.watch.baseline' };
    return undefined;
}
/** "3 HTTP checks and 1 command check". */
function describeChecks(run) {
    const { checks, commands } = run.plan;
    const http = `${checks.length} HTTP check${checks.length === 1 ? '' : 's'}`;
    if (!commands.length)
        return http;
    return `${http} and ${commands.length} command check${commands.length === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/conclude.ts
/**
 * What the recorded seal means for the step: green passes (unless GitHub does not show it), red
 * alerts, fails the step or reports the rollback it dispatched, as smoke.on-failure says.
 */
function concludeSeal(deps, run, sealed) {
    const { io, logger } = deps;
    const { report, targets, command } = sealed;
    const { mask } = run.masker;
    const unrecorded = unrecordedSeal(report.seal, targets);
    if (report.seal === 'green') {
        logger.notice(`Smoke seal GREEN: ${report.headline}`);
        // A seal GitHub does not show gates nothing (a required status stays pending): not a success.
        if (unrecorded)
            io.setFailed(mask(unrecorded));
        return;
    }
    if (unrecorded)
        logger.error(mask(unrecorded));
    logger.error(`Smoke seal RED: ${report.headline}`);
    logger.info(`To roll production back: ${command}`);
    const onFailure = run.config.smoke['on-failure'];
    if (onFailure === 'fail') {
        io.setFailed(`Production smoke checks failed (${report.headline}); roll back with: ${command}`);
    }
    else if (onFailure === 'rollback') {
        const dispatched = targets.find((t) => t.name === 'rollback dispatch');
        if (dispatched?.ok) {
            logger.warning(`Rollback dispatched: ${dispatched.detail}. Follow it in the Actions tab.`);
        }
        else {
            // A configured automatic rollback that did not start is a failure, not a warning: production
            // is broken and nobody is restoring it.
            io.setFailed(mask(`Smoke seal RED and the automatic rollback did NOT start: ${dispatched?.detail ?? 'not dispatched'}. Roll back by hand now: ${command}`));
        }
    }
}
/** Where GitHub shows the seal: a target failing here leaves the seal unseen by people and rules. */
const GITHUB_SEAL_TARGETS = new Set([
    'commit status',
    'deployment status',
    'release body',
    'issue',
]);
/** The failure message when the seal is missing from a GitHub target: what is done, what to re-run. */
function unrecordedSeal(seal, targets) {
    const missing = targets.filter((t) => !t.ok && GITHUB_SEAL_TARGETS.has(t.name));
    if (!missing.length)
        return undefined;
    const recorded = targets.filter((t) => t.ok).map((t) => t.name);
    return (`The smoke seal is ${seal.toUpperCase()}, but it could not be recorded in the ` +
        `${missing.map((t) => `${t.name} (${t.detail})`).join(', ')}. ` +
        `Done: ${recorded.length ? `the seal is recorded in the ${recorded.join(', ')}` : 'nothing was recorded'}. ` +
        'Re-run this job to record it (the smoke checks run again; statuses and the release section are written in place).');
}

// EXTERNAL MODULE: ./packages/core/src/config/load.ts + 1 modules
var load = __webpack_require__(703);
// EXTERNAL MODULE: ./packages/core/src/context.ts
var context = __webpack_require__(762);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./packages/core/src/errors.ts
var errors = __webpack_require__(7638);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/inputs.ts


const optional = (io, name) => {
    const v = io.getInput(name).trim();
    return v === '' ? undefined : v;
};
function readInputs(io) {
    const deployment = optional(io, 'deployment-id');
    if (deployment !== undefined && !/^\d+$/.test(deployment)) {
        throw new errors/* ConfigurationError */.j1(`input deployment-id: "${deployment}" is not a deployment id (a positive number, e.g. \${{ steps.deploy.outputs.deployment-id }}).`);
    }
    const onFailure = optional(io, 'on-failure');
    if (onFailure !== undefined && !['alert', 'fail', 'rollback'].includes(onFailure)) {
        throw new errors/* ConfigurationError */.j1(`input on-failure: "${onFailure}" is not one of alert, fail, rollback.`);
    }
    const watch = optional(io, 'watch');
    if (watch !== undefined && !['true', 'false'].includes(watch.toLowerCase())) {
        throw new errors/* ConfigurationError */.j1(`input watch: "${watch}" is not true or false.`);
    }
    const mode = optional(io, 'mode') ?? 'seal';
    if (mode !== 'seal' && mode !== 'baseline') {
        throw new errors/* ConfigurationError */.j1(`input mode: "${mode}" is not seal or baseline.`);
    }
    const sha = optional(io, 'sha');
    if (sha !== undefined && !/^[0-9a-f]{40}$/i.test(sha)) {
        throw new errors/* ConfigurationError */.j1(`input sha: "${sha}" is not a full 40-character commit SHA.`);
    }
    const backupId = optional(io, 'backup-id');
    if (backupId !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/.test(backupId)) {
        throw new errors/* ConfigurationError */.j1(`input backup-id: "${backupId.slice(0, 80)}" is not a backup id (letters, digits, ".", "_", ":" and "-"; the migrate step's backup-id output).`);
    }
    const dryRun = optional(io, 'dry-run') ?? 'false';
    if (!['true', 'false'].includes(dryRun.toLowerCase())) {
        throw new errors/* ConfigurationError */.j1(`input dry-run: "${dryRun}" is not true or false.`);
    }
    const baselineText = optional(io, 'baseline');
    return {
        ...(optional(io, 'token') ? { token: optional(io, 'token') } : {}),
        config: optional(io, 'config') ?? '.github/promotion.yml',
        ...(optional(io, 'base-url') ? { baseUrl: optional(io, 'base-url') } : {}),
        ...(sha ? { sha: sha.toLowerCase() } : {}),
        ...(deployment ? { deploymentId: Number(deployment) } : {}),
        ...(optional(io, 'tag') ? { tag: optional(io, 'tag') } : {}),
        ...(backupId ? { backupId } : {}),
        ...(onFailure ? { onFailure: onFailure } : {}),
        ...(watch ? { watch: watch.toLowerCase() === 'true' } : {}),
        ...(baselineText ? { baseline: parseBaseline(baselineText) } : {}),
        mode,
        dryRun: dryRun.toLowerCase() === 'true',
    };
}
/**
 * The `baseline` input: `{"p95-ms": 180}`, or the `results` output of a run with mode: baseline
 * before the deploy (it carries "p95-ms" too), or a path to a file holding either.
 */
function parseBaseline(text) {
    let raw = text;
    if (!text.startsWith('{')) {
        try {
            raw = (0,external_node_fs_.readFileSync)(text, 'utf8');
        }
        catch {
            throw new errors/* ConfigurationError */.j1(`input baseline: not JSON and no file at "${text}"; pass {"p95-ms": 180} or the results output of a mode: baseline run.`);
        }
    }
    let data;
    try {
        data = JSON.parse(raw);
    }
    catch {
        throw new errors/* ConfigurationError */.j1('input baseline: not valid JSON; pass {"p95-ms": 180} or the results output of a mode: baseline run.');
    }
    const p95 = data['p95-ms'];
    if (p95 !== undefined && p95 !== null && (typeof p95 !== 'number' || p95 < 0)) {
        throw new errors/* ConfigurationError */.j1(`input baseline: "p95-ms" is ${JSON.stringify(p95)}, not a number of milliseconds.`);
    }
    return typeof p95 === 'number' ? { p95Ms: p95 } : {};
}

// EXTERNAL MODULE: ./packages/core/src/rollback-command.ts
var rollback_command = __webpack_require__(4265);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/plan.ts



const argvLine = (argv) => `$ ${argv.map(rollback_command/* shellQuote */.ZL).join(' ')}`;
const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Shortest wait between two polls of the version: anything shorter is a busy loop. */
const MIN_LIVE_INTERVAL_MS = 100;
/**
 * Config + inputs + secrets -> concrete checks, or a ConfigurationError naming the key and the fix.
 * Runs before any request, so a bad config never half-checks production.
 */
function planSmoke(config, options) {
    if (config.checks.length === 0 && config.commands.length === 0) {
        throw new errors/* ConfigurationError */.j1('promotion.yml: smoke.checks is empty: add at least one check (e.g. `- name: health\n    path: /healthz`) or a smoke.commands entry.');
    }
    const baseUrl = options.baseUrl ?? config['base-url'];
    if (options.baseUrl !== undefined)
        assertHttpUrl(options.baseUrl, 'input base-url');
    const checks = config.checks.map((check, index) => planCheck(config, check, `smoke.checks[${index}]`, baseUrl, options));
    const commands = config.commands.map((c, index) => ({
        name: c.name,
        argv: [...c.run],
        ...(c.junit ? { junit: c.junit } : {}),
        timeoutMs: (0,time/* parseDuration */.E9)(c.timeout, `smoke.commands[${index}].timeout`),
        ...(c.cwd ? { cwd: c.cwd } : {}),
        ...(c.env ? { env: c.env } : {}),
    }));
    if (commands.length > 0 && !baseUrl) {
        throw new errors/* ConfigurationError */.j1('promotion.yml: smoke.commands need a base URL for BASE_URL: set smoke.base-url or the base-url input.');
    }
    let watch;
    if (options.watch === true && !config.watch) {
        throw new errors/* ConfigurationError */.j1('input watch is true but promotion.yml has no smoke.watch section; add one (e.g. `watch: { duration: 15m, interval: 1m }`).');
    }
    if (config.watch && options.watch !== false) {
        const w = config.watch;
        watch = {
            durationMs: (0,time/* parseDuration */.E9)(w.duration, 'smoke.watch.duration'),
            intervalMs: (0,time/* parseDuration */.E9)(w.interval, 'smoke.watch.interval'),
            maxErrorRate: fraction(w['max-error-rate']),
            p95OverBaseline: fraction(w['p95-over-baseline']),
        };
        if (watch.intervalMs <= 0 || watch.intervalMs > watch.durationMs) {
            throw new errors/* ConfigurationError */.j1(`promotion.yml: smoke.watch.interval (${w.interval}) must be positive and at most smoke.watch.duration (${w.duration}).`);
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
function planLive(config, w, baseUrl, options) {
    const where = 'smoke.wait-for-live';
    const timing = {
        timeoutMs: (0,time/* parseDuration */.E9)(w.timeout, `${where}.timeout`),
        timeoutText: w.timeout,
        intervalMs: (0,time/* parseDuration */.E9)(w.interval, `${where}.interval`),
    };
    if (timing.intervalMs < MIN_LIVE_INTERVAL_MS || timing.intervalMs > timing.timeoutMs) {
        throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where}.interval (${w.interval}) must be at least ${MIN_LIVE_INTERVAL_MS}ms and at most ${where}.timeout (${w.timeout}).`);
    }
    if (w.deployment) {
        return {
            ...timing,
            kind: 'deployment',
            environment: w.deployment.environment,
            ...(w.deployment.task ? { task: w.deployment.task } : {}),
        };
    }
    let url;
    if (w.url)
        url = w.url;
    else if (baseUrl)
        url = baseUrl.replace(/\/+$/, '') + (w.path ?? '/');
    else {
        throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where}.path (${w.path}) needs a base URL: set smoke.base-url or the base-url input, or use url: instead.`);
    }
    assertHttpUrl(url, `promotion.yml: ${where}`);
    if (new URL(url).username || new URL(url).password) {
        throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where} has credentials in its URL; use headers with { env, format } so they are masked.`);
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
        attemptTimeoutMs: (0,time/* parseDuration */.E9)(config.timeouts.attempt, 'smoke.timeouts.attempt'),
    };
}
/** "1%" -> 0.01; 1 -> 0.01 (numbers are percents too). */
function fraction(value) {
    const n = typeof value === 'number' ? value : Number(value.replace('%', ''));
    return n / 100;
}
function assertHttpUrl(value, where) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`${where}: ${JSON.stringify(value)} is not a URL; use an absolute http(s) URL such as https://example.com`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new errors/* ConfigurationError */.j1(`${where}: ${JSON.stringify(value)} is not http(s); use an absolute http(s) URL`);
    }
}
function planCheck(config, check, where, baseUrl, options) {
    let url;
    if (check.url) {
        url = check.url;
    }
    else {
        if (!baseUrl) {
            throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where}.path (${check.path}) needs a base URL: set smoke.base-url or the base-url input, or use url: instead.`);
        }
        url = baseUrl.replace(/\/+$/, '') + (check.path ?? '/');
    }
    assertHttpUrl(url, `promotion.yml: ${where}`);
    if (new URL(url).username || new URL(url).password) {
        throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where} has credentials in its URL; use basic-auth with user-env/password-env so they are masked.`);
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
            ? { latencyBudgetMs: (0,time/* parseDuration */.E9)(check['latency-budget'], `${where}.latency-budget`) }
            : {}),
        insecureTls: check['insecure-tls'] ?? config['insecure-tls'],
        maxRedirects: config.redirects,
        attempts: retries.attempts,
        backoffMs: (0,time/* parseDuration */.E9)(retries.backoff, `${where}.retries.backoff`),
        maxBackoffMs: (0,time/* parseDuration */.E9)(retries['max-backoff'], `${where}.retries.max-backoff`),
        retryOn: retries['retry-on'],
        attemptTimeoutMs: (0,time/* parseDuration */.E9)(timeouts.attempt, `${where}.timeouts.attempt`),
        deadlineMs: (0,time/* parseDuration */.E9)(timeouts.deadline, `${where}.timeouts.deadline`),
    };
}
function planExpectation(check, where) {
    const e = check.expect;
    if (check.method === 'HEAD' &&
        (e['body-contains'] !== undefined || e['body-regex'] !== undefined || e.json !== undefined)) {
        throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where} uses HEAD, which has no body; drop expect.body-contains/body-regex/json or use GET.`);
    }
    return {
        status: statusMatcher(e.status, `${where}.expect.status`),
        bodyContains: e['body-contains'] === undefined ? [] : [e['body-contains']].flat(),
        ...(e['body-regex'] !== undefined
            ? { bodyRegex: regex(e['body-regex'], `${where}.expect.body-regex`) }
            : {}),
        json: (e.json ?? []).map((a, i) => ({
            path: a.path,
            ...(a.equals !== undefined ? { equals: a.equals } : {}),
            ...(a.matches !== undefined
                ? { matches: regex(a.matches, `${where}.expect.json[${i}].matches`) }
                : {}),
            ...(a.exists !== undefined ? { exists: a.exists } : {}),
        })),
        headers: Object.entries(e.headers ?? {}).map(([name, value]) => {
            const m = /^\/(.*)\/([a-z]*)$/s.exec(value);
            return m
                ? { name, matches: regex(m[1] ?? '', `${where}.expect.headers.${name}`, m[2]) }
                : { name, equals: value };
        }),
    };
}
function statusMatcher(spec, where) {
    if (typeof spec === 'number')
        return { codes: [spec], text: String(spec) };
    if (Array.isArray(spec))
        return { codes: spec, text: spec.length === 1 ? String(spec[0]) : `one of ${spec.join(', ')}` };
    const [lo, hi] = spec.split('-').map((s) => Number(s.trim()));
    if (hi === undefined)
        return { codes: [lo], text: String(lo) };
    if (lo > hi)
        throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where}: range "${spec}" is backwards; write it low-high, e.g. "200-299".`);
    return { range: [lo, hi], text: `${lo}-${hi}` };
}
function regex(source, where, flags = '') {
    try {
        return new RegExp(source, flags);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where}: ${JSON.stringify(source)} is not a valid regular expression (${error.message}).`);
    }
}
/**
 * Request headers with secrets read from the environment and registered (with derived forms:
 * base64, URL-encoded, JSON-escaped) before any request can carry or print them.
 */
function resolveHeaders(check, where, options) {
    const headers = {};
    for (const [name, value] of Object.entries(check.headers ?? {})) {
        if (typeof value === 'string') {
            headers[name] = value;
            continue;
        }
        const secret = options.env[value.env];
        if (secret === undefined || secret === '') {
            throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where}.headers.${name} reads ${value.env}, which is not set; map the secret into the step: \`env: { ${value.env}: \${{ secrets.${value.env} }} }\`.`);
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
        ]) {
            if (value === undefined || value === '') {
                throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where}.basic-auth reads ${variable}, which is not set; map it from secrets in the step's env.`);
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
function renderSmokePlan(plan, mask) {
    const lines = [
        `prod-smoke-seal (after migrate; ${count(plan.checks.length, 'check')}, ${count(plan.commands.length, 'command')}, ${plan.concurrency} at a time):`,
    ];
    if (plan.live)
        lines.push(plan.live.kind === 'deployment'
            ? `  first, wait up to ${plan.live.timeoutText} for a successful deployment to ${plan.live.environment}`
            : `  first, wait up to ${plan.live.timeoutText} until GET ${plan.live.url} serves the deployed SHA`);
    for (const c of plan.checks) {
        const headers = Object.entries(c.headers).map(([k, v]) => `${k}: ${mask(v)}`);
        lines.push(`  ${c.method} ${c.url} (${c.name}; ${c.attempts} attempts, ${(0,time/* formatDuration */.a3)(c.attemptTimeoutMs)} each${headers.length ? `; headers ${headers.join(', ')}` : ''})`);
    }
    for (const c of plan.commands) {
        const env = Object.entries(c.env ?? {}).map(([k, v]) => `${k}=${(0,rollback_command/* shellQuote */.ZL)(v)}`);
        lines.push(`  ${c.name} (timeout ${(0,time/* formatDuration */.a3)(c.timeoutMs)}${c.cwd ? `, in ${c.cwd}` : ''}): ${argvLine(c.argv)}   [env: BASE_URL=${plan.baseUrl}${env.length ? `, ${env.join(', ')}` : ''}]`);
    }
    if (plan.watch)
        lines.push(`  then watch for ${(0,time/* formatDuration */.a3)(plan.watch.durationMs)} every ${(0,time/* formatDuration */.a3)(plan.watch.intervalMs)}`);
    return lines;
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/prepare-seal.ts






/** Inputs, config and plan; undefined once the event guard has reported a skip. */
async function prepareSeal(deps, shaInput) {
    const { io, logger, env } = deps;
    const inputs = readInputs(io);
    const ctx = (0,context/* readRunContext */.$)(env);
    const { masker } = deps.exec;
    if (inputs.token)
        masker.register(inputs.token, 'the token input');
    const config = await (0,load/* loadConfig */.Z9)({
        source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
        overrides: { 'smoke.base-url': inputs.baseUrl, 'smoke.on-failure': inputs.onFailure },
        inputNames: { 'smoke.base-url': 'base-url', 'smoke.on-failure': 'on-failure' },
        logger,
    });
    const production = { sha: shaInput, productionBranch: config.branches.production };
    const event = await (0,event_guard/* guardEvent */._p)(deps, SMOKE_SEAL_EVENTS, production, { announce: false });
    if (!event)
        return undefined;
    // Everything that can be wrong with the config fails here, before any request.
    // A baseline is one pre-deploy measurement, never a window.
    const watch = inputs.mode === 'baseline' ? false : inputs.watch;
    const plan = planSmoke(config.smoke, { env, masker, ...(watch !== undefined ? { watch } : {}) });
    let client;
    return {
        inputs,
        ctx,
        config,
        plan,
        // The commit production runs: a merged PR's merge commit, never its head
        // (merge_commit_sha: https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request).
        sha: inputs.sha ?? event.sha ?? ctx.sha,
        masker,
        github: () => (client ??= deps.github(inputs.token ?? '')),
    };
}

// EXTERNAL MODULE: ./packages/core/src/notify.ts
var notify = __webpack_require__(3811);
// EXTERNAL MODULE: ./packages/core/src/report.ts
var src_report = __webpack_require__(2019);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/seal.ts




/** Green only when every check passed and the watch window (if any) stayed within its limits. */
function decideSeal(sha, checks, watch, rollbackCommand) {
    const failed = checks.filter((c) => !c.ok);
    const watchProblems = watch?.problems ?? [];
    const seal = failed.length === 0 && watchProblems.length === 0 ? 'green' : 'red';
    const p95Ms = watch?.p95Ms ??
        percentile(checks.flatMap((c) => (c.kind === 'http' && c.latencyMs !== undefined ? [c.latencyMs] : [])), 95);
    let headline;
    if (seal === 'green') {
        headline = `${checks.length} of ${checks.length} smoke checks passed${p95Ms !== undefined ? `, p95 ${p95Ms} ms` : ''}${watch ? `, watched ${watch.rounds.length} rounds` : ''}`;
    }
    else if (failed[0]?.kind === 'live') {
        // The new version never served: the checks (of the old one) were not run, and this is why.
        headline = failed[0].reason;
    }
    else if (failed.length > 0) {
        const first = failed[0];
        headline = `${failed.length} of ${checks.length} smoke checks failed: ${first.name}: ${first.reason}`;
    }
    else {
        headline = `watch window: ${watchProblems[0]}`;
    }
    return {
        seal,
        sha,
        headline,
        checks,
        ...(watch ? { watch } : {}),
        ...(p95Ms !== undefined ? { p95Ms } : {}),
        ...(seal === 'red' && rollbackCommand ? { rollbackCommand } : {}),
    };
}
function resultRows(checks) {
    const rows = [];
    for (const c of checks) {
        rows.push({
            name: c.name,
            status: c.ok ? 'pass' : 'fail',
            summary: `${c.target}: ${c.reason}`,
        });
        for (const tc of c.cases ?? []) {
            rows.push({
                name: `${c.name} › ${tc.name}`,
                status: tc.skipped ? 'skip' : tc.ok ? 'pass' : 'fail',
                summary: tc.message ?? '',
            });
        }
    }
    return rows;
}
/**
 * The seal as markdown: the job summary, and the `summary` output tag-release puts into the release
 * notes. Untrusted text (reasons quote response bodies) goes through `untrusted()`.
 */
function renderSeal(report, watchSpec) {
    const icon = report.seal === 'green' ? '✓' : '✗';
    const lines = [
        `### Production smoke seal: ${icon} ${report.seal}`,
        '',
        `${(0,untrusted_text/* untrusted */.b)(report.headline, 'inline')} (deployed commit \`${report.sha.slice(0, 12)}\`).`,
        '',
        (0,src_report/* renderMarkdownTable */.Ij)(resultRows(report.checks)),
    ];
    if (report.watch && watchSpec) {
        lines.push('', renderWatch(report.watch, watchSpec));
        for (const p of report.watch.problems)
            lines.push(`- ✗ ${(0,untrusted_text/* untrusted */.b)(p, 'inline')}`);
    }
    if (report.rollbackCommand) {
        lines.push('', 'To roll production back:', '', (0,untrusted_text/* untrusted */.b)(report.rollbackCommand, 'block', { language: 'sh' }));
    }
    return lines.join('\n');
}
/** The `results` output: everything a later step needs, no secrets (reasons were masked). */
function resultsJson(report) {
    return JSON.stringify({
        seal: report.seal,
        sha: report.sha,
        headline: report.headline,
        'p95-ms': report.p95Ms ?? null,
        checks: report.checks.map((c) => ({
            name: c.name,
            kind: c.kind,
            ok: c.ok,
            reason: c.reason,
            target: c.target,
            status: c.status ?? null,
            'latency-ms': c.latencyMs ?? null,
            attempts: c.attempts,
            ...(c.cases ? { cases: c.cases } : {}),
        })),
        ...(report.watch
            ? {
                watch: {
                    'error-rate': report.watch.errorRate,
                    'p95-ms': report.watch.p95Ms ?? null,
                    rounds: report.watch.rounds,
                    problems: report.watch.problems,
                },
            }
            : {}),
    });
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/chat.ts


/** What people read in chat: the verdict, each failing check with its reason, the rollback command. */
function sealMessage(report, repo, runUrl) {
    const failing = resultRows(report.checks).filter((r) => r.status === 'fail');
    const lines = report.seal === 'green'
        ? [report.headline]
        : [
            ...failing.slice(0, 10).map((r) => `✗ ${r.name}: ${r.summary}`),
            ...(failing.length > 10 ? [`… and ${failing.length - 10} more`] : []),
            ...(report.watch?.problems ?? []).map((p) => `✗ watch window: ${p}`),
            ...(report.rollbackCommand ? [`Roll back: ${report.rollbackCommand}`] : []),
        ];
    return {
        title: `Production smoke seal ${report.seal.toUpperCase()} for ${repo}@${report.sha.slice(0, 7)}`,
        status: report.seal,
        lines,
        url: runUrl,
    };
}
/** Posts to every configured webhook through core notify (never throws); returns where it landed. */
async function postChat(message, deps) {
    const targets = (0,notify/* resolveNotifyTargets */.Sq)(deps.notify, deps.env, deps.logger);
    const results = await (0,notify/* notify */.me)({
        targets,
        message,
        logger: deps.logger,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    return results.filter((r) => r.ok).map((r) => r.service);
}

// EXTERNAL MODULE: ./packages/core/src/github/statuses.ts
var statuses = __webpack_require__(9803);
// EXTERNAL MODULE: ./packages/core/src/github/limits.ts
var limits = __webpack_require__(9889);
;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/seal-targets.ts



/** A commit status on the deployed SHA under a stable context (skipped when it already says this). */
async function writeCommitStatus(report, context, deps) {
    const result = await (0,statuses/* createCommitStatus */.I)(deps.github, deps.repo, report.sha, {
        context,
        state: report.seal === 'green' ? 'success' : 'failure',
        description: report.headline,
        targetUrl: deps.runUrl,
    }, deps.logger);
    return `commit status ${context} ${result.operation}`;
}
/**
 * The deployment's status: success or failure with the headline (140 characters at most). A re-run
 * that would post the same state and text posts nothing.
 */
async function writeDeploymentStatus(report, deploymentId, deps) {
    const state = report.seal === 'green' ? 'success' : 'failure';
    const description = (0,limits/* fitLine */.ax)(`Smoke seal ${report.seal}: ${report.headline}`, limits/* STATUS_DESCRIPTION_LIMIT */.cY);
    const { data: recent } = await deps.github.rest.repos.listDeploymentStatuses({
        ...deps.repo,
        deployment_id: deploymentId,
        per_page: 1,
    });
    const latest = recent[0];
    if (latest && latest.state === state && latest.description === description)
        return 'deployment status unchanged';
    await deps.github.rest.repos.createDeploymentStatus({
        ...deps.repo,
        deployment_id: deploymentId,
        state,
        description,
        log_url: deps.runUrl,
        auto_inactive: false,
    });
    return `deployment ${deploymentId} status ${state}`;
}
const SECTION_START = '<!-- promote:smoke-seal:start -->';
const SECTION_END = '<!-- promote:smoke-seal:end -->';
/** The body with the seal section replaced (or appended): running twice changes nothing. */
function withSealSection(body, section) {
    const block = `${SECTION_START}\n${section.trim()}\n${SECTION_END}`;
    const start = body.indexOf(SECTION_START);
    const end = body.indexOf(SECTION_END);
    if (start >= 0 && end > start)
        return body.slice(0, start) + block + body.slice(end + SECTION_END.length);
    return body.trim() === '' ? block : `${body.trimEnd()}\n\n${block}`;
}
/** The release body's marked section, when a release for the tag exists; nothing otherwise. */
async function writeReleaseSection(report, markdown, tag, deps) {
    let release;
    try {
        ({ data: release } = await deps.github.rest.repos.getReleaseByTag({ ...deps.repo, tag }));
    }
    catch (error) {
        if ((0,request_errors/* hasStatus */.Ro)(error, 404))
            return `no release for ${tag} yet (tag-release will include the summary output)`;
        throw error;
    }
    const current = release.body ?? '';
    // Keep the user's notes whole: the seal section is what gets cut if the total is too long.
    const room = limits/* RELEASE_BODY_LIMIT */.fS - withSealSection(current, '').length - 10;
    const body = withSealSection(current, (0,limits/* fitText */.vY)(markdown, Math.max(200, room), 'smoke seal'));
    if (body === current)
        return `release ${tag} unchanged`;
    await deps.github.rest.repos.updateRelease({ ...deps.repo, release_id: release.id, body });
    return `release ${tag} body updated`;
}
const issueMarker = (sha) => `<!-- promote:smoke-seal:sha=${sha} -->`;
/**
 * One issue per deployed SHA, found by its hidden marker: created on the first red, updated
 * (reopened) on the next. Mentions the configured people so someone is paged.
 */
async function upsertRedIssue(report, markdown, options, deps) {
    const marker = issueMarker(report.sha);
    const title = `Production smoke checks red on ${report.sha.slice(0, 7)}`;
    const mentions = options.mention.map((m) => (m.startsWith('@') ? m : `@${m}`)).join(' ');
    const body = (0,limits/* fitText */.vY)(`${marker}\n${mentions ? `${mentions}: ` : ''}production smoke checks failed after the deploy of \`${report.sha}\` ([run](${deps.runUrl})).\n\n${markdown}`, limits/* ISSUE_BODY_LIMIT */.NS, 'issue body');
    const candidates = await deps.github.paginate(deps.github.rest.issues.listForRepo, {
        ...deps.repo,
        state: 'all',
        per_page: 100,
        ...(options.labels.length > 0 ? { labels: options.labels.join(',') } : {}),
    });
    const existing = candidates.find((i) => !i.pull_request && (i.body ?? '').includes(marker));
    if (existing) {
        if (existing.body === body && existing.state === 'open')
            return `issue #${existing.number} unchanged`;
        await deps.github.rest.issues.update({
            ...deps.repo,
            issue_number: existing.number,
            body,
            state: 'open',
        });
        return `issue #${existing.number} updated`;
    }
    const { data } = await deps.github.rest.issues.create({
        ...deps.repo,
        title,
        body,
        labels: options.labels,
    });
    // plugin-retry repeats a POST whose response was lost, so a create can land twice: keep the oldest.
    const after = await deps.github.paginate(deps.github.rest.issues.listForRepo, {
        ...deps.repo,
        state: 'open',
        per_page: 100,
        ...(options.labels.length > 0 ? { labels: options.labels.join(',') } : {}),
    });
    const twins = after
        .filter((i) => !i.pull_request && (i.body ?? '').includes(marker))
        .sort((a, b) => a.number - b.number);
    for (const extra of twins.slice(1)) {
        await deps.github.rest.issues.update({
            ...deps.repo,
            issue_number: extra.number,
            state: 'closed',
            state_reason: 'not_planned',
        });
    }
    const kept = twins[0]?.number ?? data.number;
    return `issue #${kept} opened`;
}
/**
 * Dispatches the rollback workflow (on-failure: rollback). GitHub answers 404 when the file does
 * not exist (or has no workflow_dispatch) and 422 when an input is not declared or the ref is
 * missing (https://docs.github.com/en/rest/actions/workflows#create-a-workflow-dispatch-event):
 * the error says which and how to fix it.
 */
async function dispatchRollback(workflow, ref, inputs, deps) {
    try {
        await deps.github.rest.actions.createWorkflowDispatch({
            ...deps.repo,
            workflow_id: workflow,
            ref,
            inputs,
        });
    }
    catch (error) {
        throw new Error(dispatchFailure(error, workflow, ref, inputs, deps.repo));
    }
    return `dispatched ${workflow} on ${ref} with ${Object.keys(inputs).join(', ')}`;
}
const EXAMPLE = 'examples/<app>/.github/workflows/promote-rollback.yml';
/** Why a rollback dispatch failed and what fixes it (no token, no input values). */
function dispatchFailure(error, workflow, ref, inputs, repo) {
    const where = `${repo.owner}/${repo.repo}`;
    if ((0,request_errors/* hasStatus */.Ro)(error, 404)) {
        return `GitHub answered 404 to dispatching ${workflow} on ${ref}: ${where} has no workflow file .github/workflows/${workflow} with a workflow_dispatch trigger on that branch. Fix: add it (copy ${EXAMPLE}) or set promote.rollback-workflow (or smoke.rollback.workflow) to your rollback workflow's file name`;
    }
    if ((0,request_errors/* hasStatus */.Ro)(error, 422)) {
        return `GitHub answered 422 to dispatching ${workflow} on ${ref} (${(0,request_errors/* describeGitHubError */.dZ)(error)}): the workflow does not accept the inputs ${Object.keys(inputs).join(', ')}, or ${ref} is not a branch. Fix: declare them under on.workflow_dispatch.inputs as ${EXAMPLE} does, and dispatch on the production branch (smoke.rollback.ref)`;
    }
    if ((0,request_errors/* hasStatus */.Ro)(error, 403)) {
        return `GitHub answered 403 to dispatching ${workflow}: the token cannot start workflows. Fix: give the smoke job \`permissions: actions: write\` (or a token that has it)`;
    }
    return `dispatching ${workflow} on ${ref} failed: ${(0,request_errors/* describeGitHubError */.dZ)(error)}`;
}
/** Runs one seal target; a failure is a warning (the ship already happened), never a failed seal. */
async function attempt(name, logger, write) {
    try {
        const detail = await write();
        logger.info(`Seal → ${name}: ${detail}.`);
        return { name, ok: true, detail };
    }
    catch (error) {
        const detail = (0,request_errors/* describeGitHubError */.dZ)(error);
        logger.warning(`Could not record the seal in the ${name} (${detail}); the seal itself stands.`);
        return { name, ok: false, detail };
    }
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/record-seal.ts



/**
 * Writes the seal everywhere people look. Each target is independent: one failing (no permission,
 * GitHub down, chat webhook revoked) is a warning and the others still run.
 */
async function recordSeal(report, markdown, deps) {
    const { smoke, inputs, logger } = deps;
    const outcomes = [];
    let github;
    const gh = () => (github ??= deps.github());
    const t = () => ({
        github: gh(),
        repo: { owner: deps.ctx.owner, repo: deps.ctx.repo },
        logger,
        runUrl: deps.ctx.runUrl,
    });
    if (smoke.seal['commit-status']) {
        outcomes.push(await attempt('commit status', logger, () => writeCommitStatus(report, smoke.seal.context, t())));
    }
    if (smoke.seal['deployment-status'] && inputs.deploymentId !== undefined) {
        const id = inputs.deploymentId;
        outcomes.push(await attempt('deployment status', logger, () => writeDeploymentStatus(report, id, t())));
    }
    if (smoke.seal['release-body'] && inputs.tag) {
        const tag = inputs.tag;
        outcomes.push(await attempt('release body', logger, () => writeReleaseSection(report, markdown, tag, t())));
    }
    if (smoke.seal.chat) {
        const posted = await postChat(sealMessage(report, `${deps.ctx.owner}/${deps.ctx.repo}`, deps.ctx.runUrl), {
            notify: deps.notify,
            env: deps.env,
            logger,
            ...(deps.fetch ? { fetch: deps.fetch } : {}),
        });
        if (posted.length > 0)
            outcomes.push({ name: 'chat', ok: true, detail: `posted to ${posted.join(', ')}` });
    }
    if (report.seal === 'red' && smoke.issue.enabled) {
        outcomes.push(await attempt('issue', logger, () => upsertRedIssue(report, markdown, { mention: smoke.issue.mention, labels: smoke.issue.labels }, t())));
    }
    if (report.seal === 'red' && smoke['on-failure'] === 'rollback') {
        // Not a seal target: a rollback that did not start fails the step (main.ts), with this detail.
        const d = deps.dispatch;
        try {
            const detail = await dispatchRollback(d.workflow, d.ref, d.inputs, t());
            outcomes.push({ name: 'rollback dispatch', ok: true, detail });
        }
        catch (error) {
            outcomes.push({ name: 'rollback dispatch', ok: false, detail: (0,request_errors/* describeGitHubError */.dZ)(error) });
        }
    }
    return outcomes;
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/rollback.ts



/**
 * Inputs of the rollback dispatch: the backup id and the release when known (migrate-with-rollback
 * refuses a rollback with neither), the reason, and configured extras with {sha}/{tag}/{backup-id}
 * filled in.
 */
function rollbackInputs(configured, facts) {
    const fill = (v) => v
        .split('{sha}')
        .join(facts.sha)
        .split('{tag}')
        .join(facts.tag ?? '')
        .split('{backup-id}')
        .join(facts.backupId ?? '');
    return {
        ...(facts.backupId ? { 'backup-id': facts.backupId } : {}),
        ...(facts.tag ? { release: facts.tag } : {}),
        reason: facts.reason,
        ...Object.fromEntries(Object.entries(configured).map(([k, v]) => [k, fill(v)])),
    };
}
/** Longest reason sent: it lands in a deployment payload, a job summary and a revert PR title. */
const REASON_LIMIT = 200;
/**
 * Why production is rolled back, as the rollback workflow records it: one line, bounded, with
 * @mentions defused (check names are repository text and the reason reaches a revert PR, where an
 * @mention would page people).
 */
function rollbackReason(sha, failedChecks) {
    const what = failedChecks.length ? failedChecks.slice(0, 5).join(', ') : 'watch window limits';
    return (0,untrusted_text/* untrusted */.b)(`prod-smoke-seal red on ${sha.slice(0, 7)}: ${what}`, 'plain', {
        max: REASON_LIMIT,
    });
}
/** Whether a rollback dispatched with these inputs names something to restore. */
function namesRestoreTarget(inputs) {
    return Boolean(inputs['backup-id'] || inputs.release);
}
/**
 * The rollback this run would dispatch. With on-failure: rollback and nothing to restore (no
 * backup-id, no tag) it refuses now: the rollback workflow would refuse the dispatch after
 * production broke.
 */
function planRollback(config, inputs) {
    const smoke = config.smoke;
    const plan = {
        workflow: smoke.rollback.workflow ?? config.promote['rollback-workflow'],
        ref: smoke.rollback.ref ?? config.branches.production,
        configured: smoke.rollback.inputs,
        restore: {
            ...(inputs.backupId ? { backupId: inputs.backupId } : {}),
            ...(inputs.tag ? { tag: inputs.tag } : {}),
        },
    };
    if (inputs.mode === 'seal' &&
        smoke['on-failure'] === 'rollback' &&
        !namesRestoreTarget(rollbackInputs(plan.configured, { ...plan.restore, sha: '', reason: '' }))) {
        throw new errors/* ConfigurationError */.j1(`on-failure: rollback needs to know what to restore, and this run names nothing: pass the backup-id input (the migrate step's backup-id output) or tag (a release whose backup is recorded). Without them ${plan.workflow} would refuse the dispatch.`);
    }
    return plan;
}
/** The dispatch's inputs and the same rollback as a command a person can paste. */
function rollbackDispatch(plan, repo, sha, failedChecks) {
    const reason = rollbackReason(sha, failedChecks);
    const inputs = rollbackInputs(plan.configured, { ...plan.restore, sha, reason });
    const { release, 'backup-id': backupId, reason: _reason, ...fields } = inputs;
    const command = (0,rollback_command/* rollbackCommand */.Ct)({
        owner: repo.owner,
        repo: repo.repo,
        workflow: plan.workflow,
        ref: plan.ref,
        ...(release ? { release } : {}),
        ...(backupId ? { backupId } : {}),
        reason,
        fields,
    });
    return { inputs, command };
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/seal-run.ts








/** Plan, check production, record the seal where people look, then say what it means. */
async function sealProduction(deps, shaInput) {
    const run = await prepareSeal(deps, shaInput);
    if (!run)
        return;
    if (run.inputs.dryRun)
        return reportDryRun(deps, run);
    const rollback = planRollback(run.config, run.inputs);
    const outcome = await checkProduction(deps, run);
    if (run.inputs.mode === 'baseline')
        return reportBaseline(deps, run, outcome);
    await publishSeal(deps, run, rollback, outcome);
}
async function reportDryRun(deps, run) {
    const text = renderSmokePlan(run.plan, run.masker.mask).join('\n');
    deps.logger.info(`Dry run: nothing is requested, run or written. The plan:\n${text}`);
    await deps.io.appendSummary(`## Production smoke seal: dry run\n\nNothing was requested, run or written. The plan:\n\n${(0,untrusted_text/* untrusted */.b)(text, 'block')}\n`);
}
/** mode: baseline measures production before the deploy and records nothing. */
async function reportBaseline(deps, run, outcome) {
    const { io, logger } = deps;
    const report = decideSeal(run.sha, outcome.checks, outcome.watch);
    io.setOutput('seal', report.seal);
    io.setOutput('results', resultsJson(report));
    io.setOutput('summary', '');
    await io.appendSummary(`### Production smoke baseline\n\np95 ${report.p95Ms ?? '–'} ms over ${outcome.checks.length} checks (pass this run's \`results\` output as \`baseline\` after the deploy).`);
    logger.info(`Baseline measured: p95 ${report.p95Ms ?? '–'} ms. Nothing recorded (mode: baseline).`);
}
/** The seal in the outputs, everywhere the config records it, and the job summary; then the verdict. */
async function publishSeal(deps, run, rollback, outcome) {
    const { io } = deps;
    const { masker, sha } = run;
    const failedNames = outcome.checks.filter((c) => !c.ok).map((c) => c.name);
    const dispatch = rollbackDispatch(rollback, run.ctx, sha, failedNames);
    const report = decideSeal(sha, outcome.checks, outcome.watch, dispatch.command);
    const markdown = masker.mask(renderSeal(report, run.plan.watch));
    io.setOutput('seal', report.seal);
    io.setOutput('results', masker.mask(resultsJson(report)));
    io.setOutput('summary', markdown);
    const targets = await recordSeal(report, markdown, {
        smoke: run.config.smoke,
        notify: run.config.notify,
        inputs: run.inputs,
        ctx: run.ctx,
        env: deps.env,
        logger: deps.logger,
        masker,
        dispatch: { workflow: rollback.workflow, ref: rollback.ref, inputs: dispatch.inputs },
        github: run.github,
        fetch: deps.fetch,
    });
    const recorded = targets.map((t) => `- ${t.ok ? '✓' : '!'} ${t.name}: ${t.detail}`).join('\n');
    await io.appendSummary(`${markdown}\n\n<details><summary>Where the seal was recorded</summary>\n\n${masker.mask(recorded)}\n\n</details>\n`);
    concludeSeal(deps, run, { report, targets, command: dispatch.command });
}

;// CONCATENATED MODULE: ./actions/prod-smoke-seal/src/main.ts





async function run(deps = defaultDeps()) {
    await (0,action/* runMain */.VN)('prod-smoke-seal', async () => {
        // Before anything else: a seal only on a commit production runs (issue #16); the production
        // branch is judged again once the config is read.
        const sha = deps.io.getInput('sha') || undefined;
        if (await (0,event_guard/* guardEvent */._p)(deps, SMOKE_SEAL_EVENTS, { sha }))
            await sealProduction(deps, sha);
    }, deps);
}


/***/ }),

/***/ 9803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ createCommitStatus)
/* harmony export */ });
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9889);
/* harmony import */ var _operation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(128);


/**
 * Records a commit status. Statuses are append-only and GitHub keeps at most 1,000 per SHA and
 * context, so nothing is posted when the latest one for this context already says the same thing
 * (a re-run, or a create that arrived twice, costs nothing).
 */
async function createCommitStatus(gh, repo, sha, spec, logger = _operation_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q) {
    const description = (0,_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .fitLine */ .ax)(spec.description, _limits_js__WEBPACK_IMPORTED_MODULE_0__/* .STATUS_DESCRIPTION_LIMIT */ .cY);
    // Newest first: the first page holds the latest status of this context if any recent one exists.
    const { data: recent } = await gh.rest.repos.listCommitStatusesForRef({
        ...repo,
        ref: sha,
        per_page: 100,
    });
    const latest = recent.find((s) => s.context === spec.context);
    if (latest &&
        latest.state === spec.state &&
        (latest.description ?? '') === description &&
        (latest.target_url ?? '') === (spec.targetUrl ?? '')) {
        logger.info(`Status "${spec.context}" on ${sha.slice(0, 7)} already ${spec.state}; not posted again.`);
        return { status: latest, operation: 'unchanged' };
    }
    const { data } = await gh.rest.repos.createCommitStatus({
        ...repo,
        sha,
        context: spec.context,
        state: spec.state,
        description,
        ...(spec.targetUrl ? { target_url: spec.targetUrl } : {}),
    });
    logger.info(`Set status "${spec.context}" on ${sha.slice(0, 7)}: ${spec.state} (${description}).`);
    return { status: data, operation: 'created' };
}


/***/ }),

/***/ 3811:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sq: () => (/* binding */ resolveNotifyTargets),
/* harmony export */   me: () => (/* binding */ notify)
/* harmony export */ });
/* unused harmony exports slackPayload, discordPayload, teamsPayload */
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2712);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7620);
/* harmony import */ var _untrusted_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2779);



const COLORS = { green: 0x2da44e, red: 0xcf222e, info: 0x0969da };
const EMOJI = { green: '✅', red: '🔴', info: 'ℹ️' };
/**
 * Slack mrkdwn: only &, <, > are special; they start links and mentions (`<@U123>`, `<!here>`,
 * `<!channel>`), https://api.slack.com/reference/surfaces/formatting#escaping
 */
const slackEscape = (s) => (0,_untrusted_text_js__WEBPACK_IMPORTED_MODULE_1__/* .untrusted */ .b)(s, 'plain').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Discord markdown: backslash-escape markup so untrusted text cannot format. */
const discordEscape = (s) => (0,_untrusted_text_js__WEBPACK_IMPORTED_MODULE_1__/* .untrusted */ .b)(s, 'plain').replace(/[\\*_~`|<>#[\]()-]/g, '\\$&');
/** Adaptive Card TextBlock: a subset of markdown (emphasis, links, lists). */
const teamsEscape = (s) => (0,_untrusted_text_js__WEBPACK_IMPORTED_MODULE_1__/* .untrusted */ .b)(s, 'plain').replace(/[*_[\]]/g, '\\$&');
function slackPayload(m) {
    const text = `${EMOJI[m.status]} ${(0,_untrusted_text_js__WEBPACK_IMPORTED_MODULE_1__/* .untrusted */ .b)(m.title, 'plain')}`;
    const body = m.lines.map(slackEscape).join('\n');
    // Slack: header text at most 150 characters, a section's text at most 3000.
    const blocks = [
        { type: 'header', text: { type: 'plain_text', text: (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(text, 150), emoji: true } },
    ];
    if (body)
        blocks.push({ type: 'section', text: { type: 'mrkdwn', text: (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(body, 3000) } });
    if (m.url)
        blocks.push({
            type: 'context',
            elements: [{ type: 'mrkdwn', text: `<${m.url}|Open in GitHub>` }],
        });
    return { text: (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(`${text}${body ? `\n${body}` : ''}`, 3000), blocks };
}
function discordPayload(m) {
    // Discord: embed title at most 256 characters, description at most 4096.
    const embed = {
        title: (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(`${EMOJI[m.status]} ${(0,_untrusted_text_js__WEBPACK_IMPORTED_MODULE_1__/* .untrusted */ .b)(m.title, 'plain')}`, 256),
        description: (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .truncate */ .xv)(m.lines.map(discordEscape).join('\n'), 4096),
        color: COLORS[m.status],
    };
    if (m.url)
        embed.url = m.url;
    // No pings from untrusted text (@everyone in a PR title).
    return { embeds: [embed], allowed_mentions: { parse: [] } };
}
/** Teams Workflows (Power Automate) webhooks take an Adaptive Card in a message envelope. */
function teamsPayload(m) {
    const body = [
        {
            type: 'TextBlock',
            text: `${EMOJI[m.status]} ${teamsEscape(m.title)}`,
            weight: 'Bolder',
            size: 'Medium',
            wrap: true,
            color: m.status === 'red' ? 'Attention' : m.status === 'green' ? 'Good' : 'Default',
        },
        ...m.lines.map((line) => ({
            type: 'TextBlock',
            text: teamsEscape(line),
            wrap: true,
        })),
    ];
    const content = {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        body,
    };
    if (m.url)
        content.actions = [{ type: 'Action.OpenUrl', title: 'Open in GitHub', url: m.url }];
    return {
        type: 'message',
        attachments: [
            { contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content },
        ],
    };
}
const PAYLOADS = {
    slack: slackPayload,
    discord: discordPayload,
    teams: teamsPayload,
};
const retryable = (status) => status === 429 || status >= 500;
/**
 * Post `message` to every target. Never throws and never fails the step: chat is a courtesy,
 * and a broken webhook must not turn a good release red. Failures become warnings that never
 * show the webhook URL (it is a secret: whoever has it can post to the channel).
 */
async function notify(options) {
    const { logger, message } = options;
    const doFetch = options.fetch ?? fetch;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const retryDelayMs = options.retryDelayMs ?? 1_000;
    const entries = Object.entries(options.targets).filter((e) => typeof e[1] === 'string' && e[1] !== '');
    for (const [, url] of entries)
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .registerSecret */ .cl)(logger, url, 'a webhook URL');
    return Promise.all(entries.map(async ([service, url]) => {
        const body = JSON.stringify(PAYLOADS[service](message));
        let last = { service, ok: false, attempts: 0 };
        for (let attempt = 1; attempt <= 2; attempt++) {
            try {
                const response = await doFetch(url, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body,
                    signal: AbortSignal.timeout(timeoutMs),
                    redirect: 'error',
                });
                await response.text().catch(() => '');
                last = { service, ok: response.ok, status: response.status, attempts: attempt };
                if (response.ok || !retryable(response.status))
                    break;
                last.error = `HTTP ${response.status}`;
            }
            catch (error) {
                const e = error;
                const reason = e.name === 'TimeoutError'
                    ? `no answer within ${timeoutMs} ms`
                    : (e.cause?.message ?? e.message);
                // The URL may appear in a fetch error message: never print it.
                last = { service, ok: false, attempts: attempt, error: reason.split(url).join('***') };
            }
            if (attempt === 1)
                await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
        }
        if (last.ok)
            logger.info(`Notified ${service}.`);
        else {
            const why = last.error ?? `HTTP ${last.status}`;
            logger.warning(`Could not notify ${service} (${why}) after ${last.attempts} attempt${last.attempts === 1 ? '' : 's'}; carrying on.`);
        }
        return last;
    }));
}
/**
 * Webhook URLs from the env vars the `notify:` config names. A named variable that is empty is a
 * warning (the secret is probably not mapped in the workflow's env), not an error.
 */
function resolveNotifyTargets(config, env, logger) {
    const targets = {};
    for (const service of ['slack', 'discord', 'teams']) {
        const name = config?.[service]?.['webhook-env'];
        if (!name)
            continue;
        const url = env[name]?.trim();
        if (!url) {
            logger?.warning(
            // A caller of a reusable workflow cannot add env: to its steps: the fix is a secret
            // the workflow already maps (Promote's on-merge.yml maps SLACK_WEBHOOK_URL,
            // DISCORD_WEBHOOK_URL and TEAMS_WEBHOOK_URL by name from `secrets: inherit`).
            `notify.${service}: the env var ${name} is empty. Create a repository secret named ${name} ` +
                `(Promote's on-merge.yml passes SLACK_WEBHOOK_URL, DISCORD_WEBHOOK_URL and TEAMS_WEBHOOK_URL ` +
                `to its steps from the secrets of the same name; name one of those in notify.${service}.webhook-env), ` +
                `or, in a workflow of your own, set it on the step: env: ${name}: \${{ secrets.${name} }}. Skipping ${service}.`);
            continue;
        }
        if (!/^https?:\/\//.test(url)) {
            logger?.warning(`notify.${service}: ${name} does not hold an http(s) URL; skipping ${service}.`);
            continue;
        }
        if (logger)
            (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .registerSecret */ .cl)(logger, url, name);
        targets[service] = url;
    }
    return targets;
}


/***/ })

};
