export const id = 566;
export const ids = [566];
export const modules = {

/***/ 4566:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  defaultDeps: () => (/* binding */ defaultDeps),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./packages/core/src/action.ts
var action = __webpack_require__(5171);
// EXTERNAL MODULE: ./packages/core/src/clock.ts
var clock = __webpack_require__(143);
// EXTERNAL MODULE: ./packages/core/src/context.ts
var context = __webpack_require__(762);
// EXTERNAL MODULE: ./packages/core/src/exec.ts
var exec = __webpack_require__(6192);
// EXTERNAL MODULE: ./packages/core/src/github/client.ts
var client = __webpack_require__(8182);
// EXTERNAL MODULE: ./packages/core/src/io.ts
var io = __webpack_require__(2157);
// EXTERNAL MODULE: ./packages/core/src/logger.ts
var src_logger = __webpack_require__(9157);
// EXTERNAL MODULE: ./packages/core/src/progress.ts
var progress = __webpack_require__(1898);
// EXTERNAL MODULE: ./packages/core/src/config/load.ts + 2 modules
var load = __webpack_require__(4119);
// EXTERNAL MODULE: ./packages/core/src/errors.ts
var errors = __webpack_require__(7638);
// EXTERNAL MODULE: ./packages/core/src/events.ts
var events = __webpack_require__(4008);
// EXTERNAL MODULE: ./packages/core/src/gates/index.ts + 21 modules
var gates = __webpack_require__(6236);
// EXTERNAL MODULE: ./packages/core/src/github/check-runs.ts
var check_runs = __webpack_require__(3163);
// EXTERNAL MODULE: ./packages/core/src/github/comments.ts
var comments = __webpack_require__(6059);
// EXTERNAL MODULE: ./packages/core/src/inputs.ts
var inputs = __webpack_require__(7276);
;// CONCATENATED MODULE: ./actions/preflight-gates/src/inputs.ts


/** Input name -> config path it overrides (a report input enables its gate with defaults). */
const REPORT_INPUTS = {
    sarif: 'preflight.findings.sarif',
    'findings-json': 'preflight.findings.json',
    junit: 'preflight.tests.junit',
    lcov: 'preflight.tests.lcov',
    cobertura: 'preflight.tests.cobertura',
};
function readInputs(io) {
    const pr = (0,inputs/* getOptionalInput */.lI)(io, 'pull-request');
    if (pr !== undefined && !/^[1-9]\d*$/.test(pr.replace(/^#/, ''))) {
        throw new errors/* ConfigurationError */.j1(`input pull-request: "${pr}" is not a pull request number; use e.g. 42`);
    }
    const reportOverrides = {};
    for (const [input, path] of Object.entries(REPORT_INPUTS))
        reportOverrides[path] = (0,inputs/* getOptionalInput */.lI)(io, input);
    return {
        token: (0,inputs/* getRequiredInput */.K1)(io, 'token', 'pass a token (the default is github.token)'),
        config: (0,inputs/* getOptionalInput */.lI)(io, 'config') ?? '.github/promotion.yml',
        checkName: (0,inputs/* getOptionalInput */.lI)(io, 'check-name') ?? 'promote/preflight',
        dryRun: (0,inputs/* getBooleanInput */.Vt)(io, 'dry-run', false),
        pullRequest: pr === undefined ? undefined : Number(pr.replace(/^#/, '')),
        overrideReason: (0,inputs/* getOptionalInput */.lI)(io, 'override-reason'),
        reportOverrides,
    };
}

;// CONCATENATED MODULE: ./actions/preflight-gates/src/override.ts
const REASON_LINE = /^\s*Override-Reason:\s*(.+?)\s*$/im;
function reasonIn(text) {
    return REASON_LINE.exec(text ?? '')?.[1];
}
/**
 * The emergency override, read fresh from the API (a re-run replays the old payload, whose
 * labels may be stale): the label on the PR now, who added it last (issue events) and the
 * reason from the PR body or the latest comment with an `Override-Reason:` line. On
 * workflow_dispatch the `override-reason` input and the person who ran the workflow.
 */
async function readOverride(github, repo, pr, config, opts) {
    if (opts.dispatchActor !== undefined && opts.inputReason) {
        return {
            state: 'granted',
            request: {
                actor: opts.dispatchActor || 'unknown',
                at: opts.now.toISOString(),
                reason: opts.inputReason,
                via: 'workflow_dispatch input override-reason',
            },
        };
    }
    const label = config.override.label;
    if (!pr.labels.includes(label))
        return { state: 'none' };
    const events = await github.paginate(github.rest.issues.listEvents, {
        ...repo,
        issue_number: pr.number,
        per_page: 100,
    });
    const labeled = events
        .filter((e) => e.event === 'labeled' && e.label?.name === label)
        .pop();
    let reason = reasonIn(pr.body);
    let reasonBy = pr.author;
    if (!reason) {
        const comments = await github.paginate(github.rest.issues.listComments, {
            ...repo,
            issue_number: pr.number,
            per_page: 100,
        });
        for (const c of comments) {
            const r = reasonIn(c.body);
            if (r) {
                reason = r;
                reasonBy = c.user?.login ?? '';
            }
        }
    }
    if (!reason) {
        return {
            state: 'refused',
            why: `label "${label}" is on the PR but no reason is given: add a line "Override-Reason: <why>" to the PR description or a comment`,
        };
    }
    const actor = labeled?.actor?.login ?? 'unknown';
    return {
        state: 'granted',
        request: {
            actor,
            at: labeled?.created_at ?? opts.now.toISOString(),
            reason: reason.slice(0, 500),
            via: `label "${label}"${reasonBy && reasonBy !== actor ? ` (reason by @${reasonBy})` : ''}`,
        },
    };
}

// EXTERNAL MODULE: ./packages/core/src/markdown.ts
var markdown = __webpack_require__(2712);
// EXTERNAL MODULE: ./packages/core/src/report.ts
var report = __webpack_require__(2019);
;// CONCATENATED MODULE: ./actions/preflight-gates/src/render.ts


function verdictOf(results, override) {
    const failed = results.filter((r) => r.row.status === 'fail').map((r) => r.gate);
    const lifted = results.filter((r) => r.overridden).map((r) => r.row.name);
    const counted = results.filter((r) => r.row.status !== 'skip').length;
    const title = failed.length
        ? `${failed.length} of ${counted} gates failed: ${failed.join(', ')}`
        : lifted.length && override.state === 'granted'
            ? `Passed with an emergency override by @${override.request.actor} (${lifted.join(', ')})`
            : `All ${counted} gates passed`;
    return { result: failed.length ? 'fail' : 'pass', failedGates: failed, title };
}
/** Untrusted text (a reason typed by a person) stays text: no markdown, no mentions, one line. */
function quote(text) {
    return (0,markdown/* escapeInline */.VV)(text.replace(/\s+/g, ' '));
}
function renderAudit(override, results) {
    if (override.state === 'none')
        return '';
    if (override.state === 'refused')
        return `**Emergency override not applied:** ${quote(override.why)}`;
    const r = override.request;
    const lifted = results.filter((x) => x.overridden).map((x) => x.row.name);
    return [
        `**Emergency override** by @${quote(r.actor)} at ${r.at} via ${quote(r.via)}.`,
        `Reason: ${quote(r.reason)}`,
        lifted.length
            ? `Lifted (failed, reported as warnings): ${lifted.join(', ')}.`
            : 'Nothing needed lifting.',
        'Never lifted: findings, tests, diff guard (secrets), approvals, branch protection, custom.',
    ].join('\n\n');
}
function rowsOf(results, override) {
    const rows = results.map((r) => r.row);
    if (override.state === 'refused')
        rows.push({ name: 'override', status: 'warn', summary: override.why });
    return rows;
}
function renderSummary(results, override, verdict, note) {
    const rows = rowsOf(results, override);
    return [
        `### ${verdict.title}`,
        (0,report/* renderMarkdownTable */.Ij)(rows),
        renderAudit(override, results),
        note ?? '',
    ]
        .filter(Boolean)
        .join('\n\n');
}
function renderText(results, override) {
    return (0,report/* renderDetails */.PL)(rowsOf(results, override));
}
function renderLog(results, override) {
    return (0,report/* renderPlainTable */.J)(rowsOf(results, override));
}

;// CONCATENATED MODULE: ./actions/preflight-gates/src/target.ts


const SUPPORTED_EVENTS = [
    'pull_request',
    'pull_request_review',
    'merge_group',
    'workflow_dispatch',
];
function resolveTarget(event, inputs) {
    (0,events/* requireEvent */.M9)(event, 'preflight-gates', SUPPORTED_EVENTS);
    if (event.name === 'pull_request') {
        const pr = (0,events/* asPullRequestUpdate */.av)(event, {
            action: 'preflight-gates',
            supported: SUPPORTED_EVENTS,
        });
        if ((0,events/* isSkip */.yL)(pr))
            return pr;
        return { pullNumber: pr.number, event: event.name };
    }
    if (event.name === 'pull_request_review') {
        // An approval or a dismissal re-judges the approvals gate at once (callers add the trigger).
        const pr = (0,events/* asPullRequestReview */.hl)(event, {
            action: 'preflight-gates',
            supported: SUPPORTED_EVENTS,
        });
        if ((0,events/* isSkip */.yL)(pr))
            return pr;
        return { pullNumber: pr.number, event: event.name };
    }
    if (event.name === 'merge_group') {
        const g = (0,events/* asMergeGroup */.Au)(event, { action: 'preflight-gates', supported: SUPPORTED_EVENTS });
        if ((0,events/* isSkip */.yL)(g))
            return g;
        if (g.pullNumber === undefined) {
            throw new errors/* ConfigurationError */.j1(`merge group ${g.headRef}: cannot tell the pull request from the queue branch name (expected gh-readonly-queue/<base>/pr-<n>-<sha>)`);
        }
        return { pullNumber: g.pullNumber, reportSha: g.headSha, event: event.name };
    }
    const d = (0,events/* asWorkflowDispatch */.OT)(event, { action: 'preflight-gates', supported: SUPPORTED_EVENTS });
    const raw = inputs.pullRequest ??
        (d.inputs['pull-request'] ? Number(d.inputs['pull-request'].replace(/^#/, '')) : undefined);
    if (!raw || !Number.isInteger(raw) || raw < 1) {
        throw new errors/* ConfigurationError */.j1('workflow_dispatch: set the pull-request input to the number of the promotion PR to evaluate');
    }
    return { pullNumber: raw, event: event.name, dispatchActor: d.actor };
}

;// CONCATENATED MODULE: ./actions/preflight-gates/src/preflight.ts










// Each batch of 50 is one request; past this many a reader cannot use them anyway.
const MAX_ANNOTATIONS = 500;
async function runPreflight(deps, ctx) {
    const { io, logger, clock } = deps;
    const inputs = readInputs(io);
    const event = (0,events/* readEvent */.j_)(deps.env);
    const target = resolveTarget(event, inputs);
    if ('skip' in target) {
        logger.info(`Nothing to evaluate: ${target.skip}.`);
        io.setOutput('result', 'pass');
        io.setOutput('failed-gates', '[]');
        return;
    }
    // Everything the user must fix is found before the first write.
    const inputNames = Object.fromEntries(Object.entries(REPORT_INPUTS).map(([input, path]) => [path, input]));
    const config = await (0,load/* loadConfig */.Z9)({
        source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
        overrides: inputs.reportOverrides,
        inputNames,
        logger,
    });
    const pf = config.preflight;
    const missing = await (0,gates/* missingReports */.ej)(pf, ctx.workspace);
    const strict = missing.filter((p) => !warnOnly(pf, p));
    if (strict.length) {
        throw new errors/* ConfigurationError */.j1(`preflight-gates: report file${strict.length > 1 ? 's' : ''} not found in ${ctx.workspace}: ${strict.join(', ')}. ` +
            'Download the artifact that holds it before this step, or fix the path in promotion.yml (or the input that sets it).');
    }
    for (const p of missing.filter((x) => !strict.includes(x)))
        logger.warning(`Report file ${p} not found; its gate reports a warning (on-error: warn).`);
    const github = deps.github(inputs.token);
    const repo = { owner: ctx.owner, repo: ctx.repo };
    const pr = await (0,gates/* readPullRequest */.DQ)(github, repo, target.pullNumber);
    const headSha = target.reportSha ?? pr.headSha;
    logger.info(`Evaluating PR #${pr.number} (${pr.headRef} -> ${pr.baseRef}) at ${headSha.slice(0, 12)} on ${target.event}.`);
    if (pr.baseRef !== config.branches.production) {
        logger.warning(`PR #${pr.number} targets ${pr.baseRef}, not the production branch ${config.branches.production}; evaluating anyway.`);
    }
    const [override, facts] = await Promise.all([
        readOverride(github, repo, pr, pf, {
            ...(inputs.overrideReason !== undefined ? { inputReason: inputs.overrideReason } : {}),
            ...(target.dispatchActor !== undefined ? { dispatchActor: target.dispatchActor } : {}),
            now: clock.now(),
        }),
        (0,gates/* collectFacts */.M7)({
            github,
            repo,
            exec: deps.exec,
            clock,
            workspace: ctx.workspace,
            checkName: inputs.checkName,
            productionBranch: config.branches.production,
        }, pr, pf),
    ]);
    if (inputs.overrideReason && target.event !== 'workflow_dispatch') {
        logger.warning('override-reason is honoured on workflow_dispatch only; on pull requests use the label and an Override-Reason: line.');
    }
    const evaluated = await (0,gates/* evaluateGates */.ud)(facts, pf, {
        clock,
        readCiRuns: () => (0,gates/* readCiRuns */.xT)(github, repo, pr.headSha),
    });
    const results = (0,gates/* applyOverride */.T6)(evaluated, override.state === 'granted' ? override.request : undefined, pf);
    const verdict = verdictOf(results, override);
    logger.info(`${verdict.title}\n${renderLog(results, override)}`);
    const annotations = results.flatMap((r) => r.annotations);
    const note = annotations.length > MAX_ANNOTATIONS
        ? `_${annotations.length} annotations; the first ${MAX_ANNOTATIONS} are attached._`
        : undefined;
    const summary = renderSummary(results, override, verdict, note);
    await io.appendSummary(`${summary}\n\n${renderText(results, override)}`);
    io.setOutput('result', verdict.result);
    io.setOutput('failed-gates', JSON.stringify(verdict.failedGates));
    if (inputs.dryRun) {
        logger.info('dry-run: no check run or comment written.');
        io.setOutput('check-run-id', '');
    }
    else {
        const { checkRun, operation } = await (0,check_runs/* createOrUpdateCheckRun */.A)(github, repo, {
            name: inputs.checkName,
            headSha,
            status: 'completed',
            conclusion: verdict.result === 'pass' ? 'success' : 'failure',
            output: {
                title: verdict.title,
                summary,
                text: renderText(results, override) || 'No details.',
            },
            annotations: annotations.slice(0, MAX_ANNOTATIONS),
            detailsUrl: ctx.runUrl,
        }, logger);
        logger.info(`Check run "${inputs.checkName}" ${operation} on ${headSha.slice(0, 12)}: ${checkRun.html_url ?? checkRun.id}`);
        io.setOutput('check-run-id', String(checkRun.id));
        deps.progress?.done(`check run "${inputs.checkName}" ${operation} on ${headSha.slice(0, 12)}`);
        if (override.state !== 'none') {
            const body = `${renderAudit(override, results)}\n\nCheck run \`${inputs.checkName}\` on ${headSha.slice(0, 12)} ([run](${ctx.runUrl})).`;
            await (0,comments/* upsertIssueComment */.C)(github, repo, pr.number, 'preflight-override', body, logger);
        }
    }
    if (verdict.result === 'fail')
        io.setFailed(`preflight-gates: ${verdict.title}`);
}
function warnOnly(pf, path) {
    const owners = [
        pf.findings && [...pf.findings.sarif, ...pf.findings.json].includes(path)
            ? pf.findings['on-error']
            : undefined,
        pf.tests && [...pf.tests.junit, ...pf.tests.lcov, ...pf.tests.cobertura].includes(path)
            ? pf.tests['on-error']
            : undefined,
        pf.approvals && pf.approvals['state-files'].some((s) => s.path === path)
            ? pf.approvals['on-error']
            : undefined,
        pf.backup?.file?.path === path ? pf.backup['on-error'] : undefined,
    ].filter(Boolean);
    return owners.length > 0 && owners.every((o) => o === 'warn');
}

;// CONCATENATED MODULE: ./actions/preflight-gates/src/test-clock.ts


/**
 * Test-only: `PROMOTE_FAKE_NOW` (an ISO time) fixes "now" for the bundle under test, honoured
 * only together with `PROMOTE_TEST_MODE=1`. Not an action input on purpose: an input is part of
 * the public interface (listed in action.yml, settable in any workflow's `with:`), and a
 * "now" input would let a caller walk around a freeze window. Two env vars nobody sets by
 * accident, and a warning in the log when they are used, keep the seam visible and off the
 * user's path. The clock only affects time gates; waits (ci polling) still use it.
 */
function testClock(env, logger) {
    const raw = env.PROMOTE_FAKE_NOW;
    if (!raw || env.PROMOTE_TEST_MODE !== '1')
        return undefined;
    const t = Date.parse(raw);
    if (Number.isNaN(t))
        throw new errors/* ConfigurationError */.j1(`PROMOTE_FAKE_NOW: "${raw}" is not an ISO time (test mode only)`);
    logger.warning(`Test mode: the clock is fixed at ${new Date(t).toISOString()} (PROMOTE_FAKE_NOW); never set this in a real workflow.`);
    return (0,clock/* fixedClock */.N)(new Date(t));
}

;// CONCATENATED MODULE: ./actions/preflight-gates/src/main.ts










function defaultDeps() {
    const logger = (0,src_logger/* actionsLogger */.M)();
    return {
        io: (0,io/* actionsIO */.E)(),
        logger,
        clock: testClock(process.env, logger) ?? clock/* systemClock */.m,
        env: process.env,
        exec: (0,exec/* createExec */.k7)({ logger }),
        github: (token) => (0,client/* createGitHubClient */.LX)({ token, logger }),
    };
}
async function run(deps = defaultDeps()) {
    const withProgress = { ...deps, progress: deps.progress ?? (0,progress/* createProgress */.mf)() };
    await (0,action/* runMain */.V)('preflight-gates', () => runPreflight(withProgress, (0,context/* readRunContext */.$)(deps.env)), withProgress);
}


/***/ }),

/***/ 4008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ asMergeGroup),
/* harmony export */   Jp: () => (/* binding */ asMergedPullRequest),
/* harmony export */   M9: () => (/* binding */ requireEvent),
/* harmony export */   OT: () => (/* binding */ asWorkflowDispatch),
/* harmony export */   av: () => (/* binding */ asPullRequestUpdate),
/* harmony export */   hl: () => (/* binding */ asPullRequestReview),
/* harmony export */   j_: () => (/* binding */ readEvent),
/* harmony export */   nR: () => (/* binding */ asPush),
/* harmony export */   yL: () => (/* binding */ isSkip)
/* harmony export */ });
/* unused harmony exports UnsupportedEventError, PULL_REQUEST_UPDATE_ACTIONS, PULL_REQUEST_REVIEW_ACTIONS */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7638);


/** The action was triggered by an event it does not handle: the user fixes the workflow's `on:`. */
class UnsupportedEventError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1 {
    action;
    eventName;
    supported;
    constructor(action, eventName, supported) {
        super(`${action} does not handle the "${eventName || '(none)'}" event; trigger it on ${supported.length > 1
            ? `${supported.slice(0, -1).join(', ')} or ${supported[supported.length - 1]}`
            : (supported[0] ?? 'a supported event')}`);
        this.action = action;
        this.eventName = eventName;
        this.supported = supported;
    }
}
/** Read GITHUB_EVENT_NAME and the JSON at GITHUB_EVENT_PATH (never at import time). */
function readEvent(env = process.env) {
    const name = env.GITHUB_EVENT_NAME ?? '';
    const path = env.GITHUB_EVENT_PATH ?? '';
    if (!name)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('GITHUB_EVENT_NAME is not set: run this action inside a GitHub Actions job.');
    if (!path)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('GITHUB_EVENT_PATH is not set: run this action inside a GitHub Actions job.');
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`Cannot read the event payload at GITHUB_EVENT_PATH (${path}): ${error.message}`);
    }
    let payload;
    try {
        payload = JSON.parse(text);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`The event payload at ${path} is not JSON: ${error.message}`);
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`The event payload at ${path} is not a JSON object.`);
    }
    return { name, payload: payload };
}
const isSkip = (value) => typeof value === 'object' && value !== null && typeof value.skip === 'string';
/** Fail unless the event is one of `supported`. */
function requireEvent(event, action, supported) {
    if (!supported.includes(event.name))
        throw new UnsupportedEventError(action, event.name, supported);
}
const stripRef = (ref) => ref.replace(/^refs\/(heads|tags)\//, '');
function pullRequestFacts(pr, number) {
    return {
        number,
        baseRef: pr.base.ref,
        headRef: pr.head.ref,
        headSha: pr.head.sha,
        title: pr.title,
        author: pr.user?.login ?? '',
        labels: (pr.labels ?? []).map((l) => l.name),
        draft: Boolean(pr.draft),
        htmlUrl: pr.html_url,
    };
}
/** pull_request closed with merged: true. Closed without merging is a Skip. */
function asMergedPullRequest(event, options) {
    requireEvent(event, options.action, options.supported ?? ['pull_request']);
    if (event.name !== 'pull_request')
        return { skip: `the "${event.name}" event is not a merged pull request` };
    const payload = event.payload;
    if (payload.action !== 'closed') {
        return {
            skip: `pull request #${payload.number} was ${payload.action}, not merged; nothing to do until it is merged`,
        };
    }
    const pr = payload.pull_request;
    if (!pr.merged)
        return { skip: `pull request #${payload.number} was closed without merging; nothing to do` };
    if (!pr.merge_commit_sha)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1(`pull request #${payload.number} is merged but the payload has no merge_commit_sha.`);
    return {
        ...pullRequestFacts(pr, payload.number),
        mergeCommitSha: pr.merge_commit_sha,
        mergedAt: pr.merged_at ?? '',
        mergedBy: pr.merged_by?.login ?? undefined,
    };
}
const PULL_REQUEST_UPDATE_ACTIONS = [
    'opened',
    'synchronize',
    'reopened',
    'edited',
    'labeled',
    'unlabeled',
    'ready_for_review',
];
/** A PR opened or changed (new commits, reopened, edited, labelled). Other actions are a Skip. */
function asPullRequestUpdate(event, options) {
    requireEvent(event, options.action, options.supported ?? ['pull_request']);
    if (event.name !== 'pull_request')
        return { skip: `the "${event.name}" event is not a pull request update` };
    const payload = event.payload;
    if (!PULL_REQUEST_UPDATE_ACTIONS.includes(payload.action)) {
        return {
            skip: `pull request #${payload.number} was ${payload.action}; only ${PULL_REQUEST_UPDATE_ACTIONS.join(', ')} are evaluated`,
        };
    }
    return { ...pullRequestFacts(payload.pull_request, payload.number), action: payload.action };
}
/** Review actions that change what the approvals gate sees. */
const PULL_REQUEST_REVIEW_ACTIONS = ['submitted', 'dismissed'];
/**
 * pull_request_review submitted or dismissed: the approvals gate is judged again without a push.
 * The payload's pull_request has the same shape as pull_request's for what is read here.
 * https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request_review
 */
function asPullRequestReview(event, options) {
    requireEvent(event, options.action, options.supported ?? ['pull_request_review']);
    if (event.name !== 'pull_request_review')
        return { skip: `the "${event.name}" event is not a pull request review` };
    const payload = event.payload;
    const pr = payload.pull_request;
    if (!pr || typeof pr.number !== 'number')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('pull_request_review: the payload has no pull_request.number.');
    const action = String(payload.action ?? '');
    if (!PULL_REQUEST_REVIEW_ACTIONS.includes(action)) {
        return {
            skip: `a review of pull request #${pr.number} was ${action}; only ${PULL_REQUEST_REVIEW_ACTIONS.join(', ')} are evaluated`,
        };
    }
    return { ...pullRequestFacts(pr, pr.number), action };
}
/** merge_group checks_requested: required checks must run here too, or the queue waits forever. */
function asMergeGroup(event, options) {
    requireEvent(event, options.action, options.supported ?? ['merge_group']);
    if (event.name !== 'merge_group')
        return { skip: `the "${event.name}" event is not a merge group` };
    const payload = event.payload;
    if (payload.action !== 'checks_requested')
        return { skip: `merge group ${String(payload.action)}: nothing to check` };
    const group = payload.merge_group;
    const pr = /\/pr-(\d+)-[0-9a-f]+$/.exec(group.head_ref);
    return {
        headSha: group.head_sha,
        headRef: group.head_ref,
        baseSha: group.base_sha,
        baseRef: stripRef(group.base_ref),
        pullNumber: pr ? Number(pr[1]) : undefined,
    };
}
/** push to a branch or tag. A deletion (after = 000…) is a Skip. */
function asPush(event, options) {
    requireEvent(event, options.action, options.supported ?? ['push']);
    if (event.name !== 'push')
        return { skip: `the "${event.name}" event is not a push` };
    const payload = event.payload;
    if (payload.deleted || /^0+$/.test(payload.after))
        return { skip: `${payload.ref} was deleted; nothing to do` };
    return {
        ref: payload.ref,
        name: stripRef(payload.ref),
        isTag: payload.ref.startsWith('refs/tags/'),
        before: payload.before,
        after: payload.after,
        created: payload.created,
        forced: payload.forced,
        commits: (payload.commits ?? []).map((c) => ({ id: c.id, message: c.message })),
    };
}
/** workflow_dispatch: the inputs a person typed (untrusted text: keep it data). */
function asWorkflowDispatch(event, options) {
    requireEvent(event, options.action, options.supported ?? ['workflow_dispatch']);
    const payload = event.payload;
    const inputs = {};
    for (const [k, v] of Object.entries(payload.inputs ?? {})) {
        inputs[k] = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    }
    return {
        ref: stripRef(payload.ref ?? ''),
        workflow: payload.workflow ?? '',
        inputs,
        actor: payload.sender?.login ?? '',
    };
}


/***/ }),

