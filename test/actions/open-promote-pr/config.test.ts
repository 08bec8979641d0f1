import { z } from 'zod';
import { promoteSection } from '@promote/core/config/sections/promote';
import { promotionConfigSchema } from '@promote/core/config/schema';

describe('promote: config section', () => {
  test('an empty file gives working defaults', () => {
    const config = promotionConfigSchema().parse({});
    expect(config.promote.name).toBe('release');
    expect(config.promote['branch-prefix']).toBe('promote/');
    expect(config.promote.reviewers).toEqual({
      users: [],
      teams: [],
      away: [],
      strategy: 'round-robin',
      required: false,
    });
    expect(config.promote.gates).toEqual(['drift', 'change-size', 'findings']);
    expect(config.promote['close-superseded']).toBe(true);
    expect(config.promote.checklist.length).toBeGreaterThan(0);
  });

  test('a full section loads: rotation, areas, migrations command, audit file', () => {
    const config = promotionConfigSchema().parse({
      promote: {
        name: 'sprint',
        timezone: 'Europe/Berlin',
        title: 'Promote {name} ({date}, {sha})',
        labels: ['promotion', 'prod'],
        draft: true,
        reviewers: { users: ['alice', 'bob'], teams: ['platform'], away: ['bob'], required: true },
        areas: { database: ['migrations/**'] },
        migrations: { command: ['npx', 'wrangler', 'd1', 'migrations', 'list', 'DB'] },
        audit: { file: 'audit.log', 'max-lines': 5 },
        gates: ['drift'],
      },
    });
    expect(config.promote.reviewers.users).toEqual(['alice', 'bob']);
    expect(config.promote.migrations).toEqual({
      command: ['npx', 'wrangler', 'd1', 'migrations', 'list', 'DB'],
      'max-lines': 60,
    });
    expect(config.promote.audit).toEqual({ file: 'audit.log', 'max-lines': 5 });
  });

  test('a title template with an unknown placeholder is refused with the allowed ones', () => {
    const result = promotionConfigSchema().safeParse({ promote: { title: 'Promote {nmae}' } });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('unknown placeholder {nmae}');
  });

  test('a time zone that is not IANA is refused', () => {
    expect(promotionConfigSchema().safeParse({ promote: { timezone: 'CEST' } }).success).toBe(
      false,
    );
  });

  test('unknown keys and a shell-string command are refused', () => {
    expect(promotionConfigSchema().safeParse({ promote: { reviewer: ['a'] } }).success).toBe(false);
    expect(
      promotionConfigSchema().safeParse({
        promote: { migrations: { command: 'wrangler d1 migrations list' } },
      }).success,
    ).toBe(false);
  });

  test('every key of the section is described (docs and JSON Schema come from it)', () => {
    const schema = z.toJSONSchema(promoteSection(), { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, { description?: string }>;
    };
    const keys = Object.keys(schema.properties);
    expect(keys).toEqual(
      expect.arrayContaining([
        'name',
        'branch-prefix',
        'reviewers',
        'areas',
        'migrations',
        'audit',
        'close-superseded',
        'gates',
        'checklist',
      ]),
    );
    for (const key of keys)
      expect([key, schema.properties[key]?.description ?? '']).toEqual([
        key,
        expect.stringMatching(/\w/),
      ]);
  });
});
