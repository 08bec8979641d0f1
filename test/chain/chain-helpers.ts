// Small helpers the example chain tests share: find a job of a run and explain a wrong
// conclusion with its annotations and step logs; call the emulator's REST API as a person.
import type { Emulator } from '../support/emulator/index.js';
import type { JobResult, RunResult } from '../support/workflow-runner/index.js';

export function jobOf(run: RunResult | undefined, id: string): JobResult {
  const j = run?.jobs.find((x) => x.id === id);
  if (!j)
    throw new Error(
      `no job ${id}; jobs: ${run?.jobs.map((x) => `${x.id}=${x.conclusion}`).join(', ')}; errors: ${run?.errors.join('; ')}`,
    );
  return j;
}

export function expectConclusion(j: JobResult, conclusion: string): void {
  if (j.conclusion !== conclusion) {
    const steps = j.steps.map(
      (s) => `--- ${s.name} (${s.conclusion})\n${s.log.split('\n').slice(-25).join('\n')}`,
    );
    throw new Error(
      `expected ${j.id} to end ${conclusion}, got ${j.conclusion}:\n${j.annotations.map((a) => `${a.level}: ${a.message}`).join('\n')}\n${steps.join('\n')}`,
    );
  }
}

/** A REST call with a person's token (a PAT minted by the emulator). */
export async function api(
  gh: Emulator,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      authorization: `token ${token}`,
      accept: 'application/vnd.github+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Runs of a workflow file (by path under .github/workflows) that started from an event name. */
export function runsOf(runs: RunResult[], file: string, event?: string): RunResult[] {
  return runs.filter(
    (r) => r.path.endsWith(`.github/workflows/${file}`) && (!event || r.event === event),
  );
}
