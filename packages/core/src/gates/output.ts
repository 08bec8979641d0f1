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
