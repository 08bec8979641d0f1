export const id = 409;
export const ids = [409];
export const modules = {

/***/ 9411:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z7: () => (/* binding */ subjectWithoutPullRequest),
/* harmony export */   o7: () => (/* binding */ parseCommitMessage)
/* harmony export */ });
/* unused harmony export readReferences */
/* harmony import */ var conventional_commits_parser__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4674);

// `!` marks a breaking change (Conventional Commits 1.0.0 §8). The default header pattern does not
// accept it, so "feat!: x" would otherwise parse as no type at all.
const headerPattern = /^(\w*)(?:\(([^()\r\n]*)\))?!?: (.*)$/;
const breakingHeaderPattern = /^(\w*)(?:\(([^()\r\n]*)\))?!: (.*)$/;
// GitHub's merge button writes "Merge pull request #12 from owner/branch" then a blank line and
// the PR title; `git merge` writes "Merge branch 'x' into main" (no PR).
const mergePattern = /^Merge (?:pull request #(\d+) from (\S+)|branch '([^']+)'.*|remote-tracking branch '([^']+)'.*)$/;
// `git revert` writes 'Revert "<header>"' + "This reverts commit <sha>."; a squash-merged revert
// PR adds " (#13)" and may indent the body, so allow text between the two.
const revertPattern = /^Revert\s+"([\s\S]*?)"(?:\s*\(#\d+\))?[\s\S]*?This reverts commit ([0-9a-fA-F]{7,40})\.?/;
const squashSuffix = /\s*\(#(\d+)\)\s*$/;
const parserOptions = {
    headerPattern,
    breakingHeaderPattern,
    headerCorrespondence: ['type', 'scope', 'subject'],
    mergePattern,
    mergeCorrespondence: ['pullRequest', 'source', 'branch', 'remoteBranch'],
    revertPattern,
    revertCorrespondence: ['header', 'hash'],
    noteKeywords: ['BREAKING CHANGE', 'BREAKING-CHANGE'],
    // Explicitly none (the defaults say '#'): the parser's reference regex backtracks cubically on a long run of word
    // characters (1,000 chars: 1.4 s; 4,000: 65 s; a pasted base64 blob never ends). References
    // are read by `readReferences` below in linear time instead.
    issuePrefixes: undefined,
};
// A footer line that only closes or mentions issues ("Closes #7", "fixes acme/app#3, #4"): the
// parser no longer knows references (see parserOptions), so it would run on into a note's text.
const referenceLine = /^(?:(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+)?(?:[\w.-]+\/[\w.-]+)?#\d+(?:\s*(?:,|and)?\s*(?:(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+)?(?:[\w.-]+\/[\w.-]+)?#\d+)*[.\s]*$/i;
const withoutReferenceLines = (text) => text
    .split('\n')
    .filter((line) => !referenceLine.test(line.trim()))
    .join('\n')
    .trim();
/** GitHub's closing keywords (and what the parser treated as reference actions). */
const referenceAction = /(?:^|[^\w])(close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+$/i;
const referenceOwner = /(?:^|[^\w./-])([\w.-]{1,100})\/([\w.-]{1,100})$/;
/**
 * "#12", "(#12)", "Fixes #12", "closes acme/other#7": every "#<digits>" found by one linear scan,
 * with its owner/repository and closing keyword read from a bounded window before it.
 */
function readReferences(text) {
    const found = [];
    const issue = /#(\d{1,10})(?![\w-])/g;
    for (let m = issue.exec(text); m; m = issue.exec(text)) {
        const before = text.slice(Math.max(0, m.index - 220), m.index);
        const owner = referenceOwner.exec(before);
        const lead = owner ? before.slice(0, before.length - `${owner[1]}/${owner[2]}`.length) : before;
        if (!owner && before && !/[\s([,;:]$/.test(before))
            continue; // "abc#1" is not a reference
        const action = referenceAction.exec(lead)?.[1] ?? null;
        found.push({
            issue: Number(m[1]),
            action,
            owner: owner?.[1] ?? null,
            repository: owner?.[2] ?? null,
            raw: `${owner ? `${owner[1]}/${owner[2]}` : ''}#${m[1]}`,
        });
    }
    return found;
}
let parser;
/**
 * The parser tries a reference regex at every position of every line, and with no issue prefixes
 * that regex is `(?!.*)`, which scans to the end of the line each time: quadratic in the line's
 * length (a 256 KB subject line took 19 s, a 1 MB one never finished). What it reads from a line
 * (type, scope, subject, a footer keyword) is at its start, so each line is cut for the parser;
 * `readReferences` reads the whole message.
 */
const PARSED_LINE_MAX = 2000;
const boundLines = (message) => message.length <= PARSED_LINE_MAX
    ? message
    : message
        .split('\n')
        .map((line) => (line.length > PARSED_LINE_MAX ? line.slice(0, PARSED_LINE_MAX) : line))
        .join('\n');
/** Parse one commit message. Never throws: an empty or free-form message gives `type: null`. */
function parseCommitMessage(message) {
    if (!message.trim())
        return emptyCommit('');
    parser ??= new conventional_commits_parser__WEBPACK_IMPORTED_MODULE_0__/* .CommitParser */ .Jf(parserOptions);
    let raw;
    try {
        raw = parser.parse(boundLines(message));
    }
    catch {
        return emptyCommit(message.split(/\r?\n/)[0] ?? '');
    }
    const firstLine = message.trim().split(/\r?\n/)[0] ?? '';
    // A merge commit with no body ("Merge branch 'x'") has no header of its own: keep the merge line.
    const header = (raw.header ?? '').trim() || firstLine;
    const notes = raw.notes.map((n) => ({ title: n.title, text: withoutReferenceLines(n.text) }));
    const revert = readRevert(raw, header, message);
    const conventional = typeof raw.type === 'string' && raw.type.length > 0 && typeof raw.subject === 'string';
    const type = conventional ? raw.type.toLowerCase() : revert ? 'revert' : null;
    // A first line longer than the parser was given: say the subject was cut.
    const cut = firstLine.length > PARSED_LINE_MAX ? '…' : '';
    const subject = (conventional ? raw.subject : header) + cut;
    const mergePr = toNumber(raw.pullRequest);
    const squashPr = toNumber(squashSuffix.exec(header)?.[1]);
    const merge = raw.merge
        ? {
            pullRequest: mergePr,
            source: (raw.source ?? raw.branch ?? raw.remoteBranch ?? null),
        }
        : null;
    return {
        header,
        type,
        scope: conventional && raw.scope ? raw.scope : null,
        subject,
        breaking: notes.some((n) => /^BREAKING[ -]CHANGE$/i.test(n.title)) ||
            breakingHeaderPattern.test(header),
        notes,
        revert,
        references: readReferences(message),
        pullRequest: mergePr ?? squashPr,
        merge,
        body: raw.body,
    };
}
/** The subject without a squash merge's trailing "(#123)" (the PR is linked separately). */
function subjectWithoutPullRequest(subject) {
    return subject.replace(squashSuffix, '');
}
function readRevert(raw, header, message) {
    if (raw.revert) {
        return { header: raw.revert.header ?? null, hash: raw.revert.hash ?? null };
    }
    // 'Revert "feat: x"' without the "This reverts commit" line (edited message, or a PR title).
    // Also the merge commit of a revert PR, whose first line is "Merge pull request ...".
    const hash = /This reverts commit ([0-9a-fA-F]{7,40})/.exec(message)?.[1] ?? null;
    const m = /^Revert\s+"(.*)"(?:\s*\(#\d+\))?$/.exec(header);
    if (m)
        return { header: m[1] ?? null, hash };
    // Conventional `revert: feat: x` form.
    if (raw.type === 'revert' && typeof raw.subject === 'string') {
        return { header: subjectWithoutPullRequest(raw.subject), hash };
    }
    return null;
}
function toNumber(value) {
    if (typeof value !== 'string' || !/^\d+$/.test(value))
        return null;
    return Number(value);
}
function emptyCommit(header) {
    return {
        header,
        type: null,
        scope: null,
        subject: header,
        breaking: false,
        notes: [],
        revert: null,
        references: [],
        pullRequest: null,
        merge: null,
        body: null,
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

/***/ 3163:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ createOrUpdateCheckRun)
/* harmony export */ });
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2019);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9889);
/* harmony import */ var _operation_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(128);
/* harmony import */ var _landed_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2973);




async function findCheckRuns(gh, repo, name, headSha, externalId) {
    // filter=all: the default (latest) would hide a duplicate created by a retried POST.
    const runs = await gh.paginate(gh.rest.checks.listForRef, {
        ...repo,
        ref: headSha,
        check_name: name,
        filter: 'all',
        per_page: 100,
    });
    return runs
        .filter((r) => r.name === name && r.head_sha === headSha && r.external_id === externalId)
        .sort((a, b) => a.id - b.id);
}
function checkRunRequest(spec) {
    if (spec.status === 'completed' && !spec.conclusion) {
        throw new Error(`check run "${spec.name}": a completed check run needs a conclusion.`);
    }
    const externalId = spec.externalId ?? `promote:${spec.name}`;
    const output = {
        title: spec.output.title,
        summary: (0,_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .fitText */ .vY)(spec.output.summary, _limits_js__WEBPACK_IMPORTED_MODULE_1__/* .CHECK_RUN_TEXT_LIMIT */ .Zo, 'summary', true),
        ...(spec.output.text !== undefined
            ? { text: (0,_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .fitText */ .vY)(spec.output.text, _limits_js__WEBPACK_IMPORTED_MODULE_1__/* .CHECK_RUN_TEXT_LIMIT */ .Zo, 'details', true) }
            : {}),
    };
    const [firstBatch = [], ...laterBatches] = (0,_report_js__WEBPACK_IMPORTED_MODULE_0__/* .chunk */ .iv)(spec.annotations ?? [], _limits_js__WEBPACK_IMPORTED_MODULE_1__/* .CHECK_RUN_ANNOTATIONS_PER_REQUEST */ .M4);
    return {
        spec,
        externalId,
        verdict: {
            status: spec.status,
            ...(spec.status === 'completed' && spec.conclusion ? { conclusion: spec.conclusion } : {}),
            ...(spec.detailsUrl ? { details_url: spec.detailsUrl } : {}),
            external_id: externalId,
        },
        output,
        firstOutput: { ...output, ...(firstBatch.length ? { annotations: firstBatch } : {}) },
        laterBatches,
    };
}
async function writeVerdict(gh, repo, id, request) {
    const { data } = await gh.rest.checks.update({
        ...repo,
        check_run_id: id,
        ...request.verdict,
        output: request.firstOutput,
    });
    return data;
}
/**
 * Create the check run once. Not retried blindly: a create whose answer was lost has landed, and
 * a second POST would leave a duplicate check run that can never be deleted (found by
 * test/reliability). A retried POST may still have created it twice, so look again: the oldest
 * is the one kept, and the report moves onto it when ours is the duplicate.
 */
async function createCheckRun(gh, repo, request) {
    const { spec, externalId } = request;
    const find = () => findCheckRuns(gh, repo, spec.name, spec.headSha, externalId);
    const create = (retries) => gh.rest.checks.create({
        ...repo,
        name: spec.name,
        head_sha: spec.headSha,
        ...request.verdict,
        output: request.firstOutput,
        ...(retries === undefined ? {} : { request: { retries } }),
    });
    let data;
    try {
        ({ data } = await create(0));
    }
    catch (error) {
        if (!(0,_landed_js__WEBPACK_IMPORTED_MODULE_3__/* .mayHaveLanded */ .I)(error))
            throw error;
        const landed = await (0,_landed_js__WEBPACK_IMPORTED_MODULE_3__/* .findLanded */ .m)(error, async () => (await find())[0]);
        data = landed ?? (await create()).data;
    }
    const [keep, ...extras] = await find();
    // Ours is the duplicate: move the report onto the oldest.
    const checkRun = keep && keep.id !== data.id ? await writeVerdict(gh, repo, keep.id, request) : data;
    const others = extras.filter((r) => r.id !== checkRun.id);
    if (keep && keep.id !== data.id && !others.some((r) => r.id === data.id))
        others.push(data);
    return { checkRun, operation: 'created', others };
}
/** Annotations past the first 50, appended to the check run 50 per request. */
async function appendAnnotations(gh, repo, checkRun, request) {
    for (const batch of request.laterBatches) {
        await gh.rest.checks.update({
            ...repo,
            check_run_id: checkRun.id,
            output: { title: request.output.title, summary: request.output.summary, annotations: batch },
        });
    }
}
/** Every duplicate gets the same status and conclusion, so no leftover passes a required check. */
async function markDuplicates(gh, repo, { checkRun, others }, request, logger) {
    for (const duplicate of others) {
        await gh.rest.checks.update({
            ...repo,
            check_run_id: duplicate.id,
            ...request.verdict,
            output: {
                title: request.output.title,
                summary: (0,_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .fitText */ .vY)(`Duplicate of check run ${checkRun.id} (a retried request created it twice); same verdict.\n\n${request.output.summary}`, _limits_js__WEBPACK_IMPORTED_MODULE_1__/* .CHECK_RUN_TEXT_LIMIT */ .Zo, 'summary', true),
            },
        });
        logger.info(`Check run ${duplicate.id} is a duplicate of ${checkRun.id}; gave it the same verdict.`);
    }
}
/**
 * One check run per (name, head SHA): updated in place when it exists, else created. Summary and
 * text are cut to GitHub's 65,535 characters with a note; annotations go 50 per request (GitHub's
 * limit), the first batch with the create/update and the rest appended by PATCH.
 *
 * Check runs cannot be deleted. When a retried create left two, the oldest is the one we keep
 * (annotations go there) and every duplicate gets the same status and conclusion, so whichever
 * one a required check reads carries the real verdict (a `neutral` leftover would pass a gate).
 * Annotations accumulate on a check run: a re-run on the same SHA adds its annotations again.
 */
async function createOrUpdateCheckRun(gh, repo, spec, logger = _operation_js__WEBPACK_IMPORTED_MODULE_2__/* .silentLogger */ .q) {
    const request = checkRunRequest(spec);
    const [oldest, ...rest] = await findCheckRuns(gh, repo, spec.name, spec.headSha, request.externalId);
    const written = oldest
        ? {
            checkRun: await writeVerdict(gh, repo, oldest.id, request),
            operation: 'updated',
            others: rest,
        }
        : await createCheckRun(gh, repo, request);
    await appendAnnotations(gh, repo, written.checkRun, request);
    await markDuplicates(gh, repo, written, request, logger);
    const { checkRun, operation } = written;
    const annotationsSent = spec.annotations?.length ?? 0;
    const conclusion = request.verdict.conclusion;
    logger.info(`${operation === 'created' ? 'Created' : 'Updated'} check run "${spec.name}" (${checkRun.id}) on ${spec.headSha.slice(0, 7)}: ${spec.status}${conclusion ? `/${conclusion}` : ''}${annotationsSent ? `, ${annotationsSent} annotations` : ''}.`);
    return {
        checkRun,
        operation,
        annotationsSent,
        annotationRequests: request.firstOutput.annotations ? 1 + request.laterBatches.length : 0,
    };
}


/***/ }),

/***/ 6059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ upsertIssueComment)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7638);
/* harmony import */ var _request_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8154);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9889);
/* harmony import */ var _operation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(128);




