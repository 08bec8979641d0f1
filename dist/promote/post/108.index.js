export const id = 108;
export const ids = [108];
export const modules = {

/***/ 226:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ defaultDeps)
});

// EXTERNAL MODULE: ./packages/core/src/action.ts + 2 modules
var action = __webpack_require__(3309);
// EXTERNAL MODULE: ./packages/core/src/progress.ts
var progress = __webpack_require__(1898);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/run-command.ts

/**
 * Spawn argv[0] with the rest as arguments. A timeout or an abort sends SIGTERM, then SIGKILL
 * 2 s later, so a hung pg_dump cannot hold the job past its budget.
 */
const runCommand = (argv, options) => new Promise((resolve) => {
    const started = Date.now();
    const limit = options.limit ?? 1_000_000;
    let output = '';
    let stdout = '';
    let timedOut = false;
    let aborted = false;
    let pending = '';
    const append = (chunk, isStdout) => {
        output = (output + chunk).slice(-limit);
        if (isStdout)
            stdout = (stdout + chunk).slice(-limit);
        if (options.onLine) {
            pending += chunk;
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            for (const l of lines)
                options.onLine(l);
        }
    };
    const [file, ...args] = argv;
    if (!file) {
        resolve({
            exitCode: 127,
            signal: null,
            output: 'empty argv',
            stdout: '',
            timedOut,
            aborted,
            spawnError: 'empty argv',
            durationMs: 0,
        });
        return;
    }
    const child = (0,external_node_child_process_.spawn)(file, args, {
        env: options.env,
        cwd: options.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (c) => append(c, true));
    child.stderr.setEncoding('utf8').on('data', (c) => append(c, false));
    let killTimer;
    const stop = () => {
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), 2000);
        killTimer.unref();
    };
    const timer = setTimeout(() => {
        timedOut = true;
        stop();
    }, options.timeoutMs);
    const onAbort = () => {
        aborted = true;
        stop();
    };
    if (options.signal?.aborted)
        onAbort();
    else
        options.signal?.addEventListener('abort', onAbort, { once: true });
    let spawnError;
    child.on('error', (e) => {
        spawnError = e.message;
    });
    child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (killTimer)
            clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', onAbort);
        if (pending && options.onLine)
            options.onLine(pending);
        resolve({
            exitCode: spawnError ? 127 : code,
            signal,
            output: spawnError ? `${output}${spawnError}` : output,
            stdout,
            timedOut,
            aborted,
            spawnError,
            durationMs: Date.now() - started,
        });
    });
});

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/deps.ts



function defaultDeps() {
    return { ...(0,action/* defaultActionDeps */.yj)(), run: runCommand, proc: process, progress: (0,progress/* createProgress */.mf)() };
}


/***/ }),

/***/ 2348:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IZ: () => (/* binding */ acquireLock),
/* harmony export */   Rk: () => (/* binding */ LockHeldError),
/* harmony export */   eW: () => (/* binding */ clearTouchingProduction),
/* harmony export */   ku: () => (/* binding */ markTouchingProduction),
/* harmony export */   mF: () => (/* binding */ readLock),
/* harmony export */   pn: () => (/* binding */ flagNeedsRecovery),
/* harmony export */   x_: () => (/* binding */ releaseLock)
/* harmony export */ });
/* unused harmony export parseHolder */
/* harmony import */ var _promote_core_github_request_errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8154);

class LockHeldError extends Error {
    holder;
    constructor(message, holder) {
        super(message);
        this.holder = holder;
    }
}
const short = (ref) => ref.replace(/^refs\//, '');
async function writeLockCommit(o, holder, parent) {
    const body = JSON.stringify(holder, null, 2);
    const { data: tree } = await o.github.rest.git.createTree({
        ...o.repo,
        tree: [{ path: 'lock.json', mode: '100644', type: 'blob', content: `${body}\n` }],
    });
    const { data: commit } = await o.github.rest.git.createCommit({
        ...o.repo,
        tree: tree.sha,
        parents: parent ? [parent] : [],
        message: `promote lock: ${holder.environment} held by ${holder.runUrl}\n\n${body}\n`,
    });
    return commit.sha;
}
function parseHolder(message) {
    const start = message.indexOf('{');
    if (start < 0)
        return undefined;
    try {
        return JSON.parse(message.slice(start));
    }
    catch {
        return undefined;
    }
}
async function readLock(o) {
    try {
        const { data } = await o.github.rest.git.getRef({ ...o.repo, ref: short(o.ref) });
        const { data: commit } = await o.github.rest.git.getCommit({
            ...o.repo,
            commit_sha: data.object.sha,
        });
        return { sha: data.object.sha, holder: parseHolder(commit.message) };
    }
    catch (error) {
        if ((0,_promote_core_github_request_errors__WEBPACK_IMPORTED_MODULE_0__/* .hasStatus */ .Ro)(error, 404))
            return undefined;
        throw error;
    }
}
function holderFor(o) {
    const now = o.clock.now();
    return {
        ...o.me,
        acquiredAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + o.ttlMs).toISOString(),
    };
}
/** Move the ref from `from` to a new lock commit; false if someone moved it first (not a fast-forward). */
async function swapLock(o, from, holder) {
    const sha = await writeLockCommit(o, holder, from);
    try {
        await o.github.rest.git.updateRef({ ...o.repo, ref: short(o.ref), sha, force: false });
        return sha;
    }
    catch (error) {
        if ((0,_promote_core_github_request_errors__WEBPACK_IMPORTED_MODULE_0__/* .hasStatus */ .Ro)(error, 422))
            return undefined;
        throw error;
    }
}
/**
 * One migration per environment, across runs and runners: POST git/refs is atomic (422 when
 * the ref exists). A stale lock (past expiry) is taken over with a fast-forward-only update, so
 * two runs racing for the same stale lock cannot both win. A lock flagged needs-recovery is
 * never taken over silently: a killed job's lock blocked every later deploy in Liquibase,
 * Prisma, Flyway and Helm, but a half-restored database must not be migrated either.
 */
