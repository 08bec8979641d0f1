// Each action acts only on the events it is for (issue #16). Every example payload GitHub
// contributed to @octokit/webhooks-examples goes through every action's event guard (the pure
// function the bundles call first); a representative run per distinct (event, shape) goes through
// the real bundles against the emulator, whose request log must show no write (no request at all)
// on every event the action is not for. The cases found in the issue run in full worlds, where an
// action without its guard would really write.
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgeEvent, type EventPolicy, type GuardFacts } from '@promote/core/event-guard';
import { PREFLIGHT_EVENTS } from '../../actions/preflight-gates/src/event-policy.js';
import { OPEN_PROMOTE_PR_EVENTS } from '../../actions/open-promote-pr/src/event-policy.js';
import {
  MIGRATE_EVENTS,
  ROLLBACK_EVENTS,
} from '../../actions/migrate-with-rollback/src/event-policy.js';
import { SMOKE_SEAL_EVENTS } from '../../actions/prod-smoke-seal/src/event-policy.js';
import { TAG_RELEASE_EVENTS } from '../../actions/tag-release/src/event-policy.js';
import { startEmulator, type Emulator } from '../support/emulator/index.js';
import { runBundle, type BundleResult } from '../support/harness.js';
import { adaptPayload, examplePayload } from '../support/payloads.js';
import { isFullTier, record } from './recorder.js';
import { ACTIONS, type ActionName } from './scenarios.js';
import {
  migrateWorld,
  openPromotePrWorld,
  preflightGatesWorld,
  prodSmokeSealWorld,
  tagReleaseWorld,
  type ActionWorld,
} from './worlds.js';

type Json = Record<string, any>;
interface Delivery {
  event: string;
  payload: Json;
}

const require = createRequire(import.meta.url);
const EXAMPLES = require('@octokit/webhooks-examples/api.github.com/index.json') as Array<{
  name: string;
  examples: Json[];
}>;
/** The examples' repository default branch: the production branch of this file's worlds. */
const PRODUCTION = 'master';

/** Every example payload, as delivered, plus the shapes the collection lacks. */
function deliveries(): Delivery[] {
  const all: Delivery[] = EXAMPLES.flatMap((g) =>
    g.examples.map((payload) => ({ event: g.name, payload: structuredClone(payload) })),
  );
  const closed = all.filter((d) => d.event === 'pull_request' && d.payload.action === 'closed');
  const extra: Delivery[] = [
    // The collection has no merged pull request: its two closed ones, merged, into production and
    // into another branch.
    ...closed.flatMap((d) =>
      [PRODUCTION, 'staging'].map((baseRef) => ({
        event: 'pull_request',
        payload: adaptPayload(d.payload, { merged: true, baseRef, mergeCommitSha: 'a'.repeat(40) }),
      })),
    ),
    // pull_request_target delivers pull_request's payload.
    ...all
      .filter((d) => d.event === 'pull_request')
      .map((d) => ({ event: 'pull_request_target', payload: structuredClone(d.payload) })),
    { event: 'schedule', payload: { schedule: '30 5 * * 1-5' } },
    // Nor an edited one (a title or body change): the first opened one, edited.
    {
      event: 'pull_request',
      payload: {
        ...structuredClone(
          all.find((d) => d.event === 'pull_request' && d.payload.action === 'opened')!.payload,
        ),
        action: 'edited',
        changes: { title: { from: 'Update the README' } },
      },
    },
  ];
  return [...all, ...extra];
}

/**
 * What a person reading the payload would call it: the class the expectations below are written
 * in. Independent of the guard: it names facts, it does not decide.
 */
function classOf(d: Delivery): string {
  const p = d.payload;
  if (d.event === 'pull_request' || d.event === 'pull_request_target') {
    if (p.action !== 'closed') return `${d.event} ${p.action}`;
    return p.pull_request.merged
      ? `${d.event} closed merged into ${p.pull_request.base.ref}`
      : `${d.event} closed unmerged`;
  }
  if (d.event === 'push') {
    if (p.deleted) return `push deleting ${p.ref.startsWith('refs/tags/') ? 'a tag' : 'a branch'}`;
    if (p.ref.startsWith('refs/tags/')) return 'push of a tag';
    return `push to ${p.ref.replace('refs/heads/', '')}`;
  }
  if (d.event === 'workflow_dispatch') return `workflow_dispatch on ${p.ref}`;
  return p.action ? `${d.event} ${p.action}` : d.event;
}

