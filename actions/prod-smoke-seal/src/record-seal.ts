import type { NotifyConfig } from '@promote/core/config/sections/notify';
import type { SmokeConfig } from '@promote/core/config/sections/smoke';
import type { RunContext } from '@promote/core/context';
import type { GitHubClient } from '@promote/core/github/client';
import type { Logger } from '@promote/core/logger';
import type { SecretMasker } from '@promote/core/secrets';
import { describeGitHubError } from '@promote/core/github/request-errors';
import { postChat, sealMessage } from './chat.js';
import type { SmokeInputs } from './inputs.js';
import type { SealReport } from './seal.js';
import {
  attempt,
  dispatchRollback,
  upsertRedIssue,
  writeCommitStatus,
  writeDeploymentStatus,
  writeReleaseSection,
  type TargetDeps,
} from './seal-targets.js';

export interface RecordDeps {
  smoke: SmokeConfig;
  notify: NotifyConfig;
  inputs: SmokeInputs;
  ctx: RunContext;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  masker: SecretMasker;
  dispatch: { workflow: string; ref: string; inputs: Record<string, string> };
  github: () => GitHubClient;
  fetch?: typeof fetch;
}

export interface TargetOutcome {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * Writes the seal everywhere people look. Each target is independent: one failing (no permission,
 * GitHub down, chat webhook revoked) is a warning and the others still run.
 */
export async function recordSeal(
  report: SealReport,
  markdown: string,
  deps: RecordDeps,
): Promise<TargetOutcome[]> {
  const { smoke, inputs, logger } = deps;
  const outcomes: TargetOutcome[] = [];
  let github: GitHubClient | undefined;
  const gh = (): GitHubClient => (github ??= deps.github());
  const t = (): TargetDeps => ({
    github: gh(),
    repo: { owner: deps.ctx.owner, repo: deps.ctx.repo },
    logger,
    runUrl: deps.ctx.runUrl,
  });

  if (smoke.seal['commit-status']) {
    outcomes.push(
      await attempt('commit status', logger, () =>
        writeCommitStatus(report, smoke.seal.context, t()),
      ),
    );
  }
  if (smoke.seal['deployment-status'] && inputs.deploymentId !== undefined) {
    const id = inputs.deploymentId;
    outcomes.push(
      await attempt('deployment status', logger, () => writeDeploymentStatus(report, id, t())),
    );
  }
  if (smoke.seal['release-body'] && inputs.tag) {
    const tag = inputs.tag;
    outcomes.push(
      await attempt('release body', logger, () => writeReleaseSection(report, markdown, tag, t())),
    );
  }
  if (smoke.seal.chat) {
    const posted = await postChat(
      sealMessage(report, `${deps.ctx.owner}/${deps.ctx.repo}`, deps.ctx.runUrl),
      {
        notify: deps.notify,
        env: deps.env,
        logger,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      },
    );
    if (posted.length > 0)
      outcomes.push({ name: 'chat', ok: true, detail: `posted to ${posted.join(', ')}` });
  }
  if (report.seal === 'red' && smoke.issue.enabled) {
    outcomes.push(
      await attempt('issue', logger, () =>
        upsertRedIssue(
          report,
          markdown,
          { mention: smoke.issue.mention, labels: smoke.issue.labels },
          t(),
        ),
      ),
    );
  }
  if (report.seal === 'red' && smoke['on-failure'] === 'rollback') {
    // Not a seal target: a rollback that did not start fails the step (main.ts), with this detail.
    const d = deps.dispatch;
    try {
      const detail = await dispatchRollback(d.workflow, d.ref, d.inputs, t());
      outcomes.push({ name: 'rollback dispatch', ok: true, detail });
    } catch (error) {
      outcomes.push({ name: 'rollback dispatch', ok: false, detail: describeGitHubError(error) });
    }
  }
  return outcomes;
}
