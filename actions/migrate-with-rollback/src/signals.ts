import type { Logger } from '@promote/core/logger';

/**
 * The runner cancels a job with SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that.
 * The first signal aborts the running command (a restore starts); later signals are logged and
 * ignored so the restore can use the grace period. Returns an uninstall function.
 */
export function installCancellation(
  controller: AbortController,
  logger: Logger,
  proc: NodeJS.Process = process,
): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      logger.warning(
        `Received ${signal}: stopping the running step; a restore follows if production was touched.`,
      );
      controller.abort(new Error(`cancelled by ${signal}`));
    } else {
      logger.warning(
        `Received ${signal} again: still finishing the restore (SIGKILL follows about 2.5 s after SIGTERM).`,
      );
    }
  };
  proc.on('SIGINT', handler);
  proc.on('SIGTERM', handler);
  return () => {
    proc.off('SIGINT', handler);
    proc.off('SIGTERM', handler);
  };
}
