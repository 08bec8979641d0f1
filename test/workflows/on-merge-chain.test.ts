// The seams of the on-merge chain, read from the workflow as GitHub would run it: what each job
// hands the next, where the production credentials are read, and how a failed deploy is undone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

type Step = {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
};
type Job = {
  environment?: string;
  needs?: string | string[];
  outputs?: Record<string, string>;
  steps?: Step[];
  concurrency?: Record<string, unknown>;
};
const root = join(import.meta.dirname, '..', '..');
const read = (f: string) =>
  parse(readFileSync(join(root, '.github', 'workflows', f), 'utf8')) as {
    jobs: Record<string, Job>;
    on: Record<string, any>;
  };
const onMerge = read('on-merge.yml');
const rollback = read('rollback.yml');
const steps = (job: Job) => job.steps ?? [];
const step = (job: Job, id: string) => steps(job).find((s) => s.id === id)!;

test('a red seal can roll back: the smoke step gets the backup the migrate job took', () => {
  expect(onMerge.jobs.migrate!.outputs!['backup-id']).toBe(
    '${{ steps.migrate.outputs.backup-id }}',
  );
  // One leg without apps: the migrate job's backup; with apps (a leg per app) the seal finds its
  // app's backup on GitHub (test/e2e/migrate-with-rollback-apps.test.ts).
  expect(step(onMerge.jobs.smoke!, 'seal').with!['backup-id']).toBe(
    "${{ matrix.app == '' && needs.migrate.outputs.backup-id || '' }}",
  );
});

test('the deploy runs after a real migration, and a failed deploy restores that backup', () => {
  const migrate = onMerge.jobs.migrate!;
  const order = steps(migrate).map((s) => s.id ?? s.name);
  expect(order.indexOf('migrate')).toBeLessThan(order.indexOf('deploy'));
  expect(order.indexOf('deploy')).toBeLessThan(order.indexOf('restore'));
  expect(step(migrate, 'deploy').if).toBe(
    "inputs.deploy-command != '' && steps.migrate.outputs.status == 'migrated'",
  );
  const restore = step(migrate, 'restore');
  expect(restore.if).toBe("failure() && steps.deploy.outcome == 'failure'");
  expect(restore.uses).toBe('$/actions/migrate-with-rollback');
  expect(restore.with).toMatchObject({
    mode: 'rollback',
    'backup-id': '${{ steps.migrate.outputs.backup-id }}',
  });
  // The restore reads the backup with the same credentials the migration wrote it with.
  expect(restore.env).toEqual(step(migrate, 'migrate').env);
  expect(migrate.outputs!.status).toBe(
    '${{ steps.restore.outputs.status || steps.migrate.outputs.status }}',
  );
});

test('production credentials are read only in the jobs that declare the environment', () => {
  for (const wf of [onMerge, rollback]) {
    for (const [key, job] of Object.entries(wf.jobs)) {
      const text = JSON.stringify(job);
      const reads =
        /secrets\.(DATABASE_URL|CLOUDFLARE_API_TOKEN|DEPLOY_HOOK_URL|PROMOTE_BACKUP_[A-Z_]+)/.test(
          text,
        );
      // The stage's environment, as the guard decided it (on-merge) or as dispatched (rollback).
      if (reads)
        expect([key, job.environment]).toEqual([
          key,
          expect.stringMatching(
            /\$\{\{ (inputs\.environment|needs\.guard\.outputs\.environment)\b/,
          ),
        ]);
    }
  }
  expect(Object.keys(onMerge.jobs).filter((k) => onMerge.jobs[k]!.environment)).toEqual([
    'migrate',
  ]);
  expect(Object.keys(rollback.jobs).filter((k) => rollback.jobs[k]!.environment)).toEqual([
    'rollback',
  ]);
  // Steps that install or run the project's code before the action get no secret.
  for (const s of steps(onMerge.jobs.migrate!).filter((x) => x.run?.includes('npm ci')))
    expect(s.env).toBeUndefined();
});

test('deploys and rollbacks of one environment wait in one queue', () => {
  // An app's rollback waits in the app's own line (promote-deploy-<env>-<app>, issue #20); without
  // an app the group is the environment's, named as before.
  const app = "${{ inputs.app && format('-{0}', inputs.app) || '' }}";
  const leg = "${{ matrix.app && format('-{0}', matrix.app) || '' }}";
  expect(String(rollback.jobs.rollback!.concurrency!.group)).toContain(app);
  expect(String(onMerge.jobs.migrate!.concurrency!.group)).toContain(leg);
  const group = (job: Job) =>
    String(job.concurrency!.group)
      .replace(/ \|\| 'production'/, '')
      .replace('needs.guard.outputs.environment', 'ENVIRONMENT')
      .replace('inputs.environment', 'ENVIRONMENT')
      .replace(app, 'APP')
      .replace(leg, 'APP');
  expect(group(onMerge.jobs.migrate!)).toBe(group(rollback.jobs.rollback!));
  for (const job of [onMerge.jobs.migrate!, rollback.jobs.rollback!])
    expect(job.concurrency).toMatchObject({ 'cancel-in-progress': false, queue: 'max' });
});

test("the rollback uses the production branch's config; every secret it reads can be an environment secret (letters, digits, _)", () => {
  const checkout = steps(rollback.jobs.rollback!).find((s) =>
    s.uses?.startsWith('actions/checkout@'),
  )!;
  expect(checkout.with!.ref).toBe("${{ inputs.production-branch || 'main' }}");
  const secrets = Object.keys(rollback.on.workflow_call.secrets);
  expect(secrets.every((s) => /^[A-Z0-9_]+$/.test(s))).toBe(true);
});
