export const id = 21;
export const ids = [21];
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

/***/ 8021:
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
// EXTERNAL MODULE: ./actions/migrate-with-rollback/src/deps.ts + 1 modules
var src_deps = __webpack_require__(226);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/event-policy.ts
/** Production migrates on a merged pull request into the production branch, or a push to it. */
const MIGRATE_EVENTS = {
    action: 'migrate-with-rollback',
    accepts: ['merged-pull-request', 'production-push'],
};
/**
 * mode: rollback restores on a person's request (the rollback workflow, workflow_dispatch) or
 * in the job that deployed a merge (the restore after a failed deploy step, on-merge.yml).
 */
const ROLLBACK_EVENTS = {
    action: 'migrate-with-rollback',
    accepts: ['workflow-dispatch', 'merged-pull-request', 'production-push'],
    dispatch: 'any',
};

// EXTERNAL MODULE: ./packages/core/src/errors.ts
var errors = __webpack_require__(7638);
// EXTERNAL MODULE: ./packages/core/src/config/load.ts + 1 modules
var load = __webpack_require__(703);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./packages/core/src/rollback-command.ts
var rollback_command = __webpack_require__(4265);
// EXTERNAL MODULE: ./packages/core/src/time.ts
var time = __webpack_require__(1888);
// EXTERNAL MODULE: ./packages/core/src/config/sections/migrate.ts
var migrate = __webpack_require__(820);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/presets/command.ts
/** Every step is the user's command (`overrides.<step>.run`); backup, migrate and restore are required. */
const commandPreset = {
    name: 'command',
    tool: 'your commands',
    backupFile: '{backupId}.backup',
    backupFormat: 'opaque',
    restoreCheck: 'none',
    requires: [],
    steps: {},
};

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/presets/d1.ts
// wrangler has exited 0 while printing an error (seen with `wrangler d1 migrations apply`): its "✘ [ERROR]" lines are failures.
const wranglerErrors = ['✘ \\[ERROR\\]', '^\\s*\\[ERROR\\]', 'Migration \\S+ failed'];
/**
 * Cloudflare D1 through wrangler. The backup is two facts: an SQL export (verified and kept) and
 * a Time Travel bookmark taken just before migrating; restore goes back to the bookmark, which
 * is exact and fast. The export stays as the off-platform copy.
 */
const d1Preset = {
    name: 'd1',
    tool: 'wrangler',
    backupFile: '{backupId}.sql',
    backupFormat: 'sql-text',
    restoreCheck: 'none',
    requires: ['database'],
    steps: {
        backup: [
            {
                argv: ['wrangler', 'd1', 'export', '{database}', '--remote', '--output', '{backupPath}'],
                errorMarkers: wranglerErrors,
            },
            {
                argv: ['wrangler', 'd1', 'time-travel', 'info', '{database}', '--json'],
                errorMarkers: wranglerErrors,
                capture: { name: 'bookmark', pattern: '"bookmark"\\s*:\\s*"([^"]+)"' },
            },
        ],
        migrate: [
            {
                argv: ['wrangler', 'd1', 'migrations', 'apply', '{database}', '--remote'],
                errorMarkers: wranglerErrors,
            },
        ],
        restore: [
            {
                argv: [
                    'wrangler',
                    'd1',
                    'time-travel',
                    'restore',
                    '{database}',
                    '--bookmark',
                    '{bookmark}',
                    '--json',
                ],
                errorMarkers: wranglerErrors,
            },
        ],
    },
};

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/presets/frappe.ts
const site = ['bench', '--site', '{site}'];
/**
 * Frappe / ERPNext through bench. `--backup-path-db` names the file, so the action knows exactly
 * which dump it verified; mysqldump ends a complete dump with "-- Dump completed on".
 * Restore reads the MariaDB root password from common_site_config (never argv).
 */
const frappePreset = {
    name: 'frappe',
    tool: 'bench',
    backupFile: '{backupId}-database.sql.gz',
    backupFormat: 'gzip-sql',
    trailer: '-- Dump completed( on .*)?\\s*$',
    restoreCheck: 'none',
    requires: ['site'],
    steps: {
        backup: [
            {
                argv: [
                    ...site,
                    'backup',
                    '--backup-path-db',
                    '{backupPath}',
                    { when: 'withFiles', arg: '--with-files' },
                ],
                errorMarkers: ['Traceback \\(most recent call last\\)', 'mysqldump: Got error'],
            },
        ],
        migrate: [
            {
                argv: [...site, 'migrate'],
                errorMarkers: ['Traceback \\(most recent call last\\)', 'frappe\\.exceptions\\.\\w+'],
            },
        ],
        restart: [{ argv: ['bench', 'restart'] }],
        restore: [
            {
                argv: [...site, 'restore', '{backupPath}', '--force'],
                errorMarkers: ['Traceback \\(most recent call last\\)'],
            },
        ],
    },
};

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/presets/postgres.ts
const psql = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1'];
/**
 * PostgreSQL with plain *.sql migration files. Each file runs in its own transaction
 * (--single-transaction) and is recorded in promote_schema_migrations in that same transaction,
 * so a file either fully applies or not at all; files before it stay committed, which is why a
 * failure restores the whole verified backup rather than trusting partial state.
 */
const postgresPreset = {
    name: 'postgres',
    tool: 'pg_dump / psql / pg_restore',
    backupFile: '{backupId}.dump',
    backupFormat: 'pg-custom',
    restoreCheck: 'pg-table-checksums',
    requires: ['database-url'],
    steps: {
        list: [
            {
                argv: [
                    ...psql,
                    '-At',
                    '-c',
                    'CREATE TABLE IF NOT EXISTS promote_schema_migrations (filename text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
                    '-c',
                    'SELECT filename FROM promote_schema_migrations ORDER BY 1',
                ],
                connection: 'libpq',
            },
        ],
        // Custom format: compressed, and pg_restore --list can prove it is whole. No pipe.
        backup: [{ argv: ['pg_dump', '-Fc', '--no-owner', '-f', '{backupPath}'], connection: 'libpq' }],
        migrate: [
            {
                argv: [
                    ...psql,
                    '--single-transaction',
                    '-f',
                    '{migrationFile}',
                    '-c',
                    "INSERT INTO promote_schema_migrations (filename) VALUES ('{migrationName}')",
                ],
                connection: 'libpq',
                perMigrationFile: true,
                errorMarkers: ['^(psql:.*)?ERROR: '],
            },
        ],
        // Atomic restore: the dump becomes a script, and one transaction drops what the migration
        // created (public schema) and recreates everything from the backup. A failed restore
        // leaves the database as it was.
        restore: [
            {
                argv: [
                    'pg_restore',
                    '--clean',
                    '--if-exists',
                    '--no-owner',
                    '-f',
                    '{workDir}/restore.sql',
                    '{backupPath}',
                ],
            },
            {
                argv: [
                    ...psql,
                    '--single-transaction',
                    '-c',
                    'DROP SCHEMA IF EXISTS public CASCADE',
                    '-c',
                    'CREATE SCHEMA public',
                    '-f',
                    '{workDir}/restore.sql',
                ],
                connection: 'libpq',
            },
        ],
    },
};

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/presets/prisma.ts

/**
 * Prisma on PostgreSQL: pg_dump around `prisma migrate deploy`. Restoring the dump also restores
 * _prisma_migrations, so a failed migration does not leave P3009 ("failed migrations in the
 * target database") wedging every later deploy.
 */
const prismaPreset = {
    name: 'prisma',
    tool: 'pg_dump / prisma migrate deploy / pg_restore',
    backupFile: postgresPreset.backupFile,
    backupFormat: 'pg-custom',
    restoreCheck: 'pg-table-checksums',
    requires: ['database-url'],
    steps: {
        backup: postgresPreset.steps.backup,
        migrate: [
            {
                argv: ['npx', '--no-install', 'prisma', 'migrate', 'deploy'],
                connection: 'database-url',
                errorMarkers: ['Error: P\\d{4}', 'migrate found failed migrations'],
            },
        ],
        restore: postgresPreset.steps.restore,
    },
};

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/presets/sqlite.ts
/**
 * SQLite through the sqlite3 CLI: `.backup` (the online backup API, consistent under writers),
 * migration files applied each in one transaction with -bail, restore by copying the backup next
 * to the database and renaming it over (rename is atomic on one filesystem).
 */
const sqlitePreset = {
    name: 'sqlite',
    tool: 'sqlite3',
    backupFile: '{backupId}.sqlite3',
    backupFormat: 'sqlite',
    restoreCheck: 'sqlite-table-checksums',
    requires: ['sqlite-path'],
    steps: {
        list: [
            {
                argv: [
                    'sqlite3',
                    '-bail',
                    '{sqlitePath}',
                    'CREATE TABLE IF NOT EXISTS promote_schema_migrations (filename TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)',
                    'SELECT filename FROM promote_schema_migrations ORDER BY 1',
                ],
            },
        ],
        backup: [{ argv: ['sqlite3', '-bail', '{sqlitePath}', ".backup '{backupPath}'"] }],
        migrate: [
            {
                argv: [
                    'sqlite3',
                    '-bail',
                    '{sqlitePath}',
                    'BEGIN',
                    ".read '{migrationFile}'",
                    "INSERT INTO promote_schema_migrations (filename) VALUES ('{migrationName}')",
                    'COMMIT',
                ],
                perMigrationFile: true,
                errorMarkers: ['^(Parse |Runtime )?[Ee]rror( near line \\d+)?:'],
            },
        ],
        restore: [
            { argv: ['cp', '{backupPath}', '{sqlitePath}.promote-restore'] },
            { argv: ['rm', '-f', '{sqlitePath}-wal', '{sqlitePath}-shm', '{sqlitePath}-journal'] },
            { argv: ['mv', '-f', '{sqlitePath}.promote-restore', '{sqlitePath}'] },
        ],
    },
};

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/presets/index.ts






const PRESETS = {
    frappe: frappePreset,
    d1: d1Preset,
    prisma: prismaPreset,
    postgres: postgresPreset,
    sqlite: sqlitePreset,
    command: commandPreset,
};

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/placeholders.ts

const PLACEHOLDERS = [
    'site',
    'database',
    'pgDatabase',
    'sqlitePath',
    'migrationsDir',
    'migrationFile',
    'migrationName',
    'backupDir',
    'backupId',
    'backupPath',
    'workDir',
    'bookmark',
    'sha',
    'environment',
];
const PATTERN = /\{([A-Za-z]+)\}/g;
/**
 * Substitute placeholders in one argv element. Names in `deferred` stay as written (bound at run
 * time, e.g. {bookmark} captured from the backup step); an unknown name is a config error.
 */
function substitute(template, values, where, deferred = []) {
    return template.replace(PATTERN, (whole, name) => {
        if (!PLACEHOLDERS.includes(name)) {
            throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where}: unknown placeholder ${whole}; use one of ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`);
        }
        const value = values[name];
        if (value === undefined) {
            if (deferred.includes(name))
                return whole;
            throw new errors/* ConfigurationError */.j1(`promotion.yml: ${where}: ${whole} has no value here; set the option it comes from (e.g. migrate.site for {site}) or remove it`);
        }
        return value;
    });
}
function expandArgv(argv, values, options, where, deferred = []) {
    const out = [];
    for (const element of argv) {
        if (typeof element === 'string')
            out.push(substitute(element, values, where, deferred));
        else if (element.when === 'withFiles' && options.withFiles)
            out.push(element.arg);
    }
    return out;
}
/** Bind run-time placeholders ({bookmark}) left in a planned argv. */
function bindRuntime(argv, values, where) {
    return argv.map((a) => substitute(a, values, where));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/backup-store/store.ts

/** A pass-through that counts and hashes every chunk (the "tee" of the stored bytes). */
class Digest {
    hash = (0,external_node_crypto_.createHash)('sha256');
    size = 0;
    update(chunk) {
        this.hash.update(chunk);
        this.size += chunk.byteLength;
        return chunk;
    }
    hex() {
        return this.hash.digest('hex');
    }
}
/** A missing object, whatever the store calls it. */
class MissingObjectError extends Error {
    location;
    constructor(location) {
        super(`${location} does not exist`);
        this.location = location;
    }
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/backup-store/local.ts






async function* hashed(source, digest) {
    for await (const chunk of source)
        yield digest.update(chunk);
}
/** A directory: self-hosted runners and the Frappe host, where the disk outlives the job. */
function localStore(root) {
    const pathOf = (key) => {
        const p = (0,external_node_path_.resolve)(root, key);
        if (p !== (0,external_node_path_.resolve)(root) && !p.startsWith((0,external_node_path_.resolve)(root) + external_node_path_.sep))
            throw new Error(`backup key ${key} leaves ${root}`);
        return p;
    };
    const read = async (key, target) => {
        const path = pathOf(key);
        const digest = new Digest();
        try {
            await (0,promises_.stat)(path);
        }
        catch {
            throw new MissingObjectError(path);
        }
        const source = hashed((0,external_node_fs_.createReadStream)(path), digest);
        if (target && (0,external_node_path_.resolve)(target) !== path) {
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
            await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(source), (0,external_node_fs_.createWriteStream)(target));
        }
        else
            for await (const chunk of source)
                void chunk;
        return { key, location: path, size: digest.size, sha256: digest.hex() };
    };
    return {
        kind: 'local',
        location: pathOf,
        async put(source, key) {
            const path = pathOf(key);
            // The dump was written in place: hashing it is all there is to do.
            if (typeof source === 'string' && (0,external_node_path_.resolve)(source) === path)
                return read(key);
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
            const digest = new Digest();
            const tmp = `${path}.part-${process.pid}`;
            const input = typeof source === 'string' ? (0,external_node_fs_.createReadStream)(source) : source;
            await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(hashed(input, digest)), (0,external_node_fs_.createWriteStream)(tmp));
            await (0,promises_.rename)(tmp, path);
            return { key, location: path, size: digest.size, sha256: digest.hex() };
        },
        get: (key, localPath) => read(key, localPath),
        digest: (key) => read(key),
        async stat(key) {
            try {
                return { size: (await (0,promises_.stat)(pathOf(key))).size };
            }
            catch {
                return undefined;
            }
        },
        async delete(key) {
            await (0,promises_.rm)(pathOf(key), { force: true });
        },
        async list(prefix) {
            const dir = pathOf(prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '');
            let names;
            try {
                names = await (0,promises_.readdir)(dir);
            }
            catch {
                return [];
            }
            return names
                .map((n) => (0,external_node_path_.relative)((0,external_node_path_.resolve)(root), (0,external_node_path_.join)(dir, n)).split(external_node_path_.sep).join('/'))
                .filter((k) => k.startsWith(prefix));
        },
        async probe() {
            await (0,promises_.mkdir)(root, { recursive: true });
        },
    };
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/backup-store/s3.ts






/** The SDK is large: loaded only when the s3 store is configured (other runs start faster). */
const loadSdk = () => __webpack_require__.e(/* import() */ 711).then(__webpack_require__.t.bind(__webpack_require__, 3711, 19));
/** Fill parts of `size` bytes from a stream of chunks; the last part may be shorter. */
async function* parts(source, size) {
    let pending = [];
    let length = 0;
    for await (const chunk of source) {
        let c = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        while (length + c.length >= size) {
            const take = size - length;
            pending.push(c.subarray(0, take));
            yield Buffer.concat(pending);
            c = c.subarray(take);
            pending = [];
            length = 0;
        }
        if (c.length > 0) {
            // Copy: the producer may reuse its buffer.
            pending.push(Buffer.from(c));
            length += c.length;
        }
    }
    if (length > 0 || pending.length > 0)
        yield Buffer.concat(pending);
}
/** HTTP status of an SDK error, if it came from the store. */
const statusOf = (error) => error?.$metadata?.httpStatusCode;
/**
 * Any S3-compatible store (AWS S3, Cloudflare R2, GCS interoperability, MinIO) through
 * @aws-sdk/client-s3. Credentials come in as values read from the environment variables the
 * config names; they reach only the SDK's signer, never a URL, argv or log line.
 * Large objects go up in parts (CreateMultipartUpload / UploadPart / Complete), about three
 * parts in memory: one uploading while the next ones fill.
 */
function s3Store(options) {
    let cached;
    const connect = () => (cached ??= loadSdk().then((sdk) => ({
        sdk,
        client: new sdk.S3Client({
            region: options.region,
            endpoint: options.endpoint,
            forcePathStyle: options.forcePathStyle,
            credentials: options.credentials,
            // Checksums only where S3 requires them: the newer default (CRC trailers with
            // aws-chunked bodies) is refused by several S3-compatible stores; the action hashes
            // every stored byte itself (sha256) and reads the object back.
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
            // A store that stops answering must not hold the job until its timeout: a connection
            // gets 10 s, a request 2 min of silence; the SDK retries (3 attempts) then fails.
            requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
        }),
    })));
    const Bucket = options.bucket;
    const location = (key) => `s3://${Bucket}/${key}`;
    async function upload(source, key) {
        const { sdk, client } = await connect();
        const digest = new Digest();
        const iterator = parts((async function* () {
            for await (const c of source)
                yield digest.update(c);
        })(), options.partSizeBytes)[Symbol.asyncIterator]();
        const first = await iterator.next();
        const firstPart = first.done ? Buffer.alloc(0) : first.value;
        const second = first.done ? { done: true, value: undefined } : await iterator.next();
        if (second.done) {
            await client.send(new sdk.PutObjectCommand({ Bucket, Key: key, Body: firstPart }));
            return digest;
        }
        const { UploadId } = await client.send(new sdk.CreateMultipartUploadCommand({ Bucket, Key: key }));
        const done = [];
        try {
            let part = firstPart;
            let next = second;
            let n = 1;
            while (part) {
                const PartNumber = n++;
                // Upload this part while the next one fills.
                const sending = client.send(new sdk.UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber, Body: part }));
                const [{ ETag }, following] = await Promise.all([sending, next.done ? Promise.resolve(next) : iterator.next()]);
                done.push({ ETag, PartNumber });
                part = next.done ? undefined : next.value;
                next = following;
            }
            await client.send(new sdk.CompleteMultipartUploadCommand({
                Bucket,
                Key: key,
                UploadId,
                MultipartUpload: { Parts: done },
            }));
        }
        catch (error) {
            await client
                .send(new sdk.AbortMultipartUploadCommand({ Bucket, Key: key, UploadId }))
                .catch(() => { });
            throw error;
        }
        return digest;
    }
    async function read(key, target) {
        const { sdk, client } = await connect();
        let body;
        try {
            const out = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
            body = out.Body;
        }
        catch (error) {
            if (statusOf(error) === 404)
                throw new MissingObjectError(location(key));
            throw error;
        }
        const digest = new Digest();
        const hashed = (async function* () {
            for await (const c of body)
                yield digest.update(c);
        })();
        if (target) {
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
            await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(hashed), (0,external_node_fs_.createWriteStream)(target));
        }
        else
            for await (const c of hashed)
                void c;
        return { key, location: location(key), size: digest.size, sha256: digest.hex() };
    }
    return {
        kind: 's3',
        location,
        async put(source, key) {
            const digest = await upload(typeof source === 'string' ? (0,external_node_fs_.createReadStream)(source) : source, key);
            return { key, location: location(key), size: digest.size, sha256: digest.hex() };
        },
        get: (key, localPath) => read(key, localPath),
        digest: (key) => read(key),
        async stat(key) {
            const { sdk, client } = await connect();
            try {
                const head = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: key }));
                return { size: Number(head.ContentLength ?? 0) };
            }
            catch (error) {
                if (statusOf(error) === 404)
                    return undefined;
                throw error;
            }
        },
        async delete(key) {
            const { sdk, client } = await connect();
            await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
        },
        async list(prefix) {
            const { sdk, client } = await connect();
            const keys = [];
            let ContinuationToken;
            do {
                const page = await client.send(new sdk.ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken }));
                for (const o of page.Contents ?? [])
                    if (o.Key)
                        keys.push(o.Key);
                ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
            } while (ContinuationToken);
            return keys;
        },
        async probe() {
            const { sdk, client } = await connect();
            await client.send(new sdk.HeadBucketCommand({ Bucket }));
        },
    };
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/backup-store/index.ts




