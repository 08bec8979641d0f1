/** Shows a job summary (GitHub markdown) readably in a terminal. */

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

/** Drops HTML comments and tags, renders headings and tables as plain aligned text. */
export function markdownToTerminal(markdown: string): string {
  const text = markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<summary>([\s\S]*?)<\/summary>/g, '$1\n')
    .replace(/<br\s*\/?>/g, ' ')
    .replace(
      /<\/?(details|p|div|sub|sup|b|strong|em|code|pre|kbd|table|tr|td|th|tbody|thead)[^>]*>/g,
      '',
    );
  const out: string[] = [];
  let table: string[][] = [];
  let inCode = false;
  const flush = () => {
    if (table.length === 0) return;
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
    for (const row of table)
      out.push(
        '  ' +
          row
            .map((c, i) => c.padEnd(widths[i]!))
            .join('  ')
            .trimEnd(),
      );
    table = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    // A fence (```sh) is markup, not text: its body is shown indented, the fence lines not at all.
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      out.push(`  ${line}`);
      continue;
    }
    if (/^\s*\|/.test(line)) {
      if (/^\s*\|[\s:|-]+\|\s*$/.test(line)) continue;
      table.push(
        line
          .replace(/^\s*\|/, '')
          .replace(/\|\s*$/, '')
          .split(/(?<!\\)\|/)
          .map((c) => inline(c.trim().replace(/\\\|/g, '|'))),
      );
      continue;
    }
    flush();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) out.push(bold(inline(heading[2]!)));
    else out.push(inline(line));
  }
  flush();
  return unescape(out.join('\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Inline markup to plain text: bold and code marks dropped, a link as its text and address. */
function inline(text: string): string {
  return text
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/`/g, '')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) =>
      label === url ? url : `${label} (${url})`,
    );
}

export interface Printer {
  step(title: string): void;
  line(text: string): void;
  summary(markdown: string): void;
}

export function terminalPrinter(
  write: (s: string) => void = (s) => process.stdout.write(s),
): Printer {
  return {
    step: (title) => write(`\n${bold(`== ${title}`)}\n`),
    line: (text) => write(`${text}\n`),
    summary: (markdown) => {
      const body = markdownToTerminal(markdown);
      if (body)
        write(
          dim('-- job summary --') +
            '\n' +
            body
              .split('\n')
              .map((l) => `   ${l}`)
              .join('\n') +
            '\n',
        );
    },
  };
}

export const silentPrinter: Printer = { step: () => {}, line: () => {}, summary: () => {} };

/** Markdown escapes and HTML entities, back to the characters a reader expects. */
function unescape(text: string): string {
  return text
    .replace(/&lt;br&gt;/g, '; ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
}
