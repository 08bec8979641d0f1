import type { Exec } from '../../exec.js';
import type { MigrationFinding } from './types.js';

/**
 * PostgreSQL migrations judged by Squawk (https://squawkhq.com, npm `squawk-cli`), run as a
 * command on the runner so no linter enters the action bundle. `--reporter json` prints one
 * object per violation; its `line` is 0-based (Squawk 2.x), annotations want 1-based lines.
 * Squawk exits 1 when it found something and 0 when not: both are answers.
 */

interface SquawkViolation {
  file: string;
  line: number;
  line_end?: number;
  rule_name: string;
  message: string;
  help?: string | null;
}

export interface SquawkRun {
  /** The command, e.g. ["squawk"] or ["npx", "--yes", "squawk-cli@2.61.0"]. */
  argv: readonly string[];
  /** Absolute paths of the files to judge, and the repository path each is reported at. */
  files: readonly { path: string; file: string }[];
  /** The migrations run inside a transaction (the postgres preset's --single-transaction). */
  inTransaction: boolean;
  /**
   * A directory outside the checkout: Squawk reads a .squawk.toml from its working directory
   * upwards, and the PR's own copy must not switch rules off (the gate's settings come from the
   * base branch's promotion.yml).
   */
  cwd: string;
  timeoutMs: number;
}

export async function runSquawk(exec: Exec, run: SquawkRun): Promise<MigrationFinding[]> {
  if (run.files.length === 0) return [];
  const argv = [
    ...run.argv,
    '--reporter',
    'json',
    ...(run.inTransaction ? ['--assume-in-transaction'] : []),
    ...run.files.map((f) => f.path),
  ];
  const r = await exec(argv, {
    cwd: run.cwd,
    timeoutMs: run.timeoutMs,
    allowFailure: true,
    silent: true,
  });
  if (r.timedOut) throw new Error(`${run.argv.join(' ')} timed out`);
  if (r.exitCode !== 0 && r.exitCode !== 1) {
    const missing = r.exitCode === 127 || /ENOENT|not found/i.test(r.stderr);
    throw new Error(
      missing
        ? `${run.argv[0]} is not installed on the runner: set the preflight workflow's squawk-version input, or preflight.migrations.squawk to the command that runs it`
        : `${run.argv.join(' ')} exited with ${r.exitCode}: ${r.stderr.trim().slice(-300)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.stdout.trim() || '[]');
  } catch {
    throw new Error(
      `${run.argv.join(' ')} did not print JSON (is it Squawk 2.x?): ${r.stdout.slice(0, 200)}`,
    );
  }
  if (!Array.isArray(parsed)) throw new Error(`${run.argv.join(' ')} printed JSON but not a list`);
  const byPath = new Map(run.files.map((f) => [f.path, f.file]));
  return (parsed as SquawkViolation[]).map((v) => ({
    file: byPath.get(v.file) ?? v.file,
    line: v.line + 1,
    endLine: (v.line_end ?? v.line) + 1,
    rule: v.rule_name,
    message: v.help ? `${v.message} ${v.help}` : v.message,
  }));
}
