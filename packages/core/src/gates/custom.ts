import type { PreflightConfig } from '../config/sections/preflight.js';
import type { PreflightFacts } from './facts.js';
import { lastLine, outputTail } from './output.js';
import { result, type GateResult } from './types.js';
import { untrusted } from '../untrusted-text.js';

/** custom: named commands; the exit code decides, the output's last line is the summary. */
export function customGate(
  facts: Pick<PreflightFacts, 'commands'>,
  config: PreflightConfig,
): GateResult {
  const g = config.custom!;
  const summaries: string[] = [];
  const details: string[] = [];
  let failed = 0;
  let unevaluated = 0;
  for (const c of g.commands) {
    const o = facts.commands.get(`custom:${c.name}`);
    if (!o?.ok) {
      unevaluated++;
      summaries.push(`${c.name}: cannot evaluate (${o?.error ?? 'did not run'})`);
      continue;
    }
    const ok = o.value.exitCode === 0 && !o.value.timedOut;
    if (!ok) failed++;
    const last = lastLine(o.value.stdout) || lastLine(o.value.stderr);
    const verdict = o.value.timedOut
      ? `timed out after ${c.timeout}`
      : ok
        ? last
        : `exit ${o.value.exitCode}${last ? `: ${last}` : ''}`;
    summaries.push(`${c.name}: ${verdict.slice(0, 200)}`);
    const tail = outputTail(o.value);
    if (tail)
      details.push(
        `**${untrusted(c.name, 'inline')}** (exit ${o.value.exitCode})\n\n${untrusted(tail, 'block')}`,
      );
  }
  const status = failed ? 'fail' : unevaluated ? g['on-error'] : 'pass';
  return result('custom', status, summaries.join('; '), {
    details: details.join('\n\n') || undefined,
  });
}
