// Each action README's Inputs and Outputs tables come from its action.yml (scripts/readme-tables.ts).
import { join } from 'node:path';
import { actionReadmes, renderReadme } from '../../scripts/readme-tables.js';

const root = join(import.meta.dirname, '..', '..');

test.each([
  'migrate-with-rollback',
  'open-promote-pr',
  'preflight-gates',
  'prod-smoke-seal',
  'tag-release',
])(
  "actions/%s/README.md lists exactly its action.yml's inputs and outputs (else: npm run readme-tables)",
  async (name) => {
    const readme = (await actionReadmes(root)).find((r) =>
      r.file.endsWith(`/actions/${name}/README.md`),
    );
    expect(readme).toBeDefined();
    expect(readme!.actual).toBe(readme!.expected);
  },
);

test('a renamed input makes the README stale', () => {
  const readme = '# x\n\n## Inputs\n\n| old |\n\n## Outputs\n\n| o |\n\n## Next\n';
  const action = {
    inputs: { token: { description: 'The token', default: 'a' } },
    outputs: { seal: { description: 'green | red' } },
  };
  const out = renderReadme(readme, action, 'x');
  expect(out).toContain('| `token` | `a` | The token |');
  expect(out).toContain('| `seal` | green \\| red |');
  expect(out).not.toContain('| old |');
  expect(out).toContain('## Next');
});
