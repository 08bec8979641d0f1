// Hostile input: commit messages, promotion names, PR titles, bodies and branch names holding
// shell, workflow-expression, markdown and terminal syntax are data. Nothing runs (a canary file
// the shell would create never appears), tables keep their columns, and every word survives.
import { existsSync, rmSync } from 'node:fs';
import { CANARY, HOSTILE_BRANCH_NAMES, HOSTILE_TEXTS } from './scenarios.js';
import { openPromotePrWorld, preflightGatesWorld, tagReleaseWorld } from './worlds.js';
import { record } from './recorder.js';
import { brokenTables } from '../support/untrusted-channels.js';

const SUBJECTS = Object.entries(HOSTILE_TEXTS).map(
  ([name, text]) => [name, text.split('\n')[0]!] as const,
);

// Escape sequences are not content: what must survive is the text around them.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g;

/** The words of a text, in order: what a reader must still find on one rendered line. */
function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Rendered text: markdown escapes and HTML entities undone, as a reader sees it. */
function rendered(markdown: string): string {
  return markdown
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#124;/g, '|');
}

export function lostSubjects(
  markdown: string,
  subjects: ReadonlyArray<readonly [string, string]>,
): string[] {
  const lines = rendered(markdown).split('\n');
  return subjects
    .filter(([, subject]) => {
      const want = words(subject.replace(ANSI, ' '));
      return !lines.some((line) => {
        const have = words(line);
        let i = 0;
        for (const w of have) if (w === want[i]) i += 1;
        return i === want.length;
      });
    })
    .map(([name]) => name);
}

/** No raw control characters (terminal escapes) in text a browser or terminal renders. */
const controlChars = (text: string) =>
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  (text.match(/[\u0000-\u0008\u000b-\u001f\u007f]/g) ?? []).length;

/** Lines a runner would read as a workflow command that the action did not mean to send. */
const forgedCommands = (log: string) =>
  log
    .split('\n')
    .filter((l) => /^::(error|warning|add-mask|set-output|stop-commands)::forged/.test(l));

beforeEach(() => rmSync(CANARY, { force: true }));
afterEach(() => {
  expect(existsSync(CANARY)).toBe(false);
});

const INJECTED_LINES = 'innocent subject\n::error::forged from a commit body\n::add-mask::forged';

describe('hostile input is data', () => {
  test('open-promote-pr: hostile commit messages and promotion name: one PR, every subject on its line, nothing run', async () => {
    const messages = SUBJECTS.map(([, s]) => `feat: ${s} (#50)`);
    const w = await openPromotePrWorld({ commitMessage: messages[0]! });
    try {
      for (const [i, m] of messages.slice(1).entries())
        await w.emu.git.commit({ branch: 'staging', message: m, files: { [`f${i}.txt`]: m } });
      await w.emu.git.commit({
        branch: 'staging',
        message: `fix: ${INJECTED_LINES}`,
        files: { 'g.txt': 'g' },
      });
      const run = await w.run({
        inputs: { name: `sprint $(touch ${CANARY}) \`id\` \${{ github.token }} | x` },
      });
      expect(run.exitCode).toBe(0);
      const pr = w.emu.state.pulls[0]!;
      expect(w.emu.state.pulls).toHaveLength(1);
      expect(lostSubjects(pr.body ?? '', SUBJECTS)).toEqual([]);
      expect(brokenTables(pr.body ?? '')).toEqual([]);
      expect(brokenTables(run.summary)).toEqual([]);
      expect(controlChars(pr.body ?? '') + controlChars(pr.title) + controlChars(run.summary)).toBe(
        0,
      );
      expect(forgedCommands(run.rawLog)).toEqual([]);
      expect(pr.head.ref).toMatch(/^promote\/[a-z0-9.-]+$/);
      record('hostile input', 'open-promote-pr commit messages + name', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);

  test('tag-release: hostile commit messages: one tag, one release, changelog and notes keep every subject', async () => {
    const messages = SUBJECTS.map(([, s]) => `feat: ${s} (#50)`).concat(`fix: ${INJECTED_LINES}`);
    const w = await tagReleaseWorld({ commits: messages });
    try {
      const run = await w.run();
      expect(run.exitCode).toBe(0);
      // (the default check expects 2 commits' worth of notes only in counts; state is the same)
      expect(await w.check()).toEqual([]);
      const body = w.emu.state.releases[0]!.body ?? '';
      const changelog = (await w.emu.git.readFile('main', 'CHANGELOG.md')) ?? '';
      expect(lostSubjects(body, SUBJECTS)).toEqual([]);
      expect(lostSubjects(changelog, SUBJECTS)).toEqual([]);
      expect(brokenTables(body)).toEqual([]);
      expect(brokenTables(run.summary)).toEqual([]);
      expect(controlChars(body) + controlChars(changelog) + controlChars(run.summary)).toBe(0);
      expect(forgedCommands(run.rawLog)).toEqual([]);
      record('hostile input', 'tag-release commit messages', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);

  test.each(HOSTILE_BRANCH_NAMES.map((b, i) => [b, i] as const))(
    'preflight-gates: PR from branch %s with a hostile title and body: one check run, tables intact',
    async (headRef, i) => {
      const title = SUBJECTS[i % SUBJECTS.length]![1];
      const w = await preflightGatesWorld({
        headRef,
        title,
        body: `${HOSTILE_TEXTS.newlines}\n${INJECTED_LINES}\nFixes #12`,
      });
      try {
        const run = await w.run();
        expect(run.exitCode).toBe(0);
        expect(await w.check()).toEqual([]);
        const check = w.emu.state.checkRuns[0]!;
        expect(brokenTables(check.output.summary ?? '')).toEqual([]);
        expect(brokenTables(run.summary)).toEqual([]);
        expect(forgedCommands(run.rawLog)).toEqual([]);
        record('hostile input', `preflight-gates branch ${headRef}`, 'passed');
      } finally {
        await w.close();
      }
    },
    60_000,
  );
});