async function acquireLock(o) {
    const notes = [];
    const deadline = o.clock.now().getTime() + o.waitTimeoutMs;
    let announced = false;
    for (;;) {
        const holder = holderFor(o);
        const sha = await writeLockCommit(o, holder);
        try {
            await o.github.rest.git.createRef({ ...o.repo, ref: o.ref, sha });
            o.logger.info(`Lock ${o.ref} acquired (expires ${holder.expiresAt}).`);
            return { ref: o.ref, sha, holder, notes };
        }
        catch (error) {
            if (!(0,_promote_core_github_request_errors__WEBPACK_IMPORTED_MODULE_0__/* .hasStatus */ .Ro)(error, 422))
                throw error;
        }
        const current = await readLock(o);
        if (!current)
            continue; // released between our create and read: try again at once
        const other = current.holder;
        const sameRun = other?.runId === o.me.runId;
        const now = o.clock.now();
        if (other?.needsRecovery && !o.recovering) {
            throw new LockHeldError(`${o.ref} is flagged needs-recovery by ${other.runUrl} (backup ${other.backupId ?? 'unknown'}): production may be half-migrated. ` +
                `Recover first: ${other.recoveryCommand ?? 'run the rollback workflow with that backup-id'}`, other);
        }
        const stale = !other || new Date(other.expiresAt).getTime() <= now.getTime();
        if ((stale || sameRun) && other?.touchingProduction && !o.recovering) {
            throw new LockHeldError(`${o.ref} was left by ${other.runUrl}, which died while changing production (lock expired ${other.expiresAt}, backup ${other.backupId ?? 'unknown'}): production may be half-migrated. ` +
                `Recover first: ${other.recoveryCommand ?? 'run the rollback workflow with that backup-id'}`, other);
        }
        if (stale || sameRun || (other?.needsRecovery && o.recovering)) {
            const why = !other
                ? 'an unreadable lock'
                : sameRun
                    ? `the lock of an earlier attempt of this run (${other.runUrl})`
                    : other.needsRecovery
                        ? `the needs-recovery lock of ${other.runUrl} (this rollback is the recovery)`
                        : `a stale lock of ${other.runUrl} (expired ${other.expiresAt})`;
            const fresh = holderFor(o);
            const swapped = await swapLock(o, current.sha, fresh);
            if (swapped) {
                notes.push(`took over ${why}`);
                o.logger.warning(`Lock ${o.ref}: took over ${why}.`);
                return { ref: o.ref, sha: swapped, holder: fresh, notes };
            }
            continue; // someone else moved it first; look again
        }
        if (o.signal?.aborted) {
            throw new LockHeldError(`cancelled while waiting for ${o.ref} (held by ${other?.runUrl ?? 'another run'}); production was not touched`, other);
        }
        if (now.getTime() >= deadline) {
            throw new LockHeldError(`${o.ref} is held by ${other?.holder ?? 'another run'} (${other?.runUrl ?? 'unknown run'}) since ${other?.acquiredAt ?? '?'}, ` +
                `expiring ${other?.expiresAt ?? '?'}; waited ${Math.round(o.waitTimeoutMs / 1000)} s. Re-run when it finishes.`, other);
        }
        if (!announced) {
            o.logger.info(`Lock ${o.ref} is held by ${other?.runUrl}; waiting up to ${Math.round(o.waitTimeoutMs / 1000)} s.`);
            notes.push(`waited for ${other?.runUrl}`);
            announced = true;
        }
        await o.clock.sleep(Math.min(o.pollMs, Math.max(0, deadline - now.getTime())));
    }
}
/** Record on the held lock that production is being changed (see LockHolder.touchingProduction). */
async function markTouchingProduction(o, handle, recoveryCommand, backupId) {
    const holder = {
        ...handle.holder,
        touchingProduction: true,
        recoveryCommand,
        backupId,
    };
    return rewriteHolder(o, handle, holder);
}
/**
 * Production is consistent again (migrated, or restored and verified) but the lock could not be
 * deleted: unmark it, so once expired it is an ordinary stale lock, not one "left mid-change".
 */