const UPDATES = [
  'opened',
  'synchronize',
  'reopened',
  'edited',
  'labeled',
  'unlabeled',
  'ready_for_review',
];
const MERGED = [
  `pull_request closed merged into ${PRODUCTION}`,
  `pull_request_target closed merged into ${PRODUCTION}`,
];

/** The contract, as the READMEs state it: the classes each action acts on. Everything else skips. */
const ACTS_ON: Record<string, { policy: EventPolicy; classes: string[] }> = {
  'preflight-gates': {
    policy: PREFLIGHT_EVENTS,
    classes: [
      ...UPDATES.flatMap((a) => [`pull_request ${a}`, `pull_request_target ${a}`]),
      'pull_request_review submitted',
      'pull_request_review dismissed',
      'merge_group checks_requested',
      // workflow_dispatch only with a pull-request number: the examples carry none.
    ],
  },
  'open-promote-pr': {
    policy: OPEN_PROMOTE_PR_EVENTS,
    classes: [
      'workflow_dispatch on refs/heads/main',
      'workflow_dispatch on refs/heads/master',
      'schedule',
    ],
  },
  'migrate-with-rollback': {
    policy: MIGRATE_EVENTS,
    classes: [...MERGED, `push to ${PRODUCTION}`],
  },
  'migrate-with-rollback (mode: rollback)': {
    policy: ROLLBACK_EVENTS,
    classes: [
      ...MERGED,
      `push to ${PRODUCTION}`,
      'workflow_dispatch on refs/heads/main',
      'workflow_dispatch on refs/heads/master',
    ],
  },
  'prod-smoke-seal': {
    policy: SMOKE_SEAL_EVENTS,
    classes: [...MERGED, `push to ${PRODUCTION}`, `workflow_dispatch on refs/heads/${PRODUCTION}`],
  },
  'tag-release': {
    policy: TAG_RELEASE_EVENTS,
    classes: [...MERGED, `push to ${PRODUCTION}`, `workflow_dispatch on refs/heads/${PRODUCTION}`],
  },
};

const judge = (policy: EventPolicy, d: Delivery, facts: GuardFacts = {}) =>
  judgeEvent(
    policy,
    { name: d.event, payload: d.payload },
    { productionBranch: PRODUCTION, ...facts },
  );

