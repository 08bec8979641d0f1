import type { GitHubClient, RepoRef } from './client.js';
import type { Logger } from '../logger.js';
import { chunk, type CheckAnnotation } from '../report.js';
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

/** What every request about this check run sends: the verdict, the output, the annotation batches. */
interface CheckRunRequest {
  spec: CheckRunSpec;
  externalId: string;
  verdict: {
    status: CheckStatus;
    conclusion?: CheckConclusion;
    details_url?: string;
    external_id: string;
  };
  output: { title: string; summary: string; text?: string };
  /** The output with the first batch of annotations: what a create or the first update sends. */
  firstOutput: { title: string; summary: string; text?: string; annotations?: CheckAnnotation[] };
  laterBatches: CheckAnnotation[][];
}

function checkRunRequest(spec: CheckRunSpec): CheckRunRequest {
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
  return {
    spec,
    externalId,
    verdict: {
      status: spec.status,
      ...(spec.status === 'completed' && spec.conclusion ? { conclusion: spec.conclusion } : {}),
      ...(spec.detailsUrl ? { details_url: spec.detailsUrl } : {}),
      external_id: externalId,
    },
    output,
    firstOutput: { ...output, ...(firstBatch.length ? { annotations: firstBatch } : {}) },
    laterBatches,
  };
}

/** Our check run as it now stands, and the duplicates a retried create left beside it. */
interface Written {
  checkRun: CheckRun;
  operation: CheckRunResult['operation'];
  others: CheckRun[];
}

async function writeVerdict(
  gh: GitHubClient,
  repo: RepoRef,
  id: number,
  request: CheckRunRequest,
): Promise<CheckRun> {
  const { data } = await gh.rest.checks.update({
    ...repo,
    check_run_id: id,
    ...request.verdict,
    output: request.firstOutput,
  });
  return data as CheckRun;
}

/**
 * Create the check run once. Not retried blindly: a create whose answer was lost has landed, and
 * a second POST would leave a duplicate check run that can never be deleted (found by
 * test/reliability). A retried POST may still have created it twice, so look again: the oldest
 * is the one kept, and the report moves onto it when ours is the duplicate.
 */
async function createCheckRun(
  gh: GitHubClient,
  repo: RepoRef,
  request: CheckRunRequest,
): Promise<Written> {
  const { spec, externalId } = request;
  const find = () => findCheckRuns(gh, repo, spec.name, spec.headSha, externalId);
  const create = (retries?: number) =>
    gh.rest.checks.create({
      ...repo,
      name: spec.name,
      head_sha: spec.headSha,
      ...request.verdict,
      output: request.firstOutput,
      ...(retries === undefined ? {} : { request: { retries } }),
    });
  let data: CheckRun;
  try {
    ({ data } = await create(0));
  } catch (error) {
    if (!mayHaveLanded(error)) throw error;
    const landed = await findLanded(error, async () => (await find())[0]);
    data = landed ?? (await create()).data;
  }
  const [keep, ...extras] = await find();
  // Ours is the duplicate: move the report onto the oldest.
  const checkRun =
    keep && keep.id !== data.id ? await writeVerdict(gh, repo, keep.id, request) : data;
  const others = extras.filter((r) => r.id !== checkRun.id);
  if (keep && keep.id !== data.id && !others.some((r) => r.id === data.id)) others.push(data);
  return { checkRun, operation: 'created', others };
}

/** Annotations past the first 50, appended to the check run 50 per request. */
async function appendAnnotations(
  gh: GitHubClient,
  repo: RepoRef,
  checkRun: CheckRun,
  request: CheckRunRequest,
): Promise<void> {
  for (const batch of request.laterBatches) {
    await gh.rest.checks.update({
      ...repo,
      check_run_id: checkRun.id,
      output: { title: request.output.title, summary: request.output.summary, annotations: batch },
    });
  }
}

/** Every duplicate gets the same status and conclusion, so no leftover passes a required check. */
async function markDuplicates(
  gh: GitHubClient,
  repo: RepoRef,
  { checkRun, others }: Written,
  request: CheckRunRequest,
  logger: Logger,
): Promise<void> {
  for (const duplicate of others) {
    await gh.rest.checks.update({
      ...repo,
      check_run_id: duplicate.id,
      ...request.verdict,
      output: {
        title: request.output.title,
        summary: fitText(
          `Duplicate of check run ${checkRun.id} (a retried request created it twice); same verdict.\n\n${request.output.summary}`,
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
  const request = checkRunRequest(spec);
  const [oldest, ...rest] = await findCheckRuns(
    gh,
    repo,
    spec.name,
    spec.headSha,
    request.externalId,
  );
  const written: Written = oldest
    ? {
        checkRun: await writeVerdict(gh, repo, oldest.id, request),
        operation: 'updated',
        others: rest,
      }
    : await createCheckRun(gh, repo, request);
  await appendAnnotations(gh, repo, written.checkRun, request);
  await markDuplicates(gh, repo, written, request, logger);

  const { checkRun, operation } = written;
  const annotationsSent = spec.annotations?.length ?? 0;
  const conclusion = request.verdict.conclusion;
  logger.info(
    `${operation === 'created' ? 'Created' : 'Updated'} check run "${spec.name}" (${checkRun.id}) on ${spec.headSha.slice(0, 7)}: ${spec.status}${conclusion ? `/${conclusion}` : ''}${annotationsSent ? `, ${annotationsSent} annotations` : ''}.`,
  );
  return {
    checkRun,
    operation,
    annotationsSent,
    annotationRequests: request.firstOutput.annotations ? 1 + request.laterBatches.length : 0,
  };
}
