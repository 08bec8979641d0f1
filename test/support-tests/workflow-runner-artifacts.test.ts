// Artifacts through the runner: upload-artifact and download-artifact stand-ins keep files per
// workflow run, across jobs on fresh runners (the producing job's directories are gone).
import { dispatchEvent } from '../support/workflow-runner/index.js';
import { job, world, type World } from './workflow-runner-helpers.js';

let w: World;
afterEach(async () => {
  await w.close();
});

test('upload keeps the paths under their common root; download by name or all; no files warns, ignores or fails as asked', async () => {
  w = await world(['artifacts.yml']);
  const [run] = await w.runner.trigger(
    dispatchEvent(w.gh, { workflow: 'artifacts.yml', sha: w.sha }),
  );
  const producer = job(run, 'reports');
  expect(producer.steps.map((s) => [s.name, s.conclusion])).toEqual([
    [expect.stringContaining('Run mkdir'), 'success'],
    [expect.stringContaining('actions/upload-artifact'), 'success'],
    [expect.stringContaining('actions/upload-artifact'), 'success'],
    [expect.stringContaining('actions/upload-artifact'), 'success'],
    ['nothing (warn)', 'success'],
    ['nothing (ignore)', 'success'],
    ['same name again', 'success'],
    ['nothing (error)', 'failure'],
  ]);
  const message =
    'No files were found with the provided path: missing/*.xml. No artifacts will be uploaded.';
  expect(producer.steps[4]!.annotations).toEqual([{ level: 'warning', message }]);
  expect(producer.steps[5]!.annotations).toEqual([]);
  expect(producer.steps[5]!.log).toContain(message);
  expect(producer.steps[6]!.outcome).toBe('failure');
  expect(producer.steps[6]!.log).toContain(
    '(409) Conflict: an artifact with this name already exists on the workflow run',
  );
  expect(producer.steps[7]!.log).toContain(message);
  expect(producer.conclusion).toBe('failure');
  expect(producer.steps[1]!.outputs['artifact-id']).toBe('1');

  // Two paths: the root is their common ancestor (the workspace), so the prefixes stay; one
  // literal file: its own directory; a glob with an exclusion: hidden files and coverage/ left out.
  expect(run!.artifacts).toEqual([
    {
      id: 1,
      name: 'reports',
      files: ['coverage/cobertura.xml', 'reports/junit.xml'],
      job: 'reports',
    },
    { id: 2, name: 'one-file', files: ['junit.xml'], job: 'reports' },
    { id: 3, name: 'dir-glob', files: ['reports/junit.xml'], job: 'reports' },
  ]);

  const consumer = job(run, 'consumer');
  expect(consumer.outputs.found!.trim().split(' ')).toEqual([
    './all/dir-glob/reports/junit.xml',
    './all/one-file/junit.xml',
    './all/reports/coverage/cobertura.xml',
    './all/reports/reports/junit.xml',
    './coverage/cobertura.xml',
    './reports/junit.xml',
  ]);
  // A fresh runner: the producing job's workspace was deleted when it ended.
  expect(consumer.outputs.gone).toBe('yes');
  expect(consumer.runner!.root).not.toBe(producer.runner!.root);
  expect(consumer.outputs.missing).toBe('failure');
  expect(consumer.steps.at(-1)!.log).toContain(
    'Unable to download artifact(s): Artifact not found for name: promote-reports',
  );
});

test('artifacts belong to their run: another run of the same workflow does not see them', async () => {
  w = await world(['artifacts.yml']);
  const [first] = await w.runner.trigger(
    dispatchEvent(w.gh, { workflow: 'artifacts.yml', sha: w.sha }),
  );
  const [second] = await w.runner.trigger(
    dispatchEvent(w.gh, { workflow: 'artifacts.yml', sha: w.sha }),
  );
  // The same names upload again without a conflict: a new run, a new store.
  expect(job(second, 'reports').steps[1]!.conclusion).toBe('success');
  expect(second!.artifacts.map((a) => a.name)).toEqual(first!.artifacts.map((a) => a.name));
});