/***/ 3163:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ createOrUpdateCheckRun)
/* harmony export */ });
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9889);
/* harmony import */ var _operation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(128);
/* harmony import */ var _landed_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2973);



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
function chunk(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
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
async function createOrUpdateCheckRun(gh, repo, spec, logger = _operation_js__WEBPACK_IMPORTED_MODULE_1__/* .silentLogger */ .q) {
    if (spec.status === 'completed' && !spec.conclusion) {
        throw new Error(`check run "${spec.name}": a completed check run needs a conclusion.`);
    }
    const externalId = spec.externalId ?? `promote:${spec.name}`;
    const output = {
        title: spec.output.title,
        summary: (0,_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .fitText */ .vY)(spec.output.summary, _limits_js__WEBPACK_IMPORTED_MODULE_0__/* .CHECK_RUN_TEXT_LIMIT */ .Zo, 'summary', true),
        ...(spec.output.text !== undefined
            ? { text: (0,_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .fitText */ .vY)(spec.output.text, _limits_js__WEBPACK_IMPORTED_MODULE_0__/* .CHECK_RUN_TEXT_LIMIT */ .Zo, 'details', true) }
            : {}),
    };
    const [firstBatch = [], ...laterBatches] = chunk(spec.annotations ?? [], _limits_js__WEBPACK_IMPORTED_MODULE_0__/* .CHECK_RUN_ANNOTATIONS_PER_REQUEST */ .M4);
    const verdict = {
        status: spec.status,
        ...(spec.status === 'completed' && spec.conclusion ? { conclusion: spec.conclusion } : {}),
        ...(spec.detailsUrl ? { details_url: spec.detailsUrl } : {}),
        external_id: externalId,
    };
    const existing = await findCheckRuns(gh, repo, spec.name, spec.headSha, externalId);
    let checkRun;
    let operation;
    let others;
    const [oldest, ...rest] = existing;
    if (oldest) {
        const { data } = await gh.rest.checks.update({
            ...repo,
            check_run_id: oldest.id,
            ...verdict,
            output: { ...output, ...(firstBatch.length ? { annotations: firstBatch } : {}) },
        });
        checkRun = data;
        operation = 'updated';
        others = rest;
    }
    else {
        const create = (retries) => gh.rest.checks.create({
            ...repo,
            name: spec.name,
            head_sha: spec.headSha,
            ...verdict,
            output: { ...output, ...(firstBatch.length ? { annotations: firstBatch } : {}) },
            ...(retries === undefined ? {} : { request: { retries } }),
        });
        let data;
        try {
            // Not retried blindly: a create whose answer was lost has landed, and a second POST would
            // leave a duplicate check run that can never be deleted (found by test/reliability).
            ({ data } = await create(0));
        }
        catch (error) {
            if (!(0,_landed_js__WEBPACK_IMPORTED_MODULE_2__/* .mayHaveLanded */ .I)(error))
                throw error;
            const landed = await (0,_landed_js__WEBPACK_IMPORTED_MODULE_2__/* .findLanded */ .m)(error, async () => {
                const [run] = await findCheckRuns(gh, repo, spec.name, spec.headSha, externalId);
                return run;
            });
            data = landed ?? (await create()).data;
        }
        checkRun = data;
        operation = 'created';
        // A retried POST may have created it twice; look again.
        const after = await findCheckRuns(gh, repo, spec.name, spec.headSha, externalId);
        const [keep, ...extras] = after;
        if (keep && keep.id !== data.id) {
            // Ours is the duplicate: move the report onto the oldest.
            const { data: kept } = await gh.rest.checks.update({
                ...repo,
                check_run_id: keep.id,
                ...verdict,
                output: { ...output, ...(firstBatch.length ? { annotations: firstBatch } : {}) },
            });
            checkRun = kept;
        }
        others = extras.filter((r) => r.id !== checkRun.id);
        if (keep && keep.id !== data.id && !others.some((r) => r.id === data.id))
            others.push(data);
    }
    for (const batch of laterBatches) {
        await gh.rest.checks.update({
            ...repo,
            check_run_id: checkRun.id,
            output: { title: output.title, summary: output.summary, annotations: batch },
        });
    }
    for (const duplicate of others) {
        await gh.rest.checks.update({
            ...repo,
            check_run_id: duplicate.id,
            ...verdict,
            output: {
                title: output.title,
                summary: (0,_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .fitText */ .vY)(`Duplicate of check run ${checkRun.id} (a retried request created it twice); same verdict.\n\n${output.summary}`, _limits_js__WEBPACK_IMPORTED_MODULE_0__/* .CHECK_RUN_TEXT_LIMIT */ .Zo, 'summary', true),
            },
        });
        logger.info(`Check run ${duplicate.id} is a duplicate of ${checkRun.id}; gave it the same verdict.`);
    }
    const annotationsSent = spec.annotations?.length ?? 0;
    logger.info(`${operation === 'created' ? 'Created' : 'Updated'} check run "${spec.name}" (${checkRun.id}) on ${spec.headSha.slice(0, 7)}: ${spec.status}${verdict.conclusion ? `/${verdict.conclusion}` : ''}${annotationsSent ? `, ${annotationsSent} annotations` : ''}.`);
    return {
        checkRun,
        operation,
        annotationsSent,
        annotationRequests: firstBatch.length ? 1 + laterBatches.length : 0,
    };
}
/** A transport error or 5xx: the request may have been carried out although no answer came. */


/***/ }),

/***/ 6059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ upsertIssueComment)
/* harmony export */ });
/* unused harmony export commentMarker */
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


/***/ })

};
