// history: git reads the commits of a release range from a full clone with one `git log` whose
// output is parsed as it streams in (pieces of any size, split anywhere, multi-byte characters
// included); every commit must come back once, in `git log` order, with its message intact.
import { createGitHistory } from '../../support/git-history.js';

test('4,200 commits with a merge, streamed: each once, in git log order, messages whole', async () => {
  const h = createGitHistory();
  try {
    h.commit('chore: start');
    h.tag('v1.0.0');
    const base = h.head();
    h.branch('feature');
    h.appendCommits(2100, (i) => `fix: feature ${i} — café 🚀\n\nbody line ${i}\nwith | pipes`);
    h.checkout('main');
    // Same count as the feature branch: both sides then write the same files alike (no conflict).
    h.appendCommits(2100, (i) => (i % 10 === 0 ? `feat: main ${i}` : `chore: main ${i}`));
    const merge = h.mergePullRequest('feature', 9, 'Feature');
    const expected = h
      .git(['log', '--format=%H', merge, `^${base}`])
      .split('\n')
      .filter(Boolean);

    const commits = await h.releaseHistory().commitsBetween(base, merge);

    expect(commits.map((c) => c.sha)).toEqual(expected);
    expect(expected).toHaveLength(4201);
    expect(commits[0]).toMatchObject({ sha: merge, message: expect.stringContaining('Feature') });
    expect(commits[0]!.parents).toHaveLength(2);
    expect(commits.find((c) => c.message.startsWith('fix: feature 2099'))?.message).toBe(
      'fix: feature 2099 — café 🚀\n\nbody line 2099\nwith | pipes',
    );
    // Every multi-byte message survived the stream's arbitrary cuts.
    expect(commits.filter((c) => c.message.includes('— café 🚀\n\nbody line'))).toHaveLength(2100);
  } finally {
    h.cleanup();
  }
});
