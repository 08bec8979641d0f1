export const id = 614;
export const ids = [614];
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

/***/ 4614:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T6: () => (/* reexport */ applyOverride),
  $s: () => (/* reexport */ changedGateFiles),
  M7: () => (/* reexport */ collectFacts),
  LI: () => (/* reexport */ configuredGates),
  gF: () => (/* reexport */ createBaseScripts),
  ud: () => (/* reexport */ evaluateGates),
  fK: () => (/* reexport */ fact),
  CM: () => (/* reexport */ gateFilePaths),
  ej: () => (/* reexport */ missingReports),
  h4: () => (/* reexport */ notCollected),
  xT: () => (/* reexport */ readCiRuns),
  VN: () => (/* reexport */ readDriftCompare),
  DQ: () => (/* reexport */ readPullRequest),
  Gn: () => (/* reexport */ readPullRequestFiles),
  Ak: () => (/* reexport */ readReportFiles),
  ji: () => (/* reexport */ runGateCommands)
});

// UNUSED EXPORTS: GATE_ORDER, PR_FILES_LIMIT, addedLineMap, addedLines, approvalsGate, approvers, backupGate, branchProtectionGate, cannotEvaluate, changeSizeGate, ciGate, customGate, diffGuardGate, driftGate, findingsGate, freezeGate, gateCommands, missing, parseCobertura, parseJUnit, parseLcov, parseSarif, parseTimestamp, repoPathOf, result, severityFromScore, testsGate

;// CONCATENATED MODULE: ./packages/core/src/gates/types.ts
const fact = (value) => ({ ok: true, value });
const missing = (error) => ({ ok: false, error });
/** Row display names: config keys read as words. */
function displayName(gate) {
    return gate.replace(/-/g, ' ');
}
function result(gate, status, summary, extra = {}) {
    const row = { name: displayName(gate), status, summary };
    if (extra.details)
        row.details = extra.details;
    return { gate, row, annotations: extra.annotations ?? [] };
}
/** A gate that cannot be evaluated: fail (or warn where configured), never pass. */
function cannotEvaluate(gate, reason, onError = 'fail') {
    return result(gate, onError, `cannot evaluate: ${reason}`);
}

;// CONCATENATED MODULE: ./packages/core/src/gates/facts.ts
function notCollected(what) {
    return { ok: false, error: `${what} was not read` };
}

// EXTERNAL MODULE: ./node_modules/parse-diff/index.js
var parse_diff = __webpack_require__(2673);
var parse_diff_default = /*#__PURE__*/__webpack_require__.n(parse_diff);
;// CONCATENATED MODULE: ./packages/core/src/gates/diff.ts

/**
 * The added lines of one file's patch (new-file line numbers). GitHub's `patch` holds the hunks
 * only (no `diff --git` header), so a header is prepended for parse-diff.
 */
function addedLines(patch) {
    const [file] = parse_diff_default()(`--- a/x\n+++ b/x\n${patch.endsWith('\n') ? patch : `${patch}\n`}`);
    const out = [];
    for (const chunk of file?.chunks ?? []) {
        for (const change of chunk.changes) {
            if (change.type === 'add')
                out.push({ line: change.ln, content: change.content.slice(1) });
        }
    }
    return out;
}
/** Added line numbers per file, plus the files whose additions cannot be known (no patch). */
function addedLineMap(files) {
    const lines = new Map();
    const unknown = [];
    for (const f of files) {
        if (f.status === 'removed' || f.additions === 0)
            continue;
        if (f.patch === undefined) {
            unknown.push(f.filename);
            continue;
        }
        lines.set(f.filename, new Set(addedLines(f.patch).map((l) => l.line)));
    }
    return { lines, unknown };
}

// EXTERNAL MODULE: ./node_modules/luxon/build/es6/luxon.mjs
var luxon = __webpack_require__(8714);
// EXTERNAL MODULE: ./packages/core/src/config/sections/preflight.ts
var preflight = __webpack_require__(9454);
;// CONCATENATED MODULE: ./packages/core/src/freeze.ts


const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
function minutesOf(hhmm) {
    const [h, m] = hhmm.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
}
/** Local weekday key (mon..sun) of a luxon DateTime. */
function dayKey(dt) {
    return preflight/* WEEKDAYS */.w4[dt.weekday - 1];
}
function describeLocalTime(now, zone) {
    const dt = luxon/* DateTime */.c9.fromJSDate(now, { zone });
    return `${DAY_NAMES[dt.weekday - 1]} ${dt.toFormat('HH:mm')} ${zone}`;
}
function describeWindow(w, zone) {
    const tz = w.timezone ?? zone;
    const reason = w.reason ? ` (${w.reason})` : '';
    if ('dates' in w) {
        const span = w.dates.from === w.dates.to ? w.dates.from : `${w.dates.from}..${w.dates.to}`;
        return `freeze ${span} ${tz}${reason}`;
    }
    const days = w.days.join(',');
    const allDay = w.from === '00:00' && w.to === undefined;
    const span = allDay ? 'all day' : w.to === undefined ? `from ${w.from}` : `${w.from}-${w.to}`;
    return `freeze ${days} ${span} ${tz}${reason}`;
}
/** Whether one window covers the instant `now`. */
function windowCovers(w, now, defaultZone) {
    const zone = w.timezone ?? defaultZone;
    const local = luxon/* DateTime */.c9.fromJSDate(now, { zone });
    if ('dates' in w) {
        const date = local.toISODate();
        return date >= w.dates.from && date <= w.dates.to;
    }
    const minute = local.hour * 60 + local.minute;
    const from = minutesOf(w.from);
    const to = w.to === undefined ? 24 * 60 : minutesOf(w.to);
    if (from < to)
        return w.days.includes(dayKey(local)) && minute >= from && minute < to;
    if (from === to)
        return w.days.includes(dayKey(local)); // a full day starting at `from`: treat as all day
    // Past midnight: the evening of a listed day, or the early morning after one.
    const yesterday = local.minus({ days: 1 });
    return ((w.days.includes(dayKey(local)) && minute >= from) ||
        (w.days.includes(dayKey(yesterday)) && minute < to));
}
function evaluateFreeze(now, windows, defaultZone) {
    const window = windows.find((w) => windowCovers(w, now, defaultZone));
    const zone = window?.timezone ?? defaultZone;
    const localTime = describeLocalTime(now, zone);
    if (!window)
        return { frozen: false, localTime };
    return { frozen: true, localTime, window, description: describeWindow(window, defaultZone) };
}

;// CONCATENATED MODULE: ./packages/core/src/gates/freeze-gate.ts


/** freeze: is now (the merge time on merge_group) inside a weekly window or a date range? */
function freezeGate(facts, config) {
    const decision = evaluateFreeze(facts.now, config.freeze ?? [], config.timezone);
    if (!decision.frozen)
        return result('freeze', 'pass', `${decision.localTime}, no freeze window`);
    return result('freeze', 'fail', `${decision.localTime}: inside ${decision.description}`);
}

// EXTERNAL MODULE: ./packages/core/src/untrusted-text.ts
var untrusted_text = __webpack_require__(2779);
;// CONCATENATED MODULE: ./packages/core/src/gates/findings.ts



