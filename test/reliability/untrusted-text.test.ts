// Untrusted text in front of people: commit subjects, PR titles and bodies, override reasons,
// promotion names, production responses and command output reach check runs, PR bodies and
// comments, release notes, the changelog (file and PR), issues, commit and deployment statuses,
// job summaries, chat and the log. Whatever they hold, nobody is notified (no live @mention, no
// <!channel>), the runner obeys no workflow command the text carries, tables keep their columns,
// and every GitHub limit holds; an e-mail address stays as it is.
import { createGitHubClient } from '@promote/core/github/client';
import { memoryLogger } from '@promote/core/logger';
import type { BundleResult } from '../support/harness.js';
import { brokenTables, liveMentions, runnerCommands } from '../support/untrusted-channels.js';
import { prodConfig } from '../actions/prod-smoke-seal/world.js';
import { HOSTILE_TEXTS } from './scenarios.js';
import {
  migrateWorld,
  openPromotePrWorld,
  preflightGatesWorld,
  prodSmokeSealWorld,
  tagReleaseWorld,
} from './worlds.js';
import { record } from './recorder.js';

/** Who must never be notified by text an action quotes. */
const HANDLES = [
  '@octocat',
  '@acme/platform',
  '@everyone',
  '@here',
  '<!channel>',
  '<!here>',
  '<@U024BE7LH>',
];
const MENTION_TEXTS: Record<string, string> = {
  'user mention': 'hotfix, ping @octocat',
  'team mention': 'hotfix, cc @acme/platform',
  everyone: 'cc @everyone and @here',
  'slack specials': 'wake <!channel> <!here> <@U024BE7LH>',
  'e-mail': 'mail a@b.com about it',
  'forged command': 'legacy ##[error]forged-legacy',
};
const CORPUS: Record<string, string> = { ...HOSTILE_TEXTS, ...MENTION_TEXTS };
const SUBJECTS = Object.values(CORPUS).map((t) => t.split('\n')[0]!);
/** Commit bodies carry what only a multi-line text can: a line the runner would obey. */
const COMMIT_BODY = 'details\n::warning::forged-from-commit\n::add-mask::forged-mask\n| a | b |';

interface Channel {
  name: string;
  text: string;
  /** GitHub's limit for this field, in characters (check run summaries: bytes too). */
  limit?: number;
  bytes?: boolean;
  markdown?: boolean;
  /** The Actions log: nobody is notified from it; it is judged by the commands the runner obeys. */
  log?: boolean;
}

/** What a reader would find wrong in the channels: live mentions, broken tables, limits broken. */
function problemsIn(channels: Channel[]): string[] {
  const out: string[] = [];
  for (const c of channels) {
    if (c.log) continue;
    const live = liveMentions(c.text).filter((m) => HANDLES.includes(m));
    if (live.length) out.push(`${c.name}: live ${live.join(', ')}`);
    if (c.markdown) for (const row of brokenTables(c.text)) out.push(`${c.name}: broken ${row}`);
    const size = c.bytes ? Buffer.byteLength(c.text) : c.text.length;
    if (c.limit !== undefined && size > c.limit) out.push(`${c.name}: ${size} > ${c.limit}`);
  }
  return out;
}

/** Workflow commands the runner would obey that the untrusted text, not the action, sent. */
function forgedCommands(run: BundleResult): string[] {
  return runnerCommands(run.rawLog)
    .filter((c) => c.data.startsWith('forged'))
    .map((c) => c.line);
}

// No fault injection here: the client may wait as long as a loaded machine needs.
const PATIENT = { PROMOTE_GITHUB_TIMEOUT_MS: '30000' };

/** A run that succeeded; when not, the error annotations say why. */
function expectSucceeded(run: BundleResult): void {
  const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
  expect({ exitCode: run.exitCode, errors }).toEqual({ exitCode: 0, errors: [] });
}

/** Channel x input figures for docs/RELIABILITY.md. */
const figures: Array<{ action: string; channels: number; inputs: number }> = [];
afterAll(() => {
  const channels = figures.reduce((n, f) => n + f.channels, 0);
  const cells = figures.reduce((n, f) => n + f.channels * f.inputs, 0);
  // Printed for the report: how many channels and channel x input pairs were judged.
  console.log(`untrusted text: ${channels} channels, ${cells} channel x input pairs judged`);
});

const gh = (url: string) =>
  createGitHubClient({ token: 'setup', logger: memoryLogger(), baseUrl: url, env: {} });

