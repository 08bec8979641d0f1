// The pure plans behind stages, apps and release trains (issue #20): which commit is ready to
// leave its stage, which tree entries carry one app, and what a run does outside allow windows.
import { parseConfig } from '@promote/core/config/parse';
import { resolveConfig, stageNamed } from '@promote/core/config/resolve';
import { promoteSection } from '@promote/core/config/sections/promote';
import type { SoakVerdict } from '@promote/core/stage-record';
import {
  appSnapshotEntries,
  readSnapshotMarker,
  snapshotMessage,
  type TreeEntry,
} from '../../../actions/open-promote-pr/src/app-snapshot.js';
import { sanitizePromotionName } from '../../../actions/open-promote-pr/src/name.js';
import { planPromotion, type PromotionFacts } from '../../../actions/open-promote-pr/src/plan.js';
import {
  chooseReadyCommit,
  orderCandidates,
} from '../../../actions/open-promote-pr/src/ready-commit.js';
import {
  promotionScope,
  scopeTitleSuffix,
  scopedName,
} from '../../../actions/open-promote-pr/src/scope.js';
import { decideWindow, nextAllowOpening } from '../../../actions/open-promote-pr/src/train.js';

const CHAIN = `
stages:
  - { name: dev, branch: dev }
  - { name: staging, branch: staging, soak: 1h }
  - name: production
    branch: main
    timezone: Europe/Berlin
    allow:
      - { days: [tue, wed, thu], from: '09:00', to: '15:00' }
apps:
  api:
    paths: [apps/api/**]
    promote:
      reviewers: { users: [ana] }
  worker:
    paths: [apps/worker/**]
`;
const chain = parseConfig(CHAIN);
const sha = (c: string) => c.repeat(40);

describe('where a promotion goes', () => {
  test('into staging: from dev, named after the stage, the title says dev -> staging', () => {
    const scope = promotionScope(chain, resolveConfig(chain, { stage: 'staging' }));
    expect([scope.source.name, scope.target.name, scope.declared]).toEqual([
      'dev',
      'staging',
      true,
    ]);
    expect(scopedName(sanitizePromotionName('release'), scope).slug).toBe('staging-release');
    expect(scopeTitleSuffix(scope)).toBe(' (dev -> staging)');
  });

  test('one app with its own reviewers: its own branches and its own rotation', () => {
    const scope = promotionScope(chain, resolveConfig(chain, { app: 'api' }));
    expect(scope.target.name).toBe('production');
    expect(scope.appRotation).toBe(true);
    expect(scopedName(sanitizePromotionName('release'), scope).slug).toBe('production-api-release');
    expect(scopeTitleSuffix(scope)).toBe(' (app api, staging -> production)');
    const worker = promotionScope(chain, resolveConfig(chain, { app: 'worker' }));
    expect(worker.appRotation).toBe(false);
  });

  test('without stages: the name and title stay what they were', () => {
    const classic = parseConfig('promote: { name: release }\n');
    const scope = promotionScope(classic, resolveConfig(classic));
    expect(scopedName(sanitizePromotionName('release'), scope)).toEqual({
      given: 'release',
      slug: 'release',
    });
    expect(scopeTitleSuffix(scope)).toBe('');
  });

  test('promoting into the first stage is refused: nothing comes before it', () => {
    expect(() => promotionScope(chain, resolveConfig(chain, { stage: 'dev' }))).toThrow(
      /stage "dev" is the first stage of the chain \(dev -> staging -> production\).*set `stage` to a later stage/,
    );
  });
});

