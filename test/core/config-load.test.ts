import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '../../packages/core/src/errors.js';
import { memoryLogger, type AnnotationProperties } from '../../packages/core/src/logger.js';
import { parseDuration } from '../../packages/core/src/time.js';
import { loadConfig, type ContentsReader } from '../../packages/core/src/config/load.js';
import { parseConfig } from '../../packages/core/src/config/parse.js';
import { mergeInputs } from '../../packages/core/src/config/merge.js';
import { resolveConfig } from '../../packages/core/src/config/resolve.js';

function workspaceWith(yaml?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  if (yaml !== undefined) {
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'promotion.yml'), yaml);
  }
  return dir;
}

async function loadError(yaml: string): Promise<string> {
  const err = await loadConfig({ source: { kind: 'file', workspace: workspaceWith(yaml) } }).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigurationError);
  return (err as Error).message;
}

describe('loading .github/promotion.yml', () => {
  test('no file: defaults, and the debug log says so', async () => {
    const logger = memoryLogger();
    const config = await loadConfig({
      source: { kind: 'file', workspace: workspaceWith() },
      logger,
    });
    expect(config.branches).toEqual({ production: 'main', staging: 'staging' });
    expect(config.environment).toBe('production');
    expect(config.notify).toEqual({});
    expect(logger.lines).toContain('::debug::No .github/promotion.yml found; using the defaults.');
  });

  test('an empty file is the defaults too', async () => {
    const config = await loadConfig({
      source: { kind: 'file', workspace: workspaceWith('# nothing yet\n') },
    });
    expect(config.branches.production).toBe('main');
  });

  test('values from the file win over defaults', async () => {
    const config = await loadConfig({
      source: {
        kind: 'file',
        workspace: workspaceWith(
          'branches:\n  production: prod\nnotify:\n  slack:\n    webhook-env: SLACK_URL\n',
        ),
      },
    });
    expect(config.branches).toEqual({ production: 'prod', staging: 'staging' });
    expect(config.notify.slack).toEqual({ 'webhook-env': 'SLACK_URL' });
  });

  test('the issue example: a bad freeze time names file, key path, value and the fix', async () => {
    const message = await loadError(
      'preflight:\n  freeze:\n    - days: [fri]\n      from: "25:00"\n',
    );
    expect(message).toBe(
      '.github/promotion.yml is not valid (1 problem); fix and re-run:\npromotion.yml: preflight.freeze[0].from: "25:00" is not a time; use HH:MM',
    );
  });

  test('an unknown key lists what is allowed and suggests the typo fix; all problems at once', async () => {
    const message = await loadError('branches:\n  prodution: main\nenviroment: prod\nversion: 2\n');
    const lines = message.split('\n').slice(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        'promotion.yml: branches.prodution: unknown key; allowed keys: production, staging (did you mean production?)',
        expect.stringMatching(
          /^promotion.yml: enviroment: unknown key; allowed keys: version, branches, environment, .* \(did you mean environment\?\)$/,
        ),
        'promotion.yml: version: 2 is not allowed; use 1',
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  test('a list item that fits no allowed form says so and points out the typo', async () => {
    const message = await loadError('preflight:\n  freeze:\n    - day: fri\n');
    expect(message.split('\n')[1]).toMatch(
      /^promotion.yml: preflight.freeze\[0\]: .*\(unknown key day: did you mean days\?\)$/,
    );
  });

  test('a section given as a list', async () => {
    expect(await loadError('preflight: []\n')).toContain(
      'promotion.yml: preflight: is a list, not a mapping; use a mapping of keys (key: value)',
    );
  });

  test('YAML syntax errors name the file, line and column', async () => {
    const message = await loadError('branches:\n  production: main\n  staging: [a,\nnotify: x\n');
    expect(message).toMatch(
      /^\.github\/promotion.yml is not valid YAML; fix it and re-run:\npromotion.yml: line \d+, column \d+: /,
    );
    const dup = await loadError('environment: a\nenvironment: b\n');
    expect(dup).toContain(
      'promotion.yml: line 2, column 1: environment is given twice in this mapping; keep one',
    );
  });

  test('a file that is a list is refused with the shape it needs', async () => {
    expect(await loadError('- preflight\n')).toContain(
      'promotion.yml: the file is a list; it must be a mapping of sections',
    );
  });

  test('a webhook URL pasted into the file is refused without printing it', async () => {
    const message = await loadError(
      'notify:\n  slack:\n    webhook-env: https://hooks.slack.com/services/T1/B2/abc\n',
    );
    expect(message).toContain(
      'promotion.yml: notify.slack.webhook-env: (value hidden) looks like a secret value',
    );
    expect(message).not.toContain('hooks.slack.com');
  });

  test('parseConfig uses the given path in messages', () => {
    expect(() => parseConfig('environment: ""', 'ops/promote.yaml')).toThrow(
      'promote.yaml: environment: is empty; give a value',
    );
  });
});

describe('an action that reads only some sections (issue #18: it builds and checks only those)', () => {
  const yaml = [
    'branches:',
    '  production: prod',
    'release:',
    '  tag-prefix: rel-',
    'smoke:',
    '  checks: nope',
    '',
  ].join('\n');

  test('its sections and the top-level keys load as before; the others are left out', async () => {
    const config = await loadConfig({
      source: { kind: 'file', workspace: workspaceWith(yaml) },
      sections: ['release', 'notify'],
      overrides: { 'release.changelog.mode': 'pull-request' },
    });
    expect(config.branches.production).toBe('prod');
    expect(config.release['tag-prefix']).toBe('rel-');
    expect(config.release.changelog.mode).toBe('pull-request');
    expect(config.notify).toEqual({});
    expect(Object.keys(config)).not.toContain('smoke');
    expect(Object.keys(config)).not.toContain('preflight');
  });

  test('a mistake in a section it does not read is reported by the whole-file check, which preflight-gates runs', async () => {
    expect(await loadError(yaml)).toContain('promotion.yml: smoke.checks:');
  });

  test('a mistake in its own section or at the top level still stops it', async () => {
    const load = (text: string) =>
      loadConfig({
        source: { kind: 'file', workspace: workspaceWith(text) },
        sections: ['release'],
      }).catch((e: unknown) => (e as Error).message);
    expect(await load('release:\n  tag-prefx: v\n')).toContain(
      'promotion.yml: release.tag-prefx: unknown key',
    );
    expect(await load('relase: {}\n')).toContain('promotion.yml: relase: unknown key');
    expect(await load('environment: ""\n')).toContain('promotion.yml: environment:');
  });

  test('an input mapped into a section it does not read is reported as a bug', () => {
    expect(() =>
      mergeInputs(parseConfig(''), { 'smoke.base-url': 'https://x.example' }, {}, ['release']),
    ).toThrow(/smoke.base-url.*this action reads \(a bug in the action/);
  });
});

describe('an action that reads only some sections, with stages and apps (issue #18 over #20)', () => {
  const load = (text: string) =>
    loadConfig({ source: { kind: 'file', workspace: workspaceWith(text) }, sections: ['release'] });
  const error = (text: string) => load(text).catch((e: unknown) => (e as Error).message);
  const chain = [
    'stages:',
    '  - { name: staging, branch: staging }',
    '  - { name: production, branch: main }',
  ];

  test('the chain and the apps are checked whatever the action reads', async () => {
    expect(await error('stages:\n  - { name: production, branch: main }\n')).toContain(
      'promotion.yml: stages: a list has fewer than two stages',
    );
    expect(await error('apps:\n  API: { paths: [api/**] }\n')).toContain(
      'promotion.yml: apps.API: ',
    );
    expect(await error([...chain, 'branches: { production: main }', ''].join('\n'))).toContain(
      'promotion.yml: branches: is replaced by stages:',
    );
  });

  test("an app's or a stage's settings are checked merged over the top level, also of a section the action does not read", async () => {
    const text = [
      ...chain,
      'migrate: { preset: command }',
      'apps:',
      '  api:',
      '    paths: [apps/api/**]',
      '    migrate: { preset: nope }',
      '',
    ].join('\n');
    expect(await error(text)).toContain('promotion.yml: apps.api.migrate.preset:');
    await expect(load(text.replace('nope', 'postgres'))).resolves.toMatchObject({ apps: {} });
  });

  test("its view of an app holds only the sections it read, with the app's defaults", async () => {
    const config = await load(
      [...chain, 'smoke: { checks: nope }', 'apps:', '  api: { paths: [apps/api/**] }', ''].join(
        '\n',
      ),
    );
    expect(config.branches).toEqual({ production: 'main', staging: 'staging' });
    const view = resolveConfig(config, { app: 'api' });
    expect(view.release['tag-prefix']).toBe('api-v');
    expect(view.release.changelog.path).toBe('apps/api/CHANGELOG.md');
    expect(view.stage.name).toBe('production');
    expect(Object.keys(view)).not.toContain('smoke');
    expect(Object.keys(view)).not.toContain('migrate');
  });
});

describe('loading through the contents API (no checkout)', () => {
  const reader = (files: Record<string, string>, calls: unknown[] = []): ContentsReader => ({
    rest: {
      repos: {
        async getContent(params) {
          calls.push(params);
          const text = files[params.path];
          if (text === undefined) throw Object.assign(new Error('Not Found'), { status: 404 });
          return {
            data: {
              type: 'file',
              encoding: 'base64',
              size: text.length,
              content: Buffer.from(text)
                .toString('base64')
                .replace(/(.{60})/g, '$1\n'),
            },
          };
        },
      },
    },
  });

  test('decodes the base64 content at the given ref', async () => {
    const calls: unknown[] = [];
    const config = await loadConfig({
      source: {
        kind: 'api',
        github: reader(
          { '.github/promotion.yml': 'environment: live\n# ' + 'x'.repeat(200) },
          calls,
        ),
        owner: 'o',
        repo: 'r',
        ref: 'abc123',
      },
    });
    expect(config.environment).toBe('live');
    expect(calls).toEqual([
      { owner: 'o', repo: 'r', path: '.github/promotion.yml', ref: 'abc123' },
    ]);
  });

  test('404 means defaults', async () => {
    const logger = memoryLogger();
    const config = await loadConfig({
      source: { kind: 'api', github: reader({}), owner: 'o', repo: 'r', ref: 'main' },
      logger,
    });
    expect(config.environment).toBe('production');
    expect(logger.lines).toContain(
      '::debug::No .github/promotion.yml found in o/r@main; using the defaults.',
    );
  });

  test('other API errors are not swallowed', async () => {
    const github: ContentsReader = {
      rest: {
        repos: {
          getContent: () =>
            Promise.reject(Object.assign(new Error('Server Error'), { status: 500 })),
        },
      },
    };
    await expect(
      loadConfig({ source: { kind: 'api', github, owner: 'o', repo: 'r' } }),
    ).rejects.toThrow('Server Error');
  });

  test('a directory at the path is a clear error', async () => {
    const github: ContentsReader = { rest: { repos: { getContent: async () => ({ data: [] }) } } };
    await expect(
      loadConfig({ source: { kind: 'api', github, owner: 'o', repo: 'r' } }),
    ).rejects.toThrow('.github/promotion.yml in o/r is a directory');
  });
});

describe('action inputs over file values', () => {
  const base = parseConfig('branches:\n  production: prod\n');

  test('given inputs win; "" and undefined mean not given', () => {
    const merged = mergeInputs(base, {
      'branches.staging': 'develop',
      'branches.production': '',
      environment: undefined,
    });
    expect(merged.branches).toEqual({ production: 'prod', staging: 'develop' });
    expect(merged.environment).toBe('production');
    expect(base.branches.staging).toBe('staging'); // the input config is not mutated
  });

  test('inputs are coerced to the type the key wants (lists, numbers)', () => {
    const merged = mergeInputs(base, {
      'preflight.timezone': 'Europe/Berlin',
      'preflight.override.lifts': 'freeze, ci',
    });
    expect(merged.preflight.timezone).toBe('Europe/Berlin');
    expect(merged.preflight.override.lifts).toEqual(['freeze', 'ci']);
  });

  test('a bad input fails naming the input, with the same wording as a bad file', () => {
    expect(() =>
      mergeInputs(
        base,
        { 'preflight.timezone': 'Mars/Olympus' },
        { 'preflight.timezone': 'freeze-timezone' },
      ),
    ).toThrow(
      'The action inputs are not valid; fix them and re-run:\ninput freeze-timezone: "Mars/Olympus" is not an IANA time zone',
    );
    expect(() =>
      mergeInputs(
        base,
        { 'preflight.override.lifts': 'freeze, tests' },
        { 'preflight.override.lifts': 'override-lifts' },
      ),
    ).toThrow(
      'input override-lifts ([1]): "tests" is not allowed; use one of: freeze, change-size, backup, drift, ci, soak',
    );
  });

  test('an input mapped to a key that does not exist is reported as a bug', () => {
    expect(() => mergeInputs(base, { 'preflight.nope': 'x' })).toThrow(
      'is not a key of promotion.yml',
    );
  });
});

describe('a parsed config parses again to itself (mergeInputs re-validates the merged result)', () => {
  const root = join(import.meta.dirname, '..', '..');
  const exampleFiles = readdirSync(join(root, 'examples'))
    .map((d) => join(root, 'examples', d, '.github', 'promotion.yml'))
    .filter((f) => existsSync(f));

  test.each([
    ['defaults', ''],
    ...exampleFiles.map((f) => [f.slice(root.length + 1), readFileSync(f, 'utf8')]),
  ])('%s', (_name, text) => {
    const once = parseConfig(text);
    expect(mergeInputs(once, { environment: once.environment })).toEqual(once);
  });
});

test('freeze days are whole weekday words: "friday!" or "fridays" is refused, not read as Friday (found by generated configs)', () => {
  for (const day of ['friday!', 'fridays', 'fr'])
    expect(() =>
      parseConfig(`preflight:\n  freeze: [{ days: [${JSON.stringify(day)}] }]\n`),
    ).toThrow(
      `promotion.yml: preflight.freeze[0].days[0]: "${day}" is not a weekday; use mon..sun or monday..sunday`,
    );
  expect(
    parseConfig('preflight:\n  freeze: [{ days: [Friday, SAT, sun] }]\n').preflight.freeze,
  ).toEqual([expect.objectContaining({ days: ['fri', 'sat', 'sun'] })]);
});

// Issue #17: one duration type in every section. migrate.timeouts.* and migrate.lock.* took bare
// milliseconds; for the rest of v1 a bare number there still means milliseconds, with a warning.
describe('durations: one type in every section', () => {
  /** A logger that keeps each warning with the annotation properties it was given. */
  function warningLogger() {
    const warnings: { message: string; props?: AnnotationProperties }[] = [];
    return {
      logger: {
        ...memoryLogger(),
        warning: (message: string, props?: AnnotationProperties) =>
          void warnings.push({ message, props }),
      },
      warnings,
    };
  }
  const DEPRECATED = 'bare numbers are deprecated and will be refused in the next major';

  test('a bare-number migrate timeout still means milliseconds, with a warning naming the key, the line and the new spelling', async () => {
    const { logger, warnings } = warningLogger();
    const config = await loadConfig({
      source: {
        kind: 'file',
        workspace: workspaceWith(
          [
            'migrate:',
            '  preset: sqlite',
            '  timeouts:',
            '    backup: 30',
            '    migrate: 1800000',
            '  lock:',
            '    ttl: 3600000',
            '    poll-interval: 1500',
            '',
          ].join('\n'),
        ),
      },
      logger,
    });
    expect(parseDuration(config.migrate.timeouts.backup)).toBe(30);
    expect(parseDuration(config.migrate.timeouts.migrate)).toBe(1_800_000);
    expect(parseDuration(config.migrate.lock.ttl)).toBe(3_600_000);
    expect(parseDuration(config.migrate.lock['poll-interval'])).toBe(1_500);
    // Keys not written keep their defaults.
    expect(config.migrate.timeouts.restore).toBe('30m');
    expect(config.migrate.lock['wait-timeout']).toBe('15m');
    const props = (line: number) => ({
      file: '.github/promotion.yml',
      startLine: line,
      title: 'Promote config: deprecated value',
    });
    expect(warnings).toEqual([
      {
        message: `promotion.yml: migrate.timeouts.backup: 30 is read as 30 milliseconds; write "30ms" (or "30s" if you meant seconds) — ${DEPRECATED}`,
        props: props(4),
      },
      {
        message: `promotion.yml: migrate.timeouts.migrate: 1800000 is read as 1800000 milliseconds (30m); write "30m" — ${DEPRECATED}`,
        props: props(5),
      },
      {
        message: `promotion.yml: migrate.lock.ttl: 3600000 is read as 3600000 milliseconds (1h); write "1h" — ${DEPRECATED}`,
        props: props(7),
      },
      {
        message: `promotion.yml: migrate.lock.poll-interval: 1500 is read as 1500 milliseconds (1s500ms); write "1s500ms" — ${DEPRECATED}`,
        props: props(8),
      },
    ]);
    // The loaded config is in the new spelling: re-validating it (action inputs) keeps it.
    expect(mergeInputs(config, { environment: 'production' })).toEqual(config);
  });

  test('the spelling the warning asks for loads to the same value, without a warning', async () => {
    const { logger, warnings } = warningLogger();
    const config = await loadConfig({
      source: {
        kind: 'file',
        workspace: workspaceWith(
          'migrate:\n  timeouts: { backup: 30ms, migrate: 30m }\n  lock: { ttl: 1h, poll-interval: 1s500ms }\n',
        ),
      },
      logger,
    });
    expect(parseDuration(config.migrate.timeouts.backup)).toBe(30);
    expect(parseDuration(config.migrate.timeouts.migrate)).toBe(1_800_000);
    expect(parseDuration(config.migrate.lock['poll-interval'])).toBe(1_500);
    expect(warnings).toEqual([]);
  });

  test('a bare number anywhere else is refused with the fix, as before', async () => {
    const message = await loadError(
      'preflight:\n  ci: { wait: 30 }\nsmoke:\n  watch: { interval: 60 }\n',
    );
    expect(message).toContain(
      'promotion.yml: preflight.ci.wait: 30 has no unit; write "30s" or "30m" (units: ms, s, m, h, d, w)',
    );
    expect(message).toContain(
      'promotion.yml: smoke.watch.interval: 60 has no unit; write "60s" or "60m" (units: ms, s, m, h, d, w)',
    );
  });

  test('in migrate, only what was accepted before is read as milliseconds: "30" (text), 0 and 1.5 are refused', async () => {
    const message = await loadError(
      'migrate:\n  timeouts: { backup: "30", verify: 0, migrate: 1.5 }\n',
    );
    expect(message).toContain(
      'migrate.timeouts.backup: "30" has no unit; write "30s" or "30m" (units: ms, s, m, h, d, w)',
    );
    expect(message).toContain(
      'migrate.timeouts.verify: 0 is zero; use a positive duration such as 500ms or 1s',
    );
    expect(message).toContain('migrate.timeouts.migrate: 1.5 has no unit; write "1.5s" or "1.5m"');
  });

  test('compound durations load in every section', () => {
    const config = parseConfig(
      [
        'preflight:',
        '  ci: { wait: 1h30m, poll-interval: 1m30s }',
        'migrate:',
        '  timeouts: { restore: 1h30m }',
        'smoke:',
        '  timeouts: { attempt: 1m30s, deadline: 1h30m }',
        '',
      ].join('\n'),
    );
    expect(parseDuration(config.preflight.ci.wait)).toBe(5_400_000);
    expect(parseDuration(config.migrate.timeouts.restore)).toBe(5_400_000);
    expect(parseDuration(config.smoke.timeouts.deadline)).toBe(5_400_000);
    expect(parseDuration(config.smoke.timeouts.attempt)).toBe(90_000);
  });
});
