import type { CheckAnnotation } from '@promote/core/report';
import { createCommitStatus, createOrUpdateCheckRun } from '@promote/core/github/upsert';
import { startWorld, stopWorld, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(async () => stopWorld(w));

const annotations = (n: number): CheckAnnotation[] =>
  Array.from({ length: n }, (_, i) => ({
    path: 'src/a.ts',
    start_line: i + 1,
    end_line: i + 1,
    annotation_level: 'warning',
    message: `finding ${i}`,
  }));

const writesWithAnnotations = (w: World) =>
  w.emu
    .filterRequests({ writes: true })
    .filter((r) => /check-runs/.test(r.path))
    .filter((r) => ((r.body as any)?.output?.annotations?.length ?? 0) > 0).length;

describe('createOrUpdateCheckRun', () => {
  test('60 annotations land as 60, in two requests (GitHub takes 50 per request)', async () => {
    const result = await createOrUpdateCheckRun(
      w.gh,
      w.repo,
      {
        name: 'promote/preflight',
        headSha: w.mainSha,
        status: 'completed',
        conclusion: 'failure',
        output: { title: '2 gates failed', summary: 'table' },
        annotations: annotations(60),
      },
      w.logger,
    );
    expect(result).toMatchObject({
      operation: 'created',
      annotationsSent: 60,
      annotationRequests: 2,
    });
    const [run] = w.emu.state.checkRuns;
    expect(w.emu.state.checkRuns).toHaveLength(1);
    expect(run!.annotations).toHaveLength(60);
    expect(run!.annotations.map((a) => a.message)).toEqual(annotations(60).map((a) => a.message));
    expect(run).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
      external_id: 'promote:promote/preflight',
    });
    expect(writesWithAnnotations(w)).toBe(2);
  });

  test('a summary over 65,535 characters is cut within the limit with a note', async () => {
    await createOrUpdateCheckRun(w.gh, w.repo, {
      name: 'big',
      headSha: w.mainSha,
      status: 'completed',
      conclusion: 'success',
      output: {
        title: 't',
        summary: `${'| row | ok |\n'.repeat(6_000)}`,
        text: 'y'.repeat(80_000),
      },
    });
    const { output } = w.emu.state.checkRuns[0]!;
    expect(output.summary!.length).toBeLessThanOrEqual(65_535);
    expect(output.summary).toMatch(
      /summary truncated: \d+ more characters did not fit GitHub's limit of 65535/,
    );
    expect(output.text!.length).toBeLessThanOrEqual(65_535);
    expect(output.text).toMatch(/details truncated/);
  });

  test('the second run on the same SHA updates the same check run', async () => {
    const base = {
      name: 'promote/preflight',
      headSha: w.mainSha,
      output: { title: 't', summary: 's' },
    };
    const a = await createOrUpdateCheckRun(w.gh, w.repo, { ...base, status: 'in_progress' });
    const b = await createOrUpdateCheckRun(w.gh, w.repo, {
      ...base,
      status: 'completed',
      conclusion: 'success',
    });
    expect(b.operation).toBe('updated');
    expect(b.checkRun.id).toBe(a.checkRun.id);
    expect(w.emu.state.checkRuns).toHaveLength(1);
    expect(w.emu.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  test("a workflow job's own check run with the same name is not taken over", async () => {
    const { data: job } = await w.gh.rest.checks.create({
      ...w.repo,
      name: 'preflight',
      head_sha: w.mainSha,
      status: 'in_progress',
    });
    const ours = await createOrUpdateCheckRun(w.gh, w.repo, {
      name: 'preflight',
      headSha: w.mainSha,
      status: 'completed',
      conclusion: 'failure',
      output: { title: 't', summary: 's' },
    });
    expect(ours.checkRun.id).not.toBe(job.id);
    expect(w.emu.state.checkRuns.find((r) => r.id === job.id)).toMatchObject({
      status: 'in_progress',
      conclusion: null,
    });
  });

  test('a create whose answer was lost is found, not sent again: one check run carries the report', async () => {
    w.emu.faults.inject({ operationId: 'checks/create', kind: 'lost-response' });
    const result = await createOrUpdateCheckRun(
      w.gh,
      w.repo,
      {
        name: 'promote/preflight',
        headSha: w.mainSha,
        status: 'completed',
        conclusion: 'failure',
        output: { title: 'gate failed', summary: 'table' },
        annotations: annotations(3),
      },
      w.logger,
    );
    // Check runs cannot be deleted, so a blind retry would leave two for ever.
    const runs = w.emu.state.checkRuns.filter((r) => r.name === 'promote/preflight');
    expect(runs).toHaveLength(1);
    expect(result.checkRun.id).toBe(runs[0]!.id);
    expect(runs[0]).toMatchObject({ conclusion: 'failure', output: { title: 'gate failed' } });
    expect(runs[0]!.annotations).toHaveLength(3);
    expect(w.emu.countRequests({ operationId: 'checks/create' })).toBe(1);
  });

  test('completed without a conclusion is refused before any request', async () => {
    const before = w.emu.requests.length;
    await expect(
      createOrUpdateCheckRun(w.gh, w.repo, {
        name: 'x',
        headSha: w.mainSha,
        status: 'completed',
        output: { title: 't', summary: 's' },
      }),
    ).rejects.toThrow('check run "x": a completed check run needs a conclusion.');
    expect(w.emu.requests.length).toBe(before);
  });
});

describe('createCommitStatus', () => {
  test('the same state twice is posted once (1,000 statuses per SHA and context is the cap)', async () => {
    const spec = {
      context: 'promote/seal',
      state: 'success' as const,
      description: 'sealed',
      targetUrl: 'https://example.com/run/1',
    };
    const a = await createCommitStatus(w.gh, w.repo, w.mainSha, spec, w.logger);
    const b = await createCommitStatus(w.gh, w.repo, w.mainSha, spec, w.logger);
    const c = await createCommitStatus(w.gh, w.repo, w.mainSha, {
      ...spec,
      state: 'failure',
      description: 'red',
    });
    expect([a.operation, b.operation, c.operation]).toEqual(['created', 'unchanged', 'created']);
    expect(w.emu.state.statuses.map((s) => s.state)).toEqual(['success', 'failure']);
  });

  test('a description over 140 characters is cut to fit', async () => {
    await createCommitStatus(w.gh, w.repo, w.mainSha, {
      context: 'c',
      state: 'pending',
      description: 'word '.repeat(60),
    });
    const [status] = w.emu.state.statuses;
    expect(status!.description!.length).toBe(140);
    expect(status!.description!.endsWith('…')).toBe(true);
  });
});
