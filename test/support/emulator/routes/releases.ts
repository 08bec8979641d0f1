// Releases: a published release's tag is created in git (lightweight, at target_commitish) when missing.
import { HttpError, validationFailed } from '../errors.js';
import { ZERO_SHA } from '../git.js';
import { pageReply } from '../pagination.js';
import { simpleUser } from '../shapes/user.js';
import type { ReleaseRecord } from '../state.js';
import type { EmulatorCore, RouteContext, RouteTable } from '../types.js';
import { afterRefMove } from './ref-moves.js';

// A release body over 125,000 characters is a 422 that retrying cannot fix
// (GitHub: "body is too long (maximum is 125000 characters)").
export const RELEASE_BODY_LIMIT = 125_000;

function releaseShape(emu: EmulatorCore, r: ReleaseRecord) {
  const api = `${emu.apiRepo}/releases/${r.id}`;
  const tag = encodeURIComponent(r.tag_name);
  return {
    url: api,
    html_url: `${emu.htmlRepo}/releases/${r.draft ? `untagged-${r.id}` : `tag/${tag}`}`,
    assets_url: `${api}/assets`,
    upload_url: `https://uploads.github.com/repos/${emu.owner}/${emu.repo}/releases/${r.id}/assets{?name,label}`,
    tarball_url: r.draft ? null : `${emu.apiRepo}/tarball/${tag}`,
    zipball_url: r.draft ? null : `${emu.apiRepo}/zipball/${tag}`,
    id: r.id,
    node_id: Buffer.from(`07:Release${r.id}`).toString('base64'),
    tag_name: r.tag_name,
    target_commitish: r.target_commitish,
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    immutable: false,
    created_at: r.created_at,
    published_at: r.published_at,
    updated_at: r.published_at ?? r.created_at,
    author: simpleUser(emu, r.author),
    assets: [],
  };
}

