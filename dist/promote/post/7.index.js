export const id = 7;
export const ids = [7];
export const modules = {

/***/ 6007:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./packages/core/src/action.ts + 2 modules
var action = __webpack_require__(3309);
// EXTERNAL MODULE: ./packages/core/src/context.ts
var context = __webpack_require__(762);
// EXTERNAL MODULE: ./packages/core/src/event-guard.ts
var event_guard = __webpack_require__(4653);
;// CONCATENATED MODULE: ./actions/preflight-gates/src/deps.ts

const defaultDeps = action/* defaultCommandActionDeps */.Zx;

;// CONCATENATED MODULE: ./actions/preflight-gates/src/event-policy.ts
/**
 * A pull request into any branch (a PR into another branch is evaluated with a warning), a
 * review, the merge queue, or a person naming the PR. Anything else writes no check run: the
 * last evaluation's check run stands, and a PR never evaluated shows the required check as
 * expected (blocked), never as passed.
 */
const PREFLIGHT_EVENTS = {
    action: 'preflight-gates',
    accepts: ['pull-request-update', 'pull-request-review', 'merge-group', 'workflow-dispatch'],
    dispatch: 'pull-request',
};

// EXTERNAL MODULE: ./packages/core/src/config/load.ts + 1 modules
var load = __webpack_require__(703);
// EXTERNAL MODULE: ./packages/core/src/errors.ts
var errors = __webpack_require__(7638);
// EXTERNAL MODULE: ./packages/core/src/events.ts
var events = __webpack_require__(4008);
// EXTERNAL MODULE: ./packages/core/src/gates/index.ts + 23 modules
var gates = __webpack_require__(4614);
// EXTERNAL MODULE: ./packages/core/src/github/comments.ts
var comments = __webpack_require__(6059);
// EXTERNAL MODULE: ./packages/core/src/config/merge.ts
var merge = __webpack_require__(4520);
// EXTERNAL MODULE: ./packages/core/src/untrusted-text.ts
var untrusted_text = __webpack_require__(2779);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./actions/preflight-gates/src/base-config.ts





/** The gates a config runs: enabled ones, and freeze only with at least one window. */
function enabledGates(pf) {
    return (0,gates/* configuredGates */.LI)(pf).filter((g) => g === 'freeze' ? (pf.freeze?.length ?? 0) > 0 : pf[g].enabled);
}
/** Nothing but comments and whitespace, `{}` or `null`: a file that says nothing. */
function isEmptyConfig(text) {
    try {
        const raw = (0,dist/* parse */.qg)(text);
        return (raw === null ||
            raw === undefined ||
            (typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 0));
    }
    catch {
        return false; // not YAML: parseConfig says what is wrong with it
    }
}
const SETUP_HELP = (path, base) => [
    `To set it up, add ${(0,untrusted_text/* untrusted */.b)(path, 'code')} to ${(0,untrusted_text/* untrusted */.b)(base.ref, 'code')} with the gates this check should run, for example:`,
    '```yaml\npreflight:\n  # ci, diff-guard (secrets) and branch-protection run unless switched off\n  freeze:\n    - { days: [fri], from: "14:00", reason: no Friday afternoon deploys }\n  tests: { junit: [reports/junit.xml], lcov: [coverage/lcov.info], min-coverage: 80 }\n```',
    '`preflight: {}` alone runs the three default gates. Reference: docs/config.md.',
].join('\n\n');
function pathNote(path) {
    return path === load/* DEFAULT_CONFIG_PATH */.Bi
        ? ''
        : ` (the path the \`config\` input names; the default is ${(0,untrusted_text/* untrusted */.b)(load/* DEFAULT_CONFIG_PATH */.Bi, 'code')})`;
}
/** Pure: the setup problem of a base config, if it has one. */
function setupProblem(input) {
    const { path, base, text } = input;
    const at = `${(0,untrusted_text/* untrusted */.b)(base.ref, 'code')} at ${base.sha.slice(0, 12)}`;
    const bootstrap = input.prHasFile
        ? `This PR adds ${(0,untrusted_text/* untrusted */.b)(path, 'code')}: it is shown below, but it cannot judge the PR that brings it (a PR would then write its own rules). Merge it while \`promote/preflight\` is not yet a required check (or with an administrator's bypass); from then on every PR is judged by it.`
        : '';
    const rule = `preflight-gates judges every pull request by the config on its base branch (${at}), never by the PR's own copy.`;
    if (text === undefined) {
        return {
            title: `No promotion config: ${path} not found on ${base.ref}`,
            body: [
                `**No ${(0,untrusted_text/* untrusted */.b)(path, 'code')} on ${at}**${pathNote(path)}. ${rule} With no config there is nothing to check, and a required check that checks nothing must not pass.`,
                bootstrap,
                SETUP_HELP(path, base),
            ]
                .filter(Boolean)
                .join('\n\n'),
        };
    }
    if (isEmptyConfig(text)) {
        return {
            title: `Empty promotion config: ${path} on ${base.ref} configures nothing`,
            body: [
                `**${(0,untrusted_text/* untrusted */.b)(path, 'code')} on ${at} is empty**${pathNote(path)}. ${rule} An empty file is most likely a mistake, so no gate runs and the check fails.`,
                bootstrap,
                SETUP_HELP(path, base),
            ]
                .filter(Boolean)
                .join('\n\n'),
        };
    }
    if (input.gates && input.gates.length === 0) {
        return {
            title: `No gate enabled: ${path} on ${base.ref} switches every gate off`,
            body: [
                `**${(0,untrusted_text/* untrusted */.b)(path, 'code')} on ${at} enables no gate**: ci, diff-guard and branch-protection say \`enabled: false\` and no other gate is configured. A required check that checks nothing must not pass.`,
                'Enable at least one gate (remove an `enabled: false`, or add e.g. `freeze:` or `tests:` under `preflight:`). Reference: docs/config.md.',
            ].join('\n\n'),
        };
    }
    return undefined;
}
/**
 * Read the config at the PR's base SHA, validate it (a bad file throws, naming the key), merge
 * the action inputs and tell a setup problem apart from a config that runs gates.
 */
async function loadBaseConfig(options) {
    const { path, base } = options;
    const text = await (0,load/* readConfigText */.im)({
        kind: 'api',
        github: options.github,
        ...options.repo,
        path,
        ref: base.sha,
    });
    if (text === undefined || isEmptyConfig(text)) {
        const problem = setupProblem({ path, base, text, prHasFile: await options.prHasFile() });
        return { ok: false, problem };
    }
    const config = (0,merge/* mergeInputs */.s)((0,load/* parseConfig */.o4)(text, path, { logger: options.logger }), options.overrides, options.inputNames);
    const gates = enabledGates(config.preflight);
    const problem = setupProblem({ path, base, text, gates, prHasFile: false });
    return problem ? { ok: false, problem } : { ok: true, config, gates };
}

;// CONCATENATED MODULE: ./actions/preflight-gates/src/gate-changes.ts

/**
 * The PR's own changes to the gate files (the config, the scripts gate commands run), shown in
 * the check run as a diff: the gates judged the PR by the base branch's versions, so a reviewer
 * must see what the PR would change about the judging before approving it (issue #16).
 */
/** The diff section's budget: a reviewer reads it in the check run; the PR's Files tab has the rest. */
const GATE_DIFF_MAX_CHARS = 12_000;
const GATE_DIFF_MAX_LINES = 300;
/** One line for the summary: which gate files changed and by whose versions the PR was judged. */
function gateChangesNote(changed, base) {
    if (changed.length === 0)
        return '';
    const names = changed.map((f) => (0,untrusted_text/* untrusted */.b)(f.filename, 'code')).join(', ');
    return `**This PR changes the gate files** ${names}. They were judged, not obeyed: every gate ran with the versions on ${(0,untrusted_text/* untrusted */.b)(base.ref, 'code')} (${base.sha.slice(0, 12)}). The diff is in the details below.`;
}
/** Lines of a patch up to what is left of the budget, and how many were left out. */
function cut(patch, chars, lines) {
    const all = patch.replace(/\n$/, '').split('\n');
    const kept = [];
    let used = 0;
    for (const line of all) {
        if (kept.length >= lines || used + line.length + 1 > chars)
            break;
        kept.push(line);
        used += line.length + 1;
    }
    return { text: kept.join('\n'), omitted: all.length - kept.length };
}
/** A `## Changes to the gate files` section with one fenced diff per file, bounded in size. */
function renderGateChanges(changed, base, limits = {
    chars: GATE_DIFF_MAX_CHARS,
    lines: GATE_DIFF_MAX_LINES,
}) {
    if (changed.length === 0)
        return '';
    const out = [
        '## Changes to the gate files',
        `Judged, not obeyed: the gates ran with the versions on ${(0,untrusted_text/* untrusted */.b)(base.ref, 'code')} at ${base.sha.slice(0, 12)}. Merging this PR makes these versions judge the next promotion, so a change here needs the approval diff guard names (\`preflight.diff-guard.gate-files\`).`,
    ];
    let chars = limits.chars;
    let lines = limits.lines;
    for (const f of changed) {
        const renamed = f.previous_filename
            ? ` (renamed from ${(0,untrusted_text/* untrusted */.b)(f.previous_filename, 'code')})`
            : '';
        out.push(`**${(0,untrusted_text/* untrusted */.b)(f.filename, 'code')}**${renamed}: ${(0,untrusted_text/* untrusted */.b)(f.status, 'inline')}, +${f.additions} −${f.deletions}`);
        if (f.patch === undefined) {
            out.push('_GitHub sent no patch for this file (binary or too large); see the Files tab._');
            continue;
        }
        const { text, omitted } = cut(f.patch, chars, lines);
        chars -= text.length;
        lines -= text === '' ? 0 : text.split('\n').length;
        if (text)
            out.push((0,untrusted_text/* untrusted */.b)(text, 'block', { language: 'diff' }));
        if (omitted > 0)
            out.push(`_… ${omitted} more line${omitted === 1 ? '' : 's'} of this diff left out to keep the check run short; see the PR's Files tab._`);
    }
    return out.join('\n\n');
}

// EXTERNAL MODULE: ./packages/core/src/inputs.ts
var inputs = __webpack_require__(7276);
// EXTERNAL MODULE: ./packages/core/src/github/limits.ts
var limits = __webpack_require__(9889);
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
        overrideReason: (0,inputs/* getTextInput */.Km)(io, 'override-reason', {
            max: limits/* REASON_LIMIT */.V2,
            why: 'an override reason is quoted in the check run and a PR comment',
        }),
        reportOverrides,
    };
}

