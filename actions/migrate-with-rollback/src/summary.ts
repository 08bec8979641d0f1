import { untrusted } from '@promote/core/untrusted-text';
import { formatDuration } from '@promote/core/time';
import type { StepOutcome } from './step-runner.js';
import type { RunReport } from './orchestrate.js';
import type { MigratePlan } from './plan.js';

const STATE_LINE: Record<string, string> = {
  migrated: '✅ **migrated**: production runs the new schema.',
  'rolled-back':
    '↩️ **rolled-back**: the migration failed and production was restored from the verified backup.',
  'rollback-failed':
    '🛑 **rollback-failed**: the migration failed AND the restore did not complete. Production needs a person now.',
  'not-migrated': '⛔ **not-migrated**: stopped before touching production.',
  skipped: '⏭️ **skipped**',
};

function stepRow(s: StepOutcome): string {
  const what = s.ok ? 'ok' : s.aborted ? 'cancelled' : 'failed';
  const detail =
    s.error ??
    s.commands
      .map((c) => (c.skipped ? `${c.argv} (${c.skipped})` : c.argv))
      .slice(0, 6)
      .join('\n');
  return `| ${s.name} | ${what} | ${formatDuration(s.durationMs)} | ${untrusted(detail, 'cell')} |`;
}

/** The job summary: production's state first, then what happened, then what to do. */
export function renderReport(
  title: string,
  plan: MigratePlan,
  report: RunReport,
  extra: string[] = [],
): string {
  const lines = [`## ${title}`, '', STATE_LINE[report.state] ?? report.state, ''];
  if (report.failure) lines.push(`**What failed:** ${untrusted(report.failure, 'inline')}`, '');
  if (report.rollbackFailure)
    lines.push(`**Why the rollback failed:** ${untrusted(report.rollbackFailure, 'inline')}`, '');
  if (report.cancelled)
    lines.push('**The job was cancelled** (SIGINT/SIGTERM) during this run.', '');
  lines.push(...extra);
  lines.push(
    '| step | result | time | detail |',
    '| --- | --- | ---: | --- |',
    ...report.steps.map(stepRow),
    '',
  );
  if (report.manifest) {
    const m = report.manifest;
    lines.push(
      `**Backup** \`${m.backupId}\` taken ${m.createdAt}: ${m.sizeBytes} bytes, sha256 \`${m.sha256}\`, at \`${m.location}\` (manifest \`${plan.manifestPath}\`).`,
      '',
    );
  }
  const tail = report.steps.find((s) => s.tail)?.tail;
  if (tail)
    lines.push(
      '<details><summary>Output of the failing command (last lines)</summary>',
      '',
      untrusted(tail, 'block'),
      '</details>',
      '',
    );
  if (report.next.length > 0) lines.push('**Next:**', ...report.next.map((n) => `- ${n}`), '');
  lines.push(`Recovery command for this backup: \`${plan.rollbackCommand}\``, '');
  return lines.join('\n');
}
