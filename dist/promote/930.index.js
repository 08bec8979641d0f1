export const id = 930;
export const ids = [930];
export const modules = {

/***/ 3113:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xw: () => (/* binding */ fileLocator),
/* harmony export */   g2: () => (/* binding */ ConfigValidationError),
/* harmony export */   jV: () => (/* binding */ formatPath),
/* harmony export */   lv: () => (/* binding */ schemaAt),
/* harmony export */   oZ: () => (/* binding */ issueEntries),
/* harmony export */   og: () => (/* binding */ formatIssues)
/* harmony export */ });
/* unused harmony export didYouMean */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7638);

/**
 * Turning zod issues into lines a user can act on, one per problem:
 *   promotion.yml: preflight.freeze[0].from: "25:00" is not a time; use HH:MM
 *   promotion.yml: preflight.frezee: unknown key; allowed keys: ci, findings, freeze (did you mean freeze?)
 */
/** A bad config file (or input): `.issues` holds one line per problem, the message all of them. */
class ConfigValidationError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1 {
    file;
    issues;
    constructor(file, issues, header = `${file} is not valid (${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}); fix and re-run:`) {
        super(`${header}\n${issues.join('\n')}`);
        this.file = file;
        this.issues = issues;
    }
}
/** `preflight.freeze[0].from` */
function formatPath(path) {
    let out = '';
    for (const key of path) {
        if (typeof key === 'number')
            out += `[${key}]`;
        else
            out += out === '' ? String(key) : `.${String(key)}`;
    }
    return out;
}
const defOf = (schema) => schema._zod.def;
/** Strip wrappers (optional, default, prefault, nullable, readonly, catch, pipe input, lazy). */
function unwrapSchema(schema) {
    let s = schema;
    for (let i = 0; i < 20; i++) {
        const def = defOf(s);
        if (def.innerType &&
            ['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type))
            s = def.innerType;
        else if (def.type === 'pipe' && def.in)
            s = def.in;
        else if (def.type === 'lazy' && def.getter)
            s = def.getter();
        else
            break;
    }
    return s;
}
/** The (unwrapped) schema found at `path` under `root`, or undefined when the path leaves it. */
function schemaAt(root, path) {
    let s = unwrapSchema(root);
    for (const key of path) {
        if (!s)
            return undefined;
        const def = defOf(s);
        if (def.type === 'object' && def.shape && typeof key === 'string')
            s = def.shape[key];
        else if (def.type === 'array' && def.element)
            s = def.element;
        else if (def.type === 'record' && def.valueType)
            s = def.valueType;
        else if (def.type === 'union' && def.options) {
            s = def.options.map((o) => schemaAt(o, [key])).find((o) => o !== undefined);
        }
        else
            return undefined;
        if (s)
            s = unwrapSchema(s);
    }
    return s;
}
/** Keys an object schema allows (union members merged), for the "unknown key" line. */
function allowedKeys(root, path) {
    const s = schemaAt(root, path);
    if (!s)
        return [];
    const def = defOf(s);
    if (def.type === 'object' && def.shape)
        return Object.keys(def.shape);
    if (def.type === 'union' && def.options) {
        return [...new Set(def.options.flatMap((o) => allowedKeys(o, [])))];
    }
    return [];
}
function distance(a, b) {
    const dp = Array.from({ length: a.length + 1 }, (_, i) => [
        i,
        ...Array(b.length).fill(0),
    ]);
    for (let j = 1; j <= b.length; j++)
        dp[0][j] = j;
    for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
            dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return dp[a.length][b.length];
}
/** The closest candidate when it is plausibly a typo ("frezee" -> "freeze", "from_" -> "from"). */
function didYouMean(word, candidates) {
    const norm = (s) => s.toLowerCase().replace(/[_\s]/g, '-');
    let best;
    let bestScore = Infinity;
    for (const c of candidates) {
        const d = distance(norm(word), norm(c));
        if (d < bestScore) {
            bestScore = d;
            best = c;
        }
    }
    if (best === undefined)
        return undefined;
    return bestScore <= Math.max(1, Math.min(3, Math.floor(best.length / 3))) ? best : undefined;
}
const TYPE_WORDS = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping',
    bigint: 'a whole number',
    date: 'a date',
    null: 'null',
};
const TYPE_HINTS = {
    array: 'a YAML list, e.g. [a, b] or one "- item" per line',
    object: 'a mapping of keys (key: value)',
    record: 'a mapping of keys (key: value)',
    boolean: 'true or false (unquoted)',
    number: 'a number (unquoted)',
};
/** The bad value as the user wrote it: JSON for scalars, a word for lists and mappings. */
function showValue(value) {
    if (value === undefined)
        return 'missing';
    if (value === null)
        return 'empty (null)';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    const json = JSON.stringify(value) ?? String(value);
    return json.length > 80 ? `${json.slice(0, 77)}..."` : json;
}
const CONTINUES_VALUE = /^(is|are|isn't|looks|has|have|does|doesn't|must|should|can|cannot|contains|needs|was|names|matches)\b/;
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)/;
function sizeWord(origin, n) {
    if (origin === 'string')
        return `${n} ${n === 1 ? 'character' : 'characters'}`;
    if (origin === 'array' || origin === 'set')
        return `${n} ${n === 1 ? 'item' : 'items'}`;
    return String(n);
}
/** "<bad value> <what is wrong>; <what is allowed>" for one issue (without the location). */
function describeIssue(issue) {
    const value = issue.params?.hideValue ? '(value hidden)' : showValue(issue.input);
    const custom = issue.message && !DEFAULT_MESSAGE.test(issue.message) ? issue.message : undefined;
    if (issue.code === 'invalid_type' && issue.input === undefined) {
        const allowed = custom?.split(';').slice(1).join(';').trim();
        return `is required; ${allowed || `use ${TYPE_HINTS[issue.expected] ?? TYPE_WORDS[issue.expected] ?? issue.expected}`}`;
    }
    // Messages in the building blocks' form ("is not a time; use HH:MM") follow the bad value; a
    // section's own full sentence ("dates.from is after dates.to") is printed as it is.
    if (custom)
        return CONTINUES_VALUE.test(custom) ? `${value} ${custom}` : custom;
    switch (issue.code) {
        case 'invalid_type': {
            const word = TYPE_WORDS[issue.expected] ?? issue.expected;
            const hint = TYPE_HINTS[issue.expected] ?? word;
            return typeof issue.input === 'object' && issue.input !== null
                ? `is ${value}, not ${word}; use ${hint}`
                : `${value} is not ${word}; use ${hint}`;
        }
        case 'invalid_value':
            return issue.values.length === 1
                ? `${value} is not allowed; use ${JSON.stringify(issue.values[0])}`
                : `${value} is not allowed; use one of: ${issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`;
        case 'too_small':
            if (issue.origin === 'array' && Number(issue.minimum) === 1)
                return `is empty; give at least one item`;
            if (issue.origin === 'string' && Number(issue.minimum) === 1)
                return `is empty; give a value`;
            return issue.origin === 'string' || issue.origin === 'array'
                ? `${value} is too short; use at least ${sizeWord(issue.origin, issue.minimum)}`
                : `${value} is too small; use ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
        case 'too_big':
            return issue.origin === 'string' || issue.origin === 'array'
                ? `${value} is too long; use at most ${sizeWord(issue.origin, issue.maximum)}`
                : `${value} is too large; use ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
        case 'invalid_format':
            return `${value} is not a valid ${issue.format}${issue.format === 'regex' && 'pattern' in issue ? `; match ${String(issue.pattern)}` : ''}`;
        case 'not_multiple_of':
            return `${value} is not a multiple of ${issue.divisor}`;
        case 'invalid_union': {
            const expected = [
                ...new Set(issue.errors.flatMap((branch) => branch
                    .filter((i) => i.code === 'invalid_type' && i.path.length === 0)
                    .map((i) => TYPE_WORDS[i.expected] ??
                    i.expected))),
            ];
            return expected.length > 0 && expected.length === issue.errors.length
                ? `${value} is not allowed here; use ${expected.join(' or ')}`
                : `${value} does not match any allowed form${issue.message && !DEFAULT_MESSAGE.test(issue.message) ? `; ${issue.message}` : ''}`;
        }
        case 'invalid_key':
            return `has a bad key: ${issue.issues.map((i) => describeIssue(i)).join(', ')}`;
        case 'invalid_element':
            return `has a bad value: ${issue.issues.map((i) => describeIssue(i)).join(', ')}`;
        default:
            return `${value} ${issue.message}`;
    }
}
/**
 * For a union (e.g. a weekly window or a date range), the branch the user evidently meant: the
 * one whose keys all fit and that has the fewest problems, all below the union itself. Its
 * issues say what is really wrong ("25:00" is not a time) instead of "matches no form".
 */
function closestBranch(issue) {
    const scored = issue.errors
        .filter((branch) => branch.length > 0)
        .map((branch) => ({
        branch,
        fits: branch.every((i) => i.code !== 'unrecognized_keys' &&
            i.path.length > 0 &&
            !(i.code === 'invalid_type' && i.input === undefined)),
    }))
        .filter((b) => b.fits)
        .sort((a, b) => a.branch.length - b.branch.length);
    if (scored.length === 0)
        return undefined;
    if (scored.length > 1 && scored[0].branch.length === scored[1].branch.length)
        return undefined;
    return scored[0].branch;
}
/**
 * One line per issue, each `<location>: <bad value> <what is wrong>; <what is allowed>`.
 * For an unrecognized key the line names the allowed keys and the likely intended one.
 * Issues inside a union branch that matched by kind are unwrapped to their real cause.
 */
function formatIssues(issues, options) {
    return [
        ...new Set(issueEntries(issues, options.schema).map((e) => `${options.locate(e.path)}: ${e.detail}`)),
    ];
}
/** The problems of formatIssues with their key paths (the CLI turns a path into a file line). */
function issueEntries(issues, schema) {
    const entries = [];
    for (const raw of issues) {
        const issue = raw;
        if (issue.code === 'invalid_union') {
            const branch = closestBranch(issue);
            if (branch) {
                entries.push(...issueEntries(branch.map((i) => ({ ...i, path: [...issue.path, ...i.path] })), schema));
                continue;
            }
            // No branch fits: say so, plus any typo'd key a branch would have known ("day" -> "days").
            const typos = new Set();
            for (const b of issue.errors)
                for (const i of b)
                    if (i.code === 'unrecognized_keys')
                        for (const key of i.keys) {
                            const known = allowedKeys(schema, [...issue.path, ...i.path]);
                            const guess = didYouMean(key, known);
                            if (guess)
                                typos.add(`unknown key ${key}: did you mean ${guess}?`);
                        }
            const base = describeIssue(issue);
            entries.push({
                path: [...issue.path],
                detail: typos.size > 0 ? `${base} (${[...typos].join('; ')})` : base,
            });
            continue;
        }
        if (issue.code === 'unrecognized_keys') {
            const allowed = allowedKeys(schema, issue.path);
            for (const key of issue.keys) {
                const guess = didYouMean(key, allowed);
                const allowedText = allowed.length > 0 ? `; allowed keys: ${allowed.join(', ')}` : '; remove it';
                entries.push({
                    path: [...issue.path, key],
                    detail: `unknown key${allowedText}${guess ? ` (did you mean ${guess}?)` : ''}`,
                });
            }
            continue;
        }
        entries.push({ path: [...issue.path], detail: describeIssue(issue) });
    }
    return entries;
}
/** `promotion.yml: <path>` locations, for a config file. */
function fileLocator(fileLabel) {
    return (path) => (path.length === 0 ? fileLabel : `${fileLabel}: ${formatPath(path)}`);
}


/***/ }),

/***/ 703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Bi: () => (/* binding */ DEFAULT_CONFIG_PATH),
  Z9: () => (/* binding */ loadConfig),
  o4: () => (/* binding */ parseConfig),
  im: () => (/* binding */ readConfigText)
});

// UNUSED EXPORTS: checkConfig

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./packages/core/src/errors.ts
var errors = __webpack_require__(7638);
// EXTERNAL MODULE: ./packages/core/src/time.ts
var time = __webpack_require__(1888);
// EXTERNAL MODULE: ./packages/core/src/config/sections/migrate.ts
var migrate = __webpack_require__(820);
;// CONCATENATED MODULE: ./packages/core/src/config/deprecations.ts


/**
 * Keys that took bare milliseconds before every duration became one type (issue #17): a number
 * there is read as milliseconds, as before, with a warning. A bare number anywhere else is refused.
 */
