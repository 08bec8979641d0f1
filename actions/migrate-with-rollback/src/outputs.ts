import type { ActionIO } from '@promote/core/io';
import type { RunReport } from './orchestrate.js';
import type { MigratePlan } from './plan.js';

export function writeOutputs(
  io: ActionIO,
  plan: MigratePlan,
  report: RunReport,
  deploymentId: number | undefined,
): void {
  io.setOutput('status', report.state);
  io.setOutput('backup-id', report.manifest?.backupId ?? plan.backupId);
  io.setOutput('backup-location', report.manifest?.location ?? plan.store.location);
  io.setOutput('backup-store', report.manifest?.stored?.store ?? plan.store.kind);
  if (report.manifest) io.setOutput('backup-sha256', report.manifest.sha256);
  if (report.manifest?.stored) io.setOutput('backup-stored-sha256', report.manifest.stored.sha256);
  if (deploymentId !== undefined) io.setOutput('deployment-id', String(deploymentId));
  const durations: Record<string, number> = {};
  for (const s of report.steps) durations[s.name] = (durations[s.name] ?? 0) + s.durationMs;
  io.setOutput('durations', JSON.stringify(durations));
  io.setOutput('duration-ms', String(Object.values(durations).reduce((a, b) => a + b, 0)));
}
