// Waiting in tests for something to become true, never for a guessed time: poll a condition, and
// give up after a deadline generous enough for a loaded 2-core machine with a message that names
// what was awaited (an unbounded loop turns a bug into a silent Jest timeout, or a hang).
import { setTimeout as sleep } from 'node:timers/promises';

/** Default bound of a wait: a loaded shared CI machine is slow, but not a minute slow. */
export const WAIT_TIMEOUT_MS = 60_000;

export interface WaitOptions {
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** Check this often (default 20 ms). */
  intervalMs?: number;
  /** Appended to the failure message: the state a reader needs to see why it never held. */
  detail?: () => string;
}

/**
 * Resolves once `condition()` returns true (it may be async); rejects with
 * "timed out after N s waiting for <what>" when it has not by the deadline.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  options: WaitOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? WAIT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) {
      const detail = options.detail ? `: ${options.detail()}` : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${detail}`);
    }
    await sleep(options.intervalMs ?? 20);
  }
}
