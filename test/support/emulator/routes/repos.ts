// Repository, branches and branch protection.
import { HttpError } from '../errors.js';
import { pageReply } from '../pagination.js';
import { commitShape } from '../shapes/commit.js';
import { fullRepository } from '../shapes/repository.js';
import { rulesForBranch } from '../rulesets.js';
import type { ProtectionRecord } from '../state.js';
import type { EmulatorCore, RouteTable } from '../types.js';

function protectionShape(emu: EmulatorCore, branch: string, p: ProtectionRecord) {
  const url = `${emu.apiRepo}/branches/${encodeURIComponent(branch)}/protection`;
  return {
    url,
    enabled: true,
    ...(p.required_status_checks
      ? {
          required_status_checks: {
            url: `${url}/required_status_checks`,
            enforcement_level: 'non_admins',
            strict: p.required_status_checks.strict ?? false,
            contexts: p.required_status_checks.contexts,
            checks: p.required_status_checks.contexts.map((context) => ({ context, app_id: null })),
            contexts_url: `${url}/required_status_checks/contexts`,
          },
        }
      : {}),
    ...(p.required_pull_request_reviews
      ? {
          required_pull_request_reviews: {
            url: `${url}/required_pull_request_reviews`,
            dismiss_stale_reviews: p.required_pull_request_reviews.dismiss_stale_reviews ?? false,
            require_code_owner_reviews: false,
            required_approving_review_count:
              p.required_pull_request_reviews.required_approving_review_count ?? 1,
            require_last_push_approval: false,
          },
        }
      : {}),
    enforce_admins: { url: `${url}/enforce_admins`, enabled: p.enforce_admins ?? false },
    required_linear_history: { enabled: p.required_linear_history ?? false },
    allow_force_pushes: { enabled: p.allow_force_pushes ?? false },
    allow_deletions: { enabled: false },
    required_conversation_resolution: { enabled: false },
  };
}

export const reposRoutes: RouteTable = {
  'repos/get': ({ emu }) => ({ status: 200, body: fullRepository(emu) }),

  'repos/list-branches': async (ctx) => {
    const refs = await ctx.emu.git.listRefs('refs/heads/');
    const branches = refs.map((r) => {
      const name = r.ref.slice('refs/heads/'.length);
      return {
        name,
        commit: { sha: r.sha, url: `${ctx.emu.apiRepo}/commits/${r.sha}` },
        protected: name in ctx.emu.state.protection,
      };
    });
    const filtered =
      ctx.query.protected === undefined
        ? branches
        : branches.filter((b) => b.protected === ctx.query.protected);
    return pageReply(ctx, filtered);
  },

  'repos/get-branch': async ({ emu, params }) => {
    const branch = params.branch as string;
    const sha = await emu.git.revParse(`refs/heads/${branch}`);
    if (!sha) throw new HttpError(404, 'Branch not found');
    const info = await emu.git.readCommit(sha);
    const protection = emu.state.protection[branch];
    const protectionUrl = `${emu.apiRepo}/branches/${encodeURIComponent(branch)}/protection`;
    return {
      status: 200,
      body: {
        name: branch,
        commit: commitShape(emu, info!),
        _links: {
          html: `${emu.htmlRepo}/tree/${branch}`,
          self: `${emu.apiRepo}/branches/${encodeURIComponent(branch)}`,
        },
        protected: protection !== undefined,
        protection: protection
          ? protectionShape(emu, branch, protection)
          : {
              enabled: false,
              required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
            },
        protection_url: protectionUrl,
      },
    };
  },

  'repos/get-branch-protection': async ({ emu, params }) => {
    const branch = params.branch as string;
    if (!(await emu.git.revParse(`refs/heads/${branch}`)))
      throw new HttpError(404, 'Branch not found');
    const protection = emu.state.protection[branch];
    if (!protection) throw new HttpError(404, 'Branch not protected');
    return { status: 200, body: protectionShape(emu, branch, protection) };
  },

  // Every active rule that applies to the branch, from every ruleset; the branch need not exist
  // (rules match names). https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch
  'repos/get-branch-rules': (ctx) =>
    pageReply(ctx, rulesForBranch(ctx.emu, String(ctx.params.branch))),

  'repos/check-collaborator': ({ emu, params }) => {
    const user = params.username as string;
    return { status: emu.state.collaborators.includes(user) || user === emu.owner ? 204 : 404 };
  },
};
