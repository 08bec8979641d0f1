// npm run schema: writes schema/promotion.schema.json and docs/config.md from the zod schema.
// Run through tsx (it maps the core's `.js` import specifiers to the `.ts` sources).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DOCS_FILE,
  renderConfigDocs,
  renderJsonSchema,
  SCHEMA_FILE,
} from '../packages/core/src/config/json-schema.js';
import { formatMarkdown } from './format-markdown.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

for (const [file, text] of [
  [SCHEMA_FILE, renderJsonSchema()],
  [DOCS_FILE, await formatMarkdown(renderConfigDocs(), join(root, DOCS_FILE))],
] as const) {
  await mkdir(dirname(join(root, file)), { recursive: true });
  await writeFile(join(root, file), text);
  console.log(`wrote ${file} (${text.length} characters)`);
}
