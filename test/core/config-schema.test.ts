import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  DOCS_FILE,
  buildJsonSchema,
  renderConfigDocs,
  renderJsonSchema,
  SCHEMA_FILE,
} from '../../packages/core/src/config/json-schema.js';
import { formatMarkdown } from '../../scripts/format-markdown.js';

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
});
