// @actions/workflow-parser imports its action schema as `import ActionSchema from
// "../action-v1.0.min.json"` without an import attribute, which Jest deprecates (and Node
// refuses). jest.config.js maps that one specifier here: the same JSON, read from the package.
import { readFileSync } from 'node:fs';

const file = new URL(
  '../../../node_modules/@actions/workflow-parser/dist/action-v1.0.min.json',
  import.meta.url,
);

const schema: unknown = JSON.parse(readFileSync(file, 'utf8'));
export default schema;
