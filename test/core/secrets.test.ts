import { memoryLogger } from '../../packages/core/src/logger.js';
import {
  createSecretMasker,
  derivedForms,
  registerBasicAuth,
  registerSecret,
} from '../../packages/core/src/secrets.js';

const token = 'ghp_S3cr3t/Token+with=odd&chars';

describe('secrets are masked in every form a tool may print', () => {
  test('the value, its base64, base64url, URL-encoded and JSON-escaped forms are registered', () => {
    const logger = memoryLogger();
    const forms = registerSecret(logger, token);
    const b64 = Buffer.from(token).toString('base64');
    expect(logger.secrets).toEqual(
      expect.arrayContaining([
        token,
        b64,
        Buffer.from(token).toString('base64url'),
        encodeURIComponent(token),
      ]),
    );
    expect(forms).toEqual(logger.secrets);
    logger.info(`Authorization: Bearer ${token}`);
    logger.info(`basic ${b64}`);
    logger.info(`postgres://app:${encodeURIComponent(token)}@db/prod`);
    logger.info(JSON.stringify({ password: token }));
    expect(logger.lines.join('\n')).not.toContain(token);
    expect(logger.lines.join('\n')).not.toContain(b64);
    expect(logger.lines.join('\n')).not.toContain(encodeURIComponent(token));
    expect(logger.lines).toEqual([
      'Authorization: Bearer ***',
      'basic ***',
      'postgres://app:***@db/prod',
      '{"password":"***"}',
    ]);
  });

  test('the secret inside a longer base64 string is masked whatever its offset', () => {
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const logger = memoryLogger();
      registerSecret(logger, 'hunter2-is-not-a-password');
      const encoded = Buffer.from(`${prefix}hunter2-is-not-a-password!`).toString('base64');
      logger.info(encoded);
      expect(logger.lines[0]).toContain('***');
      // What is left visible decodes to no more than a few bytes of the secret.
      expect(logger.lines[0]!.replace('***', '').length).toBeLessThan(12);
    }
  });

  test('every line of a multi-line secret (a PEM key) is masked on its own', () => {
    const logger = memoryLogger();
    const pem = '-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END KEY-----';
    registerSecret(logger, pem);
    logger.info('key line: MIIBOgIBAAJBAKj34GkxFhD9');
    expect(logger.lines).toEqual(['key line: ***']);
  });

  test('Basic auth: the base64 of user:password (the header value) is masked', () => {
    const logger = memoryLogger();
    registerBasicAuth(logger, 'deploy', 'p@ss w0rd!');
    const header = `Basic ${Buffer.from('deploy:p@ss w0rd!').toString('base64')}`;
    logger.info(`Authorization: ${header}`);
    logger.info('password=p%40ss%20w0rd!');
    expect(logger.lines).toEqual(['Authorization: Basic ***', 'password=***']);
  });

  test('empty values are ignored; very short ones are refused with a warning that does not show them', () => {
    const logger = memoryLogger();
    expect(registerSecret(logger, '')).toEqual([]);
    expect(registerSecret(logger, undefined)).toEqual([]);
    expect(registerSecret(logger, 'ab7', 'SMOKE_TOKEN')).toEqual([]);
    expect(logger.secrets).toEqual([]);
    expect(logger.lines).toEqual([
      '::warning::SMOKE_TOKEN is shorter than 4 characters, so it is not masked in logs; use a longer secret.',
    ]);
    expect(derivedForms('abcd').every((f) => f.length >= 4)).toBe(true);
  });

  test('a masker hides registered forms in text that bypasses the logger (error messages)', () => {
    const masker = createSecretMasker(memoryLogger());
    masker.register(token);
    expect(masker.mask(`failed: ${Buffer.from(token).toString('base64')} and ${token}`)).toBe(
      'failed: *** and ***',
    );
  });
});
