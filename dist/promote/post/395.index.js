export const id = 395;
export const ids = [395];
export const modules = {

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

/***/ 60:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fA: () => (/* reexport */ createOrUpdatePullRequest),
  W1: () => (/* reexport */ createOrUpdateRef),
  qE: () => (/* reexport */ resolveRef),
  CV: () => (/* reexport */ comments/* upsertIssueComment */.C),
  Mw: () => (/* reexport */ upsertReleaseByTag)
});

// UNUSED EXPORTS: createCommitStatus, createOrUpdateCheckRun, silentLogger

// EXTERNAL MODULE: ./packages/core/src/github/operation.ts
var operation = __webpack_require__(128);
// EXTERNAL MODULE: ./packages/core/src/github/request-errors.ts
var request_errors = __webpack_require__(8154);
// EXTERNAL MODULE: ./packages/core/src/github/limits.ts
var limits = __webpack_require__(9889);
;// CONCATENATED MODULE: ./packages/core/src/github/pulls.ts



async function findOpenPullRequest(gh, repo, head, base) {
    const open = await gh.paginate(gh.rest.pulls.list, {
        ...repo,
        state: 'open',
        head,
        base,
        per_page: 100,
    });
    // The lowest number is the original if anything ever opened two.
    return open.sort((a, b) => a.number - b.number)[0];
}
/**
 * One open PR from `head` into `base`: found by head (`owner:branch`) and updated, or created.
 * A create that arrived twice gets GitHub's 422 "A pull request already exists", which is
 * answered by finding and updating the one that exists.
 */
async function createOrUpdatePullRequest(gh, repo, spec, logger = operation/* silentLogger */.q) {
    const head = spec.head.includes(':') ? spec.head : `${repo.owner}:${spec.head}`;
    const body = (0,limits/* fitText */.vY)(spec.body, limits/* PULL_REQUEST_BODY_LIMIT */.L1, 'PR body');
    const update = async (existing) => {
        if (existing.title === spec.title && (existing.body ?? '') === body) {
            logger.info(`PR #${existing.number} (${head} -> ${spec.base}) is already up to date.`);
            return { pr: existing, operation: 'unchanged' };
        }
        const { data } = await gh.rest.pulls.update({
            ...repo,
            pull_number: existing.number,
            title: spec.title,
            body,
        });
        logger.info(`Updated PR #${data.number}: ${data.html_url}`);
        return { pr: data, operation: 'updated' };
    };
    const existing = await findOpenPullRequest(gh, repo, head, spec.base);
    if (existing)
        return update(existing);
    try {
        const { data } = await gh.rest.pulls.create({
            ...repo,
            head: spec.head,
            base: spec.base,
            title: spec.title,
            body,
            draft: spec.draft ?? false,
        });
        logger.info(`Opened PR #${data.number}: ${data.html_url}`);
        return { pr: data, operation: 'created' };
    }
    catch (error) {
        if (!(0,request_errors/* isAlreadyExists */.x9)(error))
            throw error;
        // Our first create landed but its response was lost (plugin-retry re-sent it), or another
        // run opened it between our look-up and our create.
        const found = await findOpenPullRequest(gh, repo, head, spec.base);
        if (!found)
            throw error;
        logger.info(`PR #${found.number} already existed (a create arrived twice); updating it.`);
        return update(found);
    }
}

// EXTERNAL MODULE: ./packages/core/src/github/comments.ts
var comments = __webpack_require__(6059);
// EXTERNAL MODULE: ./packages/core/src/github/check-runs.ts
var check_runs = __webpack_require__(5544);
// EXTERNAL MODULE: ./packages/core/src/github/statuses.ts
var statuses = __webpack_require__(9803);
;// CONCATENATED MODULE: ./packages/core/src/github/refs.ts


