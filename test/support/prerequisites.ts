/**
 * What `npm test` (and `npm run demo`) need from the machine, and the one command that installs
 * what is missing. Pure over a lookup of the system, so the check itself is tested with a fake
 * one (test/support-tests/prerequisites.test.ts); `systemLookup()` is the real machine.
 */
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export interface SystemLookup {
  /** Absolute path of `command` on PATH, or undefined. */
  which(command: string): string | undefined;
  exists(path: string): boolean;
  /** Names in a directory; [] when it does not exist. */
  list(dir: string): string[];
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** The repository checkout (for node_modules). */
  root: string;
}

export interface Prerequisite {
  /** What a person calls it: "PostgreSQL server (initdb, pg_ctl)". */
  name: string;
  /** Where it was looked for, and what needs it. */
  detail: string;
  /** Debian/Ubuntu package that provides it; undefined when the fix is not a system package. */
  apt?: string;
  /** The fix when it is not a system package (`npm ci`). */
  fix?: string;
}

/** Where Debian's (and Ubuntu's) postgresql package puts the server binaries. */
export const DEBIAN_PG_ROOT = '/usr/lib/postgresql';
/** The Chromium the Playwright command check launches (Debian's package, never a download). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * The PostgreSQL server binaries (initdb, pg_ctl) tests start a private cluster with: $PG_BIN
 * when set, else the newest /usr/lib/postgresql/<major>/bin (the version Debian's pg_wrapper
 * picks for pg_dump, so dump and server match), else the folder of `initdb` on PATH.
 */
export function findPgBin(look: SystemLookup): string {
  if (look.env.PG_BIN) return look.env.PG_BIN;
  const majors = look
    .list(DEBIAN_PG_ROOT)
    .filter((v) => /^\d+$/.test(v) && look.exists(join(DEBIAN_PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (majors[0]) return join(DEBIAN_PG_ROOT, majors[0], 'bin');
  const initdb = look.which('initdb');
  if (initdb) return dirname(initdb);
  return join(DEBIAN_PG_ROOT, '15', 'bin');
}

/** `which` programs on PATH, each with what needs it and the package that provides it. */
const PROGRAMS: Array<{ command: string; why: string; apt: string }> = [
  { command: 'git', why: "the emulator's repositories are real git", apt: 'git' },
  { command: 'sqlite3', why: 'SQLite backups, migrations and the demo', apt: 'sqlite3' },
  {
    command: 'psql',
    why: 'PostgreSQL client (psql, pg_dump, pg_restore) for migrate-with-rollback',
    apt: 'postgresql',
  },
  { command: 'pg_dump', why: 'PostgreSQL backups', apt: 'postgresql' },
  { command: 'jq', why: "the workflow runner's `gh api --jq` stand-in", apt: 'jq' },
];

/** Everything the whole test suite needs that this machine lacks (empty: all there). */
export function missingForTests(look: SystemLookup): Prerequisite[] {
  const missing: Prerequisite[] = [];
  const node = join(look.root, 'node_modules', 'node', 'bin', 'node');
  if (!look.exists(node))
    missing.push({
      name: 'Node 24 (the `node` npm package the bundles run under, as node24 actions do)',
      detail: `${node} is missing`,
      fix: 'npm ci --no-audit --no-fund',
    });
  for (const p of PROGRAMS)
    if (!look.which(p.command))
      missing.push({ name: p.command, detail: `not on PATH (${p.why})`, apt: p.apt });
  const pgBin = findPgBin(look);
  const server = ['initdb', 'pg_ctl'].filter((b) => !look.exists(join(pgBin, b)));
  if (server.length > 0)
    missing.push({
      name: 'PostgreSQL server (initdb, pg_ctl)',
      detail: `${server.join(', ')} not in ${pgBin} (tests start a private cluster; set PG_BIN to the folder that holds them)`,
      apt: 'postgresql',
    });
  if (!look.exists(CHROMIUM))
    missing.push({
      name: 'Chromium',
      detail: `${CHROMIUM} is missing (the Playwright command check runs Debian's Chromium)`,
      apt: 'chromium',
    });
  return missing;
}

/** What the demo needs: git and sqlite3 on PATH, the Node 24 binary the bundles run under. */
export function missingForDemo(look: SystemLookup): Prerequisite[] {
  return missingForTests(look).filter(
    (p) => p.name === 'git' || p.name === 'sqlite3' || p.fix !== undefined,
  );
}

/**
 * The message a person reads before anything runs: each missing thing on its line, then the
 * one command that installs them (apt on Debian/Ubuntu; on macOS, the honest alternative).
 */
export function describeMissing(
  what: string,
  missing: readonly Prerequisite[],
  platform: NodeJS.Platform,
): string {
  const lines = [
    `${what} needs ${missing.length === 1 ? 'something' : 'things'} this machine lacks:`,
  ];
  for (const p of missing) lines.push(`  - ${p.name}: ${p.detail}`);
  const packages = [...new Set(missing.flatMap((p) => (p.apt ? [p.apt] : [])))];
  const fixes = [...new Set(missing.flatMap((p) => (p.fix ? [p.fix] : [])))];
  lines.push('Install with:');
  if (packages.length > 0) {
    if (platform === 'darwin') {
      const brew = packages
        .map(
          (p) =>
            ({ postgresql: 'postgresql@15', sqlite3: 'sqlite', chromium: '--cask chromium' })[p] ??
            p,
        )
        .filter((p) => !p.startsWith('--'));
      if (brew.length > 0) lines.push(`  brew install ${brew.join(' ')}`);
      lines.push(
        '  (the test suite expects Debian paths: Chromium at /usr/bin/chromium, PostgreSQL server binaries in PG_BIN; on macOS run it in a Debian container)',
      );
    } else {
      lines.push(`  sudo apt-get install -y ${packages.join(' ')}`);
    }
  }
  for (const fix of fixes) lines.push(`  ${fix}`);
  return lines.join('\n');
}

/** The real machine. */
export function systemLookup(root: string, env: NodeJS.ProcessEnv = process.env): SystemLookup {
  return {
    which(command) {
      for (const dir of (env.PATH ?? '').split(delimiter)) {
        if (dir && existsSync(join(dir, command))) return join(dir, command);
      }
      return undefined;
    },
    exists: existsSync,
    list(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    env,
    platform: process.platform,
    root,
  };
}

/** Throws the install message when something is missing (instead of a later `spawnSync x ENOENT`). */
export function assertPrerequisites(what: string, missing: readonly Prerequisite[]): void {
  if (missing.length > 0)
    throw new PrerequisiteError(describeMissing(what, missing, process.platform));
}

export class PrerequisiteError extends Error {
  override name = 'PrerequisiteError';
}
