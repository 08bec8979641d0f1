import type { PreflightConfig } from '../config/sections/preflight.js';
import type { PreflightFacts } from './facts.js';
import { outputTail } from './output.js';
import { cannotEvaluate, result, type GateResult } from './types.js';
import { untrusted } from '../untrusted-text.js';

/**
 * drift: staging and production in lock-step. Either a command (exit code and/or an output
 * pattern say clean), or a compare of two refs: only on staging / only in git / changed.
 */
export function driftGate(
  facts: Pick<PreflightFacts, 'commands' | 'compare'>,
  config: PreflightConfig,
): GateResult {
  const g = config.drift!;
  if (g.command) {
    const o = facts.commands.get('drift');
    if (!o?.ok)
      return cannotEvaluate('drift', o?.error ?? 'the drift command did not run', g['on-error']);
    const out = o.value;
    const tail = outputTail(out);
    const exitOk = out.exitCode === g['clean-exit-code'];
    const patternOk = g['clean-pattern']
      ? new RegExp(g['clean-pattern'], 'm').test(`${out.stdout}\n${out.stderr}`)
      : true;
    if (out.timedOut)
      return result('drift', 'fail', 'drift command timed out', {
        details: untrusted(tail, 'block'),
      });
    if (exitOk && patternOk)
      return result('drift', 'pass', 'drift command reports clean', {
        details: tail ? untrusted(tail, 'block') : undefined,
      });
    const why = !exitOk
      ? `exit code ${out.exitCode} (clean is ${g['clean-exit-code']})`
      : `output does not match /${g['clean-pattern']}/`;
    return result('drift', 'fail', `drift found: ${why}`, { details: untrusted(tail, 'block') });
  }
  const { staging, git } = g.compare!;
  if (!facts.compare.ok) return cannotEvaluate('drift', facts.compare.error, g['on-error']);
  if (facts.compare.value.truncated)
    return cannotEvaluate('drift', facts.compare.value.truncated, g['on-error']);
  const onlyStaging: string[] = [];
  const onlyGit: string[] = [];
  const changed: string[] = [];
  for (const f of facts.compare.value.files) {
    if (f.status === 'added') onlyStaging.push(f.filename);
    else if (f.status === 'removed') onlyGit.push(f.filename);
    else changed.push(f.filename);
  }
  const summary = `${staging} vs ${git}: ${onlyStaging.length} only on ${staging}, ${onlyGit.length} only in git, ${changed.length} changed`;
  const list = (title: string, items: string[]) =>
    items.length
      ? `${title}:\n${items
          .slice(0, 50)
          .map((f) => `- ${untrusted(f, 'code')}`)
          .join('\n')}${items.length > 50 ? `\n- … and ${items.length - 50} more` : ''}`
      : '';
  const details = [
    list(`Only on ${staging}`, onlyStaging),
    list('Only in git', onlyGit),
    list('Changed', changed),
  ]
    .filter(Boolean)
    .join('\n\n');
  const clean = onlyStaging.length + onlyGit.length + changed.length === 0;
  return result('drift', clean ? 'pass' : 'fail', summary, { details: details || undefined });
}
