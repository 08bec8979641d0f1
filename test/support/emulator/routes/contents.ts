// The contents API: read files and directories at a ref, create/update/delete a file as a real commit.
import { HttpError, validationFailed } from '../errors.js';
import { StaleBranchError } from '../git.js';
import { NEW_COMMIT, refusePush } from '../rulesets.js';
import type { EmulatorCore, RouteContext, RouteTable } from '../types.js';
import { afterRefMove } from './ref-moves.js';

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function entryShape(
  emu: EmulatorCore,
  ref: string,
  e: { path: string; sha: string; type: string; size?: number },
) {
  const self = `${emu.apiRepo}/contents/${encodePath(e.path)}?ref=${encodeURIComponent(ref)}`;
  const git = `${emu.apiRepo}/git/${e.type === 'dir' ? 'trees' : 'blobs'}/${e.sha}`;
  const html = `${emu.htmlRepo}/${e.type === 'dir' ? 'tree' : 'blob'}/${ref}/${encodePath(e.path)}`;
  return {
    type: e.type,
    size: e.size ?? 0,
    name: e.path.split('/').at(-1) ?? e.path,
    path: e.path,
    sha: e.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url:
      e.type === 'file'
        ? `https://raw.githubusercontent.com/${emu.owner}/${emu.repo}/${ref}/${encodePath(e.path)}`
        : null,
    _links: { self, git, html },
  };
}

async function commitResult(emu: EmulatorCore, sha: string, content: unknown) {
  const c = (await emu.git.readCommit(sha))!;
  return {
    content,
    commit: {
      sha: c.sha,
      node_id: Buffer.from(`06:Commit${c.sha}`).toString('base64'),
      url: `${emu.apiRepo}/git/commits/${c.sha}`,
      html_url: `${emu.htmlRepo}/commit/${c.sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { url: `${emu.apiRepo}/git/trees/${c.tree}`, sha: c.tree },
      parents: c.parents.map((p) => ({
        url: `${emu.apiRepo}/git/commits/${p}`,
        html_url: `${emu.htmlRepo}/commit/${p}`,
        sha: p,
      })),
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
  };
}

async function writeFile(ctx: RouteContext, path: string, content: Buffer | null) {
  const { emu, body, login } = ctx;
  const branch = (body.branch as string | undefined) ?? emu.defaultBranch;
  const tip = await emu.git.revParse(`refs/heads/${branch}`);
  if (!tip) throw new HttpError(404, `Branch ${branch} not found`);
  refusePush(
    emu,
    {
      ref: `refs/heads/${branch}`,
      before: tip,
      after: NEW_COMMIT,
      fastForward: true,
      via: 'contents',
    },
    { login, bypass: ctx.bypass },
  );
  const existing = await emu.git.revParse(`${tip}:${path}`);
  if (content === null && !existing) throw new HttpError(404, 'Not Found');
  if (existing && body.sha === undefined)
    throw new HttpError(422, `Invalid request.\n\n"sha" wasn't supplied.`);
  if (existing && body.sha !== existing)
    throw new HttpError(409, `${path} does not match ${body.sha as string}`);
  const person = (body.author ??
    body.committer ?? { name: login, email: `${login}@users.noreply.github.com` }) as {
    name: string;
    email: string;
    date?: string;
  };
  if (/[\n\r\0<>]/.test(`${person.name}${person.email}`)) {
    throw validationFailed({
      resource: 'Commit',
      code: 'invalid',
      field: body.author ? 'author' : 'committer',
    });
  }
  try {
    const sha = await emu.git.commit({
      branch,
      files: { [path]: content },
      message: body.message as string,
      author: { name: person.name, email: person.email },
      ...(person.date ? { date: person.date } : {}),
      expectedTip: tip, // the file SHA was checked at this tip: a concurrent write loses with 409
    });
    await afterRefMove(ctx, `refs/heads/${branch}`, tip, sha);
    return { sha, created: !existing };
  } catch (e) {
    if (e instanceof StaleBranchError)
      throw new HttpError(409, `${path} does not match ${String(body.sha ?? '')}`);
    throw e;
  }
}

export const contentsRoutes: RouteTable = {
  'repos/get-content': async ({ emu, params, query }) => {
    const ref = (query.ref as string | undefined) ?? emu.defaultBranch;
    const commit = await emu.git.resolveCommit(ref);
    if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
    const path = String(params.path ?? '').replace(/^\/+|\/+$/g, '');
    const type = path
      ? await emu.git.objectType(`${commit}:${path}`).catch(() => undefined)
      : 'tree';
    if (!type) throw new HttpError(404, 'Not Found');
    if (type === 'tree') {
      const entries = await emu.git.lsTree(path ? `${commit}:${path}` : commit);
      return {
        status: 200,
        body: entries.map((e) =>
          entryShape(emu, ref, {
            path: path ? `${path}/${e.path}` : e.path,
            sha: e.sha,
            type: e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : 'file',
            size: e.size,
          }),
        ),
      };
    }
    const blobSha = (await emu.git.revParse(`${commit}:${path}`)) as string;
    const buf = (await emu.git.readBlob(blobSha)) ?? Buffer.alloc(0);
    return {
      status: 200,
      body: {
        ...entryShape(emu, ref, { path, sha: blobSha, type: 'file', size: buf.length }),
        encoding: 'base64',
        content: (buf.toString('base64').match(/.{1,60}/g) ?? ['']).join('\n') + '\n',
      },
    };
  },

  'repos/create-or-update-file-contents': async (ctx) => {
    const { emu, params, body } = ctx;
    const path = String(params.path);
    const content = Buffer.from(String(body.content), 'base64');
    if (
      Buffer.from(content.toString('base64'), 'base64').length !== content.length ||
      !/^[A-Za-z0-9+/=\s]*$/.test(String(body.content))
    ) {
      throw validationFailed({
        resource: 'Contents',
        code: 'invalid',
        field: 'content',
        message: 'content is not valid Base64',
      });
    }
    const { sha, created } = await writeFile(ctx, path, content);
    const blob = (await emu.git.revParse(`${sha}:${path}`)) as string;
    const branch = (body.branch as string | undefined) ?? emu.defaultBranch;
    return {
      status: created ? 201 : 200,
      body: await commitResult(
        emu,
        sha,
        entryShape(emu, branch, { path, sha: blob, type: 'file', size: content.length }),
      ),
    };
  },

  'repos/delete-file': async (ctx) => {
    const { emu, params } = ctx;
    const { sha } = await writeFile(ctx, String(params.path), null);
    return { status: 200, body: await commitResult(emu, sha, null) };
  },
};