const BARE_MILLISECOND_KEYS = [
    ...migrate/* MIGRATE_STEPS */.c.map((step) => ['migrate', 'timeouts', step]),
    ['migrate', 'lock', 'ttl'],
    ['migrate', 'lock', 'wait-timeout'],
    ['migrate', 'lock', 'poll-interval'],
];
/** The warning for a bare number `ms` at a key that reads it as milliseconds. */
function bareMillisecondsDetail(ms) {
    const spelled = (0,time/* spellDuration */.jl)(ms);
    const fix = spelled === `${ms}ms`
        ? `; write "${spelled}" (or "${ms}s" if you meant seconds)`
        : ` (${spelled}); write "${spelled}"`;
    return `${ms} is read as ${ms} milliseconds${fix} — bare numbers are deprecated and will be refused in the next major`;
}
/**
 * `raw` (the parsed YAML) with each deprecated value rewritten as the schema now wants it
 * (`backup: 30` -> `backup: "30ms"`), and one note per rewrite. `raw` itself is not changed.
 * Only what the old schema accepted is rewritten (a whole number above zero); anything else is
 * left for the schema to refuse with its own message.
 */
function upgradeDeprecatedValues(raw) {
    const deprecations = [];
    let upgraded = raw;
    for (const path of BARE_MILLISECOND_KEYS) {
        const value = path.reduce((node, key) => mappingOf(node)?.[key], raw);
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
            continue;
        if (upgraded === raw)
            upgraded = structuredClone(raw);
        const parent = path
            .slice(0, -1)
            .reduce((node, key) => mappingOf(node)?.[key], upgraded);
        mappingOf(parent)[path.at(-1)] = `${value}ms`;
        deprecations.push({ path: [...path], detail: bareMillisecondsDetail(value) });
    }
    return { raw: upgraded, deprecations };
}
function mappingOf(node) {
    return node !== null && typeof node === 'object' && !Array.isArray(node)
        ? node
        : undefined;
}

// EXTERNAL MODULE: ./packages/core/src/config/errors.ts
var config_errors = __webpack_require__(3113);
// EXTERNAL MODULE: ./packages/core/src/config/merge.ts
var merge = __webpack_require__(4520);
// EXTERNAL MODULE: ./packages/core/src/config/schema.ts + 3 modules
var schema = __webpack_require__(6094);
;// CONCATENATED MODULE: ./packages/core/src/config/load.ts








const DEFAULT_CONFIG_PATH = '.github/promotion.yml';
/**
 * Load and validate .github/promotion.yml from the checkout or through the contents API (no
 * checkout needed). No file means defaults. Any problem is a ConfigurationError naming the file,
 * the key path, the bad value and what is allowed, raised before the action does anything.
 */
async function loadConfig(options) {
    const { source, logger } = options;
    const path = source.path || DEFAULT_CONFIG_PATH;
    const text = source.kind === 'file'
        ? await readFromWorkspace(path, source.workspace)
        : await readFromApi(source, path);
    let config;
    if (text === undefined) {
        logger?.debug(`No ${path} found${source.kind === 'api' ? ` in ${source.owner}/${source.repo}${source.ref ? `@${source.ref}` : ''}` : ''}; using the defaults.`);
        config = parseConfig('', path);
    }
    else {
        logger?.debug(`Loaded ${path} (${text.length} characters).`);
        config = parseConfig(text, path, { logger });
    }
    return options.overrides ? (0,merge/* mergeInputs */.s)(config, options.overrides, options.inputNames) : config;
}
/**
 * The config file's text, or undefined when there is none (for an action that must tell "no
 * file" from "the defaults", as preflight-gates does). Errors as loadConfig's.
 */
async function readConfigText(source) {
    const path = source.path || DEFAULT_CONFIG_PATH;
    return source.kind === 'file'
        ? readFromWorkspace(path, source.workspace)
        : readFromApi(source, path);
}
/** Validate config text (YAML) without throwing: every problem with its line. Empty text means defaults. */
function checkConfig(text, path = DEFAULT_CONFIG_PATH) {
    const label = (0,external_node_path_.basename)(path);
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
    if (doc.errors.length > 0) {
        const problems = doc.errors.map((e) => {
            const at = e.linePos?.[0];
            const where = at ? ` line ${at.line}, column ${at.col}` : '';
            let detail = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
            if (e.code === 'DUPLICATE_KEY') {
                // yaml says only "Map keys must be unique": name the key and the fix.
                const key = /^[^:\n]+/.exec(text.slice(e.pos[0]))?.[0]?.trim();
                if (key)
                    detail = `${key} is given twice in this mapping; keep one`;
            }
            return {
                path: [],
                ...(at ? { line: at.line, column: at.col } : {}),
                detail,
                text: `${label}:${where}: ${detail}`,
            };
        });
        return { ok: false, syntax: true, problems, deprecations: [] };
    }
    const raw = doc.toJS() ?? {};
    if (typeof raw !== 'object' || Array.isArray(raw)) {
        const detail = `the file is ${Array.isArray(raw) ? 'a list' : `the value ${JSON.stringify(raw)}`}; it must be a mapping of sections (e.g. "preflight:", "notify:")`;
        return {
            ok: false,
            syntax: false,
            problems: [{ path: [], line: 1, column: 1, detail, text: `${label}: ${detail}` }],
            deprecations: [],
        };
    }
    const upgraded = upgradeDeprecatedValues(raw);
    const locate = (0,config_errors/* fileLocator */.Xw)(label);
    const deprecations = upgraded.deprecations.map((d) => ({
        ...d,
        ...keyPosition(doc, lineCounter, d.path),
        text: `${locate(d.path)}: ${d.detail}`,
    }));
    const result = schema/* promotionConfigSchema */.p.safeParse(upgraded.raw, { reportInput: true });
    if (result.success)
        return { ok: true, config: result.data, deprecations };
    const seen = new Set();
    const problems = [];
    for (const entry of (0,config_errors/* issueEntries */.oZ)(result.error.issues, schema/* promotionConfigSchema */.p)) {
        const text = `${locate(entry.path)}: ${entry.detail}`;
        if (seen.has(text))
            continue;
        seen.add(text);
        const at = keyPosition(doc, lineCounter, entry.path);
        problems.push({ ...entry, ...at, text });
    }
    return { ok: false, syntax: false, problems, deprecations };
}
/**
 * Validate config text (YAML). `path` is used in messages. Empty text means defaults. Each
 * deprecated value is a warning on the logger, an annotation on its line of the file.
 */
function parseConfig(text, path = DEFAULT_CONFIG_PATH, options = {}) {
    const checked = checkConfig(text, path);
    for (const d of checked.deprecations)
        options.logger?.warning(d.text, {
            title: 'Promote config: deprecated value',
            file: path,
            ...(d.line !== undefined ? { startLine: d.line } : {}),
        });
    if (checked.ok)
        return checked.config;
    const lines = checked.problems.map((p) => p.text);
    if (checked.syntax)
        throw new config_errors/* ConfigValidationError */.g2(path, lines, `${path} is not valid YAML; fix it and re-run:`);
    throw new config_errors/* ConfigValidationError */.g2(path, lines);
}
/**
 * Where a key path is written: the key's own line for a mapping entry, the item's line for a list
 * entry; for a key that is missing, the closest enclosing key that exists.
 */
function keyPosition(doc, lineCounter, path) {
    let node = doc.contents;
    let offset = node?.range?.[0];
    for (const key of path) {
        if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && p.key.value === key);
            if (!pair)
                break;
            offset = pair.key.range?.[0] ?? offset;
            node = pair.value;
        }
        else if ((0,dist/* isSeq */.oP)(node) && typeof key === 'number') {
            const item = node.items[key];
            if (!item)
                break;
            offset = item.range?.[0] ?? offset;
            node = item;
        }
        else
            break;
    }
    if (offset === undefined)
        return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
}
async function readFromWorkspace(path, workspace) {
    const full = (0,external_node_path_.isAbsolute)(path)
        ? path
        : (0,external_node_path_.join)(workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd(), path);
    try {
        return await (0,promises_.readFile)(full, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            return undefined;
        if (code === 'EISDIR')
            throw new errors/* ConfigurationError */.j1(`${path} is a directory; the config must be a YAML file.`);
        throw new errors/* ConfigurationError */.j1(`Cannot read ${path}: ${error.message}`);
    }
}
async function readFromApi(source, path) {
    let data;
    try {
        ({ data } = await source.github.rest.repos.getContent({
            owner: source.owner,
            repo: source.repo,
            path,
            ...(source.ref ? { ref: source.ref } : {}),
        }));
    }
    catch (error) {
        if (error.status === 404)
            return undefined;
        throw error;
    }
    if (Array.isArray(data))
        throw new errors/* ConfigurationError */.j1(`${path} in ${source.owner}/${source.repo} is a directory; the config must be a YAML file.`);
    const file = data;
    if (file.type !== undefined && file.type !== 'file') {
        throw new errors/* ConfigurationError */.j1(`${path} in ${source.owner}/${source.repo} is a ${file.type}, not a file.`);
    }
    if (file.encoding === 'none' || (file.content === '' && (file.size ?? 0) > 0)) {
        // The contents API returns no content for files over 1 MB.
        throw new errors/* ConfigurationError */.j1(`${path} is ${file.size} bytes, too large for the contents API (1 MB); keep the config small.`);
    }
    return Buffer.from(file.content ?? '', 'base64').toString('utf8');
}


/***/ }),

/***/ 4520:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mergeInputs)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7638);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3113);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6094);



/** Split 'a.b[0].c' into ['a', 'b', 0, 'c']. */
function parseConfigPath(path) {
    const out = [];
    for (const part of path.split('.')) {
        const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
        if (!m || (m[1] === '' && m[2] === ''))
            throw new Error(`bad config path "${path}"`);
        if (m[1])
            out.push(m[1]);
        for (const idx of m[2].matchAll(/\[(\d+)\]/g))
            out.push(Number(idx[1]));
    }
    return out;
}
function kindOf(schema) {
    return schema?._zod?.def?.type;
}
/**
 * Inputs arrive as strings; turn them into what the schema at that path wants, so
 * `max-files: "300"` or `paths: "src/**, docs/**"` merge as a number and a list.
 */
function coerce(value, schema) {
    if (typeof value !== 'string')
        return value;
    const kind = kindOf(schema);
    const text = value.trim();
    if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(text))
        return Number(text);
    if (kind === 'boolean' && /^(true|false)$/i.test(text))
        return text.toLowerCase() === 'true';
    if (kind === 'array') {
        return text
            .split(/[\n,]/)
            .map((s) => s.trim())
            .filter((s) => s !== '');
    }
    if (kind === 'object' || kind === 'record') {
        try {
            return JSON.parse(text);
        }
        catch {
            return value;
        }
    }
    return text;
}
function setAt(target, path, value) {
    let node = target;
    for (let i = 0; i < path.length - 1; i++) {
        const key = path[i];
        const next = node[key];
        if (next === undefined || next === null || typeof next !== 'object') {
            node[key] = typeof path[i + 1] === 'number' ? [] : {};
        }
        node = node[key];
    }
    node[path[path.length - 1]] = value;
}
/**
 * Action inputs over file values. `undefined` and '' mean "not given" (the runner passes '' for an
 * unset input). The result is validated again, so a bad input fails like a bad file, naming the
 * input: `input freeze-timezone: "Mars/Base" is not an IANA time zone; ...`.
 */
function mergeInputs(config, overrides, inputNames = {}) {
    const merged = structuredClone(config);
    const given = [];
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined || value === '')
            continue;
        const path = parseConfigPath(key);
        const schema = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .schemaAt */ .lv)(_schema_js__WEBPACK_IMPORTED_MODULE_1__/* .promotionConfigSchema */ .p, path);
        const name = inputNames[key] ?? key;
        if (!schema)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(`input ${name}: maps to "${key}", which is not a key of promotion.yml (a bug in the action: please report it)`);
        setAt(merged, path, coerce(value, schema));
        given.push({ path, name });
    }
    if (given.length === 0)
        return config;
    const result = _schema_js__WEBPACK_IMPORTED_MODULE_1__/* .promotionConfigSchema */ .p.safeParse(merged, { reportInput: true });
    if (result.success)
        return result.data;
    const locate = (issuePath) => {
        const owner = given.find((g) => g.path.every((k, i) => issuePath[i] === k));
        if (owner) {
            const rest = issuePath.slice(owner.path.length);
            return `input ${owner.name}${rest.length ? ` (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(rest)})` : ''}`;
        }
        return `promotion.yml: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .formatPath */ .jV)(issuePath)}`;
    };
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigValidationError */ .g2('inputs', (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .formatIssues */ .og)(result.error.issues, { schema: _schema_js__WEBPACK_IMPORTED_MODULE_1__/* .promotionConfigSchema */ .p, locate }), 'The action inputs are not valid; fix them and re-run:');
}


/***/ }),

/***/ 6094:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  p: () => (/* binding */ promotionConfigSchema)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 16 modules
var schemas = __webpack_require__(2169);
// EXTERNAL MODULE: ./packages/core/src/config/sections/preflight.ts
var preflight = __webpack_require__(9454);
// EXTERNAL MODULE: ./packages/core/src/rollback-command.ts
var rollback_command = __webpack_require__(4265);
// EXTERNAL MODULE: ./packages/core/src/github/limits.ts
var limits = __webpack_require__(9889);
// EXTERNAL MODULE: ./packages/core/src/config/types.ts
var types = __webpack_require__(2281);
;// CONCATENATED MODULE: ./packages/core/src/config/sections/promote.ts




