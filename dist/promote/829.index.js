export const id = 829;
export const ids = [829];
export const modules = {

/***/ 9829:
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
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/core/src/config/load.ts + 1 modules
var load = __webpack_require__(703);
// EXTERNAL MODULE: ./packages/core/src/context.ts
var context = __webpack_require__(762);
// EXTERNAL MODULE: ./packages/core/src/errors.ts
var errors = __webpack_require__(7638);
;// CONCATENATED MODULE: ./actions/tag-release/src/event-policy.ts
/**
 * A release records what production runs: a merged PR's merge commit, a push to the production
 * branch, or a dispatch from it (or naming the `sha`). A tag push (tag-release's own tags among
 * them) or a deletion is not a release.
 */
const TAG_RELEASE_EVENTS = {
    action: 'tag-release',
    accepts: ['merged-pull-request', 'production-push', 'workflow-dispatch'],
    dispatch: 'production-or-sha',
};

// EXTERNAL MODULE: ./packages/core/src/github/compare.ts
var compare = __webpack_require__(7574);
// EXTERNAL MODULE: ./packages/core/src/github/request-errors.ts
var request_errors = __webpack_require__(8154);
;// CONCATENATED MODULE: ./actions/tag-release/src/github-history.ts


/**
 * ReleaseHistory through the REST API. Requests for a release with N commits since the last tag
 * and T tags: ceil(T/100) tag pages + one compare per ancestry check (highest first, usually 1)
 * + ceil(N/100) compare pages, followed through the Link header (+ one per PR when labels
 * decide the bump).
 */
function githubReleaseHistory(gh, repo) {
    return {
        async listTags() {
            // repos.listTags gives the peeled commit SHA of annotated tags, so no per-tag lookup.
            const tags = await gh.paginate(gh.rest.repos.listTags, { ...repo, per_page: 100 });
            return tags.map((t) => ({ name: t.name, sha: t.commit.sha }));
        },
        isAncestor(ancestorSha, targetSha) {
            return (0,compare/* isAncestorOf */.rd)(gh, repo, ancestorSha, targetSha);
        },
        async commitsBetween(baseSha, targetSha) {
            const out = [];
            if (baseSha === null) {
                const all = await gh.paginate(gh.rest.repos.listCommits, {
                    ...repo,
                    sha: targetSha,
                    per_page: 100,
                });
                for (const c of all)
                    out.push({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) });
                return out;
            }
            const { commits } = await (0,compare/* compareCommits */.kC)(gh, repo, baseSha, targetSha);
            for (const c of commits)
                out.push({ sha: c.sha, message: c.message, parents: c.parents });
            return out;
        },
        async pullRequestLabels(numbers) {
            const out = new Map();
            for (const n of numbers) {
                try {
                    const { data } = await gh.rest.issues.get({ ...repo, issue_number: n });
                    out.set(n, data.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean));
                }
                catch (error) {
                    // "(#123)" in a message may name an issue of another repository or a deleted PR.
                    if ((0,request_errors/* hasStatus */.Ro)(error, 404) || (0,request_errors/* hasStatus */.Ro)(error, 410))
                        continue;
                    throw error;
                }
            }
            return out;
        },
    };
}

;// CONCATENATED MODULE: ./actions/tag-release/src/git-history.ts
/** Commits per `git log` call: keeps each output far below exec's 16 MiB capture. */
const LOG_CHUNK = 2000;
/**
 * ReleaseHistory read from a full clone (actions/checkout with fetch-depth: 0): no API requests
 * for tags, ancestry or commits. PR labels still come from the API (`labels`). Every git call is
 * an argv array; nothing from a commit message reaches a command line.
 */
