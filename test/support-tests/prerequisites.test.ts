// `npm test` on a fresh machine: before any test runs, it names what is missing and the one
// command that installs it. The check runs over a fake machine here.
import {
  describeMissing,
  findPgBin,
  missingForDemo,
  missingForTests,
  type SystemLookup,
} from '../support/prerequisites.js';

const ROOT = '/src/promote';
const NODE = `${ROOT}/node_modules/node/bin/node`;
const FULL = {
  programs: ['git', 'sqlite3', 'psql', 'pg_dump', 'jq', 'initdb'],
  files: [
    NODE,
    '/usr/bin/chromium',
    '/usr/lib/postgresql/15/bin/initdb',
    '/usr/lib/postgresql/15/bin/pg_ctl',
  ],
};

function machine(
  over: { programs?: string[]; files?: string[]; env?: Record<string, string> } = {},
): SystemLookup {
  const programs = over.programs ?? FULL.programs;
  const files = over.files ?? FULL.files;
  return {
    which: (c) => (programs.includes(c) ? `/usr/bin/${c}` : undefined),
    exists: (p) => files.includes(p),
    list: (dir) => [
      ...new Set(
        files
          .filter((f) => f.startsWith(`${dir}/`))
          .map((f) => f.slice(dir.length + 1).split('/')[0]!),
      ),
    ],
    env: over.env ?? {},
    platform: 'linux',
    root: ROOT,
  };
}

const without = (list: string[], ...drop: string[]) => list.filter((x) => !drop.includes(x));

test('a machine with everything passes the check', () => {
  expect(missingForTests(machine())).toEqual([]);
});

test('a bare Debian machine is told exactly what is missing and the one apt-get line', () => {
  const bare = machine({ programs: [], files: [NODE] });
  const message = describeMissing('npm test', missingForTests(bare), 'linux');
  expect(message).toContain('  - git: not on PATH');
  expect(message).toContain('  - sqlite3: not on PATH');
  expect(message).toContain('  - jq: not on PATH');
  expect(message).toContain(
    '  - PostgreSQL server (initdb, pg_ctl): initdb, pg_ctl not in /usr/lib/postgresql/15/bin',
  );
  expect(message).toContain('  - Chromium: /usr/bin/chromium is missing');
  expect(message.split('\n').filter((l) => l.includes('apt-get'))).toEqual([
    '  sudo apt-get install -y git sqlite3 postgresql jq chromium',
  ]);
});

test('only the missing package is in the install line', () => {
  const missing = missingForTests(machine({ files: without(FULL.files, '/usr/bin/chromium') }));
  expect(missing.map((m) => m.name)).toEqual(['Chromium']);
  expect(describeMissing('npm test', missing, 'linux')).toMatch(
    /Install with:\n {2}sudo apt-get install -y chromium$/,
  );
});

test('without npm ci the Node 24 binary is missing and the fix is npm ci, not apt', () => {
  const missing = missingForTests(machine({ files: without(FULL.files, NODE) }));
  const message = describeMissing('npm test', missing, 'linux');
  expect(message).toContain(`${NODE} is missing`);
  expect(message).toContain('  npm ci --no-audit --no-fund');
  expect(message).not.toContain('apt-get');
});

test('PostgreSQL server binaries: PG_BIN wins, else the newest Debian major, else initdb on PATH', () => {
  expect(findPgBin(machine({ env: { PG_BIN: '/opt/pg/bin' } }))).toBe('/opt/pg/bin');
  const two = [
    ...FULL.files,
    '/usr/lib/postgresql/16/bin/initdb',
    '/usr/lib/postgresql/16/bin/pg_ctl',
  ];
  expect(findPgBin(machine({ files: two }))).toBe('/usr/lib/postgresql/16/bin');
  expect(findPgBin(machine({ files: [NODE] }))).toBe('/usr/bin');
  // PG_BIN pointing at a folder without the server is reported with that folder.
  const missing = missingForTests(machine({ env: { PG_BIN: '/opt/pg/bin' } }));
  expect(missing.map((m) => m.detail)).toEqual([
    expect.stringContaining('initdb, pg_ctl not in /opt/pg/bin'),
  ]);
});

test('macOS gets the brew line and the honest note that the suite expects Debian paths', () => {
  const message = describeMissing(
    'npm test',
    missingForTests(machine({ programs: ['git', 'psql', 'pg_dump', 'jq'] })),
    'darwin',
  );
  expect(message).toContain('  brew install sqlite');
  expect(message).toContain('run it in a Debian container');
  expect(message).not.toContain('apt-get');
});

test('the demo needs only git, sqlite3 and the Node 24 binary', () => {
  const bare = machine({ programs: [], files: [] });
  expect(missingForDemo(bare).map((m) => m.name)).toEqual([
    expect.stringContaining('Node 24'),
    'git',
    'sqlite3',
  ]);
  expect(missingForDemo(machine({ files: [NODE], programs: ['git', 'sqlite3'] }))).toEqual([]);
});
