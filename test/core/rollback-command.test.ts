import { execFileSync } from 'node:child_process';
import { rollbackCommand, shellQuote } from '../../packages/core/src/rollback-command.js';

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
