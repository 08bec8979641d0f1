import type { GitHubClient, RepoRef } from '@promote/core/github/client';
import { describeGitHubError, hasStatus } from '@promote/core/github/request-errors';
import { createCommitStatus } from '@promote/core/github/statuses';
import {
  fitLine,
  fitText,
  ISSUE_BODY_LIMIT,
  RELEASE_BODY_LIMIT,
  STATUS_DESCRIPTION_LIMIT,
} from '@promote/core/github/limits';
import type { Logger } from '@promote/core/logger';
import type { SealReport } from './seal.js';

export interface TargetDeps {
  github: GitHubClient;
  repo: RepoRef;
  logger: Logger;
  runUrl: string;
}

/** A commit status on the deployed SHA under a stable context (skipped when it already says this). */
export async function writeCommitStatus(
  report: SealReport,
  context: string,
  deps: TargetDeps,
): Promise<string> {
  const result = await createCommitStatus(
    deps.github,
    deps.repo,
    report.sha,
    {
      context,
      state: report.seal === 'green' ? 'success' : 'failure',
      description: report.headline,
      targetUrl: deps.runUrl,
    },
    deps.logger,
  );
  return `commit status ${context} ${result.operation}`;
}

/**
 * The deployment's status: success or failure with the headline (140 characters at most). A re-run
 * that would post the same state and text posts nothing.
 */
export async function writeDeploymentStatus(
  report: SealReport,
  deploymentId: number,
  deps: TargetDeps,
): Promise<string> {
  const state = report.seal === 'green' ? 'success' : 'failure';
  const description = fitLine(
    `Smoke seal ${report.seal}: ${report.headline}`,
    STATUS_DESCRIPTION_LIMIT,
  );
  const { data: recent } = await deps.github.rest.repos.listDeploymentStatuses({
    ...deps.repo,
    deployment_id: deploymentId,
    per_page: 1,
  });
  const latest = recent[0];
  if (latest && latest.state === state && latest.description === description)
    return 'deployment status unchanged';
  await deps.github.rest.repos.createDeploymentStatus({
    ...deps.repo,
    deployment_id: deploymentId,
    state,
    description,
    log_url: deps.runUrl,
    auto_inactive: false,
  });
  return `deployment ${deploymentId} status ${state}`;
}

export const SECTION_START = '<!-- promote:smoke-seal:start -->';
export const SECTION_END = '<!-- promote:smoke-seal:end -->';

/** The body with the seal section replaced (or appended): running twice changes nothing. */
export function withSealSection(body: string, section: string): string {
  const block = `${SECTION_START}\n${section.trim()}\n${SECTION_END}`;
  const start = body.indexOf(SECTION_START);
  const end = body.indexOf(SECTION_END);
  if (start >= 0 && end > start)
    return body.slice(0, start) + block + body.slice(end + SECTION_END.length);
  return body.trim() === '' ? block : `${body.trimEnd()}\n\n${block}`;
}

/** The release body's marked section, when a release for the tag exists; nothing otherwise. */
export async function writeReleaseSection(
  report: SealReport,
  markdown: string,
  tag: string,
  deps: TargetDeps,
): Promise<string> {
  let release;
  try {
    ({ data: release } = await deps.github.rest.repos.getReleaseByTag({ ...deps.repo, tag }));
  } catch (error) {
    if (hasStatus(error, 404))
      return `no release for ${tag} yet (tag-release will include the summary output)`;
    throw error;
  }
  const current = release.body ?? '';
  // Keep the user's notes whole: the seal section is what gets cut if the total is too long.
  const room = RELEASE_BODY_LIMIT - withSealSection(current, '').length - 10;
  const body = withSealSection(current, fitText(markdown, Math.max(200, room), 'smoke seal'));
  if (body === current) return `release ${tag} unchanged`;
  await deps.github.rest.repos.updateRelease({ ...deps.repo, release_id: release.id, body });
  return `release ${tag} body updated`;
}

export const issueMarker = (sha: string) => `<!-- promote:smoke-seal:sha=${sha} -->`;

/**
 * One issue per deployed SHA, found by its hidden marker: created on the first red, updated
 * (reopened) on the next. Mentions the configured people so someone is paged.
 */