/** CVSS bands GitHub code scanning uses for `security-severity`. */
function severityFromScore(score) {
    if (score >= 9)
        return 'critical';
    if (score >= 7)
        return 'high';
    if (score >= 4)
        return 'medium';
    if (score > 0)
        return 'low';
    return 'note';
}
const LEVELS = {
    error: 'high',
    warning: 'medium',
    note: 'low',
    none: 'note',
};
const obj = (v) => (v && typeof v === 'object' ? v : {});
/** SARIF 2.1.0: severity from `properties.security-severity` (result, then rule), else `level`. */
function parseSarif(text, source) {
    const doc = obj(JSON.parse(text));
    if (!Array.isArray(doc.runs))
        throw new Error(`${source} is not SARIF: no "runs" array`);
    const out = [];
    for (const run of doc.runs) {
        const driver = obj(obj(obj(run).tool).driver);
        const rules = (Array.isArray(driver.rules) ? driver.rules : []);
        for (const r of (Array.isArray(obj(run).results) ? obj(run).results : [])) {
            const rule = (typeof r.ruleIndex === 'number' ? rules[r.ruleIndex] : undefined) ??
                rules.find((x) => x.id === r.ruleId) ??
                {};
            const score = obj(r.properties)['security-severity'] ?? obj(rule.properties)['security-severity'];
            const level = r.level ??
                obj(rule.defaultConfiguration).level ??
                'warning';
            const severity = score !== undefined && !Number.isNaN(Number(score))
                ? severityFromScore(Number(score))
                : (LEVELS[level] ?? 'medium');
            const loc = obj(obj(Array.isArray(r.locations) ? r.locations[0] : undefined).physicalLocation);
            const uri = obj(loc.artifactLocation).uri;
            const line = obj(loc.region).startLine;
            const f = {
                severity,
                message: String(obj(r.message).text ?? r.ruleId ?? 'finding'),
                source,
            };
            if (typeof r.ruleId === 'string')
                f.rule = r.ruleId;
            if (uri)
                f.file = uri.replace(/^file:\/\//, '').replace(/^\.\//, '');
            if (typeof line === 'number')
                f.line = line;
            out.push(f);
        }
    }
    return out;
}
/** The simple list: `[{ severity, message, file?, line?, rule? }]` or `{ findings: [...] }`. */
function parseFindingsList(text, source) {
    const doc = JSON.parse(text);
    const list = Array.isArray(doc) ? doc : obj(doc).findings;
    if (!Array.isArray(list))
        throw new Error(`${source} is not a findings list: expected an array or { "findings": [...] }`);
    return list.map((raw, i) => {
        const x = obj(raw);
        const sev = String(x.severity ?? '').toLowerCase();
        if (!preflight/* SEVERITIES */.oC.includes(sev)) {
            throw new Error(`${source}[${i}].severity: ${JSON.stringify(x.severity)} is not one of ${preflight/* SEVERITIES */.oC.join(', ')}`);
        }
        const f = {
            severity: sev,
            message: String(x.message ?? x.title ?? 'finding'),
            source,
        };
        if (typeof x.rule === 'string')
            f.rule = x.rule;
        if (typeof x.file === 'string')
            f.file = x.file;
        if (typeof x.line === 'number')
            f.line = x.line;
        return f;
    });
}
const rank = (s) => preflight/* SEVERITIES */.oC.length - preflight/* SEVERITIES */.oC.indexOf(s); // critical highest
function findingsGate(facts, config) {
    const g = config.findings;
    const findings = [];
    const sources = [
        ...g.sarif.map((p) => [p, parseSarif]),
        ...g.json.map((p) => [p, parseFindingsList]),
    ];
    for (const [path, parse] of sources) {
        const text = facts.reports.get(path);
        if (!text?.ok)
            return cannotEvaluate('findings', text?.error ?? `${path} was not read`, g['on-error']);
        try {
            findings.push(...parse(text.value, path));
        }
        catch (e) {
            return cannotEvaluate('findings', e instanceof Error ? e.message : String(e), g['on-error']);
        }
    }
    const block = g['block-at'];
    const counts = new Map(preflight/* SEVERITIES */.oC.map((s) => [s, 0]));
    for (const f of findings)
        counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
    const blocking = findings.filter((f) => rank(f.severity) >= rank(block));
    const shown = preflight/* SEVERITIES */.oC.filter((s) => s !== 'note' || (counts.get('note') ?? 0) > 0);
    const summary = `${shown.map((s) => `${counts.get(s)} ${s.toUpperCase()}`).join(', ')} (block at ${block.toUpperCase()})`;
    const annotations = findings
        .filter((f) => f.file)
        .map((f) => ({
        path: f.file,
        start_line: f.line ?? 1,
        end_line: f.line ?? 1,
        annotation_level: rank(f.severity) >= rank(block)
            ? 'failure'
            : f.severity === 'medium'
                ? 'warning'
                : 'notice',
        title: `${f.severity.toUpperCase()}${f.rule ? ` ${f.rule}` : ''}`,
        message: f.message,
    }));
    const details = findings.length
        ? [...findings]
            .sort((a, b) => rank(b.severity) - rank(a.severity))
            .slice(0, 100)
            .map((f) => `- **${f.severity.toUpperCase()}** ${(0,untrusted_text/* untrusted */.b)(f.message, 'inline')}${f.file ? ` (${(0,untrusted_text/* untrusted */.b)(`${f.file}${f.line ? `:${f.line}` : ''}`, 'code')})` : ''}`)
            .join('\n') + (findings.length > 100 ? `\n- … and ${findings.length - 100} more` : '')
        : undefined;
    return result('findings', blocking.length ? 'fail' : 'pass', summary, { details, annotations });
}

// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 28 modules
var XMLParser = __webpack_require__(8879);
;// CONCATENATED MODULE: ./packages/core/src/gates/tests.ts




const xml = new XMLParser/* default */.A({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) => ['testsuite', 'testcase', 'package', 'class', 'line', 'source'].includes(name),
});
/** JUnit XML: counts test cases (nested testsuites included), not the suites' own attributes. */
function parseJUnit(text, source) {
    const doc = xml.parse(text);
    if (!doc.testsuites && !doc.testsuite)
        throw new Error(`${source} is not JUnit XML: no <testsuites> or <testsuite>`);
    const counts = { total: 0, passed: 0, failed: 0, skipped: 0, failures: [] };
    const visit = (node, prefix) => {
        for (const suite of node.testsuite ?? [])
            visit(suite, String(suite['@_name'] ?? prefix));
        for (const tc of node.testcase ?? []) {
            counts.total++;
            if (tc.failure !== undefined || tc.error !== undefined) {
                counts.failed++;
                counts.failures.push(`${tc['@_classname'] ?? prefix} › ${tc['@_name'] ?? '?'}`);
            }
            else if (tc.skipped !== undefined)
                counts.skipped++;
            else
                counts.passed++;
        }
    };
    visit(doc.testsuites ?? doc, '');
    return counts;
}
function parseLcov(text) {
    const cov = new Map();
    let lines;
    for (const raw of text.split(/\r?\n/)) {
        if (raw.startsWith('SF:')) {
            const file = raw.slice(3).trim();
            lines = cov.get(file) ?? new Map();
            cov.set(file, lines);
        }
        else if (raw.startsWith('DA:') && lines) {
            const [ln, hits] = raw.slice(3).split(',');
            lines.set(Number(ln), Math.max(lines.get(Number(ln)) ?? 0, Number(hits)));
        }
        else if (raw === 'end_of_record')
            lines = undefined;
    }
    return cov;
}
function parseCobertura(text, source) {
    const doc = xml.parse(text);
    const coverage = doc.coverage;
    if (!coverage)
        throw new Error(`${source} is not Cobertura XML: no <coverage>`);
    const cov = new Map();
    for (const pkg of coverage.packages?.package ??
        []) {
        for (const cls of pkg.classes?.class ?? []) {
            const file = String(cls['@_filename'] ?? '');
            const lines = cov.get(file) ?? new Map();
            cov.set(file, lines);
            for (const l of cls.lines?.line ?? []) {
                const n = Number(l['@_number']);
                lines.set(n, Math.max(lines.get(n) ?? 0, Number(l['@_hits'] ?? 0)));
            }
        }
    }
    return cov;
}
/** Find a repository path in a coverage map whose paths may be absolute or source-relative. */
function lookup(cov, index, repoPath) {
    const exact = cov.get(repoPath);
    if (exact)
        return exact;
    const base = repoPath.slice(repoPath.lastIndexOf('/') + 1);
    for (const candidate of index.get(base) ?? []) {
        const c = candidate.replace(/\\/g, '/');
        if (c.endsWith(`/${repoPath}`) || repoPath.endsWith(`/${c}`))
            return cov.get(candidate);
    }
    return undefined;
}
function changedLineCoverage(files, cov) {
    const index = new Map();
    for (const k of cov.keys()) {
        const base = k.slice(k.replace(/\\/g, '/').lastIndexOf('/') + 1);
        index.set(base, [...(index.get(base) ?? []), k]);
    }
    const { lines, unknown } = addedLineMap(files.files);
    const out = {
        instrumented: 0,
        covered: 0,
        uncovered: new Map(),
        unknown: [],
    };
    for (const [file, added] of lines) {
        const hits = lookup(cov, index, file);
        if (!hits)
            continue;
        for (const ln of added) {
            const h = hits.get(ln);
            if (h === undefined)
                continue;
            out.instrumented++;
            if (h > 0)
                out.covered++;
            else
                out.uncovered.set(file, [...(out.uncovered.get(file) ?? []), ln]);
        }
    }
    out.unknown = unknown.filter((f) => lookup(cov, index, f));
    return out;
}
/** Group sorted line numbers into ranges [start, end]. */
function ranges(lines) {
    const out = [];
    for (const n of [...lines].sort((a, b) => a - b)) {
        const last = out[out.length - 1];
        if (last && n === last[1] + 1)
            last[1] = n;
        else
            out.push([n, n]);
    }
    return out;
}
function testsGate(facts, config) {
    const g = config.tests;
    const onError = g['on-error'];
    const read = (path) => facts.reports.get(path) ?? { ok: false, error: `${path} was not read` };
    const parts = [];
    const details = [];
    let status = 'pass';
    const annotations = [];
    try {
        if (g.junit.length) {
            const total = { total: 0, passed: 0, failed: 0, skipped: 0, failures: [] };
            for (const path of g.junit) {
                const text = read(path);
                if (!text.ok)
                    return cannotEvaluate('tests', text.error, onError);
                const c = parseJUnit(text.value, path);
                total.total += c.total;
                total.passed += c.passed;
                total.failed += c.failed;
                total.skipped += c.skipped;
                total.failures.push(...c.failures);
            }
            if (total.total === 0)
                return cannotEvaluate('tests', `no test cases in ${g.junit.join(', ')}`, onError);
            const ran = total.total - total.skipped;
            parts.push(`${total.passed}/${ran} pass${total.skipped ? `, ${total.skipped} skipped` : ''}`);
            if (total.failed) {
                status = 'fail';
                parts[parts.length - 1] += ` (${total.failed} failed)`;
                details.push(`Failed tests:\n${total.failures
                    .slice(0, 50)
                    .map((f) => `- ${(0,untrusted_text/* untrusted */.b)(f, 'inline')}`)
                    .join('\n')}`);
            }
        }
        const covFiles = [
            ...g.lcov.map((p) => [p, 'lcov']),
            ...g.cobertura.map((p) => [p, 'cobertura']),
        ];
        if (covFiles.length) {
            if (!facts.files.ok)
                return cannotEvaluate('tests', `PR files: ${facts.files.error}`, onError);
            if (facts.files.value.truncated)
                return cannotEvaluate('tests', facts.files.value.truncated, onError);
            const cov = new Map();
            for (const [path, kind] of covFiles) {
                const text = read(path);
                if (!text.ok)
                    return cannotEvaluate('tests', text.error, onError);
                const parsed = kind === 'lcov' ? parseLcov(text.value) : parseCobertura(text.value, path);
                if (parsed.size === 0)
                    return cannotEvaluate('tests', `${path} holds no coverage records`, onError);
                for (const [file, hits] of parsed) {
                    const merged = cov.get(file) ?? new Map();
                    for (const [ln, h] of hits)
                        merged.set(ln, Math.max(merged.get(ln) ?? 0, h));
                    cov.set(file, merged);
                }
            }
            const c = changedLineCoverage(facts.files.value, cov);
            const min = g['min-coverage'];
            const minText = min !== undefined ? ` (min ${min}%)` : '';
            if (c.instrumented === 0) {
                parts.push(`no changed lines instrumented${minText}`);
            }
            else {
                const pct = Math.floor((c.covered / c.instrumented) * 1000) / 10;
                parts.push(`${Number.isInteger(pct) ? pct : pct.toFixed(1)}% coverage on changed lines${minText}`);
                if (min !== undefined && pct < min)
                    status = 'fail';
                details.push(`Changed lines covered: ${c.covered} of ${c.instrumented} instrumented.`);
                for (const [file, lines] of c.uncovered) {
                    for (const [a, b] of ranges(lines)) {
                        annotations.push({
                            path: file,
                            start_line: a,
                            end_line: b,
                            annotation_level: 'notice',
                            title: 'changed line not covered',
                            message: a === b
                                ? `Line ${a} is new and no test runs it.`
                                : `Lines ${a}-${b} are new and no test runs them.`,
                        });
                    }
                }
            }
            if (c.unknown.length) {
                if (status === 'pass')
                    status = 'warn';
                parts.push(`${c.unknown.length} file(s) without a diff from GitHub not counted`);
                details.push(`GitHub sent no patch (binary or too large) for these covered files, so their changed lines are unknown and not counted:\n${c.unknown.map((f) => `- ${(0,untrusted_text/* untrusted */.b)(f, 'code')}`).join('\n')}`);
            }
        }
    }
    catch (e) {
        return cannotEvaluate('tests', e instanceof Error ? e.message : String(e), onError);
    }
    return result('tests', status, parts.join(', '), {
        details: details.join('\n\n') || undefined,
        annotations,
    });
}