// EXTERNAL MODULE: ./packages/core/src/markdown.ts
var markdown = __webpack_require__(2712);
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
            // Typed in a PR, not an input we can refuse: cut to the bound, the cut marked.
            reason: (0,markdown/* truncate */.xv)(reason, limits/* REASON_LIMIT */.V2),
            via: `label "${label}"${reasonBy && reasonBy !== actor ? ` (reason by @${reasonBy})` : ''}`,
        },
    };
}

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
const quote = (text) => (0,untrusted_text/* untrusted */.b)(text, 'inline');
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

// EXTERNAL MODULE: ./packages/core/src/github/check-runs.ts
var check_runs = __webpack_require__(5544);
;// CONCATENATED MODULE: ./actions/preflight-gates/src/write-check.ts

/**
 * Writes the one `promote/preflight` check run (created, or updated when this SHA has it) with the
 * verdict, sets `check-run-id`, and logs where it is. The gates' verdict and a setup problem both
 * go through here, so the check a ruleset requires is always written the same way.
 */
async function writeCheck(deps, target, verdict) {
    const { io, logger } = deps;
    const { checkRun, operation } = await (0,check_runs/* createOrUpdateCheckRun */.A)(target.github, target.repo, {
        name: target.name,
        headSha: target.headSha,
        status: 'completed',
        conclusion: verdict.conclusion,
        output: {
            title: verdict.title,
            summary: verdict.summary,
            text: verdict.text || 'No details.',
        },
        ...(verdict.annotations ? { annotations: verdict.annotations } : {}),
        detailsUrl: target.runUrl,
    }, logger);
    const where = `${target.headSha.slice(0, 12)}`;
    logger.info(`Check run "${target.name}" ${operation} on ${where}: ${checkRun.html_url ?? checkRun.id}`);
    io.setOutput('check-run-id', String(checkRun.id));
    deps.progress.done(`check run "${target.name}" ${operation} on ${where}`);
}