describe('the event guard classifies every example payload (pure)', () => {
  const all = deliveries();
  const exampleCount = EXAMPLES.reduce((n, g) => n + g.examples.length, 0);

  test('the corpus is every example of every event in @octokit/webhooks-examples', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(58);
    expect(exampleCount).toBeGreaterThanOrEqual(329);
    expect(all.length).toBe(exampleCount + 4 + 29 + 1 + 1);
  });

  test.each(Object.keys(ACTS_ON))(
    '%s acts only on its events; every other payload is skipped with a one-line reason',
    (name) => {
      const { policy, classes } = ACTS_ON[name]!;
      const wrong: string[] = [];
      let acted = 0;
      for (const d of all) {
        const klass = classOf(d);
        const verdict = judge(policy, d);
        const expected = classes.includes(klass);
        if (verdict.act !== expected)
          wrong.push(`${klass}: ${verdict.act ? 'acted' : `skipped (${verdict.reason})`}`);
        if (verdict.act) acted++;
        else if (!/^[^\n]+ acts on [^\n]+$/.test(verdict.reason))
          wrong.push(`${klass}: reason is not one line naming what it acts on: ${verdict.reason}`);
      }
      expect(wrong).toEqual([]);
      // Every class in the contract exists in the corpus: a guard acting on nothing fails here.
      expect(acted).toBeGreaterThan(0);
      for (const c of classes.filter((c) => !c.startsWith('pull_request_target')))
        expect(all.some((d) => classOf(d) === c)).toBe(true);
      record('events', `${name}: ${all.length} payloads classified, ${acted} acted on`, 'passed');
    },
  );

  test('the cases found in issue #16 skip, each with the reason a user needs', () => {
    const closedUnmerged = all.filter((d) => classOf(d) === 'pull_request closed unmerged');
    expect(closedUnmerged).toHaveLength(2);
    for (const d of closedUnmerged) {
      expect(judge(SMOKE_SEAL_EVENTS, d)).toEqual({
        act: false,
        reason: expect.stringMatching(
          /^pull request #\d+ was closed without merging; prod-smoke-seal acts on a pull request merged into master/,
        ),
      });
    }
    // Every one of the 29 pull_request examples (and the edited one), closed-unmerged among them.
    const prs = all.filter((d) => d.event === 'pull_request' && !d.payload.pull_request.merged);
    expect(prs).toHaveLength(30);
    expect(prs.filter((d) => judge(SMOKE_SEAL_EVENTS, d).act)).toEqual([]);

    const deletions = all.filter((d) => d.event === 'push' && d.payload.deleted);
    expect(deletions.length).toBeGreaterThan(0);
    for (const d of deletions) {
      for (const policy of [TAG_RELEASE_EVENTS, SMOKE_SEAL_EVENTS]) {
        const verdict = judge(policy, d);
        expect(verdict.act).toBe(false);
        expect(!verdict.act && verdict.reason).toMatch(/^the push deleted refs\/tags\/simple-tag;/);
      }
    }
    const tagCreation = all.find((d) => classOf(d) === 'push of a tag')!;
    expect(judge(TAG_RELEASE_EVENTS, tagCreation)).toEqual({
      act: false,
      reason: expect.stringMatching(
        /^the push is of the tag simple-tag, not a branch; tag-release acts on/,
      ),
    });
  });

  test('workflow_dispatch: a seal or release from another branch needs the sha input; preflight needs the PR number', () => {
    const fromMain = all.find((d) => classOf(d) === 'workflow_dispatch on refs/heads/main')!;
    for (const policy of [SMOKE_SEAL_EVENTS, TAG_RELEASE_EVENTS]) {
      expect(judge(policy, fromMain).act).toBe(false);
      expect(judge(policy, fromMain, { sha: 'b'.repeat(40) }).act).toBe(true);
      // Before the config is read the branch is not known: the shape alone passes.
      expect(judgeEvent(policy, { name: fromMain.event, payload: fromMain.payload }).act).toBe(
        true,
      );
    }
    expect(judge(PREFLIGHT_EVENTS, fromMain).act).toBe(false);
    expect(judge(PREFLIGHT_EVENTS, fromMain, { pullRequest: 12 })).toMatchObject({
      act: true,
      what: expect.stringContaining('pull request #12'),
    });
    const withInput = {
      ...fromMain,
      payload: { ...fromMain.payload, inputs: { 'pull-request': '#7' } },
    };
    expect(judge(PREFLIGHT_EVENTS, withInput)).toMatchObject({ act: true });
  });

  test('a merged pull request is acted on at its merge commit, a push at its pushed commit', () => {
    const merged = all.find((d) => classOf(d) === `pull_request closed merged into ${PRODUCTION}`)!;
    expect(judge(TAG_RELEASE_EVENTS, merged)).toMatchObject({ act: true, sha: 'a'.repeat(40) });
    const push = all.find((d) => classOf(d) === `push to ${PRODUCTION}`)!;
    expect(judge(MIGRATE_EVENTS, push)).toMatchObject({ act: true, sha: push.payload.after });
    expect(judge(MIGRATE_EVENTS, push, { productionBranch: 'main' })).toMatchObject({
      act: false,
      reason: expect.stringContaining('push to master, not the production branch main'),
    });
  });
});

// ------------------------------------------------------------------ through the bundles

