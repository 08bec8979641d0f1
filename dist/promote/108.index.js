export const id = 108;
export const ids = [108];
export const modules = {

/***/ 6108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPost: () => (/* binding */ runPost),
/* harmony export */   runPostStep: () => (/* binding */ runPostStep)
/* harmony export */ });
/* harmony import */ var _promote_core_action__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5171);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2536);
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
    const github = deps.github(token, deps.logger);
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
async function runPostStep(deps = (0,_main_js__WEBPACK_IMPORTED_MODULE_1__.defaultDeps)()) {
    await (0,_promote_core_action__WEBPACK_IMPORTED_MODULE_0__/* .runMain */ .V)('migrate-with-rollback (post)', () => runPost(deps), deps);
}


/***/ })

};