/** Placeholders the PR title template may use; anything else is a config error before any write. */
const PROMOTE_TITLE_PLACEHOLDERS = ['name', 'date', 'staging', 'production', 'sha'];
/** `{word}` tokens of a title template that are not known placeholders. */
function unknownTitlePlaceholders(template) {
    const known = new Set(PROMOTE_TITLE_PLACEHOLDERS);
    return [...template.matchAll(/\{([^{}]*)\}/g)]
        .map((m) => m[1] ?? '')
        .filter((word) => !known.has(word));
}
const argv = schemas/* array */.YOg(schemas/* string */.YjP().min(1))
    .min(1)
    .describe('A command as an argv array (never a shell string), e.g. ["npx", "wrangler", "d1", "migrations", "list", "DB"].');
const reviewersSection = schemas/* object */.Ikc({
    users: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .default([])
        .describe('GitHub logins in rotation order (without "@").'),
    teams: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .default([])
        .describe('Team slugs (without the org) that take their turn after the users, requested as team reviewers.'),
    away: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .default([])
        .describe('Logins or team slugs skipped by the rotation (holidays, leave); keep them in `users` so their place is kept.'),
    strategy: schemas/* literal */.euz('round-robin')
        .default('round-robin')
        .describe('How the next reviewer is chosen: round-robin continues after the reviewer recorded in the newest promotion PR.'),
    required: schemas/* boolean */.zMY()
        .default(false)
        .describe('Fail (before any write) when nobody in the rotation can review: empty, everyone away, or only the author.'),
})
    .strict();
const migrationsSection = schemas/* union */.KCZ([
    schemas/* object */.Ikc({
        command: argv.describe('Command whose output lists pending migrations, e.g. ["npx", "wrangler", "d1", "migrations", "list", "DB", "--remote"].'),
        'max-lines': schemas/* number */.aig()
            .int()
            .positive()
            .default(60)
            .describe('Lines of the command output shown in the PR body.'),
    })
        .strict(),
    schemas/* object */.Ikc({
        paths: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
            .min(1)
            .describe('Globs of migration files; files added in the promotion that match are listed as "will run on merge".'),
    })
        .strict(),
])
    .describe('Where the PR body gets the migrations that will run on merge: a command or migration file globs.');
const auditSection = schemas/* union */.KCZ([
    schemas/* object */.Ikc({
        file: schemas/* string */.YjP()
            .min(1)
            .describe('Path (in the checkout) of an audit log; its last lines are quoted in the PR body.'),
        'max-lines': schemas/* number */.aig()
            .int()
            .positive()
            .default(20)
            .describe('How many of the last lines to quote.'),
    })
        .strict(),
    schemas/* object */.Ikc({
        command: argv.describe('Command printing the audit log, e.g. ["git", "log", "--format=%h %an %s", "-n", "20"].'),
        'max-lines': schemas/* number */.aig()
            .int()
            .positive()
            .default(20)
            .describe('How many of the last output lines to quote.'),
    })
        .strict(),
])
    .describe('Audit-log excerpt quoted in the PR body: a file or a command.');