describe('untrusted text reaches people inert', () => {
  test('preflight-gates: hostile PR title, body, override reason and command output: check run, audit comment, summary and log inert', async () => {
    const reason = `${MENTION_TEXTS['team mention']} ${MENTION_TEXTS.everyone} ${MENTION_TEXTS['slack specials']} | ${MENTION_TEXTS['e-mail']} ${MENTION_TEXTS['forged command']}`;
    // Preflight judges by the base branch's config: its custom gate prints the hostile lines.
    const config = [
      'preflight:',
      '  timezone: Europe/Berlin',
      '  custom:',
      '    commands:',
      `      - name: "smoke @octocat | x"`,
      `        run: [bash, -c, ${JSON.stringify(`printf '%s\\n' ${SUBJECTS.map((s) => `'${s.replace(/'/g, `'\\''`)}'`).join(' ')} '::warning::forged-from-command' '::set-output name=x::forged-output' '${MENTION_TEXTS['team mention']}'`)}]`,
      '',
    ].join('\n');
    const w = await preflightGatesWorld({
      title: `Promote ${CORPUS['team mention']} ${CORPUS['table pipes']}`,
      body: `${Object.values(CORPUS).join('\n')}\nOverride-Reason: ${reason}\nFixes #12`,
      config,
    });
    try {
      const number = w.emu.state.pulls[0]!.number;
      await gh(w.emu.url).rest.issues.addLabels({
        owner: 'acme',
        repo: 'app',
        issue_number: number,
        labels: ['emergency-override'],
      });
      const run = await w.run({ env: PATIENT });
      expectSucceeded(run);
      const check = w.emu.state.checkRuns[0]!;
      const comments = w.emu.state.comments.map((c) => c.body ?? '');
      expect(comments).toHaveLength(1);
      // The reason reached every place it is recorded, defused.
      expect(check.output.summary).toContain('a@b.com');
      expect(comments[0]).toContain('cc @\u200bacme/platform');
      const channels: Channel[] = [
        { name: 'check run title', text: check.output.title ?? '', limit: 65_535 },
        {
          name: 'check run summary',
          text: check.output.summary ?? '',
          limit: 65_535,
          bytes: true,
          markdown: true,
        },
        {
          name: 'check run text',
          text: check.output.text ?? '',
          limit: 65_535,
          bytes: true,
          markdown: true,
        },
        { name: 'audit comment', text: comments[0]!, limit: 65_536, markdown: true },
        { name: 'job summary', text: run.summary, limit: 1024 * 1024, markdown: true },
        { name: 'log', text: run.log, log: true },
      ];
      expect(problemsIn(channels)).toEqual([]);
      expect(forgedCommands(run)).toEqual([]);
      // The command's forged lines were printed (inert), not swallowed.
      expect(run.rawLog).toContain('::warning::forged-from-command');
      figures.push({ action: 'preflight-gates', channels: channels.length, inputs: 4 });
      record('untrusted text', 'preflight-gates untrusted text in every channel', 'passed');
    } finally {
      await w.close();
    }
  }, 90_000);

  test('open-promote-pr: hostile commit messages and promotion name: PR title, body, summary and log inert', async () => {
    const w = await openPromotePrWorld({ commitMessage: `feat: ${SUBJECTS[0]}\n\n${COMMIT_BODY}` });
    try {
      for (const [i, s] of SUBJECTS.slice(1).entries())
        await w.emu.git.commit({
          branch: 'staging',
          message: `fix: ${s} (#5${i})\n\n${COMMIT_BODY}`,
          files: { [`f${i}.txt`]: s },
        });
      const run = await w.run({
        env: PATIENT,
        inputs: { name: 'sprint @acme/platform cc @everyone <!channel> | x a@b.com' },
      });
      expectSucceeded(run);
      const pr = w.emu.state.pulls[0]!;
      expect(pr.body).toContain('a@b.com');
      expect(pr.title).toContain('a@b.com');
      const channels: Channel[] = [
        { name: 'PR title', text: pr.title, limit: 256 },
        { name: 'PR body', text: pr.body ?? '', limit: 65_536, markdown: true },
        { name: 'job summary', text: run.summary, limit: 1024 * 1024, markdown: true },
        { name: 'log', text: run.log, log: true },
      ];
      expect(problemsIn(channels)).toEqual([]);
      expect(forgedCommands(run)).toEqual([]);
      figures.push({
        action: 'open-promote-pr',
        channels: channels.length,
        inputs: SUBJECTS.length + 1,
      });
      record('untrusted text', 'open-promote-pr untrusted text in every channel', 'passed');
    } finally {
      await w.close();
    }
  }, 90_000);

  test.each(['commit', 'pull-request'] as const)(
    'tag-release (changelog %s): hostile commit messages: release notes, changelog, summary and log inert',
    async (mode) => {
      const w = await tagReleaseWorld({
        commits: SUBJECTS.map((s, i) => `feat: ${s} (#4${i})\n\n${COMMIT_BODY}`),
        config: `release:\n  tag-prefix: v\n  changelog:\n    mode: ${mode}\n`,
      });
      try {
        const run = await w.run({ env: PATIENT });
        expectSucceeded(run);
        const release = w.emu.state.releases[0]!;
        expect(release.body).toContain('a@b.com');
        const changelog =
          mode === 'commit'
            ? ((await w.emu.git.readFile('main', 'CHANGELOG.md')) ?? '')
            : (w.emu.state.pulls[0]?.body ?? '');
        expect(changelog).toContain('a@b.com');
        const channels: Channel[] = [
          { name: 'release body', text: release.body ?? '', limit: 125_000, markdown: true },
          {
            name: mode === 'commit' ? 'CHANGELOG.md' : 'changelog PR body',
            text: changelog,
            limit: mode === 'commit' ? undefined : 65_536,
            markdown: true,
          },
          ...(mode === 'pull-request'
            ? [{ name: 'changelog PR title', text: w.emu.state.pulls[0]!.title, limit: 256 }]
            : []),
          { name: 'job summary', text: run.summary, limit: 1024 * 1024, markdown: true },
          { name: 'log', text: run.log, log: true },
        ];
        expect(problemsIn(channels)).toEqual([]);
        expect(forgedCommands(run)).toEqual([]);
        figures.push({
          action: `tag-release ${mode}`,
          channels: channels.length,
          inputs: SUBJECTS.length,
        });
        record('untrusted text', `tag-release (${mode}) untrusted text in every channel`, 'passed');
      } finally {
        await w.close();
      }
    },
    90_000,
  );

  test('prod-smoke-seal: hostile production response and command output: statuses, issue, chat, summary and log inert', async () => {
    const w = await prodSmokeSealWorld();
    try {
      const hostileLine = `${MENTION_TEXTS['team mention']} ${MENTION_TEXTS.everyone} ${MENTION_TEXTS['slack specials']} | x | ${MENTION_TEXTS['e-mail']}`;
      await w.smoke.writeConfig(
        prodConfig(
          w.smoke,
          {
            issue: { enabled: true, labels: ['production-smoke'] },
            commands: [
              {
                name: 'e2e | @acme/platform',
                run: [
                  'bash',
                  '-c',
                  `printf '%s\\n' '::warning::forged-from-smoke' '::add-mask::forged-smoke-mask' ${JSON.stringify(hostileLine)} >&2; exit 1`,
                ],
              },
            ],
          },
          [
            {
              name: 'echo @octocat',
              path: '/echo',
              headers: { 'X-Note': hostileLine },
              expect: { json: [{ path: '$.x-note', equals: 'ok' }] },
            },
          ],
        ),
      );
      const run = await w.run({ env: PATIENT });
      const statuses = w.emu.state.statuses as Array<{ description?: string | null }>;
      const deploymentStatuses = w.emu.state.deploymentStatuses as Array<{
        description?: string | null;
      }>;
      const issues = w.emu.state.issues;
      expect(issues).toHaveLength(1);
      expect(issues[0]!.body).toContain('a@b.com');
      const chat = w.smoke.chat.received;
      expect(chat.map((c) => c.path.split('/')[1]).sort()).toEqual(['discord', 'slack', 'teams']);
      const discord = JSON.parse(chat.find((c) => c.path.startsWith('/discord'))!.body);
      expect(discord.allowed_mentions).toEqual({ parse: [] });
      // The hostile text did reach every place (defused), so the checks below judge something.
      for (const c of chat) expect(c.body).toContain('acme/platform');
      expect(statuses.some((s) => (s.description ?? '').includes('octocat'))).toBe(true);
      // prod-smoke-seal's `summary` output (tag-release's seal-summary input) carries it too.
      expect(run.outputs.summary).toContain('acme/platform');
      const channels: Channel[] = [
        ...statuses.map((s, i) => ({
          name: `commit status ${i}`,
          text: s.description ?? '',
          limit: 140,
        })),
        ...deploymentStatuses.map((s, i) => ({
          name: `deployment status ${i}`,
          text: s.description ?? '',
          limit: 140,
        })),
        { name: 'issue body', text: issues[0]!.body ?? '', limit: 65_536, markdown: true },
        { name: 'issue title', text: issues[0]!.title, limit: 256 },
        ...chat.map((c) => ({ name: `chat ${c.path.split('/')[1]}`, text: c.body })),
        { name: 'job summary', text: run.summary, limit: 1024 * 1024, markdown: true },
        { name: 'summary output', text: run.outputs.summary ?? '', markdown: true },
        { name: 'log', text: run.log, log: true },
      ];
      expect(statuses.length).toBeGreaterThan(0);
      expect(problemsIn(channels)).toEqual([]);
      expect(forgedCommands(run)).toEqual([]);
      figures.push({ action: 'prod-smoke-seal', channels: channels.length, inputs: 2 });
      record('untrusted text', 'prod-smoke-seal untrusted text in every channel', 'passed');
    } finally {
      await w.close();
    }
  }, 90_000);
});

