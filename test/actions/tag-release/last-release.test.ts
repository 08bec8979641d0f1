import { releaseTags } from '../../../actions/tag-release/src/last-release.js';
import { isProtectedBranchRefusal } from '../../../actions/tag-release/src/changelog-commit.js';

describe('which tags are releases', () => {
  test('only <prefix><semver>, sorted by semver with prereleases below their release', () => {
    const tags = [
      'v1.2.0',
      'v1.10.0',
      'v1.9.0',
      'v1.10.0-rc.1',
      'v1.2',
      'v1.2.3.4',
      'v=1.0.0',
      'release-2.0.0',
      'vnext',
      'v2.0.0+build.7',
    ].map((name, i) => ({ name, sha: String(i).repeat(40).slice(0, 40) }));
    expect(releaseTags(tags, 'v').map((t) => t.tag)).toEqual([
      'v2.0.0+build.7',
      'v1.10.0',
      'v1.10.0-rc.1',
      'v1.9.0',
      'v1.2.0',
    ]);
    expect(releaseTags(tags, 'release-').map((t) => t.version)).toEqual(['2.0.0']);
  });
});

describe("GitHub's refusal to update a protected branch", () => {
  const error = (status: number, message: string) =>
    Object.assign(new Error(message), { status, response: { data: { message } } });
  test.each([
    [422, 'Protected branch update failed for refs/heads/main.'],
    [409, 'GH006: Protected branch update failed'],
    [422, 'Repository rule violations found'],
  ])('%d %s is a refusal', (status, message) => {
    expect(isProtectedBranchRefusal(error(status, message))).toBe(true);
  });
  test('a non-fast-forward or a server error is not', () => {
    expect(isProtectedBranchRefusal(error(422, 'Update is not a fast forward'))).toBe(false);
    expect(isProtectedBranchRefusal(error(502, 'Protected branch'))).toBe(false);
    expect(isProtectedBranchRefusal(new Error('socket hang up'))).toBe(false);
  });
});
