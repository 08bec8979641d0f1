// Commits and comparisons, answered by git.
import { HttpError } from '../errors.js';
import { paginate } from '../pagination.js';
import { commitShape, diffEntry } from '../shapes/commit.js';
import type { RouteContext, RouteTable } from '../types.js';
import { commitOr404, commitOr422 } from './lookup.js';
import { rawFormat, rawReply } from './media.js';

// GitHub caps the files of one comparison at 300 and of one commit at 3000 (https://docs.github.com/en/rest/commits/commits#compare-two-commits,
// https://docs.github.com/en/rest/commits/commits#get-a-commit).
export const COMPARE_FILE_LIMIT = 300;
const COMMIT_FILE_LIMIT = 3000;
const UNPAGINATED_COMPARE_COMMITS = 250;

async function compare(ctx: RouteContext) {
  const { emu } = ctx;
  const basehead = ctx.params.basehead as string;
  const m = /^(.+?)\.\.\.(.+)$/.exec(basehead);
  if (!m) throw new HttpError(404, 'Not Found');
  const base = await commitOr404(emu, m[1] as string);
  const head = await commitOr404(emu, m[2] as string);
  const mergeBase = await emu.git.mergeBase(base, head);
  if (!mergeBase) throw new HttpError(404, `No common ancestor between ${m[1]} and ${m[2]}.`);
  const raw = rawFormat(ctx);
  if (raw) return rawReply(emu, raw, mergeBase, head);
  const ahead = await emu.git.revList(head, mergeBase);
  const behindBy = await emu.git.countCommits([`${mergeBase}..${base}`]);
  const status =
    base === head
      ? 'identical'
      : behindBy === 0
        ? 'ahead'
        : ahead.length === 0
          ? 'behind'
          : 'diverged';
  // Without page/per_page GitHub returns up to 250 commits (no Link: the rest needs pagination);
  // with them, pages of per_page, at most 100 as the OpenAPI description documents for per_page
  // ("The number of results per page (max 100)") and as GitHub caps larger values
  // (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api,
  // https://docs.github.com/en/rest/commits/commits#compare-two-commits).
  const paged = ctx.rawQuery.has('page') || ctx.rawQuery.has('per_page');
  const page = paged
    ? paginate(ctx, ahead)
    : { items: ahead.slice(0, UNPAGINATED_COMPARE_COMMITS), headers: {} };
  const commits = await emu.git.readCommits(page.items);
  const files = await emu.git.diffFiles(mergeBase, head, COMPARE_FILE_LIMIT);
  const [baseInfo, mbInfo] = await emu.git.readCommits([base, mergeBase]);
  return {
    status: 200,
    headers: page.headers,
    body: {
      url: `${emu.apiRepo}/compare/${basehead}`,
      html_url: `${emu.htmlRepo}/compare/${basehead}`,
      permalink_url: `${emu.htmlRepo}/compare/${emu.owner}:${base.slice(0, 7)}...${emu.owner}:${head.slice(0, 7)}`,
      diff_url: `${emu.htmlRepo}/compare/${basehead}.diff`,
      patch_url: `${emu.htmlRepo}/compare/${basehead}.patch`,
      base_commit: commitShape(emu, baseInfo!),
      merge_base_commit: commitShape(emu, mbInfo ?? baseInfo!),
      status,
      ahead_by: ahead.length,
      behind_by: behindBy,
      total_commits: ahead.length,
      commits: commits.map((c) => commitShape(emu, c)),
      files: files.map((f) => diffEntry(emu, f, head)),
    },
  };
}

export const commitsRoutes: RouteTable = {
  'repos/list-commits': async (ctx) => {
    const { emu } = ctx;
    const from = ctx.query.sha
      ? await commitOr404(emu, ctx.query.sha as string)
      : await commitOr404(emu, emu.defaultBranch);
    const all = await emu.git.log(from, { path: ctx.query.path as string | undefined });
    const { items, headers } = paginate(ctx, all);
    return { status: 200, headers, body: items.map((c) => commitShape(emu, c)) };
  },

  'repos/get-commit': async ({ emu, params }) => {
    const sha = await commitOr422(emu, params.ref as string);
    const info = (await emu.git.readCommit(sha))!;
    const files = await emu.git.diffFiles(info.parents[0], sha, COMMIT_FILE_LIMIT);
    return { status: 200, body: commitShape(emu, info, files) };
  },

  'repos/compare-commits-with-basehead': compare,
};