;// CONCATENATED MODULE: ./packages/core/src/gates/output.ts
/** The last `n` non-empty lines of a command's output (stdout, then stderr). */
function outputTail(o, n = 20) {
    const text = `${o.stdout}${o.stderr ? `\n${o.stderr}` : ''}`;
    return text
        .split(/\r?\n/)
        .filter((l) => l.trim() !== '')
        .slice(-n)
        .join('\n');
}
function lastLine(text) {
    return (text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .pop() ?? '');
}

;// CONCATENATED MODULE: ./packages/core/src/gates/drift.ts



/**
 * drift: staging and production in lock-step. Either a command (exit code and/or an output
 * pattern say clean), or a compare of two refs: only on staging / only in git / changed.
 */
function driftGate(facts, config) {
    const g = config.drift;
    if (g.command) {
        const o = facts.commands.get('drift');
        if (!o?.ok)
            return cannotEvaluate('drift', o?.error ?? 'the drift command did not run', g['on-error']);
        const out = o.value;
        const tail = outputTail(out);
        const exitOk = out.exitCode === g['clean-exit-code'];
        const patternOk = g['clean-pattern']
            ? new RegExp(g['clean-pattern'], 'm').test(`${out.stdout}\n${out.stderr}`)
            : true;
        if (out.timedOut)
            return result('drift', 'fail', 'drift command timed out', {
                details: (0,untrusted_text/* untrusted */.b)(tail, 'block'),
            });
        if (exitOk && patternOk)
            return result('drift', 'pass', 'drift command reports clean', {
                details: tail ? (0,untrusted_text/* untrusted */.b)(tail, 'block') : undefined,
            });
        const why = !exitOk
            ? `exit code ${out.exitCode} (clean is ${g['clean-exit-code']})`
            : `output does not match /${g['clean-pattern']}/`;
        return result('drift', 'fail', `drift found: ${why}`, { details: (0,untrusted_text/* untrusted */.b)(tail, 'block') });
    }
    const { staging, git } = g.compare;
    if (!facts.compare.ok)
        return cannotEvaluate('drift', facts.compare.error, g['on-error']);
    if (facts.compare.value.truncated)
        return cannotEvaluate('drift', facts.compare.value.truncated, g['on-error']);
    const onlyStaging = [];
    const onlyGit = [];
    const changed = [];
    for (const f of facts.compare.value.files) {
        if (f.status === 'added')
            onlyStaging.push(f.filename);
        else if (f.status === 'removed')
            onlyGit.push(f.filename);
        else
            changed.push(f.filename);
    }
    const summary = `${staging} vs ${git}: ${onlyStaging.length} only on ${staging}, ${onlyGit.length} only in git, ${changed.length} changed`;
    const list = (title, items) => items.length
        ? `${title}:\n${items
            .slice(0, 50)
            .map((f) => `- ${(0,untrusted_text/* untrusted */.b)(f, 'code')}`)
            .join('\n')}${items.length > 50 ? `\n- … and ${items.length - 50} more` : ''}`
        : '';
    const details = [
        list(`Only on ${staging}`, onlyStaging),
        list('Only in git', onlyGit),
        list('Changed', changed),
    ]
        .filter(Boolean)
        .join('\n\n');
    const clean = onlyStaging.length + onlyGit.length + changed.length === 0;
    return result('drift', clean ? 'pass' : 'fail', summary, { details: details || undefined });
}

// EXTERNAL MODULE: ./packages/core/src/time.ts
var time = __webpack_require__(1888);
;// CONCATENATED MODULE: ./packages/core/src/gates/backup.ts




/** An ISO 8601 time or epoch seconds/milliseconds; undefined when the text is neither. */
function parseTimestamp(text) {
    const t = text.trim();
    if (/^\d{9,11}(\.\d+)?$/.test(t))
        return new Date(Number(t) * 1000);
    if (/^\d{12,14}$/.test(t))
        return new Date(Number(t));
    if (!/^\d{4}-\d{2}-\d{2}/.test(t))
        return undefined;
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : new Date(ms);
}
function formatTaken(taken, now) {
    const iso = taken.toISOString();
    const sameDay = iso.slice(0, 10) === now.toISOString().slice(0, 10);
    return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}
// A backup "from the future" beyond this is a clock or parsing problem, not a fresh backup.
const SKEW_MS = 5 * 60_000;
function backupGate(facts, config) {
    const g = config.backup;
    const onError = g['on-error'];
    let taken;
    let source;
    if (g.command) {
        const o = facts.commands.get('backup');
        if (!o?.ok)
            return cannotEvaluate('backup', o?.error ?? 'the backup command did not run', onError);
        if (o.value.exitCode !== 0 || o.value.timedOut) {
            return cannotEvaluate('backup', `backup command ${o.value.timedOut ? 'timed out' : `exited ${o.value.exitCode}`}`, onError);
        }
        source = lastLine(o.value.stdout);
        taken = parseTimestamp(source);
        if (!taken) {
            return result('backup', onError, `cannot evaluate: backup command printed ${JSON.stringify(source.slice(0, 80))}, not an ISO time or epoch seconds`, {
                details: (0,untrusted_text/* untrusted */.b)(outputTail(o.value), 'block'),
            });
        }
    }
    else {
        const f = facts.backupFile;
        if (!f.ok)
            return cannotEvaluate('backup', f.error, onError);
        if (g.file.read === 'mtime')
            taken = f.value.mtime;
        else {
            source = lastLine(f.value.contents);
            taken = parseTimestamp(source);
            if (!taken)
                return cannotEvaluate('backup', `${g.file.path} holds ${JSON.stringify(source.slice(0, 80))}, not an ISO time or epoch seconds`, onError);
        }
    }
    const maxAge = (0,time/* parseDuration */.E9)(g['max-age'], 'preflight.backup.max-age');
    const age = facts.now.getTime() - taken.getTime();
    const when = `${g.label} taken ${formatTaken(taken, facts.now)}`;
    if (age < -SKEW_MS)
        return result('backup', 'fail', `${when}, ${(0,time/* formatDuration */.a3)(-age)} in the future: check the clock or the time format`);
    if (age > maxAge)
        return result('backup', 'fail', `${when}, ${(0,time/* formatDuration */.a3)(age)} ago (max age ${g['max-age']})`);
    return result('backup', 'pass', `${when} (max age ${g['max-age']})`);
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./packages/core/src/commits.ts
var commits = __webpack_require__(9411);
;// CONCATENATED MODULE: ./packages/core/src/gates/change-size.ts




// Linked issues are the ones GitHub links: closing keywords (and "refs"). A bare "(#11)" is the
// squash-merge suffix naming the PR itself; counting it made every PR its own unit.
const ISSUE_REF = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?|refs?)\s*:?\s+#(\d+)\b/gi;
/**
 * Distinct units of change: conventional-commit scopes, configured path areas (a scope and an
 * area with the same name are one unit), and linked issues. The count is the gate; the list is
 * what a reviewer needs to split the promotion.
 */
