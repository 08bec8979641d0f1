import { codeBlock, escapeInline } from '@promote/core/markdown';
import type { VersionDecision } from './release-plan.js';

export interface ShipFacts {
  decision: VersionDecision;
  dryRun: boolean;
  repoUrl: string;
  compareUrl: string | null;
  releaseUrl: string | null;
  changelog: string;
  changelogOutcome: string;
  tagOutcome: string;
  releaseOutcome: string;
  notifyOutcome: string;
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
    ? `## ${f.dryRun ? 'Dry run: would ship' : 'Shipped'} ${escapeInline(d.tag ?? d.version)}`
    : '## Nothing to release';
  const rows: [string, string][] = [
    [
      'Version',
      d.version
        ? `${d.currentVersion ?? 'none'} → **${d.version}**${d.prerelease ? ' (prerelease)' : ''}`
        : `${d.currentVersion ?? 'none'} (unchanged)`,
    ],
    ['Bump', escapeInline(d.bumpDescription)],
    ['Commit', `[\`${d.targetSha.slice(0, 12)}\`](${f.repoUrl}/commit/${d.targetSha})`],
  ];
  if (d.previous) rows.push(['Previous release', escapeInline(d.previous.tag)]);
  if (f.compareUrl)
    rows.push([
      'Changes',
      // The first release has nothing to compare with: its link lists the commits it contains.
      `[${d.previous ? 'compare' : 'all commits'}](${f.compareUrl})`,
    ]);
  if (f.releaseUrl) rows.push(['Release', `[${escapeInline(d.tag ?? '')}](${f.releaseUrl})`]);
  if (f.deploymentUrl) rows.push(['Deployment', `[deployment](${f.deploymentUrl})`]);
  if (f.seal)
    rows.push([
      'Smoke seal',
      f.seal === 'green' ? '🟢 green' : f.seal === 'red' ? '🔴 red' : escapeInline(f.seal),
    ]);
  if (d.version) {
    rows.push(['Changelog', escapeInline(f.changelogOutcome)]);
    rows.push(['Tag', escapeInline(f.tagOutcome)]);
    rows.push(['GitHub release', escapeInline(f.releaseOutcome)]);
    rows.push(['Notifications', escapeInline(f.notifyOutcome)]);
  }
  rows.push(['Run', `[log](${f.runUrl})`]);
  const table = [
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`),
  ].join('\n');
  const parts = [title, table];
  if (f.rollbackCommand)
    parts.push(`**Rollback** (if production breaks):\n\n${codeBlock(f.rollbackCommand, 'sh')}`);
  if (f.sealSummary)
    parts.push(`<details><summary>Smoke seal details</summary>\n\n${f.sealSummary}\n\n</details>`);
  if (f.changelog)
    parts.push(`<details><summary>Changelog</summary>\n\n${f.changelog}\n</details>`);
  return `${parts.join('\n\n')}\n`;
}
