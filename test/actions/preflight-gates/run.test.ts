// preflight-gates' run() in-process, wired through its Deps (src/deps.ts) to the GitHub emulator
// (real git underneath): the same PR judged at two times by the fixed clock it is handed, and a
// production branch with no config. What a reviewer sees is asserted: the outputs, the one check
// run and the step's failure message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@promote/core/clock';
import { createExec } from '@promote/core/exec';
import { createGitHubClient } from '@promote/core/github/client';
import { emulatorGitHub } from '../../support/emulator-client.js';
import { memoryIO } from '@promote/core/io';
import { memoryLogger } from '@promote/core/logger';
import { createProgress } from '@promote/core/progress';
import { run } from '../../../actions/preflight-gates/src/main.js';
import { startEmulator, type Emulator } from '../../support/emulator/index.js';
import { adaptPayload, examplePayload } from '../../support/payloads.js';

// Friday 27 November 2026, 14:30 in Berlin (UTC+1), and the Wednesday before.
const FRIDAY_1430_BERLIN = '2026-11-27T13:30:00Z';
const WEDNESDAY_1430_BERLIN = '2026-11-25T13:30:00Z';
const CONFIG = `preflight:
  timezone: Europe/Berlin
  freeze: [{ days: [fri], from: '14:00', reason: no Friday afternoon deploys }]
`;

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  // Production is protected and requires the check (branch-protection runs by default).
  emu.state.protection.main = {
    required_status_checks: { strict: false, contexts: ['promote/preflight'] },
  } as (typeof emu.state.protection)[string];
});
afterEach(async () => {
  const problems = [...emu.contractViolations, ...emu.unimplemented, ...emu.errors];
  await emu.close();
  expect(problems).toEqual([]);
});

/** A promotion PR into main; its event where GITHUB_EVENT_PATH points. */
async function openPromotion(): Promise<{ headSha: string; env: Record<string, string> }> {
  const baseSha = (await emu.git.revParse('refs/heads/main'))!;
  await emu.git.branch('promote/sprint-15', baseSha);
  await emu.git.commit({
    branch: 'promote/sprint-15',
    files: { 'src/web/app.ts': 'export const label = "Save";\n' },
    message: 'fix(web): button label',
  });
  const gh = createGitHubClient({ token: 'test', logger: memoryLogger(), baseUrl: emu.url });
  const { data: pr } = await gh.rest.pulls.create({
    owner: emu.owner,
    repo: emu.repo,
    head: 'promote/sprint-15',
    base: 'main',
    title: 'Promote sprint 15',
  });
  const workspace = mkdtempSync(join(tmpdir(), 'preflight-run-'));
  const eventPath = join(workspace, 'event.json');
  const payload = adaptPayload(examplePayload('pull_request', 'opened'), {
    owner: emu.owner,
    repo: emu.repo,
    number: pr.number,
    headSha: pr.head.sha,
    headRef: 'promote/sprint-15',
    baseRef: 'main',
    baseSha,
  });
  writeFileSync(eventPath, JSON.stringify(payload));
  return {
    headSha: pr.head.sha,
    env: {
      GITHUB_REPOSITORY: `${emu.owner}/${emu.repo}`,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_WORKSPACE: workspace,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
    },
  };
}

async function preflightAt(now: string, env: Record<string, string>) {
  const io = memoryIO({ token: 'ghs_jobtoken1234567890' });
  const logger = memoryLogger();
  await run({
    io,
    logger,
    env,
    clock: fixedClock(now),
    github: emulatorGitHub(emu.url, logger),
    exec: createExec({ logger }),
    progress: createProgress(),
  });
  return { outputs: io.outputs, failed: io.failed, log: logger.lines.join('\n') };
}

const checkRuns = (sha: string) =>
  emu.state.checkRuns.filter((c) => c.head_sha === sha && c.name === 'promote/preflight');

test('the freeze gate judges the time the clock says: Friday afternoon fails, Wednesday passes the same check run', async () => {
  await emu.git.commit({
    branch: 'main',
    files: { '.github/promotion.yml': CONFIG },
    message: 'chore: promotion config',
  });
  const { headSha, env } = await openPromotion();

  const friday = await preflightAt(FRIDAY_1430_BERLIN, env);
  expect(friday.outputs).toMatchObject({ result: 'fail', 'failed-gates': '["freeze"]' });
  expect(friday.failed).toMatch(/^preflight-gates: .*freeze/);
  expect(friday.log).toContain(
    'Friday 14:30 Europe/Berlin: inside freeze fri from 14:00 Europe/Berlin (no Friday afternoon deploys)',
  );
  expect(checkRuns(headSha)).toEqual([expect.objectContaining({ conclusion: 'failure' })]);

  const wednesday = await preflightAt(WEDNESDAY_1430_BERLIN, env);
  expect(wednesday.failed).toBeUndefined();
  expect(wednesday.outputs).toMatchObject({ result: 'pass', 'failed-gates': '[]' });
  expect(wednesday.log).toContain('Wednesday 14:30 Europe/Berlin, no freeze window');
  const [check, ...more] = checkRuns(headSha);
  expect(more).toEqual([]);
  expect(check).toMatchObject({ conclusion: 'success' });
  expect(String(check!.id)).toBe(wednesday.outputs['check-run-id']);
});

test('production without a config fails the required check and says how to set it up', async () => {
  const { headSha, env } = await openPromotion();
  const r = await preflightAt(WEDNESDAY_1430_BERLIN, env);
  expect(r.outputs).toMatchObject({ result: 'fail', 'failed-gates': '["config"]' });
  expect(r.failed).toMatch(/^preflight-gates: /);
  const [check, ...more] = checkRuns(headSha);
  expect(more).toEqual([]);
  expect(check).toMatchObject({ conclusion: 'failure' });
  expect(check!.output.summary).toContain('.github/promotion.yml');
});
