import type { ActionIO } from '@promote/core/io';
import type { Logger } from '@promote/core/logger';
import { renderMarkdownTable, type ResultRow } from '@promote/core/report';
import { untrusted } from '@promote/core/untrusted-text';
import type { AppliedPromotion, ActivePlan } from './apply.js';
import type { PromotionName } from './name.js';
import type { PromotionPlan } from './plan.js';
import { formatReviewer, type RotationPick } from './rotation.js';
import { formatDuration } from '@promote/core/time';
import type { NotReady } from './facts.js';
import type { PromotionScope } from './scope.js';

// The outputs and the job summary of each way a promotion ends: nothing to promote, a dry run,
// or the PR opened or updated.

export async function reportNothingToPromote(
  io: ActionIO,
  logger: Logger,
  name: PromotionName,
  plan: Extract<PromotionPlan, { operation: 'none' }>,
): Promise<void> {
  logger.info(plan.message);
  io.setOutput('operation', 'none');
  io.setOutput('branch', '');
  io.setOutput('pr-number', '');
  io.setOutput('pr-url', '');
  await io.appendSummary(
    `## Promotion ${untrusted(name.given, 'inline')}\n\n${untrusted(plan.message, 'inline')}\n`,
  );
}

function noOutputs(io: ActionIO): void {
  io.setOutput('operation', 'none');
  io.setOutput('branch', '');
  io.setOutput('pr-number', '');
  io.setOutput('pr-url', '');
  io.setOutput('head-sha', '');
}

/** Declared stages: nothing on the source stage is deployed, sealed green and soaked yet. Not a failure. */
export async function reportNothingReady(
  io: ActionIO,
  logger: Logger,
  name: PromotionName,
  scope: PromotionScope,
  facts: NotReady,
): Promise<void> {
  const { notReady } = facts;
  const of = scope.app ? ` of app ${scope.app.name}` : '';
  const when =
    notReady.remainingMs !== undefined
      ? ` The earliest is ready in ${formatDuration(Math.ceil(notReady.remainingMs / 60_000) * 60_000)}; a run after that promotes it.`
      : '';
  const headline = `Nothing${of} on ${scope.source.name} is ready for ${scope.target.name} yet: ${facts.aheadBy} commit${facts.aheadBy === 1 ? '' : 's'} ahead of ${facts.production.branch}, none deployed and sealed green on ${scope.source.name}${scope.source.soak ? ` for its soak of ${scope.source.soak}` : ''}.${when} No branch, no PR.`;
  logger.notice(headline);
  for (const line of notReady.lines) logger.info(`- ${line}`);
  noOutputs(io);
  await io.appendSummary(
    `## Promotion ${untrusted(name.given, 'inline')}: nothing ready\n\n${untrusted(headline, 'inline')}\n\n${notReady.lines.map((l) => `- ${untrusted(l, 'inline')}`).join('\n')}\n`,
  );
}

/** A release train outside the target stage's allow windows: nothing read, nothing written. */
export async function reportWaitingForWindow(
  io: ActionIO,
  logger: Logger,
  name: PromotionName,
  text: string,
): Promise<void> {
  logger.notice(text);
  noOutputs(io);
  await io.appendSummary(
    `## Promotion ${untrusted(name.given, 'inline')}: outside the allow windows\n\n${untrusted(text, 'inline')}\n`,
  );
}

export async function reportDryRun(
  io: ActionIO,
  logger: Logger,
  promotion: { name: PromotionName; owner: string; production: string },
  plan: ActivePlan,
  rotation: RotationPick,
  body: string,
): Promise<void> {
  const { name, owner, production } = promotion;
  logger.info(`Dry run: ${plan.message}`);
  logger.info(
    `Dry run: would ${plan.operation} a PR from ${plan.branch} into ${production}${rotation.reviewer ? ` and request ${formatReviewer(rotation.reviewer, owner)}` : ''}.`,
  );
  io.setOutput('operation', 'none');
  io.setOutput('branch', plan.branch);
  io.setOutput('pr-number', plan.pr ? String(plan.pr.number) : '');
  io.setOutput('pr-url', plan.pr?.url ?? '');
  await io.appendSummary(
    `## Promotion ${untrusted(name.given, 'inline')} (dry run)\n\n${untrusted(plan.message, 'inline')}\n\n<details><summary>PR body</summary>\n\n${body}\n\n</details>\n`,
  );
}

export async function reportApplied(
  io: ActionIO,
  promotion: { name: PromotionName; owner: string; production: string; aheadBy: number },
  plan: ActivePlan,
  applied: AppliedPromotion,
  rotation: RotationPick,
  gateRows: ResultRow[],
): Promise<void> {
  const { name, owner, production, aheadBy } = promotion;
  io.setOutput('pr-number', String(applied.number));
  io.setOutput('pr-url', applied.url);
  io.setOutput('operation', applied.operation);
  io.setOutput('branch', applied.branch);
  io.setOutput('head-sha', applied.headSha);
  const lines = [
    `## Promotion ${untrusted(name.given, 'inline')}: PR [#${applied.number}](${applied.url}) ${applied.operation}`,
    '',
    `- Branch ${untrusted(applied.branch, 'code')} at ${untrusted(applied.headSha.slice(0, 7), 'code')} (${aheadBy} commit${aheadBy === 1 ? '' : 's'} ahead of ${untrusted(production, 'code')})`,
    `- Reviewer: ${rotation.reviewer ? formatReviewer(rotation.reviewer, owner) : 'none (rotation empty)'}`,
  ];
  for (const old of plan.supersede) lines.push(`- Closed superseded PR #${old.number}`);
  if (gateRows.length) lines.push('', renderMarkdownTable(gateRows));
  await io.appendSummary(`${lines.join('\n')}\n`);
}
