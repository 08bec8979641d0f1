export const id = 398;
export const ids = [398];
export const modules = {

/***/ 3309:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yj: () => (/* binding */ defaultActionDeps),
  Zx: () => (/* binding */ defaultCommandActionDeps),
  VN: () => (/* binding */ runMain)
});

;// CONCATENATED MODULE: ./packages/core/src/clock.ts
const systemClock = {
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
/** A clock that starts at `start` and advances only when slept on (tests). */
function fixedClock(start) {
    let t = new Date(start).getTime();
    return {
        now: () => new Date(t),
        sleep: async (ms) => {
            t += ms;
        },
        advance: (ms) => {
            t += ms;
        },
    };
}

// EXTERNAL MODULE: ./packages/core/src/errors.ts
var errors = __webpack_require__(7638);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 19 modules
var utils = __webpack_require__(5555);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
// EXTERNAL MODULE: ./packages/core/src/github/request-errors.ts
var request_errors = __webpack_require__(8154);
;// CONCATENATED MODULE: ./packages/core/src/github/client.ts







const DEFAULT_TIMEOUT_MS = 60_000;
function numberFromEnv(env, name) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '')
        return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
        throw new errors/* ConfigurationError */.j1(`${name}: "${raw}" is not a non-negative number of milliseconds.`);
    }
    return value;
}
/**
 * Wraps fetch with a per-request deadline that also covers reading the body. @octokit/request
 * swallows a body-read failure on a 2xx and returns `data: ""`, so the body is read here, under
 * the deadline, and handed on buffered: a slow body becomes an error plugin-retry retries.
 */
function fetchWithTimeout(inner, timeoutMs) {
    return async (input, init = {}) => {
        const deadline = AbortSignal.timeout(timeoutMs);
        const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
        try {
            const response = await inner(input, { ...init, signal });
            const body = await response.arrayBuffer();
            const nullBody = [101, 204, 205, 304].includes(response.status);
            const buffered = new Response(nullBody ? null : body, {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers,
            });
            Object.defineProperty(buffered, 'url', { value: response.url });
            return buffered;
        }
        catch (error) {
            if (deadline.aborted && !init.signal?.aborted) {
                const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
                // Not an AbortError, so @octokit/request wraps it as a retryable RequestError (500).
                throw new Error(`${request_errors/* NO_RESPONSE_WITHIN */.UM} ${timeoutMs} ms from ${stripQuery(url)}`, {
                    cause: error,
                });
            }
            throw error;
        }
    };
}
function stripQuery(url) {
    const q = url.indexOf('?');
    return q === -1 ? url : url.slice(0, q);
}
/**
 * The GitHub client for every action. Retries 5xx/timeouts/transport errors (plugin-retry, which
 * also retries POSTs: a create can land twice, so the upsert helpers tolerate duplicates), waits
 * out primary and secondary rate limits a bounded number of times (plugin-throttling only honours
 * Retry-After when the callback returns true), and never logs the token.
 *
 * Pagination: `await gh.paginate(gh.rest.issues.listComments, { ...repo, issue_number, per_page: 100 })`
 * returns every item; use `gh.paginate.iterator` to stop early. Always pass per_page: 100.
 */