async function clearTouchingProduction(o, handle) {
    const holder = { ...handle.holder, touchingProduction: false };
    return rewriteHolder(o, handle, holder);
}
/** Flag the held lock needs-recovery (kept after the run ends) with the exact recovery command. */
async function flagNeedsRecovery(o, handle, recoveryCommand, backupId) {
    const holder = {
        ...handle.holder,
        needsRecovery: true,
        recoveryCommand,
        backupId,
        expiresAt: '9999-12-31T00:00:00.000Z',
    };
    return rewriteHolder(o, handle, holder);
}
/** Release only if the lock is still ours (a post step after a takeover must not free another's lock). */
async function releaseLock(o, runId, runAttempt, options = {}) {
    const current = await readLock(o);
    if (!current)
        return 'not-held';
    if (current.holder?.runId !== runId || current.holder?.runAttempt !== runAttempt) {
        o.logger.info(`Lock ${o.ref} is held by ${current.holder?.runUrl ?? 'someone else'}; not ours to release.`);
        return 'not-ours';
    }
    if (current.holder.needsRecovery && !options.evenIfNeedsRecovery)
        return 'kept-needs-recovery';
    try {
        await o.github.rest.git.deleteRef({ ...o.repo, ref: short(o.ref) });
    }
    catch (error) {
        if (!(0,_promote_core_github_request_errors__WEBPACK_IMPORTED_MODULE_0__/* .hasStatus */ .Ro)(error, 422) && !(0,_promote_core_github_request_errors__WEBPACK_IMPORTED_MODULE_0__/* .hasStatus */ .Ro)(error, 404))
            throw error;
    }
    o.logger.info(`Lock ${o.ref} released.`);
    return 'released';
}
/** Swap the held lock's record for `holder`; the handle follows only when the swap landed. */
async function rewriteHolder(o, handle, holder) {
    const sha = await swapLock(o, handle.sha, holder);
    if (sha) {
        handle.sha = sha;
        handle.holder = holder;
    }
    return Boolean(sha);
}


/***/ }),

/***/ 6108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPost: () => (/* binding */ runPost),
/* harmony export */   runPostStep: () => (/* binding */ runPostStep)
/* harmony export */ });
/* harmony import */ var _promote_core_action__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3309);
/* harmony import */ var _deps_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(226);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2348);
/* harmony import */ var _promote_core_context__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(762);
/* harmony import */ var _promote_core_inputs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7276);





/**
 * The post step (runs even when the main step failed or was cancelled): the safety net for the
 * lock. Released if still ours and production was not being touched; if the main step died
 * while production was being changed, the lock is flagged needs-recovery instead, and the
 * summary says exactly how to recover: never silent.
 */
async function runPost(deps) {
    const ref = deps.io.getState('lock-ref');
    if (!ref)
        return; // never took the lock (skipped, dry run, failed early)
    const phase = deps.io.getState('phase');
    if (phase === 'done')
        return;
    const runId = deps.io.getState('run-id');
    const runAttempt = deps.io.getState('run-attempt');
    const recovery = deps.io.getState('rollback-command');
    const backupId = deps.io.getState('backup-id');
    const token = (0,_promote_core_inputs__WEBPACK_IMPORTED_MODULE_3__/* .getOptionalInput */ .lI)(deps.io, 'token') ?? '';
    const ctx = (0,_promote_core_context__WEBPACK_IMPORTED_MODULE_4__/* .readRunContext */ .$)(deps.env);
    const github = deps.github(token);
    const o = { github, repo: { owner: ctx.owner, repo: ctx.repo }, ref, logger: deps.logger };
    if (phase === 'touching-production') {
        const current = await (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .readLock */ .mF)(o);
        if (!current?.holder ||
            current.holder.runId !== runId ||
            current.holder.runAttempt !== runAttempt)
            return;
        if (!current.holder.needsRecovery) {
            await (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .flagNeedsRecovery */ .pn)({ ...o, clock: deps.clock, ttlMs: 0, waitTimeoutMs: 0, pollMs: 0, me: current.holder }, { ref, sha: current.sha, holder: current.holder, notes: [] }, recovery, backupId);
        }
        deps.logger.error(`The migration step ended while changing production; lock ${ref} kept (needs-recovery). Recover with: ${recovery}`);
        await deps.io.appendSummary(`## Migration interrupted\n\n🛑 The migrate step ended while production was being changed (cancelled or killed). The lock \`${ref}\` stays flagged **needs-recovery** so no other deploy runs.\n\nRecover with:\n\n\`${recovery}\`\n`);
        return;
    }
    const result = await (0,_lock_js__WEBPACK_IMPORTED_MODULE_2__/* .releaseLock */ .x_)(o, runId, runAttempt);
    deps.logger.info(`Post: lock ${ref} ${result}.`);
}
/** Entry of the post bundle (runs.post): `await runPostStep()`. */
async function runPostStep(deps = (0,_deps_js__WEBPACK_IMPORTED_MODULE_1__/* .defaultDeps */ .m)()) {
    await (0,_promote_core_action__WEBPACK_IMPORTED_MODULE_0__/* .runMain */ .VN)('migrate-with-rollback (post)', () => runPost(deps), deps);
}


