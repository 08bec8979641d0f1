import { fixedClock } from '@promote/core/clock';
import { memoryLogger } from '@promote/core/logger';
import { createSecretMasker } from '@promote/core/secrets';
import { smokeSection } from '@promote/core/config/sections/smoke';
import { planSmoke } from '../../../actions/prod-smoke-seal/src/plan.js';
import { runHttpCheck } from '../../../actions/prod-smoke-seal/src/http-check.js';

/** Plans `smoke:` config the way the action does (zod defaults, secrets registered). */
export function plan(smoke: unknown, env: Record<string, string> = {}, baseUrl?: string) {
  const logger = memoryLogger();
  const masker = createSecretMasker(logger);
  const config = smokeSection().parse(smoke);
  const planned = planSmoke(config, { env, masker, ...(baseUrl ? { baseUrl } : {}) });
  return { plan: planned, logger, masker };
}

/** One check against `baseUrl`, with fast retries (the clock only advances when slept on). */
export async function checkOnce(
  baseUrl: string,
  check: Record<string, unknown>,
  smoke: Record<string, unknown> = {},
) {
  const { plan: p, masker } = plan({
    'base-url': baseUrl,
    retries: { attempts: 3, backoff: '1s' },
    timeouts: { attempt: '2s', deadline: '1m' },
    ...smoke,
    checks: [{ name: 'check', ...check }],
  });
  const clock = fixedClock('2026-11-22T23:00:00Z');
  return runHttpCheck(p.checks[0]!, { clock, mask: masker.mask });
}