export async function upsertRedIssue(
  report: SealReport,
  markdown: string,
  options: { mention: string[]; labels: string[] },
  deps: TargetDeps,
): Promise<string> {
  const marker = issueMarker(report.sha);
  const title = `Production smoke checks red on ${report.sha.slice(0, 7)}`;
  const mentions = options.mention.map((m) => (m.startsWith('@') ? m : `@${m}`)).join(' ');
  const body = fitText(
    `${marker}\n${mentions ? `${mentions}: ` : ''}production smoke checks failed after the deploy of \`${report.sha}\` ([run](${deps.runUrl})).\n\n${markdown}`,
    ISSUE_BODY_LIMIT,
    'issue body',
  );
  const candidates = await deps.github.paginate(deps.github.rest.issues.listForRepo, {
    ...deps.repo,
    state: 'all',
    per_page: 100,
    ...(options.labels.length > 0 ? { labels: options.labels.join(',') } : {}),
  });
  const existing = candidates.find((i) => !i.pull_request && (i.body ?? '').includes(marker));
  if (existing) {
    if (existing.body === body && existing.state === 'open')
      return `issue #${existing.number} unchanged`;
    await deps.github.rest.issues.update({
      ...deps.repo,
      issue_number: existing.number,
      body,
      state: 'open',
    });
    return `issue #${existing.number} updated`;
  }
  const { data } = await deps.github.rest.issues.create({
    ...deps.repo,
    title,
    body,
    labels: options.labels,
  });
  // plugin-retry repeats a POST whose response was lost, so a create can land twice: keep the oldest.
  const after = await deps.github.paginate(deps.github.rest.issues.listForRepo, {
    ...deps.repo,
    state: 'open',
    per_page: 100,
    ...(options.labels.length > 0 ? { labels: options.labels.join(',') } : {}),
  });
  const twins = after
    .filter((i) => !i.pull_request && (i.body ?? '').includes(marker))
    .sort((a, b) => a.number - b.number);
  for (const extra of twins.slice(1)) {
    await deps.github.rest.issues.update({
      ...deps.repo,
      issue_number: extra.number,
      state: 'closed',
      state_reason: 'not_planned',
    });
  }
  const kept = twins[0]?.number ?? data.number;
  return `issue #${kept} opened`;
}

/**
 * Dispatches the rollback workflow (on-failure: rollback). GitHub answers 404 when the file does
 * not exist (or has no workflow_dispatch) and 422 when an input is not declared or the ref is
 * missing (https://docs.github.com/en/rest/actions/workflows#create-a-workflow-dispatch-event):
 * the error says which and how to fix it.
 */
export async function dispatchRollback(
  workflow: string,
  ref: string,
  inputs: Record<string, string>,
  deps: TargetDeps,
): Promise<string> {
  try {
    await deps.github.rest.actions.createWorkflowDispatch({
      ...deps.repo,
      workflow_id: workflow,
      ref,
      inputs,
    });
  } catch (error) {
    throw new Error(dispatchFailure(error, workflow, ref, inputs, deps.repo));
  }
  return `dispatched ${workflow} on ${ref} with ${Object.keys(inputs).join(', ')}`;
}

const EXAMPLE = 'examples/<app>/.github/workflows/promote-rollback.yml';

/** Why a rollback dispatch failed and what fixes it (no token, no input values). */
export function dispatchFailure(
  error: unknown,
  workflow: string,
  ref: string,
  inputs: Record<string, string>,
  repo: RepoRef,
): string {
  const where = `${repo.owner}/${repo.repo}`;
  if (hasStatus(error, 404)) {
    return `GitHub answered 404 to dispatching ${workflow} on ${ref}: ${where} has no workflow file .github/workflows/${workflow} with a workflow_dispatch trigger on that branch. Fix: add it (copy ${EXAMPLE}) or set promote.rollback-workflow (or smoke.rollback.workflow) to your rollback workflow's file name`;
  }
  if (hasStatus(error, 422)) {
    return `GitHub answered 422 to dispatching ${workflow} on ${ref} (${describeGitHubError(error)}): the workflow does not accept the inputs ${Object.keys(inputs).join(', ')}, or ${ref} is not a branch. Fix: declare them under on.workflow_dispatch.inputs as ${EXAMPLE} does, and dispatch on the production branch (smoke.rollback.ref)`;
  }
  if (hasStatus(error, 403)) {
    return `GitHub answered 403 to dispatching ${workflow}: the token cannot start workflows. Fix: give the smoke job \`permissions: actions: write\` (or a token that has it)`;
  }
  return `dispatching ${workflow} on ${ref} failed: ${describeGitHubError(error)}`;
}

/** Runs one seal target; a failure is a warning (the ship already happened), never a failed seal. */
export async function attempt(
  name: string,
  logger: Logger,
  write: () => Promise<string>,
): Promise<{ name: string; ok: boolean; detail: string }> {
  try {
    const detail = await write();
    logger.info(`Seal → ${name}: ${detail}.`);
    return { name, ok: true, detail };
  } catch (error) {
    const detail = describeGitHubError(error);
    logger.warning(`Could not record the seal in the ${name} (${detail}); the seal itself stands.`);
    return { name, ok: false, detail };
  }
}