/** The hidden first line that identifies our comment: `<!-- promote:<marker> -->`. */
function commentMarker(marker) {
    if (!/^[A-Za-z0-9._:/-]+$/.test(marker)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`comment marker "${marker}" may only contain letters, digits and . _ : / - (it goes inside an HTML comment).`);
    }
    return `<!-- promote:${marker} -->`;
}
async function listMarked(gh, repo, issueNumber, tag) {
    // Every page: a busy PR has more than 100 comments, and a marker missed means a duplicate.
    const all = await gh.paginate(gh.rest.issues.listComments, {
        ...repo,
        issue_number: issueNumber,
        per_page: 100,
    });
    return all
        .filter((c) => (c.body ?? '').startsWith(tag))
        .sort((a, b) => a.id - b.id);
}
async function deleteExtras(gh, repo, extras, logger) {
    for (const extra of extras) {
        try {
            await gh.rest.issues.deleteComment({ ...repo, comment_id: extra.id });
            logger.info(`Deleted duplicate comment ${extra.id} (a create arrived twice).`);
        }
        catch (error) {
            if (!(0,_request_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .hasStatus */ .Ro)(error, 404))
                throw error; // someone else already removed it
        }
    }
}
/**
 * One comment per (issue or PR, marker): created, or edited in place. The body starts with a
 * hidden marker so it is found again on the next run. A create that arrived twice (retried POST)
 * is cleaned up at once: the oldest stays, carrying the newest body, the rest are deleted.
 */