/** One delivery per distinct guard class (full tier: per distinct (event, action) of the corpus). */
function representatives(): Delivery[] {
  const handled = [
    'pull_request',
    'pull_request_review',
    'merge_group',
    'push',
    'workflow_dispatch',
  ];
  const sample = [
    'issues',
    'issue_comment',
    'release',
    'create',
    'delete',
    'workflow_run',
    'check_suite',
    'deployment_status',
    'repository_dispatch',
    'status',
  ];
  const seen = new Set<string>();
  const out: Delivery[] = [];
  for (const d of deliveries()) {
    const known =
      handled.includes(d.event) || d.event === 'pull_request_target' || d.event === 'schedule';
    // The full tier runs every distinct class through the bundles; the quick tier one delivery
    // per event (the wiring from guard to outputs is the same for every class, and the pure
    // guard above judges every class of every example).
    const key = isFullTier() ? classOf(d) : d.event;
    if (!known && !isFullTier() && !sample.includes(d.event)) continue;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/** prod-smoke-seal's config needs a base URL; nothing is ever sent to it. */
const INPUTS: Partial<Record<ActionName, Record<string, string>>> = {
  'prod-smoke-seal': { 'base-url': 'http://127.0.0.1:9' },
};

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** A skipped run as a user checks it: green, `skipped`, the reason in log and summary, nothing sent. */
function skipProblems(
  run: BundleResult,
  requests: Array<{ method: string; path: string }> = [],
): string[] {
  const problems: string[] = [];
  const reason = run.outputs['skip-reason'] ?? '';
  if (run.exitCode !== 0)
    problems.push(`exit ${run.exitCode}: ${run.annotations.map((a) => a.message).join(' | ')}`);
  if (run.outputs.skipped !== 'true') problems.push(`skipped=${run.outputs.skipped}`);
  if (!reason || reason.includes('\n')) problems.push(`skip-reason ${JSON.stringify(reason)}`);
  if (!run.annotations.some((a) => a.level === 'notice' && a.message.includes(reason)))
    problems.push('no notice with the reason in the log');
  if (!run.summary.includes('skipped')) problems.push('no skip line in the job summary');
  const writes = requests.filter((r) => WRITES.has(r.method));
  if (writes.length)
    problems.push(`writes: ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  if (requests.length) problems.push(`${requests.length} requests before skipping`);
  return problems;
}

describe('through the bundles: a skipped run writes nothing', () => {
  let emu: Emulator;
  let workspace: string;
  beforeAll(async () => {
    emu = await startEmulator({ owner: 'octo-org', repo: 'octo-repo' });
    workspace = mkdtempSync(join(tmpdir(), 'promote-events-'));
    mkdirSync(join(workspace, '.github'));
    writeFileSync(
      join(workspace, '.github', 'promotion.yml'),
      `branches: { production: ${PRODUCTION}, staging: staging }\nsmoke:\n  checks: [{ name: health, path: /healthz }]\nmigrate:\n  preset: sqlite\n  sqlite-path: ${join(workspace, 'app.db')}\n`,
    );
  });
  afterAll(async () => {
    await emu?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  const policyOf: Record<ActionName, EventPolicy> = {
    'preflight-gates': PREFLIGHT_EVENTS,
    'open-promote-pr': OPEN_PROMOTE_PR_EVENTS,
    'migrate-with-rollback': MIGRATE_EVENTS,
    'prod-smoke-seal': SMOKE_SEAL_EVENTS,
    'tag-release': TAG_RELEASE_EVENTS,
  };

  test.each([...ACTIONS])(
    '%s: one run per distinct event class it is not for',
    async (action) => {
      const skipped = representatives().filter(
        (d) => !ACTS_ON[action]!.classes.includes(classOf(d)),
      );
      expect(skipped.length).toBeGreaterThan(isFullTier() ? 100 : 10);
      const wrong: string[] = [];
      // Two at a time: the machines this runs on have two cores.
      for (let i = 0; i < skipped.length; i += 2) {
        await Promise.all(
          skipped.slice(i, i + 2).map(async (d) => {
            const run = await runBundle({
              action,
              emulator: emu,
              cwd: workspace,
              token: 'ghs_eventsToken000000000000000000000000',
              event: { name: d.event, payload: d.payload },
              inputs: INPUTS[action] ?? {},
              env: { GITHUB_RUN_ID: String(5000 + i) },
            });
            const problems = skipProblems(run);
            // The bundle skips for the guard's reason (before the config is read, the production
            // branch is not named yet: compare up to the list of what it acts on).
            const verdict = judgeEvent(
              policyOf[action],
              { name: d.event, payload: d.payload },
              { productionBranch: PRODUCTION },
            );
            const head = (r: string | undefined) => (r ?? '').split('; ')[0];
            if (verdict.act || head(run.outputs['skip-reason']) !== head(verdict.reason))
              problems.push(`not the guard's reason: ${run.outputs['skip-reason']}`);
            if (problems.length) wrong.push(`${classOf(d)}: ${problems.join('; ')}`);
            record(
              'events',
              `${action}: ${classOf(d)} skipped, nothing written`,
              problems.length ? 'state-wrong' : 'passed',
            );
          }),
        );
      }
      expect(wrong).toEqual([]);
      // Two runs share the emulator at a time, so the log is judged whole: no request at all.
      expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    },
    isFullTier() ? 900_000 : 300_000,
  );
});

// ------------------------------------------------------------------ in full worlds