/***/ }),

/***/ 7276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K1: () => (/* binding */ getRequiredInput),
/* harmony export */   KE: () => (/* binding */ getChoiceInput),
/* harmony export */   Km: () => (/* binding */ getTextInput),
/* harmony export */   Vt: () => (/* binding */ getBooleanInput),
/* harmony export */   lI: () => (/* binding */ getOptionalInput)
/* harmony export */ });
/* unused harmony exports getListInput, getJsonInput, getIntegerInput */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7638);

/**
 * Typed getters over the runner's inputs. A bad or missing input is a ConfigurationError whose
 * message names the input and says how to fix it, raised before any side effect.
 */
/** The input, trimmed; a ConfigurationError when it is empty. */
function getRequiredInput(io, name, hint) {
    const value = io.getInput(name).trim();
    if (value === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input "${name}" is required: ${hint ?? `set it under "with:" in the step that uses this action`}`);
    }
    return value;
}
/** The input, trimmed; `undefined` when empty (the runner passes '' for an input not given). */
function getOptionalInput(io, name) {
    const value = io.getInput(name).trim();
    return value === '' ? undefined : value;
}
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];
/** true/false as YAML 1.2 spells them; `fallback` when empty; anything else is an error. */
function getBooleanInput(io, name, fallback = false) {
    const value = io.getInput(name).trim();
    if (value === '')
        return fallback;
    if (TRUE.includes(value))
        return true;
    if (FALSE.includes(value))
        return false;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input "${name}" must be true or false, got ${JSON.stringify(value)}`);
}
/** A list given one item per line or comma-separated; blanks dropped; [] when empty. */
function getListInput(io, name) {
    return io
        .getInput(name)
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
/** JSON input, parsed; `undefined` when empty. */
function getJsonInput(io, name) {
    const value = io.getInput(name).trim();
    if (value === '')
        return undefined;
    try {
        return JSON.parse(value);
    }
    catch (error) {
        throw new ConfigurationError(`input "${name}" is not valid JSON (${error.message}); pass e.g. {"key": "value"}`);
    }
}
/** One of `allowed`; `fallback` when empty. */
function getChoiceInput(io, name, allowed, fallback) {
    const value = io.getInput(name).trim();
    if (value === '')
        return fallback;
    if (allowed.includes(value))
        return value;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input "${name}" must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}
/** A whole number, optionally within bounds; `fallback` when empty. */
function getIntegerInput(io, name, fallback, bounds = {}) {
    const value = io.getInput(name).trim();
    if (value === '')
        return fallback;
    const n = Number(value);
    const { min = -Infinity, max = Infinity } = bounds;
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
        const range = Number.isFinite(min) || Number.isFinite(max)
            ? ` between ${Number.isFinite(min) ? min : '-∞'} and ${Number.isFinite(max) ? max : '∞'}`
            : '';
        throw new ConfigurationError(`input "${name}" must be a whole number${range}, got ${JSON.stringify(value)}`);
    }
    return n;
}
/**
 * Free text (a name, a title, a reason) that ends up where GitHub enforces a length: the input,
 * trimmed, `undefined` when empty; refused before any side effect when it is longer than `max`
 * or, with `oneLine`, holds a line break or another control character.
 */
function getTextInput(io, name, limit) {
    const value = getOptionalInput(io, name);
    if (value === undefined)
        return undefined;
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (limit.oneLine && /[\u0000-\u001f\u007f-\u009f]/.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input "${name}" must be one line: it holds a line break or another control character ` +
            `(${limit.why}). Pass it on one line.`);
    }
    if (value.length > limit.max) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input "${name}" is ${value.length.toLocaleString('en-US')} characters long; at most ` +
            `${limit.max.toLocaleString('en-US')} are allowed (${limit.why}). Shorten it.`);
    }
    return value;
}


/***/ })

};