;// CONCATENATED MODULE: ./actions/preflight-gates/src/setup-problem.ts



/**
 * A config that cannot judge anything fails the required check with what to do, in the check run
 * (where a reviewer looks) as well as the log. The PR's own copy of the config, if it has one, is
 * shown as a diff: on the first adoption that is the config the next PRs will be judged by.
 */
async function reportSetupProblem(deps, ctx, run, problem) {
    const { io, logger } = deps;
    const { inputs, github, repo, pr, headSha, base } = run;
    let diff = '';
    try {
        const { files } = await (0,gates/* readPullRequestFiles */.Gn)(github, repo, pr);
        diff = renderGateChanges((0,gates/* changedGateFiles */.$s)(files, [inputs.config]), base);
    }
    catch (e) {
        logger.warning(`Could not read the PR's files to show its config: ${e.message}`);
    }
    const summary = `### ${problem.title}\n\n${problem.body}`;
    await io.appendSummary(diff ? `${summary}\n\n${diff}` : summary);
    io.setOutput('result', 'fail');
    io.setOutput('failed-gates', JSON.stringify(['config']));
    if (inputs.dryRun) {
        logger.info('dry-run: no check run written.');
        io.setOutput('check-run-id', '');
    }
    else {
        await writeCheck(deps, { github, repo, name: inputs.checkName, headSha, runUrl: ctx.runUrl }, { conclusion: 'failure', title: problem.title, summary, text: diff });
    }
    io.setFailed(`preflight-gates: ${problem.title}. ${problem.body.split('\n\n')[0].replace(/\*\*/g, '')}`);
}

