import { fixedClock, type Clock } from '@promote/core/clock';
import { ConfigurationError } from '@promote/core/errors';
import type { Logger } from '@promote/core/logger';

/**
 * Test-only: `PROMOTE_FAKE_NOW` (an ISO time) fixes "now" for the bundle under test, honoured
 * only together with `PROMOTE_TEST_MODE=1`. Not an action input on purpose: an input is part of
 * the public interface (listed in action.yml, settable in any workflow's `with:`), and a
 * "now" input would let a caller walk around a freeze window. Two env vars nobody sets by
 * accident, and a warning in the log when they are used, keep the seam visible and off the
 * user's path. The clock only affects time gates; waits (ci polling) still use it.
 */
export function testClock(env: NodeJS.ProcessEnv, logger: Logger): Clock | undefined {
  const raw = env.PROMOTE_FAKE_NOW;
  if (!raw || env.PROMOTE_TEST_MODE !== '1') return undefined;
  const t = Date.parse(raw);
  if (Number.isNaN(t))
    throw new ConfigurationError(`PROMOTE_FAKE_NOW: "${raw}" is not an ISO time (test mode only)`);
  logger.warning(
    `Test mode: the clock is fixed at ${new Date(t).toISOString()} (PROMOTE_FAKE_NOW); never set this in a real workflow.`,
  );
  return fixedClock(new Date(t));
}
