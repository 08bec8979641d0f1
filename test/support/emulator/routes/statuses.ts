// Commit statuses and the combined status.
import { HttpError, validationFailed } from '../errors.js';
import { pageReply } from '../pagination.js';
import { repository } from '../shapes/repository.js';
import { simpleUser } from '../shapes/user.js';
import type { StatusRecord } from '../state.js';
import type { EmulatorCore, RouteTable } from '../types.js';
import { commitOr404 } from './lookup.js';

// GitHub keeps at most 1000 statuses per SHA and context (https://docs.github.com/en/rest/commits/statuses#create-a-commit-status).
const STATUS_LIMIT = 1000;

function statusShape(emu: EmulatorCore, s: StatusRecord) {
  return {
    url: `${emu.apiRepo}/statuses/${s.sha}`,
    avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
    id: s.id,
    node_id: Buffer.from(`013:StatusContext${s.id}`).toString('base64'),
    state: s.state,
    description: s.description,
    target_url: s.target_url,
    context: s.context,
    created_at: s.created_at,
    updated_at: s.updated_at,
    creator: simpleUser(emu, s.creator),
  };
}

/** Latest status per context, newest first. */
export function latestStatuses(emu: EmulatorCore, sha: string): StatusRecord[] {
  const latest = new Map<string, StatusRecord>();
  for (const s of emu.state.statuses) if (s.sha === sha) latest.set(s.context, s);
  return [...latest.values()].reverse();
}

export const statusesRoutes: RouteTable = {
  'repos/create-commit-status': async ({ emu, params, body, login }) => {
    // The path takes a full commit SHA; a branch name is "No commit found" on GitHub too.
    const raw = params.sha as string;
    const sha = /^[0-9a-f]{40}$/i.test(raw)
      ? await emu.git.resolveCommit(raw.toLowerCase())
      : undefined;
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${params.sha as string}`);
    const context = (body.context as string | undefined) ?? 'default';
    if (
      emu.state.statuses.filter((s) => s.sha === sha && s.context === context).length >=
      STATUS_LIMIT
    ) {
      throw validationFailed({
        resource: 'Status',
        code: 'custom',
        message: 'This SHA and context has reached the maximum number of statuses.',
      });
    }
    const now = emu.now();
    const status: StatusRecord = {
      id: emu.nextId(),
      sha,
      state: body.state,
      context,
      description: (body.description as string | undefined) ?? null,
      target_url: (body.target_url as string | undefined) ?? null,
      creator: login,
      created_at: now,
      updated_at: now,
    };
    emu.state.statuses.push(status);
    return { status: 201, body: statusShape(emu, status) };
  },

  'repos/list-commit-statuses-for-ref': async (ctx) => {
    const sha = await commitOr404(ctx.emu, ctx.params.ref as string);
    const all = ctx.emu.state.statuses.filter((s) => s.sha === sha).reverse();
    return pageReply(ctx, all, (s) => statusShape(ctx.emu, s));
  },

  'repos/get-combined-status-for-ref': async ({ emu, params }) => {
    const sha = await commitOr404(emu, params.ref as string);
    const latest = latestStatuses(emu, sha);
    const states = latest.map((s) => s.state);
    const state = states.some((s) => s === 'error' || s === 'failure')
      ? 'failure'
      : states.length && states.every((s) => s === 'success')
        ? 'success'
        : 'pending';
    return {
      status: 200,
      body: {
        state,
        statuses: latest.map((s) => ({ ...statusShape(emu, s), required: null })),
        sha,
        total_count: latest.length,
        repository: repository(emu),
        commit_url: `${emu.apiRepo}/commits/${sha}`,
        url: `${emu.apiRepo}/commits/${sha}/status`,
      },
    };
  },
};
