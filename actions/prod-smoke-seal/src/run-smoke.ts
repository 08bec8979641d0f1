import type { Clock } from '@promote/core/clock';
import type { Exec } from '@promote/core/exec';
import { mapLimit } from './concurrency.js';
import { runCommandCheck } from './command-check.js';
import { runHttpCheck, type CheckResult } from './http-check.js';
import type { SmokePlan } from './plan.js';
import { runWatch, type Baseline, type WatchOutcome } from './watch.js';

export interface SmokeRunDeps {
  clock: Clock;
  exec: Exec;
  mask: (text: string) => string;
  workspace: string;
  baseline?: Baseline;
  onProgress?: (line: string) => void;
}

/** HTTP checks concurrently (the plan's limit), command checks after them, then the watch window. */
export async function runSmoke(
  plan: SmokePlan,
  deps: SmokeRunDeps,
): Promise<{ checks: CheckResult[]; watch?: WatchOutcome }> {
  const httpRound = () =>
    mapLimit(plan.checks, plan.concurrency, (spec) =>
      runHttpCheck(spec, { clock: deps.clock, mask: deps.mask }),
    );
  const first = await httpRound();
  const commands: CheckResult[] = [];
  for (const command of plan.commands) {
    commands.push(
      await runCommandCheck(command, {
        exec: deps.exec,
        baseUrl: plan.baseUrl ?? '',
        workspace: deps.workspace,
        mask: deps.mask,
      }),
    );
  }
  const checks = [...first, ...commands];
  if (!plan.watch || plan.checks.length === 0) return { checks };
  let round = 0;
  const watch = await runWatch(plan.watch, async () => (round++ === 0 ? first : httpRound()), {
    clock: deps.clock,
    ...(deps.baseline ? { baseline: deps.baseline } : {}),
    onRound: (r, i) =>
      deps.onProgress?.(
        `Watch round ${i + 1}: ${r.failed} of ${r.total} failed, p95 ${r.p95Ms ?? '–'} ms${r.failing.length ? ` (${r.failing.join(', ')})` : ''}`,
      ),
  });
  return { checks, watch };
}