describe('which commit is ready to leave its stage', () => {
  const ahead = [sha('1'), sha('2'), sha('3'), sha('4')];
  const verdict = (ready: boolean, remainingMs = 0, text = 'x'): SoakVerdict => ({
    ready,
    remainingMs,
    text,
  });

  test('candidates: deployed commits ahead of the target, newest in history first, of this app only', () => {
    const deployments = [
      { id: 16, sha: sha('2'), payload: {} },
      { id: 15, sha: sha('4'), payload: { app: 'api' } },
      { id: 14, sha: sha('3'), payload: '{"app":"api"}' },
      { id: 13, sha: sha('9'), payload: { app: 'api' } }, // already in the target
      { id: 12, sha: sha('1'), payload: { app: 'api' } },
      { id: 11, sha: sha('4'), payload: { app: 'api' } },
    ];
    expect(orderCandidates(ahead, deployments, 'api')).toEqual([sha('4'), sha('3'), sha('1')]);
    expect(orderCandidates(ahead, deployments, undefined)).toEqual([sha('2')]);
    expect(orderCandidates(ahead, deployments, 'api', 2)).toEqual([sha('4'), sha('3')]);
  });

  test('the newest ready one wins; none ready says what each waits for and the shortest wait', () => {
    const dev = stageNamed(chain, 'staging');
    expect(
      chooseReadyCommit(
        [
          { sha: sha('4'), verdict: verdict(false, 0, 'red') },
          { sha: sha('3'), verdict: verdict(true, 0, 'green 2h ago') },
        ],
        { source: dev, aheadBy: 4 },
      ),
    ).toEqual({ ready: true, sha: sha('3'), verdict: verdict(true, 0, 'green 2h ago') });
    expect(
      chooseReadyCommit(
        [
          { sha: sha('4'), verdict: verdict(false, 3_000_000, '4 soaking: 50m left') },
          { sha: sha('3'), verdict: verdict(false, 0, '3 sealed red') },
        ],
        { source: dev, aheadBy: 4 },
      ),
    ).toEqual({
      ready: false,
      lines: ['4 soaking: 50m left', '3 sealed red'],
      remainingMs: 3_000_000,
    });
  });

  test('nothing deployed: says so, naming the stage, its environment and the app', () => {
    const choice = chooseReadyCommit([], {
      source: stageNamed(chain, 'staging'),
      aheadBy: 2,
      app: 'api',
    });
    expect(choice).toEqual({
      ready: false,
      lines: [
        'none of the 2 commits ahead has a deploy:migrate deployment of app api on staging (environment staging) yet; deploy there first',
      ],
    });
  });
});