/** Where this environment's backups live inside a store. */
function storeKeys(config, environment, backupFile, backupId) {
    if (config.kind === 'local') {
        // Today's layout, kept: <backup-dir>/<file> and <backup-dir>/<id>.manifest.json.
        return { key: backupFile, manifestKey: `${backupId}.manifest.json`, prefix: '' };
    }
    const prefix = `${config.prefix}${environment.replace(/[^A-Za-z0-9_-]/g, '-')}/`;
    const encrypted = config.encryption !== undefined && config.encryption !== 'none';
    return {
        key: `${prefix}${backupFile}${encrypted ? '.age' : ''}`,
        manifestKey: `${prefix}${backupId}.manifest.json`,
        prefix,
    };
}
const encryptionOf = (config) => config.encryption === undefined || config.encryption === 'none' ? undefined : config.encryption;
/**
 * The configured store. Credentials are read from the environment variables the config names
 * and registered as secrets before anything can print them; a missing one is a config error
 * naming the variable and where it comes from.
 */
function openStore(config, backupDir, env, secrets) {
    if (config.kind === 'local')
        return localStore(backupDir);
    const need = (key) => {
        const name = config[key];
        const value = env[name];
        if (!value)
            throw new errors/* ConfigurationError */.j1(`migrate.store.${key}: $${name} is empty; map the store's credential from a secret in the step's env (env: ${name}: \${{ secrets.${name} }}), or name the variable you use in migrate.store.${key}`);
        secrets.register(value);
        return value;
    };
    const accessKeyId = need('access-key-id-env');
    const secretAccessKey = need('secret-access-key-env');
    const sessionToken = env[config['session-token-env']] || undefined;
    secrets.register(sessionToken);
    return s3Store({
        bucket: config.bucket,
        endpoint: config.endpoint,
        region: config.region,
        forcePathStyle: config['force-path-style'],
        credentials: { accessKeyId, secretAccessKey, sessionToken },
        partSizeBytes: config['part-size-mb'] * 1024 * 1024,
    });
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/plan.ts








const SAFE_MIGRATION = /^[A-Za-z0-9][A-Za-z0-9._-]*\.sql$/;
function backupIdFor(environment, now, sha) {
    const stamp = now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z');
    const env = environment.replace(/[^A-Za-z0-9_-]/g, '-');
    return `${env}-${stamp}-${(sha || 'nosha').slice(0, 7)}`;
}
function isValidBackupId(id) {
    return /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(id) && !id.includes('..');
}
function abs(workspace, path) {
    return (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workspace, path);
}
function buildPlan(facts) {
    const { config } = facts;
    const preset = PRESETS[config.preset];
    checkPresetOptions(config, preset);
    const backupId = planBackupId(facts);
    const values = placeholderValues(facts, preset, backupId);
    const { backupDir, backupPath } = values;
    const steps = planSteps(config, preset, values, facts.migrationFiles);
    validateMarkers(steps);
    validateConfiguredMarkers(config);
    const store = planStore(config, facts.environment, backupPath, backupId);
    return {
        mode: facts.mode,
        preset: preset.name,
        environment: facts.environment,
        sha: facts.sha,
        backupId,
        backupDir,
        backupPath,
        manifestPath: (0,external_node_path_.join)(backupDir, `${backupId}.manifest.json`),
        workDir: values.workDir,
        backupFormat: config.overrides.verify ? 'opaque' : preset.backupFormat,
        trailer: preset.trailer,
        minBackupBytes: config['min-backup-bytes'],
        restoreCheck: config.overrides['verify-restore'] ? 'none' : preset.restoreCheck,
        store,
        databaseUrlEnv: preset.requires.includes('database-url') || usesUrl(steps)
            ? config['database-url-env']
            : undefined,
        sqlitePath: values.sqlitePath,
        steps,
        lock: planLock(config, facts.environment),
        rollbackCommand: (0,rollback_command/* rollbackCommand */.Ct)({
            owner: facts.repository?.owner ?? 'OWNER',
            repo: facts.repository?.repo ?? 'REPO',
            workflow: facts.rollbackWorkflow,
            backupId,
            fields: { environment: facts.environment },
            reason: `restore ${backupId}`,
        }),
    };
}
/** The options the preset needs (migrate.site, ...), and the command preset's own commands. */
function checkPresetOptions(config, preset) {
    const missing = preset.requires.filter((r) => {
        if (r === 'site')
            return !config.site;
        if (r === 'database')
            return !config.database;
        if (r === 'sqlite-path')
            return !config['sqlite-path'];
        return false;
    });
    if (missing.length > 0) {
        throw new errors/* ConfigurationError */.j1(`promotion.yml: migrate.${missing[0]} is required by preset "${preset.name}"; add it under migrate:`);
    }
    if (config.preset === 'command') {
        const need = ['backup', 'migrate', 'restore'].filter((s) => !config.overrides[s]);
        if (need.length > 0) {
            throw new errors/* ConfigurationError */.j1(`promotion.yml: preset "command" needs migrate.overrides.${need.join(', migrate.overrides.')} (each with run: [argv...])`);
        }
    }
}
/** A new id for a migration; the given one (checked) for a rollback. */
function planBackupId(facts) {
    const backupId = facts.mode === 'rollback'
        ? (facts.rollbackBackupId ?? '')
        : backupIdFor(facts.environment, facts.now, facts.sha);
    if (!isValidBackupId(backupId)) {
        throw new errors/* ConfigurationError */.j1(`backup-id "${backupId}" is not a backup id (letters, digits, . _ -); copy it from the migrate run's summary or outputs`);
    }
    return backupId;
}
/** What the command templates' placeholders stand for, paths made absolute. */
function placeholderValues(facts, preset, backupId) {
    const { config } = facts;
    const backupDir = abs(facts.workspace, config['backup-dir']);
    const values = {
        site: config.site,
        database: config.database,
        pgDatabase: facts.pgDatabase,
        sqlitePath: config['sqlite-path'] ? abs(facts.workspace, config['sqlite-path']) : undefined,
        migrationsDir: abs(facts.workspace, config['migrations-dir']),
        backupDir,
        backupId,
        workDir: (0,external_node_path_.join)(backupDir, `.work-${backupId}`),
        sha: facts.sha,
        environment: facts.environment,
    };
    const backupPath = (0,external_node_path_.join)(backupDir, substitute(preset.backupFile, { backupId }, 'backup file'));
    return { ...values, backupPath };
}
/** Every step with commands, in the config's order (MIGRATE_STEPS). */
function planSteps(config, preset, values, migrationFiles) {
    const sorted = [...migrationFiles].sort();
    const steps = {};
    for (const name of migrate/* MIGRATE_STEPS */.c) {
        const commands = planCommands(name, config, preset, values, sorted);
        if (commands)
            steps[name] = {
                name,
                commands,
                timeoutMs: (0,time/* parseDuration */.E9)(config.timeouts[name], `migrate.timeouts.${name}`),
            };
    }
    return steps;
}
/** One step's commands: the user's override, else the preset's; undefined when neither has any. */
function planCommands(name, config, preset, values, migrationFiles) {
    const override = config.overrides[name];
    const extraMarkers = config['error-markers'][name] ?? [];
    let templates = preset.steps[name];
    if (override) {
        templates = [{ argv: override.run, errorMarkers: override['error-markers'] ?? [] }];
    }
    if (!templates || templates.length === 0)
        return undefined;
    const where = override ? `migrate.overrides.${name}.run` : `preset ${preset.name} ${name}`;
    const commands = [];
    for (const t of templates) {
        const base = {
            env: override?.env ?? {},
            // A user's command for a preset that connects gets the same PG* environment.
            connection: override
                ? preset.requires.includes('database-url')
                    ? 'libpq'
                    : undefined
                : t.connection,
            errorMarkers: [...(t.errorMarkers ?? []), ...extraMarkers],
            capture: t.capture,
        };
        commands.push(...expandTemplate(t, base, config, values, where, migrationFiles));
    }
    return commands;
}
/** One template's argv: once, or once per migration file (names checked: they reach argv). */
function expandTemplate(t, base, config, values, where, migrationFiles) {
    const options = { withFiles: config['with-files'] };
    if (!t.perMigrationFile) {
        return [{ ...base, argv: expandArgv(t.argv, values, options, where, ['bookmark']) }];
    }
    return migrationFiles.map((file) => {
        if (!SAFE_MIGRATION.test(file)) {
            throw new errors/* ConfigurationError */.j1(`${config['migrations-dir']}/${file}: migration file names may use letters, digits, . _ - and end in .sql; rename it`);
        }
        const argv = expandArgv(t.argv, { ...values, migrationFile: (0,external_node_path_.join)(values.migrationsDir, file), migrationName: file }, options, where, ['bookmark']);
        return { ...base, argv, migrationName: file };
    });
}
/** Where the verified backup is kept, and how it is sealed. */
function planStore(config, environment, backupPath, backupId) {
    const keys = storeKeys(config.store, environment, (0,external_node_path_.basename)(backupPath), backupId);
    const enc = encryptionOf(config.store);
    return {
        kind: config.store.kind,
        ...keys,
        location: config.store.kind === 'local' ? backupPath : `s3://${config.store.bucket}/${keys.key}`,
        encryption: enc ? { recipients: enc.recipients, identityEnv: enc['identity-env'] } : undefined,
        keep: config.store.retention.keep,
    };
}
function planLock(config, environment) {
    const lockRef = config.lock.ref ?? `refs/promote-locks/${environment.replace(/[^A-Za-z0-9._-]/g, '-')}`;
    return {
        ref: lockRef,
        ttlMs: (0,time/* parseDuration */.E9)(config.lock.ttl, 'migrate.lock.ttl'),
        waitTimeoutMs: (0,time/* parseDuration */.E9)(config.lock['wait-timeout'], 'migrate.lock.wait-timeout'),
        pollMs: (0,time/* parseDuration */.E9)(config.lock['poll-interval'], 'migrate.lock.poll-interval'),
    };
}
function usesUrl(steps) {
    return Object.values(steps).some((s) => s?.commands.some((c) => c.connection));
}
function validateMarkers(steps) {
    for (const step of Object.values(steps)) {
        for (const c of step?.commands ?? []) {
            for (const m of c.errorMarkers) {
                try {
                    new RegExp(m, 'm');
                }
                catch {
                    throw new errors/* ConfigurationError */.j1(`promotion.yml: migrate.error-markers.${step.name}: "${m}" is not a valid regex`);
                }
            }
        }
    }
}
/** The configured extra markers, steps without commands included. */
function validateConfiguredMarkers(config) {
    for (const [step, markers] of Object.entries(config['error-markers'])) {
        for (const m of markers ?? []) {
            try {
                new RegExp(m, 'm');
            }
            catch {
                throw new errors/* ConfigurationError */.j1(`promotion.yml: migrate.error-markers.${step}: "${m}" is not a valid regex`);
            }
        }
    }
}
/** Quote an argv element for display only (the plan in dry-run and the summary). */
function displayArg(arg) {
    return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
/**
 * The order a migrate run takes its steps. MIGRATE_STEPS is the config's order (the keys of
 * migrate.overrides, timeouts and error-markers as the schema and docs/config.md list them): the
 * steps every preset has, then `list`, which only presets that track applied migrations have. A
 * run takes `list` first (orchestrateMigration reads which migration files are applied before it
 * backs up), so the plan prints it first; the rest keeps the config's order.
 */
const RUN_ORDER = [
    'list',
    ...migrate/* MIGRATE_STEPS */.c.filter((step) => step !== 'list'),
];
/** The way back, in the order a restore runs it (restoreAndVerify). */
const RESTORE_ORDER = ['restore', 'restart', 'verify-restore'];
/** The plan as text: every argv exactly as it will run, env by NAME (values never shown). */
function renderPlan(plan, mask = (s) => s) {
    const sequence = plan.mode === 'rollback'
        ? RESTORE_ORDER
        : RUN_ORDER.filter((s) => s !== 'restore' && s !== 'verify-restore');
    return [
        ...headerLines(plan),
        ...sequence.flatMap((name) => stepLines(plan, name, mask)),
        ...(plan.mode === 'migrate' ? restoreLines(plan, mask) : []),
    ].join('\n');
}
function headerLines(plan) {
    const lines = [
        `mode: ${plan.mode}  preset: ${plan.preset}  environment: ${plan.environment}  sha: ${plan.sha || '(none)'}`,
        `lock: ${plan.lock.ref} (ttl ${(0,time/* formatDuration */.a3)(plan.lock.ttlMs)}, wait up to ${(0,time/* formatDuration */.a3)(plan.lock.waitTimeoutMs)})`,
        `backup: ${plan.backupId} -> ${plan.backupPath} (format ${plan.backupFormat}, at least ${plan.minBackupBytes} bytes; manifest ${plan.manifestPath})`,
    ];
    if (plan.store.kind !== 'local')
        lines.push(`store: ${plan.store.location} (${plan.store.encryption ? `age-encrypted to ${plan.store.encryption.recipients.length} recipient(s) before upload` : 'UNENCRYPTED (encryption: none)'}; read back and compared; keep ${plan.store.keep})`);
    if (plan.databaseUrlEnv)
        lines.push(`database URL: from $${plan.databaseUrlEnv} (passed as environment, masked)`);
    return lines;
}
/** A step's heading and its commands with the environment they get (by NAME). */
function stepLines(plan, name, mask) {
    const step = plan.steps[name];
    if (!step)
        return name === 'verify' ? [`${name}: built-in (${plan.backupFormat})`] : [];
    if (step.commands.length === 0) {
        // No heading without commands under it (migrate with no new migration files).
        return [`${name}: nothing to run${name === 'migrate' ? ' (no migration files)' : ''}`];
    }
    const lines = [`${name} (timeout ${(0,time/* formatDuration */.a3)(step.timeoutMs)}):`];
    for (const c of step.commands) {
        const env = [
            ...(c.connection === 'libpq'
                ? ['PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE from the URL']
                : []),
            ...(c.connection === 'database-url' ? ['DATABASE_URL'] : []),
            ...Object.entries(c.env).map(([k, v]) => `${k}=$${v}`),
        ];
        lines.push(`  $ ${c.argv.map((a) => mask(displayArg(a))).join(' ')}${env.length ? `   [env: ${env.join(', ')}]` : ''}`);
    }
    return lines;
}
/** What a failed migration runs to put the backup back. */
function restoreLines(plan, mask) {
    const lines = ['on failure of migrate/restart/post-check: restore -> restart -> verify-restore:'];
    for (const name of RESTORE_ORDER) {
        for (const c of plan.steps[name]?.commands ?? [])
            lines.push(`  $ ${c.argv.map((a) => mask(displayArg(a))).join(' ')}`);
    }
    if (plan.restoreCheck !== 'none')
        lines.push(`  + ${plan.restoreCheck} compared with the backup's`);
    return lines;
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/connection-env.ts

/**
 * Turn a postgres URL into libpq environment variables, so pg_dump/psql/pg_restore connect
 * without the URL (or its password) ever appearing in argv or a process listing.
 */
function libpqEnv(url, envName) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`$${envName} is not a URL; expected postgresql://user:password@host:port/database`);
    }
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
        throw new errors/* ConfigurationError */.j1(`$${envName} must start with postgresql:// (got ${parsed.protocol}//...)`);
    }
    const env = {};
    if (parsed.hostname)
        env.PGHOST = decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, ''));
    if (parsed.port)
        env.PGPORT = parsed.port;
    if (parsed.username)
        env.PGUSER = decodeURIComponent(parsed.username);
    if (parsed.password)
        env.PGPASSWORD = decodeURIComponent(parsed.password);
    const db = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (db)
        env.PGDATABASE = db;
    const map = {
        sslmode: 'PGSSLMODE',
        sslrootcert: 'PGSSLROOTCERT',
        sslcert: 'PGSSLCERT',
        sslkey: 'PGSSLKEY',
        application_name: 'PGAPPNAME',
        connect_timeout: 'PGCONNECT_TIMEOUT',
        options: 'PGOPTIONS',
        host: 'PGHOST', // unix socket dir given as ?host=/path
    };
    for (const [k, v] of parsed.searchParams) {
        const name = map[k];
        if (name)
            env[name] = v;
    }
    return env;
}
/** The database name (not secret), for pg_restore -d and the plan. */
function databaseNameOf(url) {
    try {
        return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || undefined;
    }
    catch {
        return undefined;
    }
}
/** Values that must never print: the value itself and the forms a tool might echo. */
function derivedSecretForms(value) {
    if (!value)
        return [];
    const forms = new Set([value, encodeURIComponent(value), Buffer.from(value).toString('base64')]);
    try {
        const u = new URL(value);
        if (u.password) {
            forms.add(u.password);
            forms.add(decodeURIComponent(u.password));
        }
    }
    catch {
        // not a URL: the plain forms are enough
    }
    return [...forms].filter((f) => f.length >= 4);
}
class SecretMask {
    onRegister;
    values = new Set();
    constructor(onRegister = () => { }) {
        this.onRegister = onRegister;
    }
    register(value) {
        for (const f of derivedSecretForms(value ?? '')) {
            if (!this.values.has(f)) {
                this.values.add(f);
                this.onRegister(f);
            }
        }
    }
    mask = (text) => {
        let out = text;
        for (const v of [...this.values].sort((a, b) => b.length - a.length))
            out = out.split(v).join('***');
        return out;
    };
    has(text) {
        return [...this.values].some((v) => text.includes(v));
    }
}

