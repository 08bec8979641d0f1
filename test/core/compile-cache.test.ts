import { compileCacheDir, useCompileCache } from '@promote/core/compile-cache';

describe('compile cache', () => {
  test('on a self-hosted runner it lives in the tool cache, which outlasts the job', () => {
    const env = { RUNNER_ENVIRONMENT: 'self-hosted', RUNNER_TOOL_CACHE: '/opt/tools' };
    expect(compileCacheDir(env)).toBe('/opt/tools/promote/node-compile-cache');
    const enabled: string[] = [];
    useCompileCache(env, (dir) => enabled.push(dir));
    expect(enabled).toEqual(['/opt/tools/promote/node-compile-cache']);
  });

  test('on a GitHub-hosted runner, or without a tool cache, there is none', () => {
    const enabled: string[] = [];
    for (const env of [
      { RUNNER_ENVIRONMENT: 'github-hosted', RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' },
      { RUNNER_ENVIRONMENT: 'self-hosted' },
      {},
    ]) {
      expect(compileCacheDir(env)).toBeUndefined();
      useCompileCache(env, (dir) => enabled.push(dir));
    }
    expect(enabled).toEqual([]);
  });
});