function gitReleaseHistory(exec, dir, labels) {
    const git = async (args, allow = [0], input) => {
        const r = await exec(['git', ...args], {
            cwd: dir,
            input,
            silent: true,
            allowFailure: true,
            timeoutMs: 120_000,
        });
        if (!allow.includes(r.exitCode)) {
            throw new Error(`git ${args[0]} failed (exit ${r.exitCode}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
        }
        return r;
    };
    return {
        async listTags() {
            const { stdout } = await git([
                'for-each-ref',
                'refs/tags',
                '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)',
            ]);
            return stdout
                .split('\n')
                .filter(Boolean)
                .map((line) => {
                const [name = '', sha = '', peeled = ''] = line.split('\0');
                return { name, sha: peeled || sha };
            });
        },
        async isAncestor(ancestorSha, targetSha) {
            const r = await git(['merge-base', '--is-ancestor', ancestorSha, targetSha], [0, 1]);
            return r.exitCode === 0;
        },
        async commitsBetween(baseSha, targetSha) {
            const range = baseSha ? [targetSha, `^${baseSha}`] : [targetSha];
            // One walk of the range for the SHAs, then their messages by SHA in chunks on stdin (keeps
            // each output far below exec's capture). Paging `git log` with --skip re-walked every
            // earlier commit per page; SHAs as argv cost git a lookup per argument.
            const shas = (await git(['rev-list', ...range, '--'])).stdout.split('\n').filter(Boolean);
            const out = [];
            for (let i = 0; i < shas.length; i += LOG_CHUNK) {
                const { stdout } = await git(['log', '--no-walk=unsorted', '--stdin', '-z', '--format=%H%x1f%P%x1f%B'], [0], shas.slice(i, i + LOG_CHUNK).join('\n') + '\n');
                for (const rec of stdout.split('\0')) {
                    if (!rec)
                        continue;
                    const [sha = '', parents = '', message = ''] = rec.split('\x1f');
                    out.push({
                        sha: sha.trim(),
                        parents: parents.split(' ').filter(Boolean),
                        message: message.trimEnd(),
                    });
                }
            }
            if (out.length !== shas.length)
                throw new Error(`git log returned ${out.length} commits, expected ${shas.length}`);
            return out;
        },
        pullRequestLabels: labels,
    };
}
/**
 * Whether `dir` is a full clone that holds `targetSha`: a shallow clone (checkout's default
 * fetch-depth: 1) lacks the history and the tags, so the API is used instead.
 */
async function canReadHistoryFrom(exec, dir, targetSha) {
    const opts = { cwd: dir, silent: true, allowFailure: true, timeoutMs: 30_000 };
    const inside = await exec(['git', 'rev-parse', '--is-inside-work-tree'], opts).catch(() => undefined);
    if (!inside || inside.exitCode !== 0)
        return { ok: false, why: 'no git checkout in the workspace' };
    const shallow = await exec(['git', 'rev-parse', '--is-shallow-repository'], opts);
    if (shallow.stdout.trim() !== 'false')
        return { ok: false, why: 'the checkout is shallow (use fetch-depth: 0)' };
    const has = await exec(['git', 'cat-file', '-e', `${targetSha}^{commit}`], opts);
    if (has.exitCode !== 0)
        return { ok: false, why: `the checkout does not contain ${targetSha}` };
    return { ok: true, why: 'full clone' };
}

// EXTERNAL MODULE: ./packages/core/src/inputs.ts
var inputs = __webpack_require__(7276);
;// CONCATENATED MODULE: ./actions/tag-release/src/inputs.ts


function readInputs(io) {
    const sha = (0,inputs/* getOptionalInput */.lI)(io, 'sha');
    if (sha !== undefined && !/^[0-9a-f]{40}$/i.test(sha)) {
        throw new errors/* ConfigurationError */.j1(`input "sha" must be a full 40-character commit SHA, got ${JSON.stringify(sha)}`);
    }
    const bumpRaw = (0,inputs/* getOptionalInput */.lI)(io, 'bump');
    const bump = bumpRaw === undefined
        ? undefined
        : (0,inputs/* getChoiceInput */.KE)(io, 'bump', ['major', 'minor', 'patch'], 'patch');
    const version = (0,inputs/* getOptionalInput */.lI)(io, 'version')?.replace(/^v(?=\d)/, '');
    const seal = (0,inputs/* getOptionalInput */.lI)(io, 'seal');
    if (seal !== undefined && !['green', 'red'].includes(seal.toLowerCase())) {
        throw new errors/* ConfigurationError */.j1(`input "seal" must be green or red (prod-smoke-seal's seal output), got ${JSON.stringify(seal)}`);
    }
    return {
        token: (0,inputs/* getOptionalInput */.lI)(io, 'token') ?? '',
        config: (0,inputs/* getOptionalInput */.lI)(io, 'config') ?? '.github/promotion.yml',
        sha: sha?.toLowerCase(),
        version,
        bump,
        prerelease: (0,inputs/* getOptionalInput */.lI)(io, 'prerelease'),
        tagPrefix: (0,inputs/* getOptionalInput */.lI)(io, 'tag-prefix'),
        changelogMode: (0,inputs/* getOptionalInput */.lI)(io, 'changelog-mode'),
        seal: seal?.toLowerCase(),
        sealSummary: (0,inputs/* getOptionalInput */.lI)(io, 'seal-summary'),
        deploymentUrl: (0,inputs/* getOptionalInput */.lI)(io, 'deployment-url'),
        rollbackWorkflow: (0,inputs/* getOptionalInput */.lI)(io, 'rollback-workflow'),
        history: (0,inputs/* getChoiceInput */.KE)(io, 'history', ['auto', 'api', 'git'], 'auto'),
        dryRun: (0,inputs/* getBooleanInput */.Vt)(io, 'dry-run', false),
    };
}

// EXTERNAL MODULE: ./packages/core/src/rollback-command.ts
var rollback_command = __webpack_require__(4265);
// EXTERNAL MODULE: ./packages/core/src/github/upsert.ts + 3 modules
var upsert = __webpack_require__(60);
;// CONCATENATED MODULE: ./actions/tag-release/src/annotated-tag.ts


/** The tag exists on another commit (another run took the version, or a wrong tag). */
class TagTakenError extends Error {
    tag;
    at;
    constructor(tag, 
    /** The commit the tag is on. */
    at, message) {
        super(message);
        this.tag = tag;
        this.at = at;
        this.name = 'TagTakenError';
    }
}
/**
 * Annotated tag `tag` on `targetSha` (the merge commit): POST git/tags, then POST git/refs.
 * Already at the same commit: nothing to do. At another commit: fail and name both SHAs.
 */
async function createAnnotatedTag(deps, req) {
    const { gh, repo, logger } = deps;
    const ref = `tags/${req.tag}`;
    const check = (current) => {
        if (current === req.targetSha) {
            logger.info(`Tag ${req.tag} already points at ${req.targetSha}; nothing to do.`);
            return { outcome: 'unchanged' };
        }
        throw new TagTakenError(req.tag, current, `tag ${req.tag} already exists at ${current}, but this release is ${req.targetSha}. A tag is never moved: ` +
            'delete the tag if it is wrong, or release another version (input `version`).');
    };
    const existing = await (0,upsert/* resolveRef */.qE)(gh, repo, ref);
    if (existing)
        return check(existing);
    // A retried POST git/tags may leave a second, unreferenced tag object: harmless, only the ref counts.
    const { data: tagObject } = await gh.rest.git.createTag({
        ...repo,
        tag: req.tag,
        message: req.message,
        object: req.targetSha,
        type: 'commit',
    });
    try {
        await gh.rest.git.createRef({ ...repo, ref: `refs/${ref}`, sha: tagObject.sha });
    }
    catch (error) {
        if (!(0,request_errors/* isAlreadyExists */.x9)(error))
            throw error;
        const now = await (0,upsert/* resolveRef */.qE)(gh, repo, ref);
        if (!now)
            throw error;
        // Our create landed and its response was lost, or another run tagged the same commit.
        return check(now);
    }
    logger.debug(`Created annotated tag ${req.tag} at ${req.targetSha}.`); // ship logs the outcome
    return { outcome: 'created', tagObjectSha: tagObject.sha };
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
// EXTERNAL MODULE: ./packages/core/src/untrusted-text.ts
var untrusted_text = __webpack_require__(2779);
// EXTERNAL MODULE: ./packages/core/src/config/sections/release.ts
var release = __webpack_require__(6356);
// EXTERNAL MODULE: ./packages/core/src/commits.ts
var src_commits = __webpack_require__(9411);
;// CONCATENATED MODULE: ./actions/tag-release/src/changelog.ts




/** `## [2.7.0] - 2026-11-22` then `### Added` / `### Changed` / ... in Keep a Changelog order. */
function renderChangelogSection(input) {
    const groups = new Map();
    for (const c of input.commits) {
        if (c.status !== 'counted' || !c.heading)
            continue;
        const p = c.parsed;
        const scope = p.scope ? `**${(0,untrusted_text/* untrusted */.b)(p.scope, 'inline')}:** ` : '';
        const breaking = p.breaking ? '**BREAKING** ' : '';
        const subject = (0,untrusted_text/* untrusted */.b)((0,src_commits/* subjectWithoutPullRequest */.Z7)(p.subject), 'inline');
        const link = p.pullRequest
            ? `([#${p.pullRequest}](${input.repoUrl}/pull/${p.pullRequest}))`
            : `([${c.sha.slice(0, 7)}](${input.repoUrl}/commit/${c.sha}))`;
        const notes = p.notes
            .filter((n) => /^BREAKING[ -]CHANGE$/i.test(n.title) && n.text.trim() && n.text.trim() !== p.subject)
            .map((n) => `: ${(0,untrusted_text/* untrusted */.b)(n.text, 'inline')}`)
            .join('');
        const line = `- ${breaking}${scope}${subject} ${link}${notes}`;
        const list = groups.get(c.heading);
        if (list)
            list.push(line);
        else
            groups.set(c.heading, [line]);
    }
    const parts = [`## [${input.version}] - ${input.date}`];
    for (const heading of release/* CHANGELOG_HEADINGS */.b) {
        const lines = groups.get(heading);
        if (lines?.length)
            parts.push(`### ${heading}\n\n${lines.join('\n')}`);
    }
    if (parts.length === 1)
        parts.push('_No user-facing changes._');
    return `${parts.join('\n\n')}\n`;
}
const NEW_FILE_HEADER = '# Changelog\n\nAll notable changes to this project are documented in this file.\n\n' +
    'The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\n' +
    'and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n\n' +
    '## [Unreleased]\n';
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** True when the changelog already has a section for `version` (a re-run: nothing to write). */
function hasVersionSection(content, version) {
    return new RegExp(`^##\\s+\\[?${escapeRegExp(version)}\\]?(\\s|$)`, 'm').test(content);
}
/** The section for `version` from an existing changelog, or null. */
function extractVersionSection(content, version) {
    const m = new RegExp(`^##\\s+\\[?${escapeRegExp(version)}\\]?(?:\\s.*)?$`, 'm').exec(content);
    if (!m)
        return null;
    const rest = content.slice(m.index);
    const next = rest.slice(m[0].length).search(/^## |^\[[^\]\n]+\]:\s/m);
    return `${(next === -1 ? rest : rest.slice(0, m[0].length + next)).trimEnd()}\n`;
}
/**
 * The changelog with the section inserted: after the `## [Unreleased]` block if there is one (its
 * hand-written notes stay where they are), else before the newest version, else at the end. The
 * compare link goes with the other link definitions at the bottom, and `[Unreleased]` is moved to
 * compare from the new tag. Idempotent: a changelog that already has the version is returned as is.
 */
function insertChangelogSection(existing, input) {
    const original = existing ?? '';
    if (existing !== null && hasVersionSection(existing, input.version))
        return { content: existing, changed: false };
    let text = existing === null || !existing.trim() ? NEW_FILE_HEADER : existing.replace(/\r\n/g, '\n');
    if (!text.endsWith('\n'))
        text += '\n';
    // Split off the trailing block of link reference definitions.
    const lines = text.split('\n');
    let linkStart = lines.length;
    for (let i = lines.length - 1; i >= 0; i--) {
        const l = lines[i];
        if (l.trim() === '')
            continue;
        if (/^\[[^\]]+\]:\s*\S/.test(l))
            linkStart = i;
        else
            break;
    }
    const body = lines.slice(0, linkStart).join('\n').replace(/\n+$/, '\n');
    let links = lines.slice(linkStart).filter((l) => l.trim() !== '');
    const section = input.section.trimEnd() + '\n';
    const unreleased = /^## \[?unreleased\]?.*$/im.exec(body);
    let newBody;
    // Newest first: the section goes before the first lower version. Two releases finishing out of
    // order (a later merge's release wrote its section first) still read newest first.
    const versions = [...body.matchAll(/^## \[?(\d+\.\d+\.\d+[^\]\s]*)/gm)].filter((m) => (!unreleased || m.index > unreleased.index) && semver_default().valid(m[1]));
    const lower = versions.find((m) => semver_default().lt(m[1], input.version));
    const newest = lower === versions[0];
    if (lower) {
        newBody = `${body.slice(0, lower.index)}${section}\n${body.slice(lower.index)}`;
    }
    else if (versions.length) {
        // Older than every section there: the end of the list.
        newBody = `${body.replace(/\n*$/, '\n')}\n${section}`;
    }
    else if (unreleased) {
        // Unreleased is the last section: append after it.
        newBody = `${body.replace(/\n*$/, '\n')}\n${section}`;
    }
    else {
        const firstH2 = /^## /m.exec(body);
        newBody = firstH2
            ? `${body.slice(0, firstH2.index)}${section}\n${body.slice(firstH2.index)}`
            : `${body.replace(/\n*$/, '\n')}\n${section}`;
    }
    const compare = input.previousTag
        ? `${input.repoUrl}/compare/${input.previousTag}...${input.tag}`
        : `${input.repoUrl}/releases/tag/${input.tag}`;
    const versionLink = `[${input.version}]: ${compare}`;
    const unreleasedIdx = links.findIndex((l) => /^\[unreleased\]:/i.test(l));
    if (newest && (unreleasedIdx !== -1 || unreleased)) {
        const line = `[Unreleased]: ${input.repoUrl}/compare/${input.tag}...HEAD`;
        if (unreleasedIdx !== -1)
            links[unreleasedIdx] = line;
        else
            links = [line, ...links];
    }
    const at = links.findIndex((l) => !/^\[unreleased\]:/i.test(l));
    if (at === -1)
        links.push(versionLink);
    else
        links.splice(at, 0, versionLink);
    const content = `${newBody.replace(/\n*$/, '\n')}\n${links.join('\n')}\n`;
    return { content, changed: content !== original };
}
/** Today's date as Keep a Changelog writes it (UTC). */
function changelogDate(now) {
    return now.toISOString().slice(0, 10);
}

;// CONCATENATED MODULE: ./actions/tag-release/src/release-draft.ts

/** The release of `version` as `tag`. Pure: the date comes in as the changelog's date. */
function draftRelease(decision, release, where, inputs) {
    const { tag, version, targetSha } = release;
    const section = renderChangelogSection({
        version,
        date: release.date,
        commits: decision.analysis.commits,
        repoUrl: where.repoUrl,
    });
    return {
        decision,
        tag,
        version,
        targetSha,
        section,
        links: {
            repoUrl: where.repoUrl,
            tag,
            previousTag: decision.previous?.tag ?? null,
            runUrl: where.runUrl,
            deploymentUrl: inputs.deploymentUrl,
        },
        seal: { seal: inputs.seal, summary: inputs.sealSummary },
    };
}

;// CONCATENATED MODULE: ./actions/tag-release/src/last-release.ts

/** Tags named `<prefix><semver>`, highest version first. Other tags are ignored. */
function releaseTags(tags, prefix) {
    const out = [];
    for (const t of tags) {
        if (!t.name.startsWith(prefix))
            continue;
        const rest = t.name.slice(prefix.length);
        // Strict: "v1.2" or "v1.2.3.4" are not release tags; semver.valid would also accept "=1.2.3".
        if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(rest))
            continue;
        const version = semver_default().valid(rest);
        if (version)
            out.push({ tag: t.name, version, sha: t.sha });
    }
    return out.sort((a, b) => semver_default().rcompare(a.version, b.version) || a.tag.localeCompare(b.tag));
}
/**
 * The last releases reachable from the target: every tag (all pages), highest semver first,
 * checking ancestry from the top and stopping at the first reachable stable one. Never "newest by
 * date" (a hotfix tag on an old branch is newer) and never "first 100" (listTags pages).
 */
async function findLastReleases(history, options) {
    const candidates = releaseTags(await history.listTags(), options.prefix);
    const reachable = new Map();
    let checks = 0;
    const isReachable = async (sha) => {
        const known = reachable.get(sha);
        if (known !== undefined)
            return known;
        checks++;
        const yes = await history.isAncestor(sha, options.targetSha);
        reachable.set(sha, yes);
        return yes;
    };
    let latest = null;
    let stable = null;
    // Unreachable tags above the last release: normally none (a hotfix line may have some).
    const above = [];
    for (const c of candidates) {
        // Tags at the target itself are this run's own (a re-run): the previous release is below them.
        if (c.sha === options.targetSha)
            continue;
        if (!(await isReachable(c.sha))) {
            if (!latest)
                above.push(c);
            continue;
        }
        latest ??= c;
        if (!semver_default().prerelease(c.version)) {
            stable = c;
            break;
        }
    }
    const atTarget = candidates.filter((c) => c.sha === options.targetSha);
    let coveredBy = null;
    if (!atTarget.length) {
        // Lowest first: the first release that shipped the target.
        for (const c of [...above].reverse()) {
            checks++;
            if (await history.isAncestor(options.targetSha, c.sha)) {
                coveredBy = c;
                break;
            }
        }
    }
    return { latest, stable, atTarget, coveredBy, checks };
}

;// CONCATENATED MODULE: ./actions/tag-release/src/history.ts
/**
 * What tag-release reads about the repository, as a port: the GitHub adapter (github-history.ts)
 * answers through the REST API; tests and benches hand in one backed by a real git repository.
 */
/**
 * Commits ordered so every commit comes after its parents (oldest first), whatever order the
 * source returned: GitHub's compare sorts by date, which clock skew and rebases make unreliable.
 */
function orderTopologically(commits) {
    const bySha = new Map(commits.map((c) => [c.sha, c]));
    const pending = new Map();
    const children = new Map();
    for (const c of commits) {
        let n = 0;
        for (const p of c.parents) {
            if (!bySha.has(p))
                continue;
            n++;
            const list = children.get(p);
            if (list)
                list.push(c.sha);
            else
                children.set(p, [c.sha]);
        }
        pending.set(c.sha, n);
    }
    const ready = commits.filter((c) => pending.get(c.sha) === 0).map((c) => c.sha);
    const out = [];
    // A stack keeps a branch's commits together (like git log --topo-order, reversed).
    while (ready.length > 0) {
        const sha = ready.pop();
        out.push(bySha.get(sha));
        for (const child of children.get(sha) ?? []) {
            const left = (pending.get(child) ?? 1) - 1;
            pending.set(child, left);
            if (left === 0)
                ready.push(child);
        }
    }
    return out.length === commits.length ? out : commits;
}

;// CONCATENATED MODULE: ./actions/tag-release/src/version.ts



const RANK = { none: 0, patch: 1, minor: 2, major: 3 };
function maxBump(a, b) {
    return RANK[a] >= RANK[b] ? a : b;
}
/**
 * The bump each commit asks for: a breaking change (`!`, BREAKING CHANGE footer) major, `feat`
 * minor, any other type that the changelog shows (fix, perf, refactor, security, a revert of an
 * already released commit...) patch; hidden types (docs, chore, ci, test...) nothing.
 */
function commitBump(parsed, sections) {
    if (parsed.breaking)
        return 'major';
    if (!parsed.type)
        return 'none';
    if (parsed.type === 'feat')
        return 'minor';
    const heading = sections[parsed.type];
    return heading && heading !== 'hidden' ? 'patch' : 'none';
}
function commitHeading(parsed, sections) {
    if (!parsed.type)
        return parsed.breaking ? 'Changed' : null;
    const heading = sections[parsed.type];
    if (heading && heading !== 'hidden')
        return heading;
    // A breaking change is always worth a line, whatever its type.
    return parsed.breaking ? 'Changed' : null;
}
/**
 * Parse the commits since the last release and decide the bump.
 *
 * Reverts: processed newest first, so a revert that is itself reverted does nothing. A revert
 * whose target is in this range cancels it (a feature added and reverted since the last release
 * never shipped: no bump, no changelog line). A revert of a commit from before the last release
 * (no target in range) removes something that shipped: a patch-level change, listed as Removed.
 *
 * Merges: when a "Merge pull request #12" commit carries a conventional PR title, the changelog
 * lists the title once and the branch commits it brought in are `covered-by-merge`; they still
 * count for the bump so a BREAKING CHANGE footer in a branch commit is never lost.
 */
function analyzeCommits(input, sections) {
    const ordered = orderTopologically(input);
    const parsed = ordered.map((c) => ({ commit: c, parsed: (0,src_commits/* parseCommitMessage */.o7)(c.message) }));
    const status = new Map();
    // Revert targets: by SHA (full or abbreviated), else by header among older commits in range.
    const shas = ordered.map((c) => c.sha);
    const findBySha = (hash) => {
        const h = hash.toLowerCase();
        return h.length === 40 ? shas.find((s) => s === h) : shas.find((s) => s.startsWith(h));
    };
    for (let i = parsed.length - 1; i >= 0; i--) {
        const { commit, parsed: p } = parsed[i];
        if (status.has(commit.sha) || !p.revert)
            continue;
        let target;
        if (p.revert.hash)
            target = findBySha(p.revert.hash);
        // Header matching only when the message names no SHA: a SHA outside the range means the
        // reverted commit already shipped, even if a later commit repeats its header.
        if (!p.revert.hash && p.revert.header) {
            for (let j = i - 1; j >= 0; j--) {
                const older = parsed[j];
                if (!status.has(older.commit.sha) && sameHeader(older.parsed.header, p.revert.header)) {
                    target = older.commit.sha;
                    break;
                }
            }
        }
        if (target && target !== commit.sha && !status.has(target)) {
            status.set(target, 'reverted');
            status.set(commit.sha, 'cancelling-revert');
        }
    }
    markCoveredByMerges(parsed, status);
    let bump = 'none';
    const counts = { breaking: 0, features: 0, fixes: 0, other: 0 };
    const commits = parsed.map(({ commit, parsed: p }) => {
        const s = status.get(commit.sha) ?? 'counted';
        const b = s === 'counted' || s === 'covered-by-merge' ? commitBump(p, sections) : 'none';
        bump = maxBump(bump, b);
        if (s === 'counted') {
            if (p.breaking)
                counts.breaking++;
            if (p.type === 'feat')
                counts.features++;
            else if (p.type === 'fix' || p.type === 'perf')
                counts.fixes++;
            else if (b !== 'none')
                counts.other++;
        }
        return {
            sha: commit.sha,
            parsed: p,
            status: s,
            bump: b,
            heading: s === 'counted' ? commitHeading(p, sections) : null,
        };
    });
    return { commits, bump, counts };
}
function sameHeader(a, b) {
    const norm = (s) => s.replace(/\s*\(#\d+\)\s*$/, '').trim();
    return norm(a) === norm(b);
}
function markCoveredByMerges(parsed, status) {
    const bySha = new Map(parsed.map((p) => [p.commit.sha, p]));
    // A reverted merge takes its branch commits with it; a conventional PR title stands for them.
    const merges = parsed.filter((p) => p.commit.parents.length > 1 &&
        (status.get(p.commit.sha) === 'reverted' || (p.parsed.merge && p.parsed.type)));
    if (merges.length === 0)
        return;
    // The first-parent chain of each merge is the production branch itself; walk the side parents.
    const mainline = new Set();
    const tip = parsed[parsed.length - 1];
    for (let sha = tip?.commit.sha; sha && bySha.has(sha); sha = bySha.get(sha)?.commit.parents[0]) {
        mainline.add(sha);
    }
    for (const m of merges) {
        const mark = status.get(m.commit.sha) === 'reverted' ? 'reverted' : 'covered-by-merge';
        const stack = m.commit.parents.slice(1);
        while (stack.length > 0) {
            const sha = stack.pop();
            const c = bySha.get(sha);
            if (!c || mainline.has(sha) || status.has(sha))
                continue;
            status.set(sha, mark);
            stack.push(...c.commit.parents);
        }
    }
}
/** Bump from release labels on the merged PRs: the highest wins; PRs without one count as patch. */
function bumpFromLabels(labelsByPr, labels) {
    let bump = 'none';
    for (const names of labelsByPr.values()) {
        const set = new Set(names.map((n) => n.toLowerCase()));
        const b = set.has(labels.major.toLowerCase())
            ? 'major'
            : set.has(labels.minor.toLowerCase())
                ? 'minor'
                : 'patch';
        bump = maxBump(bump, b);
    }
    return bump;
}
/**
 * The next version. 0.x: a breaking change bumps the minor unless major-on-zero. Prereleases:
 * `2.7.0-rc.0`, then `2.7.0-rc.1` while the stable target stays 2.7.0; a stable release after
 * release candidates takes their version (never goes backwards). Returns null when nothing to release.
 */
function nextVersion(input) {
    if (input.bump === 'none')
        return null;
    let bump = input.bump;
    let mainTarget;
    if (!input.stable) {
        mainTarget = semver_default().valid(semver_default().coerce(input.firstVersion)) ?? '0.1.0';
    }
    else {
        if (bump === 'major' && semver_default().major(input.stable) === 0 && !input.majorOnZero)
            bump = 'minor';
        mainTarget = semver_default().inc(input.stable, bump);
    }
    // Release candidates already cut for a higher version: continue from them, never backwards.
    if (input.latest && semver_default().prerelease(input.latest)) {
        const latestMain = `${semver_default().major(input.latest)}.${semver_default().minor(input.latest)}.${semver_default().patch(input.latest)}`;
        if (semver_default().gt(latestMain, mainTarget))
            mainTarget = latestMain;
    }
    if (!input.prerelease)
        return { version: mainTarget, effectiveBump: bump };
    const id = input.prerelease;
    if (input.latest && semver_default().prerelease(input.latest)) {
        const pre = semver_default().prerelease(input.latest) ?? [];
        const latestMain = `${semver_default().major(input.latest)}.${semver_default().minor(input.latest)}.${semver_default().patch(input.latest)}`;
        if (latestMain === mainTarget && pre[0] === id) {
            return { version: semver_default().inc(input.latest, 'prerelease', id), effectiveBump: bump };
        }
    }
    const candidate = `${mainTarget}-${id}.0`;
    // 2.7.0-beta.3 then "rc": 2.7.0-rc.0 sorts above it (semver compares identifiers); if not, bump on.
    if (input.latest && !semver_default().gt(candidate, input.latest)) {
        return { version: semver_default().inc(input.latest, 'prerelease', id), effectiveBump: bump };
    }
    return { version: candidate, effectiveBump: bump };
}
/** "minor (2 features, 3 fixes)" for the log line. */
function describeBump(bump, counts) {
    const parts = [];
    const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
    if (counts.breaking)
        parts.push(plural(counts.breaking, 'breaking change', 'breaking changes'));
    if (counts.features)
        parts.push(plural(counts.features, 'feature', 'features'));
    if (counts.fixes)
        parts.push(plural(counts.fixes, 'fix', 'fixes'));
    if (counts.other)
        parts.push(plural(counts.other, 'other change', 'other changes'));
    return parts.length ? `${bump} (${parts.join(', ')})` : bump;
}

;// CONCATENATED MODULE: ./actions/tag-release/src/release-plan.ts




/**
 * Decide the next version from facts read once: tags (all pages), ancestry, commits since the
 * last release, and PR labels when configured. Pure apart from `history` reads.
 */
async function decideVersion(history, req) {
    checkVersionRequest(req);
    const last = await findLastReleases(history, {
        prefix: req.config['tag-prefix'],
        targetSha: req.targetSha,
    });
    const alreadyTagged = last.atTarget[0];
    if (alreadyTagged && !req.version)
        return alreadyTaggedDecision(history, req, last, alreadyTagged);
    if (last.coveredBy && !req.version)
        return coveredDecision(history, req, last, last.coveredBy);
    return nextReleaseDecision(history, req, last);
}
/** An explicit version must be semver; version-source input needs a version or a bump. */
function checkVersionRequest(req) {
    if (req.version !== undefined && !semver_default().valid(req.version)) {
        throw new errors/* ConfigurationError */.j1(`version: "${req.version}" is not a semantic version; use e.g. 2.7.0 or 2.7.0-rc.0 (no prefix).`);
    }
    if (req.config['version-source'] === 'input' && !req.version && !req.bump) {
        throw new errors/* ConfigurationError */.j1('release.version-source is "input" but neither the `version` nor the `bump` input is set; pass one (e.g. bump: minor).');
    }
}
/** A release tag already sits on the target (a re-run): that version, with its notes. */
async function alreadyTaggedDecision(history, req, last, alreadyTagged) {
    const isPre = semver_default().prerelease(alreadyTagged.version) !== null;
    const previous = isPre ? last.latest : last.stable;
    const analysis = analyzeCommits(await history.commitsBetween(previous?.sha ?? null, req.targetSha), req.config.sections);
    return {
        status: 'already-tagged',
        targetSha: req.targetSha,
        previous,
        currentVersion: previous?.version ?? null,
        version: alreadyTagged.version,
        tag: alreadyTagged.tag,
        prerelease: isPre,
        bump: analysis.bump,
        bumpDescription: describeBump(analysis.bump, analysis.counts),
        analysis,
        source: 'commits',
    };
}
/** A later commit containing the target is already tagged: the target shipped in `covering`. */
async function coveredDecision(history, req, last, covering) {
    const analysis = analyzeCommits(await history.commitsBetween(last.stable?.sha ?? null, req.targetSha), req.config.sections);
    return {
        status: 'covered',
        targetSha: req.targetSha,
        previous: last.stable,
        currentVersion: covering.version,
        version: covering.version,
        tag: covering.tag,
        prerelease: semver_default().prerelease(covering.version) !== null,
        bump: 'none',
        bumpDescription: 'none',
        analysis,
        source: 'commits',
    };
}
/** The next version above the last releases, or nothing when no change is release-worthy. */
async function nextReleaseDecision(history, req, last) {
    const sections = req.config.sections;
    // Commits since the last stable release decide the stable target; a prerelease's notes start
    // at the previous prerelease (GitHub's own guess of the previous tag is wrong there).
    const sinceStable = analyzeCommits(await history.commitsBetween(last.stable?.sha ?? null, req.targetSha), sections);
    const { bump, source } = await chooseBump(history, req, sinceStable);
    const { version, effectiveBump } = chooseVersion(req, last, bump);
    const isPre = version ? semver_default().prerelease(version) !== null : false;
    const previous = isPre ? last.latest : last.stable;
    const analysis = previous && previous.sha !== last.stable?.sha
        ? analyzeCommits(await history.commitsBetween(previous.sha, req.targetSha), sections)
        : sinceStable;
    return {
        status: version ? 'release' : 'nothing',
        targetSha: req.targetSha,
        previous,
        currentVersion: (isPre ? last.latest : last.stable)?.version ?? last.latest?.version ?? null,
        version,
        tag: version ? `${req.config['tag-prefix']}${version}` : null,
        prerelease: isPre,
        bump: normalizeBump(effectiveBump),
        bumpDescription: describeBump(normalizeBump(effectiveBump), sinceStable.counts),
        analysis,
        source,
    };
}
/** The bump input, else the merged PRs' labels (version-source labels), else the commits. */
async function chooseBump(history, req, sinceStable) {
    const cfg = req.config;
    const source = req.version || req.bump ? 'input' : cfg['version-source'];
    if (req.bump)
        return { bump: req.bump, source };
    if (source === 'labels') {
        const prs = [
            ...new Set(sinceStable.commits
                .filter((c) => c.status === 'counted' && c.parsed.pullRequest)
                .map((c) => c.parsed.pullRequest)),
        ];
        const bump = prs.length
            ? bumpFromLabels(await history.pullRequestLabels(prs), cfg.labels)
            : 'none';
        return { bump, source };
    }
    return { bump: sinceStable.bump, source: req.version ? 'input' : 'commits' };
}
/** The version input as given, else the next version the bump makes. Pure. */
function chooseVersion(req, last, bump) {
    if (req.version) {
        const version = semver_default().valid(req.version);
        const effectiveBump = last.stable && version
            ? (semver_default().diff(last.stable.version, version) ?? bump)
            : bump;
        return { version, effectiveBump };
    }
    const next = nextVersion({
        stable: last.stable?.version ?? null,
        latest: last.latest?.version ?? null,
        bump,
        prerelease: req.prerelease ?? req.config.prerelease,
        majorOnZero: req.config['major-on-zero'],
        firstVersion: req.config['first-version'],
    });
    return { version: next?.version ?? null, effectiveBump: next ? next.effectiveBump : bump };
}
function normalizeBump(b) {
    if (b === 'major' || b === 'premajor')
        return 'major';
    if (b === 'minor' || b === 'preminor')
        return 'minor';
    if (b === 'none')
        return 'none';
    return 'patch';
}
/** `Current version: 2.6.0   Bump: minor (2 features, 3 fixes)   New version: 2.7.0` (issue 7). */
function versionLogLine(d) {
    if (d.status === 'covered')
        return `Current version: ${d.currentVersion}   ${d.targetSha.slice(0, 12)} is already released in ${d.tag} (tagged on a later commit that contains it); nothing to tag.`;
    return `Current version: ${d.currentVersion ?? 'none'}   Bump: ${d.bumpDescription}   New version: ${d.version ?? 'none (nothing to release)'}`;
}

// EXTERNAL MODULE: ./packages/core/src/report.ts
var report = __webpack_require__(2019);
;// CONCATENATED MODULE: ./actions/tag-release/src/release-notes.ts


/** Hidden line that marks a release body as ours; NOTIFIED_MARKER records that chat was told. */
const BODY_MARKER = '<!-- promote:tag-release -->';
const NOTIFIED_MARKER = '<!-- promote:notified -->';
function compareUrl(links) {
    return links.previousTag
        ? `${links.repoUrl}/compare/${links.previousTag}...${links.tag}`
        : `${links.repoUrl}/commits/${links.tag}`; // first release: every commit up to its tag
}
/** The changelog section without its `## [x.y.z] - date` line (the release has its own title). */
function sectionBody(section) {
    return section.replace(/^## .*\n+/, '').trimEnd();
}
function renderSeal(seal) {
    if (!seal.seal && !seal.summary)
        return '';
    const state = (seal.seal ?? '').trim().toLowerCase();
    const icon = state === 'green' ? '🟢' : state === 'red' ? '🔴' : '⚪';
    const word = state === 'green'
        ? 'green'
        : state === 'red'
            ? 'red'
            : state
                ? (0,untrusted_text/* untrusted */.b)(state, 'inline')
                : 'not recorded';
    const summary = seal.summary?.trim() ? `\n\n${seal.summary.trim()}` : '';
    return `### Production smoke seal\n\n${icon} **${word}**${summary}`;
}
/**
 * Release notes: the changelog section, the smoke seal, and links (compare from the explicit
 * previous tag, deployment, run). Within GitHub's 125,000 characters: the section is what gets
 * cut (with a note), never the links or the seal verdict.
 */
function renderReleaseBody(section, links, seal, notified = false, 
/** Blocks other steps keep in the body (prod-smoke-seal's marked section), carried over. */
kept = '') {
    const linkParts = [
        `**Full changelog**: [${links.previousTag ? `${links.previousTag}...${links.tag}` : links.tag}](${compareUrl(links)})`,
    ];
    if (links.deploymentUrl)
        linkParts.push(`[Deployment](${links.deploymentUrl})`);
    if (links.runUrl)
        linkParts.push(`[Release run](${links.runUrl})`);
    const sealBlock = renderSeal(seal);
    const tail = `${sealBlock ? `\n\n${(0,report/* fitMarkdown */.DJ)(sealBlock, 10_000)}` : ''}${kept ? `\n\n${(0,report/* fitMarkdown */.DJ)(kept, 20_000)}` : ''}` +
        `\n\n---\n\n${linkParts.join(' · ')}\n\n${BODY_MARKER}` +
        (notified ? `\n${NOTIFIED_MARKER}` : '');
    const budget = report/* RELEASE_BODY_LIMIT */.fS - tail.length - 100;
    const notes = (0,report/* fitMarkdown */.DJ)(sectionBody(section) || '_No user-facing changes._', budget, {
        note: `_… {omitted} more characters of notes did not fit GitHub's release limit; see the [changelog](${compareUrl(links)})._`,
    });
    return `${notes}${tail}`;
}
// prod-smoke-seal writes its seal into an existing release between these markers (its
// seal-targets.ts); a re-run of tag-release keeps that block instead of overwriting it.
const KEPT_BLOCK = /<!-- promote:smoke-seal:start -->[\s\S]*?<!-- promote:smoke-seal:end -->/;
/** The blocks of an existing release body that other steps own. */
function keptBlocks(existingBody) {
    return KEPT_BLOCK.exec(existingBody ?? '')?.[0] ?? '';
}
/** The annotated tag's message: the tag name, then the changelog section as plain text. */
function renderTagMessage(tag, section) {
    return `${tag}\n\n${section.trimEnd()}\n`;
}

;// CONCATENATED MODULE: ./actions/tag-release/src/ship-report.ts

/** The job summary: version, SHA, links, seal, the steps taken, and the rollback command. */
function renderShipReport(f) {
    const d = f.decision;
    const title = d.version
        ? `## ${f.dryRun ? 'Dry run: would ship' : 'Shipped'} ${(0,untrusted_text/* untrusted */.b)(d.tag ?? d.version, 'inline')}`
        : '## Nothing to release';
    const rows = [
        [
            'Version',
            d.version
                ? `${d.currentVersion ?? 'none'} → **${d.version}**${d.prerelease ? ' (prerelease)' : ''}`
                : `${d.currentVersion ?? 'none'} (unchanged)`,
        ],
        ['Bump', (0,untrusted_text/* untrusted */.b)(d.bumpDescription, 'cell')],
        ['Commit', `[\`${d.targetSha.slice(0, 12)}\`](${f.repoUrl}/commit/${d.targetSha})`],
    ];
    if (d.previous)
        rows.push(['Previous release', (0,untrusted_text/* untrusted */.b)(d.previous.tag, 'cell')]);
    if (f.compareUrl)
        rows.push([
            'Changes',
            // The first release has nothing to compare with: its link lists the commits it contains.
            `[${d.previous ? 'compare' : 'all commits'}](${f.compareUrl})`,
        ]);
    if (f.releaseUrl)
        rows.push(['Release', `[${(0,untrusted_text/* untrusted */.b)(d.tag ?? '', 'cell')}](${f.releaseUrl})`]);
    if (f.deploymentUrl)
        rows.push(['Deployment', `[deployment](${f.deploymentUrl})`]);
    if (f.seal)
        rows.push([
            'Smoke seal',
            f.seal === 'green' ? '🟢 green' : f.seal === 'red' ? '🔴 red' : (0,untrusted_text/* untrusted */.b)(f.seal, 'cell'),
        ]);
    if (d.version) {
        rows.push(['Changelog', (0,untrusted_text/* untrusted */.b)(f.changelogOutcome, 'cell')]);
        rows.push(['Tag', (0,untrusted_text/* untrusted */.b)(f.tagOutcome, 'cell')]);
        rows.push(['GitHub release', (0,untrusted_text/* untrusted */.b)(f.releaseOutcome, 'cell')]);
        rows.push(['Notifications', (0,untrusted_text/* untrusted */.b)(f.notifyOutcome, 'cell')]);
        if (f.majorTagOutcome)
            rows.push(['Major tag', (0,untrusted_text/* untrusted */.b)(f.majorTagOutcome, 'cell')]);
    }
    rows.push(['Run', `[log](${f.runUrl})`]);
    const table = [
        '| | |',
        '|---|---|',
        // Every value is a finished cell: untrusted text went through untrusted(text, 'cell').
        ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    ].join('\n');
    const parts = [title, table];
    if (f.rollbackCommand)
        parts.push(`**Rollback** (if production breaks):\n\n${(0,untrusted_text/* untrusted */.b)(f.rollbackCommand, 'block', { language: 'sh' })}`);
    if (f.sealSummary)
        parts.push(`<details><summary>Smoke seal details</summary>\n\n${f.sealSummary}\n\n</details>`);
    if (f.changelog)
        parts.push(`<details><summary>Changelog</summary>\n\n${f.changelog}\n</details>`);
    return `${parts.join('\n\n')}\n`;
}

;// CONCATENATED MODULE: ./actions/tag-release/src/git-data.ts
async function commitTree(gh, repo, commitSha) {
    const { data } = await gh.rest.git.getCommit({ ...repo, commit_sha: commitSha });
    return data.tree.sha;
}
/** A file's text at a tree, walking one directory level per request; null when absent. */
async function readFileAt(gh, repo, treeSha, path) {
    const parts = path.split('/').filter(Boolean);
    let tree = treeSha;
    for (let i = 0; i < parts.length; i++) {
        const { data } = await gh.rest.git.getTree({ ...repo, tree_sha: tree });
        const entry = data.tree.find((e) => e.path === parts[i]);
        if (!entry?.sha)
            return null;
        if (i === parts.length - 1) {
            if (entry.type !== 'blob')
                return null;
            const { data: blob } = await gh.rest.git.getBlob({ ...repo, file_sha: entry.sha });
            return Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
        }
        if (entry.type !== 'tree')
            return null;
        tree = entry.sha;
    }
    return null;
}
async function writeCommit(deps, baseTree, parent, files, message) {
    const { gh, repo } = deps;
    const { data: tree } = await gh.rest.git.createTree({
        ...repo,
        base_tree: baseTree,
        tree: files.map((f) => ({
            path: f.path,
            mode: '100644',
            type: 'blob',
            content: f.content,
        })),
    });
    // No author/committer: GitHub then signs the commit as made through the API.
    const { data: commit } = await gh.rest.git.createCommit({
        ...repo,
        message,
        tree: tree.sha,
        parents: [parent],
    });
    return commit.sha;
}

;// CONCATENATED MODULE: ./actions/tag-release/src/version-files.ts


function versionFilePath(file) {
    return typeof file === 'string' ? file : file.path;
}
/**
 * `content` with its version constant set to `version`: package.json's "version" field (indent
 * and trailing newline kept), or the first match of the configured pattern's (?<version>) group.
 * A file whose constant is not found is a configuration error (better than a silent no-op).
 */
function setVersionInFile(file, content, version) {
    if (typeof file === 'string') {
        let data;
        try {
            data = JSON.parse(content);
        }
        catch {
            throw new errors/* ConfigurationError */.j1(`release.changelog.version-files: ${file} is not valid JSON; fix it or remove it from the list.`);
        }
        if (typeof data !== 'object' || data === null || Array.isArray(data)) {
            throw new errors/* ConfigurationError */.j1(`release.changelog.version-files: ${file} is not a JSON object.`);
        }
        const indent = /^[ \t]+(?=")/m.exec(content)?.[0] ?? '  ';
        const out = JSON.stringify({ ...data, version }, null, indent);
        return content.endsWith('\n') ? `${out}\n` : out;
    }
    const re = new RegExp(file.pattern, 'd');
    const m = re.exec(content);
    const span = m?.indices?.groups?.version;
    if (!m || !span) {
        throw new errors/* ConfigurationError */.j1(`release.changelog.version-files: pattern ${JSON.stringify(file.pattern)} does not match ${file.path}; ` +
            'make its (?<version>...) group match the version constant in that file.');
    }
    return content.slice(0, span[0]) + version + content.slice(span[1]);
}
/** The version constant `content` holds now: package.json's "version", or the pattern's group. */
function versionInFile(file, content) {
    if (typeof file === 'string') {
        try {
            const v = JSON.parse(content).version;
            return typeof v === 'string' ? v : undefined;
        }
        catch {
            return undefined;
        }
    }
    return new RegExp(file.pattern).exec(content)?.groups?.version;
}
/**
 * A version file already ahead of the release being cut is never moved backwards. It happens on
 * the first release after adopting Promote when the last release has no tag with the prefix:
 * the version then starts at release.first-version (0.1.0), below the file's.
 */
function refuseDowngrade(file, content, version) {
    const current = versionInFile(file, content);
    if (current && semver_default().valid(current) && semver_default().gt(current, version)) {
        const path = versionFilePath(file);
        throw new errors/* ConfigurationError */.j1(`release.changelog.version-files: ${path} is at ${current}, above the version being released (${version}); ` +
            `a release never moves it backwards. Tag the last release (e.g. git tag <tag-prefix>${current} <its commit>) ` +
            `or set release.first-version above ${current}, then re-run. Nothing was written.`);
    }
}

;// CONCATENATED MODULE: ./actions/tag-release/src/changelog-files.ts




/** The files the changelog commit writes: CHANGELOG.md with the section, and the version files. */
async function changedFiles(deps, req, tree, current) {
    const files = [];
    const { content } = insertChangelogSection(current, {
        version: req.version,
        section: req.section,
        tag: req.tag,
        previousTag: req.previousTag,
        repoUrl: req.repoUrl,
    });
    files.push({ path: req.path, content });
    for (const vf of req.versionFiles) {
        const path = versionFilePath(vf);
        const text = await readFileAt(deps.gh, deps.repo, tree, path);
        if (text === null) {
            throw new errors/* ConfigurationError */.j1(`release.changelog.version-files: ${path} does not exist on ${req.branch}; fix the path or remove it.`);
        }
        refuseDowngrade(vf, text, req.version);
        const next = setVersionInFile(vf, text, req.version);
        if (next !== text)
            files.push({ path, content: next });
    }
    return files;
}

;// CONCATENATED MODULE: ./actions/tag-release/src/changelog-pr.ts





const changelogBranch = (tag) => `promote/changelog-${tag.replace(/[^A-Za-z0-9._/-]/g, '-')}`;
/** The commit on the changelog pull request's branch when it already holds the version's section. */
async function changelogBranchCommit(deps, req) {
    const { gh, repo } = deps;
    const existing = await (0,upsert/* resolveRef */.qE)(gh, repo, `heads/${changelogBranch(req.tag)}`);
    if (!existing)
        return undefined;
    const text = await readFileAt(gh, repo, await commitTree(gh, repo, existing), req.path);
    return text !== null && hasVersionSection(text, req.version) ? existing : undefined;
}
async function openChangelogPullRequest(deps, req, at) {
    const { gh, repo, logger } = deps;
    const branch = changelogBranch(req.tag);
    // The branch may exist from an earlier attempt: reuse its commit when it already has the section.
    let commitSha = await changelogBranchCommit(deps, req);
    if (!commitSha) {
        const files = await changedFiles(deps, req, at.tree, at.current);
        commitSha = await writeCommit(deps, at.tree, at.head, files, `chore(release): ${req.tag} changelog`);
        await (0,upsert/* createOrUpdateRef */.W1)(gh, repo, `heads/${branch}`, commitSha, { force: true }, logger);
    }
    const { pr, operation } = await (0,upsert/* createOrUpdatePullRequest */.fA)(gh, repo, {
        head: branch,
        base: req.branch,
        title: `chore(release): changelog for ${req.tag}`,
        body: `The changelog section for ${req.tag} (tagged at ${req.targetSha}). Merge it to record the release in ${req.path}.\n\n${req.section}`,
    }, logger);
    logger.info(`Changelog pull request ${operation}: ${pr.html_url}`);
    return {
        outcome: operation === 'unchanged' ? 'unchanged' : 'created',
        section: req.section,
        pullRequestUrl: pr.html_url,
    };
}
/**
 * Mode commit could not commit (`why`): the changelog as a pull request instead. If that fails
 * too, the changelog is not written, and the release still goes ahead: it never waits on it.
 */
async function changelogPullRequestInstead(deps, req, at, why) {
    try {
        return {
            ...(await openChangelogPullRequest(deps, req, at)),
            fallback: why,
        };
    }
    catch (error) {
        return {
            outcome: 'skipped',
            section: req.section,
            fallback: `${why}, and the changelog pull request could not be opened either (${(0,request_errors/* describeGitHubError */.dZ)(error)}); give the token pull-requests: write, or set release.changelog.mode: skip`,
        };
    }
}

;// CONCATENATED MODULE: ./actions/tag-release/src/changelog-commit.ts







/** GitHub's refusal to move a protected branch (GH006 in git, 409/422 in the REST API). */
function isProtectedBranchRefusal(error) {
    if (!(0,request_errors/* isGitHubError */.e0)(error) ||
        (error.status !== 409 && error.status !== 422 && error.status !== 403))
        return false;
    const text = `${error.message} ${JSON.stringify(error.response?.data ?? '')}`;
    return /protected branch|GH006|required status check|must be made through a pull request|Repository rule violations/i.test(text);
}
/**
 * CHANGELOG.md (and version files) in one commit made through the Git Data API, so GitHub signs
 * it, on top of the production branch's current head (which must contain the merge commit). The
 * tag stays on the merge commit: it marks what runs in production; the changelog commit follows.
 * Idempotent: a changelog that already has the version's section is not written again.
 *
 * A branch that refuses the commit (branch protection or a ruleset requiring pull requests:
 * https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches)
 * never blocks the release: the changelog goes to a pull request instead, and the tag and the
 * release follow as usual. A re-run finds that pull request and writes nothing.
 */
async function commitChangelog(deps, req) {
    for (let attempt = 1;; attempt++) {
        const at = await readChangelogBase(deps, req);
        if (at.current !== null && hasVersionSection(at.current, req.version)) {
            deps.logger.info(`${req.path} on ${req.branch} already has ${req.version}; not writing it again.`);
            return {
                outcome: 'unchanged',
                section: extractVersionSection(at.current, req.version) ?? req.section,
            };
        }
        if (req.mode === 'pull-request')
            return openChangelogPullRequest(deps, req, at);
        // An earlier run found the branch refusing the commit and opened a pull request: finish that.
        if (await changelogBranchCommit(deps, req)) {
            return changelogPullRequestInstead(deps, req, at, `an earlier run found ${req.branch} refusing the direct changelog commit`);
        }
        const result = await commitToBranch(deps, req, at, attempt);
        if (result !== 'branch moved')
            return result;
    }
}
/** The branch's head (which must contain the release commit), its tree and its changelog. */
async function readChangelogBase(deps, req) {
    const { gh, repo } = deps;
    const head = await (0,upsert/* resolveRef */.qE)(gh, repo, `heads/${req.branch}`);
    if (!head)
        throw new errors/* ConfigurationError */.j1(`branch "${req.branch}" (branches.production) does not exist in ${repo.owner}/${repo.repo}.`);
    if (head !== req.targetSha && !(await req.isAncestor(req.targetSha, head))) {
        throw new Error(`the ${req.branch} branch (at ${head}) does not contain the release commit ${req.targetSha}; the changelog commit must come after it. Release from a commit on ${req.branch}.`);
    }
    const tree = await commitTree(gh, repo, head);
    const current = await readFileAt(gh, repo, tree, req.path);
    return { head, tree, current };
}
/**
 * One attempt at the direct commit on the branch. A refusing branch sends the changelog to a pull
 * request; 'branch moved' when someone pushed in between (the caller reads the new head).
 */
async function commitToBranch(deps, req, at, attempt) {
    const { gh, repo, logger } = deps;
    const files = await changedFiles(deps, req, at.tree, at.current);
    const commitSha = await writeCommit(deps, at.tree, at.head, files, `chore(release): ${req.tag} [skip ci]\n\nChangelog for ${req.tag} (${req.targetSha}).`);
    try {
        await gh.rest.git.updateRef({
            ...repo,
            ref: `heads/${req.branch}`,
            sha: commitSha,
            force: false,
        });
        // The ship step logs the outcome once ("CHANGELOG.md updated in <sha>").
        logger.debug(`Committed ${files.map((f) => f.path).join(', ')} to ${req.branch}: ${commitSha}`);
        return { outcome: 'created', section: req.section, commitSha };
    }
    catch (error) {
        if (isProtectedBranchRefusal(error)) {
            const why = `${req.branch} refused the direct changelog commit (${(0,request_errors/* describeGitHubError */.dZ)(error)})`;
            logger.warning(`${why}: opening the changelog as a pull request instead; the tag and the release go ahead. ` +
                'To commit directly, let the token bypass the rule (a GitHub App in the bypass list), or set release.changelog.mode: pull-request to skip this attempt.');
            // A fresh commit, not the refused one: its "[skip ci]" would keep the PR's checks from running.
            return changelogPullRequestInstead(deps, req, at, why);
        }
        // Someone pushed in between (not a fast-forward): read the new head and try again.
        if ((0,request_errors/* hasStatus */.Ro)(error, 422) && attempt < 3) {
            logger.info(`${req.branch} moved while committing the changelog (${(0,request_errors/* describeGitHubError */.dZ)(error)}); retrying on the new head.`);
            return 'branch moved';
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./actions/tag-release/src/github-release.ts



/** The release for the tag, created or brought up to date (core's upsertReleaseByTag). */
async function publishRelease(deps, req) {
    const { gh, repo, logger } = deps;
    let notified = false;
    let exists = false;
    let kept = '';
    try {
        const { data } = await gh.rest.repos.getReleaseByTag({ ...repo, tag: req.tag });
        exists = true;
        notified = (data.body ?? '').includes(req.notifiedMarker);
        kept = keptBlocks(data.body);
    }
    catch (error) {
        if (!(0,request_errors/* hasStatus */.Ro)(error, 404))
            throw error;
    }
    const body = req.body(notified, kept);
    const { release, operation } = await (0,upsert/* upsertReleaseByTag */.Mw)(gh, repo, {
        tag: req.tag,
        name: req.name,
        body,
        draft: req.draft,
        prerelease: req.prerelease,
        // Prereleases are never "latest" (GitHub would otherwise move the badge to an rc). Only set
        // on create: a re-run must not move the badge back from a newer release.
        ...(exists ? {} : { makeLatest: req.prerelease ? false : req.makeLatest }),
    }, logger);
    return {
        outcome: operation,
        url: release.html_url,
        id: release.id,
        notified,
        kept,
        body: release.body ?? body,
    };
}

;// CONCATENATED MODULE: ./actions/tag-release/src/major-tag.ts



/** Whether the release moves its major tag, and why not when it does not. Pure. */
function planMajorTag(req) {
    const major = semver_default().major(req.version);
    const tag = `${req.prefix}${major}`;
    if (semver_default().prerelease(req.version))
        return { action: 'skip', why: `${req.version} is a prerelease; ${tag} stays on a stable one` };
    if (req.draft)
        return { action: 'skip', why: `the release is a draft; ${tag} moves when one is published` };
    // SemVer 0.x promises nothing between minors, so a "v0" that moves would break its users.
    if (major === 0)
        return { action: 'skip', why: `0.x has no compatibility promise to pin to` };
    const highest = releaseTags(req.tags, req.prefix).find((t) => semver_default().major(t.version) === major && semver_default().prerelease(t.version) === null);
    // A patch of an older line (1.3.1 after 1.4.0), or a re-run of an older release.
    if (highest && semver_default().gt(highest.version, req.version))
        return {
            action: 'skip',
            why: `${highest.tag} is the latest ${major}.x release; ${tag} stays with it`,
        };
    return { action: 'move', tag, sha: req.sha };
}
/** Points the major tag at the release commit: created, moved (force), or left where it is. */
async function moveMajorTag(deps, plan) {
    const result = await (0,upsert/* createOrUpdateRef */.W1)(deps.gh, deps.repo, `tags/${plan.tag}`, plan.sha, 
    // A moving tag is the point: `force` lets the refs API rewrite it to a commit that need not
    // descend from the old one (the updateRef default refuses anything but a fast-forward).
    { force: true }, deps.logger);
    const at = plan.sha.slice(0, 12);
    if (result.operation === 'created')
        return `${plan.tag} created at ${at}`;
    if (result.operation === 'updated')
        return `${plan.tag} moved from ${result.previousSha?.slice(0, 12)} to ${at}`;
    return `${plan.tag} already at ${at}`;
}

// EXTERNAL MODULE: ./packages/core/src/notify.ts
var notify = __webpack_require__(3811);
;// CONCATENATED MODULE: ./actions/tag-release/src/notification-claim.ts

/**
 * Claims the one notification of `tag`: creating a ref is atomic, so of two runs releasing the
 * same merge at once exactly one gets true (the release body's marker alone cannot tell them apart).
 */
async function claimNotification(deps, tag, sha) {
    try {
        await deps.gh.rest.git.createRef({
            ...deps.repo,
            ref: `refs/promote-notified/${tag}`,
            sha,
        });
        return true;
    }
    catch (error) {
        // Claimed by another run, or by ours when a lost response was retried: never two messages.
        if ((0,request_errors/* isAlreadyExists */.x9)(error))
            return false;
        throw error;
    }
}
/** Record that chat was told, before telling it: at most one notification per release. */
async function markNotified(deps, releaseId, body) {
    await deps.gh.rest.repos.updateRelease({ ...deps.repo, release_id: releaseId, body });
}

;// CONCATENATED MODULE: ./actions/tag-release/src/ship-notify.ts




/**
 * Notifications, at most once per release: the marker is written before sending, so a crash in
 * between loses a message rather than sending two. Returns the outcome line for the report.
 */
async function notifyRelease(deps, config, draft, section, published) {
    const { logger } = deps;
    const { tag, targetSha } = draft;
    const targets = (0,notify/* resolveNotifyTargets */.Sq)(config, deps.env, logger);
    const services = Object.keys(targets);
    if (services.length === 0)
        return 'none configured';
    if (published.notified)
        return `already sent (${services.join(', ')})`;
    if (!(await claimNotification(deps, tag, targetSha)))
        return `already sent for ${tag} by another run (${services.join(', ')})`;
    await markNotified(deps, published.id, renderReleaseBody(section, draft.links, draft.seal, true, published.kept));
    deps.progress?.done('release marked as notified (notifications are not sent twice)');
    const results = await (0,notify/* notify */.me)({
        targets,
        logger,
        message: releaseMessage(deps.repo, draft, published.url),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    return results.map((r) => `${r.service} ${r.ok ? 'sent' : 'failed'}`).join(', ');
}
/** "<repo> v1.4.0 released", coloured by the smoke seal. Pure. */
function releaseMessage(repo, draft, url) {
    const seal = draft.seal.seal;
    return {
        title: `${repo.repo} ${draft.tag} released`,
        status: seal === 'red' ? 'red' : seal === 'green' ? 'green' : 'info',
        lines: [
            versionLogLine(draft.decision),
            `Commit ${draft.targetSha.slice(0, 12)}${seal ? `, smoke seal ${seal}` : ''}`,
        ],
        url,
    };
}

;// CONCATENATED MODULE: ./actions/tag-release/src/ship-steps.ts






/** One line for the log and the ship report: where the changelog went, and why there. */
function describeChangelog(result, path, version) {
    const where = result.outcome === 'skipped'
        ? 'not written'
        : result.pullRequestUrl
            ? `pull request ${result.pullRequestUrl}`
            : result.outcome === 'unchanged'
                ? `${path} already had ${version}`
                : `${path} updated in ${result.commitSha?.slice(0, 12)}`;
    return result.fallback ? `${where} (${result.fallback})` : where;
}
/** Dry run: what would be written, logged; nothing is. */
async function previewRelease(deps, rel, draft) {
    const { logger } = deps;
    const { tag, targetSha, section } = draft;
    logger.info(`Dry run: nothing is written. ${tag} would go on ${targetSha}.`);
    logger.info(`Changelog section:\n${section}`);
    logger.info(`Release notes:\n${renderReleaseBody(section, draft.links, draft.seal)}`);
    const plan = await majorTagPlan(deps, rel, draft);
    const majorTag = plan
        ? plan.action === 'move'
            ? `dry run: ${plan.tag} would point at ${targetSha.slice(0, 12)}`
            : `not moved: ${plan.why}`
        : null;
    const dryRun = 'dry run';
    return {
        section,
        releaseUrl: null,
        outcomes: { changelog: dryRun, tag: dryRun, release: dryRun, notify: dryRun, majorTag },
    };
}
/**
 * The writes, in the order that makes a re-run finish what a failed run started: changelog
 * commit -> tag -> release -> notifications -> major tag. Each step first looks for what exists.
 */
async function publishAll(deps, config, draft) {
    const changelog = await shipChangelog(deps, config, draft);
    const tag = await shipTag(deps, draft, changelog.section);
    const release = config.release.release.enabled
        ? await shipRelease(deps, config, draft, changelog.section)
        : {
            url: null,
            outcome: 'disabled (release.release.enabled: false)',
            notify: 'skipped (no release)',
        };
    const majorTag = await shipMajorTag(deps, config.release, draft);
    return {
        section: changelog.section,
        releaseUrl: release.url,
        outcomes: {
            changelog: changelog.outcome,
            tag,
            release: release.outcome,
            notify: release.notify,
            majorTag,
        },
    };
}
/** 1. Changelog (commit or PR), found by its version section on a re-run. */
async function shipChangelog(deps, config, draft) {
    const { logger } = deps;
    const rel = config.release;
    const mode = rel.changelog.enabled ? rel.changelog.mode : 'skip';
    if (mode === 'skip')
        return { section: draft.section, outcome: 'skipped (release.changelog)' };
    const result = await commitChangelog(deps, {
        branch: config.branches.production,
        targetSha: draft.targetSha,
        path: rel.changelog.path,
        mode,
        version: draft.version,
        tag: draft.tag,
        previousTag: draft.decision.previous?.tag ?? null,
        section: draft.section,
        repoUrl: draft.links.repoUrl,
        versionFiles: rel.changelog['version-files'],
        isAncestor: (a, b) => deps.history.isAncestor(a, b),
    });
    const outcome = describeChangelog(result, rel.changelog.path, draft.version);
    deps.progress?.done(`changelog: ${outcome}`);
    const line = outcome.startsWith(rel.changelog.path) ? `${outcome}` : `Changelog: ${outcome}`;
    // Not written at all is worth a look; a pull request instead of a commit is just said.
    if (result.outcome === 'skipped')
        logger.warning(line);
    else
        logger.info(line);
    return { section: result.section, outcome };
}
/** 2. Annotated tag on the merge commit, found by its ref on a re-run. */
async function shipTag(deps, draft, section) {
    const { tag, targetSha } = draft;
    const tagResult = await createAnnotatedTag(deps, {
        tag,
        targetSha,
        message: renderTagMessage(tag, section),
    });
    const outcome = `${tag} (annotated) at ${targetSha} ${tagResult.outcome === 'created' ? 'created' : 'already there'}`;
    deps.logger.info(`Tag ${outcome}`);
    deps.progress?.done(`tag ${tag} at ${targetSha.slice(0, 12)}`);
    return outcome;
}
/** 3. Release, upserted by tag; then 4. its notifications. */
async function shipRelease(deps, config, draft, section) {
    const rel = config.release;
    const { tag, links, seal } = draft;
    const published = await publishRelease(deps, {
        tag,
        name: tag,
        body: (notified, kept) => renderReleaseBody(section, links, seal, notified, kept),
        draft: rel.release.draft,
        prerelease: draft.decision.prerelease,
        makeLatest: rel.release['make-latest'],
        notifiedMarker: NOTIFIED_MARKER,
    });
    deps.logger.info(`GitHub release ${published.outcome}: ${published.url}`);
    deps.progress?.done(`release ${tag} (${published.url})`);
    const notify = await notifyRelease(deps, config.notify, draft, section, published);
    // The summary's Release row links the URL; its outcome row says only what happened.
    return { url: published.url, outcome: published.outcome, notify };
}
/**
 * 5. The major tag (release.major-tag), after the release it points users at; a re-run finds it
 * in place.
 */
async function shipMajorTag(deps, rel, draft) {
    const plan = await majorTagPlan(deps, rel, draft);
    if (!plan)
        return null;
    const outcome = plan.action === 'move' ? await moveMajorTag(deps, plan) : `not moved: ${plan.why}`;
    deps.logger.info(`Major tag: ${outcome}`);
    if (plan.action === 'move')
        deps.progress?.done(`major tag ${outcome}`);
    return outcome;
}
/** The major tag's plan when release.major-tag is on, from the tags as they are now. */
async function majorTagPlan(deps, rel, draft) {
    if (!rel['major-tag'])
        return null;
    return planMajorTag({
        version: draft.version,
        sha: draft.targetSha,
        prefix: rel['tag-prefix'],
        draft: rel.release.enabled && rel.release.draft,
        tags: [...(await deps.history.listTags()), { name: draft.tag, sha: draft.targetSha }],
    });
}

;// CONCATENATED MODULE: ./actions/tag-release/src/ship.ts








/**
 * Two releases at once (two merges, or one merge delivered twice) race for the version's tag: the
 * run whose tag lands second decides again, seeing the new tag. Its merge is then either covered
 * by it (a later merge released first: reported as released in that tag) or released above it.
 */
async function ship(deps, ctx, config, inputs, targetSha) {
    for (let attempt = 1;; attempt++) {
        try {
            return await shipOnce(deps, ctx, config, inputs, targetSha);
        }
        catch (error) {
            if (!(error instanceof TagTakenError) || inputs.version || attempt >= 3)
                throw error;
            deps.logger.info(`${error.tag} was created on ${error.at.slice(0, 12)} while this run was releasing ${targetSha.slice(0, 12)} (another release at the same time); deciding the version again.`);
        }
    }
}
/**
 * Decide, then write in the order that makes a re-run finish what a failed run started
 * (ship-steps.ts), then report: outputs and the job summary.
 */
async function shipOnce(deps, ctx, config, inputs, targetSha) {
    const repoUrl = `${ctx.serverUrl}/${deps.repo.owner}/${deps.repo.repo}`;
    const decision = await decide(deps, config, inputs, targetSha);
    const shipped = await shipDecision(deps, ctx, config, inputs, decision, repoUrl);
    writeShipOutputs(deps.io, decision, shipped);
    await deps.io.appendSummary(renderShipReport(shipFacts(deps.repo, ctx, config, inputs, decision, shipped, repoUrl)));
    return { decision, section: shipped.section, releaseUrl: shipped.releaseUrl };
}
/** The version decision, with each commit's verdict in a log group. */
async function decide(deps, config, inputs, targetSha) {
    const { logger } = deps;
    const decision = await logger.group('Deciding the version', async () => {
        const d = await decideVersion(deps.history, {
            targetSha,
            config: config.release,
            version: inputs.version,
            bump: inputs.bump,
            prerelease: inputs.prerelease,
        });
        for (const c of d.analysis.commits) {
            logger.info(`${c.sha.slice(0, 7)} ${c.status.padEnd(17)} ${c.bump.padEnd(5)} ${c.parsed.header}`);
        }
        return d;
    });
    logger.info(versionLogLine(decision));
    return decision;
}
/** Covered, nothing to release, a dry run, or the writes. */
async function shipDecision(deps, ctx, config, inputs, decision, repoUrl) {
    const { tag, version, targetSha } = decision;
    if (decision.status === 'covered') {
        const covered = `none (released in ${tag})`;
        return {
            section: '',
            releaseUrl: null,
            outcomes: {
                changelog: covered,
                tag: `none: ${targetSha.slice(0, 12)} is released in ${tag}`,
                release: covered,
                notify: covered,
                majorTag: null,
            },
        };
    }
    if (decision.status === 'nothing' || !tag || !version) {
        deps.logger.info(`No release-worthy commits since ${decision.previous?.tag ?? 'the beginning'}; nothing to release.`);
        return {
            section: '',
            releaseUrl: null,
            outcomes: {
                changelog: 'not written',
                tag: 'not created',
                release: 'not created',
                notify: 'none',
                majorTag: null,
            },
        };
    }
    const draft = draftRelease(decision, { tag, version, targetSha, date: changelogDate(deps.clock.now()) }, { repoUrl, runUrl: ctx.runUrl }, inputs);
    return inputs.dryRun
        ? previewRelease(deps, config.release, draft)
        : publishAll(deps, config, draft);
}
function writeShipOutputs(io, decision, shipped) {
    io.setOutput('version', decision.version ?? '');
    io.setOutput('previous-version', decision.previous?.version ?? '');
    io.setOutput('tag', decision.tag ?? '');
    io.setOutput('release-url', shipped.releaseUrl ?? '');
    io.setOutput('bump', decision.status === 'nothing' || decision.status === 'covered' ? 'none' : decision.bump);
    io.setOutput('changelog', shipped.section);
}
/** What the job summary shows (ship-report.ts). Pure. */
function shipFacts(repo, ctx, config, inputs, decision, shipped, repoUrl) {
    const { tag } = decision;
    const rollback = tag && !inputs.dryRun && decision.status !== 'covered'
        ? safeRollbackCommand(repo, inputs.rollbackWorkflow ?? config.promote['rollback-workflow'], decision.previous?.tag ?? undefined, tag)
        : null;
    const { outcomes } = shipped;
    return {
        decision,
        dryRun: inputs.dryRun,
        repoUrl,
        compareUrl: tag
            ? compareUrl({ repoUrl, tag, previousTag: decision.previous?.tag ?? null })
            : null,
        releaseUrl: shipped.releaseUrl,
        changelog: shipped.section,
        changelogOutcome: outcomes.changelog,
        tagOutcome: outcomes.tag,
        releaseOutcome: outcomes.release,
        notifyOutcome: outcomes.notify,
        majorTagOutcome: outcomes.majorTag,
        seal: inputs.seal,
        sealSummary: inputs.sealSummary,
        deploymentUrl: inputs.deploymentUrl,
        runUrl: ctx.runUrl,
        rollbackCommand: rollback,
    };
}
/** Rolling back a release means going back to the one before it. */
function safeRollbackCommand(repo, workflow, previousTag, tag) {
    return (0,rollback_command/* rollbackCommand */.Ct)({
        owner: repo.owner,
        repo: repo.repo,
        workflow,
        ...(previousTag ? { release: previousTag } : {}),
        reason: `${tag} broke production`,
    });
}

;// CONCATENATED MODULE: ./actions/tag-release/src/cut-release.ts











/**
 * The release of a commit the event guard accepted: inputs, the config (the checkout's, else the
 * release commit's), the production branch judged, the history source chosen, then ship.ts.
 */
async function cutRelease(deps, shaInput, eventSha) {
    const { io, logger, env } = deps;
    const inputs = readInputs(io);
    const ctx = (0,context/* readRunContext */.$)(env);
    const repo = { owner: ctx.owner, repo: ctx.repo };
    const targetSha = inputs.sha ?? releaseCommit(eventSha, ctx);
    const gh = deps.github(inputs.token);
    // The checkout's config when there is one, else the config at the release commit.
    const inWorkspace = (0,external_node_fs_.existsSync)((0,external_node_path_.join)(ctx.workspace, inputs.config));
    const config = await (0,load/* loadConfig */.Z9)({
        source: inWorkspace
            ? { kind: 'file', path: inputs.config, workspace: ctx.workspace }
            : { kind: 'api', github: gh, ...repo, ref: targetSha, path: inputs.config },
        overrides: {
            'release.tag-prefix': inputs.tagPrefix,
            'release.changelog.mode': inputs.changelogMode,
        },
        inputNames: { 'release.tag-prefix': 'tag-prefix', 'release.changelog.mode': 'changelog-mode' },
        logger,
    });
    const production = { sha: shaInput, productionBranch: config.branches.production };
    if (!(await (0,event_guard/* guardEvent */._p)(deps, TAG_RELEASE_EVENTS, production, { announce: false })))
        return;
    await ship({
        io,
        logger,
        clock: deps.clock,
        env,
        gh,
        repo,
        history: await chooseHistory(deps, inputs, ctx, targetSha, githubReleaseHistory(gh, repo)),
        progress: deps.progress,
        fetch: deps.fetch,
    }, ctx, config, inputs, targetSha);
}
/**
 * The checkout answers tags, ancestry and commits without API requests when it is a full clone
 * (10,000 commits: 0 requests instead of 42, see bench/results/tag-release.md); else the API.
 */
async function chooseHistory(deps, inputs, ctx, targetSha, api) {
    if (inputs.history === 'api')
        return api;
    const { exec } = deps;
    const usable = await canReadHistoryFrom(exec, ctx.workspace, targetSha);
    if (usable.ok) {
        deps.logger.info(`Reading tags and commits from the checkout (${usable.why}).`);
        const git = gitReleaseHistory(exec, ctx.workspace, (numbers) => api.pullRequestLabels(numbers));
        // A second look at the tags (another release took the version meanwhile, ship.ts) asks the
        // API: tags pushed since the checkout are not in it.
        let listed = false;
        // The branch head may have moved past the checkout (the changelog check asks about it): a
        // commit git does not know is asked of the API instead.
        return {
            ...git,
            listTags: () => (listed ? api.listTags() : ((listed = true), git.listTags())),
            isAncestor: (a, b) => git.isAncestor(a, b).catch(() => api.isAncestor(a, b)),
        };
    }
    if (inputs.history === 'git') {
        throw new errors/* ConfigurationError */.j1(`input history is "git" but ${usable.why}; check out with actions/checkout fetch-depth: 0, or use history: auto.`);
    }
    deps.logger.info(`Reading tags and commits through the API (${usable.why}).`);
    return api;
}
/**
 * The commit to release: a merged PR's merge commit (never its head: the head is not what was
 * merged, https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request), the pushed commit, or
 * GITHUB_SHA for workflow_dispatch and workflow_call callers.
 */
function releaseCommit(eventSha, ctx) {
    const sha = eventSha ?? ctx.sha;
    if (!/^[0-9a-f]{40}$/i.test(sha)) {
        throw new Error(`GITHUB_SHA is "${sha}"; pass the commit to release in the \`sha\` input.`);
    }
    return sha;
}

// EXTERNAL MODULE: ./packages/core/src/exec.ts
var exec = __webpack_require__(6192);
// EXTERNAL MODULE: ./packages/core/src/progress.ts
var progress = __webpack_require__(1898);
;// CONCATENATED MODULE: ./actions/tag-release/src/deps.ts



function defaultDeps() {
    const base = (0,action/* defaultActionDeps */.yj)();
    return {
        ...base,
        exec: (0,exec/* createExec */.k)({ logger: base.logger }),
        progress: (0,progress/* createProgress */.mf)(),
        fetch: globalThis.fetch,
    };
}

;// CONCATENATED MODULE: ./actions/tag-release/src/main.ts





async function run(deps = defaultDeps()) {
    await (0,action/* runMain */.VN)('tag-release', async () => {
        // Before anything else, the config included (it may be read through the API at the commit
        // the event names, which a deletion has not): a tag push or a deletion is no release
        // (issue #16).
        const sha = deps.io.getInput('sha') || undefined;
        const event = await (0,event_guard/* guardEvent */._p)(deps, TAG_RELEASE_EVENTS, { sha });
        if (event)
            await cutRelease(deps, sha, event.sha);
    }, deps);
}


/***/ }),

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
