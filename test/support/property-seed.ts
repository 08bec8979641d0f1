// One seed for the property-based tests (fast-check), so a failure can be replayed exactly:
// PROMOTE_SEED from the environment, or a fixed default (every run checks the same cases, and CI
// cannot go red on a case nobody can reproduce). To explore other cases, pick a seed:
//   PROMOTE_SEED=$RANDOM npm test -- test/core/properties.test.ts
// A failure names the seed and the command that replays it.
import fc from 'fast-check';

const DEFAULT_SEED = 20_251_117;

/** PROMOTE_SEED as a 32-bit integer (what fast-check takes), or the default. */
export function propertySeed(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.PROMOTE_SEED?.trim();
  if (!text) return DEFAULT_SEED;
  const seed = Number(text);
  if (!Number.isInteger(seed) || Math.abs(seed) > 0x7fffffff)
    throw new Error(`PROMOTE_SEED must be a 32-bit integer, not ${JSON.stringify(text)}`);
  return seed;
}

/**
 * Seed fast-check for the calling test file and return a wrapper that prefixes any failure inside
 * `fn` with the seed and the command replaying it. `file` is the test file, relative to the
 * repository root.
 */
export function seededProperties(file: string): {
  seed: number;
  replayable<T>(fn: () => T): T;
} {
  const seed = propertySeed();
  fc.configureGlobal({ seed });
  const hint = `PROMOTE_SEED=${seed} (replay: PROMOTE_SEED=${seed} npm test -- ${file})`;
  const prefix = (error: unknown): never => {
    if (error instanceof Error) {
      error.message = `${hint}\n${error.message}`;
      // Jest prints the stack; V8 formats it on first read, so it may hold the old message.
      if (error.stack && !error.stack.includes(hint)) error.stack = `${hint}\n${error.stack}`;
      throw error;
    }
    throw new Error(`${hint}\n${String(error)}`);
  };
  return {
    seed,
    replayable<T>(fn: () => T): T {
      try {
        const out = fn();
        if (out instanceof Promise) return out.catch(prefix) as T;
        return out;
      } catch (error) {
        return prefix(error);
      }
    },
  };
}
