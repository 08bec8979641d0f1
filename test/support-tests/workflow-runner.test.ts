// The workflow runner runs real workflow files as GitHub does: jobs, needs, if, outputs, status
// functions, env layers, fresh runners, masking, timeouts, concurrency.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { dispatchEvent, pushEvent } from '../support/workflow-runner/index.js';
import { job, world, type World } from './workflow-runner-helpers.js';

let w: World;
afterEach(async () => {
  await w.close();
});

describe('jobs', () => {
  test('needs pass outputs downstream; an if that is false skips the job; env layers; summaries and annotations', async () => {
    w = await world(['jobs.yml']);
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'jobs.yml', sha: w.sha, inputs: { greeting: 'hi' } }),
    );
    expect(run!.conclusion).toBe('success');
    const produce = job(run, 'produce');
    expect(produce.conclusion).toBe('success');
    expect(produce.outputs).toEqual({ word: 'hi-world', level: 'job' });
    expect(produce.runsOn).toEqual(['ubuntu-latest']);
    expect(produce.summary).toContain('## produced hi');
    expect(produce.steps[0]!.annotations).toEqual([
      { level: 'notice', title: 'Produced', message: 'made hi' },
    ]);
    expect(job(run, 'consume').outputs).toEqual({ seen: 'hi-world' });
    expect(job(run, 'never').conclusion).toBe('skipped');
    expect(job(run, 'cleanup').steps[0]!.log).toContain('consume was success');
    expect(job(run, 'on-failure').conclusion).toBe('skipped');
  });

  test('a failed job skips its dependents; always() and failure() jobs still run', async () => {
    w = await world(['jobs.yml']);
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'jobs.yml', sha: w.sha, inputs: { fail: 'true' } }),
    );
    expect(run!.conclusion).toBe('failure');
    const failed = job(run, 'maybe-fail');
    expect(failed.conclusion).toBe('failure');
    expect(failed.steps[0]!.log).toContain('##[error]Process completed with exit code 3.');
    expect(failed.steps[0]!.annotations).toContainEqual({
      level: 'error',
      message: 'asked to fail',
    });
    expect(job(run, 'consume').conclusion).toBe('skipped');
    expect(job(run, 'consume').steps).toEqual([]);
    expect(job(run, 'cleanup').conclusion).toBe('success');
    expect(job(run, 'cleanup').steps[0]!.log).toContain('consume was skipped');
    expect(job(run, 'on-failure').conclusion).toBe('success');
  });

  test('a dispatch with an undeclared input starts nothing and says why', async () => {
    w = await world(['jobs.yml']);
    await expect(
      w.runner.trigger(
        dispatchEvent(w.gh, { workflow: 'jobs.yml', sha: w.sha, inputs: { nope: 'x' } }),
      ),
    ).rejects.toThrow('Unexpected inputs provided: ["nope"]');
    expect(w.runner.runs).toEqual([]);
  });
});

describe('expressions', () => {
  test("GitHub's functions (hashFiles, fromJSON, toJSON, contains, startsWith, format) and defaults.run", async () => {
    w = await world(['expressions.yml']);
    const [run] = await w.runner.trigger(
      pushEvent(w.gh, { ref: 'refs/heads/main', before: '0'.repeat(40), after: w.sha }),
    );
    const e = job(run, 'eval');
    expect(e.conclusion).toBe('success');
    const sha = (s: string) => createHash('sha256').update(s).digest();
    const expected = createHash('sha256').update(sha('a\n')).update(sha('b\n')).digest('hex');
    expect(e.steps[1]!.outputs).toEqual({
      hash: expected,
      none: '[]',
      json: '[1,2]',
      contains: 'true',
      formatted: 'push-main',
      cwd: 'sub',
      shell: 'sh',
    });
    const [other] = await w.runner.trigger(
      pushEvent(w.gh, { ref: 'refs/heads/feature/x', before: '0'.repeat(40), after: w.sha }),
    );
    expect(other).toBeUndefined();
  });
});

describe('runners', () => {
  test('every job runs on a fresh runner: files and GITHUB_ENV of job a are absent in job b, and its folders are deleted', async () => {
    w = await world(['fresh-runner.yml']);
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'fresh-runner.yml', sha: w.sha }),
    );
    const a = job(run, 'a');
    const b = job(run, 'b');
    expect(a.conclusion).toBe('success');
    expect(b.outputs.found).toBe('none');
    const dirsA = a.outputs.dirs!.split('|');
    const dirsB = b.outputs.dirs!.split('|');
    for (let i = 0; i < 3; i++) expect(dirsA[i]).not.toBe(dirsB[i]);
    for (const d of [...dirsA, ...dirsB]) expect(existsSync(d)).toBe(false);
  });

  test('timeout-minutes kills the job: the step is cancelled, always() steps still run, the job fails', async () => {
    // A "minute" long enough for the step to start and print on a loaded machine.
    w = await world(['timeout.yml'], { minuteMs: 5_000 });
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'timeout.yml', sha: w.sha }),
    );
    const slow = job(run, 'slow');
    expect(slow.conclusion).toBe('failure');
    expect(slow.annotations[0]!.message).toMatch(
      /^The job running on runner GitHub Actions \d+ has exceeded the maximum execution time of 1 minutes\.$/,
    );
    expect(slow.steps[0]!.log).toContain('started');
    expect(slow.steps[0]!.conclusion).toBe('failure');
    expect(slow.steps[1]!.log).toContain('after the timeout');
  });
});