function changeUnits(facts, config) {
    const g = config['change-size'];
    const units = new Map();
    const add = (name, kind, evidence) => {
        const key = name.toLowerCase();
        const u = units.get(key) ?? { name: key, kinds: new Set(), evidence: [] };
        u.kinds.add(kind);
        if (u.evidence.length < 5 && !u.evidence.includes(evidence))
            u.evidence.push(evidence);
        units.set(key, u);
    };
    // Merge commits repeat what the commits they merge already say ("Merge pull request #9").
    const messages = (facts.commits.ok ? facts.commits.value.messages : []).filter((m) => !(0,commits/* parseCommitMessage */.o7)(m).merge);
    if (g.count.includes('scopes')) {
        for (const m of messages) {
            const c = (0,commits/* parseCommitMessage */.o7)(m);
            if (c.scope)
                for (const s of c.scope
                    .split(/[,/]/)
                    .map((x) => x.trim())
                    .filter(Boolean))
                    add(s, 'scope', c.header);
        }
    }
    if (g.count.includes('areas') && facts.files.ok) {
        const matchers = Object.entries(g.areas).map(([name, globs]) => [name, picomatch_default()(globs, { dot: true })]);
        for (const f of facts.files.value.files) {
            const hit = matchers.find(([, m]) => m(f.filename));
            if (hit)
                add(hit[0], 'area', f.filename);
        }
    }
    if (g.count.includes('issues')) {
        const texts = [facts.pr.body, ...messages];
        for (const t of texts) {
            for (const m of t.matchAll(ISSUE_REF)) {
                const n = Number(m[1]);
                if (n !== facts.pr.number)
                    add(`#${n}`, 'issue', `#${n}`);
            }
        }
    }
    return [...units.values()].sort((a, b) => a.name.localeCompare(b.name));
}
function changeSizeGate(facts, config) {
    const g = config['change-size'];
    const onError = g['on-error'];
    const needsCommits = g.count.includes('scopes') || g.count.includes('issues');
    const needsFiles = g.count.includes('areas') && Object.keys(g.areas).length > 0;
    if (needsCommits && !facts.commits.ok)
        return cannotEvaluate('change-size', `commits: ${facts.commits.error}`, onError);
    if (needsFiles && !facts.files.ok)
        return cannotEvaluate('change-size', `PR files: ${facts.files.error}`, onError);
    const units = changeUnits(facts, config);
    const max = g['max-units'];
    const listing = units
        .map((u) => `- **${(0,untrusted_text/* untrusted */.b)(u.name, 'inline')}** (${[...u.kinds].join(' + ')}): ${u.evidence.map((e) => (0,untrusted_text/* untrusted */.b)(e, 'code')).join(', ')}`)
        .join('\n');
    const truncated = [
        needsCommits && facts.commits.ok && facts.commits.value.truncated,
        needsFiles && facts.files.ok && facts.files.value.truncated,
    ].filter((x) => typeof x === 'string');
    if (units.length > max) {
        const groups = [];
        for (let i = 0; i < units.length; i += max)
            groups.push(units
                .slice(i, i + max)
                .map((u) => (0,untrusted_text/* untrusted */.b)(u.name, 'inline'))
                .join(', '));
        const split = groups.map((grp, i) => `${i + 1}. ${grp}`).join('\n');
        return result('change-size', 'fail', `${units.length} units (max ${max}): split suggested`, {
            details: `Units:\n${listing}\n\nSuggested split into ${groups.length} promotions:\n${split}`,
        });
    }
    // A count from a truncated list is only a lower bound: fail closed rather than pass on it.
    if (truncated.length)
        return cannotEvaluate('change-size', truncated.join('; '), onError);
    return result('change-size', 'pass', `${units.length} unit${units.length === 1 ? '' : 's'} (max ${max})`, {
        details: listing ? `Units:\n${listing}` : undefined,
    });
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./packages/core/src/gates/approvals.ts



/** Latest decisive review per reviewer (a later comment does not undo an approval). */
function latestReviews(reviews) {
    const latest = new Map();
    const sorted = [...reviews].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    for (const r of sorted) {
        if (r.state === 'COMMENTED' || r.state === 'PENDING')
            continue;
        latest.set(r.user, r.state);
    }
    return latest;
}
function approvers(reviews, author) {
    return [...latestReviews(reviews)]
        .filter(([u, s]) => s === 'APPROVED' && u !== author)
        .map(([u]) => u);
}
function readKey(doc, dotted) {
    let cur = doc;
    for (const part of dotted.split('.')) {
        if (cur === null || typeof cur !== 'object')
            return undefined;
        cur = cur[part];
    }
    return cur;
}
function approvalsGate(facts, config) {
    const g = config.approvals;
    const onError = g['on-error'];
    const parts = [];
    const problems = [];
    if (g.required > 0) {
        if (!facts.reviews.ok)
            return cannotEvaluate('approvals', `reviews: ${facts.reviews.error}`, onError);
        const who = approvers(facts.reviews.value, facts.pr.author);
        const changes = [...latestReviews(facts.reviews.value)]
            .filter(([, s]) => s === 'CHANGES_REQUESTED')
            .map(([u]) => u);
        parts.push(`${who.length}/${g.required} approvals${who.length ? ` (${who.join(', ')})` : ''}`);
        if (who.length < g.required)
            problems.push(`${g.required - who.length} more approving review(s) needed`);
        if (changes.length)
            problems.push(`changes requested by ${changes.join(', ')}`);
    }
    const dep = g['staging-deployment'];
    if (dep) {
        if (!facts.deployments.ok)
            return cannotEvaluate('approvals', `deployments: ${facts.deployments.error}`, onError);
        const ok = facts.deployments.value.some((d) => d.environment === dep.environment && d.state === 'success');
        parts.push(ok
            ? `${dep.environment} deployment succeeded`
            : `no successful ${dep.environment} deployment of this commit`);
        if (!ok)
            problems.push(`no successful deployment of ${facts.pr.headSha.slice(0, 7)} to ${dep.environment}`);
    }
    for (const s of g['state-files']) {
        const text = facts.reports.get(s.path);
        if (!text?.ok)
            return cannotEvaluate('approvals', text?.error ?? `${s.path} was not read`, onError);
        let doc;
        try {
            doc = (0,dist/* parse */.qg)(text.value);
        }
        catch (e) {
            return cannotEvaluate('approvals', `${s.path} is not YAML/JSON: ${e instanceof Error ? e.message.split('\n')[0] : e}`, onError);
        }
        const value = readKey(doc, s.key);
        const ok = value !== undefined && String(value) === String(s.equals);
        parts.push(`${s.key}: ${value === undefined ? 'missing' : String(value)}`);
        if (!ok)
            problems.push(`${s.path}: ${s.key} is ${value === undefined ? 'missing' : JSON.stringify(value)}, needs ${JSON.stringify(s.equals)}`);
    }
    if (!parts.length)
        return result('approvals', 'skip', 'nothing to check (required: 0)');
    return result('approvals', problems.length ? 'fail' : 'pass', parts.join(', '), {
        details: problems.length
            ? problems.map((p) => `- ${(0,untrusted_text/* untrusted */.b)(p, 'inline')}`).join('\n')
            : undefined,
    });
}

// EXTERNAL MODULE: ./node_modules/@secretlint/core/module/index.js + 15 modules
var core_module = __webpack_require__(6707);
// EXTERNAL MODULE: ./node_modules/@secretlint/profiler/module/node.js + 1 modules
var node = __webpack_require__(806);
// EXTERNAL MODULE: ./node_modules/@secretlint/secretlint-rule-preset-recommend/module/index.js
var secretlint_rule_preset_recommend_module = __webpack_require__(1577);
// EXTERNAL MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js
var index_node_esm = __webpack_require__(6229);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./packages/core/src/gates/gate-files.ts

const GATE_COMMAND_TIMEOUT = '10m';
/** The commands the enabled gates run, in report order. */
function gateCommands(config) {
    const out = [];
    if (config.drift?.enabled && config.drift.command)
        out.push({ id: 'drift', argv: config.drift.command, timeout: GATE_COMMAND_TIMEOUT });
    if (config.backup?.enabled && config.backup.command)
        out.push({ id: 'backup', argv: config.backup.command, timeout: GATE_COMMAND_TIMEOUT });
    if (config.custom?.enabled)
        for (const c of config.custom.commands)
            out.push({ id: `custom:${c.name}`, argv: c.run, timeout: c.timeout });
    return out;
}
/**
 * The repository path an argv element names, if it can name one: relative, inside the
 * repository, no option (`--min`), no assignment, no URL, and with a directory or an extension
 * (`python3`, `sh` and `1` are programs on PATH or values, not files of the repository).
 */
function repoPathOf(arg) {
    if (!arg || arg.startsWith('-') || /[=\s\\]|:\/\//.test(arg) || external_node_path_.posix.isAbsolute(arg))
        return undefined;
    const path = external_node_path_.posix.normalize(arg);
    if (path === '.' || path === '..' || path.startsWith('../') || path.endsWith('/'))
        return undefined;
    if (!path.includes('/') && !path.includes('.'))
        return undefined;
    return path;
}
/** Paths of the gate files: the config file first, then each repository path a command names. */
function gateFilePaths(configPath, config) {
    const paths = [external_node_path_.posix.normalize(configPath)];
    for (const c of gateCommands(config))
        for (const arg of c.argv) {
            const p = repoPathOf(arg);
            if (p)
                paths.push(p);
        }
    return [...new Set(paths)];
}
/** The PR's changed files that are gate files (a rename counts under either name). */
function changedGateFiles(files, gateFiles) {
    const wanted = new Set(gateFiles);
    return files.filter((f) => wanted.has(f.filename) || (f.previous_filename && wanted.has(f.previous_filename)));
}

;// CONCATENATED MODULE: ./packages/core/src/gates/jsonc.ts
/**
 * Parse JSON with comments and trailing commas (wrangler.jsonc, tsconfig.json). Comments are
 * removed outside strings only, so a URL like "https://x" inside a string survives.
 */
function parseJsonc(text) {
    let out = '';
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (c === '"') {
            let j = i + 1;
            while (j < text.length && text[j] !== '"')
                j += text[j] === '\\' ? 2 : 1;
            out += text.slice(i, j + 1);
            i = j + 1;
        }
        else if (c === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n')
                i++;
        }
        else if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            i = end === -1 ? text.length : end + 2;
        }
        else {
            out += c;
            i++;
        }
    }
    return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

;// CONCATENATED MODULE: ./packages/core/src/gates/diff-guard.ts











/**
 * secretlint's built-in profiler keeps every performance mark it ever saw and searches that list
 * for each new one, asynchronously: over 3,000 files that is ~10^9 comparisons, landing later as
 * a 40-second stall (bench/results/preflight-gates.md). Let its observer catch up after each
 * file, then drop what it kept; nothing here reads the profile.
 */
async function drainProfiler() {
    // Its fields are private in the typings (10.2.2); guarded in case a later version renames them.
    const profiler = node/* secretLintProfiler */.z;
    await new Promise((resolve) => setImmediate(resolve));
    await profiler.waifForExecutionPromises?.();
    if (Array.isArray(profiler.entries))
        profiler.entries.length = 0;
    if (Array.isArray(profiler.measures))
        profiler.measures.length = 0;
}
/**
 * Secrets in added lines, found by secretlint's maintained recommended preset (not home-made
 * regexes). The scanned text is the file's added lines only; line numbers map back to the file.
 * The secret itself never leaves this function: messages are masked by secretlint.
 */
async function scanSecrets(files) {
    const hits = [];
    for (const f of files) {
        if (!f.patch)
            continue;
        const added = addedLines(f.patch);
        if (!added.length)
            continue;
        const content = added.map((l) => l.content).join('\n');
        const res = await (0,core_module/* lintSource */.n)({
            source: {
                filePath: f.filename,
                content,
                ext: f.filename.slice(f.filename.lastIndexOf('.')),
                contentType: 'text',
            },
            options: {
                maskSecrets: true,
                noPhysicFilePath: true,
                config: {
                    rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: secretlint_rule_preset_recommend_module/* creator */.x }],
                },
            },
        });
        await drainProfiler();
        for (const m of res.messages) {
            const line = added[m.loc.start.line - 1]?.line ?? added[0].line;
            hits.push({
                kind: 'secret',
                file: f.filename,
                line,
                message: `possible secret (${m.ruleId}${m.messageId ? ` ${m.messageId}` : ''})`,
            });
        }
    }
    return hits;
}
/**
 * A change to the config file or to a script a gate runs needs the gate-files approval: the
 * gates judged this PR by the base branch's versions, and merging makes the PR's versions the
 * judges of the next promotion (issue #16).
 */
