import { ConfigurationError } from '@promote/core/errors';

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

/** The database name (not secret), for pg_restore -d and the plan. */
export function databaseNameOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || undefined;
  } catch {
    return undefined;
  }
}

/** Values that must never print: the value itself and the forms a tool might echo. */
export function derivedSecretForms(value: string): string[] {
  if (!value) return [];
  const forms = new Set([value, encodeURIComponent(value), Buffer.from(value).toString('base64')]);
  try {
    const u = new URL(value);
    if (u.password) {
      forms.add(u.password);
      forms.add(decodeURIComponent(u.password));
    }
  } catch {
    // not a URL: the plain forms are enough
  }
  return [...forms].filter((f) => f.length >= 4);
}

export class SecretMask {
  private readonly values = new Set<string>();
  constructor(private readonly onRegister: (value: string) => void = () => {}) {}
  register(value: string | undefined): void {
    for (const f of derivedSecretForms(value ?? '')) {
      if (!this.values.has(f)) {
        this.values.add(f);
        this.onRegister(f);
      }
    }
  }
  mask = (text: string): string => {
    let out = text;
    for (const v of [...this.values].sort((a, b) => b.length - a.length))
      out = out.split(v).join('***');
    return out;
  };
  has(text: string): boolean {
    return [...this.values].some((v) => text.includes(v));
  }
}