const PROMOTE_GATES = ['drift', 'change-size', 'findings'];
/** The `promote:` section of .github/promotion.yml (open-promote-pr). */
const promoteSection = schemas/* object */.Ikc({
    name: schemas/* string */.YjP()
        .min(1)
        .default('release')
        .describe('Promotion name used when the `name` input is empty; part of the branch name promote/<name>-<yyyymmdd-hhmm>.'),
    'branch-prefix': schemas/* string */.YjP()
        .min(1)
        .regex(/^[A-Za-z0-9._-]+\/$/, 'use one path segment ending in "/", e.g. "promote/"')
        .default('promote/')
        .describe('Prefix of promotion branches; promotion PRs are recognised by it.'),
    timezone: types/* ianaTimeZone */.pu
        .default('UTC')
        .describe('IANA time zone of the yyyymmdd-hhmm stamp in the branch name.'),
    title: schemas/* string */.YjP()
        .min(1)
        .default('Promote {name} to {production}')
        .superRefine((template, ctx) => {
        const unknown = unknownTitlePlaceholders(template);
        if (unknown.length > 0) {
            ctx.addIssue({
                code: 'custom',
                message: `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; use ${PROMOTE_TITLE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
            });
        }
    })
        .describe('PR title template; placeholders {name}, {date} (yyyy-mm-dd hh:mm), {staging}, {production}, {sha} (short staging SHA).'),
    labels: schemas/* array */.YOg(schemas/* string */.YjP().min(1).max(limits/* LABEL_NAME_LIMIT */.LR))
        .default(['promotion'])
        .describe('Labels put on the promotion PR.'),
    assignees: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .default([])
        .describe('Logins assigned to the promotion PR.'),
    draft: schemas/* boolean */.zMY().default(false).describe('Open the promotion PR as a draft.'),
    reviewers: reviewersSection
        .prefault({})
        .describe('Reviewer rotation: one reviewer (user or team) per promotion.'),
    areas: schemas/* record */.g1P(schemas/* string */.YjP().min(1), schemas/* array */.YOg(schemas/* string */.YjP().min(1)).min(1))
        .default({})
        .describe('Named areas as path globs (picomatch), e.g. { database: ["migrations/**"] }; the PR body lists the areas a promotion touches.'),
    migrations: migrationsSection.optional(),
    audit: auditSection.optional(),
    'close-superseded': schemas/* boolean */.zMY()
        .default(true)
        .describe('Close other open promotion PRs whose head is contained in the new one, with a comment linking to it.'),
    gates: schemas/* array */.YOg(schemas/* enum */.k5n(PROMOTE_GATES))
        .default([...PROMOTE_GATES])
        .describe('Preflight gates run in-process before opening (configured under `preflight:`); a failure refuses unless `override-reason` is given.'),
    'rollback-workflow': schemas/* string */.YjP()
        .min(1)
        .default(rollback_command/* DEFAULT_ROLLBACK_WORKFLOW */.t6)
        .describe("File name of your repository's rollback workflow (the caller with `workflow_dispatch` in .github/workflows that uses Promote's rollback.yml). Named in every printed rollback command and dispatched by prod-smoke-seal's `on-failure: rollback` (unless smoke.rollback.workflow says otherwise). Default promote-rollback.yml, the name the examples use."),
    checklist: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .default([
        'The changes listed are the ones intended for production',
        'Only the expected migrations are pending',
        'The rollback command below is understood',
    ])
        .describe('Review checklist items rendered as task-list entries in the PR body.'),
})
    .strict();

// EXTERNAL MODULE: ./packages/core/src/config/sections/migrate.ts
var migrate = __webpack_require__(820);
;// CONCATENATED MODULE: ./packages/core/src/config/sections/smoke.ts



/**
 * The `smoke:` section of .github/promotion.yml (prod-smoke-seal). Read-only production checks
 * after a deploy: HTTP checks (GET/HEAD only), command checks, an optional watch window, and where
 * the green/red seal is recorded.
 */
const PERCENT = /^\d+(\.\d+)?%$/;
const percent = (what) => schemas/* union */.KCZ([
    schemas/* string */.YjP().regex(PERCENT, { error: `${what}: use a percentage such as "1%" or "0.5%"` }),
    schemas/* number */.aig().min(0),
])
    .describe(`${what} (a percentage such as "1%", or a number meaning percent).`);
const httpUrl = (what) => schemas/* string */.YjP().refine((value) => {
    try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
    }
    catch {
        return false;
    }
}, { error: (iss) => `${what}: ${JSON.stringify(iss.input)} is not an absolute http(s) URL` });
/** GET and HEAD only: a smoke check must never change production. */
const method = schemas/* string */.YjP()
    .transform((m) => m.toUpperCase())
    .pipe(schemas/* enum */.k5n(['GET', 'HEAD'], {
    error: (iss) => `method ${JSON.stringify(iss.input)} is not allowed: smoke checks are read-only, use GET or HEAD`,
}))
    .default('GET')
    .describe('HTTP method: GET or HEAD only (smoke checks are read-only by construction).');
const statusSpec = schemas/* union */.KCZ([
    schemas/* number */.aig().int().min(100).max(599),
    schemas/* array */.YOg(schemas/* number */.aig().int().min(100).max(599)).min(1),
    schemas/* string */.YjP().regex(/^\s*\d{3}\s*(-\s*\d{3}\s*)?$/, {
        error: 'status: use a code (200), a list ([200, 204]) or a range ("200-299")',
    }),
])
    .describe('Expected status: a code (200), a list ([200, 204]) or a range ("200-299").');
const jsonAssertion = schemas/* object */.Ikc({
    path: schemas/* string */.YjP()
        .min(1)
        .describe('JSONPath into the response body, e.g. "$.status" or "$.checks[0].ok".'),
    equals: schemas/* unknown */.L5J()
        .optional()
        .describe('The value at the path must equal this (deep equality).'),
    matches: schemas/* string */.YjP()
        .optional()
        .describe('The value at the path, as text, must match this regex.'),
    exists: schemas/* boolean */.zMY().optional().describe('true: the path must exist; false: it must not.'),
})
    .strict()
    .refine((a) => a.equals !== undefined || a.matches !== undefined || a.exists !== undefined, {
    error: 'json assertion needs one of equals, matches or exists',
});
/** A header value: exact text, or /regex/flags. */
const headerExpectation = schemas/* string */.YjP()
    .describe('Exact header value, or a regex written as /pattern/flags.');
const secretHeader = schemas/* object */.Ikc({
    env: schemas/* string */.YjP()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
        .describe('Environment variable holding the secret (map it from secrets in the workflow).'),
    format: schemas/* string */.YjP()
        .includes('{value}', { error: 'format must contain {value}, e.g. "Bearer {value}"' })
        .optional()
        .describe('How the header is built from the secret, e.g. "Bearer {value}".'),
})
    .strict();
const basicAuth = schemas/* object */.Ikc({
    'user-env': schemas/* string */.YjP().min(1).describe('Environment variable holding the user name.'),
    'password-env': schemas/* string */.YjP().min(1).describe('Environment variable holding the password.'),
})
    .strict()
    .describe('HTTP Basic auth from two environment variables (masked, including the base64 form).');
const retries = schemas/* object */.Ikc({
    attempts: schemas/* number */.aig()
        .int()
        .min(1)
        .max(20)
        .default(3)
        .describe('Attempts per check, the first included.'),
    backoff: types/* duration */.p0.default('1s').describe('Wait before the second attempt; doubles each time.'),
    'max-backoff': types/* duration */.p0.default('10s').describe('Longest wait between attempts.'),
    'retry-on': schemas/* array */.YOg(schemas/* number */.aig().int().min(100).max(599))
        .default([429, 502, 503, 504])
        .describe('Statuses worth another attempt. Transport errors and timeouts are always retried.'),
})
    .strict();
const timeouts = schemas/* object */.Ikc({
    attempt: types/* duration */.p0.default('10s').describe('Timeout of one attempt (connect to last byte).'),
    deadline: types/* duration */.p0
        .default('2m')
        .describe('Overall deadline per check across attempts (warm-up after a deploy).'),
})
    .strict();
const httpCheck = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().min(1).describe('Name shown in the seal table.'),
    url: httpUrl('url').optional().describe('Absolute URL to check.'),
    path: schemas/* string */.YjP()
        .startsWith('/', { error: 'path must start with "/" (it is joined to base-url)' })
        .optional()
        .describe('Path under base-url, e.g. "/healthz".'),
    method,
    expect: schemas/* object */.Ikc({
        status: statusSpec.default([200]),
        'body-contains': schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* string */.YjP())])
            .optional()
            .describe('Text (or texts) the body must contain.'),
        'body-regex': schemas/* string */.YjP().optional().describe('Regex the body must match.'),
        json: schemas/* array */.YOg(jsonAssertion).optional().describe('JSONPath assertions on a JSON body.'),
        headers: schemas/* record */.g1P(schemas/* string */.YjP(), headerExpectation)
            .optional()
            .describe('Response headers that must be present with these values.'),
    })
        .strict()
        .prefault({})
        .describe('What a healthy response looks like.'),
    'latency-budget': types/* duration */.p0
        .optional()
        .describe('Slowest acceptable response of the passing attempt.'),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), secretHeader]))
        .optional()
        .describe('Request headers: literal text, or { env, format } read from a secret (masked).'),
    'basic-auth': basicAuth.optional(),
    'insecure-tls': schemas/* boolean */.zMY()
        .optional()
        .describe('Accept a self-signed certificate for this check only (default: smoke.insecure-tls).'),
    retries: retries.partial().optional().describe('Overrides smoke.retries for this check.'),
    timeouts: timeouts.partial().optional().describe('Overrides smoke.timeouts for this check.'),
})
    .strict()
    .refine((c) => (c.url === undefined) !== (c.path === undefined), {
    error: 'a check needs exactly one of url or path',
});
const commandCheck = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().min(1).describe('Name shown in the seal table.'),
    run: schemas/* array */.YOg(schemas/* string */.YjP())
        .min(1)
        .describe('argv array (no shell), e.g. ["npx", "playwright", "test", "--grep", "@qa-readonly"].'),
    junit: schemas/* string */.YjP()
        .optional()
        .describe('Path of the JUnit XML report the command writes; its cases go into the table.'),
    timeout: types/* duration */.p0.default('10m').describe('Timeout of the command.'),
    cwd: schemas/* string */.YjP().optional().describe('Working directory (default: the workspace).'),
    env: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP())
        .optional()
        .describe('Extra environment (not secrets: map those in the workflow step). BASE_URL is set for you.'),
})
    .strict()
    .describe('A read-only suite run with BASE_URL set to production.');
const watch = schemas/* object */.Ikc({
    duration: types/* duration */.p0.default('15m').describe('How long to keep checking after the deploy.'),
    interval: types/* duration */.p0.default('1m').describe('Time between rounds.'),
    'max-error-rate': percent('Seal red when failed checks exceed this share').default('1%'),
    'p95-over-baseline': percent('Seal red when p95 latency exceeds the baseline by more than this').default('10%'),
    baseline: schemas/* object */.Ikc({
        'p95-ms': schemas/* number */.aig().min(0).optional().describe('p95 latency measured before the deploy.'),
        'error-rate': percent('Error rate measured before the deploy').optional(),
    })
        .strict()
        .optional()
        .describe("Numbers measured before the deploy. The `baseline` input (JSON, e.g. a previous run's `results`) wins over this."),
})
    .strict()
    .describe('Optional watch window: repeat the checks every interval for a duration.');
/**
 * Platforms that deploy on push by themselves (Cloudflare, Vercel, Netlify, Heroku) serve the new
 * commit minutes after the merge: checking production before that seals the old version. The seal
 * waits until production reports the deployed SHA, from a version endpoint or from the platform's
 * own GitHub deployment status (https://docs.github.com/en/rest/deployments/statuses).
 */
const waitForLive = schemas/* object */.Ikc({
    url: httpUrl('smoke.wait-for-live.url')
        .optional()
        .describe('Version endpoint that reports the commit production serves, e.g. /version.json.'),
    path: schemas/* string */.YjP()
        .startsWith('/', { error: 'path must start with "/" (it is joined to base-url)' })
        .optional()
        .describe('Version endpoint under base-url, e.g. "/version".'),
    'json-path': schemas/* string */.YjP()
        .min(1)
        .optional()
        .describe('JSONPath of the commit SHA in the JSON body, e.g. "$.commit".'),
    regex: schemas/* string */.YjP()
        .min(1)
        .optional()
        .describe('Regex over the body; its first group (else the whole match) is the commit SHA, e.g. "commit: ([0-9a-f]+)".'),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), secretHeader]))
        .optional()
        .describe('Request headers of the version endpoint: literal text, or { env, format } read from a secret (masked).'),
    deployment: schemas/* object */.Ikc({
        environment: schemas/* string */.YjP()
            .min(1)
            .describe('Environment name the platform posts deployments to, exactly as it writes it (Vercel: "Production").'),
        task: schemas/* string */.YjP()
            .min(1)
            .optional()
            .describe('Only deployments with this task (default: any task but Promote’s own).'),
    })
        .strict()
        .optional()
        .describe("Instead of an endpoint: wait for the platform's GitHub deployment of the SHA in this environment to report success."),
    timeout: types/* duration */.p0
        .default('10m')
        .describe('How long production may take to serve the deployed SHA.'),
    interval: types/* duration */.p0
        .default('10s')
        .describe('First wait between polls; doubles up to 4x, at most 1m.'),
})
    .strict()
    .superRefine((w, ctx) => {
    const sources = [w.url, w.path, w.deployment].filter((s) => s !== undefined).length;
    if (sources !== 1) {
        ctx.addIssue({
            code: 'custom',
            message: 'wait-for-live needs exactly one of url, path (a version endpoint) or deployment: { environment }',
        });
        return;
    }
    if (w.deployment) {
        if (w['json-path'] !== undefined || w.regex !== undefined || w.headers !== undefined) {
            ctx.addIssue({
                code: 'custom',
                message: 'wait-for-live.deployment reads GitHub, not an endpoint: drop json-path, regex and headers',
            });
        }
    }
    else if ((w['json-path'] === undefined) === (w.regex === undefined)) {
        ctx.addIssue({
            code: 'custom',
            message: 'wait-for-live with a version endpoint needs exactly one of json-path or regex to find the SHA in the body',
        });
    }
})
    .describe('Wait, before any check, until production serves the deployed commit (platforms that deploy on push by themselves); red when it does not within timeout.');
const seal = schemas/* object */.Ikc({
    context: schemas/* string */.YjP()
        .min(1)
        .default('promote/smoke-seal')
        .describe('Commit status context (stable, so branch protection or dashboards can use it).'),
    'commit-status': schemas/* boolean */.zMY()
        .default(true)
        .describe('Record the seal as a commit status on the deployed SHA.'),
    'deployment-status': schemas/* boolean */.zMY()
        .default(true)
        .describe('Record the seal as a deployment status when a deployment id is given.'),
    'release-body': schemas/* boolean */.zMY()
        .default(true)
        .describe('Update a marked section of the release body when a release for the tag exists.'),
    chat: schemas/* boolean */.zMY().default(true).describe('Post the seal to the chat webhooks of `notify:`.'),
})
    .strict();
const issue = schemas/* object */.Ikc({
    enabled: schemas/* boolean */.zMY()
        .default(false)
        .describe('On red, open (or update) one issue per deployed SHA.'),
    mention: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^@?[A-Za-z0-9-]+(\/[A-Za-z0-9_.-]+)?$/))
        .default([])
        .describe('People or teams to mention in that issue (GitHub logins).'),
    labels: schemas/* array */.YOg(schemas/* string */.YjP().min(1).max(limits/* LABEL_NAME_LIMIT */.LR))
        .default(['production-smoke'])
        .describe('Labels of that issue.'),
})
    .strict();
const rollback = schemas/* object */.Ikc({
    workflow: schemas/* string */.YjP()
        .min(1)
        .optional()
        .describe('Rollback workflow file name (or id) dispatched when on-failure is rollback. Default: promote.rollback-workflow (promote-rollback.yml).'),
    ref: schemas/* string */.YjP().optional().describe('Ref to dispatch on (default: the production branch).'),
    inputs: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP())
        .default({})
        .describe('Extra workflow_dispatch inputs; "{sha}" and "{tag}" are replaced.'),
})
    .strict();
const smokeSection = schemas/* object */.Ikc({
    'base-url': httpUrl('smoke.base-url')
        .optional()
        .describe('Production base URL; checks with a `path` are joined to it. The `base-url` input wins.'),
    checks: schemas/* array */.YOg(httpCheck).default([]).describe('HTTP checks (GET/HEAD only).'),
    commands: schemas/* array */.YOg(commandCheck).default([]).describe('Command checks (read-only suites).'),
    retries: retries.prefault({}),
    timeouts: timeouts.prefault({}),
    redirects: schemas/* number */.aig()
        .int()
        .min(0)
        .max(20)
        .default(5)
        .describe('Redirects followed per attempt (a loop is detected and reported).'),
    'insecure-tls': schemas/* boolean */.zMY()
        .default(false)
        .describe('Accept self-signed certificates (per check, never process-wide). Default false.'),
    concurrency: schemas/* number */.aig()
        .int()
        .min(1)
        .max(100)
        .default(50)
        .describe('Checks in flight at once (default 50: fifty checks cost one round of latency).'),
    'wait-for-live': waitForLive.optional(),
    watch: watch.optional(),
    seal: seal.prefault({}),
    'on-failure': schemas/* enum */.k5n(['alert', 'fail', 'rollback'])
        .default('alert')
        .describe('On a red seal: alert (chat, step succeeds with seal=red), fail (step fails), rollback (dispatch the rollback workflow).'),
    issue: issue.prefault({}),
    rollback: rollback.prefault({}),
})
    .strict()
    .superRefine((s, ctx) => {
    const seen = new Set();
    for (const [i, c] of [...s.checks, ...s.commands].entries()) {
        if (seen.has(c.name)) {
            ctx.addIssue({
                code: 'custom',
                path: [i < s.checks.length ? 'checks' : 'commands'],
                message: `check name "${c.name}" is used twice; names must be unique`,
            });
        }
        seen.add(c.name);
    }
});

// EXTERNAL MODULE: ./packages/core/src/config/sections/release.ts
var release = __webpack_require__(6356);
;// CONCATENATED MODULE: ./packages/core/src/config/sections/notify.ts


const webhook = (service, example) => schemas/* object */.Ikc({
    'webhook-env': types/* envVarName */.a7.describe(`Name of the environment variable that holds the ${service} incoming-webhook URL (map a secret to it in the workflow; the URL itself never goes in this file), e.g. ${example}.`),
})
    .strict()
    .describe(`${service} incoming webhook.`);
/** The `notify:` section: chat incoming webhooks, named by the env var that holds each URL (a secret). */
const notifySection = schemas/* object */.Ikc({
    slack: webhook('Slack', 'SLACK_WEBHOOK_URL').optional(),
    discord: webhook('Discord', 'DISCORD_WEBHOOK_URL').optional(),
    teams: webhook('Microsoft Teams (Workflows / Power Automate)', 'TEAMS_WEBHOOK_URL').optional(),
})
    .strict()
    .describe('Chat notifications (seal results, releases, failures). Each service names the env var holding its webhook URL; a failed post is a warning, never a failed step.');

;// CONCATENATED MODULE: ./packages/core/src/config/schema.ts







/**
 * The one file a user writes: .github/promotion.yml. Keys are kebab-case like action inputs.
 * Every section has defaults, so an empty file (or none) is a valid config.
 */
const promotionConfigSchema = schemas/* object */.Ikc({
    version: schemas/* literal */.euz(1).default(1).describe('Config format version; always 1.'),
    branches: schemas/* object */.Ikc({
        production: schemas/* string */.YjP()
            .min(1)
            .default('main')
            .describe('The branch production deploys from.'),
        staging: schemas/* string */.YjP()
            .min(1)
            .default('staging')
            .describe('The branch that holds validated staging changes.'),
    })
        .strict()
        .prefault({}),
    environment: schemas/* string */.YjP()
        .min(1)
        .default('production')
        .describe('GitHub environment name of production.'),
    preflight: preflight/* preflightSection */.pV.prefault({}),
    promote: promoteSection.prefault({}),
    migrate: migrate/* migrateSection */.P.prefault({}),
    smoke: smokeSection.prefault({}),
    release: release/* releaseSection */.h.prefault({}),
    notify: notifySection.prefault({}),
})
    .strict();


/***/ }),

/***/ 820:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ migrateSection),
/* harmony export */   c: () => (/* binding */ MIGRATE_STEPS)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2169);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2281);


/** Steps a preset knows; each can be overridden with a user argv (`overrides.<step>`). */
const MIGRATE_STEPS = [
    'backup',
    'verify',
    'migrate',
    'restart',
    'post-check',
    'restore',
    'verify-restore',
    'list',
];
const MIGRATE_PRESETS = ['frappe', 'd1', 'prisma', 'postgres', 'sqlite', 'command'];
const envName = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable NAME such as DATABASE_URL');
const argv = zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP())
    .min(1)
    .describe('Command as an argv array (never a shell string). Placeholders such as {site}, {database}, ' +
    '{backupPath}, {backupDir}, {migrationsDir}, {migrationFile}, {sqlitePath}, {bookmark} are substituted per element.');
const stepOverride = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    run: argv,
    env: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), envName)
        .default({})
        .describe('Environment for the command: { CHILD_VAR: RUNNER_VAR } copies the runner variable RUNNER_VAR ' +
        '(for example a secret mapped in the workflow) into CHILD_VAR; values are masked.'),
    'error-markers': zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP())
        .optional()
        .describe("Regexes checked against the output even when the command exits 0 (replace the preset's)."),
})
    .strict();
/** What the keys that took bare milliseconds before issue #17 say about them (deprecations.ts). */
const BARE_MS_DEPRECATED = 'Deprecated: a bare number is still read as milliseconds, with a warning; refused from v2.0.0.';
const stepTimeout = (step, fallback) => _types_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0.default(fallback).describe(`Timeout of the ${step} step.`);
/** An age X25519 or post-quantum hybrid recipient (public key); checked again by the age library. */
const ageRecipient = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .regex(/^age1[0-9a-z]{20,}$/, 'an age public key (age1...; make one with age-keygen, the public key is on its "# public key:" line)');
const encryption = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('none').describe('Explicit opt-out: dumps leave the runner unencrypted.'),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        recipients: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(ageRecipient)
            .min(1)
            .describe('age public keys (age1...) every backup is encrypted to before it leaves the runner. Public: they belong in this file.'),
        'identity-env': envName
            .default('AGE_SECRET_KEY')
            .describe('NAME of the environment variable holding the age identity (AGE-SECRET-KEY-1...) that decrypts a backup for a restore; map it from a production environment secret in the rollback job.'),
    })
        .strict(),
])
    .describe('age encryption of backups sent to a remote store: { recipients: [age1...], identity-env: AGE_SECRET_KEY }, or none to opt out.');
/**
 * Where verified backups live. `local`: a directory (backup-dir) on the runner, for self-hosted
 * runners whose disk outlives the job. `s3`: any S3-compatible object store, so a rollback on a
 * fresh GitHub-hosted runner finds the backup; encrypted with age before a byte leaves the runner.
 */
const storeSection = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['local', 's3'])
        .default('local')
        .describe("local (backup-dir on the runner's disk; self-hosted runners) or s3 (AWS S3, Cloudflare R2, GCS interoperability, MinIO, ...)."),
    bucket: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).optional().describe('s3: the bucket name.'),
    prefix: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^([A-Za-z0-9._-]+\/)*$/, 'empty, or path segments each ending in / (e.g. promote/backups/)')
        .default('')
        .describe('s3: key prefix; backups are stored under <prefix><environment>/.'),
    endpoint: zod__WEBPACK_IMPORTED_MODULE_1__/* .url */ .OZ5({ protocol: /^https?$/ })
        .optional()
        .describe('s3: endpoint URL for non-AWS stores (https://<account>.r2.cloudflarestorage.com, https://storage.googleapis.com, a MinIO URL). Default: AWS for the region.'),
    region: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .min(1)
        .default('us-east-1')
        .describe('s3: region used for signing (R2: auto).'),
    'force-path-style': zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()
        .default(false)
        .describe('s3: address the bucket as <endpoint>/<bucket> (MinIO and most self-hosted stores).'),
    'access-key-id-env': envName
        .default('AWS_ACCESS_KEY_ID')
        .describe('s3: NAME of the environment variable holding the access key id (never the value).'),
    'secret-access-key-env': envName
        .default('AWS_SECRET_ACCESS_KEY')
        .describe('s3: NAME of the environment variable holding the secret access key.'),
    'session-token-env': envName
        .default('AWS_SESSION_TOKEN')
        .describe('s3: NAME of the variable holding a session token (used when set, e.g. from OIDC).'),
    'part-size-mb': zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
        .int()
        .min(5)
        .max(5120)
        .default(16)
        .describe('s3: multipart part size in MiB (S3 needs at least 5). Memory used: about three parts (one uploading, two filling).'),
    encryption: encryption.optional(),
    retention: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        keep: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
            .int()
            .min(1)
            .default(10)
            .describe('Backups kept per environment; older ones are deleted after a successful migrate, never one a current deployment names.'),
    })
        .strict()
        .prefault({}),
})
    .strict()
    .superRefine((s, ctx) => {
    if (s.kind === 's3' && !s.bucket)
        ctx.addIssue({
            code: 'custom',
            path: ['bucket'],
            message: 'store kind s3 needs a bucket: add migrate.store.bucket: <bucket name>',
        });
    if (s.kind === 's3' && s.encryption === undefined)
        ctx.addIssue({
            code: 'custom',
            path: ['encryption'],
            message: "a dump holds your users' data: a remote store needs migrate.store.encryption.recipients: [age1...] (age-keygen prints one), or encryption: none to send it unencrypted on purpose",
        });
    if (s.kind === 'local' && s.encryption !== undefined && s.encryption !== 'none')
        ctx.addIssue({
            code: 'custom',
            path: ['encryption'],
            message: "encryption applies to remote stores (kind: s3); the local store keeps the dump on the runner's disk beside the database: remove migrate.store.encryption or set kind: s3",
        });
})
    .describe('Where verified backups are kept so a later job can restore them.');
const migrateSection = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    preset: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(MIGRATE_PRESETS)
        .default('command')
        .describe('Which tool drives backup/migrate/restore: frappe (bench), d1 (wrangler), prisma, postgres ' +
        '(pg_dump/psql/pg_restore), sqlite (sqlite3), command (every step is yours).'),
    site: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional().describe('frappe: the bench site name (bench --site <site>).'),
    database: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .optional()
        .describe('d1: the D1 database name. postgres/prisma: informative only (the URL decides).'),
    'database-url-env': envName
        .default('DATABASE_URL')
        .describe('NAME of the environment variable holding the database URL (postgres, prisma). The URL is a ' +
        'secret: it never goes in this file, an argv, or a log; it reaches tools as PG* variables.'),
    'sqlite-path': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional().describe('sqlite: path of the database file.'),
    'migrations-dir': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .default('migrations')
        .describe('postgres/sqlite: directory of *.sql migration files, applied in name order.'),
    'backup-dir': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .default('.promote/backups')
        .describe('Local store: where backups and their manifest (<backup-id>.manifest.json) are kept; use a ' +
        "persistent location (a mounted volume): a runner's temp dir disappears with the job. " +
        'Remote stores (store.kind s3): the scratch dir the dump is written to before it is encrypted and uploaded.'),
    store: storeSection.prefault({}),
    'with-files': zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().default(false).describe('frappe: back up public/private files too.'),
    'min-backup-bytes': zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()
        .int()
        .nonnegative()
        .default(1024)
        .describe('A backup smaller than this is rejected before migrating (a 20-byte "backup" happened).'),
    overrides: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc(Object.fromEntries(MIGRATE_STEPS.map((s) => [s, stepOverride.optional()])))
        .strict()
        .prefault({})
        .describe("Per-step commands replacing the preset's (the command preset needs backup, migrate and restore)."),
    timeouts: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        backup: stepTimeout('backup', '30m'),
        verify: stepTimeout('verify', '10m'),
        migrate: stepTimeout('migrate', '30m'),
        restart: stepTimeout('restart', '5m'),
        'post-check': stepTimeout('post-check', '5m'),
        // Rollback gets its own timeout: Helm's shares the upgrade's and times out.
        restore: stepTimeout('restore', '30m'),
        'verify-restore': stepTimeout('verify-restore', '10m'),
        list: stepTimeout('list', '1m'),
    })
        .strict()
        .prefault({})
        .describe(`Per-step timeouts (durations, e.g. 45m or 1h30m); restore has its own. ${BARE_MS_DEPRECATED}`),
    lock: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        ref: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
            .regex(/^refs\/[A-Za-z0-9._/-]+$/)
            .optional()
            .describe('Git ref used as the lock; default refs/promote-locks/<environment>.'),
        ttl: _types_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0
            .default('1h')
            .describe(`A lock older than this is stale and taken over (reported). ${BARE_MS_DEPRECATED}`),
        'wait-timeout': _types_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0
            .default('15m')
            .describe(`How long to wait for a held lock before failing with the holder's run URL. ${BARE_MS_DEPRECATED}`),
        'poll-interval': _types_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0
            .default('10s')
            .describe(`How often to re-try a held lock. ${BARE_MS_DEPRECATED}`),
    })
        .strict()
        .prefault({}),
    'error-markers': zod__WEBPACK_IMPORTED_MODULE_1__/* .partialRecord */ .jgl(zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(MIGRATE_STEPS), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()))
        .default({})
        .describe('Extra regexes per step that mean failure even on exit code 0 (wrangler has exited 0 on error).'),
})
    .strict();


/***/ }),

