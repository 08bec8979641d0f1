import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { addedLines, type ChangedFile } from './diff.js';

/** A possible secret in an added line: where, and which rule found it (never the secret). */
export interface SecretHit {
  file: string;
  line: number;
  message: string;
}

/**
 * secretlint's built-in profiler keeps every performance mark it ever saw and searches that list
 * for each new one, asynchronously: over 3,000 files that is ~10^9 comparisons, landing later as
 * a 40-second stall (bench/results/preflight-gates.md). Let its observer catch up after each
 * file, then drop what it kept; nothing here reads the profile.
 */
async function drainProfiler(): Promise<void> {
  // Its fields are private in the typings (10.2.2); guarded in case a later version renames them.
  const profiler = secretLintProfiler as unknown as {
    waifForExecutionPromises?: () => Promise<unknown>;
    entries?: unknown[];
    measures?: unknown[];
  };
  await new Promise<void>((resolve) => setImmediate(resolve));
  await profiler.waifForExecutionPromises?.();
  if (Array.isArray(profiler.entries)) profiler.entries.length = 0;
  if (Array.isArray(profiler.measures)) profiler.measures.length = 0;
}

/**
 * Secrets in added lines, found by secretlint's maintained recommended preset (not home-made
 * regexes). The scanned text is the file's added lines only; line numbers map back to the file.
 * The secret itself never leaves this function: messages are masked by secretlint.
 */
export async function scanSecrets(files: readonly ChangedFile[]): Promise<SecretHit[]> {
  const hits: SecretHit[] = [];
  for (const f of files) {
    if (!f.patch) continue;
    const added = addedLines(f.patch);
    if (!added.length) continue;
    const content = added.map((l) => l.content).join('\n');
    const res = await lintSource({
      source: {
        filePath: f.filename,
        content,
        ext: f.filename.slice(f.filename.lastIndexOf('.')),
        contentType: 'text',
      },
      options: {
        maskSecrets: true,
        noPhysicFilePath: true,
        config: {
          rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }],
        },
      },
    });
    await drainProfiler();
    for (const m of res.messages) {
      const line = added[m.loc.start.line - 1]?.line ?? added[0]!.line;
      hits.push({
        file: f.filename,
        line,
        message: `possible secret (${m.ruleId}${m.messageId ? ` ${m.messageId}` : ''})`,
      });
    }
  }
  return hits;
}
