import type { Logger } from './logger.js';

/**
 * Shorter values are not masked: masking "ab" would star out every word containing it, and a
 * secret that short is not a secret. The runner behaves the same for derived forms.
 */
const MIN_SECRET_LENGTH = 4;

/**
 * The forms a secret takes once a tool or library has encoded it. A Basic auth header carries
 * base64("user:pass"); a database URL carries the URL-encoded password; a JSON body the escaped
 * string; base64 of a longer string that contains the secret carries one of three "shifted"
 * encodings of it (the actions runner masks the same three).
 */
export function derivedForms(value: string): string[] {
  const forms = new Set<string>([value]);
  const lines = value.split(/\r?\n/).map((line) => line.trim());
  if (lines.length > 1) for (const line of lines) forms.add(line);
  for (const v of [value]) {
    const bytes = Buffer.from(v, 'utf8');
    forms.add(bytes.toString('base64'));
    forms.add(bytes.toString('base64').replace(/=+$/, ''));
    forms.add(bytes.toString('base64url'));
    forms.add(encodeURIComponent(v));
    forms.add(encodeURIComponent(v).replace(/%20/g, '+'));
    forms.add(encodeURI(v));
    forms.add(JSON.stringify(v).slice(1, -1));
    // base64 of the secret at offset 1 and 2 inside a longer string: drop the characters that
    // depend on the neighbouring bytes, keep the stable middle.
    for (const shift of [1, 2]) {
      const shifted = Buffer.concat([Buffer.alloc(shift), bytes])
        .toString('base64')
        .replace(/=+$/, '');
      const lead = shift === 1 ? 2 : 3;
      const totalBits = (shift + bytes.length) * 8;
      const complete = Math.floor(totalBits / 6);
      forms.add(shifted.slice(lead, complete));
    }
    const unpadded = bytes.toString('base64').replace(/=+$/, '');
    forms.add(unpadded.slice(0, Math.floor((bytes.length * 8) / 6)));
  }
  // Longest first: a masker that replaces in order then hides the whole encoded value, not a piece.
  return [...forms]
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/**
 * Register `value` and every derived form with the runner's masker (::add-mask::) before anything
 * can print it. Returns what was registered. Empty or very short values are not registered and
 * produce a warning (without the value).
 */
export function registerSecret(
  logger: Logger,
  value: string | undefined,
  label = 'a secret',
): string[] {
  if (value === undefined || value.trim() === '') return [];
  if (value.trim().length < MIN_SECRET_LENGTH) {
    logger.warning(
      `${label} is shorter than ${MIN_SECRET_LENGTH} characters, so it is not masked in logs; use a longer secret.`,
    );
    return [];
  }
  const forms = derivedForms(value);
  for (const form of forms) logger.setSecret(form);
  return forms;
}

/** Basic auth: the password, the "user:password" pair and base64 of the pair (the header value). */
export function registerBasicAuth(logger: Logger, user: string, password: string): string[] {
  if (!password) return [];
  // The pair first: its base64 (the header value) must be masked whole, before the password's
  // shifted base64 forms that occur inside it.
  const pair = registerSecret(logger, `${user}:${password}`, 'the Basic auth pair');
  const forms = registerSecret(logger, password, 'the Basic auth password');
  return [...new Set([...pair, ...forms])];
}

/** A masker over what was registered through it: for error messages that bypass the logger. */
export interface SecretMasker {
  register(value: string | undefined, label?: string): string[];
  mask(text: string): string;
}

export function createSecretMasker(logger: Logger): SecretMasker {
  const known = new Set<string>();
  return {
    register(value, label) {
      const forms = registerSecret(logger, value, label);
      for (const form of forms) known.add(form);
      return forms;
    },
    mask(text) {
      // Longest first, so a secret's base64 is not half-masked by a shorter form inside it.
      return [...known]
        .sort((a, b) => b.length - a.length)
        .reduce((s, form) => s.split(form).join('***'), text);
    },
  };
}
