import type { Logger } from '../logger.js';

/** What a create-or-update call did; actions turn it into an output. */
export type UpsertOperation = 'created' | 'updated' | 'unchanged';

/** Used when a caller passes no logger: the helpers still work, silently. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  notice: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  group: (_name, fn) => fn(),
  setSecret: () => undefined,
};