async function upsertIssueComment(gh, repo, issueNumber, marker, body, logger = _operation_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q) {
    const tag = commentMarker(marker);
    const full = (0,_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .fitText */ .vY)(`${tag}\n${body}`, _limits_js__WEBPACK_IMPORTED_MODULE_0__/* .COMMENT_BODY_LIMIT */ .tx, 'comment');
    const ensure = async (keep, extras, created) => {
        await deleteExtras(gh, repo, extras, logger);
        if (keep.body === full) {
            if (!created)
                logger.info(`Comment ${keep.id} on #${issueNumber} is already up to date.`);
            return { comment: keep, operation: created ? 'created' : 'unchanged' };
        }
        const { data } = await gh.rest.issues.updateComment({
            ...repo,
            comment_id: keep.id,
            body: full,
        });
        logger.info(`Updated comment ${data.id} on #${issueNumber}: ${data.html_url}`);
        return { comment: data, operation: created ? 'created' : 'updated' };
    };
    const existing = await listMarked(gh, repo, issueNumber, tag);
    const [first, ...rest] = existing;
    if (first)
        return ensure(first, rest, false);
    const { data: created } = await gh.rest.issues.createComment({
        ...repo,
        issue_number: issueNumber,
        body: full,
    });
    logger.info(`Commented on #${issueNumber}: ${created.html_url}`);
    const after = await listMarked(gh, repo, issueNumber, tag);
    const [oldest, ...extras] = after.length ? after : [created];
    return ensure(oldest ?? created, extras, true);
}


