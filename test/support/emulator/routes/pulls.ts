// Pull requests: create/list/get/update, merge (a real git merge), files, commits, reviewers, reviews.
import { HttpError, validationFailed } from '../errors.js';
import { paginate, pageReply } from '../pagination.js';
import { commitShape, diffEntry } from '../shapes/commit.js';
import { pullShape, pullSimpleShape, refreshPull } from '../shapes/pull.js';
import { simpleUser } from '../shapes/user.js';
import type { PullRecord, ReviewRecord } from '../state.js';
import type { EmulatorCore, RouteTable } from '../types.js';
import { missingChecks, rulesetRequiredContexts } from '../rulesets.js';
import { pullOr404 } from './lookup.js';
import { rawFormat, rawReply } from './media.js';
import { afterRefMove, pullRequestEvent } from './ref-moves.js';

/** 'acme:feature' or 'feature' -> 'feature' (only same-repository heads exist here). */
function headBranch(emu: EmulatorCore, head: string): string {
  const colon = head.indexOf(':');
  if (colon < 0) return head;
  if (head.slice(0, colon).toLowerCase() !== emu.owner.toLowerCase()) return '\0';
  return head.slice(colon + 1);
}

// A PR body holds at most 65,536 characters (GitHub answers 422 "body is too long
// (maximum is 65536 characters)").
export const PULL_BODY_LIMIT = 65_536;