function gateFileHits(files, facts, g, approvers) {
    if (!g?.protected)
        return [];
    const byLabel = facts.pr.labels.includes(g['approval-label']);
    const byReview = g['approved-by'].some((u) => approvers.includes(u));
    if (byLabel || byReview)
        return [];
    const needs = [
        `label "${g['approval-label']}"`,
        g['approved-by'].length && `an approving review by ${g['approved-by'].join(' or ')}`,
    ]
        .filter(Boolean)
        .join(' or ');
    return changedGateFiles(files, facts.gateFiles ?? []).map((f) => ({
        kind: 'protected',
        file: f.filename,
        line: (f.patch ? addedLines(f.patch)[0]?.line : undefined) ?? 1,
        message: `gate file ${f.filename} changed without ${needs}; this PR was judged by the version on ${facts.pr.baseRef}`,
    }));
}
function scanDebug(files, patterns) {
    const res = patterns.map((p) => [p, new RegExp(p)]);
    const hits = [];
    for (const f of files) {
        if (!f.patch)
            continue;
        for (const l of addedLines(f.patch)) {
            const m = res.find(([, re]) => re.test(l.content));
            if (m)
                hits.push({
                    kind: 'debug',
                    file: f.filename,
                    line: l.line,
                    message: `debug leftover matching /${m[0]}/`,
                });
        }
    }
    return hits;
}
async function diffGuardGate(facts, config) {
    const g = config['diff-guard'];
    const onError = g['on-error'];
    if (!facts.files.ok)
        return cannotEvaluate('diff-guard', `PR files: ${facts.files.error}`, onError);
    const { files, truncated } = facts.files.value;
    // Unscanned lines could hold anything: a truncated list or a file without a patch is not "clean".
    if (truncated)
        return cannotEvaluate('diff-guard', truncated, onError);
    const hits = [];
    if (g.secrets)
        hits.push(...(await scanSecrets(files)));
    hits.push(...scanDebug(files, g['debug-patterns']));
    const who = facts.reviews.ok ? approvers(facts.reviews.value, facts.pr.author) : [];
    for (const p of g['protected-paths']) {
        const match = picomatch_default()(p.path, { dot: true });
        for (const f of files.filter((x) => match(x.filename) || (x.previous_filename && match(x.previous_filename)))) {
            let touched = true;
            if (p['json-path']) {
                const c = facts.protectedContents.get(f.filename);
                if (!c?.ok)
                    return cannotEvaluate('diff-guard', c?.error ?? `contents of ${f.filename} were not read`, onError);
                try {
                    const pick = (text) => text === null
                        ? undefined
                        : JSON.stringify((0,index_node_esm/* JSONPath */.E)({ path: p['json-path'], json: parseJsonc(text), wrap: true }));
                    touched = pick(c.value.base) !== pick(c.value.head);
                }
                catch (e) {
                    return cannotEvaluate('diff-guard', `${f.filename}: ${e instanceof Error ? e.message : e}`, onError);
                }
            }
            if (!touched)
                continue;
            const byLabel = p['approval-label'] && facts.pr.labels.includes(p['approval-label']);
            const byReview = p['approved-by'].some((u) => who.includes(u));
            if (byLabel || byReview)
                continue;
            const needs = [
                p['approval-label'] && `label "${p['approval-label']}"`,
                p['approved-by'].length && `an approving review by ${p['approved-by'].join(' or ')}`,
            ]
                .filter(Boolean)
                .join(' or ');
            const firstAdded = f.patch ? addedLines(f.patch)[0]?.line : undefined;
            hits.push({
                kind: 'protected',
                file: f.filename,
                line: firstAdded ?? 1,
                message: `protected ${p['json-path'] ? `${p['json-path']} in ` : ''}${f.filename} changed without ${needs || 'an approval (none configured: this path may not change in a promotion)'}`,
            });
        }
    }
    hits.push(...gateFileHits(files, facts, g['gate-files'], who));
    const noPatch = files
        .filter((f) => f.patch === undefined && f.additions > 0 && f.status !== 'removed')
        .map((f) => f.filename);
    const count = (k) => hits.filter((h) => h.kind === k).length;
    const summary = `${count('secret')} secrets, ${count('debug')} debug leftovers, ${count('protected')} protected changes${noPatch.length ? `, ${noPatch.length} unscanned` : ''}`;
    const annotations = hits.map((h) => ({
        path: h.file,
        start_line: h.line,
        end_line: h.line,
        annotation_level: h.kind === 'debug' ? 'warning' : 'failure',
        title: h.kind === 'secret'
            ? 'possible secret'
            : h.kind === 'debug'
                ? 'debug leftover'
                : 'protected path',
        message: h.message,
    }));
    const details = [
        hits
            .map((h) => `- ${h.kind}: ${(0,untrusted_text/* untrusted */.b)(`${h.file}:${h.line}`, 'code')} ${(0,untrusted_text/* untrusted */.b)(h.message, 'inline')}`)
            .join('\n'),
        noPatch.length
            ? `GitHub sent no patch (binary or too large) for these files, so their added lines were not scanned:\n${noPatch.map((f) => `- ${(0,untrusted_text/* untrusted */.b)(f, 'code')}`).join('\n')}`
            : '',
    ]
        .filter(Boolean)
        .join('\n\n');
    // Any hit fails; unscanned files cannot be called clean, so they report as on-error says.
    const status = hits.length ? 'fail' : noPatch.length ? onError : 'pass';
    return result('diff-guard', status, summary, { details: details || undefined, annotations });
}

