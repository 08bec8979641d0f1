/**
 * Each action README's "## Inputs" and "## Outputs" tables, generated from its action.yml so the
 * two can never disagree. `npm run readme-tables` rewrites them; test/docs/readme-tables.test.ts
 * fails when a README is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatMarkdown } from './format-markdown.js';

interface ActionYml {
  inputs?: Record<string, { description?: string; default?: unknown; required?: boolean }>;
  outputs?: Record<string, { description?: string }>;
}

const MARK =
  '<!-- generated from action.yml by `npm run readme-tables`: edit action.yml, not this table -->';

const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();

function defaultOf(value: unknown, required?: boolean): string {
  if (required) return '**required**';
  if (value === undefined || value === '') return '';
  return `\`${String(value).replace(/`/g, "'")}\``;
}

export function inputsTable(action: ActionYml): string {
  // Hidden plumbing inputs (e.g. a second copy of github.token for a comparison) say so in
  // their description and stay listed: a user reading the table sees everything action.yml has.
  const rows = Object.entries(action.inputs ?? {}).map(
    ([name, i]) =>
      `| \`${name}\` | ${defaultOf(i.default, i.required)} | ${cell(i.description ?? '')} |`,
  );
  return [MARK, '', '| Input | Default | Description |', '| --- | --- | --- |', ...rows].join('\n');
}

export function outputsTable(action: ActionYml): string {
  const rows = Object.entries(action.outputs ?? {}).map(
    ([name, o]) => `| \`${name}\` | ${cell(o.description ?? '')} |`,
  );
  return [MARK, '', '| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

/** Replaces the first table (and a previous marker) under `heading`; prose around it stays. */
function replaceTable(readme: string, heading: string, table: string, file: string): string {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0)
    throw new Error(`${file}: no "${heading}" section; add one so the table has a home`);
  let end = start + 1;
  while (end < lines.length && !/^#{1,2} /.test(lines[end]!)) end++;
  const section = lines.slice(start + 1, end);
  const first = section.findIndex((l) => l.startsWith('|') || l === MARK);
  if (first < 0) {
    return [...lines.slice(0, start + 1), '', table, ...section, ...lines.slice(end)].join('\n');
  }
  let next = first;
  if (section[next] === MARK) next += section[next + 1] === '' ? 2 : 1;
  while (next < section.length && section[next]!.startsWith('|')) next++;
  const rebuilt = [...section.slice(0, first), table, ...section.slice(next)];
  return [...lines.slice(0, start + 1), ...rebuilt, ...lines.slice(end)].join('\n');
}

export function renderReadme(readme: string, action: ActionYml, file: string): string {
  const withInputs = replaceTable(readme, '## Inputs', inputsTable(action), file);
  return replaceTable(withInputs, '## Outputs', outputsTable(action), file);
}

export async function actionReadmes(
  root: string,
): Promise<{ file: string; expected: string; actual: string }[]> {
  const dirs = readdirSync(join(root, 'actions'), { withFileTypes: true }).filter((d) =>
    d.isDirectory(),
  );
  return Promise.all(
    dirs.map(async (d) => {
      const dir = join(root, 'actions', d.name);
      const file = join(dir, 'README.md');
      const actual = readFileSync(file, 'utf8');
      const action = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionYml;
      // Formatted as `prettier --check` wants it, so the generated tables pass `npm run lint`.
      return {
        file,
        expected: await formatMarkdown(renderReadme(actual, action, file), file),
        actual,
      };
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { file, expected, actual } of await actionReadmes(process.cwd())) {
    if (expected !== actual) {
      writeFileSync(file, expected);
      console.log(`wrote ${file}`);
    }
  }
}