// EXTERNAL MODULE: ./packages/core/src/logger.ts
var logger = __webpack_require__(9157);
// EXTERNAL MODULE: ./packages/core/src/config/schema.ts + 3 modules
var schema = __webpack_require__(6094);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/setup.ts







/** *.sql file names in the migrations dir (only presets that apply files read it). */
async function listMigrationFiles(config, workspace, logger) {
    const preset = PRESETS[config.migrate.preset];
    const needs = Object.values(preset.steps).some((ts) => ts?.some((t) => t.perMigrationFile));
    if (!needs || config.migrate.overrides.migrate)
        return [];
    const dir = (0,external_node_path_.isAbsolute)(config.migrate['migrations-dir'])
        ? config.migrate['migrations-dir']
        : (0,external_node_path_.resolve)(workspace, config.migrate['migrations-dir']);
    try {
        return (await (0,promises_.readdir)(dir)).filter((f) => f.endsWith('.sql'));
    }
    catch {
        logger.warning(`No migrations directory at ${dir}: nothing to apply (set migrate.migrations-dir).`);
        return [];
    }
}
/**
 * The database URL comes from the environment variable the config names (a secret mapped in
 * the workflow), is masked in every derived form, and only its database name enters the plan.
 */
function readDatabaseUrl(config, env, secrets) {
    const preset = PRESETS[config.migrate.preset];
    if (!preset.requires.includes('database-url'))
        return {};
    const name = config.migrate['database-url-env'];
    const url = env[name];
    if (!url) {
        throw new errors/* ConfigurationError */.j1(`preset "${preset.name}" needs the database URL in $${name}: map it from a secret in the step's env (env: ${name}: \${{ secrets.DATABASE_URL }}), or set migrate.database-url-env to the variable you use`);
    }
    secrets.register(url);
    return { pgDatabase: databaseNameOf(url) };
}

// EXTERNAL MODULE: ./actions/migrate-with-rollback/src/lock.ts
var lock = __webpack_require__(2348);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/lock-session.ts

async function holdLock(deps, ctx, github, plan, recovering, signal) {
    const options = {
        github,
        repo: { owner: ctx.owner, repo: ctx.repo },
        ref: plan.lock.ref,
        clock: deps.clock,
        logger: deps.logger,
        ttlMs: plan.lock.ttlMs,
        waitTimeoutMs: plan.lock.waitTimeoutMs,
        pollMs: plan.lock.pollMs,
        recovering,
        signal,
        me: {
            runId: ctx.runId,
            runAttempt: ctx.runAttempt,
            runUrl: ctx.runUrl,
            holder: `${ctx.workflow || 'workflow'} by ${ctx.actor || 'unknown'}`,
            environment: plan.environment,
            backupId: plan.backupId,
        },
    };
    const handle = await (0,lock/* acquireLock */.IZ)(options);
    deps.io.saveState('lock-ref', plan.lock.ref);
    deps.io.saveState('run-id', ctx.runId);
    deps.io.saveState('run-attempt', ctx.runAttempt);
    deps.io.saveState('rollback-command', plan.rollbackCommand);
    deps.io.saveState('backup-id', plan.backupId);
    deps.io.saveState('phase', 'locked');
    let flagged = false;
    return {
        handle,
        options,
        setPhase: (phase) => deps.io.saveState('phase', phase),
        async flag(reason) {
            if (flagged)
                return;
            flagged = await (0,lock/* flagNeedsRecovery */.pn)(options, handle, plan.rollbackCommand, plan.backupId);
            deps.logger.warning(`Lock ${plan.lock.ref} flagged needs-recovery (${reason}) until the restore is verified.`);
        },
        async markTouchingProduction() {
            try {
                await (0,lock/* markTouchingProduction */.ku)(options, handle, plan.rollbackCommand, plan.backupId);
            }
            catch (error) {
                // The post step stays the safety net; failing here would stop a deploy for a lock note.
                deps.logger.warning(`Could not mark lock ${plan.lock.ref} as changing production (${error.message}); if this job dies without its post step, recover with: ${plan.rollbackCommand}`);
            }
        },
        async release() {
            let result;
            try {
                result = await (0,lock/* releaseLock */.x_)(options, ctx.runId, ctx.runAttempt, {
                    evenIfNeedsRecovery: true,
                });
            }
            catch (error) {
                // Production is consistent; only the delete failed. An unmarked lock expires into an
                // ordinary stale one that the re-run takes over (found by the crash matrix).
                if (handle.holder.touchingProduction && !handle.holder.needsRecovery)
                    await (0,lock/* clearTouchingProduction */.eW)(options, handle).catch(() => false);
                throw error;
            }
            deps.io.saveState('phase', 'done');
            return result;
        },
    };
}

// EXTERNAL MODULE: ./packages/core/src/github/request-errors.ts
var request_errors = __webpack_require__(8154);
// EXTERNAL MODULE: ./packages/core/src/github/landed.ts
var github_landed = __webpack_require__(2973);
// EXTERNAL MODULE: ./packages/core/src/github/limits.ts
var limits = __webpack_require__(9889);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/deployments.ts



/** GitHub caps a deployment status description at 140 characters. */
function fitDescription(text) {
    return (0,limits/* fitLine */.ax)(text, limits/* STATUS_DESCRIPTION_LIMIT */.cY);
}
/**
 * A deployment per run, ref = the merge commit, so "what is in production, since when, and
 * which backup goes with it" is visible on GitHub. Recording is not worth failing production
 * for: API trouble is a warning, and the run goes on.
 */
async function createDeployment(options) {
    const { github, repo, logger } = options;
    const unrecorded = [];
    let id = options.reuse;
    if (id === undefined)
        try {
            const create = (retries) => github.rest.repos.createDeployment({
                ...repo,
                ref: options.sha,
                environment: options.environment,
                task: options.task,
                auto_merge: false,
                required_contexts: [],
                description: fitDescription(options.description),
                payload: options.payload,
                production_environment: true,
                transient_environment: false,
                ...(retries === undefined ? {} : { request: { retries } }),
            });
            let data;
            try {
                // Not retried blindly: a create whose answer was lost has landed, and a second POST would
                // record the deploy twice (found by test/reliability). Look for it first.
                ({ data } = await create(0));
            }
            catch (error) {
                if (!(0,github_landed/* mayHaveLanded */.I)(error))
                    throw error;
                const landed = await (0,github_landed/* findLanded */.m)(error, () => findDeployment(github, repo, options));
                data = landed ?? (await create()).data;
            }
            if ('id' in data)
                id = data.id;
            else {
                const why = data.message ?? 'no reason given';
                unrecorded.push(`the deployment (${why})`);
                logger.warning(`GitHub did not create the deployment: ${why}`);
            }
        }
        catch (error) {
            unrecorded.push(`the deployment (${(0,request_errors/* describeGitHubError */.dZ)(error)})`);
            logger.warning(`Could not record the deployment on GitHub (${(0,request_errors/* describeGitHubError */.dZ)(error)}); continuing.`);
        }
    return {
        id,
        unrecorded,
        async status(state, description) {
            if (id === undefined)
                return;
            try {
                await github.rest.repos.createDeploymentStatus({
                    ...repo,
                    deployment_id: id,
                    state,
                    description: fitDescription(description),
                    log_url: options.logUrl,
                    environment: options.environment,
                    auto_inactive: state === 'success',
                });
            }
            catch (error) {
                unrecorded.push(`deployment status ${state} (${(0,request_errors/* describeGitHubError */.dZ)(error)})`);
                logger.warning(`Could not record deployment status ${state} (${(0,request_errors/* describeGitHubError */.dZ)(error)}).`);
            }
        },
    };
}
const latestStatus = async (github, repo, id) => (await github.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id, per_page: 1 }))
    .data[0];
/**
 * The newest deploy:migrate deployment of this SHA in this environment and how it ended: a run
 * for a merge that is already deployed does nothing, and a re-run after a failed or killed
 * attempt posts on that attempt's deployment instead of recording the deploy twice.
 */
async function findPriorDeployment(options) {
    const { github, repo, sha, environment } = options;
    const list = async (task) => (await github.rest.repos.listDeployments({ ...repo, sha, environment, task, per_page: 100 }))
        .data;
    const [newest] = await list('deploy:migrate');
    if (!newest)
        return undefined;
    const status = await latestStatus(github, repo, newest.id);
    let rolledBack = false;
    // inactive: it succeeded and a later success in the environment superseded it (auto_inactive).
    if (status?.state === 'success' || status?.state === 'inactive') {
        for (const r of await list('deploy:rollback')) {
            if (r.id <= newest.id)
                continue; // ids grow; timestamps have one-second resolution
            if ((await latestStatus(github, repo, r.id))?.state === 'success')
                rolledBack = true;
        }
    }
    return {
        id: newest.id,
        state: status?.state ?? 'none',
        description: status?.description ?? '',
        rolledBack,
    };
}
/** "migrated; backup <id>": the success status names the backup the run that finished took. */
const backupInDescription = (description) => /(?:^|; )backup ([A-Za-z0-9._-]+)/.exec(description ?? '')?.[1];
/**
 * The backup recorded for a commit, newest deployment first: the backup named by its success
 * status (a re-run after a failed attempt posts on the first attempt's deployment, whose payload
 * names that attempt's backup), else the payload's.
 */