;// CONCATENATED MODULE: ./packages/core/src/gates/ci.ts


// Without named workflows a run that was skipped (if: false, path filters on a job) or neutral
// did not fail; with named ones the user asked for success.
const GREEN_WITHOUT_NAMES = new Set(['success', 'skipped', 'neutral']);
/**
 * The latest run of each named workflow for the head SHA (highest run number wins). Without
 * `workflows`, every workflow that ran for the head SHA except `ownWorkflow` (the one running
 * preflight, whose other runs for this SHA wait behind it) counts.
 */
function evaluateCi(runs, config, ownWorkflow = '') {
    const g = config.ci;
    const named = g.workflows;
    const names = named ?? [...new Set(runs.map((r) => r.name))].filter((n) => n !== ownWorkflow).sort();
    if (names.length === 0) {
        return {
            state: 'done',
            result: result('ci', 'warn', 'no other workflow ran for the head SHA', {
                details: 'The ci gate found no workflow run for the head SHA besides this one, so there is no CI to be green. Name your CI workflows in `preflight.ci.workflows` (then a missing run fails), or switch the gate off with `ci: { enabled: false }`.',
            }),
        };
    }
    const pending = [];
    const failed = [];
    const ok = [];
    for (const name of names) {
        const latest = runs.filter((r) => r.name === name).sort((a, b) => b.runNumber - a.runNumber)[0];
        if (!latest || latest.status !== 'completed')
            pending.push(name);
        else if (latest.conclusion === 'success')
            ok.push(name);
        else if (!named && GREEN_WITHOUT_NAMES.has(latest.conclusion ?? ''))
            ok.push(name);
        else
            failed.push(`${name} (${latest.conclusion})`);
    }
    if (failed.length)
        return { state: 'done', result: result('ci', 'fail', `${failed.join(', ')} did not succeed`) };
    if (pending.length)
        return { state: 'pending', waitingFor: pending };
    return { state: 'done', result: result('ci', 'pass', `${ok.join(', ')} succeeded`) };
}
/** Re-read the runs until they conclude or `wait` runs out (the Clock makes this testable). */
async function ciGate(first, read, clock, config, ownWorkflow = '') {
    const g = config.ci;
    const deadline = clock.now().getTime() + (0,time/* parseDuration */.E9)(g.wait);
    const interval = (0,time/* parseDuration */.E9)(g['poll-interval']);
    let runs = first;
    for (;;) {
        if (!runs.ok)
            return cannotEvaluate('ci', runs.error, g['on-error']);
        const s = evaluateCi(runs.value, config, ownWorkflow);
        if (s.state === 'done')
            return s.result;
        if (clock.now().getTime() + interval > deadline) {
            const what = s.waitingFor.join(', ');
            return result('ci', 'fail', `still pending after ${g.wait}: ${what}`, {
                details: `No concluded run for the head SHA of: ${what}. A workflow that never runs for this commit (wrong name, path filters) also ends here.`,
            });
        }
        await clock.sleep(interval);
        runs = await read();
    }
}

;// CONCATENATED MODULE: ./packages/core/src/gates/custom.ts



/** custom: named commands; the exit code decides, the output's last line is the summary. */
function customGate(facts, config) {
    const g = config.custom;
    const summaries = [];
    const details = [];
    let failed = 0;
    let unevaluated = 0;
    for (const c of g.commands) {
        const o = facts.commands.get(`custom:${c.name}`);
        if (!o?.ok) {
            unevaluated++;
            summaries.push(`${c.name}: cannot evaluate (${o?.error ?? 'did not run'})`);
            continue;
        }
        const ok = o.value.exitCode === 0 && !o.value.timedOut;
        if (!ok)
            failed++;
        const last = lastLine(o.value.stdout) || lastLine(o.value.stderr);
        const verdict = o.value.timedOut
            ? `timed out after ${c.timeout}`
            : ok
                ? last
                : `exit ${o.value.exitCode}${last ? `: ${last}` : ''}`;
        summaries.push(`${c.name}: ${verdict.slice(0, 200)}`);
        const tail = outputTail(o.value);
        if (tail)
            details.push(`**${(0,untrusted_text/* untrusted */.b)(c.name, 'inline')}** (exit ${o.value.exitCode})\n\n${(0,untrusted_text/* untrusted */.b)(tail, 'block')}`);
    }
    const status = failed ? 'fail' : unevaluated ? g['on-error'] : 'pass';
    return result('custom', status, summaries.join('; '), {
        details: details.join('\n\n') || undefined,
    });
}

;// CONCATENATED MODULE: ./packages/core/src/gates/override.ts
/**
 * An override turns failures of the liftable gates (time and size: freeze, change-size by
 * default; backup, drift, ci when configured) into warnings that carry the audit. Secrets,
 * findings, tests, approvals, branch protection and custom commands are never lifted: the
 * schema refuses them in `override.lifts`.
 */
function applyOverride(results, override, config) {
    if (!override)
        return results;
    const lifts = new Set(config.override.lifts);
    return results.map((r) => {
        if (r.row.status !== 'fail' || !lifts.has(r.gate))
            return r;
        return {
            ...r,
            overridden: true,
            row: {
                ...r.row,
                status: 'warn',
                summary: `${r.row.summary} (overridden by ${override.actor}: ${override.reason.slice(0, 120)})`,
            },
        };
    });
}

;// CONCATENATED MODULE: ./packages/core/src/gates/branch-protection.ts

/** "branch protection rule", "ruleset" or "branch protection rule and ruleset". */
function describeSources(p) {
    return p.sources.join(' and ');
}
/**
 * branch-protection: a green check on an unprotected branch protects nothing, so success is
 * refused there unless the config says `allow-unprotected: true` (then it warns). Protection is
 * a classic branch protection rule or a ruleset (or both); the report says which.
 */
function branchProtectionGate(facts, config) {
    const g = config['branch-protection'];
    const b = facts.productionBranch;
    if (!facts.branch.ok)
        return cannotEvaluate('branch-protection', facts.branch.error, g['on-error']);
    const protection = facts.branch.value;
    const unprotected = g['allow-unprotected'] ? 'warn' : 'fail';
    const unreadable = protection.unreadable?.length
        ? ` Not readable (another source protects): ${protection.unreadable.join('; ')}.`
        : '';
    if (!protection.protected)
        return result('branch-protection', unprotected, `${b} is not protected`, {
            details: `Neither a branch protection rule nor a ruleset protects ${b}: add one that requires \`${facts.checkName}\`.`,
        });
    if (!protection.requiredChecks.includes(facts.checkName)) {
        return result('branch-protection', unprotected, `${b} is protected (${describeSources(protection)}) but does not require ${facts.checkName}`, {
            details: `Required checks on ${b}: ${protection.requiredChecks.join(', ') || 'none'}. Add \`${facts.checkName}\` in the branch protection rule (or ruleset).${unreadable}`,
        });
    }
    return result('branch-protection', 'pass', `${b} protected (${describeSources(protection)}), requires ${facts.checkName}`, unreadable ? { details: unreadable.trim() } : {});
}

;// CONCATENATED MODULE: ./packages/core/src/gates/evaluate.ts












