// The Git Database API (refs, commits, trees, blobs, annotated tags) and the tag list, on real git.
import { HttpError, unprocessable, validationFailed } from '../errors.js';
import { GitError, ZERO_SHA } from '../git.js';
import { pageReply } from '../pagination.js';
import { gitCommitShape } from '../shapes/commit.js';
import { refusePush } from '../rulesets.js';
import type { EmulatorCore, RouteTable } from '../types.js';
import { afterRefMove } from './ref-moves.js';

async function refShape(emu: EmulatorCore, ref: string, sha?: string) {
  const objectSha = sha ?? (await emu.git.revParse(ref));
  if (!objectSha) throw new HttpError(404, 'Not Found');
  const type = (await emu.git.objectType(objectSha)) ?? 'commit';
  const kind = type === 'tag' ? 'tags' : type === 'commit' ? 'commits' : `${type}s`;
  return {
    ref,
    node_id: Buffer.from(`03:Ref${ref}`).toString('base64'),
    url: `${emu.apiRepo}/git/${ref}`,
    object: { type, sha: objectSha, url: `${emu.apiRepo}/git/${kind}/${objectSha}` },
  };
}

async function exactRef(emu: EmulatorCore, ref: string): Promise<string | undefined> {
  const refs = await emu.git.listRefs(ref);
  return refs.find((r) => r.ref === ref)?.sha;
}

function base64Lines(buf: Buffer): string {
  return (buf.toString('base64').match(/.{1,60}/g) ?? ['']).join('\n') + '\n';
}