/** `heads/x`, `refs/heads/x` -> `{ full: 'refs/heads/x', short: 'heads/x' }`. */
function normalizeRef(ref) {
    const short = ref.replace(/^refs\//, '');
    if (!/^(heads|tags)\/./.test(short)) {
        throw new Error(`ref "${ref}" must start with heads/ or tags/ (or refs/heads/, refs/tags/).`);
    }
    return { full: `refs/${short}`, short };
}
/** The commit a ref points at, peeling an annotated tag; undefined when the ref does not exist. */
async function resolveRef(gh, repo, ref) {
    const { short } = normalizeRef(ref);
    try {
        const { data } = await gh.rest.git.getRef({ ...repo, ref: short });
        if (data.object.type === 'tag') {
            const { data: tag } = await gh.rest.git.getTag({ ...repo, tag_sha: data.object.sha });
            return tag.object.sha;
        }
        return data.object.sha;
    }
    catch (error) {
        if ((0,request_errors/* hasStatus */.Ro)(error, 404))
            return undefined;
        throw error;
    }
}
/**
 * Points `ref` at `sha`: created when missing, left alone when already there, moved otherwise.
 * A tag at another commit is an error naming both SHAs unless `force`: moving it silently
 * would rewrite what an existing release points at.
 * A create that arrived twice answers 422 "Reference already exists" and is treated as a lookup.
 */
async function createOrUpdateRef(gh, repo, ref, sha, options = {}, logger = operation/* silentLogger */.q) {
    const { full, short } = normalizeRef(ref);
    const isTag = short.startsWith('tags/');
    const reconcile = async (current) => {
        if (current === sha) {
            logger.info(`${full} already points at ${sha.slice(0, 7)}.`);
            return { operation: 'unchanged', ref: full, sha };
        }
        if (isTag && !options.force) {
            throw new Error(`${full} already exists at ${current}, not at ${sha}. A tag is never moved silently: delete it or choose another version.`);
        }
        try {
            await gh.rest.git.updateRef({ ...repo, ref: short, sha, force: options.force ?? false });
        }
        catch (error) {
            if ((0,request_errors/* hasStatus */.Ro)(error, 422)) {
                throw new Error(`could not move ${full} from ${current} to ${sha}: ${(0,request_errors/* describeGitHubError */.dZ)(error)} (not a fast-forward? pass force only if rewriting it is intended).`);
            }
            throw error;
        }
        logger.info(`Moved ${full} from ${current.slice(0, 7)} to ${sha.slice(0, 7)}.`);
        return { operation: 'updated', ref: full, sha, previousSha: current };
    };
    const current = await resolveRef(gh, repo, full);
    if (current !== undefined)
        return reconcile(current);
    try {
        await gh.rest.git.createRef({ ...repo, ref: full, sha });
        logger.info(`Created ${full} at ${sha.slice(0, 7)}.`);
        return { operation: 'created', ref: full, sha };
    }
    catch (error) {
        if (!(0,request_errors/* isAlreadyExists */.x9)(error))
            throw error;
        const now = await resolveRef(gh, repo, full);
        if (now === undefined)
            throw error;
        if (now === sha) {
            // Our create landed; its response did not (or another run made the same ref).
            logger.info(`Created ${full} at ${sha.slice(0, 7)} (the create arrived twice).`);
            return { operation: 'created', ref: full, sha };
        }
        return reconcile(now);
    }
}

;// CONCATENATED MODULE: ./packages/core/src/github/releases.ts



/**
 * The release for `tag`. `GET /releases/tags/{tag}` does not return drafts, so drafts are looked up
 * in the release list; drafts may share a tag, so a duplicate draft from a retried create is
 * deleted (the oldest stays).
 */
async function findReleases(gh, repo, tag) {
    try {
        const { data } = await gh.rest.repos.getReleaseByTag({ ...repo, tag });
        return [data];
    }
    catch (error) {
        if (!(0,request_errors/* hasStatus */.Ro)(error, 404))
            throw error;
    }
    const all = await gh.paginate(gh.rest.repos.listReleases, { ...repo, per_page: 100 });
    return all.filter((r) => r.tag_name === tag).sort((a, b) => a.id - b.id);
}
async function upsertReleaseByTag(gh, repo, spec, logger = operation/* silentLogger */.q) {
    const body = (0,limits/* fitText */.vY)(spec.body, limits/* RELEASE_BODY_LIMIT */.fS, 'release notes');
    const fields = {
        tag_name: spec.tag,
        name: spec.name,
        body,
        draft: spec.draft ?? false,
        prerelease: spec.prerelease ?? false,
        ...(spec.makeLatest !== undefined
            ? { make_latest: String(spec.makeLatest) }
            : {}),
    };
    const reconcile = async (found, created) => {
        const [keep, ...extras] = found;
        if (!keep)
            throw new Error(`release for ${spec.tag} vanished while being written; re-run.`);
        for (const extra of extras.filter((r) => r.draft)) {
            await gh.rest.repos
                .deleteRelease({ ...repo, release_id: extra.id })
                .catch((error) => {
                if (!(0,request_errors/* hasStatus */.Ro)(error, 404))
                    throw error;
            });
            logger.info(`Deleted duplicate draft release ${extra.id} for ${spec.tag}.`);
        }
        const same = keep.name === fields.name &&
            (keep.body ?? '') === body &&
            keep.draft === fields.draft &&
            keep.prerelease === fields.prerelease &&
            spec.makeLatest === undefined;
        if (same) {
            if (!created)
                logger.info(`Release ${spec.tag} is already up to date: ${keep.html_url}`);
            return { release: keep, operation: created ? 'created' : 'unchanged' };
        }
        const { data } = await gh.rest.repos.updateRelease({ ...repo, release_id: keep.id, ...fields });
        logger.info(`Updated release ${spec.tag}: ${data.html_url}`);
        return { release: data, operation: created ? 'created' : 'updated' };
    };
    const existing = await findReleases(gh, repo, spec.tag);
    if (existing.length)
        return reconcile(existing, false);
    try {
        const { data } = await gh.rest.repos.createRelease({
            ...repo,
            ...fields,
            ...(spec.targetCommitish ? { target_commitish: spec.targetCommitish } : {}),
        });
        logger.debug(`Created release ${spec.tag}: ${data.html_url}`); // the caller logs the outcome
        if (!data.draft)
            return { release: data, operation: 'created' };
        // Drafts can share a tag: make sure a retried create did not leave two.
        const after = await findReleases(gh, repo, spec.tag);
        return reconcile(after.length ? after : [data], true);
    }
    catch (error) {
        if (!(0,request_errors/* isAlreadyExists */.x9)(error))
            throw error;
        logger.info(`Release ${spec.tag} already existed (a create arrived twice); updating it.`);
        return reconcile(await findReleases(gh, repo, spec.tag), false);
    }
}

;// CONCATENATED MODULE: ./packages/core/src/github/upsert.ts
// Create-or-update helpers: each tolerates "already exists" (422) and a create that arrived
// twice (plugin-retry re-sends a POST after a transport error:
// https://github.com/octokit/plugin-retry.js#readme).









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