function createGitHubClient(options) {
    const { token, logger } = options;
    const env = options.env ?? process.env;
    if (!token) {
        throw new errors/* ConfigurationError */.j1('No GitHub token: pass the `token` input (defaults to github.token) or a GitHub App / PAT token.');
    }
    logger.setSecret(token);
    const baseUrl = (options.baseUrl ?? (env.GITHUB_API_URL || 'https://api.github.com')).replace(/\/+$/, '');
    const timeoutMs = options.timeoutMs ?? numberFromEnv(env, 'PROMOTE_GITHUB_TIMEOUT_MS') ?? DEFAULT_TIMEOUT_MS;
    const retryBaseMs = options.retry?.retryAfterBaseMs ?? numberFromEnv(env, 'PROMOTE_GITHUB_RETRY_BASE_MS') ?? 1000;
    const throttleBaseMs = options.throttle?.retryAfterBaseMs ??
        numberFromEnv(env, 'PROMOTE_GITHUB_RETRY_AFTER_BASE_MS') ??
        1000;
    const writeIntervalMs = options.throttle?.writeIntervalMs ??
        numberFromEnv(env, 'PROMOTE_GITHUB_WRITE_INTERVAL_MS') ??
        1000;
    const maxThrottleRetries = options.throttle?.maxRetries ?? 3;
    const innerFetch = options.fetch ?? utils/* defaults */.NT.request?.fetch ?? fetch;
    const onLimit = (kind) => (retryAfter, request, _o, retryCount) => {
        const what = `${request.method} ${request.url}`;
        if (retryCount < maxThrottleRetries) {
            logger.warning(`GitHub ${kind} hit on ${what}; retrying after ${retryAfter} s (retry ${retryCount + 1} of ${maxThrottleRetries}).`);
            return true;
        }
        logger.warning(`GitHub ${kind} hit on ${what}; giving up after ${maxThrottleRetries} retries.`);
        return false;
    };
    return (0,github/* getOctokit */.Q)(token, {
        baseUrl,
        userAgent: options.userAgent ?? 'promote-actions',
        log: {
            debug: (m) => logger.debug(m),
            info: (m) => logger.debug(m),
            warn: (m) => logger.warning(m),
            error: (m) => logger.error(m),
        },
        // Replacing `request` drops @actions/github's default, so its proxy-aware fetch is wrapped.
        request: { fetch: fetchWithTimeout(innerFetch, timeoutMs) },
        retry: {
            retries: options.retry?.retries ?? 3,
            retryAfterBaseValue: retryBaseMs,
            ...(options.retry?.doNotRetry ? { doNotRetry: options.retry.doNotRetry } : {}),
        },
        throttle: {
            // A private id and write group per client: the plugin's default groups are process-wide.
            id: `promote-${++clientCount}`,
            write: new (light_default()).Group({ maxConcurrent: 1, minTime: writeIntervalMs }),
            // Writes that notify people (comments, PRs, issues) are spaced 3x as far, as the plugin does.
            notifications: new (light_default()).Group({ maxConcurrent: 1, minTime: writeIntervalMs * 3 }),
            retryAfterBaseValue: throttleBaseMs,
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
        },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}
let clientCount = 0;

// EXTERNAL MODULE: ./packages/core/src/io.ts
var io = __webpack_require__(2157);
// EXTERNAL MODULE: ./packages/core/src/logger.ts
var src_logger = __webpack_require__(9157);
// EXTERNAL MODULE: ./packages/core/src/exec.ts
var exec = __webpack_require__(6192);
// EXTERNAL MODULE: ./packages/core/src/progress.ts
var progress = __webpack_require__(1898);
;// CONCATENATED MODULE: ./packages/core/src/action.ts







/**
 * The one funnel from an action's work to the runner's verdict (codeql-action's runWrapper):
 * a ConfigurationError is the user's to fix and is printed as is; anything else is wrapped with
 * the action's name, with the stack in the debug log for whoever turns on step debugging.
 */
async function runMain(actionName, fn, 
/** With `progress`, a failure also says what the run wrote and that a re-run finishes the job. */
deps) {
    try {
        await fn();
    }
    catch (error) {
        if (error instanceof errors/* ConfigurationError */.j1 || error instanceof errors/* ExplainedFailure */.ho) {
            deps.io.setFailed(error.message);
            return;
        }
        deps.io.setFailed(deps.progress
            ? (0,progress/* failureWithProgress */.aZ)(actionName, error, deps.progress)
            : (0,errors/* describeFailure */.Ic)(actionName, error));
        if (error instanceof Error && error.stack)
            deps.logger.debug(error.stack);
    }
}
/** The runner's collaborators: the toolkit's IO and logger, process.env, the system clock. */
function defaultActionDeps() {
    const logger = (0,src_logger/* actionsLogger */.MV)();
    return {
        io: (0,io/* actionsIO */.E)(),
        logger,
        env: process.env,
        clock: systemClock,
        github: (token) => createGitHubClient({ token, logger }),
    };
}
function defaultCommandActionDeps() {
    const base = defaultActionDeps();
    return { ...base, exec: (0,exec/* createExec */.k)({ logger: base.logger }), progress: (0,progress/* createProgress */.mf)() };
}


/***/ }),

/***/ 762:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ readRunContext)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7638);

