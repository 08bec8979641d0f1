// Faults injected per endpoint, consumed in order of injection.

export type FaultKind =
  | '5xx'
  | 'secondary-rate-limit'
  /** the primary limit: 403, x-ratelimit-remaining: 0, reset one second ahead */
  | 'rate-limit'
  | 'lost-response'
  | 'slow'
  | 'reset'
  /**
   * The write is applied, then the request is never answered and `onApplied` is called: the
   * test kills the caller there (a runner VM dying after the side effect, before the response).
   */
  | 'crash-after-write';

export interface FaultSpec {
  operationId?: string;
  method?: string;
  path?: RegExp | string;
  kind: FaultKind;
  /** how many matching requests it hits (default 1) */
  times?: number;
  /** 'slow': delay before answering (default 1000) */
  delayMs?: number;
  /** 'slow': hold the request until this settles instead (orders two callers in a test). */
  until?: Promise<unknown>;
  /**
   * 'slow': hold the request until the caller gives up (its timeout closes the connection), then
   * apply it: an answer later than any client timeout, with no race against a timer.
   */
  untilAbandoned?: boolean;
  /** '5xx': the status (default 502) */
  status?: number;
  /** Let this many matching requests through first (hit the nth occurrence of a write). */
  skip?: number;
  /** 'crash-after-write': called once the write is applied (the response is held). */
  onApplied?: (request: { method: string; path: string; operationId?: string }) => void;
}

export interface ActiveFault extends FaultSpec {
  remaining: number;
  hits: number;
}

export class Faults {
  readonly active: ActiveFault[] = [];
  /** Matching requests let through per fault (`skip`). */
  private readonly skipped = new Map<ActiveFault, number>();

  inject(spec: FaultSpec): ActiveFault {
    const fault = { ...spec, remaining: spec.times ?? 1, hits: 0 };
    this.active.push(fault);
    return fault;
  }

  clear(): void {
    this.active.length = 0;
  }

  /** Takes the first fault matching this request (and counts it down). */
  take(req: { method: string; path: string; operationId?: string }): ActiveFault | undefined {
    const fault = this.active.find(
      (f) =>
        f.remaining > 0 &&
        (!f.operationId || f.operationId === req.operationId) &&
        (!f.method || f.method.toUpperCase() === req.method) &&
        (!f.path ||
          (typeof f.path === 'string'
            ? req.path === f.path || req.path.startsWith(f.path)
            : f.path.test(req.path))),
    );
    if (!fault) return undefined;
    const skipped = this.skipped.get(fault) ?? 0;
    if (skipped < (fault.skip ?? 0)) {
      this.skipped.set(fault, skipped + 1);
      return undefined;
    }
    fault.remaining -= 1;
    fault.hits += 1;
    return fault;
  }
}

export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.';
