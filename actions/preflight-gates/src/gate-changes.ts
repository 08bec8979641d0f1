import type { ChangedFile } from '@promote/core/gates/index';
import { untrusted } from '@promote/core/untrusted-text';

/**
 * The PR's own changes to the gate files (the config, the scripts gate commands run), shown in
 * the check run as a diff: the gates judged the PR by the base branch's versions, so a reviewer
 * must see what the PR would change about the judging before approving it (issue #16).
 */

/** The diff section's budget: a reviewer reads it in the check run; the PR's Files tab has the rest. */
export const GATE_DIFF_MAX_CHARS = 12_000;
export const GATE_DIFF_MAX_LINES = 300;

export interface BaseRef {
  ref: string;
  sha: string;
}

/** One line for the summary: which gate files changed and by whose versions the PR was judged. */
export function gateChangesNote(changed: readonly ChangedFile[], base: BaseRef): string {
  if (changed.length === 0) return '';
  const names = changed.map((f) => untrusted(f.filename, 'code')).join(', ');
  return `**This PR changes the gate files** ${names}. They were judged, not obeyed: every gate ran with the versions on ${untrusted(base.ref, 'code')} (${base.sha.slice(0, 12)}). The diff is in the details below.`;
}

/** Lines of a patch up to what is left of the budget, and how many were left out. */
function cut(patch: string, chars: number, lines: number): { text: string; omitted: number } {
  const all = patch.replace(/\n$/, '').split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const line of all) {
    if (kept.length >= lines || used + line.length + 1 > chars) break;
    kept.push(line);
    used += line.length + 1;
  }
  return { text: kept.join('\n'), omitted: all.length - kept.length };
}

/** A `## Changes to the gate files` section with one fenced diff per file, bounded in size. */
export function renderGateChanges(
  changed: readonly ChangedFile[],
  base: BaseRef,
  limits: { chars: number; lines: number } = {
    chars: GATE_DIFF_MAX_CHARS,
    lines: GATE_DIFF_MAX_LINES,
  },
): string {
  if (changed.length === 0) return '';
  const out = [
    '## Changes to the gate files',
    `Judged, not obeyed: the gates ran with the versions on ${untrusted(base.ref, 'code')} at ${base.sha.slice(0, 12)}. Merging this PR makes these versions judge the next promotion, so a change here needs the approval diff guard names (\`preflight.diff-guard.gate-files\`).`,
  ];
  let chars = limits.chars;
  let lines = limits.lines;
  for (const f of changed) {
    const renamed = f.previous_filename
      ? ` (renamed from ${untrusted(f.previous_filename, 'code')})`
      : '';
    out.push(
      `**${untrusted(f.filename, 'code')}**${renamed}: ${untrusted(f.status, 'inline')}, +${f.additions} −${f.deletions}`,
    );
    if (f.patch === undefined) {
      out.push('_GitHub sent no patch for this file (binary or too large); see the Files tab._');
      continue;
    }
    const { text, omitted } = cut(f.patch, chars, lines);
    chars -= text.length;
    lines -= text === '' ? 0 : text.split('\n').length;
    if (text) out.push(untrusted(text, 'block', { language: 'diff' }));
    if (omitted > 0)
      out.push(
        `_… ${omitted} more line${omitted === 1 ? '' : 's'} of this diff left out to keep the check run short; see the PR's Files tab._`,
      );
  }
  return out.join('\n\n');
}
