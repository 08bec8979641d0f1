import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '@promote/core/config/parse';
import { promotionConfigSchema } from '@promote/core/config/schema';

const README = readFileSync(join(process.cwd(), 'actions/preflight-gates/README.md'), 'utf8');

describe('the README documents a config that loads', () => {
  test('the example preflight config is valid and turns every gate on', () => {
    const block = /```yaml\n(branches:[\s\S]*?)```/.exec(README)![1]!;
    const config = parseConfig(block);
    const keys = Object.keys(config.preflight).filter((k) => !['timezone', 'override'].includes(k));
    expect(keys.sort()).toEqual(
      [
        'approvals',
        'backup',
        'branch-protection',
        'change-size',
        'ci',
        'custom',
        'diff-guard',
        'drift',
        'findings',
        'freeze',
        'tests',
      ].sort(),
    );
  });

  test('every key of the preflight section is named in the README', () => {
    const section = promotionConfigSchema().shape.preflight.unwrap() as unknown as {
      shape: Record<string, unknown>;
    };
    for (const key of Object.keys(section.shape)) expect(README).toContain(`\`${key}`);
  });

  test('every input and output of action.yml is in the README tables', () => {
    const manifest = parse(
      readFileSync(join(process.cwd(), 'actions/preflight-gates/action.yml'), 'utf8'),
    ) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    for (const name of [...Object.keys(manifest.inputs), ...Object.keys(manifest.outputs)])
      expect(README).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, 'm'));
  });
});
