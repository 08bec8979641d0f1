// Every job runs on a fresh runner: its own RUNNER_TEMP, GITHUB_WORKSPACE, HOME and tool cache
// in new temp folders, deleted when the job ends. Nothing crosses jobs but what GitHub keeps.
// https://docs.github.com/en/actions/concepts/runners/github-hosted-runners ("each job runs in a
// fresh instance of the runner image")
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunnerMachine {
  root: string;
  temp: string;
  workspace: string;
  home: string;
  toolCache: string;
  eventPath: string;
  dispose(): void;
}

export function newRunnerMachine(repo: string, payload: object): RunnerMachine {
  const root = mkdtempSync(join(tmpdir(), 'wr-runner-'));
  const temp = join(root, '_temp');
  const workspace = join(root, 'work', repo, repo);
  const home = join(root, 'home');
  const toolCache = join(root, 'hostedtoolcache');
  for (const d of [temp, workspace, home, toolCache, join(temp, '_github_workflow')]) {
    mkdirSync(d, { recursive: true });
  }
  const eventPath = join(temp, '_github_workflow', 'event.json');
  writeFileSync(eventPath, JSON.stringify(payload, null, 2));
  return {
    root,
    temp,
    workspace,
    home,
    toolCache,
    eventPath,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
