import { setTimeout as sleep } from 'node:timers/promises';
import { isResponseTimeout } from './request-errors.js';

/** How long a timed-out create is looked for before it is sent again (1 s, 2 s, 4 s). */
const LANDING_WAITS_MS = [1000, 2000, 4000];

/**
 * A create (POST) failed: may it have landed anyway? A 4xx was refused and created nothing; a 5xx,
 * a reset connection or a timeout may have created it.
 */
export function mayHaveLanded(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return status === undefined || status >= 500;
}

/**
 * After a create that may have landed: look for what it made before sending it again. A timed-out
 * request may still be on its way in (the answer, not the request, was given up on), so it is
 * looked for over a few seconds; a 5xx or a reset was answered, so one look is enough.
 */
export async function findLanded<T>(
  error: unknown,
  look: () => Promise<T | undefined>,
  waitsMs: readonly number[] = isResponseTimeout(error) ? LANDING_WAITS_MS : [0],
): Promise<T | undefined> {
  for (const wait of waitsMs) {
    if (wait > 0) await sleep(wait);
    const found = await look();
    if (found !== undefined) return found;
  }
  return undefined;
}
