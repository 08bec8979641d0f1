export const id = 448;
export const ids = [448];
export const modules = {

/***/ 1448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./packages/core/src/context.ts
var context = __webpack_require__(762);
// EXTERNAL MODULE: ./packages/core/src/action.ts + 2 modules
var action = __webpack_require__(3309);
// EXTERNAL MODULE: ./packages/core/src/event-guard.ts
var event_guard = __webpack_require__(4653);
;// CONCATENATED MODULE: ./actions/open-promote-pr/src/deps.ts

const defaultDeps = action/* defaultCommandActionDeps */.Zx;

;// CONCATENATED MODULE: ./actions/open-promote-pr/src/event-policy.ts
/** Someone asks for a promotion (workflow_dispatch), or a schedule does. */
const OPEN_PROMOTE_PR_EVENTS = {
    action: 'open-promote-pr',
    accepts: ['workflow-dispatch', 'schedule'],
    dispatch: 'any',
};

// EXTERNAL MODULE: ./packages/core/src/errors.ts
var errors = __webpack_require__(7638);
// EXTERNAL MODULE: ./packages/core/src/report.ts
var report = __webpack_require__(2019);
// EXTERNAL MODULE: ./packages/core/src/untrusted-text.ts
var untrusted_text = __webpack_require__(2779);
// EXTERNAL MODULE: ./packages/core/src/inputs.ts
var inputs = __webpack_require__(7276);
// EXTERNAL MODULE: ./packages/core/src/github/limits.ts
var limits = __webpack_require__(9889);
;// CONCATENATED MODULE: ./actions/open-promote-pr/src/inputs.ts


function readInputs(io) {
    return {
        token: io.getInput('token').trim(),
        githubToken: io.getInput('github-token').trim(),
        name: (0,inputs/* getTextInput */.Km)(io, 'name', {
            max: limits/* TITLE_LIMIT */.TH,
            why: `the name goes into the PR title, which GitHub limits to ${limits/* TITLE_LIMIT */.TH} characters`,
            oneLine: true,
        }),
        config: (0,inputs/* getOptionalInput */.lI)(io, 'config') ?? '.github/promotion.yml',
        stagingBranch: (0,inputs/* getOptionalInput */.lI)(io, 'staging-branch'),
        productionBranch: (0,inputs/* getOptionalInput */.lI)(io, 'production-branch'),
        overrideReason: (0,inputs/* getTextInput */.Km)(io, 'override-reason', {
            max: limits/* REASON_LIMIT */.V2,
            why: 'an override reason is quoted in the PR body and a comment',
        }),
        dryRun: (0,inputs/* getBooleanInput */.Vt)(io, 'dry-run', false),
    };
}

// EXTERNAL MODULE: ./packages/core/src/config/load.ts + 1 modules
var load = __webpack_require__(703);
// EXTERNAL MODULE: ./node_modules/luxon/build/es6/luxon.mjs
var luxon = __webpack_require__(8714);
;// CONCATENATED MODULE: ./actions/open-promote-pr/src/name.ts


/**
 * Turns a free-text promotion name ("Sprint 15: beneficiary") into one ref segment that passes
 * `git check-ref-format` ("sprint-15-beneficiary"): lower case so "Sprint 15" and "sprint 15"
 * are the same promotion; every run of characters git refuses (space, ~ ^ : ? * [ \ control,
 * "..", "@{", "/") becomes one "-"; no leading/trailing "-" or "."; no ".lock" suffix.
 * A name with nothing left is refused rather than silently replaced.
 */
function sanitizePromotionName(given) {
    const slug = given
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/\.{2,}/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[-.]+|[-.]+$/g, '')
        .replace(/\.lock$/, '-lock')
        .slice(0, 80)
        .replace(/[-.]+$/g, '');
    if (!slug) {
        throw new errors/* ConfigurationError */.j1(`open-promote-pr: the promotion name "${given}" has no letters or digits left after making it a branch name; ` +
            'set the `name` input (or promote.name in .github/promotion.yml) to something like "sprint-15".');
    }
    return { given, slug };
}
/** yyyymmdd-hhmm in the configured zone: the snapshot stamp in promote/<name>-<stamp>. */
function snapshotStamp(now, timezone) {
    return luxon/* DateTime */.c9.fromJSDate(now, { zone: timezone }).toFormat('yyyyLLdd-HHmm');
}
function promotionBranch(prefix, name, now, timezone) {
    return `${prefix}${name.slug}-${snapshotStamp(now, timezone)}`;
}
/** Whether a head ref is a snapshot branch of this promotion name (and not of "name-longer"). */
function isBranchOfName(ref, prefix, name) {
    if (!ref.startsWith(`${prefix}${name.slug}-`))
        return false;
    return /^\d{8}-\d{4}$/.test(ref.slice(prefix.length + name.slug.length + 1));
}
/** The promotion name slug encoded in a snapshot branch, or undefined for other branches. */
function nameOfBranch(ref, prefix) {
    if (!ref.startsWith(prefix))
        return undefined;
    const m = /^(.+)-\d{8}-\d{4}$/.exec(ref.slice(prefix.length));
    return m?.[1];
}

// EXTERNAL MODULE: ./packages/core/src/github/request-errors.ts
var request_errors = __webpack_require__(8154);
// EXTERNAL MODULE: ./packages/core/src/github/compare.ts
var github_compare = __webpack_require__(7574);
;// CONCATENATED MODULE: ./actions/open-promote-pr/src/rotation.ts

/**
 * The reviewer assigned to a promotion is recorded in its PR body inside the generated block,
 * so the rotation needs no state of its own: the next promotion reads the newest promotion PR's
 * marker (open or closed) and continues after it. Removing someone from config or reordering
 * never breaks it; an unknown last reviewer restarts at the top.
 */
