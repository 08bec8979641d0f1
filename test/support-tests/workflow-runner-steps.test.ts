// Steps through the runner: the checkout and create-github-app-token stand-ins (with their post
// steps), an action with no stand-in, and this repository's action bundles via `$/actions/<name>`.
import type { MintOptions, RunnerEmulator } from '../support/workflow-runner/index.js';
import { dispatchEvent, WorkflowRunner } from '../support/workflow-runner/index.js';
import { createGitHistory } from '../support/git-history.js';
import { job, logs, world, type World } from './workflow-runner-helpers.js';

let w: World;
afterEach(async () => {
  await w.close();
});

test('checkout: depth 1 by default with the token persisted; ref, path, fetch-depth 0 and persist-credentials false honoured', async () => {
  w = await world(['stand-ins.yml']);
  await w.gh.git.commit({ branch: 'feature', files: { 'f.txt': '1\n' }, message: 'feat: one' });
  await w.gh.git.commit({ branch: 'feature', files: { 'f.txt': '2\n' }, message: 'feat: two' });
  const [run] = await w.runner.trigger(
    dispatchEvent(w.gh, { workflow: 'stand-ins.yml', sha: w.sha }),
  );
  const co = job(run, 'checkout');
  expect(co.conclusion).toBe('success');
  expect(co.outputs).toMatchObject({
    shallow: '1',
    header: 'yes',
    'other-header': 'no',
    readme: '# app',
    commit: w.sha,
  });
  // main (2 commits) + feature's two commits
  expect(Number(co.outputs.full)).toBe(4);
  // Post steps run in reverse order; the first checkout's removes the persisted credentials.
  expect(co.steps.map((s) => s.name)).toEqual([
    'Run actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
    'Run actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
    'Run echo "shallow=$(git rev-list --count HEAD)" >> "$GITHUB_OUTPUT"',
    'Post Run actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
    'Post Run actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
  ]);
  expect(co.steps[4]!.log).toContain('Removed the persisted credentials');
  expect(co.steps[3]!.log).toBe('');
});

test('create-github-app-token: an app token with the narrowed permissions, masked, app-id deprecation warned, revoked by the post step after a failure', async () => {
  w = await world(['stand-ins.yml']);
  const minted: (MintOptions & { token: string })[] = [];
  const revoked: string[] = [];
  const emulator: RunnerEmulator = {
    url: w.gh.url,
    owner: w.gh.owner,
    repo: w.gh.repo,
    git: w.gh.git,
    tokens: {
      mint(opts) {
        const token = `ghs_minted_${minted.length}_${opts.kind}`;
        minted.push({ ...opts, token });
        return token;
      },
      revoke: (t) => void revoked.push(t),
    },
  };
  const runner = new WorkflowRunner({
    emulator,
    settings: {
      variables: { APP_ID: '123456' },
      secrets: { APP_KEY: '-----BEGIN KEY-----' },
      app: {
        id: '123456',
        slug: 'promote-app',
        privateKey: '-----BEGIN KEY-----',
        permissions: { contents: 'write', 'pull-requests': 'write' },
      },
    },
  });
  try {
    await w.gh.git.commit({ branch: 'feature', files: { 'f.txt': '1\n' }, message: 'feat: one' });
    const [run] = await runner.trigger(
      dispatchEvent(w.gh, { workflow: 'stand-ins.yml', sha: w.sha }),
    );
    const app = job(run, 'app-token');
    expect(app.conclusion).toBe('failure');
    const appMint = minted.find((m) => m.kind === 'app')!;
    expect(appMint).toMatchObject({
      kind: 'app',
      permissions: { contents: 'read' },
      login: 'promote-app[bot]',
    });
    expect(app.steps[0]!.annotations).toContainEqual({
      level: 'warning',
      message: "Input 'app-id' has been deprecated with message: Use 'client-id' instead.",
    });
    expect(app.steps[1]!.log).toContain('token is ***');
    expect(logs(app)).not.toContain(appMint.token);
    expect(app.steps[2]).toMatchObject({
      name: 'Post Run actions/create-github-app-token@1b10c78c7865c340bc4f6099eb2f838309f1e8c3',
      conclusion: 'success',
      log: 'Token revoked',
    });
    expect(revoked).toContain(appMint.token);

    const unknown = job(run, 'unknown');
    expect(unknown.conclusion).toBe('failure');
    expect(unknown.steps[0]!.log).toContain('no stand-in for someone/something@v1');
    expect(unknown.steps[1]!.log).toContain('still here');
  } finally {
    runner.close();
  }
});

