// Concurrency: tag-release for two merges at once (merge #2 on top of merge #1, released at the
// same time and in reverse completion order), and the same merge delivered twice at once. What a
// user checks: tags in commit order (a later merge never carries a lower version; an earlier
// merge covered by a later tag is reported as released in it), one release per tag, changelog
// entries in order with no changelog commit lost, one chat notification per release.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { runBundle, type BundleResult } from '../support/harness.js';
import { createGitHistory } from '../support/git-history.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { waitUntil } from '../support/wait.js';
import { mergedPullRequestEvent, OWNER, REPO } from '../actions/tag-release/world.js';
import { failureText } from './fault-runner.js';
import { record } from './recorder.js';
import { FAST_CLIENT, RELEASE_TOKEN } from './worlds.js';

interface Merge {
  sha: string;
  number: number;
}

interface TwoMergesWorld {
  emu: Emulator;
  chat: WebhookReceiver;
  first: Merge;
  second: Merge;
  release(merge: Merge, env?: Record<string, string>): Promise<BundleResult>;
  /** What is wrong after every release run finished ([] when correct). */
  check(runs: Map<Merge, BundleResult[]>): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * tagReleaseWorld's history (v2.6.0, a feature promoted in merge #77) plus a fix promoted in
 * merge #78 on top of it; Slack notifications to a local receiver.
 */
async function twoMergesWorld(): Promise<TwoMergesWorld> {
  const emu = await startEmulator({ owner: OWNER, repo: REPO });
  const chat = await startWebhookReceiver();
  const h = createGitHistory();
  h.commit('docs: changelog', {
    file: 'CHANGELOG.md',
    content: '# Changelog\n\n## [Unreleased]\n',
  });
  h.tag('v2.6.0');
  h.branch('staging');
  h.commit('feat(search): fuzzy matching (#40)');
  h.checkout('main');
  const promote = (number: number) => {
    h.git([
      'merge',
      '-q',
      '--no-ff',
      '-m',
      `Merge pull request #${number} from acme/promote/staging`,
      'staging',
    ]);
    return { sha: h.head(), number };
  };
  const first = promote(77);
  h.checkout('staging');
  h.commit('fix: crash on empty cart (#41)');
  h.checkout('main');
  const second = promote(78);
  h.pushTo(emu.git.dir);
  const workspace = mkdtempSync(join(tmpdir(), 'promote-rel-concurrency-'));
  mkdirSync(join(workspace, '.github'));
  writeFileSync(
    join(workspace, '.github', 'promotion.yml'),
    'release:\n  tag-prefix: v\nnotify:\n  slack:\n    webhook-env: SLACK_WEBHOOK_URL\n',
  );
  const release = (merge: Merge, env: Record<string, string> = {}) =>
    Promise.resolve(
      runBundle({
        action: 'tag-release',
        emulator: emu,
        cwd: workspace,
        sha: merge.sha,
        token: RELEASE_TOKEN,
        event: { name: 'pull_request', payload: mergedPullRequestEvent(merge.sha, merge.number) },
        inputs: { token: RELEASE_TOKEN, seal: 'green' },
        env: { ...FAST_CLIENT, SLACK_WEBHOOK_URL: chat.hook('/slack'), ...env },
      }),
    );

  async function check(runs: Map<Merge, BundleResult[]>): Promise<string[]> {
    const wrong: string[] = [];
    for (const [merge, results] of runs)
      for (const run of results)
        if (run.exitCode !== 0)
          wrong.push(
            `the release of #${merge.number} failed: ${failureText(run.log).slice(0, 400)}`,
          );
    const tags = Object.entries(await emu.git.tags())
      .filter(([name]) => name !== 'v2.6.0')
      .map(([name, t]) => ({ name, sha: t.sha, version: semver.valid(name.slice(1)) ?? '' }));
    const tagOf = (m: Merge) => tags.filter((t) => t.sha === m.sha);
    for (const m of [first, second])
      if (tagOf(m).length > 1) wrong.push(`#${m.number} carries ${tagOf(m).length} tags`);
    for (const t of tags)
      if (t.sha !== first.sha && t.sha !== second.sha) wrong.push(`${t.name} is on neither merge`);
    const [a] = tagOf(first);
    const [b] = tagOf(second);
    if (runs.has(second) && !b) wrong.push(`the later merge #${second.number} has no tag`);
    if (!runs.has(second) && !a) wrong.push(`#${first.number} has no tag`);
    if (a && b && !semver.lt(a.version, b.version))
      wrong.push(`the later merge carries ${b.name}, not above the earlier merge's ${a.name}`);
    if (!a && b && runs.has(first)) {
      // Covered by the later tag: the earlier merge's run says it is released in that tag.
      for (const run of runs.get(first) ?? [])
        if (!new RegExp(`released in ${b.name.replace(/\./g, '\\.')}`).test(run.log))
          wrong.push(`the run for #${first.number} does not say it is released in ${b.name}`);
    }
    const releases = emu.state.releases.map((r) => r.tag_name).sort();
    const names = tags.map((t) => t.name).sort();
    if (releases.join(',') !== names.join(','))
      wrong.push(
        `releases ${releases.join(',')} for tags ${names.join(',')} (one release per tag)`,
      );
    const changelog = (await emu.git.readFile('main', 'CHANGELOG.md')) ?? '';
    const headings = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm)].map(
      (m) => m[1] as string,
    );
    const expected = tags.map((t) => t.version).sort(semver.rcompare);
    if (headings.join(',') !== expected.join(','))
      wrong.push(
        `changelog sections ${headings.join(',')}, expected ${expected.join(',')} (newest first, once each)`,
      );
    const changelogCommits = await emu.git.revList('main', second.sha);
    if (changelogCommits.length !== tags.length)
      wrong.push(
        `${changelogCommits.length} changelog commits after the merges for ${tags.length} tags`,
      );
    const messages = chat.on('/slack').length;
    if (messages !== tags.length)
      wrong.push(`${messages} chat notifications for ${tags.length} releases`);
    return wrong;
  }

  return {
    emu,
    chat,
    first,
    second,
    release,
    check,
    async close() {
      await emu.close();
      await chat.close();
      h.cleanup();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

async function scenario(
  name: string,
  body: (w: TwoMergesWorld) => Promise<Map<Merge, BundleResult[]>>,
): Promise<string[]> {
  const w = await twoMergesWorld();
  try {
    const wrong = await w.check(await body(w));
    record('concurrency', `tag-release: ${name}`, wrong.length ? 'state-wrong' : 'passed');
    return wrong;
  } finally {
    await w.close();
  }
}

describe('tag-release: two merges at once', () => {
  test.each([1, 2])(
    'both releases started together (%i): tags in commit order, one release and one changelog entry each',
    async () => {
      const wrong = await scenario('two merges released at once', async (w) => {
        const [a, b] = await Promise.all([w.release(w.first), w.release(w.second)]);
        return new Map([
          [w.first, [a]],
          [w.second, [b]],
        ]);
      });
      expect(wrong).toEqual([]);
    },
    60_000,
  );

  test('the later merge released first: the earlier one is reported as released in its tag', async () => {
    const wrong = await scenario('two merges, the later released first', async (w) => {
      const b = await w.release(w.second);
      const a = await w.release(w.first);
      return new Map([
        [w.first, [a]],
        [w.second, [b]],
      ]);
    });
    expect(wrong).toEqual([]);
  }, 60_000);

  test('the later merge decided v2.7.0 but the earlier one tagged it first: the later one decides again and tags v2.7.1', async () => {
    const wrong = await scenario('two merges, the earlier wins the tag race', async (w) => {
      // #78's tag ref is held until #77's release is done: #78 decided v2.7.0 before #77 tagged it.
      let firstDone!: () => void;
      w.emu.faults.inject({
        operationId: 'git/create-ref',
        kind: 'slow',
        until: new Promise<void>((resolve) => (firstDone = resolve)),
      });
      // A held request must not time out and be retried around the hold.
      const patient = { PROMOTE_GITHUB_TIMEOUT_MS: '60000' };
      const later = w.release(w.second, patient);
      await waitUntil(
        () => w.emu.filterRequests({ operationId: 'git/create-ref' }).length > 0,
        "#78's tag ref request to reach GitHub (held there)",
      );
      const a = await w.release(w.first, patient);
      firstDone();
      const b = await later;
      if (!/deciding the version again/.test(b.log))
        throw new Error(`#78 did not lose the race as arranged:\n${b.log.slice(-1500)}`);
      return new Map([
        [w.first, [a]],
        [w.second, [b]],
      ]);
    });
    expect(wrong).toEqual([]);
  }, 60_000);

  test('in merge order, one after the other: v2.7.0 on #77, v2.7.1 on #78', async () => {
    const w = await twoMergesWorld();
    try {
      const a = await w.release(w.first);
      const b = await w.release(w.second);
      const wrong = await w.check(
        new Map([
          [w.first, [a]],
          [w.second, [b]],
        ]),
      );
      const tags = await w.emu.git.tags();
      record(
        'concurrency',
        'tag-release: two merges in order',
        wrong.length ? 'state-wrong' : 'passed',
      );
      expect(wrong).toEqual([]);
      expect([tags['v2.7.0']?.sha, tags['v2.7.1']?.sha]).toEqual([w.first.sha, w.second.sha]);
    } finally {
      await w.close();
    }
  }, 60_000);
});

describe('tag-release: the same merge delivered twice at once', () => {
  test.each([1, 2])(
    'one tag, one release, one changelog entry, one notification (%i)',
    async () => {
      const wrong = await scenario('the same merge delivered twice at once', async (w) => {
        const runs = await Promise.all([w.release(w.first), w.release(w.first)]);
        return new Map([[w.first, runs]]);
      });
      expect(wrong).toEqual([]);
    },
    60_000,
  );
});