function checkBody(body: unknown): void {
  if (typeof body === 'string' && body.length > RELEASE_BODY_LIMIT) {
    throw validationFailed({
      resource: 'Release',
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${RELEASE_BODY_LIMIT} characters)`,
    });
  }
}

/** Publishing creates the tag at target_commitish when it does not exist yet (a push of the tag). */
async function ensureTag(ctx: RouteContext, r: ReleaseRecord): Promise<void> {
  const { emu } = ctx;
  if (r.draft || (await emu.git.revParse(`refs/tags/${r.tag_name}`))) return;
  const sha = await emu.git.resolveCommit(r.target_commitish);
  if (!sha)
    throw validationFailed({ resource: 'Release', code: 'invalid', field: 'target_commitish' });
  await emu.git.updateRef(`refs/tags/${r.tag_name}`, sha, ZERO_SHA);
  await afterRefMove(ctx, `refs/tags/${r.tag_name}`, ZERO_SHA, sha);
}

function releaseOr404(emu: EmulatorCore, id: number): ReleaseRecord {
  const r = emu.state.releases.find((x) => x.id === id);
  if (!r) throw new HttpError(404, 'Not Found');
  return r;
}

/** Release notes from merged pull requests (or commit subjects) between two refs. */
async function generateNotes(
  emu: EmulatorCore,
  tag: string,
  target: string,
  previous?: string,
): Promise<string> {
  const head = (await emu.git.resolveCommit(tag)) ?? (await emu.git.resolveCommit(target));
  const from = previous ? await emu.git.resolveCommit(previous) : undefined;
  const lines: string[] = [];
  if (head) {
    const commits = await emu.git.log(head, from ? { exclude: from } : {});
    const shas = new Set(commits.map((c) => c.sha));
    const pulls = emu.state.pulls.filter(
      (p) => p.merged && p.merge_commit_sha && shas.has(p.merge_commit_sha),
    );
    for (const p of pulls)
      lines.push(`* ${p.title} by @${p.user} in ${emu.htmlRepo}/pull/${p.number}`);
    if (!pulls.length)
      for (const c of commits.reverse())
        lines.push(`* ${c.message.split('\n')[0] ?? ''} (${c.sha.slice(0, 7)})`);
  }
  const changelog = previous
    ? `${emu.htmlRepo}/compare/${previous}...${tag}`
    : `${emu.htmlRepo}/commits/${tag}`;
  return `## What's Changed\n${lines.join('\n')}\n\n\n**Full Changelog**: ${changelog}`;
}

export const releasesRoutes: RouteTable = {
  'repos/create-release': async (ctx) => {
    const { emu, body, login } = ctx;
    checkBody(body.body);
    if (emu.state.releases.some((r) => r.tag_name === body.tag_name)) {
      throw validationFailed({ resource: 'Release', code: 'already_exists', field: 'tag_name' });
    }
    const now = emu.now();
    const target = (body.target_commitish as string | undefined) ?? emu.defaultBranch;
    let notes = (body.body as string | undefined) ?? null;
    if (body.generate_release_notes)
      notes = `${notes ? `${notes}\n\n` : ''}${await generateNotes(emu, body.tag_name, target)}`;
    const release: ReleaseRecord = {
      id: emu.nextId(),
      tag_name: body.tag_name as string,
      target_commitish: target,
      name: (body.name as string | undefined) ?? null,
      body: notes,
      draft: body.draft === true,
      prerelease: body.prerelease === true,
      make_latest: body.make_latest,
      author: login,
      created_at: now,
      published_at: body.draft === true ? null : now,
    };
    // Recorded before the tag is written (an await) so a second create arriving meanwhile gets 422.
    if (emu.state.releases.some((r) => r.tag_name === release.tag_name)) {
      throw validationFailed({ resource: 'Release', code: 'already_exists', field: 'tag_name' });
    }
    emu.state.releases.push(release);
    try {
      await ensureTag(ctx, release);
    } catch (e) {
      emu.state.releases.splice(emu.state.releases.indexOf(release), 1);
      throw e;
    }
    return {
      status: 201,
      body: releaseShape(emu, release),
      headers: { location: `${emu.apiRepo}/releases/${release.id}` },
    };
  },

  'repos/update-release': async (ctx) => {
    const { emu, params, body } = ctx;
    const release = releaseOr404(emu, params.release_id as number);
    checkBody(body.body);
    if (
      body.tag_name !== undefined &&
      body.tag_name !== release.tag_name &&
      emu.state.releases.some((r) => r.tag_name === body.tag_name)
    ) {
      throw validationFailed({ resource: 'Release', code: 'already_exists', field: 'tag_name' });
    }
    const copy = { ...release };
    for (const key of [
      'tag_name',
      'target_commitish',
      'name',
      'body',
      'prerelease',
      'make_latest',
    ] as const) {
      if (body[key] !== undefined) (copy as any)[key] = body[key];
    }
    if (body.draft !== undefined) {
      if (copy.draft && body.draft === false) copy.published_at = emu.now();
      copy.draft = body.draft as boolean;
    }
    await ensureTag(ctx, copy);
    Object.assign(release, copy);
    return { status: 200, body: releaseShape(emu, release) };
  },

  'repos/get-release': ({ emu, params }) => ({
    status: 200,
    body: releaseShape(emu, releaseOr404(emu, params.release_id as number)),
  }),

  'repos/get-release-by-tag': ({ emu, params }) => {
    const r = emu.state.releases.find((x) => x.tag_name === params.tag && !x.draft);
    if (!r) throw new HttpError(404, 'Not Found');
    return { status: 200, body: releaseShape(emu, r) };
  },

  'repos/get-latest-release': ({ emu }) => {
    const candidates = emu.state.releases.filter(
      (r) => !r.draft && !r.prerelease && r.make_latest !== 'false',
    );
    const r = candidates.at(-1);
    if (!r) throw new HttpError(404, 'Not Found');
    return { status: 200, body: releaseShape(emu, r) };
  },

  'repos/list-releases': (ctx) =>
    pageReply(ctx, [...ctx.emu.state.releases].reverse(), (r) => releaseShape(ctx.emu, r)),

  'repos/delete-release': ({ emu, params }) => {
    const r = releaseOr404(emu, params.release_id as number);
    emu.state.releases.splice(emu.state.releases.indexOf(r), 1);
    return { status: 204 };
  },

  'repos/generate-release-notes': async ({ emu, body }) => {
    const target = (body.target_commitish as string | undefined) ?? emu.defaultBranch;
    return {
      status: 200,
      body: {
        name: body.tag_name as string,
        body: await generateNotes(emu, body.tag_name, target, body.previous_tag_name),
      },
    };
  },
};