function readRunContext(env = process.env) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = repository.split('/');
    if (!owner || !repo) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`GITHUB_REPOSITORY is "${repository}", not "owner/repo": run this action inside a GitHub Actions job.`);
    }
    const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
    const runId = env.GITHUB_RUN_ID ?? '0';
    return {
        owner,
        repo,
        serverUrl,
        apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
        runId,
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`,
        actor: env.GITHUB_ACTOR ?? '',
        sha: env.GITHUB_SHA ?? '',
        ref: env.GITHUB_REF ?? '',
        workflow: env.GITHUB_WORKFLOW ?? '',
        eventName: env.GITHUB_EVENT_NAME ?? '',
        eventPath: env.GITHUB_EVENT_PATH ?? '',
        workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    };
}


/***/ }),

/***/ 6192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ createExec)
/* harmony export */ });
/* unused harmony export ExecError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7620);




/** A command that failed (non-zero exit or timeout). The message is masked and ends with stderr's tail. */
class ExecError extends Error {
    command;
    result;
    name = 'ExecError';
    constructor(message, command, result) {
        super(message);
        this.command = command;
        this.result = result;
    }
    get exitCode() {
        return this.result.exitCode;
    }
    get timedOut() {
        return this.result.timedOut;
    }
}
const STDERR_TAIL_LINES = 20;
/**
 * Commands run in their own process group (so a timeout can kill the whole tree), which also
 * keeps them out of the signals aimed at us. When the runner cancels a job it sends SIGINT, then
 * SIGTERM 7.5 s later: forward both to every running command, so a migration or dump is told to
 * stop instead of running on as an orphan after we exit. While a command runs, our own process
 * therefore does not die at once on SIGINT/SIGTERM: the command's failure reaches the action,
 * which can clean up (restore, release a lock) and exit.
 */
const runningGroups = new Set();
const FORWARDED = ['SIGINT', 'SIGTERM'];
// Signals that arrived while a command was being spawned (its group not known yet): delivered
// to it as soon as it is. Under load the gap between spawn and tracking is long enough to matter.
let spawning = 0;
const missed = [];
const forward = (signal) => {
    if (spawning > 0)
        missed.push(signal);
    for (const pid of runningGroups) {
        try {
            process.kill(-pid, signal);
        }
        catch {
            // Already gone.
        }
    }
};
const forwarders = new Map();
/** Called before spawning: our handlers are in place before the command can start. */
function beginSpawn() {
    spawning++;
    if (forwarders.size === 0) {
        for (const signal of FORWARDED) {
            const handler = () => forward(signal);
            forwarders.set(signal, handler);
            process.on(signal, handler);
        }
    }
}
/** Called after spawning, with the new group's pid (undefined when the spawn failed). */
function endSpawn(pid) {
    spawning--;
    if (pid !== undefined) {
        runningGroups.add(pid);
        for (const signal of missed) {
            try {
                process.kill(-pid, signal);
            }
            catch {
                // Already gone.
            }
        }
    }
    if (spawning === 0)
        missed.length = 0;
    releaseForwarders();
}
function untrackGroup(pid) {
    runningGroups.delete(pid);
    releaseForwarders();
}
function releaseForwarders() {
    if (runningGroups.size === 0 && spawning === 0) {
        for (const [signal, handler] of forwarders)
            process.off(signal, handler);
        forwarders.clear();
    }
}
// Keep memory bounded for chatty commands (a 200 MB dump piped to stdout): keep the tail.
const MAX_CAPTURE = 16 * 1024 * 1024;
/**
 * Run commands as argv arrays (never a shell string: untrusted text stays data), with a timeout
 * that kills the process tree, captured output, and secrets masked before anything prints.
 *
 * Built on child_process rather than @actions/exec: @actions/exec gives no handle on the child,
 * so a timeout could not kill it (nor its children), and it echoes the command line to stdout
 * itself, outside our masking logger.
 */
function createExec(options) {
    const { logger } = options;
    const baseEnv = options.env ?? process.env;
    const masker = options.masker ?? (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .createSecretMasker */ .CH)(logger);
    const limits = {
        killGraceMs: options.killGraceMs ?? 5000,
        stdioCloseMs: options.stdioCloseMs ?? 2000,
    };
    const exec = async (given, opts = {}) => {
        const argv = argvOf(given, masker);
        for (const secret of opts.secrets ?? [])
            masker.register(secret);
        const name = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(argv[0]);
        const shown = masker.mask(argv.map(quoteForDisplay).join(' '));
        if (!opts.silent)
            logger.info(`[command]${shown}`);
        const output = opts.silent ? undefined : { logger, masker };
        const result = await runChild(argv, opts, mergeEnv(baseEnv, opts.env), output, limits);
        if (!opts.silent)
            logger.debug(`${name} exited with code ${result.exitCode} after ${result.durationMs} ms`);
        if ((result.exitCode !== 0 || result.timedOut) && !opts.allowFailure) {
            throw new ExecError(describeExecFailure(name, result, opts.timeoutMs, masker), masker.mask(shown), result);
        }
        return result;
    };
    return Object.assign(exec, { masker });
}
/** The argv to run: a lone program name is fine, a string with spaces (a shell line) is refused. */
function argvOf(given, masker) {
    if (typeof given === 'string') {
        if (/\s/.test(given)) {
            throw new TypeError(`exec: pass the command as an argv array, e.g. ${JSON.stringify(given.trim().split(/\s+/).slice(0, 3))}, not the string ${JSON.stringify(masker.mask(given))}: a string would need a shell, and untrusted text in a shell string becomes code.`);
        }
        given = [given];
    }
    if (given.length === 0 || !given[0])
        throw new TypeError('exec: the argv array is empty; give the command first, e.g. ["git", "status"].');
    return given;
}
function mergeEnv(base, extra) {
    const env = {};
    for (const [k, v] of Object.entries({ ...base, ...extra }))
        if (v !== undefined)
            env[k] = v;
    return env;
}
const GROUPED = process.platform !== 'win32';
/** Spawn in a process group of its own, tracked so cancel signals reach it (see runningGroups). */
function spawnGrouped(file, args, cwd, env) {
    if (GROUPED)
        beginSpawn();
    let child;
    try {
        child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, args, {
            cwd,
            env,
            stdio: ['pipe', 'pipe', 'pipe'],
            // Own process group, so a timeout kills the tree (a shell's children too), not just the shell.
            detached: GROUPED,
        });
    }
    catch (error) {
        // spawn() throws only for bad arguments; a missing binary arrives as an 'error' event.
        if (GROUPED)
            endSpawn(undefined);
        throw error;
    }
    if (GROUPED)
        endSpawn(child.pid);
    return child;
}
function killTree(child, signal) {
    if (child.pid === undefined)
        return;
    try {
        if (GROUPED)
            process.kill(-child.pid, signal);
        else
            child.kill(signal);
    }
    catch {
        // Already gone.
    }
}
/**
 * The child's stdout and stderr: captured (the tail, at most MAX_CAPTURE each) and, unless the
 * command is silent, logged masked, whole lines only, so a secret split across two chunks is
 * still masked.
 */
function captureOutput(child, log) {
    const captured = { out: '', err: '' };
    const pending = { out: '', err: '' };
    const cap = (s) => (s.length > MAX_CAPTURE ? s.slice(s.length - MAX_CAPTURE) : s);
    const listen = (stream, which) => {
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => {
            captured[which] = cap(captured[which] + chunk);
            if (!log)
                return;
            const parts = (pending[which] + chunk).split('\n');
            pending[which] = parts.pop() ?? '';
            for (const line of parts)
                log.logger.info(log.masker.mask(line));
        });
    };
    listen(child.stdout, 'out');
    listen(child.stderr, 'err');
    return {
        captured,
        /** Log what is left of an unterminated last line. */
        flush() {
            for (const which of ['out', 'err']) {
                if (log && pending[which] !== '')
                    log.logger.info(log.masker.mask(pending[which]));
                pending[which] = '';
            }
        },
    };
}
const exitCodeOf = (code, signal) => code ?? 128 + (signal ? (node_os__WEBPACK_IMPORTED_MODULE_1__.constants.signals[signal] ?? 0) : 0);
/** Run one command to its end: exit, timeout (tree killed) or spawn failure, never a rejection. */
function runChild([file, ...args], opts, env, log, limits) {
    const started = performance.now();
    const child = spawnGrouped(file, args, opts.cwd, env);
    const output = captureOutput(child, log);
    const timers = [];
    let timedOut = false;
    let endedBy;
    let exitCode;
    return new Promise((resolve) => {
        let settled = false;
        const finish = (code) => {
            if (settled)
                return;
            settled = true;
            if (child.pid !== undefined && GROUPED)
                untrackGroup(child.pid);
            for (const t of timers)
                clearTimeout(t);
            output.flush();
            resolve({
                exitCode: code,
                stdout: output.captured.out,
                stderr: output.captured.err,
                durationMs: Math.round(performance.now() - started),
                timedOut,
                ...(endedBy ? { signal: endedBy } : {}),
            });
        };
        if (opts.timeoutMs !== undefined && opts.timeoutMs > 0) {
            armTimeout(child, opts.timeoutMs, limits.killGraceMs, timers, () => {
                timedOut = true;
            });
        }
        child.on('error', (error) => {
            // Spawn failures (ENOENT, EACCES) look like a shell's "command not found" (127).
            const name = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(file);
            output.captured.err +=
                error.code === 'ENOENT' ? `${name}: command not found` : `${name}: ${error.message}`;
            finish(error.code === 'ENOENT' ? 127 : 126);
        });
        child.on('exit', (code, signal) => {
            exitCode = exitCodeOf(code, signal);
            if (signal)
                endedBy = signal;
            closeStdioAfter(child, limits.stdioCloseMs, timers, () => finish(exitCode));
            if (timedOut)
                killTree(child, 'SIGKILL');
        });
        child.on('close', (code, signal) => finish(exitCode ?? exitCodeOf(code, signal)));
        writeInput(child, opts.input);
    });
}
/** After `timeoutMs`, SIGTERM to the process tree, then SIGKILL `killGraceMs` later. */
function armTimeout(child, timeoutMs, killGraceMs, timers, onTimeout) {
    const t = setTimeout(() => {
        onTimeout();
        killTree(child, 'SIGTERM');
        const k = setTimeout(() => killTree(child, 'SIGKILL'), killGraceMs);
        k.unref();
        timers.push(k);
    }, timeoutMs);
    timers.push(t);
}
/** After the exit, stop waiting for stdout/stderr: a background grandchild may hold them open. */
function closeStdioAfter(child, ms, timers, done) {
    const t = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        done();
    }, ms);
    t.unref();
    timers.push(t);
}
/** stdin gets the input, if any, and is closed either way, so a command that reads it cannot hang. */
function writeInput(child, input) {
    child.stdin.on('error', () => {
        // The command exited without reading its input (EPIPE): its exit code tells the story.
    });
    if (input !== undefined)
        child.stdin.end(input);
    else
        child.stdin.end();
}
/** "<name> exited with code N" (or timed out), then the last lines of stderr, masked. */
function describeExecFailure(name, result, timeoutMs, masker) {
    const head = result.timedOut
        ? `${name} timed out after ${timeoutMs} ms and was killed`
        : result.signal
            ? `${name} was stopped by ${result.signal} (exit code ${result.exitCode})`
            : `${name} exited with code ${result.exitCode}`;
    const source = result.stderr.trim() !== '' ? result.stderr : result.stdout;
    const lines = source.replace(/\s+$/, '').split('\n');
    const tail = lines.slice(-STDERR_TAIL_LINES);
    if (source.trim() === '')
        return `${head} (no output)`;
    const which = result.stderr.trim() !== '' ? 'stderr' : 'stdout';
    const label = lines.length > STDERR_TAIL_LINES ? `last ${STDERR_TAIL_LINES} lines of ${which}` : which;
    return masker.mask(`${head}; ${label}:\n${tail.join('\n')}`);
}
/** How a command is shown in the log: copy-pasteable, but never run through a shell by us. */
function quoteForDisplay(arg) {
    return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}


/***/ }),

/***/ 8154:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ro: () => (/* binding */ hasStatus),
/* harmony export */   UM: () => (/* binding */ NO_RESPONSE_WITHIN),
/* harmony export */   dZ: () => (/* binding */ describeGitHubError),
/* harmony export */   e0: () => (/* binding */ isGitHubError),
/* harmony export */   nT: () => (/* binding */ isResponseTimeout),
/* harmony export */   x9: () => (/* binding */ isAlreadyExists)
/* harmony export */ });
function isGitHubError(error) {
    return (typeof error === 'object' &&
        error !== null &&
        typeof error.status === 'number' &&
        typeof error.message === 'string');
}
function hasStatus(error, status) {
    return isGitHubError(error) && error.status === status;
}
/**
 * A 422 saying the object is already there. GitHub words it several ways:
 * `Reference already exists`, `{ errors: [{ code: 'already_exists' }] }` (releases),
 * `A pull request already exists for owner:branch.` (custom error message).
 */
function isAlreadyExists(error) {
    if (!hasStatus(error, 422))
        return false;
    const { message, response } = error;
    if (/already exists/i.test(message))
        return true;
    const errors = response?.data?.errors ?? [];
    return errors.some((e) => {
        if (typeof e !== 'object' || e === null)
            return false;
        const { code, message: m } = e;
        return code === 'already_exists' || (typeof m === 'string' && /already exists/i.test(m));
    });
}
/** How a request that got no complete answer before its deadline fails (client.ts). */
const NO_RESPONSE_WITHIN = 'no complete response within';
/**
 * The request timed out: unlike a 5xx or a reset connection, it may still be in flight at GitHub,
 * so a write may land after this error (the answer, not the request, was given up on).
 */
function isResponseTimeout(error) {
    for (let e = error, depth = 0; e && depth < 5; depth++) {
        const message = e.message;
        if (typeof message === 'string' && message.includes(NO_RESPONSE_WITHIN))
            return true;
        e = e.cause;
    }
    return false;
}
/** A short, token-free description for logs and errors. */
function describeGitHubError(error) {
    if (isGitHubError(error))
        return `${error.status} ${error.message}`;
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 9157:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MV: () => (/* binding */ actionsLogger)
/* harmony export */ });
/* unused harmony exports commandSafe, memoryLogger */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3491);


// The runner reads a line as a workflow command when it starts with `::` after leading spaces, or
// anywhere it holds the legacy `##[name]` form (ActionCommand.TryParseV2 and TryParse in
// https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs).
const COMMAND_LIKE = /^\s*::|##\[/m;
/**
 * `message` as log text that the runner cannot take for a workflow command: a commit subject
 * with a newline and `::warning::` in it, a command's output saying `::add-mask::`. Such text is
 * printed between `::stop-commands::<token>` and `::<token>::` with a token nobody can guess
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#stopping-and-starting-workflow-commands).
 * debug, notice, warning, error and group names need nothing: @actions/core escapes `%`, CR and
 * LF in a command's data, so their text stays inside the one command.
 */
function commandSafe(message, token = node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID) {
    if (!COMMAND_LIKE.test(message))
        return message;
    const t = `promote-${token()}`;
    return `::stop-commands::${t}\n${message}\n::${t}::`;
}
function actionsLogger() {
    return {
        debug: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .debug */ .Yz(m),
        info: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(commandSafe(m)),
        notice: (m, p) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .notice */ .lm(m, p),
        warning: (m, p) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .warning */ .$e(m, p),
        error: (m, p) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .error */ .z3(m, p),
        group: (name, fn) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .group */ .Os(name, fn),
        setSecret: (v) => _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .setSecret */ .Pq(v),
    };
}
/** A logger that keeps every line, masking registered secrets the way the runner does. */
function memoryLogger() {
    const lines = [];
    const secrets = [];
    const mask = (m) => secrets.reduce((s, v) => (v ? s.split(v).join('***') : s), m);
    const push = (level) => (m) => {
        lines.push(`${level}${mask(m)}`);
    };
    return {
        lines,
        secrets,
        debug: push('::debug::'),
        info: push(''),
        notice: push('::notice::'),
        warning: push('::warning::'),
        error: push('::error::'),
        async group(name, fn) {
            lines.push(`::group::${mask(name)}`);
            try {
                return await fn();
            }
            finally {
                lines.push('::endgroup::');
            }
        },
        setSecret(v) {
            if (v)
                secrets.push(v);
        },
    };
}


/***/ }),