describe('secrets', () => {
  test('a secret is masked in the log; an output containing one is dropped with the runner warning', async () => {
    w = await world(['secrets-mask.yml'], { settings: { secrets: { API_KEY: 's3cr3t-value' } } });
    const [run] = await w.runner.trigger(
      dispatchEvent(w.gh, { workflow: 'secrets-mask.yml', sha: w.sha }),
    );
    const leak = job(run, 'leak');
    expect(leak.conclusion).toBe('success');
    expect(leak.log).toContain('the key is ***');
    expect(leak.log).not.toContain('s3cr3t-value');
    expect(leak.log).toContain('printing ***');
    expect(leak.outputs).toEqual({ plain: 'public' });
    expect(leak.annotations).toContainEqual({
      level: 'warning',
      message: "Skip output 'token' since it may contain secret.",
    });
  });
});

describe('concurrency', () => {
  function gate(dir: string, run: number) {
    writeFileSync(join(dir, String(run)), '');
  }

  test('one running, one pending: a third run cancels the pending second; the first and third finish', async () => {
    w = await world(['concurrency.yml'], (scratch) => ({
      env: { GATE_DIR: join(scratch, 'gates'), ORDER_FILE: join(scratch, 'order') },
    }));
    const gates = join(w.scratch, 'gates');
    mkdirSync(gates);
    const order = join(w.scratch, 'order');
    writeFileSync(order, '');
    const event = () => dispatchEvent(w.gh, { workflow: 'concurrency.yml', sha: w.sha });
    const first = w.runner.trigger(event());
    await w.runner.waitFor(() => readFileSync(order, 'utf8').includes('start 1'), 'run 1 started');
    const second = w.runner.trigger(event());
    await w.runner.waitFor(() => w.runner.runs[1]?.jobs[0]?.status === 'pending', 'run 2 pending');
    const third = w.runner.trigger(event());
    await w.runner.waitFor(
      () => w.runner.runs[1]?.jobs[0]?.status === 'completed',
      'run 2 cancelled',
    );
    expect(w.runner.runs[1]!.jobs[0]!.conclusion).toBe('cancelled');
    expect(w.runner.runs[1]!.jobs[0]!.annotations[0]!.message).toBe(
      "Canceling since a higher priority waiting request for 'deploy-refs/heads/main' exists",
    );
    expect(w.runner.runs[2]!.jobs[0]!.status).toBe('pending');
    gate(gates, 1);
    gate(gates, 3);
    const results = [...(await first), ...(await second), ...(await third)];
    expect(results.map((r) => r.conclusion)).toEqual(['success', 'cancelled', 'success']);
    expect(readFileSync(order, 'utf8')).toBe('start 1\nend 1\nstart 3\nend 3\n');
  });

  test('cancel-in-progress: a new run cancels the one in progress (its cancelled() step still runs), then runs', async () => {
    w = await world(['concurrency-cancel.yml'], (scratch) => ({
      env: { GATE_DIR: join(scratch, 'gates'), ORDER_FILE: join(scratch, 'order') },
    }));
    const gates = join(w.scratch, 'gates');
    mkdirSync(gates);
    const order = join(w.scratch, 'order');
    writeFileSync(order, '');
    const event = () => dispatchEvent(w.gh, { workflow: 'concurrency-cancel.yml', sha: w.sha });
    const first = w.runner.trigger(event());
    await w.runner.waitFor(() => readFileSync(order, 'utf8').includes('start 1'), 'run 1 started');
    const second = w.runner.trigger(event());
    const [one] = await first;
    const deploy = one!.jobs[0]!;
    expect(deploy.conclusion).toBe('cancelled');
    expect(deploy.steps.map((st) => st.conclusion)).toEqual(['cancelled', 'success']);
    expect(deploy.steps[1]!.log).toContain('cleaning up after the cancellation');
    gate(gates, 2);
    const [two] = await second;
    expect(two!.conclusion).toBe('success');
    expect(readFileSync(order, 'utf8')).toBe('start 1\nstart 2\nend 2\n');
  });

  test('queue: max keeps every pending run and runs them first in, first out', async () => {
    w = await world(['concurrency-queue.yml'], (scratch) => ({
      env: { GATE_DIR: join(scratch, 'gates'), ORDER_FILE: join(scratch, 'order') },
    }));
    const gates = join(w.scratch, 'gates');
    mkdirSync(gates);
    const order = join(w.scratch, 'order');
    writeFileSync(order, '');
    const event = () => dispatchEvent(w.gh, { workflow: 'concurrency-queue.yml', sha: w.sha });
    const runs = [w.runner.trigger(event())];
    await w.runner.waitFor(() => readFileSync(order, 'utf8').includes('start 1'), 'run 1 started');
    runs.push(w.runner.trigger(event()), w.runner.trigger(event()));
    await w.runner.waitFor(
      () => w.runner.runs.slice(1).every((r) => r.jobs[0]?.status === 'pending'),
      'runs 2 and 3 pending',
    );
    for (const n of [1, 2, 3]) gate(gates, n);
    const results = (await Promise.all(runs)).flat();
    expect(results.map((r) => r.conclusion)).toEqual(['success', 'success', 'success']);
    expect(readFileSync(order, 'utf8')).toBe('start 1\nend 1\nstart 2\nend 2\nstart 3\nend 3\n');
  });
});
