import {
  isBranchOfName,
  nameOfBranch,
  promotionBranch,
  sanitizePromotionName,
} from '../../../actions/open-promote-pr/src/name.js';
import { execFileSync } from 'node:child_process';

describe('promotion names become valid branch names', () => {
  test.each([
    ['sprint-15-beneficiary', 'sprint-15-beneficiary'],
    ['Sprint 15: Beneficiary', 'sprint-15-beneficiary'],
    ['..hot~fix^ [x]', 'hot-fix-x'],
    ['release.lock', 'release-lock'],
    ['a/b@{c}', 'a-b-c'],
    ['Café déploiement', 'cafe-deploiement'],
  ])('%j -> %j', (given, slug) => {
    const name = sanitizePromotionName(given);
    expect(name.slug).toBe(slug);
    // git itself accepts the branch name.
    expect(() =>
      execFileSync('git', ['check-ref-format', '--branch', `promote/${slug}-20260503-1432`]),
    ).not.toThrow();
  });

  test('a name with nothing usable left is refused, not replaced', () => {
    expect(() => sanitizePromotionName(' ~^: ')).toThrow(/has no letters or digits left/);
  });

  test("the stamp is the configured zone's local time", () => {
    const name = sanitizePromotionName('sprint-15-beneficiary');
    const now = new Date('2026-05-03T12:32:00Z');
    expect(promotionBranch('promote/', name, now, 'UTC')).toBe(
      'promote/sprint-15-beneficiary-20260503-1232',
    );
    expect(promotionBranch('promote/', name, now, 'Europe/Berlin')).toBe(
      'promote/sprint-15-beneficiary-20260503-1432',
    );
  });

  test('a longer name that starts with the same words is another promotion', () => {
    const name = sanitizePromotionName('sprint');
    expect(isBranchOfName('promote/sprint-20260503-1432', 'promote/', name)).toBe(true);
    expect(isBranchOfName('promote/sprint-2-20260503-1432', 'promote/', name)).toBe(false);
    expect(nameOfBranch('promote/sprint-2-20260503-1432', 'promote/')).toBe('sprint-2');
    expect(nameOfBranch('feature/x', 'promote/')).toBeUndefined();
  });
});
