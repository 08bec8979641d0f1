// Shared set-up for the workflow runner tests: an emulator whose repository holds fixture
// workflows (test/fixtures/workflow-runner) as .github/workflows/*, and a runner on it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import {
  WorkflowRunner,
  type RunResult,
  type JobResult,
  type WorkflowRunnerOptions,
} from '../support/workflow-runner/index.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'workflow-runner');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export interface World {
  gh: Emulator;
  runner: WorkflowRunner;
  /** SHA of main after the fixtures were committed */
  sha: string;
  scratch: string;
  close(): Promise<void>;
}

/** Emulator + runner; `files` are committed to main (fixture names become .github/workflows/<name>). */
export async function world(
  workflows: string[],
  options:
    | Omit<WorkflowRunnerOptions, 'emulator'>
    | ((scratch: string) => Omit<WorkflowRunnerOptions, 'emulator'>) = {},
  extraFiles: Record<string, string> = {},
): Promise<World> {
  const gh = await startEmulator({ owner: 'acme', repo: 'shop' });
  const files: Record<string, string> = { ...extraFiles };
  for (const w of workflows) files[`.github/workflows/${w}`] = fixture(w);
  const sha = await gh.git.commit({ branch: 'main', files, message: 'ci: workflows' });
  const scratch = mkdtempSync(join(tmpdir(), 'wr-test-'));
  const runner = new WorkflowRunner({
    emulator: gh,
    ...(typeof options === 'function' ? options(scratch) : options),
  });
  const w: World = {
    gh,
    runner,
    sha,
    scratch,
    async close() {
      this.runner.cancelAll();
      await this.runner.idle();
      this.runner.close();
      await gh.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
  return w;
}

export function job(run: RunResult | undefined, id: string): JobResult {
  const found = run?.jobs.find((j) => j.id === id);
  if (!found) {
    throw new Error(
      `no job ${id} in run ${run?.id} (jobs: ${run?.jobs.map((j) => j.id).join(', ')})`,
    );
  }
  return found;
}

/** Every step's log of a job, for failure messages. */
export function logs(j: JobResult): string {
  return j.steps.map((s) => `--- ${s.name} (${s.conclusion})\n${s.log}`).join('\n');
}