function checkPullBody(text: unknown): void {
  if (typeof text === 'string' && text.length > PULL_BODY_LIMIT) {
    throw validationFailed({
      resource: 'PullRequest',
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${PULL_BODY_LIMIT} characters)`,
    });
  }
}

// GitHub refuses a longer title: 422 "title is too long (maximum is 256 characters)"
// (https://github.com/OpenDigitalProductFactory/opendigitalproductfactory/pull/856).
export const PULL_TITLE_LIMIT = 256;

function checkPullTitle(title: unknown): void {
  if (typeof title === 'string' && title.length > PULL_TITLE_LIMIT) {
    throw validationFailed({
      resource: 'PullRequest',
      code: 'custom',
      field: 'title',
      message: `title is too long (maximum is ${PULL_TITLE_LIMIT} characters)`,
    });
  }
}

const merging = new WeakSet<PullRecord>();

function refuseDuplicate(emu: EmulatorCore, branch: string, base: string): void {
  const existing = emu.state.pulls.find(
    (p) => p.state === 'open' && p.head.ref === branch && p.base.ref === base,
  );
  if (existing) {
    throw validationFailed({
      resource: 'PullRequest',
      code: 'custom',
      message: `A pull request already exists for ${emu.owner}:${branch}.`,
    });
  }
}

// Pull-request commit listing stops at 250, file listing at 3000
// (https://docs.github.com/en/rest/pulls/pulls#list-commits-on-a-pull-request).
const PR_COMMIT_LIMIT = 250;
const PR_FILE_LIMIT = 3000;

function reviewShape(emu: EmulatorCore, r: ReviewRecord) {
  const html = `${emu.htmlRepo}/pull/${r.pull_number}#pullrequestreview-${r.id}`;
  return {
    id: r.id,
    node_id: Buffer.from(`017:PullRequestReview${r.id}`).toString('base64'),
    user: simpleUser(emu, r.user),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: `${emu.apiRepo}/pulls/${r.pull_number}`,
    _links: {
      html: { href: html },
      pull_request: { href: `${emu.apiRepo}/pulls/${r.pull_number}` },
    },
    ...(r.submitted_at ? { submitted_at: r.submitted_at } : {}),
    commit_id: r.commit_id,
    author_association: 'COLLABORATOR',
  };
}

/** The first required check (classic protection or a ruleset) not green on the PR's head. */
function requiredChecksMissing(emu: EmulatorCore, pull: PullRecord): string | undefined {
  const contexts = [
    ...(emu.state.protection[pull.base.ref]?.required_status_checks?.contexts ?? []),
    ...rulesetRequiredContexts(emu, pull.base.ref),
  ];
  return missingChecks(emu, pull.head.sha, contexts)[0];
}

export const pullsRoutes: RouteTable = {
  'pulls/list': async (ctx) => {
    const { emu, query } = ctx;
    let pulls = emu.state.pulls.filter(
      (p) => query.state === 'all' || p.state === (query.state ?? 'open'),
    );
    // GitHub silently ignores a head filter without the owner ("branch" instead of "owner:branch")
    // and lists every PR: reproduce it, so code that forgets the owner fails here too.
    if (typeof query.head === 'string' && query.head.includes(':')) {
      const branch = headBranch(emu, query.head);
      pulls = pulls.filter((p) => p.head.ref === branch);
    }
    if (query.base) pulls = pulls.filter((p) => p.base.ref === query.base);
    const key = query.sort === 'updated' ? 'updated_at' : 'created_at';
    pulls = [...pulls].sort((a, b) =>
      a[key] === b[key] ? a.number - b.number : a[key] < b[key] ? -1 : 1,
    );
    if ((query.direction ?? 'desc') === 'desc') pulls.reverse();
    for (const p of pulls) await refreshPull(emu, p);
    return pageReply(ctx, pulls, (p) => pullSimpleShape(emu, p));
  },

  'pulls/create': async (ctx) => {
    const { emu, body, login } = ctx;
    checkPullBody(body.body);
    checkPullTitle(body.title);
    const branch = headBranch(emu, body.head as string);
    const base = body.base as string;
    const headSha = await emu.git.revParse(`refs/heads/${branch}`);
    if (!headSha)
      throw validationFailed({ resource: 'PullRequest', field: 'head', code: 'invalid' });
    const baseSha = await emu.git.revParse(`refs/heads/${base}`);
    if (!baseSha)
      throw validationFailed({ resource: 'PullRequest', field: 'base', code: 'invalid' });
    if (!body.title && body.issue === undefined)
      throw validationFailed({ resource: 'PullRequest', field: 'title', code: 'missing_field' });
    refuseDuplicate(emu, branch, base);
    const mergeBase = await emu.git.mergeBase(baseSha, headSha);
    if (!mergeBase || (await emu.git.countCommits([`${mergeBase}..${headSha}`])) === 0) {
      throw validationFailed({
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${base} and ${branch}`,
      });
    }
    // Checked again after the awaits: two creates that arrive together must not both succeed.
    refuseDuplicate(emu, branch, base);
    const now = emu.now();
    const pull: PullRecord = {
      number: emu.nextNumber(),
      id: emu.nextId(),
      title: body.title as string,
      body: (body.body as string | undefined) ?? null,
      state: 'open',
      labels: [],
      assignees: [],
      user: login,
      locked: false,
      created_at: now,
      updated_at: now,
      closed_at: null,
      head: { ref: branch, sha: headSha },
      base: { ref: base, sha: baseSha },
      draft: body.draft === true,
      merged: false,
      merged_at: null,
      merged_by: null,
      merge_commit_sha: null,
      maintainer_can_modify: body.maintainer_can_modify !== false,
      requested_reviewers: [],
      requested_teams: [],
    };
    emu.state.pulls.push(pull);
    if (ctx.listening) ctx.emit(await pullRequestEvent(ctx, pull, 'opened'));
    return {
      status: 201,
      body: await pullShape(emu, pull),
      headers: { location: `${emu.apiRepo}/pulls/${pull.number}` },
    };
  },

  'pulls/get': async (ctx) => {
    const { emu } = ctx;
    const pull = pullOr404(emu, ctx.params.pull_number as number);
    const raw = rawFormat(ctx);
    if (raw) {
      await refreshPull(emu, pull);
      const mergeBase = (await emu.git.mergeBase(pull.base.sha, pull.head.sha)) ?? pull.base.sha;
      return rawReply(emu, raw, mergeBase, pull.head.sha);
    }
    return { status: 200, body: await pullShape(emu, pull) };
  },

  'pulls/update': async (ctx) => {
    const { emu, params, body } = ctx;
    const pull = pullOr404(emu, params.pull_number as number);
    checkPullTitle(body.title);
    checkPullBody(body.body);
    const changes: Record<string, { from: string | null }> = {};
    if (body.title !== undefined && body.title !== pull.title) changes.title = { from: pull.title };
    if (body.body !== undefined && body.body !== pull.body) changes.body = { from: pull.body };
    if (body.base !== undefined && body.base !== pull.base.ref)
      changes.base = { from: pull.base.ref };
    const stateBefore = pull.state;
    if (body.base !== undefined) {
      if (!(await emu.git.revParse(`refs/heads/${body.base as string}`))) {
        throw validationFailed({ resource: 'PullRequest', field: 'base', code: 'invalid' });
      }
      pull.base.ref = body.base as string;
    }
    if (body.title !== undefined) pull.title = body.title as string;
    if (body.body !== undefined) pull.body = body.body as string;
    if (body.maintainer_can_modify !== undefined)
      pull.maintainer_can_modify = body.maintainer_can_modify as boolean;
    if (body.state !== undefined && body.state !== pull.state) {
      if (pull.merged)
        throw validationFailed({
          resource: 'PullRequest',
          field: 'state',
          code: 'invalid',
          message: 'Cannot reopen a merged pull request',
        });
      if (body.state === 'open') {
        const dup = emu.state.pulls.find(
          (p) =>
            p !== pull &&
            p.state === 'open' &&
            p.head.ref === pull.head.ref &&
            p.base.ref === pull.base.ref,
        );
        if (dup) {
          throw validationFailed({
            resource: 'PullRequest',
            code: 'custom',
            message: `A pull request already exists for ${emu.owner}:${pull.head.ref}.`,
          });
        }
      } else {
        await refreshPull(emu, pull);
      }
      pull.state = body.state as 'open' | 'closed';
      pull.closed_at = pull.state === 'closed' ? emu.now() : null;
    }
    pull.updated_at = emu.now();
    if (changes.base) await refreshPull(emu, pull);
    if (ctx.listening && Object.keys(changes).length)
      ctx.emit(
        await pullRequestEvent(ctx, pull, 'edited', {
          changes: changes.base ? { ...changes, base: { ref: changes.base } } : changes,
        }),
      );
    if (ctx.listening && pull.state !== stateBefore)
      ctx.emit(await pullRequestEvent(ctx, pull, pull.state === 'closed' ? 'closed' : 'reopened'));
    return { status: 200, body: await pullShape(emu, pull) };
  },

  'pulls/merge': async (ctx) => {
    const { emu, params, body, login } = ctx;
    const pull = pullOr404(emu, params.pull_number as number);
    await refreshPull(emu, pull);
    const baseBefore = pull.base.sha;
    if (pull.state !== 'open' || pull.merged)
      throw new HttpError(405, 'Pull Request is not mergeable');
    if (body?.sha && body.sha !== pull.head.sha)
      throw new HttpError(409, 'Head branch was modified. Review and try the merge again.');
    if (pull.mergeable === false) throw new HttpError(405, 'Pull Request is not mergeable');
    const missing = requiredChecksMissing(emu, pull);
    if (missing) throw new HttpError(405, `Required status check "${missing}" is expected.`);
    const method = (body?.merge_method as 'merge' | 'squash' | 'rebase' | undefined) ?? 'merge';

    const title =
      (body?.commit_title as string | undefined) ??
      (method === 'squash'
        ? `${pull.title} (#${pull.number})`
        : `Merge pull request #${pull.number} from ${emu.owner}/${pull.head.ref}`);
    const message =
      (body?.commit_message as string | undefined) ?? (method === 'squash' ? '' : pull.title);
    // Two merge requests arriving together: the second must not merge again.
    if (merging.has(pull) || pull.merged) throw new HttpError(405, 'Pull Request is not mergeable');
    merging.add(pull);
    let sha: string | undefined;
    try {
      sha = await emu.git.merge(pull.base.ref, pull.head.sha, {
        method,
        message: message ? `${title}\n\n${message}` : title,
        author: { name: login, email: `${login}@users.noreply.github.com` },
      });
    } finally {
      merging.delete(pull);
    }
    if (!sha) throw new HttpError(405, 'Pull Request is not mergeable');
    const now = emu.now();
    Object.assign(pull, {
      merged: true,
      merged_at: now,
      merged_by: login,
      merge_commit_sha: sha,
      state: 'closed',
      closed_at: now,
      updated_at: now,
    });
    pull.base.sha = sha;
    if (ctx.listening) ctx.emit(await pullRequestEvent(ctx, pull, 'closed'));
    await afterRefMove(ctx, `refs/heads/${pull.base.ref}`, baseBefore, sha);
    return {
      status: 200,
      body: { sha, merged: true, message: 'Pull Request successfully merged' },
    };
  },

  // The PRs a commit belongs to: merged into by it, or part of an open PR's head.
  'repos/list-pull-requests-associated-with-commit': async (ctx) => {
    const { emu } = ctx;
    const sha = await emu.git.resolveCommit(ctx.params.commit_sha as string);
    if (!sha)
      throw new HttpError(422, `No commit found for SHA: ${ctx.params.commit_sha as string}`);
    const found: PullRecord[] = [];
    for (const p of emu.state.pulls) {
      await refreshPull(emu, p);
      if (p.merge_commit_sha === sha || p.head.sha === sha) found.push(p);
      else if (
        p.state === 'open' &&
        (await emu.git.isAncestor(sha, p.head.sha)) &&
        !(await emu.git.isAncestor(sha, p.base.sha))
      ) {
        found.push(p);
      }
    }
    return pageReply(ctx, found.reverse(), (p) => pullSimpleShape(emu, p));
  },

  'pulls/list-files': async (ctx) => {
    const { emu } = ctx;
    const pull = pullOr404(emu, ctx.params.pull_number as number);
    await refreshPull(emu, pull);
    const mergeBase = (await emu.git.mergeBase(pull.base.sha, pull.head.sha)) ?? pull.base.sha;
    const files = await emu.git.diffFiles(mergeBase, pull.head.sha, PR_FILE_LIMIT);
    return pageReply(ctx, files, (f) => diffEntry(emu, f, pull.head.sha));
  },

  'pulls/list-commits': async (ctx) => {
    const { emu } = ctx;
    const pull = pullOr404(emu, ctx.params.pull_number as number);
    await refreshPull(emu, pull);
    const mergeBase = (await emu.git.mergeBase(pull.base.sha, pull.head.sha)) ?? pull.base.sha;
    const shas = (await emu.git.revList(pull.head.sha, mergeBase)).slice(0, PR_COMMIT_LIMIT);
    const { items, headers } = paginate(ctx, shas);
    const commits = await emu.git.readCommits(items);
    return { status: 200, headers, body: commits.map((c) => commitShape(emu, c)) };
  },

  'pulls/request-reviewers': async ({ emu, params, body }) => {
    const pull = pullOr404(emu, params.pull_number as number);
    const reviewers = (body.reviewers as string[] | undefined) ?? [];
    if (reviewers.includes(pull.user))
      throw new HttpError(422, 'Review cannot be requested from pull request author.');
    const outsiders = reviewers.filter(
      (r) => !emu.state.collaborators.includes(r) && r !== emu.owner,
    );
    if (outsiders.length) {
      throw new HttpError(
        422,
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${emu.owner}/${emu.repo} repository.`,
      );
    }
    for (const r of reviewers)
      if (!pull.requested_reviewers.includes(r)) pull.requested_reviewers.push(r);
    for (const t of (body.team_reviewers as string[] | undefined) ?? [])
      if (!pull.requested_teams.includes(t)) pull.requested_teams.push(t);
    await refreshPull(emu, pull);
    return { status: 201, body: pullSimpleShape(emu, pull) };
  },

  'pulls/list-requested-reviewers': ({ emu, params }) => {
    const pull = pullOr404(emu, params.pull_number as number);
    return {
      status: 200,
      body: { users: pull.requested_reviewers.map((r) => simpleUser(emu, r)), teams: [] },
    };
  },

  'pulls/remove-requested-reviewers': ({ emu, params, body }) => {
    const pull = pullOr404(emu, params.pull_number as number);
    const drop = new Set((body.reviewers as string[] | undefined) ?? []);
    pull.requested_reviewers = pull.requested_reviewers.filter((r) => !drop.has(r));
    const dropTeams = new Set((body.team_reviewers as string[] | undefined) ?? []);
    pull.requested_teams = pull.requested_teams.filter((t) => !dropTeams.has(t));
    return { status: 200, body: pullSimpleShape(emu, pull) };
  },

  'pulls/list-reviews': (ctx) => {
    const { emu } = ctx;
    const pull = pullOr404(emu, ctx.params.pull_number as number);
    const reviews = emu.state.reviews.filter((r) => r.pull_number === pull.number);
    return pageReply(ctx, reviews, (r) => reviewShape(emu, r));
  },

  'pulls/create-review': async (ctx) => {
    const { emu, params, body, login } = ctx;
    const pull = pullOr404(emu, params.pull_number as number);
    await refreshPull(emu, pull);
    const event = body?.event as string | undefined;
    if (event === 'APPROVE' && login === pull.user)
      throw new HttpError(422, 'Unprocessable Entity', {
        errors: ['Can not approve your own pull request'],
      });
    if (event === 'REQUEST_CHANGES' && !body?.body)
      throw new HttpError(422, 'Unprocessable Entity', {
        errors: ['Body is required for request changes'],
      });
    const state: ReviewRecord['state'] =
      event === 'APPROVE'
        ? 'APPROVED'
        : event === 'REQUEST_CHANGES'
          ? 'CHANGES_REQUESTED'
          : event === 'COMMENT'
            ? 'COMMENTED'
            : 'PENDING';
    const review: ReviewRecord = {
      id: emu.nextId(),
      pull_number: pull.number,
      user: login,
      state,
      body: (body?.body as string | undefined) ?? '',
      commit_id: (body?.commit_id as string | undefined) ?? pull.head.sha,
      submitted_at: state === 'PENDING' ? null : emu.now(),
    };
    emu.state.reviews.push(review);
    pull.requested_reviewers = pull.requested_reviewers.filter((r) => r !== login);
    if (ctx.listening && state !== 'PENDING') {
      const event = await pullRequestEvent(ctx, pull, 'submitted');
      event.name = 'pull_request_review';
      event.payload.review = reviewShape(emu, review);
      ctx.emit(event);
    }
    return { status: 200, body: reviewShape(emu, review) };
  },
};
