import type { GitHubClient, RepoRef } from './client.js';
import type { Logger } from '../logger.js';
import type { CheckAnnotation } from '../report.js';
import { CHECK_RUN_ANNOTATIONS_PER_REQUEST, CHECK_RUN_TEXT_LIMIT, fitText } from './limits.js';
import { silentLogger, type UpsertOperation } from './operation.js';
import { findLanded, mayHaveLanded } from './landed.js';

type CheckRun = Awaited<ReturnType<GitHubClient['rest']['checks']['create']>>['data'];

export type CheckStatus = 'queued' | 'in_progress' | 'completed';
export type CheckConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface CheckRunSpec {
  name: string;
  headSha: string;
  status: CheckStatus;
  /** Required when status is `completed`. */
  conclusion?: CheckConclusion;
  output: { title: string; summary: string; text?: string };
  annotations?: CheckAnnotation[];
  detailsUrl?: string;
  /**
   * Identifies our check runs among others with the same name: a workflow job's own check run
   * is made by the same GitHub Actions app and may share the name. Default `promote:<name>`.
   */
  externalId?: string;
}

export interface CheckRunResult {
  checkRun: CheckRun;
  operation: Exclude<UpsertOperation, 'unchanged'>;
  /** Annotations sent (all of them, in batches of 50). */
  annotationsSent: number;
  /** Requests that carried annotations. */
  annotationRequests: number;
}

async function findCheckRuns(
  gh: GitHubClient,
  repo: RepoRef,
  name: string,
  headSha: string,
  externalId: string,
): Promise<CheckRun[]> {
  // filter=all: the default (latest) would hide a duplicate created by a retried POST.
  const runs = await gh.paginate(gh.rest.checks.listForRef, {
    ...repo,
    ref: headSha,
    check_name: name,
    filter: 'all',
    per_page: 100,
  });
  return (runs as CheckRun[])
    .filter((r) => r.name === name && r.head_sha === headSha && r.external_id === externalId)
    .sort((a, b) => a.id - b.id);
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * One check run per (name, head SHA): updated in place when it exists, else created. Summary and
 * text are cut to GitHub's 65,535 characters with a note; annotations go 50 per request (GitHub's
 * limit), the first batch with the create/update and the rest appended by PATCH.
 *
 * Check runs cannot be deleted. When a retried create left two, the oldest is the one we keep
 * (annotations go there) and every duplicate gets the same status and conclusion, so whichever
 * one a required check reads carries the real verdict (a `neutral` leftover would pass a gate).
 * Annotations accumulate on a check run: a re-run on the same SHA adds its annotations again.
 */
export async function createOrUpdateCheckRun(
  gh: GitHubClient,
  repo: RepoRef,
  spec: CheckRunSpec,
  logger: Logger = silentLogger,
): Promise<CheckRunResult> {
  if (spec.status === 'completed' && !spec.conclusion) {
    throw new Error(`check run "${spec.name}": a completed check run needs a conclusion.`);
  }
  const externalId = spec.externalId ?? `promote:${spec.name}`;
  const output = {
    title: spec.output.title,
    summary: fitText(spec.output.summary, CHECK_RUN_TEXT_LIMIT, 'summary', true),
    ...(spec.output.text !== undefined
      ? { text: fitText(spec.output.text, CHECK_RUN_TEXT_LIMIT, 'details', true) }
      : {}),
  };
  const [firstBatch = [], ...laterBatches] = chunk(
    spec.annotations ?? [],
    CHECK_RUN_ANNOTATIONS_PER_REQUEST,
  );
  const verdict = {
    status: spec.status,
    ...(spec.status === 'completed' && spec.conclusion ? { conclusion: spec.conclusion } : {}),
    ...(spec.detailsUrl ? { details_url: spec.detailsUrl } : {}),
    external_id: externalId,
  };

  const existing = await findCheckRuns(gh, repo, spec.name, spec.headSha, externalId);
  let checkRun: CheckRun;
  let operation: CheckRunResult['operation'];
  let others: CheckRun[];

  const [oldest, ...rest] = existing;
  if (oldest) {
    const { data } = await gh.rest.checks.update({
      ...repo,
      check_run_id: oldest.id,
      ...verdict,
      output: { ...output, ...(firstBatch.length ? { annotations: firstBatch } : {}) },
    });
    checkRun = data as CheckRun;
    operation = 'updated';
    others = rest;
  } else {
    const create = (retries?: number) =>
      gh.rest.checks.create({
        ...repo,
        name: spec.name,
        head_sha: spec.headSha,
        ...verdict,
        output: { ...output, ...(firstBatch.length ? { annotations: firstBatch } : {}) },
        ...(retries === undefined ? {} : { request: { retries } }),
      });
    let data: CheckRun;
    try {
      // Not retried blindly: a create whose answer was lost has landed, and a second POST would
      // leave a duplicate check run that can never be deleted (found by test/reliability).
      ({ data } = await create(0));
    } catch (error) {
      if (!mayHaveLanded(error)) throw error;
      const landed = await findLanded(error, async () => {
        const [run] = await findCheckRuns(gh, repo, spec.name, spec.headSha, externalId);
        return run;
      });
      data = landed ?? (await create()).data;
    }
    checkRun = data;
    operation = 'created';
    // A retried POST may have created it twice; look again.
    const after = await findCheckRuns(gh, repo, spec.name, spec.headSha, externalId);
    const [keep, ...extras] = after;
    if (keep && keep.id !== data.id) {
      // Ours is the duplicate: move the report onto the oldest.
      const { data: kept } = await gh.rest.checks.update({
        ...repo,
        check_run_id: keep.id,
        ...verdict,
        output: { ...output, ...(firstBatch.length ? { annotations: firstBatch } : {}) },
      });
      checkRun = kept as CheckRun;
    }
    others = extras.filter((r) => r.id !== checkRun.id);
    if (keep && keep.id !== data.id && !others.some((r) => r.id === data.id)) others.push(data);
  }

  for (const batch of laterBatches) {
    await gh.rest.checks.update({
      ...repo,
      check_run_id: checkRun.id,
      output: { title: output.title, summary: output.summary, annotations: batch },
    });
  }

  for (const duplicate of others) {
    await gh.rest.checks.update({
      ...repo,
      check_run_id: duplicate.id,
      ...verdict,
      output: {
        title: output.title,
        summary: fitText(
          `Duplicate of check run ${checkRun.id} (a retried request created it twice); same verdict.\n\n${output.summary}`,
          CHECK_RUN_TEXT_LIMIT,
          'summary',
          true,
        ),
      },
    });
    logger.info(
      `Check run ${duplicate.id} is a duplicate of ${checkRun.id}; gave it the same verdict.`,
    );
  }

  const annotationsSent = spec.annotations?.length ?? 0;
  logger.info(
    `${operation === 'created' ? 'Created' : 'Updated'} check run "${spec.name}" (${checkRun.id}) on ${spec.headSha.slice(0, 7)}: ${spec.status}${verdict.conclusion ? `/${verdict.conclusion}` : ''}${annotationsSent ? `, ${annotationsSent} annotations` : ''}.`,
  );
  return {
    checkRun,
    operation,
    annotationsSent,
    annotationRequests: firstBatch.length ? 1 + laterBatches.length : 0,
  };
}

/** A transport error or 5xx: the request may have been carried out although no answer came. */
