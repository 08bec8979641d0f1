// Which workflows an event starts: `on:` of the real example callers, through GitHub's parser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dispatchEvent,
  mergeGroupEvent,
  pullRequestEvent,
  pushEvent,
  workflowMatches,
  matchesFilter,
  WorkflowRunner,
  type RepoEvent,
  type RunnerEmulator,
} from '../support/workflow-runner/index.js';
import { parseWorkflowFile } from '../support/workflow-runner/workflow-file.js';
import { world, type World } from './workflow-runner-helpers.js';

const EXAMPLE = join(
  import.meta.dirname,
  '..',
  '..',
  'examples',
  'postgres-app',
  '.github',
  'workflows',
);
const emu: RunnerEmulator = {
  url: 'http://127.0.0.1:1',
  owner: 'acme',
  repo: 'shop',
  git: { dir: '/nonexistent' },
};
const pr = (base: string) => ({
  number: 7,
  head: { ref: 'promote/x', sha: 'a'.repeat(40) },
  base: { ref: base },
});

async function starts(file: string, event: RepoEvent): Promise<boolean> {
  const parsed = await parseWorkflowFile(
    `.github/workflows/${file}`,
    readFileSync(join(EXAMPLE, file), 'utf8'),
  );
  expect(parsed.errors).toEqual([]);
  return workflowMatches(parsed.template.events, `.github/workflows/${file}`, event);
}

test('GitHub filter patterns: * stops at /, ** does not, later negations win', () => {
  expect(matchesFilter('release/1.0', ['release/*'])).toBe(true);
  expect(matchesFilter('release/1.0/hotfix', ['release/*'])).toBe(false);
  expect(matchesFilter('release/1.0/hotfix', ['release/**'])).toBe(true);
  expect(matchesFilter('release/beta', ['release/**', '!release/beta'])).toBe(false);
});

test('the example callers start on the events their comments promise, and only those', async () => {
  expect(await starts('promote-preflight.yml', pullRequestEvent(emu, 'opened', pr('main')))).toBe(
    true,
  );
  expect(
    await starts('promote-preflight.yml', pullRequestEvent(emu, 'synchronize', pr('main'))),
  ).toBe(true);
  expect(await starts('promote-preflight.yml', pullRequestEvent(emu, 'closed', pr('main')))).toBe(
    false,
  );
  expect(
    await starts('promote-preflight.yml', pullRequestEvent(emu, 'opened', pr('staging'))),
  ).toBe(false);
  expect(
    await starts(
      'promote-preflight.yml',
      mergeGroupEvent(emu, {
        baseRef: 'main',
        headSha: 'b'.repeat(40),
        baseSha: 'c'.repeat(40),
        number: 7,
      }),
    ),
  ).toBe(true);
  expect(
    await starts(
      'promote-on-merge.yml',
      pullRequestEvent(emu, 'closed', { ...pr('main'), merged: true }),
    ),
  ).toBe(true);
  expect(await starts('promote-on-merge.yml', pullRequestEvent(emu, 'opened', pr('main')))).toBe(
    false,
  );
  expect(
    await starts(
      'promote.yml',
      dispatchEvent(emu, { workflow: 'promote.yml', sha: 'a'.repeat(40) }),
    ),
  ).toBe(true);
  expect(
    await starts(
      'promote.yml',
      dispatchEvent(emu, { workflow: 'promote-rollback.yml', sha: 'a'.repeat(40) }),
    ),
  ).toBe(false);
  expect(
    await starts(
      'promote.yml',
      pushEvent(emu, { ref: 'refs/heads/main', before: 'a'.repeat(40), after: 'b'.repeat(40) }),
    ),
  ).toBe(false);
});

describe('attach', () => {
  let w: World;
  afterEach(async () => {
    await w.close();
  });

  test('events from the emulator start runs, except those caused with a GITHUB_TOKEN', async () => {
    w = await world(['fresh-runner.yml']);
    const listeners: ((e: RepoEvent) => void)[] = [];
    const emulator: RunnerEmulator = {
      url: w.gh.url,
      owner: w.gh.owner,
      repo: w.gh.repo,
      git: w.gh.git,
      onEvent: (l) => {
        listeners.push(l);
        return () => listeners.splice(listeners.indexOf(l), 1);
      },
    };
    const runner = new WorkflowRunner({ emulator });
    try {
      const detach = runner.attach();
      const event = dispatchEvent(w.gh, { workflow: 'fresh-runner.yml', sha: w.sha });
      for (const l of listeners)
        l({
          ...event,
          actor: {
            login: 'github-actions[bot]',
            tokenKind: 'github-token',
            startsWorkflows: false,
          },
        });
      await runner.idle();
      expect(runner.runs).toEqual([]);
      for (const l of listeners) l(event);
      await runner.idle();
      expect(runner.runs.map((r) => [r.workflow, r.conclusion])).toEqual([
        ['Fresh runner', 'success'],
      ]);
      detach();
      expect(listeners).toEqual([]);
    } finally {
      runner.close();
    }
  });
});
