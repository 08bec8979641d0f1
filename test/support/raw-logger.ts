// A logger for leak tests. memoryLogger() masks registered secrets the way the runner does, so a
// secret the code under test forgot to mask never reaches an assertion on its `lines`; `raw` keeps
// every line as the action writes it to stdout, before the runner masks anything (a
// `::add-mask::<value>` line is how a secret is registered, not a leak). What the action itself
// prints must hold no secret: the runner masks only the exact values registered, not a derived
// form, a piece of a multi-line value, or anything printed before the registration.
import { memoryLogger, type MemoryLogger } from '@promote/core/logger';

export interface RawLogger extends MemoryLogger {
  /** Every line as written, unmasked. */
  readonly raw: string[];
  /** The raw lines but the `::add-mask::` registrations, joined: what must hold no secret. */
  readonly printed: string;
}

export function rawLogger(): RawLogger {
  const masked = memoryLogger();
  const raw: string[] = [];
  const write =
    <A extends unknown[]>(level: string, to: (m: string, ...rest: A) => void) =>
    (m: string, ...rest: A): void => {
      raw.push(`${level}${m}`);
      to(m, ...rest);
    };
  return {
    get lines() {
      return masked.lines;
    },
    get secrets() {
      return masked.secrets;
    },
    raw,
    get printed() {
      return raw.filter((line) => !line.startsWith('::add-mask::')).join('\n');
    },
    debug: write('::debug::', masked.debug),
    info: write('', masked.info),
    notice: write('::notice::', masked.notice),
    warning: write('::warning::', masked.warning),
    error: write('::error::', masked.error),
    async group(name, fn) {
      raw.push(`::group::${name}`);
      try {
        return await masked.group(name, fn);
      } finally {
        raw.push('::endgroup::');
      }
    },
    setSecret(value) {
      raw.push(`::add-mask::${value}`);
      masked.setSecret(value);
    },
  };
}
