import type { PreflightConfig } from '../config/sections/preflight.js';
import { formatDuration, parseDuration } from '../time.js';
import type { PreflightFacts } from './facts.js';
import { lastLine, outputTail } from './output.js';
import { cannotEvaluate, result, type GateResult } from './types.js';
import { untrusted } from '../untrusted-text.js';

/** An ISO 8601 time or epoch seconds/milliseconds; undefined when the text is neither. */
export function parseTimestamp(text: string): Date | undefined {
  const t = text.trim();
  if (/^\d{9,11}(\.\d+)?$/.test(t)) return new Date(Number(t) * 1000);
  if (/^\d{12,14}$/.test(t)) return new Date(Number(t));
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

function formatTaken(taken: Date, now: Date): string {
  const iso = taken.toISOString();
  const sameDay = iso.slice(0, 10) === now.toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

// A backup "from the future" beyond this is a clock or parsing problem, not a fresh backup.
const SKEW_MS = 5 * 60_000;

export function backupGate(
  facts: Pick<PreflightFacts, 'now' | 'commands' | 'backupFile'>,
  config: PreflightConfig,
): GateResult {
  const g = config.backup!;
  const onError = g['on-error'];
  let taken: Date | undefined;
  let source: string;
  if (g.command) {
    const o = facts.commands.get('backup');
    if (!o?.ok)
      return cannotEvaluate('backup', o?.error ?? 'the backup command did not run', onError);
    if (o.value.exitCode !== 0 || o.value.timedOut) {
      return cannotEvaluate(
        'backup',
        `backup command ${o.value.timedOut ? 'timed out' : `exited ${o.value.exitCode}`}`,
        onError,
      );
    }
    source = lastLine(o.value.stdout);
    taken = parseTimestamp(source);
    if (!taken) {
      return result(
        'backup',
        onError,
        `cannot evaluate: backup command printed ${JSON.stringify(source.slice(0, 80))}, not an ISO time or epoch seconds`,
        {
          details: untrusted(outputTail(o.value), 'block'),
        },
      );
    }
  } else {
    const f = facts.backupFile;
    if (!f.ok) return cannotEvaluate('backup', f.error, onError);
    if (g.file!.read === 'mtime') taken = f.value.mtime;
    else {
      source = lastLine(f.value.contents);
      taken = parseTimestamp(source);
      if (!taken)
        return cannotEvaluate(
          'backup',
          `${g.file!.path} holds ${JSON.stringify(source.slice(0, 80))}, not an ISO time or epoch seconds`,
          onError,
        );
    }
  }
  const maxAge = parseDuration(g['max-age'], 'preflight.backup.max-age');
  const age = facts.now.getTime() - taken.getTime();
  const when = `${g.label} taken ${formatTaken(taken, facts.now)}`;
  if (age < -SKEW_MS)
    return result(
      'backup',
      'fail',
      `${when}, ${formatDuration(-age)} in the future: check the clock or the time format`,
    );
  if (age > maxAge)
    return result(
      'backup',
      'fail',
      `${when}, ${formatDuration(age)} ago (max age ${g['max-age']})`,
    );
  return result('backup', 'pass', `${when} (max age ${g['max-age']})`);
}