/** A push payload from the examples, about `ref`, in the world's repository. */
function pushOf(
  w: ActionWorld,
  kind: 'deletion' | 'creation',
  ref: string,
  after: string,
): Delivery {
  const example = EXAMPLES.find((g) => g.name === 'push')!.examples.find((p) =>
    kind === 'deletion' ? p.deleted : p.created,
  )!;
  const payload = adaptPayload(structuredClone(example), {
    owner: w.emu.owner,
    repo: w.emu.repo,
    ref,
    after: kind === 'deletion' ? '0'.repeat(40) : after,
  });
  return { event: 'push', payload };
}

describe('the cases found in issue #16, where an unguarded action would write', () => {
  async function skipsWritingNothing(
    w: ActionWorld,
    d: Delivery,
    inputs: Record<string, string> = {},
  ) {
    const refs = JSON.stringify(await w.emu.git.listRefs());
    const before = w.emu.requests.length;
    const run = await w.run({ event: { name: d.event, payload: d.payload }, inputs });
    expect(skipProblems(run, w.emu.requests.slice(before))).toEqual([]);
    expect(JSON.stringify(await w.emu.git.listRefs())).toBe(refs);
    return run;
  }

  test('a pull request closed without merging: prod-smoke-seal checks nothing and writes no seal', async () => {
    const w = await prodSmokeSealWorld();
    try {
      const payload = adaptPayload(examplePayload('pull_request', 'closed'), {
        owner: 'acme',
        repo: 'shop',
        number: 9,
        merged: false,
        baseRef: 'main',
        headRef: 'feature/never-merged',
      });
      const run = await skipsWritingNothing(w, { event: 'pull_request', payload });
      expect(run.outputs['skip-reason']).toMatch(/^pull request #9 was closed without merging;/);
      expect(run.outputs.seal).toBeUndefined();
      expect(w.emu.state.statuses).toEqual([]);
      expect(await w.check()).toContain('no promote/smoke-seal status on the commit');
      record('events', 'prod-smoke-seal: PR closed unmerged, no seal', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);

  test('a push deleting a tag or a branch: tag-release and prod-smoke-seal skip instead of failing on 404s', async () => {
    const release = await tagReleaseWorld();
    const smoke = await prodSmokeSealWorld();
    try {
      for (const w of [release, smoke]) {
        for (const ref of ['refs/tags/v2.6.0', 'refs/heads/main']) {
          const run = await skipsWritingNothing(w, pushOf(w, 'deletion', ref, ''));
          expect(run.outputs['skip-reason']).toMatch(new RegExp(`^the push deleted ${ref};`));
        }
      }
      expect(release.emu.state.releases).toEqual([]);
      expect(Object.keys(await release.emu.git.tags())).toEqual(['v2.6.0']);
      expect(smoke.emu.state.statuses).toEqual([]);
      record('events', 'tag-release, prod-smoke-seal: tag and branch deletions skipped', 'passed');
    } finally {
      await release.close();
      await smoke.close();
    }
  }, 90_000);

  test('a push creating a tag: tag-release does not release it', async () => {
    const w = await tagReleaseWorld();
    try {
      const d = pushOf(w, 'creation', 'refs/tags/v9.9.9', w.mergeSha);
      const run = await skipsWritingNothing(w, d);
      expect(run.outputs['skip-reason']).toMatch(/^the push is of the tag v9\.9\.9, not a branch;/);
      expect(run.outputs.version).toBeUndefined();
      expect(w.emu.state.releases).toEqual([]);
      expect(Object.keys(await w.emu.git.tags())).toEqual(['v2.6.0']);
      record('events', 'tag-release: tag creation not released', 'passed');
    } finally {
      await w.close();
    }
  }, 60_000);

  const worlds: Record<ActionName, () => Promise<ActionWorld>> = {
    'preflight-gates': () => preflightGatesWorld(),
    'open-promote-pr': () => openPromotePrWorld(),
    'migrate-with-rollback': () => migrateWorld(),
    'prod-smoke-seal': () => prodSmokeSealWorld(),
    'tag-release': () => tagReleaseWorld(),
  };
  test.each([...ACTIONS])(
    '%s still acts on its own event: skipped=false and the state a user expects',
    async (action) => {
      const w = await worlds[action]();
      try {
        const run = await w.run();
        expect(run.outputs.skipped).toBe('false');
        expect(run.exitCode).toBe(0);
        expect(await w.check()).toEqual([]);
        record('events', `${action}: acts on its own event`, 'passed');
      } finally {
        await w.close();
      }
    },
    90_000,
  );
});
