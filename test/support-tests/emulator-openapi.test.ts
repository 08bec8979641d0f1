// Requests find their operation in GitHub's description the way GitHub routes them.
import { openApi } from '../support/emulator/openapi.js';

const match = (method: string, path: string) => {
  const m = openApi().match(method, path);
  return m ? { id: m.op.operationId, params: m.params } : undefined;
};

test.each([
  [
    'GET',
    '/repos/a/b/contents/docs/guide/x.md',
    'repos/get-content',
    { owner: 'a', repo: 'b', path: 'docs/guide/x.md' },
  ],
  [
    'GET',
    '/repos/a/b/git/ref/heads%2Ffeature%2Fx',
    'git/get-ref',
    { owner: 'a', repo: 'b', ref: 'heads/feature/x' },
  ],
  [
    'GET',
    '/repos/a/b/git/ref/heads/feature/x',
    'git/get-ref',
    { owner: 'a', repo: 'b', ref: 'heads/feature/x' },
  ],
  [
    'GET',
    '/repos/a/b/commits/abc/check-runs',
    'checks/list-for-ref',
    { owner: 'a', repo: 'b', ref: 'abc' },
  ],
  [
    'GET',
    '/repos/a/b/commits/abc/status',
    'repos/get-combined-status-for-ref',
    { owner: 'a', repo: 'b', ref: 'abc' },
  ],
  [
    'GET',
    '/repos/a/b/commits/release/v1/statuses',
    'repos/list-commit-statuses-for-ref',
    { owner: 'a', repo: 'b', ref: 'release/v1' },
  ],
  [
    'GET',
    '/repos/a/b/branches/feature/x/protection',
    'repos/get-branch-protection',
    { owner: 'a', repo: 'b', branch: 'feature/x' },
  ],
  [
    'GET',
    '/repos/a/b/branches/feature/x',
    'repos/get-branch',
    { owner: 'a', repo: 'b', branch: 'feature/x' },
  ],
  [
    'GET',
    '/repos/a/b/compare/main...feature/x',
    'repos/compare-commits-with-basehead',
    { owner: 'a', repo: 'b', basehead: 'main...feature/x' },
  ],
  [
    'GET',
    '/repos/a/b/releases/tags/v1.0.0',
    'repos/get-release-by-tag',
    { owner: 'a', repo: 'b', tag: 'v1.0.0' },
  ],
  ['GET', '/repos/a/b/releases/latest', 'repos/get-latest-release', { owner: 'a', repo: 'b' }],
  ['POST', '/repos/a/b/git/refs', 'git/create-ref', { owner: 'a', repo: 'b' }],
  [
    'PATCH',
    '/repos/a/b/git/refs/tags/v1',
    'git/update-ref',
    { owner: 'a', repo: 'b', ref: 'tags/v1' },
  ],
])('%s %s is %s', (method, path, id, params) => {
  expect(match(method, path)).toEqual({ id, params });
});

test('unknown paths and methods match nothing', () => {
  expect(match('GET', '/repos/a/b/nothing-here')).toBeUndefined();
  expect(match('DELETE', '/rate_limit')).toBeUndefined();
  expect(match('GET', '/repos/a/b/pulls/1/extra/segments')).toBeUndefined();
});