;// CONCATENATED MODULE: ./actions/preflight-gates/src/target.ts


const SUPPORTED_EVENTS = [
    'pull_request',
    'pull_request_target',
    'pull_request_review',
    'merge_group',
    'workflow_dispatch',
];
function resolveTarget(event, inputs) {
    (0,events/* requireEvent */.M9)(event, 'preflight-gates', SUPPORTED_EVENTS);
    if (event.name === 'pull_request' || event.name === 'pull_request_target') {
        // pull_request_target carries the same pull_request payload.
        const pr = (0,events/* asPullRequestUpdate */.av)({ ...event, name: 'pull_request' }, {
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
/** Read the PR, load the base branch's config, judge every gate, report: the check run is the verdict. */
async function runPreflight(deps, ctx) {
    const inputs = readInputs(deps.io);
    const target = resolveTarget((0,events/* readEvent */.j_)(deps.env), inputs);
    if ('skip' in target) {
        // main.ts's event guard skips these first; a skip never reports a pass.
        await (0,event_guard/* reportSkip */.Ab)(deps, 'preflight-gates', target.skip);
        deps.io.setOutput('result', 'skipped');
        deps.io.setOutput('failed-gates', '[]');
        return;
    }
    const judged = await readJudged(deps, ctx, inputs, target);
    // Everything the user must fix is found before the first write.
    const loaded = await loadJudgingConfig(judged, deps.logger);
    if (!loaded.ok)
        return reportSetupProblem(deps, ctx, judged, loaded.problem);
    const { config } = loaded;
    deps.logger.info(`Config: ${inputs.config} from ${judged.base.ref} at ${judged.base.sha.slice(0, 12)}; gates: ${loaded.gates.join(', ')}.`);
    await requireReports(deps.logger, config.preflight, ctx.workspace);
    if (judged.pr.baseRef !== config.branches.production) {
        deps.logger.warning(`PR #${judged.pr.number} targets ${judged.pr.baseRef}, not the production branch ${config.branches.production}; evaluating anyway.`);
    }
    const judgement = await judgeGates(deps, ctx, judged, config);
    await reportVerdict(deps, ctx, judged, judgement);
}
async function readJudged(deps, ctx, inputs, target) {
    const github = deps.github(inputs.token);
    const repo = { owner: ctx.owner, repo: ctx.repo };
    const pr = await (0,gates/* readPullRequest */.DQ)(github, repo, target.pullNumber);
    const headSha = target.reportSha ?? pr.headSha;
    deps.logger.info(`Evaluating PR #${pr.number} (${pr.headRef} -> ${pr.baseRef}) at ${headSha.slice(0, 12)} on ${target.event}.`);
    return { inputs, target, github, repo, pr, headSha, base: { ref: pr.baseRef, sha: pr.baseSha } };
}
/** The base branch's config (issue #16): the PR's own copy is judged, never obeyed. */
function loadJudgingConfig(judged, logger) {
    const { inputs, github, repo, pr, base } = judged;
    const inputNames = Object.fromEntries(Object.entries(REPORT_INPUTS).map(([input, path]) => [path, input]));
    return loadBaseConfig({
        github,
        repo,
        path: inputs.config,
        base,
        overrides: inputs.reportOverrides,
        inputNames,
        logger,
        prHasFile: async () => (await (0,load/* readConfigText */.im)({
            kind: 'api',
            github,
            ...repo,
            path: inputs.config,
            ref: pr.headSha,
        })) !== undefined,
    });
}
/** A report file the config names must be in the workspace, unless its gate only warns. */
async function requireReports(logger, pf, workspace) {
    const missing = await (0,gates/* missingReports */.ej)(pf, workspace);
    const strict = missing.filter((p) => !warnOnly(pf, p));
    if (strict.length) {
        throw new errors/* ConfigurationError */.j1(`preflight-gates: report file${strict.length > 1 ? 's' : ''} not found in ${workspace}: ${strict.join(', ')}. ` +
            'Download the artifact that holds it before this step, or fix the path in promotion.yml (or the input that sets it).');
    }
    for (const p of missing.filter((x) => !strict.includes(x)))
        logger.warning(`Report file ${p} not found; its gate reports a warning (on-error: warn).`);
}
/** Facts read once (gate commands run as the base branch has them), then every gate evaluated. */
async function judgeGates(deps, ctx, judged, config) {
    const { inputs, target, github, repo, pr, base } = judged;
    const pf = config.preflight;
    const gateFiles = (0,gates/* gateFilePaths */.CM)(inputs.config, pf);
    const scripts = await (0,gates/* createBaseScripts */.gF)({
        github,
        repo,
        base,
        headSha: pr.headSha,
        ...(deps.env.RUNNER_TEMP ? { tempRoot: deps.env.RUNNER_TEMP } : {}),
    });
    const [override, facts] = await Promise.all([
        readOverride(github, repo, pr, pf, {
            ...(inputs.overrideReason !== undefined ? { inputReason: inputs.overrideReason } : {}),
            ...(target.dispatchActor !== undefined ? { dispatchActor: target.dispatchActor } : {}),
            now: deps.clock.now(),
        }),
        (0,gates/* collectFacts */.M7)({
            github,
            repo,
            exec: deps.exec,
            clock: deps.clock,
            workspace: ctx.workspace,
            checkName: inputs.checkName,
            productionBranch: config.branches.production,
            resolveCommand: (argv) => scripts.resolve(argv),
            gateFiles,
        }, pr, pf).finally(() => scripts.dispose()),
    ]);
    if (scripts.taken.size > 0)
        deps.logger.info(`Gate commands ran ${[...scripts.taken].join(', ')} as ${base.ref} has them.`);
    if (inputs.overrideReason && target.event !== 'workflow_dispatch') {
        deps.logger.warning('override-reason is honoured on workflow_dispatch only; on pull requests use the label and an Override-Reason: line.');
    }
    const evaluated = await (0,gates/* evaluateGates */.ud)(facts, pf, {
        clock: deps.clock,
        readCiRuns: () => (0,gates/* readCiRuns */.xT)(github, repo, pr.headSha),
        ownWorkflow: ctx.workflow,
    });
    const granted = override.state === 'granted' ? override.request : undefined;
    return {
        results: (0,gates/* applyOverride */.T6)(evaluated, granted, pf),
        override,
        gateChanges: facts.files.ok ? (0,gates/* changedGateFiles */.$s)(facts.files.value.files, gateFiles) : [],
    };
}
/** The table in the log and the job summary, the outputs, the check run and the override's audit. */
async function reportVerdict(deps, ctx, judged, judgement) {
    const { io, logger } = deps;
    const { inputs, github, repo, pr, headSha, base } = judged;
    const { results, override, gateChanges } = judgement;
    const verdict = verdictOf(results, override);
    logger.info(`${verdict.title}\n${renderLog(results, override)}`);
    const annotations = results.flatMap((r) => r.annotations);
    const tooMany = annotations.length > MAX_ANNOTATIONS
        ? `_${annotations.length} annotations; the first ${MAX_ANNOTATIONS} are attached._`
        : '';
    const note = [gateChangesNote(gateChanges, base), tooMany].filter(Boolean).join('\n\n');
    const summary = renderSummary(results, override, verdict, note || undefined);
    // The diff first: the check run's text is cut at GitHub's limit from the end.
    const text = [renderGateChanges(gateChanges, base), renderText(results, override)]
        .filter(Boolean)
        .join('\n\n');
    await io.appendSummary(`${summary}\n\n${text}`);
    io.setOutput('result', verdict.result);
    io.setOutput('failed-gates', JSON.stringify(verdict.failedGates));
    if (inputs.dryRun) {
        logger.info('dry-run: no check run or comment written.');
        io.setOutput('check-run-id', '');
    }
    else {
        await writeCheck(deps, { github, repo, name: inputs.checkName, headSha, runUrl: ctx.runUrl }, {
            conclusion: verdict.result === 'pass' ? 'success' : 'failure',
            title: verdict.title,
            summary,
            text,
            annotations: annotations.slice(0, MAX_ANNOTATIONS),
        });
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

;// CONCATENATED MODULE: ./actions/preflight-gates/src/main.ts






async function run(deps = defaultDeps()) {
    await (0,action/* runMain */.VN)('preflight-gates', () => preflight(deps), deps);
}
async function preflight(deps) {
    // Before anything else: an event preflight does not evaluate writes no check run (issue #16).
    const pullRequest = Number(deps.io.getInput('pull-request').replace(/^#/, '')) || undefined;
    if (!(await (0,event_guard/* guardEvent */._p)(deps, PREFLIGHT_EVENTS, { pullRequest }))) {
        deps.io.setOutput('result', 'skipped');
        deps.io.setOutput('failed-gates', '[]');
        return;
    }
    await runPreflight(deps, (0,context/* readRunContext */.$)(deps.env));
}


/***/ }),

/***/ 5544:
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


/***/ })

};