describe("one app's snapshot tree", () => {
  const app = { name: 'api', paths: ['apps/api/**'] };
  const blob = (path: string, s: string, mode = '100644'): TreeEntry => ({
    path,
    mode,
    type: 'blob',
    sha: sha(s),
  });
  const base = [
    blob('apps/api/a.ts', 'a'),
    blob('apps/api/old.ts', 'o'),
    blob('apps/api/run.sh', 'r'),
    blob('apps/api/gone.ts', 'g'),
    blob('apps/worker/w.ts', 'w'),
    { path: 'apps/api', mode: '040000', type: 'tree', sha: sha('t') },
  ];

  test("the source's changed app files as entries: modified, added, renamed (delete + add), mode, deleted; other apps untouched", () => {
    const source = [
      blob('apps/api/a.ts', 'A'),
      blob('apps/api/new.ts', 'o'), // renamed from old.ts
      blob('apps/api/run.sh', 'r', '100755'),
      blob('apps/api/added.ts', 'd'),
      blob('apps/worker/w.ts', 'W'),
    ];
    const change = appSnapshotEntries({ base, source, target: base }, app);
    expect(change.entries).toEqual([
      { path: 'apps/api/a.ts', mode: '100644', type: 'blob', sha: sha('A') },
      { path: 'apps/api/added.ts', mode: '100644', type: 'blob', sha: sha('d') },
      { path: 'apps/api/gone.ts', mode: '100644', type: 'blob', sha: null },
      { path: 'apps/api/new.ts', mode: '100644', type: 'blob', sha: sha('o') },
      { path: 'apps/api/old.ts', mode: '100644', type: 'blob', sha: null },
      { path: 'apps/api/run.sh', mode: '100755', type: 'blob', sha: sha('r') },
    ]);
    expect(change.changedFiles).toContainEqual({ filename: 'apps/api/gone.ts', status: 'removed' });
    expect(change.bothChanged).toEqual([]);
  });

  test('the target already has it: no entry; the target changed it too: the source wins and it is named', () => {
    const source = [blob('apps/api/a.ts', 'A'), blob('apps/api/old.ts', 'O')];
    const target = [blob('apps/api/a.ts', 'A'), blob('apps/api/old.ts', 'h')];
    const change = appSnapshotEntries({ base, source, target }, app);
    expect(change.files).toEqual([
      'apps/api/a.ts',
      'apps/api/gone.ts',
      'apps/api/old.ts',
      'apps/api/run.sh',
    ]);
    // gone.ts and run.sh are deleted on source and absent from the target: nothing to delete.
    expect(change.entries).toEqual([
      { path: 'apps/api/old.ts', mode: '100644', type: 'blob', sha: sha('O') },
    ]);
    expect(change.bothChanged).toEqual(['apps/api/old.ts']);
  });

  test('the snapshot commit names itself: a later run knows its own branch by the message', () => {
    const message = snapshotMessage({
      app: 'api',
      sourceStage: 'dev',
      targetStage: 'staging',
      source: sha('1'),
      target: sha('2'),
      files: 3,
    });
    expect(message.split('\n')[0]).toBe('promote(api): dev at 1111111 into staging');
    expect(readSnapshotMarker(message)).toEqual({ app: 'api', source: sha('1'), target: sha('2') });
    expect(readSnapshotMarker('fix: hand-pushed review fix')).toBeUndefined();
  });

  test('the plan: a new app branch is a commit on the target; moving one forward keeps its head as a parent; the same source and target move nothing', () => {
    const config = promoteSection().parse({});
    const facts: PromotionFacts = {
      name: sanitizePromotionName('staging-api-release'),
      production: { branch: 'staging', sha: sha('b') },
      staging: { branch: 'dev', sha: sha('a') },
      aheadBy: 2,
      openPromotions: [],
      now: new Date('2026-12-01T10:00:00Z'),
    };
    const created = planPromotion(facts, { config, app: 'api' });
    expect(created).toMatchObject({ operation: 'create', snapshot: { parents: [sha('b')] } });
    const pr = {
      number: 7,
      url: 'u',
      title: 't',
      headRef: 'promote/staging-api-release-20261201-0900',
      headSha: sha('c'),
      body: '',
      containedInStaging: true,
      snapshot: { app: 'api', source: sha('9'), target: sha('b') },
    };
    expect(planPromotion({ ...facts, openPromotions: [pr] }, { config, app: 'api' })).toMatchObject(
      { operation: 'update', refMove: 'fast-forward', snapshot: { parents: [sha('c'), sha('b')] } },
    );
    const same = { ...pr, snapshot: { app: 'api', source: sha('a'), target: sha('b') } };
    const update = planPromotion({ ...facts, openPromotions: [same] }, { config, app: 'api' });
    expect(update).toMatchObject({ operation: 'update', refMove: 'none' });
    expect(update).not.toHaveProperty('snapshot');
    expect(() =>
      planPromotion(
        { ...facts, openPromotions: [{ ...pr, containedInStaging: false }] },
        { config, app: 'api' },
      ),
    ).toThrow(/not a snapshot of app api made by open-promote-pr/);
  });
});

describe('allow windows and release trains', () => {
  const production = stageNamed(chain, 'production');
  // Monday 2026-11-30 18:00 Berlin (17:00Z): outside Tue-Thu 09:00-15:00.
  const monday = new Date('2026-11-30T17:00:00Z');

  test('a train outside the windows opens nothing and says when the next window opens', () => {
    expect(nextAllowOpening(production, monday)?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    const decision = decideWindow(production, monday, true);
    expect(decision).toMatchObject({ action: 'wait' });
    expect(decision.action === 'wait' && decision.text).toBe(
      "Monday 18:00 Europe/Berlin is outside production's allow windows (tue,wed,thu 09:00-15:00 Europe/Berlin): " +
        'this release train opens nothing; the next window opens 2026-12-01 09:00 Europe/Berlin (2026-12-01T08:00:00.000Z), ' +
        'and the first train after that promotes what is ready then.',
    );
  });

  test('a person outside the windows still gets the PR, with a note that preflight refuses the merge until then', () => {
    const decision = decideWindow(production, monday, false);
    expect(decision.action).toBe('open');
    expect(decision.action === 'open' && decision.note).toMatch(
      /outside production's allow windows .*: preflight will refuse to merge this PR until a window opens \(the next window opens 2026-12-01 09:00 Europe\/Berlin/,
    );
  });

  test('inside a window, or a stage without windows: go', () => {
    expect(decideWindow(production, new Date('2026-12-01T09:30:00Z'), true)).toEqual({
      action: 'open',
    });
    expect(decideWindow(stageNamed(chain, 'staging'), monday, true)).toEqual({ action: 'open' });
  });
});