/***/ 9454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   pV: () => (/* binding */ preflightSection),
/* harmony export */   w4: () => (/* binding */ WEEKDAYS)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2169);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2281);
/* harmony import */ var _github_limits_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9889);



/**
 * The `preflight:` section of .github/promotion.yml: one sub-key per gate. Three gates run unless
 * switched off with `enabled: false` (ci, diff-guard, branch-protection: a required check that
 * checks nothing protects nothing, issue #16); every other gate runs when its key is present.
 */
const argv = zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), {
    error: 'is not a command; use an argv array, e.g. ["./scripts/check.sh", "--quiet"]',
})
    .min(1, { error: 'is empty; give at least the program, e.g. ["./scripts/check.sh"]' })
    .describe('Command as an argv array (program first); never a shell string.');
/** Short weekday keys; the long names (friday) are accepted too. */
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
// Whole words only ("friday!" or "fridays" is a typo, not Friday), in lower, Title or UPPER case;
// a plain regex so the JSON Schema (editors) refuses the same words.
const WEEKDAY_WORDS = [
    ...['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
].flatMap((d) => [d, d[0].toUpperCase() + d.slice(1), d.toUpperCase()]);
const weekday = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: 'is not a weekday; use mon..sun or monday..sunday' })
    .regex(new RegExp(`^(?:${WEEKDAY_WORDS.join('|')})$`), {
    error: 'is not a weekday; use mon..sun or monday..sunday',
})
    .transform((d) => d.toLowerCase().slice(0, 3))
    .pipe(zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(WEEKDAYS, { error: 'is not a weekday; use mon..sun or monday..sunday' }));
const calendarDate = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: 'is not a date; use YYYY-MM-DD' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'is not a date; use YYYY-MM-DD' })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), {
    error: 'is not a calendar date; use YYYY-MM-DD',
});
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'note'];
const severity = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: `is not a severity; use one of ${SEVERITIES.join(', ')}` })
    // toLowerCase (not a transform): the JSON Schema keeps block-at's default only this way.
    .toLowerCase()
    .pipe(zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(SEVERITIES, { error: `is not a severity; use one of ${SEVERITIES.join(', ')}` }));
const gateBase = {
    enabled: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
        .default(true)
        .describe('Set false to keep the settings but not run the gate.'),
    'on-error': zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['fail', 'warn'])
        .default('fail')
        .describe('What a gate that cannot be evaluated (missing report, API error) reports: fail (default) or warn. Never pass.'),
};
const weeklyWindow = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    days: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(weekday).min(1).describe('Weekdays the window starts on (mon..sun).'),
    from: _types_js__WEBPACK_IMPORTED_MODULE_0__/* .timeOfDay */ .rb.default('00:00').describe('Local start time, HH:MM (default 00:00).'),
    to: _types_js__WEBPACK_IMPORTED_MODULE_0__/* .timeOfDay */ .rb
        .optional()
        .describe('Local end time, HH:MM, exclusive (omitted: end of the day). Earlier than `from` means the window runs past midnight into the next day.'),
    timezone: _types_js__WEBPACK_IMPORTED_MODULE_0__/* .ianaTimeZone */ .pu
        .optional()
        .describe('IANA time zone of this window (default: preflight.timezone).'),
    reason: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .optional()
        .describe('Shown when the window blocks, e.g. "no Friday afternoon deploys".'),
})
    .strict();
const dateWindow = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    dates: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        from: calendarDate.describe('First frozen day, YYYY-MM-DD (local, from 00:00).'),
        to: calendarDate.describe('Last frozen day, YYYY-MM-DD (inclusive, until 24:00).'),
    })
        .strict()
        .refine((d) => d.from <= d.to, { error: 'dates.from is after dates.to' })
        .describe('An inclusive range of local dates, e.g. holidays.'),
    timezone: _types_js__WEBPACK_IMPORTED_MODULE_0__/* .ianaTimeZone */ .pu
        .optional()
        .describe('IANA time zone of this window (default: preflight.timezone).'),
    reason: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().optional().describe('Shown when the window blocks, e.g. "holidays".'),
})
    .strict();
const freezeWindow = zod__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([weeklyWindow, dateWindow], {
    error: 'is neither a weekly window ({ days, from, to }) nor a date range ({ dates: { from, to } })',
});
const ciGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    workflows: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1))
        .min(1)
        .optional()
        .describe('Workflow names whose latest run for the head SHA must conclude success. Omitted: every workflow that ran for the head SHA, except the one running preflight, must conclude success, skipped or neutral (none ran: a warning).'),
    wait: _types_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0.default('10m').describe('How long to wait for pending runs before failing.'),
    'poll-interval': _types_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0
        .default('30s')
        .describe('How often to look again while runs are pending.'),
})
    .strict();
const findingsGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    sarif: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP())
        .default([])
        .describe('SARIF 2.1.0 files (paths relative to the workspace).'),
    json: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP())
        .default([])
        .describe('Simple JSON findings lists: [{ "severity", "message", "file", "line", "rule" }].'),
    'block-at': severity
        .default('high')
        .describe('Lowest severity that fails the gate (critical, high, medium, low, note).'),
})
    .strict()
    .refine((g) => g.sarif.length + g.json.length > 0, {
    error: 'needs at least one of sarif or json',
});
const testsGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    junit: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).default([]).describe('JUnit XML result files.'),
    lcov: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).default([]).describe('lcov coverage files (lcov.info).'),
    cobertura: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()).default([]).describe('Cobertura XML coverage files.'),
    'min-coverage': zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()
        .min(0)
        .max(100)
        .optional()
        .describe('Minimum percentage of changed (added) lines covered; omit to report coverage without a minimum.'),
})
    .strict()
    .refine((g) => g.junit.length + g.lcov.length + g.cobertura.length > 0, {
    error: 'needs at least one of junit, lcov or cobertura',
});
const driftGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    command: argv
        .optional()
        .describe('A command that reports drift; see clean-pattern / clean-exit-code.'),
    'clean-pattern': zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .optional()
        .describe('Regular expression the command output must match to count as clean.'),
    'clean-exit-code': zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()
        .int()
        .default(0)
        .describe('Exit code that counts as clean (default 0).'),
    compare: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        staging: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).describe('Ref holding what staging runs (e.g. staging).'),
        git: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).describe('Ref to compare it with (e.g. main, or the PR head).'),
    })
        .strict()
        .optional()
        .describe('Compare two refs: files only on staging, only in git, changed.'),
})
    .strict()
    .refine((g) => Boolean(g.command) !== Boolean(g.compare), {
    error: 'needs exactly one of command or compare',
});
const backupGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    command: argv
        .optional()
        .describe('A command printing the latest backup time (ISO 8601 or epoch seconds) as its last line.'),
    file: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        path: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).describe('File whose time tells the backup age.'),
        read: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['mtime', 'contents'])
            .default('mtime')
            .describe('mtime: the file modification time; contents: an ISO time or epoch in the file.'),
    })
        .strict()
        .optional(),
    'max-age': _types_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0.default('24h').describe('Oldest acceptable backup, e.g. 6h.'),
    label: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().default('production backup').describe('What the report calls the backup.'),
})
    .strict()
    .refine((g) => Boolean(g.command) !== Boolean(g.file), {
    error: 'needs exactly one of command or file',
});
const changeSizeGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    'max-units': zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()
        .int()
        .min(1)
        .default(10)
        .describe('Most distinct units one promotion may bundle.'),
    count: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['scopes', 'areas', 'issues']))
        .default(['scopes', 'areas', 'issues'])
        .describe('What counts as a unit: conventional-commit scopes, configured path areas, linked issues.'),
    areas: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP())]))
        .default({})
        .describe('Named path areas: { api: "src/api/**", docs: ["docs/**", "*.md"] } (picomatch globs).'),
})
    .strict();
const approvalsGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    required: zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()
        .int()
        .min(0)
        .default(1)
        .describe('Approving reviews required (latest review per reviewer counts).'),
    'staging-deployment': zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        environment: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).default('staging').describe('Deployment environment name.'),
    })
        .strict()
        .optional()
        .describe('Require a successful deployment of the head SHA to this environment.'),
    'state-files': zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        path: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).describe('YAML or JSON file in the workspace.'),
        key: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
            .min(1)
            .describe('Dotted key, e.g. manual_gates.staging_validation.status.'),
        equals: zod__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()])
            .describe('Value the key must hold, e.g. approved.'),
    })
        .strict())
        .default([])
        .describe('Keys in state files that must hold a value.'),
})
    .strict();
const protectedPath = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    path: _types_js__WEBPACK_IMPORTED_MODULE_0__/* .glob */ .TI.describe('Glob of protected files (picomatch), e.g. wrangler.jsonc.'),
    'json-path': zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .optional()
        .describe('Only this part of a JSON/JSONC file is protected (JSONPath, e.g. $.env.production).'),
    'approval-label': zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .max(_github_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .LABEL_NAME_LIMIT */ .LR)
        .optional()
        .describe('Label on the PR that approves a change here.'),
    'approved-by': zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP())
        .default([])
        .describe('Logins whose approving review approves a change here.'),
})
    .strict();
const diffGuardGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    secrets: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
        .default(true)
        .describe('Scan added lines with secretlint’s recommended rule preset.'),
    'debug-patterns': zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP())
        .default([
        'console\\.log\\(',
        '\\bdebugger\\b',
        'binding\\.pry',
        '\\bpdb\\.set_trace\\(',
        '\\bbreakpoint\\(\\)',
    ])
        .describe('Regular expressions for debug leftovers in added lines.'),
    'protected-paths': zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(protectedPath)
        .default([])
        .describe('Paths that need a named approval to change.'),
    'gate-files': zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        protected: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
            .default(true)
            .describe('A PR that changes the config file or a file a gate command names (custom, drift, backup) needs the approval below. The gates always run the base branch versions of these files.'),
        'approval-label': zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
            .min(1)
            .default('promote-gates-approved')
            .describe('Label on the PR that approves a change to the gate files.'),
        'approved-by': zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP())
            .default([])
            .describe('Logins whose approving review approves a change to the gate files.'),
    })
        .strict()
        .prefault({})
        .describe('The files that decide the gates: the config file and the scripts gate commands run.'),
})
    .strict();
const branchProtectionGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    'allow-unprotected': zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY()
        .default(false)
        .describe('Report success even when the production branch is not protected (not recommended).'),
})
    .strict();
const customCommand = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().min(1).describe('Shown in the report.'),
    run: argv,
    timeout: _types_js__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0.default('10m').describe('Per-command timeout.'),
})
    .strict();
const customGate = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    ...gateBase,
    commands: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(customCommand)
        .min(1)
        .describe('Commands whose exit code decides; output tail shown.'),
})
    .strict();
/** Gates an emergency override may lift. Never secrets, findings, tests, approvals, protection. */
const LIFTABLE_GATES = ['freeze', 'change-size', 'backup', 'drift', 'ci'];
const preflightSection = zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
    timezone: _types_js__WEBPACK_IMPORTED_MODULE_0__/* .ianaTimeZone */ .pu
        .default('UTC')
        .describe('IANA time zone for freeze windows without their own.'),
    override: zod__WEBPACK_IMPORTED_MODULE_2__/* .object */ .Ikc({
        label: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
            .min(1)
            .max(_github_limits_js__WEBPACK_IMPORTED_MODULE_1__/* .LABEL_NAME_LIMIT */ .LR)
            .default('emergency-override')
            .describe('PR label that requests an override.'),
        lifts: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(LIFTABLE_GATES))
            .default(['freeze', 'change-size'])
            .describe('Gates the override turns from fail into warn (audited). Security gates are never liftable.'),
    })
        .strict()
        .prefault({})
        .describe('Emergency override: a label (or dispatch input) plus a reason, recorded in the check run and a PR comment.'),
    freeze: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(freezeWindow)
        .optional()
        .describe('Freeze windows: weekly ({ days, from, to }) or date ranges ({ dates: { from, to } }).'),
    ci: ciGate
        .prefault({})
        .describe('CI green for the head SHA. On by default (every other workflow); `enabled: false` switches it off.'),
    findings: findingsGate
        .optional()
        .describe('Review findings (SARIF / JSON) below a blocking severity.'),
    tests: testsGate.optional().describe('JUnit results and coverage of changed lines.'),
    drift: driftGate.optional().describe('Staging and production in lock-step.'),
    backup: backupGate.optional().describe('Latest production backup younger than max-age.'),
    'change-size': changeSizeGate.optional().describe('Too many unrelated units in one promotion.'),
    approvals: approvalsGate.optional().describe('Approvals, staging deployment, state-file keys.'),
    'diff-guard': diffGuardGate
        .prefault({})
        .describe('Added lines: secrets, debug leftovers, protected paths and gate files. On by default; `enabled: false` switches it off.'),
    'branch-protection': branchProtectionGate
        .prefault({})
        .describe('Production branch protected and requiring this check. On by default; `enabled: false` switches it off.'),
    custom: customGate.optional().describe('Named commands whose exit code decides.'),
})
    .strict();


/***/ }),

/***/ 6356:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ CHANGELOG_HEADINGS),
/* harmony export */   h: () => (/* binding */ releaseSection)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2169);
/* harmony import */ var _github_limits_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9889);


/** Keep a Changelog headings (https://keepachangelog.com/en/1.1.0/), in the order they are printed. */
const CHANGELOG_HEADINGS = [
    'Added',
    'Changed',
    'Deprecated',
    'Removed',
    'Fixed',
    'Security',
];
const semverString = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'a semantic version such as 0.1.0 or 1.0.0-rc.0');
const versionFile = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('package.json')
        .describe('package.json: its "version" field is set (formatting kept, 2-space JSON).'),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1).describe('Repository path of the file, e.g. src/version.ts.'),
        pattern: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
            .min(1)
            .refine((p) => {
            try {
                return new RegExp(p).source.includes('(?<version>');
            }
            catch {
                return false;
            }
        }, "a valid regular expression with a named group (?<version>...), e.g. \"VERSION = '(?<version>[^']+)'\"")
            .describe("A regular expression whose named group (?<version>...) marks the version constant, e.g. \"export const VERSION = '(?<version>[^']+)'\". Its first match is replaced."),
    })
        .strict(),
]);
const releaseSection = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    'tag-prefix': zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[A-Za-z0-9._/-]*$/, 'letters, digits, ".", "_", "/" or "-" (e.g. "v" or "api/v")')
        .default('v')
        .describe('Prefix of release tags: "v" gives v1.2.3. Tags with another prefix are ignored.'),
    'first-version': semverString
        .default('0.1.0')
        .describe('The version of the first release, when no tag with the prefix is reachable.'),
    'version-source': zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['commits', 'labels', 'input'])
        .default('commits')
        .describe('What decides the bump: commits (conventional commits since the last release), labels (labels ' +
        'on the merged PRs, see `labels`), input (the action input `version` or `bump`).'),
    labels: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        major: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
            .min(1)
            .max(_github_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL_NAME_LIMIT */ .LR)
            .default('release:major')
            .describe('Label that asks for a major bump.'),
        minor: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
            .min(1)
            .max(_github_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL_NAME_LIMIT */ .LR)
            .default('release:minor')
            .describe('Label that asks for a minor bump.'),
        patch: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
            .min(1)
            .max(_github_limits_js__WEBPACK_IMPORTED_MODULE_0__/* .LABEL_NAME_LIMIT */ .LR)
            .default('release:patch')
            .describe('Label that asks for a patch bump.'),
    })
        .strict()
        .prefault({})
        .describe('Labels read from the API on the PRs merged since the last release (version-source: labels).'),
    prerelease: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[0-9A-Za-z-]+$/, 'an identifier such as rc, beta or alpha')
        .optional()
        .describe('Prerelease identifier: "rc" gives 2.7.0-rc.0, then 2.7.0-rc.1 for the next run on the same version.'),
    'major-on-zero': zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()
        .default(false)
        .describe('While the version is 0.x a breaking change bumps the minor (0.4.2 -> 0.5.0; features bump the minor ' +
        'too, fixes the patch), as SemVer 0.x allows anything to change. true: a breaking change in 0.x gives 1.0.0.'),
    changelog: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        enabled: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().default(true).describe('Write a CHANGELOG section for each release.'),
        path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
            .min(1)
            .default('CHANGELOG.md')
            .describe('Repository path of the changelog.'),
        mode: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['commit', 'pull-request', 'skip'])
            .default('commit')
            .describe('commit: a commit on the production branch through the API (signed by GitHub); when the branch refuses it ' +
            '(protection or a ruleset requiring pull requests) the changelog becomes a pull request instead and the tag ' +
            'and release still go ahead. pull-request: always a PR with the changelog, no direct attempt. skip: no file, ' +
            'the section still goes into the tag message and release notes.'),
        'version-files': zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(versionFile)
            .default([])
            .describe('Files whose version constant is updated in the same commit as the changelog.'),
    })
        .strict()
        .prefault({}),
    release: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        enabled: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()
            .default(true)
            .describe('Create (or update) a GitHub release for the tag.'),
        draft: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().default(false).describe('Create the release as a draft.'),
        'make-latest': zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()
            .default(true)
            .describe('Mark the release as latest (never for prereleases).'),
    })
        .strict()
        .prefault({}),
    'major-tag': zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY()
        .default(false)
        .describe('For a repository of GitHub Actions: after a stable release, move the major version tag (v1 for ' +
        'v1.4.0, created for v2.0.0) to the release commit, as lightweight tag, so `uses: owner/repo@v1` ' +
        'gets it. Never for prereleases, drafts, 0.x, or a release below the highest of its major.'),
    sections: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[a-z0-9-]+$/, 'a lower-case commit type such as feat'), zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n([...CHANGELOG_HEADINGS, 'hidden']))
        .default({
        feat: 'Added',
        fix: 'Fixed',
        perf: 'Fixed',
        refactor: 'Changed',
        revert: 'Removed',
        removal: 'Removed',
        deprecate: 'Deprecated',
        security: 'Security',
    })
        .describe('Commit type -> Keep a Changelog heading (Added, Changed, Deprecated, Removed, Fixed, Security) or ' +
        '"hidden". Types not listed are left out of the changelog; breaking changes are always listed under Changed.'),
})
    .strict();


/***/ }),

/***/ 2281:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TI: () => (/* binding */ glob),
/* harmony export */   a7: () => (/* binding */ envVarName),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   pu: () => (/* binding */ ianaTimeZone),
/* harmony export */   rb: () => (/* binding */ timeOfDay)
/* harmony export */ });
/* unused harmony exports weekday, semverString, globList, httpUrl */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2169);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3908);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1888);




/**
 * Reusable building blocks for the config sections. Each carries a custom message in the form
 * `<what is wrong>; <what is allowed>`; the config error formatter prints it after the bad value:
 * `promotion.yml: preflight.freeze[0].from: "25:00" is not a time; use HH:MM`.
 */
