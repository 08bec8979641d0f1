// The pre-flight store check (store-setup.ts) against the S3 world: each refusal names the
// config key that fixes it and what the store said, before any lock or change.
import { ConfigurationError } from '@promote/core/errors';
import { migrateSection } from '@promote/core/config/sections/migrate';
import { prepareStore } from '../../../actions/migrate-with-rollback/src/store-setup.js';
import { SecretMask } from '../../../actions/migrate-with-rollback/src/connection-env.js';
import { startS3, type S3World } from '../../support/s3.js';

let s3: S3World;
beforeAll(async () => {
  s3 = await startS3({ bucket: 'probed' });
});
afterAll(async () => {
  await s3?.stop();
});

const probe = (store: Record<string, unknown>, env: Record<string, string> = s3.env()) => {
  const config = migrateSection().parse({
    preset: 'sqlite',
    store: {
      kind: 's3',
      bucket: s3.bucket,
      endpoint: s3.endpoint,
      'force-path-style': true,
      encryption: 'none',
      ...store,
    },
  });
  return prepareStore(config, '/tmp', env, new SecretMask(), { probe: true });
};

test('a reachable bucket with the right credentials passes', async () => {
  await expect(probe({})).resolves.toMatchObject({ kind: 's3' });
});

test('an endpoint nobody listens on names migrate.store.endpoint', async () => {
  await expect(probe({ endpoint: 'http://127.0.0.1:9' })).rejects.toThrow(
    /^migrate\.store\.endpoint: could not reach bucket "probed" at http:\/\/127\.0\.0\.1:9 \(could not reach .*ECONNREFUSED.*\)/,
  );
});

test('a bucket that does not exist names migrate.store.bucket', async () => {
  await expect(probe({ bucket: 'no-such-bucket' })).rejects.toThrow(
    /^migrate\.store\.bucket: bucket "no-such-bucket" .* does not exist \(HTTP 404 NotFound\)/,
  );
});

test('a wrong secret names both credential variables, and the secret is not in the message', async () => {
  const error = await probe({}, { ...s3.env(), AWS_SECRET_ACCESS_KEY: 'not-the-secret' }).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as Error).message).toMatch(
    /refused the credentials \(HTTP 403 Forbidden\).*\$AWS_ACCESS_KEY_ID and \$AWS_SECRET_ACCESS_KEY/,
  );
  expect((error as Error).message).not.toContain('not-the-secret');
});