/***/ 1898:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aZ: () => (/* binding */ failureWithProgress),
/* harmony export */   mf: () => (/* binding */ createProgress)
/* harmony export */ });
/* unused harmony export describeFailedRequest */
/* harmony import */ var _github_request_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8154);
// What a run has written so far, so that a failure can say what is done and what to re-run
// (issue #9: a failed run names what exists and that a re-run finishes the job).

function createProgress() {
    const steps = [];
    return {
        done: (step) => void steps.push(step),
        steps,
    };
}
/** "502 Server Error (POST /repos/acme/app/releases)": the request that failed, never its query. */
function describeFailedRequest(error) {
    if (!(0,_github_request_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .isGitHubError */ .e0)(error))
        return error instanceof Error ? error.message : String(error);
    const request = error.request;
    let where = '';
    try {
        if (request?.method && request.url)
            where = ` (${request.method} ${new URL(request.url).pathname})`;
    }
    catch {
        // An unparsable URL names nothing useful.
    }
    return `${error.status} ${error.message}${where}`;
}
/**
 * The failure message of a run that may have written something: the error, what is done, and
 * that a re-run of the job finishes the rest (every step looks for what exists first).
 */
function failureWithProgress(action, error, progress) {
    const done = progress.steps.length
        ? `Done before the failure: ${progress.steps.join('; ')}.`
        : 'Nothing was written before the failure.';
    return (`${action} failed: ${describeFailedRequest(error)}. ${done} ` +
        `Re-run this job to finish: ${action} finds what already exists and creates nothing twice.`);
}


