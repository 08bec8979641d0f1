import { promoteSection } from '@promote/core/config/sections/promote';
import { sanitizePromotionName } from '../../../actions/open-promote-pr/src/name.js';
import {
  planPromotion,
  type OpenPromotionPr,
  type PromotionFacts,
} from '../../../actions/open-promote-pr/src/plan.js';

const STAGING = 'a'.repeat(40);
const PROD = 'b'.repeat(40);
const config = promoteSection().parse({ timezone: 'Europe/Berlin' });

const facts = (over: Partial<PromotionFacts> = {}): PromotionFacts => ({
  name: sanitizePromotionName('sprint-15-beneficiary'),
  production: { branch: 'main', sha: PROD },
  staging: { branch: 'staging', sha: STAGING },
  aheadBy: 3,
  openPromotions: [],
  now: new Date('2026-05-03T12:32:00Z'),
  ...over,
});

const pr = (
  number: number,
  headRef: string,
  over: Partial<OpenPromotionPr> = {},
): OpenPromotionPr => ({
  number,
  url: `https://github.com/o/r/pull/${number}`,
  title: `PR ${number}`,
  headRef,
  headSha: 'c'.repeat(40),
  body: '',
  containedInStaging: true,
  ...over,
});

describe('planning a promotion', () => {
  test('first promotion of a name snapshots staging to promote/<name>-<stamp>', () => {
    const plan = planPromotion(facts(), { config });
    expect(plan).toMatchObject({
      operation: 'create',
      branch: 'promote/sprint-15-beneficiary-20260503-1432',
      headSha: STAGING,
      refMove: 'create',
      title: 'Promote sprint-15-beneficiary to main',
    });
  });

  test('nothing ahead of production: no branch, no PR, and a message saying so', () => {
    const plan = planPromotion(facts({ aheadBy: 0 }), { config });
    expect(plan.operation).toBe('none');
    expect(plan.message).toMatch(
      /^Nothing ahead of production: staging \(aaaaaaa\) is already in main \(bbbbbbb\)/,
    );
  });

  test('a later promotion of the same name fast-forwards the existing PR branch (its first stamp stays)', () => {
    const existing = pr(7, 'promote/sprint-15-beneficiary-20260501-0900');
    const plan = planPromotion(facts({ openPromotions: [existing] }), { config });
    expect(plan).toMatchObject({
      operation: 'update',
      branch: existing.headRef,
      refMove: 'fast-forward',
      title: 'PR 7',
    });
    expect(plan.operation === 'update' && plan.pr?.number).toBe(7);
  });

  test('a re-run with staging unchanged updates without moving the branch', () => {
    const existing = pr(7, 'promote/sprint-15-beneficiary-20260501-0900', { headSha: STAGING });
    expect(planPromotion(facts({ openPromotions: [existing] }), { config })).toMatchObject({
      operation: 'update',
      refMove: 'none',
    });
  });

  test('a promotion branch with commits staging lacks is refused, never force-pushed', () => {
    const existing = pr(7, 'promote/sprint-15-beneficiary-20260501-0900', {
      containedInStaging: false,
    });
    expect(() => planPromotion(facts({ openPromotions: [existing] }), { config })).toThrow(
      /PR #7 \(promote\/sprint-15-beneficiary-20260501-0900\) has commits that are not on staging.*Nothing was changed/,
    );
  });

  test('other promotions contained in the new snapshot are superseded; diverged ones and other names stay', () => {
    const older = pr(3, 'promote/sprint-14-20260420-1000');
    const diverged = pr(4, 'promote/hotfix-20260421-1000', { containedInStaging: false });
    const plan = planPromotion(facts({ openPromotions: [older, diverged] }), { config });
    expect(plan.supersede.map((p) => p.number)).toEqual([3]);
    const off = promoteSection().parse({ 'close-superseded': false });
    expect(planPromotion(facts({ openPromotions: [older] }), { config: off }).supersede).toEqual(
      [],
    );
  });

  test('two open PRs of one name (a race): the oldest is updated, the other superseded', () => {
    const a = pr(9, 'promote/sprint-15-beneficiary-20260503-1431');
    const b = pr(8, 'promote/sprint-15-beneficiary-20260503-1430');
    const plan = planPromotion(facts({ openPromotions: [a, b] }), { config });
    expect(plan.operation === 'update' && plan.pr?.number).toBe(8);
    expect(plan.supersede.map((p) => p.number)).toEqual([9]);
  });

  test('a branch left by a run that failed before opening its PR is reused, so a re-run opens one PR', () => {
    const plan = planPromotion(
      facts({
        leftoverBranch: {
          ref: 'promote/sprint-15-beneficiary-20260503-1400',
          sha: STAGING,
          containedInStaging: true,
        },
      }),
      { config },
    );
    expect(plan).toMatchObject({
      operation: 'create',
      branch: 'promote/sprint-15-beneficiary-20260503-1400',
      refMove: 'none',
    });
  });

  test('the title template fills its placeholders', () => {
    const custom = promoteSection().parse({
      title: '{name}: {staging} -> {production} {date} {sha}',
      timezone: 'UTC',
    });
    const plan = planPromotion(facts(), { config: custom });
    expect(plan.operation === 'create' && plan.title).toBe(
      'sprint-15-beneficiary: staging -> main 2026-05-03 12:32 aaaaaaa',
    );
  });
});