/** Report order: the issue's reference table first, then the rest. */
const GATE_ORDER = [
    'ci',
    'drift',
    'findings',
    'tests',
    'backup',
    'custom',
    'freeze',
    'change-size',
    'approvals',
    'diff-guard',
    'branch-protection',
];
const _gatesAreTheConfigKeys = true;
function configuredGates(config) {
    return GATE_ORDER.filter((g) => {
        if (g === 'freeze')
            return config.freeze !== undefined;
        const section = config[g];
        return section !== undefined;
    });
}
/** Run every configured gate concurrently over one set of facts. A gate that throws fails. */
async function evaluateGates(facts, config, options) {
    const run = async (gate) => {
        const section = gate === 'freeze'
            ? undefined
            : config[gate];
        if (section && !section.enabled)
            return result(gate, 'skip', 'disabled in promotion.yml (enabled: false)');
        try {
            switch (gate) {
                case 'ci':
                    return await ciGate(facts.ciRuns, options.readCiRuns ?? (async () => facts.ciRuns), options.clock, config, options.ownWorkflow);
                case 'drift':
                    return driftGate(facts, config);
                case 'findings':
                    return findingsGate(facts, config);
                case 'tests':
                    return testsGate(facts, config);
                case 'backup':
                    return backupGate(facts, config);
                case 'custom':
                    return customGate(facts, config);
                case 'freeze':
                    return freezeGate(facts, config);
                case 'change-size':
                    return changeSizeGate(facts, config);
                case 'approvals':
                    return approvalsGate(facts, config);
                case 'diff-guard':
                    return await diffGuardGate(facts, config);
                case 'branch-protection':
                    return branchProtectionGate(facts, config);
            }
        }
        catch (e) {
            return cannotEvaluate(gate, e instanceof Error ? e.message : String(e), section?.['on-error'] ?? 'fail');
        }
    };
    return Promise.all(configuredGates(config).map(run));
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./packages/core/src/github/request-errors.ts
var request_errors = __webpack_require__(8154);
;// CONCATENATED MODULE: ./packages/core/src/github/branch-rules.ts

/** Rule types that restrict how the branch changes (a ruleset of only metadata rules does not). */
const PROTECTING_RULES = new Set([
    'pull_request',
    'required_status_checks',
    'non_fast_forward',
    'deletion',
    'update',
    'required_linear_history',
    'required_signatures',
    'required_deployments',
    'merge_queue',
]);
/** Classic protection as `GET /branches/{branch}` shows it (needs contents read, not admin). */
async function readClassic(gh, repo, branch) {
    const { data } = await gh.rest.repos.getBranch({ ...repo, branch });
    const rsc = data.protection?.required_status_checks;
    const checks = [...(rsc?.contexts ?? []), ...(rsc?.checks ?? []).map((c) => c.context)];
    return {
        source: 'branch protection rule',
        protects: data.protection?.enabled ?? data.protected,
        checks,
    };
}
/** The active ruleset rules for the branch (metadata read; every token has it). */
async function readRulesets(gh, repo, branch) {
    const rules = await gh.paginate(gh.rest.repos.getBranchRules, { ...repo, branch, per_page: 100 });
    const checks = [];
    for (const rule of rules) {
        if (rule.type !== 'required_status_checks')
            continue;
        const params = rule.parameters;
        for (const c of params?.required_status_checks ?? [])
            checks.push(c.context);
    }
    return {
        source: 'ruleset',
        protects: rules.some((r) => PROTECTING_RULES.has(r.type)),
        checks,
    };
}
/**
 * Reads both sources. A 403/404 from one is not a failure when the other protects the branch
 * (a GITHUB_TOKEN may not read one of them; GHES without rulesets answers 404); when neither
 * protects and one could not be read, the answer is unknown and this throws, naming it.
 */
async function readBranchProtection(gh, repo, branch) {
    const settled = await Promise.allSettled([
        readClassic(gh, repo, branch),
        readRulesets(gh, repo, branch),
    ]);
    const names = ['branch protection rule', 'ruleset'];
    const readings = [];
    const unreadable = [];
    settled.forEach((s, i) => {
        if (s.status === 'fulfilled')
            readings.push(s.value);
        else if ((0,request_errors/* hasStatus */.Ro)(s.reason, 403) || (0,request_errors/* hasStatus */.Ro)(s.reason, 404))
            unreadable.push(`${names[i]}: ${(0,request_errors/* describeGitHubError */.dZ)(s.reason)}`);
        else
            throw s.reason;
    });
    const protecting = readings.filter((r) => r.protects);
    if (!protecting.length && unreadable.length) {
        throw new Error(`cannot tell whether ${branch} is protected: could not read the ${unreadable.join('; ')}. ` +
            'Give the token read access to both (contents: read reads the branch; metadata reads rulesets).');
    }
    return {
        protected: protecting.length > 0,
        requiredChecks: [...new Set(protecting.flatMap((r) => r.checks))],
        sources: protecting.map((r) => r.source),
        ...(unreadable.length ? { unreadable } : {}),
    };
}

// EXTERNAL MODULE: ./packages/core/src/github/compare.ts
var github_compare = __webpack_require__(7574);
;// CONCATENATED MODULE: ./packages/core/src/gates/collect.ts










/** GitHub's hard limits on list endpoints (3,000 files, 250 commits: https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files): beyond them the list is silently cut. */
const PR_FILES_LIMIT = 3000;
const PR_COMMITS_LIMIT = 250;
function describe(e) {
    const err = e;
    return err.status
        ? `GitHub answered ${err.status}: ${err.message ?? ''}`.trim()
        : (err.message ?? String(e));
}
async function attempt(what, fn) {
    try {
        return fact(await fn());
    }
    catch (e) {
        return missing(`${what}: ${describe(e)}`);
    }
}
/** The PR read fresh from the API: labels and head SHA as they are now, not as the replayed payload says. */
async function readPullRequest(github, repo, number) {
    const { data } = await github.rest.pulls.get({ ...repo, pull_number: number });
    return {
        number,
        title: data.title,
        body: data.body ?? '',
        author: data.user?.login ?? '',
        headSha: data.head.sha,
        headRef: data.head.ref,
        baseSha: data.base.sha,
        baseRef: data.base.ref,
        labels: data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
        changedFiles: data.changed_files,
        commits: data.commits,
    };
}
async function readPullRequestFiles(github, repo, pr) {
    const files = (await github.paginate(github.rest.pulls.listFiles, {
        ...repo,
        pull_number: pr.number,
        per_page: 100,
    }));
    const out = {
        files: files.map((f) => {
            const c = {
                filename: f.filename,
                status: f.status,
                additions: f.additions,
                deletions: f.deletions,
            };
            if (f.patch !== undefined)
                c.patch = f.patch;
            if (f.previous_filename)
                c.previous_filename = f.previous_filename;
            return c;
        }),
    };
    // GitHub's changed_files is the true count; the list stops at 3,000. A PR of exactly 3,000
    // files is complete, one of 3,001 is not, and then no gate that reads the diff may pass.
    if (pr.changedFiles > files.length) {
        out.truncated = `the PR changes ${pr.changedFiles} files but GitHub lists at most ${PR_FILES_LIMIT} (got ${files.length}); split the promotion`;
    }
    return out;
}
async function readCiRuns(github, repo, headSha) {
    return attempt('workflow runs', async () => {
        const runs = await github.paginate(github.rest.actions.listWorkflowRunsForRepo, {
            ...repo,
            head_sha: headSha,
            per_page: 100,
        });
        return runs.map((r) => ({
            name: r.name ?? '',
            status: r.status ?? '',
            conclusion: r.conclusion,
            runNumber: r.run_number,
            url: r.html_url,
        }));
    });
}
/** Report and state files a config reads, relative to the workspace. */
function reportPaths(config) {
    const paths = [];
    const on = (g) => Boolean(g?.enabled);
    if (on(config.findings))
        paths.push(...config.findings.sarif, ...config.findings.json);
    if (on(config.tests))
        paths.push(...config.tests.junit, ...config.tests.lcov, ...config.tests.cobertura);
    if (on(config.approvals))
        paths.push(...config.approvals['state-files'].map((s) => s.path));
    return [...new Set(paths)];
}
/** Report files that do not exist: a user error, reported before anything is written. */
async function missingReports(config, workspace) {
    const out = [];
    for (const p of reportPaths(config)) {
        const abs = (0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.resolve)(workspace, p);
        try {
            await (0,promises_.stat)(abs);
        }
        catch {
            out.push(p);
        }
    }
    if (config.backup?.enabled && config.backup.file) {
        const p = config.backup.file.path;
        try {
            await (0,promises_.stat)((0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.resolve)(workspace, p));
        }
        catch {
            out.push(p);
        }
    }
    return out;
}
async function decodeContent(github, repo, path, ref) {
    try {
        const { data } = await github.rest.repos.getContent({ ...repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
            throw new Error(`${path} at ${ref} is not a file`);
        return Buffer.from(data.content, data.encoding || 'base64').toString('utf8');
    }
    catch (e) {
        if (e.status === 404)
            return null;
        throw e;
    }
}
function readsFor(config, gateFiles) {
    const gates = new Set(configuredGates(config).filter((g) => g === 'freeze' || config[g].enabled));
    const on = (g) => gates.has(g);
    return {
        files: gateFiles.length > 0 ||
            on('tests') ||
            on('diff-guard') ||
            (on('change-size') && config['change-size'].count.includes('areas')),
        commits: on('change-size'),
        reviews: on('approvals') || on('diff-guard'),
        deployEnv: on('approvals') ? config.approvals['staging-deployment']?.environment : undefined,
        branch: on('branch-protection'),
        drift: on('drift') ? config.drift.compare : undefined,
        ci: on('ci'),
        backupFile: on('backup') ? config.backup.file : undefined,
        jsonProtected: on('diff-guard')
            ? config['diff-guard']['protected-paths'].filter((p) => p['json-path'])
            : [],
    };
}
/** `read()` when `needed`, else a fact saying `what` was not read. */
function readIf(needed, what, read) {
    return needed ? read() : Promise.resolve(notCollected(what));
}
/** Each command the enabled gates run, concurrently, by id (`drift`, `backup`, `custom:<name>`). */
async function runGateCommands(deps, config) {
    const run = (argv, timeout) => attempt(argv[0] ?? 'command', async () => {
        const r = await deps.exec(deps.resolveCommand ? await deps.resolveCommand(argv) : argv, {
            cwd: deps.workspace,
            timeoutMs: (0,time/* parseDuration */.E9)(timeout),
            allowFailure: true,
        });
        return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut };
    });
    return new Map(await Promise.all(gateCommands(config).map(async (c) => [c.id, await run(c.argv, c.timeout)])));
}
/** The report and state files the config names, by path as configured; a missing one is a reason. */
async function readReportFiles(config, workspace) {
    const read = (p) => attempt(`report file ${p}`, async () => {
        try {
            return await (0,promises_.readFile)((0,external_node_path_.isAbsolute)(p) ? p : (0,external_node_path_.resolve)(workspace, p), 'utf8');
        }
        catch (e) {
            if (e.code === 'ENOENT')
                throw new Error(`not found in ${workspace} (did the job that writes it run and upload it?)`);
            throw e;
        }
    });
    return new Map(await Promise.all(reportPaths(config).map(async (p) => [p, await read(p)])));
}
/** The drift gate's compare of two refs; GitHub's file maximum means drift cannot be ruled out. */
function readDriftCompare(github, repo, compare) {
    return attempt(`compare ${compare.git}...${compare.staging}`, async () => {
        const { files, maybeTruncated } = await (0,github_compare/* compareFiles */.hZ)(github, repo, compare.git, compare.staging);
        const out = { files };
        if (maybeTruncated) {
            out.truncated = `the compare lists ${files.length} files, GitHub's maximum for a comparison: the difference may be larger, so drift cannot be ruled out`;
        }
        return out;
    });
}
function readPullRequestCommits(github, repo, pr) {
    return attempt('PR commits', async () => {
        const list = await github.paginate(github.rest.pulls.listCommits, {
            ...repo,
            pull_number: pr.number,
            per_page: 100,
        });
        const out = {
            messages: list.map((c) => c.commit.message),
        };
        if (pr.commits > list.length) {
            out.truncated = `the PR has ${pr.commits} commits but GitHub lists at most ${PR_COMMITS_LIMIT} (got ${list.length}); the unit count may be low`;
        }
        return out;
    });
}
function readReviews(github, repo, pr) {
    return attempt('reviews', async () => (await github.paginate(github.rest.pulls.listReviews, {
        ...repo,
        pull_number: pr.number,
        per_page: 100,
    })).map((r) => ({
        user: r.user?.login ?? '',
        state: r.state,
        submittedAt: r.submitted_at ?? '',
    })));
}
/** The latest status of each deployment of `sha` to `environment`. */
function readDeployments(github, repo, sha, environment) {
    return attempt(`deployments to ${environment}`, async () => {
        const list = await github.paginate(github.rest.repos.listDeployments, {
            ...repo,
            sha,
            environment,
            per_page: 100,
        });
        return Promise.all(list.map(async (d) => {
            const { data } = await github.rest.repos.listDeploymentStatuses({
                ...repo,
                deployment_id: d.id,
                per_page: 1,
            });
            return { environment: d.environment, state: data[0]?.state ?? 'pending' };
        }));
    });
}
function readBackupFile(file, workspace) {
    return attempt(`backup file ${file.path}`, async () => {
        const abs = (0,external_node_path_.isAbsolute)(file.path) ? file.path : (0,external_node_path_.resolve)(workspace, file.path);
        const s = await (0,promises_.stat)(abs);
        return {
            mtime: s.mtime,
            contents: file.read === 'contents' ? await (0,promises_.readFile)(abs, 'utf8') : '',
        };
    });
}
/** Base and head contents of each changed file under a protected path with a json-path. */
async function readProtectedContents(github, repo, pr, paths, files) {
    const contents = new Map();
    if (!files.ok)
        return contents;
    const jobs = [];
    for (const p of paths) {
        const match = picomatch_default()(p.path, { dot: true });
        for (const f of files.value.files.filter((x) => match(x.filename) && !contents.has(x.filename))) {
            contents.set(f.filename, notCollected('contents'));
            jobs.push(attempt(`contents of ${f.filename}`, async () => ({
                base: await decodeContent(github, repo, f.previous_filename ?? f.filename, pr.baseSha),
                head: await decodeContent(github, repo, f.filename, pr.headSha),
            })).then((c) => {
                contents.set(f.filename, c);
            }));
        }
    }
    await Promise.all(jobs);
    return contents;
}
/**
 * Read every fact the configured gates need, once, concurrently. Each read that fails is kept
 * as a reason (the gate then reports "cannot evaluate"), never dropped.
 */
async function collectFacts(deps, pr, config) {
    const { github, repo, workspace } = deps;
    const need = readsFor(config, deps.gateFiles ?? []);
    const commands = runGateCommands(deps, config);
    const reports = readReportFiles(config, workspace);
    const [files, commits, reviews, deployments, branch, compare, ciRuns, backupFile] = await Promise.all([
        readIf(need.files, 'PR files', () => attempt('PR files', () => readPullRequestFiles(github, repo, pr))),
        readIf(need.commits, 'PR commits', () => readPullRequestCommits(github, repo, pr)),
        readIf(need.reviews, 'reviews', () => readReviews(github, repo, pr)),
        readIf(need.deployEnv, 'deployments', () => readDeployments(github, repo, pr.headSha, need.deployEnv)),
        readIf(need.branch, 'branch', () => attempt(`branch ${deps.productionBranch}`, () => readBranchProtection(github, repo, deps.productionBranch))),
        readIf(need.drift, 'compare', () => readDriftCompare(github, repo, need.drift)),
        readIf(need.ci, 'workflow runs', () => readCiRuns(github, repo, pr.headSha)),
        readIf(need.backupFile, 'backup file', () => readBackupFile(need.backupFile, workspace)),
    ]);
    const protectedContents = await readProtectedContents(github, repo, pr, need.jsonProtected, files);
    return {
        now: deps.clock.now(),
        checkName: deps.checkName,
        productionBranch: deps.productionBranch,
        pr,
        files,
        commits,
        reviews,
        deployments,
        branch,
        compare,
        reports: await reports,
        commands: await commands,
        backupFile,
        protectedContents,
        ciRuns,
        gateFiles: deps.gateFiles ?? [],
    };
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./packages/core/src/gates/base-scripts.ts




async function readBlob(github, repo, path, ref) {
    try {
        const { data } = await github.rest.repos.getContent({ ...repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
            return { kind: 'other' };
        if (data.encoding === 'none' || (data.content === '' && data.size > 0))
            throw new Error(`${path} at ${ref.slice(0, 12)} is ${data.size} bytes, more than the contents API returns (1 MB)`);
        return { kind: 'file', content: Buffer.from(data.content, 'base64') };
    }
    catch (e) {
        if (e.status === 404)
            return { kind: 'absent' };
        throw e;
    }
}
async function createBaseScripts(options) {
    const { github, repo, base, headSha } = options;
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(options.tempRoot ?? (0,external_node_os_.tmpdir)(), 'promote-base-scripts-'));
    const taken = new Set();
    const copies = new Map();
    const copyOf = (path, program) => {
        const key = `${program ? 'x' : 'r'}:${path}`;
        let p = copies.get(key);
        if (!p) {
            p = (async () => {
                const blob = await readBlob(github, repo, path, base.sha);
                if (blob.kind === 'other')
                    return undefined;
                if (blob.kind === 'absent') {
                    const head = await readBlob(github, repo, path, headSha);
                    if (head.kind === 'file')
                        throw new Error(`${path} is not on ${base.ref} (${base.sha.slice(0, 12)}); this PR adds it. Gates run only the scripts the base branch has: merge the script first, then the gate can run it`);
                    return undefined;
                }
                const target = (0,external_node_path_.join)(dir, program ? 'x' : 'r', path);
                await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
                await (0,promises_.writeFile)(target, blob.content);
                // The contents API does not say whether a file is executable: the program of a command
                // (`./scripts/check.sh`) must be, an argument (`python3 scripts/check.py`) need not be.
                await (0,promises_.chmod)(target, program ? 0o755 : 0o644);
                taken.add(path);
                return target;
            })();
            copies.set(key, p);
        }
        return p;
    };
    return {
        taken,
        async resolve(argv) {
            return Promise.all(argv.map(async (arg, i) => {
                const path = repoPathOf(arg);
                if (!path)
                    return arg;
                return (await copyOf(path, i === 0)) ?? arg;
            }));
        },
        dispose: () => (0,promises_.rm)(dir, { recursive: true, force: true }),
    };
}

;// CONCATENATED MODULE: ./packages/core/src/gates/index.ts
// Gate implementations shared by preflight-gates and open-promote-pr (in-process).





















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


/***/ })

};
