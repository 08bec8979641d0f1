// Issues, issue comments and labels. Pull requests are issues too: same numbers, same comments/labels.
import { HttpError, validationFailed } from '../errors.js';
import { pageReply } from '../pagination.js';
import { labelShape } from '../shapes/label.js';
import { simpleUser } from '../shapes/user.js';
import type { CommentRecord, IssueRecord, ItemBase, PullRecord } from '../state.js';
import type { EmulatorCore, RouteContext, RouteTable } from '../types.js';
import { itemOr404 } from './lookup.js';
import { pullRequestEvent } from './ref-moves.js';

function isPull(emu: EmulatorCore, item: ItemBase): item is PullRecord {
  return emu.state.pulls.includes(item as PullRecord);
}

function issueShape(emu: EmulatorCore, item: ItemBase) {
  const api = `${emu.apiRepo}/issues/${item.number}`;
  const pull = isPull(emu, item) ? item : undefined;
  return {
    id: item.id,
    node_id: Buffer.from(`05:Issue${item.id}`).toString('base64'),
    url: api,
    repository_url: emu.apiRepo,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${emu.htmlRepo}/${pull ? 'pull' : 'issues'}/${item.number}`,
    number: item.number,
    state: item.state,
    state_reason: item.state_reason ?? null,
    title: item.title,
    body: item.body,
    user: simpleUser(emu, item.user),
    labels: item.labels.map((name) => labelShape(emu, name)),
    assignee: item.assignees[0] ? simpleUser(emu, item.assignees[0]) : null,
    assignees: item.assignees.map((a) => simpleUser(emu, a)),
    milestone: null,
    locked: item.locked,
    active_lock_reason: null,
    comments: emu.state.comments.filter((c) => c.issue_number === item.number).length,
    ...(pull
      ? {
          pull_request: {
            url: `${emu.apiRepo}/pulls/${item.number}`,
            html_url: `${emu.htmlRepo}/pull/${item.number}`,
            diff_url: `${emu.htmlRepo}/pull/${item.number}.diff`,
            patch_url: `${emu.htmlRepo}/pull/${item.number}.patch`,
            merged_at: pull.merged_at,
          },
          draft: pull.draft,
        }
      : {}),
    closed_at: item.closed_at,
    created_at: item.created_at,
    updated_at: item.updated_at,
    author_association: item.user === emu.owner ? 'OWNER' : 'COLLABORATOR',
  };
}

function commentShape(emu: EmulatorCore, c: CommentRecord) {
  return {
    id: c.id,
    node_id: Buffer.from(`012:IssueComment${c.id}`).toString('base64'),
    url: `${emu.apiRepo}/issues/comments/${c.id}`,
    html_url: `${emu.htmlRepo}/issues/${c.issue_number}#issuecomment-${c.id}`,
    body: c.body,
    user: simpleUser(emu, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    issue_url: `${emu.apiRepo}/issues/${c.issue_number}`,
    author_association: 'COLLABORATOR',
  };
}

function commentOr404(emu: EmulatorCore, id: number): CommentRecord {
  const c = emu.state.comments.find((x) => x.id === id);
  if (!c) throw new HttpError(404, 'Not Found');
  return c;
}

/** The body of add/set labels: ["a"], {labels: ["a"]} or {labels: [{name: "a"}]}. */
function labelNames(body: unknown): string[] {
  const list = (
    Array.isArray(body) ? body : ((body as { labels?: unknown[] } | undefined)?.labels ?? [])
  ) as unknown[];
  const names = list.map((l) => (typeof l === 'string' ? l : (l as { name: string }).name));
  for (const name of names) checkLabelName(name);
  return names;
}

// GitHub's field limits: a label name holds 50 characters (422 `{"value":...,"resource":"Label",
// "field":"name","code":"invalid"}`, https://github.com/semantic-release/github/issues/518), a
// label description 100, an issue or PR title 256.
export const LABEL_NAME_LIMIT = 50;
const LABEL_DESCRIPTION_LIMIT = 100;
const TITLE_LIMIT = 256;

function checkLabelName(name: string): void {
  if (name.length > LABEL_NAME_LIMIT)
    throw new HttpError(422, 'Validation Failed', {
      errors: [{ value: name, resource: 'Label', field: 'name', code: 'invalid' }],
    });
}

function checkTitle(title: unknown): void {
  if (typeof title === 'string' && title.length > TITLE_LIMIT)
    throw validationFailed({
      resource: 'Issue',
      code: 'custom',
      field: 'title',
      message: `title is too long (maximum is ${TITLE_LIMIT} characters)`,
    });
}

/** `labeled`/`unlabeled` pull_request events for a PR whose labels changed (issues have no such event here). */
async function labelEvents(ctx: RouteContext, item: ItemBase, before: string[]): Promise<void> {
  if (!ctx.listening || !isPull(ctx.emu, item)) return;
  const lower = (list: string[]) => new Set(list.map((l) => l.toLowerCase()));
  const was = lower(before);
  const now = lower(item.labels);
  for (const name of item.labels.filter((l) => !was.has(l.toLowerCase())))
    ctx.emit(await pullRequestEvent(ctx, item, 'labeled', { label: labelShape(ctx.emu, name) }));
  for (const name of before.filter((l) => !now.has(l.toLowerCase())))
    ctx.emit(await pullRequestEvent(ctx, item, 'unlabeled', { label: labelShape(ctx.emu, name) }));
}

// GitHub's issue comment body limit.
const COMMENT_LIMIT = 65536;

export const issuesRoutes: RouteTable = {
  'issues/create': ({ emu, body, login }) => {
    checkTitle(body.title);
    const now = emu.now();
    const issue: IssueRecord = {
      number: emu.nextNumber(),
      id: emu.nextId(),
      title: String(body.title),
      body: (body.body as string | undefined) ?? null,
      state: 'open',
      state_reason: null,
      labels: labelNames({ labels: body.labels ?? [] }),
      assignees:
        (body.assignees as string[] | undefined) ??
        (body.assignee ? [body.assignee as string] : []),
      user: login,
      locked: false,
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    emu.state.issues.push(issue);
    return { status: 201, body: issueShape(emu, issue) };
  },

  'issues/get': ({ emu, params }) => ({
    status: 200,
    body: issueShape(emu, itemOr404(emu, params.issue_number as number)),
  }),

  'issues/update': async (ctx) => {
    const { emu, params, body } = ctx;
    const item = itemOr404(emu, params.issue_number as number);
    checkTitle(body.title);
    const labelsBefore = [...item.labels];
    const stateBefore = item.state;
    if (body.title !== undefined && body.title !== null) item.title = String(body.title);
    if (body.body !== undefined) item.body = body.body as string | null;
    if (body.labels !== undefined) item.labels = labelNames({ labels: body.labels });
    if (body.assignees !== undefined) item.assignees = body.assignees as string[];
    if (body.state !== undefined && body.state !== item.state) {
      if (isPull(emu, item) && item.merged)
        throw validationFailed({ resource: 'Issue', field: 'state', code: 'invalid' });
      item.state = body.state as 'open' | 'closed';
      item.closed_at = item.state === 'closed' ? emu.now() : null;
      item.state_reason =
        item.state === 'closed'
          ? ((body.state_reason as IssueRecord['state_reason']) ?? 'completed')
          : 'reopened';
    }
    item.updated_at = emu.now();
    await labelEvents(ctx, item, labelsBefore);
    if (ctx.listening && isPull(emu, item) && item.state !== stateBefore)
      ctx.emit(await pullRequestEvent(ctx, item, item.state === 'closed' ? 'closed' : 'reopened'));
    return { status: 200, body: issueShape(emu, item) };
  },

  'issues/list-for-repo': (ctx) => {
    const { emu, query } = ctx;
    let items: ItemBase[] = [...emu.state.issues, ...emu.state.pulls];
    const state = (query.state as string | undefined) ?? 'open';
    if (state !== 'all') items = items.filter((i) => i.state === state);
    if (query.labels) {
      const wanted = String(query.labels)
        .split(',')
        .map((l) => l.trim().toLowerCase());
      items = items.filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)));
    }
    if (query.creator) items = items.filter((i) => i.user === query.creator);
    const key = query.sort === 'updated' ? 'updated_at' : 'created_at';
    items.sort((a, b) => (a[key] === b[key] ? a.number - b.number : a[key] < b[key] ? -1 : 1));
    if ((query.direction ?? 'desc') === 'desc') items.reverse();
    return pageReply(ctx, items, (i) => issueShape(emu, i));
  },

  'issues/list-comments': (ctx) => {
    const { emu } = ctx;
    const item = itemOr404(emu, ctx.params.issue_number as number);
    return pageReply(
      ctx,
      emu.state.comments.filter((c) => c.issue_number === item.number),
      (c) => commentShape(emu, c),
    );
  },

  'issues/create-comment': ({ emu, params, body, login }) => {
    const item = itemOr404(emu, params.issue_number as number);
    if (String(body.body).length > COMMENT_LIMIT) {
      throw validationFailed({
        resource: 'IssueComment',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${COMMENT_LIMIT} characters)`,
      });
    }
    const now = emu.now();
    const comment: CommentRecord = {
      id: emu.nextId(),
      issue_number: item.number,
      body: String(body.body),
      user: login,
      created_at: now,
      updated_at: now,
    };
    emu.state.comments.push(comment);
    return { status: 201, body: commentShape(emu, comment) };
  },

  'issues/get-comment': ({ emu, params }) => ({
    status: 200,
    body: commentShape(emu, commentOr404(emu, params.comment_id as number)),
  }),

  'issues/update-comment': ({ emu, params, body }) => {
    const comment = commentOr404(emu, params.comment_id as number);
    if (String(body.body).length > COMMENT_LIMIT) {
      throw validationFailed({
        resource: 'IssueComment',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${COMMENT_LIMIT} characters)`,
      });
    }
    comment.body = String(body.body);
    comment.updated_at = emu.now();
    return { status: 200, body: commentShape(emu, comment) };
  },

  'issues/delete-comment': ({ emu, params }) => {
    const comment = commentOr404(emu, params.comment_id as number);
    emu.state.comments.splice(emu.state.comments.indexOf(comment), 1);
    return { status: 204 };
  },

  'issues/list-labels-on-issue': (ctx) => {
    const item = itemOr404(ctx.emu, ctx.params.issue_number as number);
    return pageReply(ctx, item.labels, (name) => labelShape(ctx.emu, name));
  },

  'issues/add-labels': async (ctx) => {
    const { emu, params, body } = ctx;
    const item = itemOr404(emu, params.issue_number as number);
    const before = [...item.labels];
    for (const name of labelNames(body))
      if (!item.labels.some((l) => l.toLowerCase() === name.toLowerCase())) item.labels.push(name);
    await labelEvents(ctx, item, before);
    return { status: 200, body: item.labels.map((name) => labelShape(emu, name)) };
  },

  'issues/set-labels': async (ctx) => {
    const { emu, params, body } = ctx;
    const item = itemOr404(emu, params.issue_number as number);
    const before = [...item.labels];
    item.labels = [...new Set(labelNames(body))];
    await labelEvents(ctx, item, before);
    return { status: 200, body: item.labels.map((name) => labelShape(emu, name)) };
  },

  'issues/remove-label': async (ctx) => {
    const { emu, params } = ctx;
    const item = itemOr404(emu, params.issue_number as number);
    const name = String(params.name).toLowerCase();
    if (!item.labels.some((l) => l.toLowerCase() === name))
      throw new HttpError(404, 'Label does not exist');
    const before = [...item.labels];
    item.labels = item.labels.filter((l) => l.toLowerCase() !== name);
    await labelEvents(ctx, item, before);
    return { status: 200, body: item.labels.map((n) => labelShape(emu, n)) };
  },

  'issues/list-labels-for-repo': (ctx) =>
    pageReply(ctx, ctx.emu.state.labels, (l) => labelShape(ctx.emu, l.name)),

  'issues/create-label': ({ emu, body }) => {
    checkLabelName(String(body.name));
    if (typeof body.description === 'string' && body.description.length > LABEL_DESCRIPTION_LIMIT)
      throw validationFailed({ resource: 'Label', code: 'invalid', field: 'description' });
    if (emu.state.labels.some((l) => l.name.toLowerCase() === String(body.name).toLowerCase())) {
      throw validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
    }
    emu.state.labels.push({
      id: emu.nextId(),
      name: String(body.name),
      color: String(body.color ?? 'ededed').replace(/^#/, ''),
      description: (body.description as string | undefined) ?? null,
      default: false,
    });
    return { status: 201, body: labelShape(emu, String(body.name)) };
  },
};