const MARKER = /<!--\s*promote:reviewer=(user|team):([^\s>]+)\s*-->/;
function reviewerMarker(reviewer) {
    return reviewer ? `<!-- promote:reviewer=${reviewer.kind}:${reviewer.id} -->` : '';
}
function readReviewerMarker(body) {
    const m = MARKER.exec(body ?? '');
    if (!m)
        return undefined;
    return { kind: m[1], id: m[2] ?? '' };
}
function formatReviewer(reviewer, owner) {
    return reviewer.kind === 'user' ? `@${reviewer.id}` : `@${owner}/${reviewer.id}`;
}
const same = (a, b) => a.kind === b.kind && a.id.toLowerCase() === b.id.toLowerCase();
/** The rotation order: users first, then teams, each taking one turn. */
function rotationOrder(config) {
    return [
        ...config.users.map((id) => ({ kind: 'user', id: id.replace(/^@/, '') })),
        ...config.teams.map((id) => ({
            kind: 'team',
            id: id.replace(/^@/, '').replace(/^[^/]+\//, ''),
        })),
    ];
}
/**
 * Round-robin: the first eligible entry after `last` in rotation order, wrapping around.
 * Never an author (the actor who pressed "promote", the last committer): GitHub refuses a
 * review request from a PR's own author, and a self-review is no review. People in `away`
 * are skipped. With `required`, nobody eligible is a configuration error raised before any write.
 */
function pickReviewer(input) {
    const order = rotationOrder(input.config);
    const away = new Set(input.config.away.map((a) => a.replace(/^@/, '').toLowerCase()));
    const authors = new Set(input.authors.filter(Boolean).map((a) => a.toLowerCase()));
    if (order.length === 0) {
        if (input.config.required) {
            throw new errors/* ConfigurationError */.j1('open-promote-pr: promote.reviewers.required is true but the rotation is empty; ' +
                'list logins under promote.reviewers.users (or team slugs under promote.reviewers.teams) in .github/promotion.yml.');
        }
        return { reviewer: undefined, skipped: [] };
    }
    const lastIndex = input.last ? order.findIndex((r) => same(r, input.last)) : -1;
    const skipped = [];
    for (let step = 1; step <= order.length; step += 1) {
        const candidate = order[(lastIndex + step + order.length) % order.length];
        if (away.has(candidate.id.toLowerCase())) {
            skipped.push({ reviewer: candidate, reason: 'away' });
        }
        else if (candidate.kind === 'user' && authors.has(candidate.id.toLowerCase())) {
            skipped.push({ reviewer: candidate, reason: 'author' });
        }
        else {
            return { reviewer: candidate, skipped };
        }
    }
    if (input.config.required) {
        const why = skipped.map((s) => `${s.reviewer.id} (${s.reason})`).join(', ');
        throw new errors/* ConfigurationError */.j1(`open-promote-pr: promote.reviewers.required is true but nobody in the rotation can review this promotion: ${why}; ` +
            'add reviewers to promote.reviewers.users or remove someone from promote.reviewers.away.');
    }
    return { reviewer: undefined, skipped };
}

;// CONCATENATED MODULE: ./actions/open-promote-pr/src/facts.ts





// Rotation history: newest promotion PRs first, at most this many pages of 100.
const MAX_HISTORY_PAGES = 10;
async function branchSha(gh, repo, branch, role, key) {
    try {
        const { data } = await gh.rest.repos.getBranch({ ...repo, branch });
        return data.commit.sha;
    }
    catch (error) {
        if ((0,request_errors/* hasStatus */.Ro)(error, 404)) {
            throw new errors/* ConfigurationError */.j1(`open-promote-pr: the ${role} branch "${branch}" does not exist in ${repo.owner}/${repo.repo}; ` +
                `set ${key} in .github/promotion.yml (or the matching input) to an existing branch.`);
        }
        throw error;
    }
}
/**
 * What production...staging holds: every commit (pages of 100 following the Link header), the
 * files (first page, at most 300), and who made the newest commit.
 */
async function readCompare(gh, repo, base, head) {
    const comparison = await (0,github_compare/* compareCommits */.kC)(gh, repo, base, head);
    const newest = comparison.commits.at(-1);
    return {
        aheadBy: comparison.aheadBy,
        commits: comparison.commits.map((c) => ({ sha: c.sha, message: c.message })),
        files: comparison.files.map((f) => f.filename),
        addedFiles: comparison.files.filter((f) => f.status === 'added').map((f) => f.filename),
        last: { author: newest?.authorLogin, committer: newest?.committerLogin },
    };
}
async function gatherFacts(input) {
    const { gh, repo, config, name } = input;
    const prefix = config['branch-prefix'];
    const productionSha = await branchSha(gh, repo, input.productionBranch, 'production', 'branches.production');
    const stagingSha = await branchSha(gh, repo, input.stagingBranch, 'staging', 'branches.staging');
    const compare = await readCompare(gh, repo, productionSha, stagingSha);
    const open = await gh.paginate(gh.rest.pulls.list, {
        ...repo,
        state: 'open',
        base: input.productionBranch,
        per_page: 100,
    });
    const openPromotions = [];
    for (const pr of open) {
        if (!pr.head.ref.startsWith(prefix) || pr.head.repo?.full_name !== `${repo.owner}/${repo.repo}`)
            continue;
        openPromotions.push({
            number: pr.number,
            url: pr.html_url,
            title: pr.title,
            headRef: pr.head.ref,
            headSha: pr.head.sha,
            body: pr.body ?? '',
            labels: pr.labels.map((l) => l.name ?? '').filter(Boolean),
            assignees: (pr.assignees ?? []).map((a) => a.login),
            requestedReviewers: (pr.requested_reviewers ?? []).map((u) => u.login),
            requestedTeams: (pr.requested_teams ?? []).map((t) => t.slug),
            containedInStaging: compare.aheadBy === 0 ? false : await (0,github_compare/* isAncestorOf */.rd)(gh, repo, pr.head.sha, stagingSha),
        });
    }
    let leftoverBranch;
    const hasOwn = openPromotions.some((pr) => isBranchOfName(pr.headRef, prefix, name));
    if (!hasOwn && compare.aheadBy > 0)
        leftoverBranch = await findLeftover(gh, repo, prefix, name, stagingSha);
    return {
        name,
        production: { branch: input.productionBranch, sha: productionSha },
        staging: { branch: input.stagingBranch, sha: stagingSha },
        aheadBy: compare.aheadBy,
        openPromotions,
        leftoverBranch,
        now: input.now,
        commits: compare.commits,
        files: compare.files,
        addedFiles: compare.addedFiles,
        filesMaybeTruncated: compare.files.length >= github_compare/* COMPARE_FILE_LIMIT */.$s,
        lastCommitters: [compare.last.author, compare.last.committer].filter((l) => !!l && l !== 'web-flow'),
    };
}
/**
 * The newest snapshot branch of this name that no PR (open or closed) ever used: a run that
 * created its branch and then failed before the PR existed. Reusing it keeps a re-run from
 * leaving a second branch behind.
 */
async function findLeftover(gh, repo, prefix, name, stagingSha) {
    const refs = await gh.paginate(gh.rest.git.listMatchingRefs, {
        ...repo,
        ref: `heads/${prefix}${name.slug}-`,
        per_page: 100,
    });
    const candidates = refs
        .map((r) => ({ ref: r.ref.replace(/^refs\/heads\//, ''), sha: r.object.sha }))
        .filter((r) => isBranchOfName(r.ref, prefix, name))
        .sort((a, b) => (a.ref < b.ref ? 1 : -1));
    const newest = candidates[0];
    if (!newest)
        return undefined;
    const prs = await gh.rest.pulls.list({
        ...repo,
        state: 'all',
        head: `${repo.owner}:${newest.ref}`,
        per_page: 1,
    });
    if (prs.data.length > 0)
        return undefined;
    return { ...newest, containedInStaging: await (0,github_compare/* isAncestorOf */.rd)(gh, repo, newest.sha, stagingSha) };
}
/**
 * The reviewer recorded in the newest promotion PR (open or closed) that has one: where the
 * round-robin continues. Reads newest first and stops at the first marker.
 */
async function lastAssignedReviewer(gh, repo, prefix) {
    let pages = 0;
    for await (const { data } of gh.paginate.iterator(gh.rest.pulls.list, {
        ...repo,
        state: 'all',
        sort: 'created',
        direction: 'desc',
        per_page: 100,
    })) {
        for (const pr of data) {
            if (!pr.head.ref.startsWith(prefix))
                continue;
            const reviewer = readReviewerMarker(pr.body);
            if (reviewer)
                return reviewer;
        }
        pages += 1;
        if (pages >= MAX_HISTORY_PAGES)
            break;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./actions/open-promote-pr/src/plan.ts





const plan_short = (sha) => sha.slice(0, 7);
function renderTitle(template, values) {
    return template.replace(/\{(name|date|staging|production|sha)\}/g, (_m, key) => values[key]);
}
/**
 * Decides what this run does, from facts only (no network):
 * - nothing ahead of production: no branch, no PR;
 * - an open promotion PR of this name exists: update it. GitHub cannot change a PR's head
 *   branch, so the PR keeps its branch (whose date stamp is the first snapshot's) and the branch
 *   is fast-forwarded to staging. A branch with commits staging does not have is refused, never
 *   force-pushed over (someone pushed review fixes there, or staging was rewritten);
 * - otherwise create promote/<name>-<stamp> at staging, reusing a leftover branch of this name
 *   from a run that failed before opening its PR, so a re-run opens exactly one PR.
 */
function planPromotion(facts, { config }) {
    const { production, staging, name } = facts;
    if (facts.aheadBy === 0) {
        return {
            operation: 'none',
            message: `Nothing ahead of production: ${staging.branch} (${plan_short(staging.sha)}) is already in ${production.branch} (${plan_short(production.sha)}); no branch, no PR.`,
            headSha: staging.sha,
            supersede: [],
        };
    }
    const prefix = config['branch-prefix'];
    const mine = facts.openPromotions
        .filter((pr) => isBranchOfName(pr.headRef, prefix, name))
        .sort((a, b) => a.number - b.number);
    const others = facts.openPromotions.filter((pr) => !isBranchOfName(pr.headRef, prefix, name));
    const superseded = config['close-superseded'] ? others.filter((pr) => pr.containedInStaging) : [];
    const rendered = renderTitle(config.title, {
        name: name.given,
        date: luxon/* DateTime */.c9.fromJSDate(facts.now, { zone: config.timezone }).toFormat('yyyy-LL-dd HH:mm'),
        staging: staging.branch,
        production: production.branch,
        sha: plan_short(staging.sha),
    });
    const title = (0,untrusted_text/* untrusted */.b)(rendered, 'plain');
    if (title.length > limits/* TITLE_LIMIT */.TH) {
        throw new errors/* ConfigurationError */.j1(`open-promote-pr: the PR title would be ${title.length} characters long; GitHub allows ${limits/* TITLE_LIMIT */.TH}. ` +
            `It is promote.title (${JSON.stringify(config.title)}) with the promotion name (input \`name\` or promote.name, ` +
            `${name.given.length} characters): shorten the name or the title template. Nothing was changed.`);
    }
    const [existing, ...duplicates] = mine;
    if (existing) {
        if (!existing.containedInStaging) {
            throw new errors/* ConfigurationError */.j1(`open-promote-pr: PR #${existing.number} (${existing.headRef}) has commits that are not on ${staging.branch}: ` +
                `its head ${plan_short(existing.headSha)} is not an ancestor of ${staging.branch} (${plan_short(staging.sha)}), so moving it would drop them. ` +
                `Nothing was changed. Put those commits on ${staging.branch} first, or close PR #${existing.number} and run again to open a fresh promotion.`);
        }
        const refMove = existing.headSha === staging.sha ? 'none' : 'fast-forward';
        return {
            operation: 'update',
            message: refMove === 'none'
                ? `PR #${existing.number} already has ${staging.branch} at ${plan_short(staging.sha)}; refreshing its description.`
                : `Moving ${existing.headRef} from ${plan_short(existing.headSha)} to ${staging.branch} at ${plan_short(staging.sha)} (fast-forward) for PR #${existing.number}.`,
            branch: existing.headRef,
            headSha: staging.sha,
            refMove,
            pr: existing,
            title: existing.title,
            // Two open PRs of one name only happen when two runs raced; keep the oldest.
            supersede: [...duplicates, ...superseded],
        };
    }
    const leftover = facts.leftoverBranch;
    if (leftover && leftover.containedInStaging) {
        return {
            operation: 'create',
            message: `Reusing ${leftover.ref} (left by an earlier run that did not open its PR) at ${staging.branch} ${plan_short(staging.sha)}.`,
            branch: leftover.ref,
            headSha: staging.sha,
            refMove: leftover.sha === staging.sha ? 'none' : 'fast-forward',
            title,
            supersede: [...duplicates, ...superseded],
        };
    }
    const branch = promotionBranch(prefix, name, facts.now, config.timezone);
    if (leftover && leftover.ref === branch) {
        throw new errors/* ConfigurationError */.j1(`open-promote-pr: branch ${branch} already exists at ${plan_short(leftover.sha)}, which is not on ${staging.branch}; ` +
            'refusing to overwrite it. Delete that branch or wait a minute for a new snapshot name.');
    }
    return {
        operation: 'create',
        message: `Snapshotting ${staging.branch} to ${branch} at ${plan_short(staging.sha)}.`,
        branch,
        headSha: staging.sha,
        refMove: 'create',
        title,
        supersede: [...duplicates, ...superseded],
    };
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./packages/core/src/commits.ts
var commits = __webpack_require__(9411);
;// CONCATENATED MODULE: ./actions/open-promote-pr/src/body.ts





const BODY_BEGIN = '<!-- promote:begin -->';
const BODY_END = '<!-- promote:end -->';
const TYPE_TITLES = [
    ['feat', 'Features'],
    ['fix', 'Bug fixes'],
    ['perf', 'Performance'],
    ['revert', 'Reverts'],
    ['refactor', 'Refactoring'],
    ['docs', 'Documentation'],
    ['test', 'Tests'],
    ['build', 'Build'],
    ['ci', 'CI'],
    ['chore', 'Chores'],
    ['style', 'Style'],
];
const body_short = (sha) => sha.slice(0, 7);
function commitLine(input, commit) {
    const parsed = (0,commits/* parseCommitMessage */.o7)(commit.message);
    const base = `${input.serverUrl}/${input.owner}/${input.repo}`;
    const subject = (0,untrusted_text/* untrusted */.b)((0,commits/* subjectWithoutPullRequest */.Z7)(parsed.subject), 'inline');
    const scope = parsed.scope ? `**${(0,untrusted_text/* untrusted */.b)(parsed.scope, 'inline')}:** ` : '';
    const breaking = parsed.breaking ? '**BREAKING** ' : '';
    const pr = parsed.pullRequest
        ? ` ([#${parsed.pullRequest}](${base}/pull/${parsed.pullRequest}))`
        : '';
    const sha = ` ([${body_short(commit.sha)}](${base}/commit/${commit.sha}))`;
    const known = TYPE_TITLES.some(([t]) => t === parsed.type);
    return {
        type: known ? parsed.type : 'other',
        line: `- ${breaking}${scope}${subject}${pr}${sha}`,
    };
}
/** Changes grouped by conventional-commit type, at most `limit` commits listed. */
function renderChanges(input, rendered, limit, compareUrl) {
    const shown = rendered.slice(0, limit);
    const groups = new Map();
    for (const { type, line } of shown) {
        groups.set(type, [...(groups.get(type) ?? []), line]);
    }
    const out = [];
    for (const [type, title] of [...TYPE_TITLES, ['other', 'Other changes']]) {
        const lines = groups.get(type);
        if (lines?.length)
            out.push(`#### ${title}`, '', ...lines, '');
    }
    const missing = input.aheadBy - shown.length;
    if (missing > 0) {
        out.push(`_… and ${missing} more commit${missing === 1 ? '' : 's'}: see the [full compare](${compareUrl})._`, '');
    }
    return out.join('\n').trimEnd();
}
/** Names of configured areas whose globs match a changed file, with the number of files each. */
function areasChanged(files, areas) {
    return Object.entries(areas)
        .map(([name, globs]) => {
        const match = picomatch_default()(globs, { dot: true });
        return { name, files: files.filter((f) => match(f)).length };
    })
        .filter((a) => a.files > 0);
}
function renderExcerpt(excerpt) {
    const note = excerpt.omitted > 0
        ? `_(last ${excerpt.lines.length} lines; ${excerpt.omitted} earlier lines left out)_\n\n`
        : '';
    return `From ${(0,untrusted_text/* untrusted */.b)(excerpt.source, 'code')}:\n\n${note}${(0,untrusted_text/* untrusted */.b)(excerpt.lines.join('\n') || '(empty)', 'block')}`;
}
function renderBlock(input, rendered, commitLimit) {
    const base = `${input.serverUrl}/${input.owner}/${input.repo}`;
    const compareUrl = `${base}/compare/${input.production.sha}...${input.staging.sha}`;
    const s = [
        BODY_BEGIN,
        reviewerMarker(input.rotation.reviewer),
        `<!-- promote:name=${encodeURIComponent(input.name)} -->`,
    ];
    s.push('## Promotion summary', '', `Promotes ${(0,untrusted_text/* untrusted */.b)(input.staging.branch, 'code')} at [${body_short(input.staging.sha)}](${base}/commit/${input.staging.sha}) ` +
        `to ${(0,untrusted_text/* untrusted */.b)(input.production.branch, 'code')} (now at [${body_short(input.production.sha)}](${base}/commit/${input.production.sha})): ` +
        `**${input.aheadBy} commit${input.aheadBy === 1 ? '' : 's'}**, ${input.files.length}${input.filesMaybeTruncated ? '+' : ''} file${input.files.length === 1 ? '' : 's'} changed. ` +
        `[Full compare](${compareUrl}).`, '', 
    // No run link or time here: a re-run with nothing new must render the same body (no write).
    `Snapshot branch ${(0,untrusted_text/* untrusted */.b)(input.branch, 'code')}.`);
    if (input.override) {
        s.push('', `> [!WARNING]`, `> Pre-open gates failed and were overridden by ${(0,untrusted_text/* untrusted */.b)(`@${input.override.actor || 'unknown'}`, 'inline')} in [this run](${input.runUrl}): ${(0,untrusted_text/* untrusted */.b)(input.override.reason, 'inline')}`);
    }
    s.push('', '### Changes', '', renderChanges(input, rendered, commitLimit, compareUrl) || '_No commits listed._');
    const areas = areasChanged(input.files, input.areas);
    if (Object.keys(input.areas).length > 0) {
        s.push('', '### Areas changed', '');
        if (areas.length === 0)
            s.push('_None of the configured areas._');
        for (const a of areas)
            s.push(`- ${(0,untrusted_text/* untrusted */.b)(a.name, 'inline')} (${a.files} file${a.files === 1 ? '' : 's'})`);
        if (input.filesMaybeTruncated) {
            s.push('', `_GitHub lists at most 300 files per comparison; more may be touched: see the [full compare](${compareUrl})._`);
        }
    }
    if (input.gateRows?.length) {
        s.push('', '### Preflight', '', (0,report/* renderMarkdownTable */.Ij)(input.gateRows));
    }
    if (input.migrations) {
        s.push('', '### Migrations that will run on merge', '');
        if ('files' in input.migrations) {
            if (input.migrations.files.length === 0)
                s.push(`_No new migration files (${(0,untrusted_text/* untrusted */.b)(input.migrations.source, 'code')})._`);
            for (const f of input.migrations.files)
                s.push(`- ${(0,untrusted_text/* untrusted */.b)(f, 'code')}`);
        }
        else {
            s.push(renderExcerpt(input.migrations));
        }
        s.push('', 'Confirm that only the expected migrations are pending.');
    }
    if (input.audit) {
        s.push('', '### Audit log', '', renderExcerpt(input.audit));
    }
    s.push('', '### Rollback', '', 'If production breaks after this merge, run (with RELEASE_TAG replaced by the tag tag-release creates for this merge; it is in the release and the ship report):', '', (0,untrusted_text/* untrusted */.b)(input.rollbackCommand, 'block', { language: 'sh' }));
    s.push('', '### Review');
    if (input.rotation.reviewer) {
        s.push('', `Reviewer from the rotation: ${formatReviewer(input.rotation.reviewer, input.owner)}.`);
    }
    for (const skip of input.rotation.skipped) {
        s.push(`Skipped ${(0,untrusted_text/* untrusted */.b)(skip.reviewer.id, 'code')} (${skip.reason}).`);
    }
    if (input.checklist.length)
        s.push('', ...input.checklist.map((item) => `- [ ] ${(0,untrusted_text/* untrusted */.b)(item, 'inline')}`));
    s.push('', BODY_END);
    return s.filter((line, i) => !(line === '' && i < 3)).join('\n');
}
/**
 * The generated block, sized so the whole body fits `budget` characters: the commit list is
 * shortened first (with a link to the full compare), then anything else is cut by fitMarkdown.
 */
function renderPromotionBlock(input, budget = report/* PR_BODY_LIMIT */.Cw) {
    // Each commit is parsed and escaped once; the search below only re-joins lines.
    const rendered = input.commits.map((commit) => commitLine(input, commit));
    let block = renderBlock(input, rendered, rendered.length);
    if (block.length <= budget)
        return block;
    let lo = 0;
    let hi = input.commits.length;
    while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (renderBlock(input, rendered, mid).length <= budget)
            lo = mid;
        else
            hi = mid - 1;
    }
    block = renderBlock(input, rendered, lo);
    if (block.length <= budget)
        return block;
    const compareUrl = `${input.serverUrl}/${input.owner}/${input.repo}/compare/${input.production.sha}...${input.staging.sha}`;
    const inner = block.slice(0, block.length - BODY_END.length);
    return `${(0,report/* fitMarkdown */.DJ)(inner, budget - BODY_END.length - 1, { note: `_… cut to fit GitHub's PR body limit: see the [full compare](${compareUrl})._` })}\n${BODY_END}`;
}
/**
 * The PR body with the generated block replaced; text outside the markers (a human's notes) is
 * kept as is. A body whose markers were deleted gets the block appended below the human text.
 */
function mergeBody(existing, input) {
    const current = (existing ?? '').replace(/\r\n/g, '\n');
    const begin = current.indexOf(BODY_BEGIN);
    const end = current.indexOf(BODY_END, begin);
    let before;
    let after;
    if (begin !== -1 && end !== -1) {
        before = current.slice(0, begin);
        after = current.slice(end + BODY_END.length);
    }
    else {
        before = current.trim() ? `${current.trimEnd()}\n\n` : '';
        after = '';
    }
    const budget = report/* PR_BODY_LIMIT */.Cw - before.length - after.length;
    return `${before}${renderPromotionBlock(input, Math.max(2000, budget))}${after}`.slice(0, report/* PR_BODY_LIMIT */.Cw);
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./actions/open-promote-pr/src/excerpts.ts




// A migrations/audit command that hangs must not hold the promotion: the reviewer sees the timeout.
const COMMAND_TIMEOUT_MS = 120_000;
function tail(text, max, source) {
    const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
    const kept = lines.slice(-max);
    return { source, lines: kept, omitted: lines.length - kept.length };
}
async function commandExcerpt(exec, argv, max, cwd) {
    const source = argv.join(' ');
    const result = await exec(argv, {
        cwd,
        timeoutMs: COMMAND_TIMEOUT_MS,
        allowFailure: true,
        silent: true,
    });
    const output = [result.stdout, result.stderr].filter((s) => s.trim()).join('\n');
    if (result.exitCode !== 0 || result.timedOut) {
        const why = result.timedOut
            ? `timed out after ${COMMAND_TIMEOUT_MS / 1000} s`
            : `exited with ${result.exitCode}`;
        const excerpt = tail(output || '(no output)', max, source);
        return { ...excerpt, lines: [`(command ${why}; check by hand)`, ...excerpt.lines] };
    }
    return tail(output, max, source);
}
/** Migrations that will run on merge: a command's list, or added files matching the globs. */
async function readMigrations(config, deps) {
    const m = config.migrations;
    if (!m)
        return undefined;
    if ('command' in m)
        return commandExcerpt(deps.exec, m.command, m['max-lines'], deps.workspace);
    const match = picomatch_default()(m.paths, { dot: true });
    return { files: deps.addedFiles.filter((f) => match(f)), source: m.paths.join(', ') };
}
async function readAudit(config, deps) {
    const a = config.audit;
    if (!a)
        return undefined;
    if ('command' in a)
        return commandExcerpt(deps.exec, a.command, a['max-lines'], deps.workspace);
    const path = (0,external_node_path_.isAbsolute)(a.file) ? a.file : (0,external_node_path_.join)(deps.workspace, a.file);
    if ((0,external_node_path_.relative)(deps.workspace, path).startsWith('..')) {
        throw new errors/* ConfigurationError */.j1(`open-promote-pr: promote.audit.file "${a.file}" is outside the workspace; use a path inside the checkout.`);
    }
    try {
        return tail(await (0,promises_.readFile)(path, 'utf8'), a['max-lines'], a.file);
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            throw new errors/* ConfigurationError */.j1(`open-promote-pr: promote.audit.file "${a.file}" does not exist in the checkout; check out the repository before this step or fix the path.`);
        }
        throw error;
    }
}

// EXTERNAL MODULE: ./packages/core/src/rollback-command.ts
var rollback_command = __webpack_require__(4265);
;// CONCATENATED MODULE: ./actions/open-promote-pr/src/rollback.ts

/** Stands for the tag tag-release creates when the promotion PR merges (unknown until then). */
const RELEASE_PLACEHOLDER = 'RELEASE_TAG';
/**
 * The rollback command shown in the PR body: the rollback workflow (workflow_dispatch), run from
 * production, restoring the backup migrate-with-rollback records for the release this merge
 * produces. The release tag does not exist while the PR is open, so the command names it
 * RELEASE_TAG and the body says where the real tag appears.
 */
function promotionRollbackCommand(input) {
    return (0,rollback_command/* rollbackCommand */.Ct)({
        owner: input.owner,
        repo: input.repo,
        workflow: input.workflow,
        ref: input.production,
        release: RELEASE_PLACEHOLDER,
        reason: `production broke after promotion ${input.name}`,
    });
}

;// CONCATENATED MODULE: ./actions/open-promote-pr/src/token.ts
/**
 * Whether the `token` input is the job's default GITHUB_TOKEN. A token's kind cannot be read
 * offline (an App installation token and GITHUB_TOKEN both start with ghs_), so action.yml
 * passes `${{ github.token }}` a second time in the `github-token` input, which callers leave
 * alone: equal values mean the caller did not supply an App token or PAT. Exact, no guessing.
 */
function isDefaultGithubToken(token, githubToken) {
    return token !== '' && githubToken !== '' && token === githubToken;
}
const DEFAULT_TOKEN_WARNING = 'The promotion PR is opened with the default GITHUB_TOKEN: GitHub starts no workflows for events that token creates, ' +
    "so the PR's required checks will not start and it cannot be merged until someone pushes to it. " +
    'Pass a GitHub App installation token (actions/create-github-app-token) or a PAT as the `token` input; see actions/open-promote-pr/README.md#token.';

// EXTERNAL MODULE: ./packages/core/src/github/upsert.ts + 3 modules
var upsert = __webpack_require__(60);
;// CONCATENATED MODULE: ./actions/open-promote-pr/src/apply.ts



const done = (input, step) => input.progress?.done(step);
/**
 * The side effects, in an order a re-run can finish from any point: branch, PR, labels and
 * assignees, reviewer, then superseded PRs (comment first, then close) and the override comment.
 * Every step is create-or-update, so a retried request or a re-run creates nothing twice.
 */
async function applyPlan(input) {
    const { gh, repo, plan } = input;
    await moveBranch(input);
    const { pr, created } = await openOrUpdatePullRequest(input);
    await addLabelsAndAssignees(input, pr);
    await requestReviewer(input, pr);
    await closeSuperseded(input, pr);
    if (input.override)
        await (0,upsert/* upsertIssueComment */.CV)(gh, repo, pr.number, 'override', input.override.comment);
    return {
        number: pr.number,
        url: pr.html_url,
        operation: created ? 'created' : 'updated',
        branch: plan.branch,
        headSha: plan.headSha,
    };
}
/** The promotion branch at the staging snapshot: created, fast-forwarded, or left as it is. */
async function moveBranch(input) {
    const { gh, repo, logger, plan } = input;
    if (plan.refMove === 'create')
        logger.info(`Snapshotting ${input.staging} to ${plan.branch} ...`);
    else if (plan.refMove === 'fast-forward')
        logger.info(`Moving ${plan.branch} to ${input.staging} at ${plan.headSha.slice(0, 7)} ...`);
    if (plan.refMove === 'none')
        return;
    // Never forced: a branch that is not an ancestor of staging was refused by the plan, and a
    // push that lands in between makes GitHub answer 422 "not a fast forward" here.
    await (0,upsert/* createOrUpdateRef */.W1)(gh, repo, `heads/${plan.branch}`, plan.headSha, { force: false }, logger);
    done(input, `branch ${plan.branch} at ${plan.headSha.slice(0, 7)}`);
}
async function openOrUpdatePullRequest(input) {
    const { gh, repo, logger, plan } = input;
    const { pr, operation } = await (0,upsert/* createOrUpdatePullRequest */.fA)(gh, repo, {
        head: plan.branch,
        base: input.production,
        title: plan.title,
        body: input.body,
        draft: input.config.draft,
    });
    // A create whose response was lost comes back from the helper as found-and-updated; for the
    // user it is still the PR this promotion created.
    const created = operation === 'created' || plan.operation === 'create';
    logger.info(`${created ? 'Opening' : 'Updating'} PR ... ${pr.html_url}`);
    done(input, `PR #${pr.number} ${created ? 'opened' : 'updated'} (${pr.html_url})`);
    return { pr, created };
}
/** What the PR already has is not written again: a re-run with nothing new makes no writes. */
const has = (list, item) => (list ?? []).some((x) => x.toLowerCase() === item.toLowerCase());
async function addLabelsAndAssignees(input, pr) {
    const { gh, repo, plan, config } = input;
    const labels = config.labels.filter((l) => !has(plan.pr?.labels, l));
    const assignees = config.assignees.filter((a) => !has(plan.pr?.assignees, a));
    if (labels.length) {
        await gh.rest.issues.addLabels({ ...repo, issue_number: pr.number, labels });
        done(input, `labels ${labels.join(', ')}`);
    }
    if (assignees.length) {
        await gh.rest.issues.addAssignees({ ...repo, issue_number: pr.number, assignees });
        done(input, `assignees ${assignees.join(', ')}`);
    }
}
/** New commits re-request the review (the reviewer may have approved the old head already). */
async function requestReviewer(input, pr) {
    const { gh, repo, logger, plan, reviewer } = input;
    if (!reviewer)
        return;
    const pending = plan.refMove === 'none' &&
        has(reviewer.kind === 'user' ? plan.pr?.requestedReviewers : plan.pr?.requestedTeams, reviewer.id);
    if (pending) {
        logger.info(`Reviewer already requested: ${formatReviewer(reviewer, repo.owner)}`);
        return;
    }
    const who = formatReviewer(reviewer, repo.owner);
    try {
        await gh.rest.pulls.requestReviewers({
            ...repo,
            pull_number: pr.number,
            ...(reviewer.kind === 'user'
                ? { reviewers: [reviewer.id] }
                : { team_reviewers: [reviewer.id] }),
        });
        logger.info(`Reviewer requested: ${who}`);
        done(input, `reviewer ${who} requested`);
    }
    catch (error) {
        // 422: not a collaborator / team without access. The PR stands; a person can assign by hand.
        if (!(0,request_errors/* hasStatus */.Ro)(error, 422))
            throw error;
        logger.warning(`Could not request ${who} as reviewer on PR #${pr.number}: ${(0,request_errors/* describeGitHubError */.dZ)(error)}. Give them access to the repository or fix promote.reviewers.`);
    }
}
/** Older promotion PRs this one replaces: a comment pointing here, then closed. */
async function closeSuperseded(input, pr) {
    const { gh, repo, logger, plan } = input;
    for (const old of plan.supersede) {
        if (old.number === pr.number)
            continue;
        await (0,upsert/* upsertIssueComment */.CV)(gh, repo, old.number, 'superseded', `Superseded by #${pr.number} (${pr.html_url}), which promotes ${input.staging} at ${plan.headSha.slice(0, 7)}. Closing this one.`);
        await gh.rest.pulls.update({ ...repo, pull_number: old.number, state: 'closed' });
        logger.info(`Closed superseded PR #${old.number} (now in #${pr.number}).`);
        done(input, `superseded PR #${old.number} closed`);
    }
}

// EXTERNAL MODULE: ./packages/core/src/gates/index.ts + 23 modules
var gates = __webpack_require__(4614);
;// CONCATENATED MODULE: ./actions/open-promote-pr/src/gates.ts

/**
 * Only the pre-open gates chosen in promote.gates that preflight: configures; the rest of the
 * preflight config (freeze, ci, approvals...) is for the PR's required check, not for opening it.
 */
function preOpenConfig(config) {
    const chosen = new Set(config.promote.gates);
    const p = config.preflight;
    return {
        timezone: p.timezone,
        override: p.override,
        ...(chosen.has('drift') && p.drift ? { drift: p.drift } : {}),
        ...(chosen.has('change-size') && p['change-size'] ? { 'change-size': p['change-size'] } : {}),
        ...(chosen.has('findings') && p.findings ? { findings: p.findings } : {}),
    };
}
/**
 * The facts those gates read, built from what open-promote-pr already gathered: there is no PR
 * yet, so "the PR" is the promotion as it will be (staging into production), its files and
 * commits come from the compare, and commands / report files are read as preflight reads them.
 */
async function preOpenFacts(input) {
    const { config, facts, gh, repo, exec, workspace } = input;
    const drift = config.drift?.enabled ? config.drift.compare : undefined;
    const [commands, compare, reports] = await Promise.all([
        (0,gates/* runGateCommands */.ji)({ exec, workspace }, config),
        drift ? (0,gates/* readDriftCompare */.VN)(gh, repo, drift) : (0,gates/* notCollected */.h4)('compare'),
        (0,gates/* readReportFiles */.Ak)(config, workspace),
    ]);
    const truncatedFiles = facts.filesMaybeTruncated
        ? `the compare lists ${facts.files.length} files, GitHub's maximum for a comparison`
        : undefined;
    return {
        now: input.clock.now(),
        checkName: 'open-promote-pr',
        productionBranch: facts.production.branch,
        pr: {
            number: 0,
            title: '',
            body: '',
            author: '',
            headSha: facts.staging.sha,
            headRef: facts.staging.branch,
            baseSha: facts.production.sha,
            baseRef: facts.production.branch,
            labels: [],
            changedFiles: facts.files.length,
            commits: facts.aheadBy,
        },
        files: (0,gates/* fact */.fK)({
            files: facts.files.map((filename) => ({
                filename,
                status: 'modified',
                additions: 0,
                deletions: 0,
            })),
            ...(truncatedFiles ? { truncated: truncatedFiles } : {}),
        }),
        commits: (0,gates/* fact */.fK)({
            messages: facts.commits.map((c) => c.message),
            ...(facts.commits.length < facts.aheadBy
                ? { truncated: `read ${facts.commits.length} of ${facts.aheadBy} commits` }
                : {}),
        }),
        reviews: (0,gates/* notCollected */.h4)('reviews'),
        deployments: (0,gates/* notCollected */.h4)('deployments'),
        branch: (0,gates/* notCollected */.h4)('branch'),
        compare,
        reports,
        commands,
        backupFile: (0,gates/* notCollected */.h4)('backup file'),
        protectedContents: new Map(),
        ciRuns: (0,gates/* notCollected */.h4)('workflow runs'),
    };
}
/**
 * Runs drift / change size / findings in-process with preflight's own gate code, and applies an
 * override the way preflight does (only the liftable gates turn into warnings; findings never).
 */
async function runPreOpenGates(input) {
    const config = preOpenConfig(input.config);
    if (!config.drift && !config['change-size'] && !config.findings)
        return [];
    const facts = await preOpenFacts({ ...input, config });
    const results = await (0,gates/* evaluateGates */.ud)(facts, config, { clock: input.clock });
    return (0,gates/* applyOverride */.T6)(results, input.override
        ? {
            ...input.override,
            at: input.clock.now().toISOString(),
            via: 'open-promote-pr input override-reason',
        }
        : undefined, config);
}

;// CONCATENATED MODULE: ./actions/open-promote-pr/src/gate-verdict.ts
/** The verdict on the gates' results. Pure. */
function judgePreOpenGates(results, overrideReason, actor) {
    const rows = results.map((r) => r.row);
    const failed = rows.filter((r) => r.status === 'fail');
    const lifted = results.filter((r) => r.overridden).map((r) => r.row.name);
    if (failed.length > 0)
        return { rows, refusal: refusal(failed, overrideReason), lifted };
    const override = lifted.length > 0 && overrideReason ? { reason: overrideReason, actor } : undefined;
    return { rows, override, lifted };
}
function refusal(failed, overrideReason) {
    const names = failed.map((r) => r.name).join(', ');
    return overrideReason
        ? `open-promote-pr: pre-open gate${failed.length === 1 ? '' : 's'} ${names} failed and cannot be overridden (preflight.override.lifts does not list ${failed.length === 1 ? 'it' : 'them'}); nothing was written. Fix what the table shows.`
        : `open-promote-pr: ${failed.length} pre-open gate${failed.length === 1 ? '' : 's'} failed (${names}); nothing was written. ` +
            'Fix what the table shows, or re-run with an `override-reason` (recorded in the PR) if this promotion must go out anyway.';
}

;// CONCATENATED MODULE: ./actions/open-promote-pr/src/promotion-report.ts



// The outputs and the job summary of each way a promotion ends: nothing to promote, a dry run,
// or the PR opened or updated.
async function reportNothingToPromote(io, logger, name, plan) {
    logger.info(plan.message);
    io.setOutput('operation', 'none');
    io.setOutput('branch', '');
    io.setOutput('pr-number', '');
    io.setOutput('pr-url', '');
    await io.appendSummary(`## Promotion ${(0,untrusted_text/* untrusted */.b)(name.given, 'inline')}\n\n${(0,untrusted_text/* untrusted */.b)(plan.message, 'inline')}\n`);
}
async function reportDryRun(io, logger, promotion, plan, rotation, body) {
    const { name, owner, production } = promotion;
    logger.info(`Dry run: ${plan.message}`);
    logger.info(`Dry run: would ${plan.operation} a PR from ${plan.branch} into ${production}${rotation.reviewer ? ` and request ${formatReviewer(rotation.reviewer, owner)}` : ''}.`);
    io.setOutput('operation', 'none');
    io.setOutput('branch', plan.branch);
    io.setOutput('pr-number', plan.pr ? String(plan.pr.number) : '');
    io.setOutput('pr-url', plan.pr?.url ?? '');
    await io.appendSummary(`## Promotion ${(0,untrusted_text/* untrusted */.b)(name.given, 'inline')} (dry run)\n\n${(0,untrusted_text/* untrusted */.b)(plan.message, 'inline')}\n\n<details><summary>PR body</summary>\n\n${body}\n\n</details>\n`);
}
async function reportApplied(io, promotion, plan, applied, rotation, gateRows) {
    const { name, owner, production, aheadBy } = promotion;
    io.setOutput('pr-number', String(applied.number));
    io.setOutput('pr-url', applied.url);
    io.setOutput('operation', applied.operation);
    io.setOutput('branch', applied.branch);
    io.setOutput('head-sha', applied.headSha);
    const lines = [
        `## Promotion ${(0,untrusted_text/* untrusted */.b)(name.given, 'inline')}: PR [#${applied.number}](${applied.url}) ${applied.operation}`,
        '',
        `- Branch ${(0,untrusted_text/* untrusted */.b)(applied.branch, 'code')} at ${(0,untrusted_text/* untrusted */.b)(applied.headSha.slice(0, 7), 'code')} (${aheadBy} commit${aheadBy === 1 ? '' : 's'} ahead of ${(0,untrusted_text/* untrusted */.b)(production, 'code')})`,
        `- Reviewer: ${rotation.reviewer ? formatReviewer(rotation.reviewer, owner) : 'none (rotation empty)'}`,
    ];
    for (const old of plan.supersede)
        lines.push(`- Closed superseded PR #${old.number}`);
    if (gateRows.length)
        lines.push('', (0,report/* renderMarkdownTable */.Ij)(gateRows));
    await io.appendSummary(`${lines.join('\n')}\n`);
}

;// CONCATENATED MODULE: ./actions/open-promote-pr/src/open-promotion.ts

















/** Reads, plans, checks, then writes: every refusal (bad input, failing gate) comes before any write. */
async function openPromotion(deps, ctx) {
    const { io, logger } = deps;
    const p = await readPromotion(deps, ctx);
    const facts = await gatherFacts({
        gh: p.gh,
        repo: p.repo,
        config: p.config.promote,
        name: p.name,
        productionBranch: p.production,
        stagingBranch: p.staging,
        now: deps.clock.now(),
    });
    const plan = planPromotion(facts, { config: p.config.promote });
    io.setOutput('head-sha', facts.staging.sha);
    if (plan.operation === 'none')
        return reportNothingToPromote(io, logger, p.name, plan);
    const rotation = await chooseReviewer(p, facts, plan);
    const verdict = await checkPreOpenGates(p, facts);
    const body = await composeBody(p, facts, plan, verdict, rotation);
    const where = { name: p.name, owner: ctx.owner, production: p.production };
    if (p.inputs.dryRun)
        return reportDryRun(io, logger, where, plan, rotation, body);
    const applied = await applyPromotion(p, plan, body, rotation, verdict);
    await reportApplied(io, { ...where, aheadBy: facts.aheadBy }, plan, applied, rotation, verdict.rows);
}
async function readPromotion(deps, ctx) {
    const { io, logger } = deps;
    const inputs = readInputs(io);
    const config = await (0,load/* loadConfig */.Z9)({
        source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
        logger,
    });
    const name = sanitizePromotionName(inputs.name ?? config.promote.name);
    if (name.slug !== name.given)
        logger.info(`Promotion name "${name.given}" becomes "${name.slug}" in branch names.`);
    if (isDefaultGithubToken(inputs.token, inputs.githubToken))
        logger.warning(DEFAULT_TOKEN_WARNING);
    return {
        deps,
        ctx,
        inputs,
        config,
        name,
        gh: deps.github(inputs.token),
        repo: { owner: ctx.owner, repo: ctx.repo },
        production: inputs.productionBranch ?? config.branches.production,
        staging: inputs.stagingBranch ?? config.branches.staging,
    };
}
/** The reviewer stays with the PR: an update keeps the one recorded in its body. */
async function chooseReviewer(p, facts, plan) {
    const kept = plan.pr ? readReviewerMarker(plan.pr.body) : undefined;
    if (kept)
        return { reviewer: kept, skipped: [] };
    const promote = p.config.promote;
    return pickReviewer({
        config: promote.reviewers,
        last: await lastAssignedReviewer(p.gh, p.repo, promote['branch-prefix']),
        authors: [p.ctx.actor, ...facts.lastCommitters],
    });
}
/** Drift, change size and findings before anything is written; a failure refuses the promotion. */
async function checkPreOpenGates(p, facts) {
    const { deps, ctx, inputs } = p;
    const results = await runPreOpenGates({
        config: p.config,
        facts,
        gh: p.gh,
        repo: p.repo,
        exec: deps.exec,
        clock: deps.clock,
        workspace: ctx.workspace,
        override: inputs.overrideReason
            ? { actor: ctx.actor, reason: inputs.overrideReason }
            : undefined,
    });
    const verdict = judgePreOpenGates(results, inputs.overrideReason, ctx.actor);
    if (verdict.rows.length)
        deps.logger.info((0,report/* renderPlainTable */.J)(verdict.rows));
    if (verdict.refusal) {
        await deps.io.appendSummary(`## Promotion ${(0,untrusted_text/* untrusted */.b)(p.name.given, 'inline')} refused\n\n${(0,report/* renderMarkdownTable */.Ij)(verdict.rows)}\n`);
        throw new errors/* ConfigurationError */.j1(verdict.refusal);
    }
    if (verdict.override)
        deps.logger.warning(`Pre-open gates ${verdict.lifted.join(', ')} failed; overridden by @${ctx.actor}: ${verdict.override.reason}`);
    return verdict;
}
/** The PR body: the generated block merged into what the PR already says. */
async function composeBody(p, facts, plan, verdict, rotation) {
    const { deps, ctx } = p;
    const promote = p.config.promote;
    return mergeBody(plan.pr?.body, {
        owner: ctx.owner,
        repo: ctx.repo,
        serverUrl: ctx.serverUrl,
        name: p.name.given,
        branch: plan.branch,
        production: facts.production,
        staging: facts.staging,
        aheadBy: facts.aheadBy,
        commits: facts.commits,
        files: facts.files,
        filesMaybeTruncated: facts.filesMaybeTruncated,
        areas: promote.areas,
        gateRows: verdict.rows.length ? verdict.rows : undefined,
        override: verdict.override,
        migrations: await readMigrations(promote, {
            exec: deps.exec,
            workspace: ctx.workspace,
            addedFiles: facts.addedFiles,
        }),
        audit: await readAudit(promote, { exec: deps.exec, workspace: ctx.workspace }),
        rollbackCommand: promotionRollbackCommand({
            owner: ctx.owner,
            repo: ctx.repo,
            production: p.production,
            workflow: promote['rollback-workflow'],
            name: p.name.slug,
        }),
        checklist: promote.checklist,
        rotation,
        runUrl: ctx.runUrl,
        actor: ctx.actor,
    });
}
/** The writes (apply.ts), with the override recorded in a PR comment when there was one. */
function applyPromotion(p, plan, body, rotation, verdict) {
    const { deps, ctx } = p;
    const { override } = verdict;
    return applyPlan({
        gh: p.gh,
        repo: p.repo,
        logger: deps.logger,
        plan,
        body,
        production: p.production,
        staging: p.staging,
        config: p.config.promote,
        reviewer: rotation.reviewer,
        progress: deps.progress,
        override: override
            ? {
                comment: `**Pre-open gates overridden** by @${ctx.actor} in [this run](${ctx.runUrl}).\n\nReason: ${(0,untrusted_text/* untrusted */.b)(override.reason, 'inline')}\n\n${(0,report/* renderMarkdownTable */.Ij)(verdict.rows)}`,
            }
            : undefined,
    });
}

;// CONCATENATED MODULE: ./actions/open-promote-pr/src/main.ts






async function run(deps = defaultDeps()) {
    await (0,action/* runMain */.VN)('open-promote-pr', async () => {
        // Before anything else: only a request for a promotion opens one (issue #16).
        if (await (0,event_guard/* guardEvent */._p)(deps, OPEN_PROMOTE_PR_EVENTS))
            await openPromotion(deps, (0,context/* readRunContext */.$)(deps.env));
    }, deps);
}


/***/ })

};
