import { untrusted } from '@promote/core/untrusted-text';
import type { VersionDecision } from './release-plan.js';

export interface ShipFacts {
  decision: VersionDecision;
  /** The app of a monorepo released (issue #20); undefined for the repository as one app. */
  app?: string | undefined;
  dryRun: boolean;
  repoUrl: string;
  compareUrl: string | null;
  releaseUrl: string | null;
  changelog: string;
  changelogOutcome: string;
  tagOutcome: string;
  releaseOutcome: string;
  notifyOutcome: string;
  /** release.major-tag: what happened to the major tag (null when not configured). */
  majorTagOutcome: string | null;
  seal: string | undefined;
  sealSummary: string | undefined;
  deploymentUrl: string | undefined;
  runUrl: string;
  rollbackCommand: string | null;
}

/** The job summary: version, SHA, links, seal, the steps taken, and the rollback command. */
export function renderShipReport(f: ShipFacts): string {
  const d = f.decision;
  const title = d.version
    ? `## ${f.dryRun ? 'Dry run: would ship' : 'Shipped'} ${untrusted(d.tag ?? d.version, 'inline')}`
    : `## Nothing to release${f.app ? ` for ${f.app}` : ''}`;
  const rows: [string, string][] = [
    ...(f.app ? [['App', `\`${f.app}\``] as [string, string]] : []),
    [
      'Version',
      d.version
        ? `${d.currentVersion ?? 'none'} → **${d.version}**${d.prerelease ? ' (prerelease)' : ''}`
        : `${d.currentVersion ?? 'none'} (unchanged)`,
    ],
    ['Bump', untrusted(d.bumpDescription, 'cell')],
    ['Commit', `[\`${d.targetSha.slice(0, 12)}\`](${f.repoUrl}/commit/${d.targetSha})`],
  ];
  if (d.previous) rows.push(['Previous release', untrusted(d.previous.tag, 'cell')]);
  if (f.compareUrl)
    rows.push([
      'Changes',
      // The first release has nothing to compare with: its link lists the commits it contains.
      `[${d.previous ? 'compare' : 'all commits'}](${f.compareUrl})`,
    ]);
  if (f.releaseUrl) rows.push(['Release', `[${untrusted(d.tag ?? '', 'cell')}](${f.releaseUrl})`]);
  if (f.deploymentUrl) rows.push(['Deployment', `[deployment](${f.deploymentUrl})`]);
  if (f.seal)
    rows.push([
      'Smoke seal',
      f.seal === 'green' ? '🟢 green' : f.seal === 'red' ? '🔴 red' : untrusted(f.seal, 'cell'),
    ]);
  if (d.version) {
    rows.push(['Changelog', untrusted(f.changelogOutcome, 'cell')]);
    rows.push(['Tag', untrusted(f.tagOutcome, 'cell')]);
    rows.push(['GitHub release', untrusted(f.releaseOutcome, 'cell')]);
    rows.push(['Notifications', untrusted(f.notifyOutcome, 'cell')]);
    if (f.majorTagOutcome) rows.push(['Major tag', untrusted(f.majorTagOutcome, 'cell')]);
  }
  rows.push(['Run', `[log](${f.runUrl})`]);
  const table = [
    '| | |',
    '|---|---|',
    // Every value is a finished cell: untrusted text went through untrusted(text, 'cell').
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  ].join('\n');
  const parts = [title, table];
  if (f.rollbackCommand)
    parts.push(
      `**Rollback** (if production breaks):\n\n${untrusted(f.rollbackCommand, 'block', { language: 'sh' })}`,
    );
  if (f.sealSummary)
    parts.push(`<details><summary>Smoke seal details</summary>\n\n${f.sealSummary}\n\n</details>`);
  if (f.changelog)
    parts.push(`<details><summary>Changelog</summary>\n\n${f.changelog}\n</details>`);
  return `${parts.join('\n\n')}\n`;
}