/** 'HH:MM', 24-hour clock. */
const timeOfDay = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: 'is not a time; use HH:MM' })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'is not a time; use HH:MM' })
    .describe('A time of day, HH:MM (24-hour clock), e.g. 14:00.');
/**
 * The one duration type of every section (issue #17): '500ms', '90s', '15m', '6h', '2d', '1h30m',
 * kept as written (parseDuration turns it into milliseconds where it is used). A bare number is
 * refused naming the fix; only the keys in deprecations.ts still read one as milliseconds.
 */
const duration = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: (issue) => (0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .durationProblem */ .YV)(issue.input) })
    .regex(_time_js__WEBPACK_IMPORTED_MODULE_1__/* .DURATION_PATTERN */ .Cq, { error: (issue) => (0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .durationProblem */ .YV)(issue.input) })
    .describe('A duration: a number and a unit (ms, s, m, h, d, w), e.g. 500ms, 90s, 15m, 1h30m.');
/**
 * Legacy names the time zone database still accepts but a freeze window must not use: the US
 * "EST"/"MST"/"HST" are fixed offsets (no daylight saving, so a window is an hour off half the
 * year), the POSIX-style "EST5EDT" and ICU abbreviations ("PST", "IST", "BST") are ambiguous or
 * deprecated (tzdata 2024b turned them into links). Each maps to the place's IANA zone.
 */
const LEGACY_ZONES = {
    EST: 'America/New_York',
    EST5EDT: 'America/New_York',
    CST: 'America/Chicago',
    CST6CDT: 'America/Chicago',
    MST: 'America/Denver (or America/Phoenix, which keeps no daylight saving)',
    MST7MDT: 'America/Denver',
    PST: 'America/Los_Angeles',
    PST8PDT: 'America/Los_Angeles',
    HST: 'Pacific/Honolulu',
    AST: 'America/Halifax',
    CET: 'Europe/Berlin',
    MET: 'Europe/Berlin',
    EET: 'Europe/Athens',
    WET: 'Europe/Lisbon',
    BST: 'Europe/London',
    IST: 'Asia/Kolkata (or Europe/Dublin)',
    JST: 'Asia/Tokyo',
    NZ: 'Pacific/Auckland',
    PRC: 'Asia/Shanghai',
    ROC: 'Asia/Taipei',
    ROK: 'Asia/Seoul',
};
/** In the time zone database these three are fixed offsets; the rest above are links or rules. */
const FIXED_ABBREVIATIONS = new Set(['EST', 'MST', 'HST']);
const ZERO_OFFSET = new Set(['UTC', 'GMT', 'UCT']);
const PLACE_EXAMPLE = 'the IANA zone of the place, e.g. America/New_York, Europe/Berlin or UTC';
/**
 * Why `value` is not a time zone a config may use, ending in the IANA name to use instead
 * (`is a fixed UTC offset without daylight saving; use America/New_York`); undefined when it is
 * fine. Freeze windows follow local daylight saving, so only names of places (and UTC) pass.
 */
function timeZoneProblem(value) {
    const fixed = 'is a fixed UTC offset without daylight saving';
    // Intl accepts "+02:00" on newer Node, so offsets are refused before asking it.
    if (/^[+-]\d/.test(value) || /^(GMT|UTC)[+-]\d/i.test(value))
        return `${fixed}; use ${PLACE_EXAMPLE}`;
    const etc = /^Etc\/GMT([+-])(\d{1,2})$/i.exec(value);
    if (etc && Number(etc[2]) !== 0) {
        // POSIX signs: Etc/GMT+5 is five hours *behind* UTC.
        const offset = `UTC${etc[1] === '+' ? '-' : '+'}${etc[2].padStart(2, '0')}:00`;
        return `${fixed} (${offset}; Etc/GMT signs are inverted); use ${PLACE_EXAMPLE}`;
    }
    const legacy = LEGACY_ZONES[value.toUpperCase()];
    if (legacy)
        return `${FIXED_ABBREVIATIONS.has(value.toUpperCase()) ? fixed : 'is a legacy abbreviation, not the IANA zone of a place'}; use ${legacy}`;
    if (/^[A-Z]{2,5}(\d{1,2}[A-Z]{3})?$/.test(value) && !ZERO_OFFSET.has(value))
        return `is a zone abbreviation, not an IANA time zone; use ${PLACE_EXAMPLE}`;
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: value });
        return undefined;
    }
    catch {
        return `is not an IANA time zone; use ${PLACE_EXAMPLE}`;
    }
}
const ianaTimeZone = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({
    error: 'is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC',
})
    .check((ctx) => {
    const problem = timeZoneProblem(ctx.value);
    if (problem)
        ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
})
    .describe('An IANA time zone name (daylight saving handled), e.g. Europe/Berlin, UTC.');
const WEEKDAY_NAMES = [
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sunday',
];
const weekday = zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(WEEKDAY_NAMES, { error: `is not a weekday; use one of: ${WEEKDAY_NAMES.join(', ')}` })
    .describe('A day of the week, lower case: monday ... sunday.');
const semverString = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: 'is not a semantic version; use e.g. 1.2.3' })
    .refine((v) => semver__WEBPACK_IMPORTED_MODULE_0___default().valid(v) !== null, {
    error: 'is not a semantic version; use e.g. 1.2.3 or 2.0.0-rc.1',
})
    .describe('A semantic version, e.g. 1.2.3.');
function isValidGlob(pattern) {
    try {
        picomatch__WEBPACK_IMPORTED_MODULE_3___default().makeRe(pattern, { strictBrackets: true });
        return true;
    }
    catch {
        return false;
    }
}
const glob = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: 'is not a glob; use a path pattern like src/** or *.sql' })
    .min(1, { error: 'is empty; use a path pattern like src/** or *.sql' })
    .refine(isValidGlob, { error: 'is not a valid glob; check its brackets and braces' })
    .describe('A path glob (picomatch syntax), e.g. src/**, migrations/*.sql.');
const globList = zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(glob, { error: 'is not a list of globs; use a YAML list, e.g. [src/**, "*.sql"]' })
    .describe('A list of path globs (picomatch syntax).');
/**
 * The name of an environment variable that holds a secret (the secret itself never goes in the
 * file). A pasted URL or token is refused without echoing it: the formatter hides the value.
 */
const envVarName = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP({ error: 'is not an environment variable name; use e.g. SLACK_WEBHOOK_URL' })
    .refine((v) => !/:\/\/|\s/.test(v) && v.length <= 128, {
    error: 'looks like a secret value, not an environment variable name; put the value in a repository secret, map it to an env var in the workflow, and name the env var here (e.g. SLACK_WEBHOOK_URL)',
    params: { hideValue: true },
    abort: true,
})
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
    error: 'is not an environment variable name; use letters, digits and _ (e.g. SLACK_WEBHOOK_URL)',
})
    .describe('The name of an environment variable that holds the secret (never the secret itself).');
const httpUrl = zod__WEBPACK_IMPORTED_MODULE_2__/* .url */ .OZ5({
    protocol: /^https?$/,
    hostname: zod__WEBPACK_IMPORTED_MODULE_4__/* .domain */ .bl.source ? undefined : undefined,
    error: 'is not an http(s) URL; use e.g. https://example.com/health',
})
    .describe('An http:// or https:// URL.');


/***/ }),

/***/ 4653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ab: () => (/* binding */ reportSkip),
/* harmony export */   _p: () => (/* binding */ guardEvent)
/* harmony export */ });
/* unused harmony export judgeEvent */
/* harmony import */ var _events_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4008);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2712);


const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
const skip = (reason) => ({ act: false, reason });
function judging(policy, event, facts) {
    const notFor = (what) => skip(`${what}; ${policy.action} acts on ${describeAccepts(policy, facts.productionBranch)}`);
    return {
        policy,
        facts,
        accepts: (shape) => policy.accepts.includes(shape),
        notFor,
        onProduction: (branch, acted) => {
            const production = facts.productionBranch;
            if (production === undefined || branch === production)
                return acted;
            return notFor(`${acted.what}, not the production branch ${production}`);
        },
        options: { action: policy.action, supported: [event.name] },
    };
}
/** Pure: what `policy`'s action does with `event`. Never throws for a well-formed payload. */
function judgeEvent(policy, event, facts = {}) {
    const j = judging(policy, event, facts);
    if (PULL_REQUEST_EVENTS.includes(event.name))
        return judgePullRequest(j, event);
    if (event.name === 'pull_request_review' && j.accepts('pull-request-review'))
        return judgeReview(j, event);
    if (event.name === 'merge_group' && j.accepts('merge-group'))
        return judgeMergeGroup(j, event);
    if (event.name === 'push' && j.accepts('production-push'))
        return judgePush(j, event);
    if (event.name === 'workflow_dispatch' && j.accepts('workflow-dispatch'))
        return judgeDispatch(j, event);
    if (event.name === 'schedule' && j.accepts('schedule'))
        return { act: true, shape: 'schedule', what: 'schedule' };
    return j.notFor(`the "${event.name || '(none)'}" event is not one it acts on`);
}
/** pull_request / pull_request_target: a merge into production, or an update to evaluate. */
function judgePullRequest(j, event) {
    const asPr = { ...event, name: 'pull_request' };
    const action = String(event.payload.action ?? '');
    const number = String(event.payload.number ?? '?');
    if (j.accepts('merged-pull-request') && action === 'closed') {
        const pr = (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .asMergedPullRequest */ .Jp)(asPr, { action: j.policy.action });
        if ((0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .isSkip */ .yL)(pr))
            return j.notFor(`pull request #${number} was closed without merging`);
        return j.onProduction(pr.baseRef, {
            act: true,
            shape: 'merged-pull-request',
            what: `pull request #${pr.number} merged into ${pr.baseRef}`,
            sha: pr.mergeCommitSha,
            branch: pr.baseRef,
        });
    }
    if (j.accepts('pull-request-update')) {
        const pr = (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .asPullRequestUpdate */ .av)(asPr, { action: j.policy.action });
        if ((0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .isSkip */ .yL)(pr))
            return j.notFor(`pull request #${number} was ${action}`);
        return {
            act: true,
            shape: 'pull-request-update',
            what: `pull request #${pr.number} ${pr.action}`,
            branch: pr.baseRef,
        };
    }
    return j.notFor(`pull request #${number} was ${action || 'changed'}, not merged`);
}
function judgeReview(j, event) {
    const review = (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .asPullRequestReview */ .hl)(event, j.options);
    if ((0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .isSkip */ .yL)(review)) {
        const pr = event.payload.pull_request;
        return j.notFor(`a review of pull request #${pr?.number ?? '?'} was ${String(event.payload.action)}`);
    }
    return {
        act: true,
        shape: 'pull-request-review',
        what: `a review of pull request #${review.number} ${review.action}`,
        branch: review.baseRef,
    };
}
function judgeMergeGroup(j, event) {
    const group = (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .asMergeGroup */ .Au)(event, j.options);
    if ((0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .isSkip */ .yL)(group))
        return j.notFor(`merge group ${String(event.payload.action)}`);
    return {
        act: true,
        shape: 'merge-group',
        what: `merge group ${group.headRef}`,
        sha: group.headSha,
        branch: group.baseRef,
    };
}
/** A push to the production branch; a deletion or a tag push deploys nothing. */
function judgePush(j, event) {
    const push = (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .asPush */ .nR)(event, j.options);
    if ((0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .isSkip */ .yL)(push))
        return j.notFor(`the push deleted ${String(event.payload.ref ?? '')}`);
    if (push.isTag)
        return j.notFor(`the push is of the tag ${push.name}, not a branch`);
    return j.onProduction(push.name, {
        act: true,
        shape: 'production-push',
        what: `push to ${push.name}`,
        sha: push.after,
        branch: push.name,
    });
}
/** workflow_dispatch, with what the policy's `dispatch` requires of it. */
function judgeDispatch(j, event) {
    const { facts } = j;
    const dispatch = (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .asWorkflowDispatch */ .OT)(event, j.options);
    const acted = {
        act: true,
        shape: 'workflow-dispatch',
        what: `workflow_dispatch on ${dispatch.ref || '(no ref)'} by ${dispatch.actor || '(unknown)'}`,
        branch: dispatch.ref,
    };
    const needs = j.policy.dispatch ?? 'any';
    if (needs === 'pull-request') {
        const given = facts.pullRequest ?? Number(dispatch.inputs['pull-request']?.replace(/^#/, ''));
        if (!given)
            return j.notFor('workflow_dispatch without a pull-request number');
        return { ...acted, what: `${acted.what} for pull request #${given}` };
    }
    if (needs === 'production-or-sha' &&
        !facts.sha &&
        facts.productionBranch !== undefined &&
        dispatch.ref !== facts.productionBranch) {
        return j.notFor(`workflow_dispatch on ${dispatch.ref || '(no ref)'}, not the production branch ${facts.productionBranch}, and no sha input`);
    }
    return acted;
}
/** "a pull request merged into main, a push to main or workflow_dispatch": for skip reasons and docs. */
function describeAccepts(policy, productionBranch) {
    const production = productionBranch ?? 'the production branch';
    const words = {
        'merged-pull-request': `a pull request merged into ${production}`,
        'production-push': `a push to ${production}`,
        'pull-request-update': `pull_request (${_events_js__WEBPACK_IMPORTED_MODULE_0__/* .PULL_REQUEST_UPDATE_ACTIONS */ ._e.join(', ')})`,
        'pull-request-review': `pull_request_review (${_events_js__WEBPACK_IMPORTED_MODULE_0__/* .PULL_REQUEST_REVIEW_ACTIONS */ .zH.join(', ')})`,
        'merge-group': 'merge_group (checks_requested)',
        'workflow-dispatch': policy.dispatch === 'pull-request'
            ? 'workflow_dispatch with a pull-request number'
            : policy.dispatch === 'production-or-sha'
                ? `workflow_dispatch on ${production} or with the sha input`
                : 'workflow_dispatch',
        schedule: 'schedule',
    };
    const parts = policy.accepts.map((s) => words[s]);
    return parts.length > 1
        ? `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`
        : (parts[0] ?? 'no event');
}
/**
 * The run is skipped: exit 0 (a skipped action is not a failure), `skipped=true`, the reason in
 * `skip-reason`, one notice line in the log and one line in the job summary. Nothing is written
 * to GitHub.
 */
async function reportSkip(deps, action, reason) {
    const line = reason.replace(/\s+/g, ' ').trim();
    deps.logger.notice(`${action} skipped: ${line}.`);
    deps.io.setOutput('skipped', 'true');
    deps.io.setOutput('skip-reason', line);
    await deps.io.appendSummary(`**${action}** ⏭️ skipped: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInline */ .VV)(line)}.\n`);
}
/** The run acts on its event: `skipped=false`, and the log says on what. */
function reportActing(deps, verdict) {
    deps.io.setOutput('skipped', 'false');
    deps.io.setOutput('skip-reason', '');
    deps.logger.info(`Acting on ${verdict.what}.`);
}
/**
 * Read the event, judge it, report: the acting verdict, or undefined once the skip is reported.
 * Call it first in `run()`; an action that learns the production branch from its config calls it
 * again with it (`announce: false`) before its first write.
 */
async function guardEvent(deps, policy, facts = {}, options = {}) {
    const verdict = judgeEvent(policy, (0,_events_js__WEBPACK_IMPORTED_MODULE_0__/* .readEvent */ .j_)(deps.env), facts);
    if (!verdict.act) {
        await reportSkip(deps, policy.action, verdict.reason);
        return undefined;
    }
    if (options.announce ?? true)
        reportActing(deps, verdict);
    return verdict;
}


/***/ }),

