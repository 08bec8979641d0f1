// Hostile input, size: git puts no limit on a commit message, so a megabyte one (a pasted log, a
// base64 blob on one line) must not stall a promotion or break what it writes. GitHub itself caps
// a PR title at 256 characters and a PR body at 65,536, so those are tried at GitHub's maximum.
// Each run completes, stays within GitHub's limits (PR body 65,536 characters, release body
// 125,000, check-run summary 65,535 bytes), keeps the start of every subject, and says when it cut.
import { HOSTILE_TEXTS, MEGABYTE } from './scenarios.js';
import { openPromotePrWorld, preflightGatesWorld, tagReleaseWorld } from './worlds.js';
import { record } from './recorder.js';

/** A megabyte of text that looks like a pasted log: long lines, pipes, backticks, escapes. */
const LOG_LINE =
  '2026-11-23T02:00:00Z ERROR worker | job=42 `$(id)` \u001b[31mfailed\u001b[0m ${{ secrets.X }} ';
const megabyteBody = () =>
  `${LOG_LINE.repeat(20)}\n`.repeat(Math.ceil(MEGABYTE / (LOG_LINE.length * 20 + 1)));
/** One line of a megabyte with no space in it (a base64 blob). */
const megabyteWord = () => 'QUJD'.repeat(MEGABYTE / 4);

describe('megabyte-long text', () => {
  test('open-promote-pr: 1 MB commit body and a 1 MB one-line subject: one PR, body within 65,536, subjects kept', async () => {
    const w = await openPromotePrWorld({
      commitMessage: `feat(export): nightly export (#12)\n\n${megabyteBody()}`,
    });
    try {
      await w.emu.git.commit({
        branch: 'staging',
        message: `fix: ${megabyteWord()}`,
        files: { 'blob.txt': 'b\n' },
      });
      const run = await w.run();
      expect(run.exitCode).toBe(0);
      expect(w.emu.state.pulls).toHaveLength(1);
      const pr = w.emu.state.pulls[0]!;
      expect(await w.emu.git.revParse(`refs/heads/${pr.head.ref}`)).toBe(
        await w.emu.git.revParse('refs/heads/staging'),
      );
      const body = pr.body ?? '';
      expect(body.length).toBeLessThanOrEqual(65_536);
      expect(body).toContain('nightly export');
      expect(body).toContain('QUJDQUJD');
      record('hostile input', 'open-promote-pr 1 MB commit messages', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);

  test('tag-release: 1 MB commit body and a 1 MB one-line subject: one tag, release body within 125,000, changelog entry once', async () => {
    const w = await tagReleaseWorld({
      commits: [
        `feat(search): fuzzy matching (#40)\n\n${megabyteBody()}`,
        `fix: ${megabyteWord()} (#41)`,
      ],
    });
    try {
      const run = await w.run();
      expect(run.exitCode).toBe(0);
      expect(await w.check()).toEqual([]);
      const release = w.emu.state.releases[0]!;
      expect((release.body ?? '').length).toBeLessThanOrEqual(125_000);
      expect(release.body).toContain('fuzzy matching');
      expect(release.body).toContain('QUJDQUJD');
      const changelog = (await w.emu.git.readFile('main', 'CHANGELOG.md')) ?? '';
      expect(changelog).toContain('fuzzy matching');
      // A changelog is read by people: a megabyte subject is cut, and the cut is marked.
      expect(changelog.length).toBeLessThan(MEGABYTE / 4);
      expect(changelog).toMatch(/(QUJD)+Q?U?J?D?…/);
      record('hostile input', 'tag-release 1 MB commit messages', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);

  test("preflight-gates: a PR at GitHub's limits (256-char title, 65,536-char hostile body): one check run, summary within 65,535 bytes", async () => {
    const title = `Promote ${HOSTILE_TEXTS['table pipes']} ${'x'.repeat(300)}`.slice(0, 256);
    const bodyText = `${HOSTILE_TEXTS.newlines}\n${megabyteBody()}`.slice(0, 65_536 - 20);
    const w = await preflightGatesWorld({ title, body: `${bodyText}\nFixes #12` });
    try {
      const run = await w.run();
      expect(run.exitCode).toBe(0);
      expect(await w.check()).toEqual([]);
      const summary = w.emu.state.checkRuns[0]!.output.summary ?? '';
      expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(65_535);
      record('hostile input', 'preflight-gates PR at GitHub limits', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);
});