/***/ }),

/***/ 7574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $s: () => (/* binding */ COMPARE_FILE_LIMIT),
/* harmony export */   hZ: () => (/* binding */ compareFiles),
/* harmony export */   kC: () => (/* binding */ compareCommits),
/* harmony export */   rd: () => (/* binding */ isAncestorOf)
/* harmony export */ });
/* harmony import */ var _request_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8154);

/** GitHub's documented maximum `per_page`. */
const COMPARE_PAGE_SIZE = 100;
/** Compare lists at most this many files for the whole comparison: exactly this many may be cut. */
const COMPARE_FILE_LIMIT = 300;
/** The URL of rel="next" in an RFC 8288 Link header, if any. */
function nextPageUrl(link) {
    for (const part of (link ?? '').split(',')) {
        const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
        if (m)
            return m[1];
    }
    return undefined;
}
/**
 * Every commit between `base` and `head` (git's base..head), oldest first, in pages of 100 that
 * follow the Link header. Throws when GitHub's pages end before `total_commits` commits were
 * read, rather than return a history with commits missing.
 */
async function compareCommits(gh, repo, base, head) {
    const first = await gh.rest.repos.compareCommitsWithBasehead({
        ...repo,
        basehead: `${base}...${head}`,
        per_page: COMPARE_PAGE_SIZE,
        page: 1,
    });
    const { data } = first;
    const commits = [];
    const take = (page) => {
        for (const c of page.commits) {
            commits.push({
                sha: c.sha,
                message: c.commit.message,
                parents: c.parents.map((p) => p.sha),
                ...(c.author?.login ? { authorLogin: c.author.login } : {}),
                ...(c.committer?.login ? { committerLogin: c.committer.login } : {}),
            });
        }
    };
    take(data);
    let next = nextPageUrl(first.headers.link);
    const seen = new Set();
    while (next && !seen.has(next)) {
        seen.add(next);
        const page = (await gh.request({ method: 'GET', url: next }));
        if (!page.data.commits.length)
            break;
        take(page.data);
        next = nextPageUrl(page.headers.link);
    }
    if (commits.length < data.total_commits) {
        throw new Error(`GitHub's compare of ${base.slice(0, 12)}...${head.slice(0, 12)} listed ${commits.length} of ` +
            `${data.total_commits} commits (its pages ended early); re-run the job, and report it if it persists.`);
    }
    return {
        status: data.status,
        aheadBy: data.ahead_by,
        behindBy: data.behind_by,
        totalCommits: data.total_commits,
        commits,
        files: (data.files ?? []).map((f) => ({ filename: f.filename, status: f.status })),
    };
}
/**
 * Whether `ancestorSha` is `targetSha` or one of its ancestors (compare's behind_by 0). No common
 * history (404, e.g. an orphan branch's tag, or a commit gone with a rewritten branch) is false.
 */
