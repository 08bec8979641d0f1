import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promotionConfigSchema } from '../../../packages/core/src/config/schema.js';
import type { PreflightConfig } from '../../../packages/core/src/config/sections/preflight.js';
import type { ChangedFile } from '../../../packages/core/src/gates/diff.js';
import type { PreflightFacts } from '../../../packages/core/src/gates/facts.js';
import { fact, missing } from '../../../packages/core/src/gates/types.js';

export const FIXTURES = join(process.cwd(), 'test/fixtures/preflight');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

export function preflight(raw: unknown): PreflightConfig {
  return promotionConfigSchema().parse({ preflight: raw }).preflight;
}

/** A unified-diff hunk adding `lines` at line `start` of a new file. */
export function patchAdding(lines: string[], start = 1): string {
  return `@@ -0,0 +${start},${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}`;
}

export function file(filename: string, added: string[] | undefined, status = 'added'): ChangedFile {
  const f: ChangedFile = { filename, status, additions: added?.length ?? 5, deletions: 0 };
  if (added) f.patch = patchAdding(added);
  return f;
}

export function facts(over: Partial<PreflightFacts> = {}): PreflightFacts {
  return {
    now: new Date('2026-11-25T13:30:00Z'),
    checkName: 'promote/preflight',
    productionBranch: 'main',
    pr: {
      number: 42,
      title: 'Promote staging',
      body: '',
      author: 'alice',
      headSha: 'a'.repeat(40),
      headRef: 'promote/x',
      baseSha: 'b'.repeat(40),
      baseRef: 'main',
      labels: [],
      changedFiles: 0,
      commits: 0,
    },
    files: fact({ files: [] }),
    commits: fact({ messages: [] }),
    reviews: fact([]),
    deployments: fact([]),
    branch: fact({
      protected: true,
      requiredChecks: ['promote/preflight'],
      sources: ['branch protection rule' as const],
    }),
    compare: fact({ files: [] }),
    reports: new Map(),
    commands: new Map(),
    backupFile: missing('not configured'),
    protectedContents: new Map(),
    ciRuns: fact([]),
    ...over,
  };
}

export const reports = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k, fact(v)]));