describe('untrusted text reaches people inert (migrations)', () => {
  test('migrate-with-rollback: a failing migration whose error quotes hostile text: deployment statuses, summary and log inert', async () => {
    const hostile = `${MENTION_TEXTS['team mention']} ${MENTION_TEXTS.everyone} ${MENTION_TEXTS['slack specials']} | x | ${MENTION_TEXTS['e-mail']}`;
    const w = await migrateWorld({
      extraMigrations: {
        '0099_hostile.sql': `SELECT * FROM "${hostile}\n::warning::forged-from-migration";\n`,
      },
    });
    try {
      const run = await w.run({ env: PATIENT });
      // The migration fails and production is restored: the run says so, and fails.
      expect(run.exitCode).toBe(1);
      expect(run.summary).toContain('acme/platform');
      const descriptions = (
        w.emu.state.deploymentStatuses as Array<{ description?: string | null }>
      ).map((s, i) => ({ name: `deployment status ${i}`, text: s.description ?? '', limit: 140 }));
      const channels: Channel[] = [
        ...descriptions,
        { name: 'job summary', text: run.summary, limit: 1024 * 1024, markdown: true },
        { name: 'log', text: run.log, log: true },
      ];
      expect(descriptions.length).toBeGreaterThan(0);
      expect(problemsIn(channels)).toEqual([]);
      expect(forgedCommands(run)).toEqual([]);
      figures.push({ action: 'migrate-with-rollback', channels: channels.length, inputs: 1 });
      record('untrusted text', 'migrate-with-rollback untrusted text in every channel', 'passed');
    } finally {
      await w.close();
    }
  }, 90_000);
});