/***/ }),

/***/ 7620:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CH: () => (/* binding */ createSecretMasker),
/* harmony export */   cl: () => (/* binding */ registerSecret)
/* harmony export */ });
/* unused harmony exports derivedForms, registerBasicAuth */
/**
 * Shorter values are not masked: masking "ab" would star out every word containing it, and a
 * secret that short is not a secret. The runner behaves the same for derived forms.
 */
const MIN_SECRET_LENGTH = 4;
/**
 * The forms a secret takes once a tool or library has encoded it. A Basic auth header carries
 * base64("user:pass"); a database URL carries the URL-encoded password; a JSON body the escaped
 * string; base64 of a longer string that contains the secret carries one of three "shifted"
 * encodings of it (the actions runner masks the same three).
 */
function derivedForms(value) {
    const forms = new Set([value]);
    const lines = value.split(/\r?\n/).map((line) => line.trim());
    if (lines.length > 1)
        for (const line of lines)
            forms.add(line);
    for (const v of [value]) {
        const bytes = Buffer.from(v, 'utf8');
        forms.add(bytes.toString('base64'));
        forms.add(bytes.toString('base64').replace(/=+$/, ''));
        forms.add(bytes.toString('base64url'));
        forms.add(encodeURIComponent(v));
        forms.add(encodeURIComponent(v).replace(/%20/g, '+'));
        forms.add(encodeURI(v));
        forms.add(JSON.stringify(v).slice(1, -1));
        // base64 of the secret at offset 1 and 2 inside a longer string: drop the characters that
        // depend on the neighbouring bytes, keep the stable middle.
        for (const shift of [1, 2]) {
            const shifted = Buffer.concat([Buffer.alloc(shift), bytes])
                .toString('base64')
                .replace(/=+$/, '');
            const lead = shift === 1 ? 2 : 3;
            const totalBits = (shift + bytes.length) * 8;
            const complete = Math.floor(totalBits / 6);
            forms.add(shifted.slice(lead, complete));
        }
        const unpadded = bytes.toString('base64').replace(/=+$/, '');
        forms.add(unpadded.slice(0, Math.floor((bytes.length * 8) / 6)));
    }
    // Longest first: a masker that replaces in order then hides the whole encoded value, not a piece.
    return [...forms]
        .filter((form) => form.length >= MIN_SECRET_LENGTH)
        .sort((a, b) => b.length - a.length);
}
/**
 * Register `value` and every derived form with the runner's masker (::add-mask::) before anything
 * can print it. Returns what was registered. Empty or very short values are not registered and
 * produce a warning (without the value).
 */