test('$/actions/tag-release runs the real bundle with the step inputs; an unexpected input is warned about as the runner does', async () => {
  const h = createGitHistory();
  h.commit('docs: changelog', {
    file: 'CHANGELOG.md',
    content: '# Changelog\n\n## [Unreleased]\n',
  });
  h.tag('v2.6.0');
  h.branch('staging');
  h.commit('feat(search): fuzzy matching (#40)');
  h.commit('fix: crash on empty cart (#41)');
  h.checkout('main');
  h.git([
    'merge',
    '-q',
    '--no-ff',
    '-m',
    'Merge pull request #77 from acme/promote/staging',
    'staging',
  ]);
  const mergeSha = h.head();
  w = await world([]);
  try {
    h.git(['push', '-q', '--force', w.gh.git.dir, 'main:main', '--tags']);
  } finally {
    h.cleanup();
  }
  const { fixture } = await import('./workflow-runner-helpers.js');
  const head = await w.gh.git.commit({
    branch: 'main',
    files: {
      '.github/workflows/tag-release-dry-run.yml': fixture('tag-release-dry-run.yml'),
      '.github/promotion.yml': 'release:\n  tag-prefix: v\n',
    },
    message: 'ci: release workflow',
  });
  const [run] = await w.runner.trigger(
    dispatchEvent(w.gh, {
      workflow: 'tag-release-dry-run.yml',
      sha: head,
      inputs: { sha: mergeSha },
    }),
  );
  const release = job(run, 'release');
  expect(release.conclusion).toBe('success');
  expect(release.outputs).toMatchObject({ version: '2.7.0', tag: 'v2.7.0' });
  expect(release.steps[1]!.annotations).toContainEqual({
    level: 'warning',
    message: expect.stringMatching(
      /^Unexpected input\(s\) 'not-an-input', valid inputs are \['token', /,
    ),
  });
  expect(Object.keys(await w.gh.git.tags())).toEqual(['v2.6.0']);
  expect(w.gh.state.releases).toEqual([]);
});

test('./actions/<name> runs the action the job checked out, and fails as GitHub does without a checkout; a re-run keeps the run id', async () => {
  w = await world(
    ['local-action.yml'],
    {},
    {
      'actions/hello/action.yml': [
        'name: Hello',
        'description: a local action',
        'inputs:',
        '  who:',
        '    description: who to greet',
        'runs:',
        '  using: node24',
        '  main: ../../dist/hello/index.js',
        '',
      ].join('\n'),
      'dist/hello/index.js':
        "require('node:fs').appendFileSync(process.env.GITHUB_OUTPUT, `greeting=hello ${process.env['INPUT_WHO']} from the checkout\\n`);\n",
    },
  );
  const [run] = await w.runner.trigger(
    dispatchEvent(w.gh, { workflow: 'local-action.yml', sha: w.sha }),
  );
  const bare = job(run, 'without-checkout');
  expect(bare.conclusion).toBe('failure');
  expect(bare.steps[0]!.log).toMatch(
    /Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '.*\/actions\/hello'\. Did you forget to run actions\/checkout before running your local action\?/,
  );
  const checkedOut = job(run, 'with-checkout');
  expect(checkedOut.conclusion).toBe('success');
  expect(checkedOut.outputs.greeting).toBe('hello Ada from the checkout');

  const again = await w.runner.rerun(run!.id);
  const [id, number, attempt] = job(again, 'with-checkout').outputs.attempt!.split('/');
  expect([id, number, attempt]).toEqual([
    ...checkedOut.outputs.attempt!.split('/').slice(0, 2),
    '2',
  ]);
});
