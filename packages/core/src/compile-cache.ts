import { enableCompileCache } from 'node:module';
import { join } from 'node:path';

/**
 * Where a bundle keeps Node's module compile cache (V8's compiled code, reused by the next start
 * instead of parsing the bundle again: https://nodejs.org/api/module.html#module-compile-cache),
 * or undefined for no cache. Only a self-hosted runner keeps a folder from one job to the next:
 * RUNNER_TOOL_CACHE, with RUNNER_ENVIRONMENT "self-hosted"
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/variables#default-environment-variables).
 * A GitHub-hosted job starts on a fresh machine, where writing the cache would only cost time
 * (measured for issue #18, preflight-gates: ~50 ms less CPU per start with a warm cache, up to
 * ~20 ms more when the cache is written for nothing).
 */
export function compileCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.RUNNER_ENVIRONMENT !== 'self-hosted' || !env.RUNNER_TOOL_CACHE) return undefined;
  return join(env.RUNNER_TOOL_CACHE, 'promote', 'node-compile-cache');
}

/**
 * Called first by every bundle's entry (scripts/build.mjs), before the bundle's code is loaded.
 * enableCompileCache never throws: a folder it cannot use leaves the cache off.
 */
export function useCompileCache(
  env: NodeJS.ProcessEnv = process.env,
  enable: (directory: string) => unknown = enableCompileCache,
): void {
  const directory = compileCacheDir(env);
  if (directory) enable(directory);
}
