// The on-merge guard decides "exactly one deploy per merge". Its script is run here as the
// runner would (bash, values only through env), with a stand-in `gh` that answers how many
// deploy:migrate deployments the merge SHA already has.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const workflow = parse(
  readFileSync(join(root, '.github', 'workflows', 'on-merge.yml'), 'utf8'),
) as {
  jobs: { guard: { steps: { id?: string; run?: string }[] } };
};
const script = workflow.jobs.guard.steps.find((s) => s.id === 'decide')!.run!;

function guard(env: Record<string, string>, existingDeployments: number) {
  const dir = mkdtempSync(join(tmpdir(), 'promote-guard-'));
  const gh = join(dir, 'gh');
  // Records its argv so the test can check what the guard asked GitHub.
  writeFileSync(
    gh,
    `#!/bin/sh\nprintf '%s\\n' "$*" >> "${dir}/gh.log"\necho ${existingDeployments}\n`,
  );
  chmodSync(gh, 0o755);
  const output = join(dir, 'output');
  writeFileSync(output, '');
  const log = execFileSync('bash', ['-e', '-c', script], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:${process.env.PATH}`,
      GITHUB_OUTPUT: output,
      GITHUB_REPOSITORY: 'acme/shop',
      GH_TOKEN: 'x',
      EVENT_NAME: 'pull_request',
      MERGED: 'true',
      BASE_REF: 'main',
      MERGE_SHA: 'a'.repeat(40),
      PRODUCTION_BRANCH: 'main',
      ENVIRONMENT: 'production',
      ...env,
    },
  });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('=') as [string, string]),
  );
  let asked = '';
  try {
    asked = readFileSync(join(dir, 'gh.log'), 'utf8');
  } catch {
    // gh was never called
  }
  return { log, outputs, asked };
}

test('a merged PR into production with no deployment yet deploys its merge commit', () => {
  const r = guard({}, 0);
  expect(r.outputs).toEqual({ deploy: 'true', sha: 'a'.repeat(40) });
  expect(r.asked).toContain(
    `repos/acme/shop/deployments?sha=${'a'.repeat(40)}&environment=production&task=deploy:migrate`,
  );
});

test('the same merge delivered again (a deployment exists) does not deploy twice', () => {
  const r = guard({}, 1);
  expect(r.outputs.deploy).toBe('false');
  expect(r.log).toContain('already has a deployment to production');
});

test('a PR closed without merging does not deploy and asks GitHub nothing', () => {
  const r = guard({ MERGED: 'false' }, 0);
  expect(r.outputs.deploy).toBe('false');
  expect(r.asked).toBe('');
});

test('a merge into another branch does not deploy', () => {
  expect(guard({ BASE_REF: 'staging' }, 0).outputs.deploy).toBe('false');
});

test('a hostile branch name is data: nothing it says is executed', () => {
  const r = guard({ BASE_REF: '$(touch /tmp/promote-guard-pwned)`id`' }, 0);
  expect(r.outputs.deploy).toBe('false');
  expect(r.log).toContain('$(touch /tmp/promote-guard-pwned)`id` is not the production branch');
  expect(existsSync('/tmp/promote-guard-pwned')).toBe(false);
});