async function treeShape(emu: EmulatorCore, treeSha: string, recursive: boolean) {
  const entries = await emu.git.lsTree(treeSha, recursive);
  return {
    sha: treeSha,
    url: `${emu.apiRepo}/git/trees/${treeSha}`,
    truncated: false,
    tree: entries.map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.size !== undefined ? { size: e.size } : {}),
      url: `${emu.apiRepo}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
    })),
  };
}

interface ParsedTag {
  object: string;
  type: string;
  tag: string;
  tagger: { name: string; email: string; date: string };
  message: string;
}

function parseTagObject(text: string): ParsedTag {
  const [header, ...rest] = text.split('\n\n');
  const fields: Record<string, string> = {};
  for (const line of (header ?? '').split('\n')) {
    const sp = line.indexOf(' ');
    fields[line.slice(0, sp)] = line.slice(sp + 1);
  }
  const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(fields.tagger ?? '');
  return {
    object: fields.object ?? '',
    type: fields.type ?? 'commit',
    tag: fields.tag ?? '',
    tagger: {
      name: m?.[1] ?? '',
      email: m?.[2] ?? '',
      date: new Date(Number(m?.[3] ?? 0) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    message: rest.join('\n\n'),
  };
}

function gitTagShape(emu: EmulatorCore, sha: string, t: ParsedTag) {
  const kind = t.type === 'commit' ? 'commits' : `${t.type}s`;
  return {
    node_id: Buffer.from(`03:Tag${sha}`).toString('base64'),
    tag: t.tag,
    sha,
    url: `${emu.apiRepo}/git/tags/${sha}`,
    message: t.message,
    tagger: t.tagger,
    object: { sha: t.object, type: t.type, url: `${emu.apiRepo}/git/${kind}/${t.object}` },
    verification: {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null,
    },
  };
}

export const gitDataRoutes: RouteTable = {
  'git/get-ref': async ({ emu, params }) => {
    const ref = `refs/${params.ref as string}`;
    const sha = await exactRef(emu, ref);
    if (!sha) throw new HttpError(404, 'Not Found');
    return { status: 200, body: await refShape(emu, ref, sha) };
  },

  'git/list-matching-refs': async (ctx) => {
    const prefix = `refs/${ctx.params.ref as string}`;
    const refs = (await ctx.emu.git.listRefs('refs/')).filter((r) => r.ref.startsWith(prefix));
    const shaped = await Promise.all(refs.map((r) => refShape(ctx.emu, r.ref, r.sha)));
    return pageReply(ctx, shaped);
  },

  'git/create-ref': async (ctx) => {
    const { emu, body } = ctx;
    const ref = body.ref as string;
    const sha = body.sha as string;
    // git's own rules for ref names (no spaces, "..", "~", "^", ":", trailing ".lock"...).
    const valid = await emu.git
      .run(['check-ref-format', ref])
      .then(() => true)
      .catch(() => false);
    if (!/^refs\/[^/]+\/.+/.test(ref) || !valid) {
      throw unprocessable(`Reference name is invalid: ${ref}`);
    }
    if (!(await emu.git.objectType(sha))) throw unprocessable('Object does not exist');
    if (await exactRef(emu, ref)) throw unprocessable('Reference already exists');
    refusePush(
      emu,
      { ref, before: ZERO_SHA, after: sha, fastForward: true, via: 'ref' },
      { login: ctx.login, bypass: ctx.bypass },
    );
    try {
      await emu.git.updateRef(ref, sha, ZERO_SHA);
    } catch (e) {
      if (e instanceof GitError) throw unprocessable('Reference already exists');
      throw e;
    }
    await afterRefMove(ctx, ref, ZERO_SHA, sha);
    return { status: 201, body: await refShape(emu, ref, sha) };
  },

  'git/update-ref': async (ctx) => {
    const { emu, params, body } = ctx;
    const ref = `refs/${params.ref as string}`;
    const current = await exactRef(emu, ref);
    if (!current) throw unprocessable('Reference does not exist');
    const sha = body.sha as string;
    const known = Boolean(await emu.git.objectType(sha));
    const fastForward =
      known && (current === sha || (await emu.git.isAncestor(current, sha).catch(() => false)));
    if (!known) throw unprocessable('Object does not exist');
    refusePush(
      emu,
      { ref, before: current, after: sha, fastForward, via: 'ref' },
      { login: ctx.login, bypass: ctx.bypass },
    );
    if (!body.force && !fastForward) throw unprocessable('Update is not a fast forward');
    await emu.git.updateRef(ref, sha, current);
    if (current !== sha) await afterRefMove(ctx, ref, current, sha, !fastForward);
    return { status: 200, body: await refShape(emu, ref, sha) };
  },

  'git/delete-ref': async (ctx) => {
    const { emu, params } = ctx;
    const ref = `refs/${params.ref as string}`;
    const current = await exactRef(emu, ref);
    if (!current) throw unprocessable('Reference does not exist');
    refusePush(
      emu,
      { ref, before: current, after: ZERO_SHA, fastForward: false, via: 'ref' },
      { login: ctx.login, bypass: ctx.bypass },
    );
    await emu.git.deleteRef(ref);
    await afterRefMove(ctx, ref, current, ZERO_SHA);
    return { status: 204 };
  },

  'git/create-blob': async ({ emu, body }) => {
    const encoding = (body.encoding as string | undefined) ?? 'utf-8';
    if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'base64') {
      throw unprocessable(`encoding must be "utf-8" or "base64"`);
    }
    const content =
      encoding === 'base64'
        ? Buffer.from(body.content as string, 'base64')
        : Buffer.from(body.content as string, 'utf8');
    const sha = await emu.git.hashObject(content);
    return { status: 201, body: { url: `${emu.apiRepo}/git/blobs/${sha}`, sha } };
  },

  'git/get-blob': async ({ emu, params }) => {
    const sha = params.file_sha as string;
    const buf =
      (await emu.git.objectType(sha)) === 'blob' ? await emu.git.readBlob(sha) : undefined;
    if (!buf) throw new HttpError(404, 'Not Found');
    return {
      status: 200,
      body: {
        sha,
        node_id: Buffer.from(`04:Blob${sha}`).toString('base64'),
        size: buf.length,
        url: `${emu.apiRepo}/git/blobs/${sha}`,
        content: base64Lines(buf),
        encoding: 'base64',
      },
    };
  },

  'git/create-tree': async ({ emu, body }) => {
    let baseTree: string | undefined;
    if (body.base_tree) {
      baseTree = await emu.git.revParse(`${body.base_tree as string}^{tree}`);
      if (!baseTree) throw unprocessable('base_tree is not a valid tree oid');
    }
    const changes: { path: string; mode: string; sha: string | null }[] = [];
    for (const entry of body.tree as {
      path?: string;
      mode?: string;
      type?: string;
      sha?: string | null;
      content?: string;
    }[]) {
      if (!entry.path) throw unprocessable('Invalid tree info: missing path');
      if (entry.sha !== undefined && entry.content !== undefined) {
        throw unprocessable(
          `Must supply either tree.sha or tree.content. Request will be rejected if both are present.`,
        );
      }
      const mode = entry.mode ?? '100644';
      let sha: string | null = entry.sha ?? null;
      if (entry.content !== undefined) sha = await emu.git.hashObject(entry.content);
      else if (sha !== null && !(await emu.git.objectType(sha)))
        throw unprocessable(`Invalid tree info: ${sha} does not exist`);
      changes.push({ path: entry.path, mode, sha });
    }
    const tree = await emu.git.writeTree(baseTree, changes);
    return { status: 201, body: await treeShape(emu, tree, false) };
  },

  'git/get-tree': async ({ emu, params, query }) => {
    const tree = await emu.git.revParse(`${params.tree_sha as string}^{tree}`);
    if (!tree) throw new HttpError(404, 'Not Found');
    const recursive =
      query.recursive !== undefined &&
      query.recursive !== '' &&
      query.recursive !== '0' &&
      query.recursive !== 'false';
    return { status: 200, body: await treeShape(emu, tree, recursive) };
  },

  'git/create-commit': async ({ emu, body, login }) => {
    const tree = body.tree as string;
    if ((await emu.git.objectType(tree)) !== 'tree') throw unprocessable('Tree SHA does not exist');
    const parents = (body.parents as string[] | undefined) ?? [];
    for (const p of parents) {
      if ((await emu.git.objectType(p)) !== 'commit')
        throw unprocessable('Parent SHA does not exist or is not a commit object');
    }
    const fallback = { name: login, email: `${login}@users.noreply.github.com` };
    const author =
      (body.author as { name: string; email: string; date?: string } | undefined) ?? fallback;
    const committer =
      (body.committer as { name: string; email: string; date?: string } | undefined) ?? author;
    for (const [field, who] of [
      ['author', author],
      ['committer', committer],
    ] as const) {
      if (/[\n\r\0<>]/.test(`${who.name}${who.email}`))
        throw validationFailed({ resource: 'Commit', code: 'invalid', field });
    }
    const sha = await emu.git.commitTree({
      tree,
      parents,
      message: body.message as string,
      author,
      committer,
    });
    return { status: 201, body: gitCommitShape(emu, (await emu.git.readCommit(sha))!) };
  },

  'git/get-commit': async ({ emu, params }) => {
    const sha = params.commit_sha as string;
    const info =
      (await emu.git.objectType(sha)) === 'commit' ? await emu.git.readCommit(sha) : undefined;
    if (!info) throw new HttpError(404, 'Not Found');
    return { status: 200, body: gitCommitShape(emu, info) };
  },

  'git/create-tag': async ({ emu, body, login }) => {
    const object = body.object as string;
    const type = body.type as string;
    if ((await emu.git.objectType(object)) !== type) throw unprocessable('Object does not exist');
    const tagger = (body.tagger as { name: string; email: string; date?: string } | undefined) ?? {
      name: login,
      email: `${login}@users.noreply.github.com`,
    };
    // Header fields are one line each: a newline or angle bracket would forge tag headers.
    for (const [field, value] of [
      ['tag', String(body.tag)],
      ['tagger.name', tagger.name],
      ['tagger.email', tagger.email],
    ] as const) {
      if (/[\n\r\0<>]/.test(value) || (field === 'tag' && !value.trim())) {
        throw validationFailed({ resource: 'Tag', code: 'invalid', field });
      }
    }
    const seconds = Math.floor(
      (tagger.date ? new Date(tagger.date) : emu.clock()).getTime() / 1000,
    );
    const message = String(body.message);
    const text = `object ${object}\ntype ${type}\ntag ${body.tag as string}\ntagger ${tagger.name} <${tagger.email}> ${seconds} +0000\n\n${message}${message.endsWith('\n') ? '' : '\n'}`;
    let sha: string;
    try {
      sha = (await emu.git.run(['mktag'], { input: text })).trim();
    } catch (e) {
      if (e instanceof GitError) throw unprocessable(`Invalid tag: ${e.stderr.trim()}`);
      throw e;
    }
    return {
      status: 201,
      body: gitTagShape(emu, sha, parseTagObject(await emu.git.run(['cat-file', 'tag', sha]))),
    };
  },

  'git/get-tag': async ({ emu, params }) => {
    const sha = params.tag_sha as string;
    if ((await emu.git.objectType(sha)) !== 'tag') throw new HttpError(404, 'Not Found');
    return {
      status: 200,
      body: gitTagShape(emu, sha, parseTagObject(await emu.git.run(['cat-file', 'tag', sha]))),
    };
  },

  // GitHub lists tags in reverse lexicographic order of their names, not by version or date:
  // v1.9.0 comes before v1.10.0, which is why a reader must paginate and compare with semver.
  'repos/list-tags': async (ctx) => {
    const { emu } = ctx;
    const out = await emu.git.run([
      'for-each-ref',
      '--sort=-refname',
      '--format=%(refname:strip=2)%1f%(objectname)%1f%(*objectname)',
      'refs/tags',
    ]);
    const tags = out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, obj, target] = line.split('\x1f') as [string, string, string];
        const sha = target || obj;
        return {
          name,
          commit: { sha, url: `${emu.apiRepo}/commits/${sha}` },
          zipball_url: `${emu.apiRepo}/zipball/refs/tags/${encodeURIComponent(name)}`,
          tarball_url: `${emu.apiRepo}/tarball/refs/tags/${encodeURIComponent(name)}`,
          node_id: Buffer.from(`03:Ref refs/tags/${name}`).toString('base64'),
        };
      });
    return pageReply(ctx, tags);
  },
};
