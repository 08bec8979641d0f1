// Moved to core: preflight's migrations gate reads the applied-migrations table too.
export { libpqEnv } from '@promote/core/postgres-url';

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
