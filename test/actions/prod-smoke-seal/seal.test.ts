import { describe, expect, test } from '@jest/globals';
import type { CheckResult } from '../../../actions/prod-smoke-seal/src/http-check.js';
import { decideSeal, renderSeal, resultsJson } from '../../../actions/prod-smoke-seal/src/seal.js';
import {
  withSealSection,
  SECTION_START,
  SECTION_END,
} from '../../../actions/prod-smoke-seal/src/seal-targets.js';
import { rollbackInputs } from '../../../actions/prod-smoke-seal/src/rollback.js';
import { sealMessage } from '../../../actions/prod-smoke-seal/src/chat.js';
import { rollbackCommand } from '@promote/core/rollback-command';
import { discordPayload, slackPayload, teamsPayload } from '@promote/core/notify';

const SHA = 'a'.repeat(40);
const ok = (name: string, ms = 50): CheckResult => ({
  name,
  kind: 'http',
  ok: true,
  reason: `200 in ${ms} ms`,
  target: `https://prod.example/${name}`,
  status: 200,
  latencyMs: ms,
  attempts: 1,
  history: [],
});
const bad = (name: string, reason: string): CheckResult => ({
  name,
  kind: 'http',
  ok: false,
  reason,
  target: `https://prod.example/${name}`,
  attempts: 3,
  history: [],
});

describe('the seal', () => {
  test('green when every check passed, with a count and p95 in the headline', () => {
    const report = decideSeal(SHA, [ok('home', 40), ok('api', 90)]);
    expect(report.seal).toBe('green');
    expect(report.headline).toBe('2 of 2 smoke checks passed, p95 90 ms');
    expect(report.rollbackCommand).toBeUndefined();
  });

  test('red names the first failing check and carries the rollback command', () => {
    const report = decideSeal(
      SHA,
      [ok('home'), bad('api', 'status 503, expected 200 (3 attempts)')],
      undefined,
      'gh workflow run rollback.yml',
    );
    expect(report.seal).toBe('red');
    expect(report.headline).toBe(
      '1 of 2 smoke checks failed: api: status 503, expected 200 (3 attempts)',
    );
    const md = renderSeal(report);
    expect(md).toContain('### Production smoke seal: ✗ red');
    expect(md).toContain(
      '| ✗ fail | api | https://prod.example/api: status 503, expected 200 (3 attempts) |',
    );
    expect(md).toContain('```sh\ngh workflow run rollback.yml\n```');
  });

  test('untrusted text from a response cannot break the table', () => {
    const md = renderSeal(
      decideSeal(SHA, [bad('api', 'body does not contain "ok" | <script>x</script>\nnext')]),
    );
    expect(md).toContain('\\| &lt;script&gt;');
    expect(md.split('\n').filter((l) => l.startsWith('| ✗'))).toHaveLength(1);
  });

  test('results JSON lists every check for later steps', () => {
    const parsed = JSON.parse(resultsJson(decideSeal(SHA, [ok('home', 40)])));
    expect(parsed).toMatchObject({
      seal: 'green',
      sha: SHA,
      'p95-ms': 40,
      checks: [{ name: 'home', ok: true, status: 200, 'latency-ms': 40, attempts: 1 }],
    });
  });
});

describe('the release body section', () => {
  test('is appended once and replaced in place on a re-run (idempotent)', () => {
    const first = withSealSection('## Changes\n- feat: x', 'seal v1');
    expect(first).toBe(`## Changes\n- feat: x\n\n${SECTION_START}\nseal v1\n${SECTION_END}`);
    const second = withSealSection(first, 'seal v2');
    expect(second).toBe(`## Changes\n- feat: x\n\n${SECTION_START}\nseal v2\n${SECTION_END}`);
    expect(withSealSection(second, 'seal v2')).toBe(second);
  });
});

describe('the rollback command', () => {
  test('is exact and shell-safe for any tag or reason', () => {
    const { release, reason, ...fields } = rollbackInputs(
      { environment: 'production', note: 'sha {sha}' },
      { sha: SHA, tag: 'v1.2.0', reason: "smoke red: api's 503" },
    );
    expect(
      rollbackCommand({
        owner: 'acme',
        repo: 'shop',
        workflow: 'rollback.yml',
        ref: 'main',
        ...(release ? { release } : {}),
        reason,
        fields,
      }),
    ).toBe(
      `gh workflow run rollback.yml --repo acme/shop --ref main -f release=v1.2.0 -f environment=production -f note='sha ${SHA}' -f reason='smoke red: api'\\''s 503'`,
    );
  });
});

describe('chat payloads', () => {
  const red = decideSeal(
    SHA,
    [bad('api', 'status 503 @channel <!here> *bold*')],
    undefined,
    'gh workflow run rollback.yml',
  );
  const message = sealMessage(red, 'acme/shop', 'https://github.example/acme/shop/actions/runs/1');
  test('name the repository, the commit and each failing check', () => {
    expect(message.title).toBe('Production smoke seal RED for acme/shop@aaaaaaa');
    expect(message.lines[0]).toMatch(/^✗ api: https:\/\/prod.example\/api: status 503/);
    expect(message.lines.at(-1)).toBe('Roll back: gh workflow run rollback.yml');
  });
  test('cannot ping everyone or inject markup through a response', () => {
    const slack = JSON.stringify(slackPayload(message));
    expect(slack).not.toMatch(/<!here>/);
    expect((discordPayload(message) as { allowed_mentions: unknown }).allowed_mentions).toEqual({
      parse: [],
    });
    expect(JSON.stringify(teamsPayload(message))).toContain('AdaptiveCard');
  });
});
