import type { CommandOutcome } from './facts.js';

/** The last `n` non-empty lines of a command's output (stdout, then stderr). */
export function outputTail(o: CommandOutcome, n = 20): string {
  const text = `${o.stdout}${o.stderr ? `\n${o.stderr}` : ''}`;
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join('\n');
}

export function lastLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}

/** Output inside a fenced block that its own backticks cannot close. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}
