import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import {
  DOCS_FILE,
  buildJsonSchema,
  renderConfigDocs,
  renderJsonSchema,
  SCHEMA_FILE,
} from '../../packages/core/src/config/json-schema.js';
import { formatMarkdown } from '../../scripts/format-markdown.js';

// ajv-formats is CommonJS: under ESM its default export is the module object.
const addFormats =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

const root = join(import.meta.dirname, '..', '..');
const committed = (file: string) => readFileSync(join(root, file), 'utf8');

describe('generated config reference', () => {
  test('schema/promotion.schema.json is up to date with the zod schema', () => {
    const fresh = renderJsonSchema();
    if (committed(SCHEMA_FILE) !== fresh) {
      throw new Error(
        `${SCHEMA_FILE} is stale: the zod schema changed. Run \`npm run schema\` and commit the result.`,
      );
    }
  });

  test('docs/config.md is up to date with the zod schema', async () => {
    const fresh = await formatMarkdown(renderConfigDocs(), join(root, DOCS_FILE));
    if (committed(DOCS_FILE) !== fresh) {
      throw new Error(
        `${DOCS_FILE} is stale: the zod schema changed. Run \`npm run schema\` and commit the result.`,
      );
    }
  });

  test('the JSON Schema has its identity and an editor can validate files with it', () => {
    const schema = buildJsonSchema();
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: expect.stringMatching(/promotion\.schema\.json$/),
      title: 'Promote configuration (.github/promotion.yml)',
    });
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect(validate({})).toBe(true);
    expect(
      validate({
        branches: { production: 'main' },
        notify: { slack: { 'webhook-env': 'SLACK_WEBHOOK_URL' } },
      }),
    ).toBe(true);
    expect(validate({ notify: { slak: {} } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      keyword: 'additionalProperties',
      params: { additionalProperty: 'slak' },
    });
    expect(validate({ notify: { slack: { 'webhook-env': 'not a name' } } })).toBe(false);
  });

  test('the docs hold a key table per section with type, default and description', () => {
    const md = renderConfigDocs();
    expect(md).toContain('## `branches`');
    expect(md).toContain(
      '| `branches.production` | string | `"main"` | The branch production deploys from. |',
    );
    expect(md).toContain('## `notify`');
    expect(md).toMatch(
      /\| `notify\.slack\.webhook-env` \| string \| +\| \*\*Required\.\*\* Name of the environment variable/,
    );
  });

  test('the JSON Schema uses only standard formats: a strict validator compiles it without a warning', () => {
    const warnings: unknown[] = [];
    const log = (...args: unknown[]) => warnings.push(args);
    const ajv = new Ajv2020({
      strict: true,
      strictTypes: false,
      logger: { log, warn: log, error: log },
    });
    addFormats(ajv);
    const validate = ajv.compile(buildJsonSchema());
    expect(warnings).toEqual([]);
    expect(validate({ smoke: { checks: [{ name: 'health', path: '/health' }] } })).toBe(true);
    expect(validate({ smoke: { checks: [{ name: 'health', path: 'health' }] } })).toBe(false);
  });

  test('alternatives say which one of them is required, not that both are', () => {
    const md = renderConfigDocs();
    const row = (key: string) => md.split('\n').find((l) => l.startsWith(`| \`${key}\` |`)) ?? '';
    for (const [key, pair] of [
      ['preflight.freeze[].days', '`days` or `dates`'],
      ['preflight.freeze[].dates', '`days` or `dates`'],
      ['promote.migrations.command', '`command`, `paths` or `from`'],
      ['promote.migrations.paths', '`command`, `paths` or `from`'],
      ['promote.migrations.from', '`command`, `paths` or `from`'],
      ['promote.audit.file', '`file` or `command`'],
      ['promote.audit.command', '`file` or `command`'],
    ] as const) {
      expect(row(key)).toContain(`**One of ${pair} is required.**`);
      expect(row(key)).not.toContain('**Required.**');
    }
    // Inside a chosen alternative, its own keys are still required.
    expect(row('preflight.freeze[].dates.from')).toContain('**Required.**');
  });

  // Issue #17: an editor and the loader agree on bare numbers: read as milliseconds (deprecated)
  // where they were before, refused everywhere else.
  test('durations: a bare number is deprecated in migrate timeouts and locks, refused elsewhere', () => {
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(
      buildJsonSchema(),
    );
    expect(validate({ migrate: { timeouts: { backup: 30 }, lock: { ttl: 3_600_000 } } })).toBe(
      true,
    );
    expect(validate({ migrate: { timeouts: { backup: 0 } } })).toBe(false);
    expect(validate({ migrate: { timeouts: { backup: '1h30m' } } })).toBe(true);
    expect(validate({ preflight: { ci: { wait: 30 } } })).toBe(false);
    expect(validate({ smoke: { timeouts: { attempt: 10 } } })).toBe(false);
    expect(validate({ smoke: { timeouts: { attempt: '1m30s' } } })).toBe(true);
    const md = renderConfigDocs();
    expect(md).toMatch(/\| `migrate\.timeouts\.backup` \| duration \| `"30m"` \|/);
    expect(md).toMatch(/\| `smoke\.timeouts\.attempt` \| duration \| `"10s"` \|/);
  });

  test("findings.block-at's default is in the reference, as the action README says", () => {
    expect(renderConfigDocs()).toMatch(
      /\| `preflight\.findings\.block-at` \| string \| `"high"` \|/,
    );
  });
});
