// Long promotions through GitHub's compare: pages of 100 (GitHub's documented maximum) followed
// through the Link header, every commit read, in order, by both actions that compare.
import { compareCommits, compareFiles, isAncestorOf } from '@promote/core/github/compare';
import { githubReleaseHistory } from '../../../actions/tag-release/src/github-history.js';
import { startWorld, stopWorld, type World } from './world.js';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await stopWorld(world);
});

async function longBranch(count: number): Promise<string[]> {
  return world.emu.git.commitMany(
    'staging',
    Array.from({ length: count }, (_, i) => ({
      files: { [`f/${i % 50}.txt`]: `${i}\n` },
      message: `${i % 3 === 0 ? 'feat' : 'fix'}: change ${i} (#${i + 1})`,
    })),
  );
}

describe.each([260, 1_234])('a promotion of %i commits', (count) => {
  test('compareCommits returns every commit oldest first, one request per 100 following Link', async () => {
    const shas = await longBranch(count);
    world.emu.resetCounters();
    const result = await compareCommits(world.gh, world.repo, world.mainSha, shas.at(-1)!);
    expect(result.totalCommits).toBe(count);
    expect(result.commits.map((c) => c.sha)).toEqual(shas);
    expect(result.commits[0]?.message).toBe('feat: change 0 (#1)');
    const calls = world.emu.filterRequests({ operationId: 'repos/compare-commits-with-basehead' });
    expect(calls).toHaveLength(Math.ceil(count / 100));
    // Every page asked for GitHub's maximum, never more.
    for (const call of calls) expect(new URLSearchParams(call.query).get('per_page')).toBe('100');
  });

  test("tag-release's history gives the bump every commit since the last tag", async () => {
    const shas = await longBranch(count);
    const history = githubReleaseHistory(world.gh, world.repo);
    const commits = await history.commitsBetween(world.mainSha, shas.at(-1)!);
    expect(commits).toHaveLength(count);
    expect(new Set(commits.map((c) => c.sha))).toEqual(new Set(shas));
    expect(commits.at(-1)?.message).toBe(
      `${(count - 1) % 3 === 0 ? 'feat' : 'fix'}: change ${count - 1} (#${count})`,
    );
  });
});

test('a compare whose pages end early is an error, never a shorter history', async () => {
  const shas = await longBranch(150);
  // A broken Link header (no rel="next") on the first page: 50 commits would go missing.
  const original = world.emu.routes['repos/compare-commits-with-basehead']!;
  world.emu.routes['repos/compare-commits-with-basehead'] = async (ctx) => {
    const reply = await original(ctx);
    return { ...reply, headers: {} };
  };
  await expect(compareCommits(world.gh, world.repo, world.mainSha, shas.at(-1)!)).rejects.toThrow(
    /listed 100 of 150 commits/,
  );
});

test('ancestry and files through compare', async () => {
  const [first, second] = await longBranch(2);
  expect(await isAncestorOf(world.gh, world.repo, first!, second!)).toBe(true);
  expect(await isAncestorOf(world.gh, world.repo, second!, first!)).toBe(false);
  expect(await isAncestorOf(world.gh, world.repo, 'f'.repeat(40), second!)).toBe(false);
  const { files, maybeTruncated } = await compareFiles(
    world.gh,
    world.repo,
    world.mainSha,
    second!,
  );
  expect(files.map((f) => f.filename).sort()).toEqual(['f/0.txt', 'f/1.txt']);
  expect(maybeTruncated).toBe(false);
});
