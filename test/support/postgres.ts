import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPgBin, systemLookup } from './prerequisites.js';

/**
 * A private PostgreSQL 15 cluster for one test run (Debian's package, not a mock): initdb as the
 * `postgres` user (initdb refuses root), trust auth, loopback only, a free port, a socket in a
 * temp dir. Reusable by any test: `const pg = await startPostgres(); ... await pg.stop();`.
 */
export interface PostgresCluster {
  port: number;
  host: string;
  /** postgresql://postgres@127.0.0.1:<port>/<db> */
  url(database?: string): string;
  /** Run SQL with psql (as argv, ON_ERROR_STOP) and return stdout (unaligned, tuples only). */
  sql(sql: string, database?: string): string;
  createDatabase(name: string): void;
  /** Environment for libpq tools (psql, pg_dump) pointing at this cluster. */
  env(database?: string): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** $PG_BIN, else the newest Debian server (test/support/prerequisites.ts says why). */
export const PG_BIN = findPgBin(systemLookup(process.cwd()));

export function postgresAvailable(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Run a PostgreSQL server binary as `postgres` when we are root (initdb and postgres refuse root). */
function asPostgres(bin: string, args: string[]): void {
  const [cmd, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]]
    : [join(PG_BIN, bin), args];
  const result = spawnSync(cmd as string, argv as string[], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${bin} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

export async function startPostgres(): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'promote-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  if (isRoot()) execFileSync('chown', ['postgres', dir]);
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      asPostgres('pg_ctl', [
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
        '-w',
        'start',
      ]);
      break;
    } catch (error) {
      if (attempt >= 2) throw error; // the port was taken between probe and start
    }
  }
  const host = '127.0.0.1';
  const env = (database = 'postgres'): NodeJS.ProcessEnv => ({
    ...process.env,
    PGHOST: host,
    PGPORT: String(port),
    PGUSER: 'postgres',
    PGDATABASE: database,
  });
  const sql = (text: string, database = 'postgres') =>
    execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', text], {
      env: env(database),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  let stopped = false;
  return {
    port,
    host,
    url: (database = 'postgres') => `postgresql://postgres@${host}:${port}/${database}`,
    sql,
    env,
    createDatabase: (name) => {
      sql(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