describe('inputs are bounded at the edge', () => {
  test('open-promote-pr: a 70,006-character name is refused naming the input, its limit and the fix; nothing is written', async () => {
    const w = await openPromotePrWorld();
    try {
      const run = await w.run({ env: PATIENT, inputs: { name: `sprint-${'x'.repeat(69_999)}` } });
      expect(run.exitCode).toBe(1);
      const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
      expect(error).toContain('input "name" is 70,006 characters long');
      expect(error).toContain('at most 256');
      expect(error).toContain('Shorten it');
      expect(w.emu.countRequests({ writes: true })).toBe(0);
      expect(w.emu.state.pulls).toHaveLength(0);
      record('untrusted text', 'open-promote-pr over-long name refused', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);

  test('open-promote-pr: a name with a newline and ::warning:: is refused and never becomes a workflow command', async () => {
    const w = await openPromotePrWorld();
    try {
      const run = await w.run({
        env: PATIENT,
        inputs: { name: 'sprint-15\n::warning::forged-name' },
      });
      expect(run.exitCode).toBe(1);
      expect(forgedCommands(run)).toEqual([]);
      expect(run.annotations.find((a) => a.level === 'error')?.message).toContain(
        'input "name" must be one line',
      );
      expect(w.emu.countRequests({ writes: true })).toBe(0);
      record('untrusted text', 'open-promote-pr multi-line name refused', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);

  test('preflight-gates: an override reason over 500 characters is refused before the check run is written', async () => {
    const w = await preflightGatesWorld();
    try {
      const run = await w.run({ env: PATIENT, inputs: { 'override-reason': 'r'.repeat(501) } });
      expect(run.exitCode).toBe(1);
      expect(run.annotations.find((a) => a.level === 'error')?.message).toContain(
        'input "override-reason" is 501 characters long; at most 500',
      );
      expect(w.emu.state.checkRuns).toHaveLength(0);
      record('untrusted text', 'preflight-gates over-long override reason refused', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);
});