function registerSecret(logger, value, label = 'a secret') {
    if (value === undefined || value.trim() === '')
        return [];
    if (value.trim().length < MIN_SECRET_LENGTH) {
        logger.warning(`${label} is shorter than ${MIN_SECRET_LENGTH} characters, so it is not masked in logs; use a longer secret.`);
        return [];
    }
    const forms = derivedForms(value);
    for (const form of forms)
        logger.setSecret(form);
    return forms;
}
/** Basic auth: the password, the "user:password" pair and base64 of the pair (the header value). */
function registerBasicAuth(logger, user, password) {
    if (!password)
        return [];
    // The pair first: its base64 (the header value) must be masked whole, before the password's
    // shifted base64 forms that occur inside it.
    const pair = registerSecret(logger, `${user}:${password}`, 'the Basic auth pair');
    const forms = registerSecret(logger, password, 'the Basic auth password');
    return [...new Set([...pair, ...forms])];
}
function createSecretMasker(logger) {
    const known = new Set();
    return {
        register(value, label) {
            const forms = registerSecret(logger, value, label);
            for (const form of forms)
                known.add(form);
            return forms;
        },
        mask(text) {
            // Longest first, so a secret's base64 is not half-masked by a shorter form inside it.
            return [...known]
                .sort((a, b) => b.length - a.length)
                .reduce((s, form) => s.split(form).join('***'), text);
        },
    };
}


/***/ })

};
