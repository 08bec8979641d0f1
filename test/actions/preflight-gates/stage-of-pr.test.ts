import { parseConfig } from '@promote/core/config/parse';
import { forApp, result } from '@promote/core/gates/index';
import { enabledGates } from '../../../actions/preflight-gates/src/base-config.js';
import { verdictOf } from '../../../actions/preflight-gates/src/render.js';
import { stageOfPullRequest } from '../../../actions/preflight-gates/src/stage-of-pr.js';

const TWO_BRANCHES = parseConfig(
  'branches: { production: main, staging: staging }\npreflight: {}\n',
);
const CHAIN = parseConfig(`
stages:
  - { name: dev, branch: develop }
  - { name: staging, branch: staging, soak: 1h }
  - { name: production, branch: main, allow: [{ days: [tue, wed] }] }
preflight: {}
`);

describe('the stage a PR promotes into', () => {
  test('without stages: production as today, and a PR into another branch keeps the warning naming the production branch', () => {
    expect(stageOfPullRequest(TWO_BRANCHES, { number: 7, baseRef: 'main' })).toEqual({});
    expect(stageOfPullRequest(TWO_BRANCHES, { number: 7, baseRef: 'staging' })).toEqual({
      warning: 'PR #7 targets staging, not the production branch main; evaluating anyway.',
    });
  });

  test("with stages the PR's base decides: into staging from dev, into production from staging", () => {
    const s = stageOfPullRequest(CHAIN, { number: 7, baseRef: 'staging' });
    expect(s.resolveAs).toBe('staging');
    expect([s.into?.name, s.from?.name, s.from?.soak]).toEqual(['staging', 'dev', undefined]);
    const p = stageOfPullRequest(CHAIN, { number: 7, baseRef: 'main' });
    expect([p.into?.name, p.from?.name, p.from?.soak]).toEqual(['production', 'staging', '1h']);
  });

  test('a PR into the first stage is not a promotion: nothing before it to soak', () => {
    const s = stageOfPullRequest(CHAIN, { number: 7, baseRef: 'develop' });
    expect(s.into?.name).toBe('dev');
    expect(s.from).toBeUndefined();
  });

  test('a PR into no stage branch is judged anyway, and the warning names the stage branches', () => {
    expect(stageOfPullRequest(CHAIN, { number: 7, baseRef: 'feature/x' })).toEqual({
      warning:
        "PR #7 targets feature/x, which is no stage branch (dev: develop, staging: staging, production: main); evaluating anyway with the last stage's settings, without soak or allow windows.",
    });
  });

  test("the target stage's allow windows run the freeze gate without a freeze window", () => {
    const into = stageOfPullRequest(CHAIN, { number: 7, baseRef: 'main' }).into!;
    expect(enabledGates(CHAIN.preflight)).not.toContain('freeze');
    expect(enabledGates(CHAIN.preflight, into)).toContain('freeze');
  });
});

describe('the verdict names an app with its gate', () => {
  test('failed-gates and the title say change-size (api), not just change-size', () => {
    const v = verdictOf(
      [
        result('ci', 'pass', 'CI succeeded'),
        forApp(result('change-size', 'fail', '3 units (max 1)'), 'api'),
        forApp(result('change-size', 'pass', '1 unit (max 10)'), 'web'),
      ],
      { state: 'none' },
    );
    expect(v).toEqual({
      result: 'fail',
      failedGates: ['change-size (api)'],
      title: '1 of 3 gates failed: change-size (api)',
    });
  });
});