async function isAncestorOf(gh, repo, ancestorSha, targetSha) {
    if (ancestorSha === targetSha)
        return true;
    try {
        const { data } = await gh.rest.repos.compareCommitsWithBasehead({
            ...repo,
            basehead: `${ancestorSha}...${targetSha}`,
            per_page: 1,
        });
        return data.behind_by === 0;
    }
    catch (error) {
        if ((0,_request_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .hasStatus */ .Ro)(error, 404))
            return false;
        throw error;
    }
}
/**
 * The files base...head changes (one request: files come with the first page only).
 * `maybeTruncated`: GitHub listed its maximum, so the difference may be larger.
 */
async function compareFiles(gh, repo, base, head) {
    const { data } = await gh.rest.repos.compareCommitsWithBasehead({
        ...repo,
        basehead: `${base}...${head}`,
        per_page: 1,
    });
    const files = (data.files ?? []).map((f) => ({ filename: f.filename, status: f.status }));
    return { files, maybeTruncated: files.length >= COMPARE_FILE_LIMIT };
}


/***/ }),

/***/ 2973:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ mayHaveLanded),
/* harmony export */   m: () => (/* binding */ findLanded)
/* harmony export */ });
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _request_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8154);


/** How long a timed-out create is looked for before it is sent again (1 s, 2 s, 4 s). */
const LANDING_WAITS_MS = [1000, 2000, 4000];
/**
 * A create (POST) failed: may it have landed anyway? A 4xx was refused and created nothing; a 5xx,
 * a reset connection or a timeout may have created it.
 */
function mayHaveLanded(error) {
    const status = error?.status;
    return status === undefined || status >= 500;
}
/**
 * After a create that may have landed: look for what it made before sending it again. A timed-out
 * request may still be on its way in (the answer, not the request, was given up on), so it is
 * looked for over a few seconds; a 5xx or a reset was answered, so one look is enough.
 */
async function findLanded(error, look, waitsMs = (0,_request_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .isResponseTimeout */ .nT)(error) ? LANDING_WAITS_MS : [0]) {
    for (const wait of waitsMs) {
        if (wait > 0)
            await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(wait);
        const found = await look();
        if (found !== undefined)
            return found;
    }
    return undefined;
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
