import { ConfigurationError } from './errors.js';

/**
 * Turn a postgres URL into libpq environment variables, so pg_dump/psql/pg_restore connect
 * without the URL (or its password) ever appearing in argv or a process listing.
 */
export function libpqEnv(url: string, envName: string): Record<string, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigurationError(
      `$${envName} is not a URL; expected postgresql://user:password@host:port/database`,
    );
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new ConfigurationError(
      `$${envName} must start with postgresql:// (got ${parsed.protocol}//...)`,
    );
  }
  const env: Record<string, string> = {};
  if (parsed.hostname) env.PGHOST = decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, ''));
  if (parsed.port) env.PGPORT = parsed.port;
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const db = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (db) env.PGDATABASE = db;
  const map: Record<string, string> = {
    sslmode: 'PGSSLMODE',
    sslrootcert: 'PGSSLROOTCERT',
    sslcert: 'PGSSLCERT',
    sslkey: 'PGSSLKEY',
    application_name: 'PGAPPNAME',
    connect_timeout: 'PGCONNECT_TIMEOUT',
    options: 'PGOPTIONS',
    host: 'PGHOST', // unix socket dir given as ?host=/path
  };
  for (const [k, v] of parsed.searchParams) {
    const name = map[k];
    if (name) env[name] = v;
  }
  return env;
}
