import { execFileSync } from 'node:child_process';
import { formatDuration, parseDuration } from '../../packages/core/src/time.js';
import { rollbackCommand, shellQuote } from '../../packages/core/src/rollback-command.js';

describe('durations', () => {
  test.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['6h', 21_600_000],
    ['2d', 172_800_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['1w', 604_800_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test('a bare number or a wrong unit is a clear error', () => {
    expect(() => parseDuration('30')).toThrow(
      'duration "30" is not a duration (add a unit: 30s, 30m, 30h?); use e.g. 30s, 15m, 6h, 2d or 1h30m',
    );
    expect(() => parseDuration('6 hours', 'backup.max-age')).toThrow(
      'backup.max-age "6 hours" is not a duration; use e.g.',
    );
  });

  test('formatting: at most two units, largest first', () => {
    expect(formatDuration(5_400_000)).toBe('1h 30m');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(1_500)).toBe('1.5s');
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000 + 5_000)).toBe('2d 3h');
  });
});

describe('the rollback command', () => {
  test('the exact command for a release', () => {
    expect(
      rollbackCommand({ owner: 'acme', repo: 'shop', release: 'v1.2.3', reason: 'smoke red' }),
    ).toBe(
      "gh workflow run promote-rollback.yml --repo acme/shop -f release=v1.2.3 -f reason='smoke red'",
    );
    expect(
      rollbackCommand({
        owner: 'acme',
        repo: 'shop',
        workflow: 'undo.yml',
        backupId: 'pg-20260503-1432',
        ref: 'main',
      }),
    ).toBe('gh workflow run undo.yml --repo acme/shop --ref main -f backup-id=pg-20260503-1432');
  });

  test('a hostile reason stays data: the shell reads back exactly the text, nothing runs', () => {
    const reason = `it's "broken"; $(touch /tmp/pwned) \`id\` & echo done\nsecond line`;
    const cmd = rollbackCommand({ owner: 'acme', repo: 'shop', release: 'v1.2.3', reason });
    expect(cmd).not.toContain('\n');
    // Replace gh with printf and let a real shell parse the command.
    const words = execFileSync('sh', ['-c', `printf '%s\\n' ${cmd.replace(/^gh /, '')}`], {
      encoding: 'utf8',
    })
      .trimEnd()
      .split('\n');
    expect(words).toEqual([
      'workflow',
      'run',
      'promote-rollback.yml',
      '--repo',
      'acme/shop',
      '-f',
      'release=v1.2.3',
      '-f',
      `reason=it's "broken"; $(touch /tmp/pwned) \`id\` & echo done second line`,
    ]);
  });

  test('shellQuote leaves safe words bare and quotes the rest', () => {
    expect(shellQuote('v1.2.3')).toBe('v1.2.3');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });

  test('a bad repository name is refused', () => {
    expect(() => rollbackCommand({ owner: 'acme;rm', repo: 'shop' })).toThrow(
      '"acme;rm/shop" is not a repository name',
    );
  });
});