/***/ 4008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ asMergeGroup),
/* harmony export */   Jp: () => (/* binding */ asMergedPullRequest),
/* harmony export */   M9: () => (/* binding */ requireEvent),
/* harmony export */   OT: () => (/* binding */ asWorkflowDispatch),
/* harmony export */   _e: () => (/* binding */ PULL_REQUEST_UPDATE_ACTIONS),
/* harmony export */   av: () => (/* binding */ asPullRequestUpdate),
/* harmony export */   hl: () => (/* binding */ asPullRequestReview),
/* harmony export */   j_: () => (/* binding */ readEvent),
/* harmony export */   nR: () => (/* binding */ asPush),
/* harmony export */   yL: () => (/* binding */ isSkip),
/* harmony export */   zH: () => (/* binding */ PULL_REQUEST_REVIEW_ACTIONS)
/* harmony export */ });
/* unused harmony export UnsupportedEventError */
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

/***/ 9889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L1: () => (/* reexport safe */ _report_js__WEBPACK_IMPORTED_MODULE_0__.Cw),
/* harmony export */   LR: () => (/* binding */ LABEL_NAME_LIMIT),
/* harmony export */   M4: () => (/* reexport safe */ _report_js__WEBPACK_IMPORTED_MODULE_0__.jg),
/* harmony export */   NS: () => (/* binding */ ISSUE_BODY_LIMIT),
/* harmony export */   TH: () => (/* binding */ TITLE_LIMIT),
/* harmony export */   V2: () => (/* binding */ REASON_LIMIT),
/* harmony export */   Zo: () => (/* reexport safe */ _report_js__WEBPACK_IMPORTED_MODULE_0__.Zo),
/* harmony export */   ax: () => (/* binding */ fitLine),
/* harmony export */   cY: () => (/* binding */ STATUS_DESCRIPTION_LIMIT),
/* harmony export */   fS: () => (/* reexport safe */ _report_js__WEBPACK_IMPORTED_MODULE_0__.fS),
/* harmony export */   tx: () => (/* reexport safe */ _report_js__WEBPACK_IMPORTED_MODULE_0__.tx),
/* harmony export */   vY: () => (/* binding */ fitText)
/* harmony export */ });
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2019);
/* harmony import */ var _untrusted_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2779);


// GitHub's size limits that reject a request outright (a 422 that retrying cannot fix;
// each limit below names the REST reference that documents it).
// The shared ones live with the report renderer; these re-exports keep the github helpers' names.

/** Commit status and deployment status `description`. */
const STATUS_DESCRIPTION_LIMIT = 140;
/** Pull request and issue title. */
const TITLE_LIMIT = 256;
/** Label name. */
const LABEL_NAME_LIMIT = 50;
/**
 * Longest reason a person types (an override, a rollback), in characters. Ours, not GitHub's: a
 * reason is a sentence or two for the audit ("hotfix for the checkout outage, INC-1234"), quoted
 * in a check run, a PR body, comments and deployments; 500 keeps each far within GitHub's limits.
 */
const REASON_LIMIT = 500;
/** Issue body (the same as a PR body or a comment). */
const ISSUE_BODY_LIMIT = 65536;
/**
 * Cuts markdown to at most `limit` characters with a note saying what was cut (the report
 * renderer's fitter: it closes an open code fence or <details>). Never fails: a report that does
 * not fit still lands, shortened.
 */
function fitText(text, limit, what = 'text', bytes = false) {
    return (0,_report_js__WEBPACK_IMPORTED_MODULE_0__/* .fitMarkdown */ .DJ)(text, limit, {
        note: `_… ${what} truncated: {omitted} more characters did not fit GitHub's limit of ${limit}._`,
        bytes,
    });
}
/**
 * One line of plain text, at most `limit` characters, ellipsis when cut, no live mentions
 * (status and deployment descriptions): `untrusted(text, 'plain')` with GitHub's limit.
 */
function fitLine(text, limit) {
    return (0,_untrusted_text_js__WEBPACK_IMPORTED_MODULE_1__/* .untrusted */ .b)(text, 'plain', { max: limit });
}


/***/ }),

/***/ 128:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ silentLogger)
/* harmony export */ });
/** Used when a caller passes no logger: the helpers still work, silently. */
const silentLogger = {
    debug: () => undefined,
    info: () => undefined,
    notice: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    group: (_name, fn) => fn(),
    setSecret: () => undefined,
};


/***/ }),

/***/ 4265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ct: () => (/* binding */ rollbackCommand),
/* harmony export */   ZL: () => (/* binding */ shellQuote),
/* harmony export */   t6: () => (/* binding */ DEFAULT_ROLLBACK_WORKFLOW)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7638);

/**
 * The file name of the caller's rollback workflow when the config names none: the name the
 * caller workflows in examples/ use (examples/<app>/.github/workflows/promote-rollback.yml). The
 * reusable workflow they call is .github/workflows/rollback.yml in Promote's own repository,
 * which GitHub cannot dispatch in the caller's.
 */
const DEFAULT_ROLLBACK_WORKFLOW = 'promote-rollback.yml';
/**
 * Quote one word for a POSIX shell so the shell reads it back unchanged. Single quotes: nothing
 * inside them is special ($, `, \, "), so untrusted text (a PR title as the reason) stays data.
 */
function shellQuote(value) {
    if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value))
        return value;
    return `'${value.replace(/'/g, `'\\''`)}'`;
}
const OWNER_REPO = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/**
 * The exact command a person pastes to roll this release back, e.g.
 *   gh workflow run promote-rollback.yml --repo acme/shop -f release=v1.2.3 -f reason='smoke red'
 * Shown in PR bodies, seals and ship reports. Every value is quoted; control characters and
 * newlines in free text are flattened, so the command is one line.
 */
function rollbackCommand(options) {
    const { owner, repo } = options;
    if (!OWNER_REPO.test(owner) || !OWNER_REPO.test(repo)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`"${owner}/${repo}" is not a repository name (owner/repo).`);
    }
    const workflow = options.workflow ?? DEFAULT_ROLLBACK_WORKFLOW;
    const words = [
        'gh',
        'workflow',
        'run',
        shellQuote(workflow),
        '--repo',
        shellQuote(`${owner}/${repo}`),
    ];
    if (options.ref)
        words.push('--ref', shellQuote(options.ref));
    const fields = [
        ['release', options.release],
        ['backup-id', options.backupId],
        ...Object.entries(options.fields ?? {}),
        ['reason', options.reason],
    ];
    for (const [key, raw] of fields) {
        if (raw === undefined || raw === '')
            continue;
        if (!/^[A-Za-z0-9_-]+$/.test(key))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`rollback field name "${key}" must be letters, digits, - or _.`);
        // eslint-disable-next-line no-control-regex
        const value = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
        words.push('-f', `${key}=${shellQuote(value)}`);
    }
    return words.join(' ');
}


/***/ }),

/***/ 1888:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cq: () => (/* binding */ DURATION_PATTERN),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   YV: () => (/* binding */ durationProblem),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   jl: () => (/* binding */ spellDuration)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7638);

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
const NUMBER_ONLY = /^\d+(?:\.\d+)?$/;
const SHAPE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
/**
 * The one duration of the config and the actions (issue #17): one or more `<number><unit>` parts,
 * no spaces, units ms, s, m, h, d, w, and more than zero in total: '500ms', '90s', '15m', '6h',
 * '2d', '1h30m', '1.5h'. The lookahead (a digit 1-9 somewhere) refuses '0s' and '0m0s'; the same
 * pattern is the JSON Schema's, so an editor refuses what the loader refuses.
 */
const DURATION_PATTERN = /^(?=.*[1-9])(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;
/**
 * What is wrong with `value` as a duration, in the config errors' form (`has no unit; write "30s"
 * or "30m" ...`, printed after the value), or undefined when it is one. A bare number is refused:
 * "30" could be seconds or minutes, and guessing wrong makes a 30-minute timeout a 30-second one.
 */
function durationProblem(value) {
    if (typeof value === 'string' && DURATION_PATTERN.test(value))
        return undefined;
    const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
    if (SHAPE.test(text) || (NUMBER_ONLY.test(text) && Number(text) === 0))
        return 'is zero; use a positive duration such as 500ms or 1s';
    if (NUMBER_ONLY.test(text))
        return `has no unit; write "${text}s" or "${text}m" (units: ms, s, m, h, d, w)`;
    return 'is not a duration; use a number and a unit such as 500ms, 90s, 15m, 6h or 1h30m';
}
/** '90s' | '15m' | '6h' | '2d' | '1h30m' | '500ms' -> milliseconds; anything else is refused. */
function parseDuration(text, what = 'duration') {
    const problem = durationProblem(text);
    if (problem)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`${what} ${JSON.stringify(String(text))} ${problem}`);
    let ms = 0;
    for (const [, amount, unit] of text.matchAll(PART))
        ms += Number(amount) * UNIT_MS[unit];
    return Math.round(ms);
}
/** The duration to write for `ms` milliseconds, exactly: 5400000 -> '1h30m', 1500 -> '1s500ms'. */
function spellDuration(ms) {
    let rest = Math.round(ms);
    if (rest <= 0)
        return `${rest}ms`;
    const parts = [];
    for (const unit of ['d', 'h', 'm', 's', 'ms']) {
        const n = Math.floor(rest / UNIT_MS[unit]);
        if (n > 0)
            parts.push(`${n}${unit}`);
        rest -= n * UNIT_MS[unit];
    }
    return parts.join('');
}
/** 5400000 -> '1h 30m'; 45000 -> '45s'; 850 -> '850ms'; at most two units, largest first. */
function formatDuration(ms) {
    if (!Number.isFinite(ms))
        return String(ms);
    const sign = ms < 0 ? '-' : '';
    let rest = Math.abs(Math.round(ms));
    if (rest < 1000)
        return `${sign}${rest}ms`;
    if (rest < 60_000) {
        const s = rest / 1000;
        return `${sign}${Number.isInteger(s) ? s : s.toFixed(1)}s`;
    }
    const parts = [];
    for (const [unit, size] of [
        ['d', UNIT_MS.d],
        ['h', UNIT_MS.h],
        ['m', UNIT_MS.m],
        ['s', UNIT_MS.s],
    ]) {
        const n = Math.floor(rest / size);
        if (n > 0)
            parts.push(`${n}${unit}`);
        rest -= n * size;
    }
    return sign + parts.slice(0, 2).join(' ');
}


/***/ })

};
