// Stand-in for actions/checkout: a real clone of the emulator's bare repository into the
// workspace, fetched the way the action does (`git fetch --depth=N origin +<sha>:refs/remotes/...`,
// then a forced checkout). Inputs as in actions/checkout's action.yml: repository, ref, token,
// path, fetch-depth (default 1; 0 = all history and tags), fetch-tags, persist-credentials
// (default true: the token is stored in the clone's git config as an http extraheader, removed by
// the post step), clean. https://github.com/actions/checkout#usage
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { execProcess } from '../../spawner.js';
import type { StandIn, StandInContext } from './types.js';

const run = execProcess;
const SHA = /^[0-9a-f]{40}$/i;
// The emulator's repository answers any reachable SHA, as github.com does for a fetch by SHA.
const UPLOAD_PACK = '--upload-pack=git -c uploadpack.allowAnySHA1InWant=true upload-pack';

async function git(ctx: StandInContext, cwd: string, args: string[]): Promise<string> {
  ctx.log(`[command]/usr/bin/git ${args.join(' ')}`);
  const { stdout } = await run('git', args, {
    cwd,
    env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0' },
  });
  return stdout.trim();
}

async function remoteRef(ctx: StandInContext, ref: string): Promise<{ sha: string; ref?: string }> {
  const dir = ctx.emulator.git.dir;
  if (SHA.test(ref)) return { sha: ref.toLowerCase() };
  const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`];
  for (const c of candidates) {
    try {
      const { stdout } = await run('git', [
        '--git-dir',
        dir,
        'rev-parse',
        '--verify',
        `${c}^{commit}`,
      ]);
      return { sha: stdout.trim(), ref: c };
    } catch {
      // next candidate
    }
  }
  throw new Error(`A branch or tag with the name '${ref}' could not be found`);
}

const checkout: StandIn = {
  inputs: {
    repository: undefined,
    ref: '',
    token: undefined,
    path: '',
    'fetch-depth': '1',
    'fetch-tags': 'false',
    'persist-credentials': 'true',
    clean: 'true',
    'ssh-key': '',
    submodules: 'false',
    lfs: 'false',
    // A partial clone (e.g. blob:none) changes what is downloaded, not the commits and trees a
    // step reads: the stand-in fetches everything it is asked for and ignores the filter.
    filter: '',
  },
  async main(ctx) {
    const repository = ctx.inputs.repository || ctx.github.repository;
    const own = `${ctx.emulator.owner}/${ctx.emulator.repo}`;
    if (repository.toLowerCase() !== own.toLowerCase()) {
      throw new Error(
        `checkout stand-in: ${repository} is not the emulator's repository (${own}); the test world has one repository.`,
      );
    }
    const target = resolve(ctx.workspace, ctx.inputs.path || '.');
    if (!target.startsWith(ctx.workspace)) {
      throw new Error(`Repository path '${target}' is not under '${ctx.workspace}'`);
    }
    mkdirSync(target, { recursive: true });
    const depth = Number(ctx.inputs['fetch-depth'] || '1');
    let wanted: { sha: string; ref?: string };
    if (ctx.inputs.ref) wanted = await remoteRef(ctx, ctx.inputs.ref);
    else {
      // No ref: the event's GITHUB_SHA (on GitHub, GITHUB_REF's commit; refs/pull/N/merge is the same SHA).
      wanted = {
        sha: ctx.github.sha,
        ref: ctx.github.ref.startsWith('refs/heads/') ? ctx.github.ref : undefined,
      };
    }
    if (!existsSync(resolve(target, '.git'))) {
      await git(ctx, target, ['init', '--quiet', target]);
      await git(ctx, target, ['remote', 'add', 'origin', ctx.emulator.git.dir]);
    }
    const token = ctx.inputs.token || ctx.github.token;
    ctx.mask(Buffer.from(`x-access-token:${token}`).toString('base64'));
    const branch = wanted.ref?.startsWith('refs/heads/')
      ? wanted.ref.slice('refs/heads/'.length)
      : undefined;
    const dest = branch
      ? `refs/remotes/origin/${branch}`
      : wanted.ref?.startsWith('refs/tags/')
        ? wanted.ref
        : undefined;
    const fetchArgs = [
      '-c',
      'protocol.version=2',
      'fetch',
      '--prune',
      '--no-recurse-submodules',
      UPLOAD_PACK,
    ];
    if (depth > 0) {
      fetchArgs.push(
        ctx.inputs['fetch-tags'] === 'true' ? '--tags' : '--no-tags',
        `--depth=${depth}`,
      );
      fetchArgs.push('origin', dest ? `+${wanted.sha}:${dest}` : wanted.sha);
    } else {
      fetchArgs.push(
        '--tags',
        'origin',
        '+refs/heads/*:refs/remotes/origin/*',
        '+refs/tags/*:refs/tags/*',
      );
    }
    await git(ctx, target, fetchArgs);
    if (branch) {
      await git(ctx, target, [
        'checkout',
        '--progress',
        '--force',
        '-B',
        branch,
        `refs/remotes/origin/${branch}`,
      ]);
    } else {
      await git(ctx, target, ['checkout', '--progress', '--force', wanted.sha]);
    }
    if (ctx.inputs.clean !== 'false') await git(ctx, target, ['clean', '-ffdx']);
    if (ctx.inputs['persist-credentials'] !== 'false') {
      // As actions/checkout does: a placeholder through git config, then the real value written
      // into .git/config directly, so the token never appears in a process's argv.
      const placeholder = 'AUTHORIZATION: basic ***';
      await run('git', ['config', '--local', 'http.https://github.com/.extraheader', placeholder], {
        cwd: target,
      });
      const configPath = resolve(target, '.git', 'config');
      const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
      const config = readFileSync(configPath, 'utf8');
      writeFileSync(configPath, config.replace(placeholder, `AUTHORIZATION: basic ${basic}`));
      ctx.state.persisted = target;
    }
    const commit = await git(ctx, target, ['rev-parse', 'HEAD']);
    ctx.setOutput('ref', wanted.ref ?? '');
    ctx.setOutput('commit', commit);
  },
  async post(ctx) {
    const target = ctx.state.persisted;
    if (!target || !existsSync(resolve(target, '.git'))) return;
    await run('git', ['config', '--local', '--unset-all', 'http.https://github.com/.extraheader'], {
      cwd: target,
    }).catch(() => undefined);
    ctx.log(`Removed the persisted credentials from ${target}/.git/config`);
  },
};

export default checkout;
