import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './harness.js';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Rebuild dist/<action> when its sources (or core's) are newer than the bundle. Built beside
 * dist/ and swapped in only on success: ncc type-checks the whole tsconfig program, so another
 * module's work in progress can break a build; the last good bundle then runs.
 */
export function ensureBundle(action: string, entries = ['index.js', 'post/index.js']): void {
  const files = entries.map((e) => join(REPO_ROOT, 'dist', action, e));
  const sources = Math.max(
    newest(join(REPO_ROOT, 'actions', action, 'src')),
    newest(join(REPO_ROOT, 'packages/core/src')),
  );
  if (files.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return;
  const out = mkdtempSync(join(tmpdir(), 'promote-build-'));
  try {
    execFileSync(
      join(REPO_ROOT, 'node_modules/.bin/node'),
      ['scripts/build.mjs', '--out', out, action],
      { cwd: REPO_ROOT, stdio: 'pipe' },
    );
    cpSync(join(out, action), join(REPO_ROOT, 'dist', action), { recursive: true });
  } catch (error) {
    if (!files.every((f) => existsSync(f))) throw error;
    console.warn(
      `${action}: rebuild failed, testing the existing bundle: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}
