import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { Exec } from '@promote/core/exec';
import { stripAnsi } from '@promote/core/markdown';
import type { CheckResult } from './http-check.js';
import type { CommandSpec } from './plan.js';

export interface CommandCheckDeps {
  exec: Exec;
  /** Production's base URL, given to the suite as BASE_URL. */
  baseUrl: string;
  /** Where relative cwd and junit paths are resolved (the workspace). */
  workspace: string;
  mask: (text: string) => string;
}

/**
 * A read-only suite (e.g. `npx playwright test --grep @qa-readonly`) run as argv, never through a
 * shell, with BASE_URL pointing at production. Its JUnit report, when present, becomes the rows.
 */
export async function runCommandCheck(
  spec: CommandSpec,
  deps: CommandCheckDeps,
): Promise<CheckResult> {
  const cwd = spec.cwd ? resolveIn(deps.workspace, spec.cwd) : deps.workspace;
  const result = await deps.exec(spec.argv, {
    cwd,
    env: { CI: 'true', ...spec.env, BASE_URL: deps.baseUrl },
    timeoutMs: spec.timeoutMs,
    allowFailure: true,
  });
  const base = {
    name: spec.name,
    kind: 'command' as const,
    target: spec.argv.join(' '),
    attempts: 1,
    latencyMs: result.durationMs,
    history: [],
  };
  let cases: CheckResult['cases'];
  if (spec.junit) {
    try {
      // The XML parser is loaded only for a check with a JUnit report (issue #18).
      const { parseJUnit } = await import('./junit.js');
      cases = parseJUnit(await readFile(resolveIn(cwd, spec.junit), 'utf8')).map((c) => ({
        ...c,
        ...(c.message ? { message: deps.mask(c.message) } : {}),
      }));
    } catch {
      cases = undefined; // no report (the command died first): the exit code tells the story
    }
  }
  const failedCases = (cases ?? []).filter((c) => !c.ok);
  const passedCases = (cases ?? []).filter((c) => c.ok);
  if (result.timedOut)
    return {
      ...base,
      ok: false,
      reason: `timed out after ${spec.timeoutMs} ms and was killed`,
      ...(cases ? { cases } : {}),
    };
  if (result.exitCode !== 0 || failedCases.length > 0) {
    const first = failedCases[0];
    const detail = first
      ? `${failedCases.length} of ${cases!.length} failed: ${first.name}${first.message ? `: ${first.message}` : ''}`
      : `exited with code ${result.exitCode}: ${lastLine(result.stderr) || lastLine(result.stdout) || 'no output'}`;
    return { ...base, ok: false, reason: deps.mask(detail), ...(cases ? { cases } : {}) };
  }
  const reason = cases ? `${passedCases.length} of ${cases.length} passed` : 'exited with code 0';
  return { ...base, ok: true, reason, ...(cases ? { cases } : {}) };
}

function resolveIn(base: string, path: string): string {
  return isAbsolute(path) ? path : join(base, path);
}

// npm's own warnings ("npm warn Unknown user config") say nothing about the suite.
function lastLine(text: string): string {
  const lines = stripAnsi(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^npm (warn|notice)/i.test(l));
  return lines.at(-1)?.slice(0, 200) ?? '';
}
