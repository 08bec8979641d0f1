// rollback.yml refuses a dispatch from any ref but the production branch, in a job that runs
// before the environment (its reviewers and secrets). Its script is run here as the runner would
// (bash, values only through env).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');
const workflow = parse(
  readFileSync(join(root, '.github', 'workflows', 'rollback.yml'), 'utf8'),
) as {
  jobs: Record<
    string,
    {
      needs?: string;
      environment?: string;
      steps: { run?: string; env?: Record<string, string> }[];
    }
  >;
};
const script = workflow.jobs.ref!.steps[0]!.run!;

function refCheck(ref: string, productionBranch = 'main') {
  const r = spawnSync('bash', ['--noprofile', '--norc', '-e', '-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, REF: ref, PRODUCTION_BRANCH: productionBranch },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('the ref check runs before, and outside, the job that holds the environment', () => {
  expect(workflow.jobs.ref!.environment).toBeUndefined();
  expect(workflow.jobs.rollback!.needs).toBe('ref');
  expect(workflow.jobs.ref!.steps[0]!.env).toEqual({
    REF: '${{ github.ref }}',
    PRODUCTION_BRANCH: "${{ inputs.production-branch || 'main' }}",
  });
});

test('a dispatch from the production branch passes', () => {
  expect(refCheck('refs/heads/main')).toEqual({ code: 0, out: '' });
  expect(refCheck('refs/heads/production', 'production').code).toBe(0);
});

test('a dispatch from another branch or a tag fails and says how to run it', () => {
  const other = refCheck('refs/heads/feature/x');
  expect(other.code).toBe(1);
  expect(other.out).toContain(
    '::error::Rollback refused: it was dispatched from refs/heads/feature/x, not the production branch main.',
  );
  expect(other.out).toContain('--ref main');
  expect(refCheck('refs/tags/v1.0.0').code).toBe(1);
  expect(refCheck('refs/heads/main-old').code).toBe(1);
});

test('a hostile ref name is data: nothing it says is executed', () => {
  const r = refCheck('refs/heads/$(touch /tmp/promote-rollback-pwned)`id`');
  expect(r.code).toBe(1);
  expect(existsSync('/tmp/promote-rollback-pwned')).toBe(false);
});
