// Reading the caller's workflow files from the emulator's git repository (argv, never a shell).
import { execProcess } from '../spawner.js';

const run = execProcess;

export async function resolveCommit(gitDir: string, refOrSha: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', [
      '--git-dir',
      gitDir,
      'rev-parse',
      '--verify',
      `${refOrSha}^{commit}`,
    ]);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

export async function listWorkflows(gitDir: string, commit: string): Promise<string[]> {
  try {
    const { stdout } = await run('git', [
      '--git-dir',
      gitDir,
      'ls-tree',
      '--name-only',
      `${commit}:.github/workflows`,
    ]);
    return stdout
      .split('\n')
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => `.github/workflows/${f}`);
  } catch {
    return [];
  }
}

export async function readBlob(
  gitDir: string,
  commit: string,
  path: string,
): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`]);
    return stdout;
  } catch {
    return undefined;
  }
}