async function findRecordedBackup(options) {
    const list = await options.github.rest.repos.listDeployments({
        ...options.repo,
        sha: options.sha,
        environment: options.environment,
        task: 'deploy:migrate',
        per_page: 100,
    });
    for (const d of list.data) {
        const latest = await latestStatus(options.github, options.repo, d.id);
        const named = latest?.state === 'success' ? backupInDescription(latest.description) : undefined;
        if (named)
            return { backupId: named };
        const payload = (typeof d.payload === 'string' ? safeJson(d.payload) : d.payload);
        if (payload && typeof payload.backupId === 'string') {
            return {
                backupId: payload.backupId,
                backupLocation: typeof payload.backupLocation === 'string' ? payload.backupLocation : undefined,
            };
        }
    }
    return undefined;
}
function safeJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/** The deployment this run created when its answer was lost: same SHA, task and payload. */
async function findDeployment(github, repo, options) {
    const { data } = await github.rest.repos.listDeployments({
        ...repo,
        sha: options.sha,
        environment: options.environment,
        task: options.task,
        per_page: 100,
    });
    const want = JSON.stringify(options.payload);
    return data.find((d) => JSON.stringify(d.payload) === want);
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/backup-store/age.ts


/** age (https://age-encryption.org) through the npm package; loaded only when a store encrypts. */
const loadAge = () => __webpack_require__.e(/* import() */ 855).then(__webpack_require__.bind(__webpack_require__, 855));
/** A short, stable name for a public key (recorded in the deployment; the key itself is public). */
const recipientFingerprint = (recipient) => (0,external_node_crypto_.createHash)('sha256').update(recipient).digest('hex').slice(0, 16);
/** The first recipient the age library refuses, with why; undefined when all parse. */
async function invalidRecipient(recipients) {
    const age = await loadAge();
    for (const [i, r] of recipients.entries()) {
        try {
            new age.Encrypter().addRecipient(r);
        }
        catch (error) {
            return `recipients[${i}] (${r.slice(0, 12)}...): ${error.message}`;
        }
    }
    return undefined;
}
/** The public key of an identity; throws when the text is not an age identity. */
async function recipientOfIdentity(identity) {
    const age = await loadAge();
    return age.identityToRecipient(identity.trim());
}
/**
 * Encrypt a stream to the recipients, streaming (age's STREAM format: 64 KiB chunks, each
 * authenticated), so a dump of any size passes through in constant memory.
 */
async function encrypting(source, recipients) {
    const age = await loadAge();
    const e = new age.Encrypter();
    for (const r of recipients)
        e.addRecipient(r);
    const web = external_node_stream_.Readable.toWeb(external_node_stream_.Readable.from(source));
    const out = await e.encrypt(web);
    return out;
}
/** Decrypt a stream with the identity; a tampered or truncated chunk throws. */
async function decrypting(source, identity) {
    const age = await loadAge();
    const d = new age.Decrypter();
    d.addIdentity(identity.trim());
    const web = external_node_stream_.Readable.toWeb(external_node_stream_.Readable.from(source));
    const out = await d.decrypt(web);
    return out;
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/backup-transfer.ts








/** A backup that could not be stored, or a stored one that is not what was stored. */
class BackupStoreError extends Error {
}
async function* tee(source, digest) {
    for await (const c of source)
        yield digest.update(c);
}
/**
 * Encrypt (age, to the configured recipients) and upload the dump in one streamed read, hashing
 * the plaintext and the stored bytes on the way; then read the object back from the store and
 * require the same size and sha256. Nothing here touches production.
 */
async function uploadBackup(store, plan, path) {
    const plain = new Digest();
    const source = tee((0,external_node_fs_.createReadStream)(path), plain);
    const recipients = plan.encryption?.recipients;
    let put;
    try {
        put = await store.put(recipients ? await encrypting(source, recipients) : source, plan.key);
    }
    catch (error) {
        throw new BackupStoreError(`uploading the backup to ${store.location(plan.key)} failed: ${describeStoreError(error)}`);
    }
    let served;
    // An object that is not proven equal to what was sent is not left where a rollback finds it.
    const discard = () => store.delete(plan.key).catch(() => { });
    try {
        served = await store.digest(plan.key);
    }
    catch (error) {
        await discard();
        throw new BackupStoreError(`reading the uploaded backup back from ${put.location} failed: ${describeStoreError(error)}`);
    }
    if (served.size !== put.size || served.sha256 !== put.sha256) {
        await discard();
        throw new BackupStoreError(`the store serves other bytes than were uploaded to ${put.location}: uploaded ${put.size} bytes sha256 ${put.sha256}, stored ${served.size} bytes sha256 ${served.sha256}`);
    }
    return {
        plain: { size: plain.size, sha256: plain.hex() },
        stored: {
            store: store.kind,
            key: plan.key,
            location: put.location,
            sizeBytes: put.size,
            sha256: put.sha256,
            ...(recipients
                ? { encryption: { scheme: 'age', recipients: recipients.map(recipientFingerprint) } }
                : {}),
        },
    };
}
/** The store's words for a failure, without anything secret (the SDK never echoes keys). */
function describeStoreError(error) {
    const e = error;
    const status = e?.$metadata?.httpStatusCode;
    const code = e?.name && e.name !== 'Error' ? e.name : undefined;
    return [status ? `HTTP ${status}` : undefined, code, e?.message]
        .filter(Boolean)
        .join(' ')
        .slice(0, 300);
}
/**
 * Bring a recorded backup to `target` as plaintext, on any runner: download (hashing the stored
 * bytes), refuse a sha256 that differs from the record (naming both), decrypt with the identity,
 * refuse a plaintext sha256 that differs. Scratch files are removed on refusal.
 */
async function fetchBackup(options) {
    const { store, manifest, target } = options;
    const stored = manifest.stored;
    const encrypted = Boolean(stored.encryption);
    const cipherPath = encrypted ? `${target}.age` : target;
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
    try {
        let got;
        try {
            got = await store.get(stored.key, cipherPath);
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1(`backup ${manifest.backupId}: could not download ${stored.location}: ${describeStoreError(error)}`);
        }
        if (got.sha256 !== stored.sha256 || got.size !== stored.sizeBytes) {
            throw new errors/* ConfigurationError */.j1(`backup ${manifest.backupId} at ${stored.location} is not the backup that was verified: recorded sha256 ${stored.sha256} (${stored.sizeBytes} bytes), stored object sha256 ${got.sha256} (${got.size} bytes); refusing to restore it`);
        }
        if (!encrypted)
            return;
        const name = options.identityEnv ?? 'AGE_SECRET_KEY';
        if (!options.identity)
            throw new errors/* ConfigurationError */.j1(`backup ${manifest.backupId} is encrypted with age: map the identity (AGE-SECRET-KEY-1...) from a production environment secret into $${name} (migrate.store.encryption.identity-env)`);
        let mine;
        try {
            mine = recipientFingerprint(await recipientOfIdentity(options.identity));
        }
        catch {
            throw new errors/* ConfigurationError */.j1(`$${name} is not an age identity (expected AGE-SECRET-KEY-1...); check the secret mapped into it`);
        }
        if (!stored.encryption.recipients.includes(mine))
            throw new errors/* ConfigurationError */.j1(`the identity in $${name} (public key fingerprint ${mine}) is not one of the recipients backup ${manifest.backupId} was encrypted to (${stored.encryption.recipients.join(', ')}); map the matching identity`);
        const plain = new Digest();
        try {
            const clear = await decrypting((0,external_node_fs_.createReadStream)(cipherPath), options.identity);
            await (0,external_node_stream_promises_.pipeline)(external_node_stream_.Readable.from(tee(clear, plain)), (0,external_node_fs_.createWriteStream)(target));
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1(`backup ${manifest.backupId}: decryption failed (${error.message}); refusing to restore it`);
        }
        const sha256 = plain.hex();
        if (sha256 !== manifest.sha256)
            throw new errors/* ConfigurationError */.j1(`backup ${manifest.backupId} decrypted to other bytes than were verified: recorded sha256 ${manifest.sha256}, decrypted sha256 ${sha256}; refusing to restore it`);
    }
    catch (error) {
        await (0,promises_.rm)(target, { force: true });
        throw error;
    }
    finally {
        if (encrypted)
            await (0,promises_.rm)(cipherPath, { force: true });
    }
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/store-setup.ts





const backupDirOf = (config, workspace) => (0,external_node_path_.isAbsolute)(config['backup-dir'])
    ? config['backup-dir']
    : (0,external_node_path_.resolve)(workspace, config['backup-dir']);
/** Why a store could not be used, in the words of the key that fixes it. */
function explainProbe(config, error) {
    const s = config;
    const where = `bucket "${s.bucket}" at ${s.endpoint ?? `AWS S3 (${s.region})`}`;
    const status = error?.$metadata?.httpStatusCode;
    const code = String(error?.code ?? error?.name);
    const why = describeStoreError(error);
    if (status === 403 || status === 401)
        return `migrate.store: ${where} refused the credentials (${why}): check the secrets mapped into $${s['access-key-id-env']} and $${s['secret-access-key-env']} (migrate.store.access-key-id-env / secret-access-key-env) and their permissions on the bucket`;
    if (status === 404 || /NoSuchBucket|NotFound/.test(code))
        return `migrate.store.bucket: ${where} does not exist (${why}): create it or fix migrate.store.bucket`;
    if (status === 301 || /PermanentRedirect/.test(code))
        return `migrate.store.region: ${where} is in another region (${why}): set migrate.store.region to the bucket's region`;
    return `migrate.store.endpoint: could not reach ${where} (${why}): check migrate.store.endpoint (and force-path-style for MinIO-like stores) and that the runner can reach it`;
}
/**
 * The configured store, checked before the lock is taken or anything changes: credentials
 * present (masked), recipients valid age public keys, the bucket reachable with these
 * credentials. Every failure names the key and the fix.
 */
async function prepareStore(config, workspace, env, secrets, options) {
    const store = openStore(config.store, backupDirOf(config, workspace), env, secrets);
    const enc = config.store.encryption;
    if (enc && enc !== 'none') {
        const bad = await invalidRecipient(enc.recipients);
        if (bad)
            throw new errors/* ConfigurationError */.j1(`migrate.store.encryption.${bad}: not an age public key; paste the "public key: age1..." line that age-keygen printed`);
    }
    if (options.probe && config.store.kind !== 'local') {
        try {
            await store.probe();
        }
        catch (error) {
            throw new errors/* ConfigurationError */.j1(secrets.mask(explainProbe(config.store, error)));
        }
    }
    return store;
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/signals.ts
/**
 * The runner cancels a job with SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that.
 * The first signal aborts the running command (a restore starts); later signals are logged and
 * ignored so the restore can use the grace period. Returns an uninstall function.
 */
function installCancellation(controller, logger, proc = process) {
    const handler = (signal) => {
        if (!controller.signal.aborted) {
            logger.warning(`Received ${signal}: stopping the running step; a restore follows if production was touched.`);
            controller.abort(new Error(`cancelled by ${signal}`));
        }
        else {
            logger.warning(`Received ${signal} again: still finishing the restore (SIGKILL follows about 2.5 s after SIGTERM).`);
        }
    };
    proc.on('SIGINT', handler);
    proc.on('SIGTERM', handler);
    return () => {
        proc.off('SIGINT', handler);
        proc.off('SIGTERM', handler);
    };
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/backup-record.ts

/**
 * The backup as GitHub keeps it: the payload of the deploy:migrate deployment that took it, so a
 * rollback on a runner that never saw the backup finds where it is and what its bytes must hash
 * to. GitHub's REST reference gives no size for a deployment payload
 * (https://docs.github.com/en/rest/deployments/deployments#create-a-deployment; it documents 64 KB
 * for a repository_dispatch client_payload), so the record is kept compact: table checksums are
 * summarised above TABLES_INLINE_MAX characters.
 */
const TABLES_INLINE_MAX = 8_000;
/** Order-independent digest of a checksum map (what is compared when only the digest is kept). */
function digestTables(tables) {
    const canonical = Object.keys(tables)
        .sort()
        .map((t) => `${t}=${tables[t]}`)
        .join('\n');
    return {
        count: Object.keys(tables).length,
        sha256: (0,external_node_crypto_.createHash)('sha256').update(canonical).digest('hex'),
    };
}
/** The deploy:migrate payload for a verified, stored backup. */
function backupPayload(m) {
    const stored = m.stored ?? {
        store: 'local',
        key: m.location,
        location: m.location,
        sizeBytes: m.sizeBytes,
        sha256: m.sha256,
    };
    const tables = m.tableChecksums;
    const inline = tables && JSON.stringify(tables).length <= TABLES_INLINE_MAX;
    const record = {
        v: 1,
        id: m.backupId,
        environment: m.environment,
        sha: m.sha,
        createdAt: m.createdAt,
        preset: m.preset,
        format: m.format,
        store: stored.store,
        key: stored.key,
        location: stored.location,
        plain: { size: m.sizeBytes, sha256: m.sha256 },
        stored: { size: stored.sizeBytes, sha256: stored.sha256 },
        ...(stored.encryption ? { encryption: stored.encryption } : {}),
        ...(m.bookmark ? { bookmark: m.bookmark } : {}),
        ...(inline ? { tables } : {}),
        ...(tables && !inline ? { tableDigest: digestTables(tables) } : {}),
        ...(m.tableDigest && !tables ? { tableDigest: m.tableDigest } : {}),
        ...(m.runUrl ? { runUrl: m.runUrl } : {}),
    };
    // backupId/backupLocation: the keys earlier versions recorded (older readers find them).
    return {
        backupId: m.backupId,
        backupLocation: stored.location,
        preset: m.preset,
        backup: record,
    };
}
const isString = (v) => typeof v === 'string';
/** A manifest from a deployment payload, or undefined when the payload names no full record. */
function manifestFromPayload(payload) {
    const p = (isString(payload) ? backup_record_safeJson(payload) : payload);
    const b = p?.backup;
    if (!b || b.v !== 1 || !isString(b.id) || !b.plain || !b.stored || !isString(b.location))
        return undefined;
    return {
        version: 1,
        backupId: b.id,
        environment: b.environment ?? '',
        preset: b.preset ?? '',
        sha: b.sha ?? '',
        createdAt: b.createdAt ?? '',
        location: b.location,
        sizeBytes: b.plain.size,
        sha256: b.plain.sha256,
        format: b.format ?? 'opaque',
        bookmark: b.bookmark,
        tableChecksums: b.tables,
        tableDigest: b.tableDigest,
        stored: {
            store: b.store === 's3' ? 's3' : 'local',
            key: b.key ?? b.location,
            location: b.location,
            sizeBytes: b.stored.size,
            sha256: b.stored.sha256,
            encryption: b.encryption,
        },
        runUrl: b.runUrl,
        verification: ['recorded in the deploy:migrate deployment'],
    };
}
function backup_record_safeJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/**
 * The record of a backup, found from GitHub alone: the environment's deploy:migrate deployments
 * (newest first; narrowed to a commit when it is known) whose payload names the backup id.
 */
async function findBackupRecord(options) {
    const { github, repo } = options;
    for (let page = 1; page <= 10; page++) {
        const { data } = await github.rest.repos.listDeployments({
            ...repo,
            environment: options.environment,
            task: 'deploy:migrate',
            ...(options.sha ? { sha: options.sha } : {}),
            per_page: 100,
            page,
        });
        for (const d of data) {
            const m = manifestFromPayload(d.payload);
            if (m?.backupId === options.backupId)
                return m;
        }
        if (data.length < 100)
            break;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/step-runner.ts



function childEnv(command, ctx) {
    const env = { ...ctx.env };
    if (command.connection) {
        const url = ctx.databaseUrlEnv ? ctx.env[ctx.databaseUrlEnv] : undefined;
        if (url) {
            if (command.connection === 'libpq')
                Object.assign(env, libpqEnv(url, ctx.databaseUrlEnv));
            else
                env.DATABASE_URL = url;
        }
    }
    for (const [child, source] of Object.entries(command.env)) {
        const value = ctx.env[source];
        ctx.secrets.register(value);
        if (value !== undefined)
            env[child] = value;
    }
    return env;
}
/** Find an error marker in output; markers are multi-line regexes (`^` matches each line). */
function findErrorMarker(output, markers) {
    for (const m of markers) {
        const match = new RegExp(m, 'm').exec(output);
        if (match) {
            const start = output.lastIndexOf('\n', match.index) + 1;
            const end = output.indexOf('\n', match.index);
            return output.slice(start, end === -1 ? undefined : end).trim();
        }
    }
    return undefined;
}
const tailOf = (text, lines = 15) => text.trimEnd().split('\n').slice(-lines).join('\n');
async function runStep(step, ctx) {
    const started = Date.now();
    const records = [];
    const fail = (error, tail, aborted) => ({
        name: step.name,
        ok: false,
        durationMs: Date.now() - started,
        commands: records,
        error: ctx.secrets.mask(error),
        tail: tail === undefined ? undefined : ctx.secrets.mask(tail),
        aborted,
    });
    const deadline = started + step.timeoutMs;
    let stdout = '';
    for (const command of step.commands) {
        const argv = bindRuntime(command.argv, ctx.runtime, `step ${step.name}`);
        const shown = ctx.secrets.mask(argv.map(displayArg).join(' '));
        if (command.migrationName && ctx.applied?.has(command.migrationName)) {
            records.push({ argv: shown, exitCode: null, durationMs: 0, skipped: 'already applied' });
            continue;
        }
        if (ctx.signal?.aborted)
            return fail(`${step.name} cancelled before: ${shown}`, undefined, true);
        const remaining = deadline - Date.now();
        if (remaining <= 0)
            return fail(`${step.name} timed out after ${step.timeoutMs} ms before: ${shown}`);
        ctx.logger.info(`$ ${shown}`);
        const result = await ctx.run(argv, {
            env: childEnv(command, ctx),
            cwd: ctx.cwd,
            timeoutMs: remaining,
            signal: ctx.signal,
            onLine: (line) => ctx.logger.info(ctx.secrets.mask(line)),
        });
        stdout += result.stdout;
        const record = {
            argv: shown,
            exitCode: result.exitCode,
            durationMs: result.durationMs,
        };
        records.push(record);
        if (result.aborted) {
            record.failure = 'cancelled';
            return fail(`${step.name} cancelled while running: ${shown}`, tailOf(result.output), true);
        }
        if (result.timedOut) {
            record.failure = 'timed out';
            return fail(`${step.name} timed out after ${step.timeoutMs} ms: ${shown}`, tailOf(result.output));
        }
        if (result.spawnError) {
            record.failure = result.spawnError;
            return fail(`${step.name}: could not start ${argv[0]} (${result.spawnError}); is it installed and on PATH?`);
        }
        if (result.exitCode !== 0) {
            record.failure = `exit ${result.exitCode ?? result.signal}`;
            return fail(`${step.name} failed (exit ${result.exitCode ?? result.signal}): ${shown}`, tailOf(result.output));
        }
        // Exit 0 is not proof: wrangler d1 has printed an error and exited 0.
        const marker = findErrorMarker(result.output, command.errorMarkers);
        if (marker) {
            record.failure = 'error marker';
            return fail(`${step.name} exited 0 but printed an error ("${marker.slice(0, 200)}"): ${shown}`, tailOf(result.output));
        }
        if (command.capture) {
            const m = new RegExp(command.capture.pattern, 'm').exec(result.stdout);
            if (!m?.[1])
                return fail(`${step.name}: expected ${command.capture.name} in the output of ${shown}`, tailOf(result.output));
            ctx.runtime[command.capture.name] = m[1];
        }
    }
    return { name: step.name, ok: true, durationMs: Date.now() - started, commands: records, stdout };
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/manifest.ts


async function writeManifest(path, manifest) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    await (0,promises_.writeFile)(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
    await (0,promises_.rename)(tmp, path);
}
async function readManifest(path) {
    try {
        return JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw new Error(`${path} is not a readable manifest: ${error.message}`);
    }
}
/** The newest manifest in a backup dir whose sha matches (a release's commit). */
async function findManifestBySha(dir, sha, environment) {
    let names;
    try {
        names = await (0,promises_.readdir)(dir);
    }
    catch {
        return undefined;
    }
    const found = [];
    for (const n of names.filter((x) => x.endsWith('.manifest.json'))) {
        const m = await readManifest((0,external_node_path_.join)(dir, n)).catch(() => undefined);
        if (m && m.environment === environment && (m.sha === sha || m.sha.startsWith(sha)))
            found.push(m);
    }
    return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/table-checksums.ts

/**
 * PostgreSQL: per table, row count and an order-independent sum of row md5s (no sort, so it
 * stays cheap on large tables). Table names come from quote_ident, so embedding them is safe.
 */
async function postgresTableChecksums(run, env, url, urlEnvName, timeoutMs) {
    const childEnv = { ...env, ...libpqEnv(url, urlEnvName) };
    const psql = ['psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-F', '\t'];
    const list = await run([
        ...psql,
        '-c',
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
    ], { env: childEnv, timeoutMs });
    if (list.exitCode !== 0)
        throw new Error(`listing tables failed: ${list.output.trim().slice(-300)}`);
    const tables = list.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    if (tables.length === 0)
        return {};
    const query = tables
        .map((t) => `SELECT '${t.replace(/'/g, "''")}', count(*), coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint::numeric), 0) FROM ${t} r`)
        .join(' UNION ALL ');
    const sums = await run([...psql, '-c', query], { env: childEnv, timeoutMs });
    if (sums.exitCode !== 0)
        throw new Error(`checksumming tables failed: ${sums.output.trim().slice(-300)}`);
    const out = {};
    for (const line of sums.stdout.split('\n').filter(Boolean)) {
        const [table, rows, sum] = line.split('\t');
        if (table)
            out[table] = `${rows}:${sum}`;
    }
    return out;
}
/** SQLite: per table, row count and the CLI's SHA3 of the table's content. */
async function sqliteTableChecksums(run, env, path, timeoutMs) {
    const list = await run([
        'sqlite3',
        '-bail',
        '-readonly',
        path,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1",
    ], { env, timeoutMs });
    if (list.exitCode !== 0)
        throw new Error(`listing tables of ${path} failed: ${list.output.trim().slice(-300)}`);
    const tables = list.stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const out = {};
    for (const t of tables) {
        const q = `"${t.replace(/"/g, '""')}"`;
        const r = await run([
            'sqlite3',
            '-bail',
            '-readonly',
            path,
            `SELECT count(*) FROM ${q}`,
            `.sha3sum '${t.replace(/'/g, "''")}'`,
        ], { env, timeoutMs });
        if (r.exitCode !== 0)
            throw new Error(`checksumming ${t} failed: ${r.output.trim().slice(-300)}`);
        const [rows, hash] = r.stdout.trim().split('\n');
        out[t] = `${rows}:${hash?.trim()}`;
    }
    return out;
}
/** Tables whose checksum differs, is missing, or is extra; empty when equal. */
function diffChecksums(expected, actual) {
    const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    const diffs = [];
    for (const n of [...names].sort()) {
        if (!(n in actual))
            diffs.push(`${n}: missing after restore`);
        else if (!(n in expected))
            diffs.push(`${n}: not in the backup (created after it)`);
        else if (expected[n] !== actual[n])
            diffs.push(`${n}: ${expected[n]} before, ${actual[n]} after`);
    }
    return diffs;
}
/**
 * The checksums the plan's restore check compares (the preset's restoreCheck): of the live
 * database, or of the backup file itself for SQLite; undefined when the plan has no such check.
 */
async function checksumsFor(plan, deps, target, timeoutMs) {
    if (plan.restoreCheck === 'pg-table-checksums') {
        const url = plan.databaseUrlEnv ? deps.env[plan.databaseUrlEnv] : undefined;
        if (!url)
            return undefined;
        return postgresTableChecksums(deps.run, deps.env, url, plan.databaseUrlEnv, timeoutMs);
    }
    if (plan.restoreCheck === 'sqlite-table-checksums' && plan.sqlitePath) {
        return sqliteTableChecksums(deps.run, deps.env, target === 'backup' ? plan.backupPath : plan.sqlitePath, timeoutMs);
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/verify-backup.ts




async function sha256File(path) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for await (const chunk of (0,external_node_fs_.createReadStream)(path))
        hash.update(chunk);
    return hash.digest('hex');
}
/** Decompress the whole file (gzip -t) and keep the last bytes of text for the trailer check. */
async function gunzipTail(path) {
    let tail = '';
    for await (const chunk of (0,external_node_fs_.createReadStream)(path).pipe((0,external_node_zlib_.createGunzip)())) {
        tail = (tail + chunk.toString('utf8')).slice(-4096);
    }
    return tail;
}
async function textTail(path, size) {
    let tail = '';
    for await (const chunk of (0,external_node_fs_.createReadStream)(path, { start: Math.max(0, size - 4096) }))
        tail += chunk.toString('utf8');
    return tail;
}
/**
 * No verified backup, no migration. Backups have failed silently: a pipe hid pg_dump's exit
 * code, a 20-byte file was accepted, a truncated custom dump still lists its TOC (the TOC is at
 * the start), so for pg custom format the whole archive is read back, not only --list.
 */
async function verifyBackup(input) {
    const checks = [];
    const reject = (reason, sizeBytes = 0, sha256 = '') => ({
        ok: false,
        sizeBytes,
        sha256,
        checks,
        reason,
    });
    let size;
    try {
        const s = await (0,promises_.stat)(input.path);
        if (!s.isFile())
            return reject(`${input.path} is not a file`);
        size = s.size;
    }
    catch {
        return reject(`backup file ${input.path} does not exist (the backup command exited 0 without writing it)`);
    }
    if (size < input.minBytes) {
        return reject(`backup is ${size} bytes, below min-backup-bytes (${input.minBytes}): an empty or truncated dump is not a backup`, size);
    }
    checks.push(`size ${size} bytes >= ${input.minBytes}`);
    // Hash while the format check reads the file (two cores, two readers).
    const hashing = sha256File(input.path);
    const problem = await checkFormat(input, size, checks);
    const sha256 = await hashing;
    if (problem)
        return reject(problem, size, sha256);
    checks.splice(1, 0, `sha256 ${sha256}`);
    return { ok: true, sizeBytes: size, sha256, checks };
}
/** The format's integrity check; returns why the backup is rejected, or undefined. */
async function checkFormat(input, size, checks) {
    switch (input.format) {
        case 'pg-custom': {
            const list = await input.run(['pg_restore', '--list', input.path], {
                env: input.env,
                timeoutMs: input.timeoutMs,
            });
            const entries = /TOC Entries: (\d+)/.exec(list.stdout)?.[1];
            if (list.exitCode !== 0 || !entries) {
                return `pg_restore --list cannot read the archive: ${list.output.trim().slice(-300)}`;
            }
            checks.push(`pg_restore --list: ${entries} TOC entries`);
            const full = await input.run(['pg_restore', '-f', '/dev/null', input.path], {
                env: input.env,
                timeoutMs: input.timeoutMs,
            });
            if (full.exitCode !== 0) {
                return `reading the whole archive failed (truncated?): ${full.output.trim().slice(-300)}`;
            }
            checks.push('pg_restore read every data block');
            break;
        }
        case 'sqlite': {
            const r = await input.run(['sqlite3', '-readonly', input.path, 'PRAGMA integrity_check'], {
                env: input.env,
                timeoutMs: input.timeoutMs,
            });
            if (r.exitCode !== 0 || r.stdout.trim() !== 'ok') {
                return `PRAGMA integrity_check on the backup: ${r.output.trim().slice(-300) || 'not ok'}`;
            }
            checks.push('PRAGMA integrity_check: ok');
            break;
        }
        case 'gzip-sql': {
            let tail;
            try {
                tail = await gunzipTail(input.path);
            }
            catch (error) {
                return `gzip integrity (gzip -t) failed: ${error.message}`;
            }
            checks.push('gzip stream complete');
            if (input.trailer && !new RegExp(input.trailer).test(tail)) {
                return `the dump has no completion trailer (/${input.trailer}/): it was cut short`;
            }
            if (input.trailer)
                checks.push('completion trailer present');
            break;
        }
        case 'sql-text': {
            const tail = await textTail(input.path, size);
            if (input.trailer ? !new RegExp(input.trailer).test(tail) : !/;\s*$/.test(tail)) {
                return 'the SQL export does not end with a complete statement: it was cut short';
            }
            checks.push('SQL export ends with a complete statement');
            break;
        }
        case 'opaque':
            break;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/backup-and-verify.ts






/** A promise that never rejects, so it can run alongside another and be read after it. */
const settle = (promise) => promise.then((value) => ({ value, error: undefined }), (error) => ({ value: undefined, error }));
/** Backup, then verify it; no verified backup, no migration. */
async function backupAndVerify(plan, deps, ctx) {
    await (0,promises_.mkdir)(plan.backupDir, { recursive: true });
    const started = deps.clock.now();
    const backup = await deps.logger.group('backup', () => runStep(plan.steps.backup, ctx));
    if (!backup.ok)
        return { steps: [backup], failure: backup.error };
    const remote = plan.store.kind !== 'local' ? deps.store : undefined;
    const verified = await verifyAndStore(plan, deps, ctx, remote);
    const { verifyStep, verification, stored } = verified;
    const steps = [backup, verifyStep];
    if (!verifyStep.ok)
        return { steps, failure: verifyStep.error };
    const manifest = manifestOf(plan, deps, started, ctx.runtime.bookmark, verified);
    await writeManifest(plan.manifestPath, manifest);
    if (remote) {
        const failure = await storeManifest(plan, deps, remote, manifest);
        if (failure) {
            verifyStep.ok = false;
            verifyStep.error = failure;
            return { steps, failure };
        }
    }
    deps.logger.info(`Backup ${plan.backupId} verified: ${verification.sizeBytes} bytes, sha256 ${verification.sha256}, at ${stored.location}`);
    return { steps, manifest };
}
/**
 * The verify step. While the file is verified, table checksums are read and a remote store
 * receives the backup (one more read of the file at the same time, instead of after); the
 * upload's sha256 must agree with the verifier's.
 */
async function verifyAndStore(plan, deps, ctx, remote) {
    const t0 = Date.now();
    const uploading = remote ? settle(uploadBackup(remote, plan.store, plan.backupPath)) : undefined;
    // Table checksums (live database or backup file, read-only) while the backup is verified.
    const checksumming = settle(checksumsFor(plan, deps, 'backup', plan.steps.verify?.timeoutMs ?? 10 * 60_000));
    const { verification, verifyStep } = await verifyBackupFile(plan, deps, ctx);
    const tableChecksums = recordChecksums(verifyStep, await checksumming);
    let stored = {
        store: 'local',
        key: plan.store.key,
        location: plan.backupPath,
        sizeBytes: verification.sizeBytes,
        sha256: verification.sha256,
    };
    if (uploading)
        stored =
            (await checkUpload(plan, deps, remote, verification, verifyStep, await uploading)) ?? stored;
    verifyStep.durationMs = Date.now() - t0;
    return { verifyStep, verification, stored, tableChecksums };
}
/** The built-in checks of the file (format, size, trailer), then the user's verify command. */
async function verifyBackupFile(plan, deps, ctx) {
    const verification = await verifyBackup({
        path: plan.backupPath,
        format: plan.backupFormat,
        minBytes: plan.minBackupBytes,
        trailer: plan.trailer,
        run: deps.run,
        env: deps.env,
        timeoutMs: plan.steps.verify?.timeoutMs ?? 10 * 60_000,
    });
    const verifyStep = {
        name: 'verify',
        ok: verification.ok,
        durationMs: 0,
        commands: verification.checks.map((c) => ({ argv: c, exitCode: 0, durationMs: 0 })),
        error: verification.reason ? `backup rejected: ${verification.reason}` : undefined,
    };
    if (verification.ok && plan.steps.verify) {
        const user = await runStep(plan.steps.verify, ctx);
        verifyStep.commands.push(...user.commands);
        if (!user.ok) {
            verifyStep.ok = false;
            verifyStep.error = `backup rejected by the verify command: ${user.error}`;
            verifyStep.tail = user.tail;
        }
    }
    return { verification, verifyStep };
}
/** The table checksums of a verified backup; failing to read them fails the verification. */
function recordChecksums(verifyStep, checksums) {
    if (!verifyStep.ok)
        return undefined;
    if (checksums.error) {
        verifyStep.ok = false;
        verifyStep.error = `could not record table checksums: ${checksums.error.message}`;
        return undefined;
    }
    const tableChecksums = checksums.value;
    if (tableChecksums) {
        verifyStep.commands.push({
            argv: `table checksums recorded (${Object.keys(tableChecksums).length} tables)`,
            exitCode: 0,
            durationMs: 0,
        });
    }
    return tableChecksums;
}
/**
 * Where the remote store holds the verified backup; undefined (and the upload deleted) when the
 * upload failed, or differs from what was verified, or the backup is not verified.
 */
async function checkUpload(plan, deps, remote, verification, verifyStep, upload) {
    let stored;
    if (verifyStep.ok && upload.error) {
        verifyStep.ok = false;
        verifyStep.error = `backup not stored: ${deps.secrets.mask(upload.error.message)}`;
    }
    else if (verifyStep.ok && upload.value.plain.sha256 !== verification.sha256) {
        verifyStep.ok = false;
        verifyStep.error = `the backup file changed while it was uploaded: verified sha256 ${verification.sha256}, uploaded ${upload.value.plain.sha256}`;
    }
    else if (verifyStep.ok) {
        stored = upload.value.stored;
        verifyStep.commands.push({
            argv: `stored at ${stored.location}: ${stored.sizeBytes} bytes${stored.encryption ? ' (age-encrypted)' : ''}, sha256 ${stored.sha256}; read back and equal`,
            exitCode: 0,
            durationMs: 0,
        });
    }
    // A backup that is not verified is not kept where a rollback could find it.
    if (!verifyStep.ok && upload.value)
        await remote.delete(plan.store.key).catch(() => { });
    return stored;
}
/** The record of the verified backup (what a rollback on any runner restores from). Pure. */
function manifestOf(plan, deps, started, bookmark, verified) {
    const { verification, stored } = verified;
    return {
        version: 1,
        backupId: plan.backupId,
        environment: plan.environment,
        preset: plan.preset,
        sha: plan.sha,
        createdAt: started.toISOString(),
        location: stored.location,
        sizeBytes: verification.sizeBytes,
        sha256: verification.sha256,
        format: plan.backupFormat,
        bookmark,
        tableChecksums: verified.tableChecksums,
        stored,
        runUrl: deps.runUrl,
        verification: verification.checks,
    };
}
/**
 * The manifest beside the remote backup: what a rollback reads when GitHub's record of this
 * backup is missing. A failure deletes the backup too, and says why.
 */
async function storeManifest(plan, deps, remote, manifest) {
    try {
        await remote.put([new Uint8Array(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`))], plan.store.manifestKey);
        return undefined;
    }
    catch (error) {
        await remote.delete(plan.store.key).catch(() => { });
        return `backup not stored: writing its manifest to ${remote.location(plan.store.manifestKey)} failed: ${deps.secrets.mask(describeStoreError(error))}`;
    }
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/orchestrate.ts





function ctxFor(plan, deps, runtime, signal, applied) {
    return {
        run: deps.run,
        logger: deps.logger,
        secrets: deps.secrets,
        env: deps.env,
        databaseUrlEnv: plan.databaseUrlEnv,
        signal,
        runtime,
        applied,
    };
}
const skippedStep = (name) => ({
    name,
    ok: true,
    durationMs: 0,
    commands: [],
});
/** restore (own timeout, not cancellable: it is the way back) -> restart -> verify the restore. */
async function restoreAndVerify(plan, deps, report, runtime, expected) {
    const ctx = ctxFor(plan, deps, runtime, undefined);
    await (0,promises_.mkdir)(plan.workDir, { recursive: true });
    try {
        const restore = await deps.logger.group('restore', () => runStep(plan.steps.restore, ctx));
        report.steps.push(restore);
        if (!restore.ok) {
            report.rollbackFailure = restore.error;
            return false;
        }
    }
    finally {
        await (0,promises_.rm)(plan.workDir, { recursive: true, force: true });
    }
    if (plan.steps.restart) {
        const restart = await runStep(plan.steps.restart, ctx);
        report.steps.push({ ...restart, name: 'restart' });
        if (!restart.ok) {
            report.rollbackFailure = `restored, but the restart after it failed: ${restart.error}`;
            return false;
        }
    }
    const verify = await verifyRestore(plan, deps, ctx, expected);
    report.steps.push(verify);
    if (!verify.ok) {
        report.rollbackFailure = verify.error;
        return false;
    }
    return true;
}
/** The user's verify-restore command, then the restored tables compared with the backup's. */
async function verifyRestore(plan, deps, ctx, expected) {
    const t0 = Date.now();
    const verify = { name: 'verify-restore', ok: true, durationMs: 0, commands: [] };
    if (plan.steps['verify-restore']) {
        const user = await runStep(plan.steps['verify-restore'], ctx);
        verify.commands.push(...user.commands);
        if (!user.ok) {
            verify.ok = false;
            verify.error = user.error;
            verify.tail = user.tail;
        }
    }
    if (verify.ok && (expected?.tables || expected?.digest))
        await compareTables(plan, deps, expected, verify);
    verify.durationMs = Date.now() - t0;
    return verify;
}
/** The live tables' checksums against the backup's (each table, or the digest of them all). */
async function compareTables(plan, deps, expected, verify) {
    try {
        const actual = await checksumsFor(plan, deps, 'live', plan.steps.restore?.timeoutMs ?? 10 * 60_000);
        const diffs = expected.tables
            ? diffChecksums(expected.tables, actual ?? {})
            : digestTables(actual ?? {}).sha256 === expected.digest.sha256
                ? []
                : [
                    `the digest of ${Object.keys(actual ?? {}).length} restored tables differs from the backup's (${expected.digest.count} tables; the list was summarised)`,
                ];
        const count = expected.tables ? Object.keys(expected.tables).length : expected.digest.count;
        if (diffs.length > 0) {
            verify.ok = false;
            verify.error = `restored tables differ from the backup: ${diffs.slice(0, 5).join('; ')}`;
        }
        else {
            verify.commands.push({
                argv: `table checksums equal to the backup's (${count} tables)`,
                exitCode: 0,
                durationMs: 0,
            });
        }
    }
    catch (error) {
        verify.ok = false;
        verify.error = `could not checksum the restored tables: ${error.message}`;
    }
}
/**
 * lock (caller) -> backup -> verify -> migrate -> restart -> post-check -> unlock (caller).
 * A failure (or cancellation) of migrate, restart or post-check restores the verified backup.
 */
async function orchestrateMigration(plan, deps) {
    const report = { state: 'not-migrated', steps: [], cancelled: false, next: [] };
    const runtime = {};
    let applied;
    if (plan.steps.list) {
        const list = await runStep(plan.steps.list, ctxFor(plan, deps, runtime, deps.signal));
        report.steps.push(list);
        if (!list.ok) {
            report.failure = list.error;
            report.next.push('Production was not changed. Fix the database connection or the list command, then re-run.');
            return report;
        }
        applied = new Set((list.stdout ?? '')
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean));
    }
    const backup = await backupAndVerify(plan, deps, ctxFor(plan, deps, runtime, deps.signal));
    report.steps.push(...backup.steps);
    if (!backup.manifest) {
        report.failure = backup.failure;
        report.cancelled = deps.signal.aborted;
        report.next.push('Production was not changed: no verified backup, no migration. Fix the backup (see above), then re-run.');
        return report;
    }
    report.manifest = backup.manifest;
    await deps.hooks?.backupVerified?.(report.manifest);
    const failed = await changeProduction(plan, deps, report, runtime, applied);
    if (!failed) {
        report.state = 'migrated';
        return report;
    }
    await restoreAfter(failed, plan, deps, report, runtime);
    return report;
}
/** migrate -> restart -> post-check, until one fails or the job is cancelled: that step. */
async function changeProduction(plan, deps, report, runtime, applied) {
    for (const name of ['migrate', 'restart', 'post-check']) {
        const step = plan.steps[name];
        if (!step) {
            if (name === 'migrate')
                report.steps.push(skippedStep(name));
            continue;
        }
        if (deps.signal.aborted) {
            const cancelled = {
                name,
                ok: false,
                durationMs: 0,
                commands: [],
                error: `cancelled before ${name}`,
                aborted: true,
            };
            report.steps.push(cancelled);
            return cancelled;
        }
        const outcome = await deps.logger.group(name, () => runStep(step, ctxFor(plan, deps, runtime, deps.signal, applied)));
        report.steps.push(outcome);
        if (!outcome.ok)
            return outcome;
    }
    return undefined;
}
/** The `failed` step (or a cancellation) puts the verified backup back; the report says what next. */
async function restoreAfter(failed, plan, deps, report, runtime) {
    report.cancelled = deps.signal.aborted || Boolean(failed.aborted);
    report.failure = failed.error;
    const reason = report.cancelled ? 'the job was cancelled mid-migration' : `${failed.name} failed`;
    deps.logger.error(`${failed.error}; restoring backup ${plan.backupId} (${reason}).`);
    await deps.hooks?.restoreStarting?.(reason);
    const ok = await restoreAndVerify(plan, deps, report, runtime, {
        tables: report.manifest?.tableChecksums,
    });
    report.state = ok ? 'rolled-back' : 'rollback-failed';
    if (ok) {
        report.next.push(`Production is back at backup ${plan.backupId} (taken ${report.manifest?.createdAt}); writes made after it were discarded.`, 'Fix the migration in a new promotion; the next run starts clean (the lock is released).');
    }
    else {
        report.next.push(`Production may be half-migrated. The lock ${plan.lock.ref} stays flagged needs-recovery so no other deploy runs.`, `Recover with: ${plan.rollbackCommand}`, `The verified backup is ${report.manifest?.location ?? plan.backupPath} (sha256 ${report.manifest?.sha256}).`);
    }
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/migrate-production.ts




/**
 * backup -> verify -> migrate -> restart -> post-check (orchestrateMigration), with the
 * deployment recorded once the backup is verified and stored, so its payload names where the
 * backup is and what its bytes hash to: a rollback on any runner finds it from GitHub alone.
 */
async function migrateProduction(run, lock, prior) {
    const { deps, plan } = run;
    const recorded = {};
    try {
        const report = await orchestrateMigration(plan, {
            run: deps.run,
            logger: deps.logger,
            secrets: run.secrets,
            env: deps.env,
            clock: deps.clock,
            signal: run.signal,
            runUrl: run.ctx.runUrl,
            store: run.store,
            hooks: productionHooks(run, lock, prior, recorded),
        });
        return { report, deployment: recorded.deployment };
    }
    catch (error) {
        // An unexpected error mid-run: we do not know production's state, so the lock stays flagged.
        await lock.flag('unexpected error').catch(() => { });
        await recorded.deployment?.status('error', `error: ${error.message}`);
        throw new errors/* ExplainedFailure */.ho(`migrate-with-rollback failed while production was being changed: ${error.message}. ` +
            `Production may be half-migrated: the lock ${plan.lock.ref} stays flagged needs-recovery so no other deploy runs. ` +
            `Recover with: ${plan.rollbackCommand}`);
    }
}
/**
 * Once the backup is verified: the deployment recorded (into `recorded`; on the prior attempt's
 * when there is one) and the lock marked as changing production. Before a restore: the lock
 * flagged, and the summary says how to recover if this run dies.
 */
function productionHooks(run, lock, prior, recorded) {
    const { deps, plan } = run;
    return {
        backupVerified: async (manifest) => {
            const deployment = await createDeployment({
                reuse: prior?.id,
                github: run.github,
                repo: run.repo,
                logger: deps.logger,
                sha: run.sha,
                environment: run.environment,
                task: 'deploy:migrate',
                description: `migrate ${run.environment} with backup ${plan.backupId}`,
                payload: backupPayload(manifest),
                logUrl: run.ctx.runUrl,
            });
            recorded.deployment = deployment;
            if (deployment.id !== undefined)
                deps.progress.done(`deployment #${deployment.id} recorded (a re-run posts on it)`);
            await deployment.status('in_progress', `backup ${plan.backupId} verified, migrating (${plan.preset})`);
            await lock.markTouchingProduction();
            lock.setPhase('touching-production');
        },
        restoreStarting: async (reason) => {
            await lock.flag(reason);
            await deps.io.appendSummary(`## Migrate ${run.environment}: restoring\n\n${reason}; restoring backup \`${plan.backupId}\`. If this run dies before the restore is verified, the lock stays flagged; recover with:\n\n\`${plan.rollbackCommand}\`\n`);
        },
    };
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/retention.ts
/** The backup id a stored key belongs to (<env>-<yyyymmddThhmmssZ>-<sha7>...), if any. */
function backupIdOfKey(key, environment) {
    const name = key.slice(key.lastIndexOf('/') + 1);
    const env = environment.replace(/[^A-Za-z0-9_-]/g, '-').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^(${env}-\\d{8}T\\d{6}Z-[A-Za-z0-9]+)(?:\\.|$)`).exec(name)?.[1];
}
/**
 * Pure: which backup ids to delete, keeping the newest `keep` and every protected one. `current`
 * (the backup this run just took) is the newest whatever its name says: two backups taken in the
 * same second differ only by their commit, which says nothing about which came first.
 */
function planRetention(ids, keep, protect, current) {
    // Ids embed a UTC timestamp right after the environment: name order is time order.
    const others = [...new Set(ids)]
        .filter((id) => id !== current)
        .sort()
        .reverse();
    const newestFirst = current ? [current, ...others] : others;
    return newestFirst.slice(keep).filter((id) => !protect.has(id));
}
const CURRENT = new Set(['success', 'in_progress', 'queued', 'pending']);
/**
 * Backup ids a current deployment of the environment names (its latest status success or still
 * running; not inactive, failure or error): never deleted, whatever their age.
 */
async function namedByCurrentDeployments(github, repo, environment, candidates) {
    const { data } = await github.rest.repos.listDeployments({ ...repo, environment, per_page: 100 });
    const protect = new Set();
    for (const d of data) {
        const payload = (typeof d.payload === 'string' ? {} : d.payload);
        const id = typeof payload.backupId === 'string' ? payload.backupId : undefined;
        if (!id || !candidates.has(id) || protect.has(id))
            continue;
        const { data: statuses } = await github.rest.repos.listDeploymentStatuses({
            ...repo,
            deployment_id: d.id,
            per_page: 1,
        });
        if (CURRENT.has(statuses[0]?.state ?? 'pending'))
            protect.add(id);
    }
    return protect;
}
/**
 * Keep the newest `keep` backups of the environment; delete older ones (all their keys) unless a
 * current deployment names them. Idempotent (deleting a missing key is no error). A failure is a
 * warning: the migration it follows succeeded.
 */
async function applyRetention(options) {
    const { store, logger } = options;
    try {
        const keys = await store.list(options.prefix);
        const byId = new Map();
        for (const k of keys) {
            const id = backupIdOfKey(k, options.environment);
            if (id)
                byId.set(id, [...(byId.get(id) ?? []), k]);
        }
        const first = planRetention(byId.keys(), options.keep, new Set([options.current]), options.current);
        if (first.length === 0)
            return [];
        const protect = await namedByCurrentDeployments(options.github, options.repo, options.environment, new Set(first));
        const doomed = first.filter((id) => !protect.has(id));
        for (const id of doomed)
            for (const k of byId.get(id) ?? [])
                await store.delete(k);
        if (doomed.length)
            logger.info(`Retention (keep ${options.keep}): deleted ${doomed.length} older backup(s) of ${options.environment}: ${doomed.join(', ')}`);
        if (protect.size)
            logger.info(`Retention kept ${[...protect].join(', ')}: a current deployment names them.`);
        return doomed;
    }
    catch (error) {
        logger.warning(`Retention of old backups failed (${error.message}); nothing else is affected.`);
        return [];
    }
}

// EXTERNAL MODULE: ./packages/core/src/untrusted-text.ts
var untrusted_text = __webpack_require__(2779);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/summary.ts


const STATE_LINE = {
    migrated: '✅ **migrated**: production runs the new schema.',
    'rolled-back': '↩️ **rolled-back**: the migration failed and production was restored from the verified backup.',
    'rollback-failed': '🛑 **rollback-failed**: the migration failed AND the restore did not complete. Production needs a person now.',
    'not-migrated': '⛔ **not-migrated**: stopped before touching production.',
    skipped: '⏭️ **skipped**',
};
function stepRow(s) {
    const what = s.ok ? 'ok' : s.aborted ? 'cancelled' : 'failed';
    const detail = s.error ??
        s.commands
            .map((c) => (c.skipped ? `${c.argv} (${c.skipped})` : c.argv))
            .slice(0, 6)
            .join('\n');
    return `| ${s.name} | ${what} | ${(0,time/* formatDuration */.a3)(s.durationMs)} | ${(0,untrusted_text/* untrusted */.b)(detail, 'cell')} |`;
}
/** The job summary: production's state first, then what happened, then what to do. */
function renderReport(title, plan, report, extra = []) {
    const lines = [`## ${title}`, '', STATE_LINE[report.state] ?? report.state, ''];
    if (report.failure)
        lines.push(`**What failed:** ${(0,untrusted_text/* untrusted */.b)(report.failure, 'inline')}`, '');
    if (report.rollbackFailure)
        lines.push(`**Why the rollback failed:** ${(0,untrusted_text/* untrusted */.b)(report.rollbackFailure, 'inline')}`, '');
    if (report.cancelled)
        lines.push('**The job was cancelled** (SIGINT/SIGTERM) during this run.', '');
    lines.push(...extra);
    lines.push('| step | result | time | detail |', '| --- | --- | ---: | --- |', ...report.steps.map(stepRow), '');
    if (report.manifest) {
        const m = report.manifest;
        lines.push(`**Backup** \`${m.backupId}\` taken ${m.createdAt}: ${m.sizeBytes} bytes, sha256 \`${m.sha256}\`, at \`${m.location}\` (manifest \`${plan.manifestPath}\`).`, '');
    }
    const tail = report.steps.find((s) => s.tail)?.tail;
    if (tail)
        lines.push('<details><summary>Output of the failing command (last lines)</summary>', '', (0,untrusted_text/* untrusted */.b)(tail, 'block'), '</details>', '');
    if (report.next.length > 0)
        lines.push('**Next:**', ...report.next.map((n) => `- ${n}`), '');
    lines.push(`Recovery command for this backup: \`${plan.rollbackCommand}\``, '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/outputs.ts
function writeOutputs(io, plan, report, deploymentId) {
    io.setOutput('status', report.state);
    io.setOutput('backup-id', report.manifest?.backupId ?? plan.backupId);
    io.setOutput('backup-location', report.manifest?.location ?? plan.store.location);
    io.setOutput('backup-store', report.manifest?.stored?.store ?? plan.store.kind);
    if (report.manifest)
        io.setOutput('backup-sha256', report.manifest.sha256);
    if (report.manifest?.stored)
        io.setOutput('backup-stored-sha256', report.manifest.stored.sha256);
    if (deploymentId !== undefined)
        io.setOutput('deployment-id', String(deploymentId));
    const durations = {};
    for (const s of report.steps)
        durations[s.name] = (durations[s.name] ?? 0) + s.durationMs;
    io.setOutput('durations', JSON.stringify(durations));
    io.setOutput('duration-ms', String(Object.values(durations).reduce((a, b) => a + b, 0)));
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/migrate-outcome.ts



/**
 * After the run: the lock released (or kept flagged when the restore failed), outputs, summary,
 * the deployment's final status, retention of old backups, and the step failed when production
 * is not migrated (or GitHub did not record it).
 */
async function finishMigration(run, lock, report, deployment) {
    const { deps, plan, environment } = run;
    const { io } = deps;
    deps.progress.done(`production ${report.state} (backup ${plan.backupId})`);
    const lockNote = lock.handle.notes.length ? [`Lock: ${lock.handle.notes.join('; ')}.`, ''] : [];
    if (report.state === 'rollback-failed') {
        await lock.flag('rollback failed');
        lock.setPhase('done');
    }
    else {
        await lock.release();
        deps.progress.done('lock released');
    }
    writeOutputs(io, plan, report, deployment?.id);
    await io.appendSummary(renderReport(`Migrate ${environment} (${run.sha.slice(0, 7)})`, plan, report, lockNote));
    const [state, description] = deploymentStatus(report, plan);
    await deployment?.status(state, description);
    // After the success is recorded: the deployment it supersedes is inactive by then.
    if (report.state === 'migrated')
        await applyRetention({
            store: run.store,
            prefix: plan.store.prefix,
            environment,
            keep: plan.store.keep,
            github: run.github,
            repo: run.repo,
            logger: deps.logger,
            current: plan.backupId,
        });
    const failure = failureOf(report, plan, deployment);
    if (failure)
        io.setFailed(failure);
}
/** The deployment's final status and its description. Pure. */
function deploymentStatus(report, plan) {
    const describe = {
        migrated: ['success', `migrated; backup ${plan.backupId}`],
        'rolled-back': ['failure', `migration failed; restored backup ${plan.backupId}`],
        'rollback-failed': ['error', `migration AND restore failed; lock kept; see the run`],
        'not-migrated': ['failure', `not migrated: ${report.failure ?? ''}`],
    };
    return describe[report.state];
}
/** Why the step fails, or undefined when production is migrated and recorded. Pure. */
function failureOf(report, plan, deployment) {
    if (report.state === 'migrated') {
        if (!deployment || deployment.unrecorded.length === 0)
            return undefined;
        return (`Production is migrated (backup ${plan.backupId}), but GitHub did not record ${deployment.unrecorded.join(' and ')}. ` +
            'Re-run this job to record it: the migrations are already applied, so the re-run applies nothing twice and creates no second deployment.');
    }
    const what = report.state === 'rolled-back'
        ? 'production was restored from the verified backup'
        : report.state === 'rollback-failed'
            ? `the restore did not complete: production needs a person; the lock stays flagged needs-recovery. Recover with: ${plan.rollbackCommand}`
            : 'production was not changed';
    return `${report.failure ?? 'migration failed'}; ${what}.`;
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/migrate-run.ts















/** Plan (printed; a dry run stops there), check the store, then migrate under the lock. */
async function runMigrate(deps, ctx, inputs) {
    const { io, logger } = deps;
    const config = await (0,load/* loadConfig */.Z9)({
        source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
        logger,
    });
    const environment = inputs.environment ?? config.environment;
    const rollbackWorkflow = inputs.rollbackWorkflow ?? config.promote['rollback-workflow'];
    const gate = await (0,event_guard/* guardEvent */._p)(deps, MIGRATE_EVENTS, { productionBranch: config.branches.production }, { announce: false });
    if (!gate) {
        io.setOutput('status', 'skipped');
        return;
    }
    const sha = gate.sha ?? ctx.sha;
    const secrets = new SecretMask((v) => logger.setSecret(v));
    const plan = await planMigration(deps, ctx, config, { environment, sha, rollbackWorkflow }, secrets);
    const planText = renderPlan(plan, secrets.mask);
    if (inputs.dryRun)
        return reportDryRun(deps, plan, planText, gate.what);
    // The store is checked before the lock: a bad bucket, key or endpoint changes nothing.
    const store = await prepareStore(config.migrate, ctx.workspace, deps.env, secrets, {
        probe: true,
    });
    logger.info(`Migrating ${environment} for ${gate.what} (${sha}).\n${planText}`);
    const github = deps.github(inputs.token);
    const controller = new AbortController();
    const uninstall = installCancellation(controller, logger, deps.proc);
    try {
        await migrateUnderLock({
            deps,
            ctx,
            plan,
            environment,
            rollbackWorkflow,
            sha,
            repo: { owner: ctx.owner, repo: ctx.repo },
            github,
            secrets,
            store,
            signal: controller.signal,
        });
    }
    finally {
        uninstall();
    }
}
/** The plan from the config, the database URL's name and the migration files on disk. */
async function planMigration(deps, ctx, config, what, secrets) {
    const { pgDatabase } = readDatabaseUrl(config, deps.env, secrets);
    return buildPlan({
        config: config.migrate,
        environment: what.environment,
        mode: 'migrate',
        sha: what.sha,
        now: deps.clock.now(),
        workspace: ctx.workspace,
        migrationFiles: await listMigrationFiles(config, ctx.workspace, deps.logger),
        pgDatabase,
        rollbackWorkflow: what.rollbackWorkflow,
        repository: { owner: ctx.owner, repo: ctx.repo },
    });
}
/** Dry run: the plan in the log, the outputs and the summary; nothing changes. */
async function reportDryRun(deps, plan, planText, what) {
    const { io } = deps;
    deps.logger.info(`Dry run (${what}); nothing will change:\n${planText}`);
    io.setOutput('status', 'skipped');
    io.setOutput('skip-reason', 'dry-run');
    io.setOutput('plan', planText);
    io.setOutput('backup-id', plan.backupId);
    io.setOutput('backup-location', plan.backupPath);
    await io.appendSummary(`## Migrate ${plan.environment}: dry run\n\nNothing was changed. The plan:\n\n\`\`\`text\n${planText}\n\`\`\`\n`);
}
/** lock -> (already deployed: skip) -> migrate -> outcome; the lock is never left unaccounted. */
async function migrateUnderLock(run) {
    const { deps, plan, sha, environment } = run;
    const lock = await takeLock(run);
    deps.progress.done(`lock ${plan.lock.ref} taken`);
    // Decided under the lock, so two deliveries of one merge are decided one after the other.
    const prior = await findPriorDeployment({ github: run.github, repo: run.repo, sha, environment });
    if (await skipWhenDeployed(run, lock, prior))
        return;
    if (prior)
        deps.logger.info(`Deployment #${prior.id} of ${sha.slice(0, 7)} did not finish (${prior.rolledBack ? 'rolled back' : prior.state}); this run records on it.`);
    const { report, deployment } = await migrateProduction(run, lock, prior);
    await finishMigration(run, lock, report, deployment);
}
/** The lock; held by another run past the wait: not migrated, and the user's to resolve. */
async function takeLock(run) {
    const { io } = run.deps;
    try {
        return await holdLock(run.deps, run.ctx, run.github, run.plan, false, run.signal);
    }
    catch (error) {
        if (error instanceof lock/* LockHeldError */.Rk) {
            io.setOutput('status', 'not-migrated');
            await io.appendSummary(`## Migrate ${run.environment}\n\n⛔ **not-migrated**: ${error.message}\n`);
            throw new errors/* ConfigurationError */.j1(error.message);
        }
        throw error;
    }
}
/** This SHA already deployed (and not rolled back): release the lock and change nothing. */
async function skipWhenDeployed(run, lock, prior) {
    const deployed = prior?.state === 'success' || prior?.state === 'inactive';
    if (!prior || !deployed || prior.rolledBack)
        return false;
    const { io, logger } = run.deps;
    const { environment, rollbackWorkflow } = run;
    await lock.release();
    const reason = `${run.sha.slice(0, 7)} is already deployed to ${environment} (deployment #${prior.id}, ${prior.state}: ${prior.description || 'no description'})`;
    logger.notice(`Skipped: ${reason}. Nothing was changed. To take it out of production, run ${rollbackWorkflow}.`);
    io.setOutput('status', 'skipped');
    io.setOutput('skip-reason', 'already-deployed');
    io.setOutput('deployment-id', String(prior.id));
    await io.appendSummary(`## Migrate ${environment}\n\n⏭️ **skipped**: ${reason}. Nothing was changed; to take it out of production, run the \`${rollbackWorkflow}\` workflow.\n`);
    return true;
}

// EXTERNAL MODULE: ./packages/core/src/github/upsert.ts + 3 modules
var upsert = __webpack_require__(60);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/revert-pr.ts




/**
 * Open a PR that reverts the merge commit, through the git API (commits signed by GitHub, no
 * push to a protected branch): a commit with the tree of the merge's first parent on top of
 * production, on branch revert/<sha7>. Only when production still points at the merge, since
 * that tree would also undo anything merged after it.
 */
async function openRevertPullRequest(o) {
    const { github, repo } = o;
    try {
        const { data: head } = await github.rest.git.getRef({
            ...repo,
            ref: `heads/${o.productionBranch}`,
        });
        if (head.object.sha !== o.mergeSha) {
            return `No revert PR opened: ${o.productionBranch} moved past ${o.mergeSha.slice(0, 7)}; revert by hand with \`git revert -m 1 ${o.mergeSha}\`.`;
        }
        const { data: merge } = await github.rest.git.getCommit({ ...repo, commit_sha: o.mergeSha });
        const parent = merge.parents[0]?.sha;
        if (!parent)
            return `No revert PR opened: ${o.mergeSha.slice(0, 7)} has no parent.`;
        const { data: parentCommit } = await github.rest.git.getCommit({ ...repo, commit_sha: parent });
        const { data: commit } = await github.rest.git.createCommit({
            ...repo,
            tree: parentCommit.tree.sha,
            parents: [o.mergeSha],
            message: `Revert "${merge.message.split('\n')[0]}"\n\nThis reverts commit ${o.mergeSha}.\n`,
        });
        const branch = `revert/${o.mergeSha.slice(0, 7)}`;
        try {
            await github.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.sha });
        }
        catch (error) {
            if (!(0,request_errors/* hasStatus */.Ro)(error, 422))
                throw error;
            await github.rest.git.updateRef({
                ...repo,
                ref: `heads/${branch}`,
                sha: commit.sha,
                force: true,
            });
        }
        const pr = await (0,upsert/* createOrUpdatePullRequest */.fA)(github, repo, {
            head: branch,
            base: o.productionBranch,
            title: `Revert ${o.mergeSha.slice(0, 7)} after rollback`,
            body: `Production was rolled back to the backup taken before ${o.mergeSha}.\n\nReason: ${(0,untrusted_text/* untrusted */.b)(o.reason, 'inline', { max: limits/* REASON_LIMIT */.V2 })}\n\nThis reverts the merge so the next promotion does not run the same migration again.`,
        });
        return `Revert PR: ${pr.pr.html_url}`;
    }
    catch (error) {
        o.logger.warning(`Could not open the revert PR: ${(0,request_errors/* describeGitHubError */.dZ)(error)}`);
        return `No revert PR opened (${(0,request_errors/* describeGitHubError */.dZ)(error)}); revert by hand with \`git revert -m 1 ${o.mergeSha}\`.`;
    }
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/find-backup.ts









/** A release tag -> the commit it tags (annotated tags peeled). */
async function commitOfTag(github, repo, tag) {
    try {
        const { data } = await github.rest.git.getRef({ ...repo, ref: `tags/${tag}` });
        if (data.object.type === 'tag') {
            const { data: t } = await github.rest.git.getTag({ ...repo, tag_sha: data.object.sha });
            return t.object.sha;
        }
        return data.object.sha;
    }
    catch (error) {
        if ((0,request_errors/* hasStatus */.Ro)(error, 404))
            throw new errors/* ConfigurationError */.j1(`release "${tag}": no such tag in ${repo.owner}/${repo.repo}; pass the tag name (e.g. v1.4.0) or a backup-id`);
        throw error;
    }
}
/**
 * Where a backup is found, GitHub first: the environment's deploy:migrate deployment whose payload
 * names the backup (by backup-id, or the one recorded for a release tag's commit) holds where it is
 * and what its bytes hash to, so a runner that never saw it can restore it. Then the manifest in
 * backup-dir (the local store), then the manifest stored beside a remote backup.
 */
async function findBackup(deps, inputs, config, backupDir, environment, github, repo, secrets) {
    let backupId = inputs.backupId;
    let sha;
    if (backupId) {
        if (!isValidBackupId(backupId))
            throw new errors/* ConfigurationError */.j1(`backup-id "${backupId}" is not a backup id (letters, digits, . _ -)`);
    }
    else {
        if (!github)
            throw new errors/* ConfigurationError */.j1('release lookup needs the token input');
        sha = await commitOfTag(github, repo, inputs.release);
        backupId = (await findRecordedBackup({ github, repo, sha, environment }))?.backupId;
        if (!backupId) {
            const local = await findManifestBySha(backupDir, sha, environment);
            if (local)
                return local;
            throw new errors/* ConfigurationError */.j1(`release ${inputs.release} (${sha.slice(0, 7)}): no backup recorded for ${environment}; pass backup-id instead`);
        }
    }
    if (github) {
        const recorded = await findBackupRecord({ github, repo, environment, backupId, sha });
        if (recorded)
            return recorded;
    }
    const local = await readManifest((0,external_node_path_.join)(backupDir, `${backupId}.manifest.json`));
    if (local)
        return local;
    if (config.store.kind !== 'local') {
        const { manifestKey } = storeKeys(config.store, environment, '', backupId);
        const store = openStore(config.store, backupDir, deps.env, secrets);
        const path = (0,external_node_path_.join)(backupDir, `.fetch-${backupId}.manifest.json`);
        try {
            await store.get(manifestKey, path);
            const m = await readManifest(path);
            if (m) {
                deps.logger.warning(`Backup ${backupId} is not recorded in a deployment payload (a re-run posted on an earlier attempt's deployment); using the manifest stored beside it at ${store.location(manifestKey)}: its sums come from the store, not from GitHub.`);
                return m;
            }
        }
        catch (error) {
            if (!(error instanceof MissingObjectError))
                throw error;
        }
        finally {
            await (0,promises_.rm)(path, { force: true });
        }
    }
    throw new errors/* ConfigurationError */.j1(`backup ${backupId}: not recorded in any deploy:migrate deployment of ${environment}, and no manifest in ${backupDir}${config.store.kind !== 'local' ? ' or the store' : ''}; check the backup id (the migrate run's backup-id output) and environment`);
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/materialize-backup.ts




/** Does restoring read the backup file? (d1 restores from the Time Travel bookmark alone.) */
function restoreReadsFile(plan) {
    return [plan.steps.restore, plan.steps['verify-restore']].some((step) => step?.commands.some((c) => c.argv.some((a) => a.includes(plan.backupPath))));
}
/** Put the recorded backup's plaintext at plan.backupPath (checked), or check the local file. */
async function materialize(deps, config, plan, manifest, backupDir, secrets) {
    const stored = manifest.stored;
    if (!stored || stored.store === 'local') {
        // The file must still be the one that was verified.
        const sha256 = await sha256File(manifest.location).catch(() => '');
        if (sha256 !== manifest.sha256) {
            throw new errors/* ConfigurationError */.j1(sha256
                ? `backup ${manifest.backupId} at ${manifest.location} changed since it was verified: recorded sha256 ${manifest.sha256}, file sha256 ${sha256}; refusing to restore it`
                : `backup ${manifest.backupId} at ${manifest.location} is missing; a local store needs the runner that took it (or a persistent migrate.backup-dir)`);
        }
        plan.backupPath = manifest.location;
        return;
    }
    if (config.store.kind !== 's3')
        throw new errors/* ConfigurationError */.j1(`backup ${manifest.backupId} is in ${stored.location}: configure migrate.store (kind: s3, endpoint, credentials) in the config this rollback reads`);
    const bucket = /^s3:\/\/([^/]+)\//.exec(stored.location)?.[1] ?? config.store.bucket;
    const store = openStore({ ...config.store, bucket }, backupDir, deps.env, secrets);
    const identityEnv = config.store.encryption && config.store.encryption !== 'none'
        ? config.store.encryption['identity-env']
        : 'AGE_SECRET_KEY';
    const identity = deps.env[identityEnv] || undefined;
    secrets.register(identity);
    deps.logger.info(`Downloading backup ${manifest.backupId} from ${stored.location}.`);
    await fetchBackup({ store, manifest, target: plan.backupPath, identity, identityEnv });
    deps.logger.info(`Backup ${manifest.backupId}: stored sha256 ${stored.sha256} and plaintext sha256 ${manifest.sha256} match the record.`);
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/rollback-run.ts



















/**
 * Find the backup, plan its restore (printed; a dry run stops there), put the file where the
 * restore reads it, then restore under the lock.
 */
async function runRollback(deps, ctx, inputs) {
    const { io, logger } = deps;
    const config = await (0,load/* loadConfig */.Z9)({
        source: { kind: 'file', path: inputs.config, workspace: ctx.workspace },
        logger,
    });
    // A restore in a merge's job only for a merge into production (main.ts judged the shape).
    const production = { productionBranch: config.branches.production };
    if (!(await (0,event_guard/* guardEvent */._p)(deps, ROLLBACK_EVENTS, production, { announce: false }))) {
        io.setOutput('status', 'skipped');
        return;
    }
    const environment = inputs.environment ?? config.environment;
    const repo = { owner: ctx.owner, repo: ctx.repo };
    const backupDir = backupDirOf(config.migrate, ctx.workspace);
    const github = inputs.token ? deps.github(inputs.token) : undefined;
    const secrets = new SecretMask((v) => logger.setSecret(v));
    const manifest = await findBackup(deps, inputs, config.migrate, backupDir, environment, github, repo, secrets);
    refuseOtherEnvironment(manifest, environment);
    const plan = planRollback(deps, ctx, inputs, config, manifest, secrets);
    const run = {
        deps,
        ctx,
        inputs,
        config,
        environment,
        repo,
        plan,
        manifest,
        secrets,
    };
    const planText = renderPlan(plan, secrets.mask);
    await announceRollback(run);
    if (inputs.dryRun)
        return rollback_run_reportDryRun(run, planText);
    const scratch = await backupFileForRestore(run, backupDir);
    try {
        if (!github)
            throw new errors/* ConfigurationError */.j1('input "token" is required to take the migration lock');
        await restoreUnderLock(run, github);
    }
    finally {
        // The downloaded plaintext is scratch: it does not outlive the rollback on this runner.
        if (scratch)
            await (0,promises_.rm)(scratch, { force: true });
    }
}
/** A backup is restored only into the environment it was taken in. */
function refuseOtherEnvironment(manifest, environment) {
    if (manifest.environment !== environment) {
        throw new errors/* ConfigurationError */.j1(`backup ${manifest.backupId} was taken in ${manifest.environment}, not ${environment}; pass environment: ${manifest.environment} or another backup`);
    }
}
/**
 * The backup file where the restore reads it (downloaded and checked, or the local file
 * checked); read-only until here, so a backup that is missing or not what was verified changes
 * nothing. Returns the downloaded file, which is scratch.
 */
async function backupFileForRestore(run, backupDir) {
    const { deps, plan, manifest } = run;
    const readsFile = restoreReadsFile(plan);
    if (readsFile)
        await materialize(deps, run.config.migrate, plan, manifest, backupDir, run.secrets);
    else
        deps.logger.info(`Restoring ${manifest.backupId} needs no file${manifest.bookmark ? ` (Time Travel bookmark ${manifest.bookmark})` : ''}.`);
    return manifest.stored?.store === 's3' && readsFile ? plan.backupPath : undefined;
}
/** The restore of the backup the manifest records, in the environment it was taken in. */
function planRollback(deps, ctx, inputs, config, manifest, secrets) {
    const { pgDatabase } = readDatabaseUrl(config, deps.env, secrets);
    return buildPlan({
        config: config.migrate,
        environment: manifest.environment,
        mode: 'rollback',
        sha: manifest.sha,
        now: deps.clock.now(),
        workspace: ctx.workspace,
        migrationFiles: [],
        pgDatabase,
        rollbackBackupId: manifest.backupId,
        rollbackWorkflow: inputs.rollbackWorkflow ?? config.promote['rollback-workflow'],
        repository: { owner: ctx.owner, repo: ctx.repo },
    });
}
/** Said before anything changes, dry run or not: which writes the restore discards, and why. */
async function announceRollback(run) {
    const { deps, manifest, environment } = run;
    const warning = `Restoring backup ${manifest.backupId} taken ${manifest.createdAt} (commit ${manifest.sha.slice(0, 7)}): every write to ${environment} after ${manifest.createdAt} is discarded.`;
    deps.logger.warning(warning);
    await deps.io.appendSummary(`## Rollback ${environment}\n\n⚠️ ${warning}\n\nReason: ${(run.inputs.reason ?? '(none given)').replace(/[\r\n]+/g, ' ')}\n`);
}
async function rollback_run_reportDryRun(run, planText) {
    const { io, logger } = run.deps;
    logger.info(`Dry run; nothing will change:\n${planText}`);
    io.setOutput('status', 'skipped');
    io.setOutput('skip-reason', 'dry-run');
    io.setOutput('plan', planText);
    io.setOutput('backup-id', run.manifest.backupId);
    io.setOutput('backup-location', run.manifest.location);
    await io.appendSummary(`Dry run: nothing was changed. The plan:\n\n\`\`\`text\n${planText}\n\`\`\`\n`);
}
/** lock -> deployment -> restore -> verify -> what next; the lock stays flagged if it failed. */
async function restoreUnderLock(run, github) {
    const { deps, plan, manifest } = run;
    const lock = await rollback_run_takeLock(run, github);
    const deployment = await recordDeployment(run, github);
    lock.setPhase('touching-production');
    await lock.flag('manual rollback in progress');
    const report = {
        state: 'rolled-back',
        steps: [],
        cancelled: false,
        next: [],
        manifest,
    };
    const ok = await restoreAndVerify(plan, {
        run: deps.run,
        logger: deps.logger,
        secrets: run.secrets,
        env: deps.env,
        clock: deps.clock,
        signal: new AbortController().signal,
        runUrl: run.ctx.runUrl,
    }, report, { bookmark: manifest.bookmark }, { tables: manifest.tableChecksums, digest: manifest.tableDigest });
    report.state = ok ? 'rolled-back' : 'rollback-failed';
    if (ok)
        await afterRestore(run, github, lock, report);
    else {
        lock.setPhase('done');
        report.next.push(`The restore did not complete; the lock stays flagged. Fix the cause and re-run this rollback: ${plan.rollbackCommand}`);
    }
    await reportRollback(run, report, deployment, ok);
}
async function rollback_run_takeLock(run, github) {
    try {
        return await holdLock(run.deps, run.ctx, github, run.plan, true);
    }
    catch (error) {
        if (error instanceof lock/* LockHeldError */.Rk)
            throw new errors/* ConfigurationError */.j1(error.message);
        throw error;
    }
}
/** A deploy:rollback deployment of the backup's commit, in progress until the restore is verified. */
async function recordDeployment(run, github) {
    const { manifest, environment } = run;
    const deployment = await createDeployment({
        github,
        repo: run.repo,
        logger: run.deps.logger,
        sha: manifest.sha,
        environment,
        task: 'deploy:rollback',
        description: `rollback ${environment} to backup ${manifest.backupId}`,
        payload: {
            backupId: manifest.backupId,
            backupLocation: manifest.stored?.location ?? manifest.location,
            reason: run.inputs.reason ?? '',
        },
        logUrl: run.ctx.runUrl,
    });
    await deployment.status('in_progress', `restoring backup ${manifest.backupId} (${manifest.createdAt})`);
    return deployment;
}
/** Restored: the lock freed, and the code that broke production reverted (or the advice to). */
async function afterRestore(run, github, lock, report) {
    const { manifest, inputs } = run;
    const production = run.config.branches.production;
    await lock.release();
    report.next.push(`Production is at backup ${manifest.backupId} (${manifest.createdAt}); writes after it were discarded.`);
    if (inputs.openRevertPr) {
        const pr = await openRevertPullRequest({
            github,
            repo: run.repo,
            logger: run.deps.logger,
            mergeSha: manifest.sha,
            productionBranch: production,
            reason: inputs.reason,
        });
        report.next.push(pr);
    }
    else {
        report.next.push(`The code of ${manifest.sha.slice(0, 7)} is still on ${production}: revert it (open-revert-pr: true) before the next promotion, or the same migration runs again.`);
    }
}
/** Outputs, the summary, the deployment's final status; the step fails if the restore did. */
async function reportRollback(run, report, deployment, ok) {
    const { io } = run.deps;
    const { manifest, plan } = run;
    writeOutputs(io, plan, report, deployment.id);
    await io.appendSummary(renderReport(`Rollback ${run.environment} to ${manifest.backupId}`, plan, report));
    await deployment.status(ok ? 'success' : 'error', ok
        ? `rolled back to backup ${manifest.backupId}`
        : `rollback to ${manifest.backupId} failed; see the run`);
    if (!ok)
        io.setFailed(`rollback to ${manifest.backupId} failed: ${report.rollbackFailure}`);
}

// EXTERNAL MODULE: ./packages/core/src/io.ts
var io = __webpack_require__(2157);
// EXTERNAL MODULE: ./packages/core/src/inputs.ts
var src_inputs = __webpack_require__(7276);
;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/inputs.ts




function readInputs(io) {
    const mode = (0,src_inputs/* getOptionalInput */.lI)(io, 'mode') ?? 'migrate';
    if (mode !== 'migrate' && mode !== 'rollback') {
        throw new errors/* ConfigurationError */.j1(`input "mode" must be migrate or rollback, got ${JSON.stringify(mode)}`);
    }
    const inputs = {
        token: (0,src_inputs/* getOptionalInput */.lI)(io, 'token') ?? '',
        mode,
        environment: (0,src_inputs/* getOptionalInput */.lI)(io, 'environment'),
        config: (0,src_inputs/* getOptionalInput */.lI)(io, 'config'),
        backupId: (0,src_inputs/* getOptionalInput */.lI)(io, 'backup-id'),
        release: (0,src_inputs/* getOptionalInput */.lI)(io, 'release'),
        reason: (0,src_inputs/* getTextInput */.Km)(io, 'reason', {
            max: limits/* REASON_LIMIT */.V2,
            why: 'the reason is recorded in the deployment, the job summary and a revert PR',
        }),
        openRevertPr: (0,src_inputs/* getBooleanInput */.Vt)(io, 'open-revert-pr', false),
        dryRun: (0,src_inputs/* getBooleanInput */.Vt)(io, 'dry-run', false),
        rollbackWorkflow: (0,src_inputs/* getOptionalInput */.lI)(io, 'rollback-workflow'),
    };
    if (mode === 'rollback' && !inputs.backupId && !inputs.release) {
        throw new errors/* ConfigurationError */.j1('mode: rollback needs input "backup-id" (from the migrate run\'s outputs or summary) or "release" (a tag whose backup was recorded)');
    }
    if (!inputs.token && !inputs.dryRun) {
        throw new errors/* ConfigurationError */.j1('input "token" is empty: pass ${{ github.token }} (contents: write for the lock ref, deployments: write)');
    }
    return inputs;
}

;// CONCATENATED MODULE: ./actions/migrate-with-rollback/src/main.ts








/** The main step; the post step (src/post.ts) is the lock's safety net. */
async function run(deps = (0,src_deps/* defaultDeps */.m)()) {
    await (0,action/* runMain */.VN)('migrate-with-rollback', async () => {
        // Before anything else: an event this mode is not for changes nothing (issue #16); the
        // production branch is judged again once the config is read (migrate-run, rollback-run).
        const rollback = deps.io.getInput('mode') === 'rollback';
        if (!(await (0,event_guard/* guardEvent */._p)(deps, rollback ? ROLLBACK_EVENTS : MIGRATE_EVENTS))) {
            deps.io.setOutput('status', 'skipped');
            return;
        }
        const ctx = (0,context/* readRunContext */.$)(deps.env);
        const inputs = readInputs(deps.io);
        if (inputs.mode === 'rollback')
            await runRollback(deps, ctx, inputs);
        else
            await runMigrate(deps, ctx, inputs);
    }, deps);
}


/***/ })

};
