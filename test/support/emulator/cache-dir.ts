import os from 'node:os';
import path from 'node:path';

/**
 * Where the emulator keeps what it builds once per machine (the slim OpenAPI description, the
 * starting repository): the temp dir shared by all test files (each test file gets a temp dir of
 * its own, removed when it ends: test/support/temp-dir-environment.mjs).
 */
export function emulatorCacheDir(): string {
  return path.join(process.env.PROMOTE_SHARED_TMPDIR ?? os.tmpdir(), 'promote-emulator-cache');
}
