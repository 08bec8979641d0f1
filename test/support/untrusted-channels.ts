// What a reader of GitHub, chat and the Actions log would find wrong with untrusted text that an
// action put in front of them: a mention that notifies someone, a workflow command the runner
// obeys, a table whose rows lost their columns.

/**
 * `@login` and `@org/team` that GitHub would link (and notify): after the start or a non-word
 * character, outside code spans and fenced blocks, with HTML entities decoded first (GitHub
 * decodes them before it looks for mentions), as html-pipeline's MentionFilter does
 * (https://github.com/gjtorikian/html-pipeline/blob/v2.14.3/lib/html/pipeline/%40mention_filter.rb).
 * Also Slack's `<!channel>`/`<!here>`/`<@U…>` and Discord's `<@id>` when they survived unescaped.
 */
export function liveMentions(text: string): string[] {
  const prose = text
    .replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s*\2[`~]*\s*$/gm, '')
    .replace(/(`+)[\s\S]*?\1/g, '')
    .replace(/&#64;|&#x40;|&commat;/gi, '@');
  const github = [
    ...prose.matchAll(/(?:^|[^A-Za-z0-9_])(@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][\w.-]*)?)/g),
  ].map((m) => m[1]!);
  const chat = prose.match(/<(?:!channel|!here|!everyone|@[!&]?[A-Za-z0-9]+)>/g) ?? [];
  return [...github, ...chat];
}

/** Every markdown table row has as many unescaped pipes as its header row. */
export function brokenTables(markdown: string): string[] {
  const broken: string[] = [];
  let columns: number | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      columns = undefined;
      continue;
    }
    const pipes = line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1;
    if (columns === undefined) columns = pipes;
    else if (pipes !== columns) broken.push(line.slice(0, 120));
  }
  return broken;
}

export interface RunnerCommand {
  name: string;
  data: string;
  line: string;
}

const DATA_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%'],
];
const unescapeData = (s: string) => DATA_ESCAPES.reduce((t, [e, c]) => t.split(e).join(c), s);

// Commands the runner registers (actions/runner src/Runner.Worker/*CommandExtension).
const REGISTERED = new Set([
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
]);

/**
 * The workflow commands the runner obeys in `log`, line by line as actions/runner's
 * ActionCommandManager reads them: `::name props::data` after leading whitespace
 * (ActionCommand.TryParseV2), else the legacy `##[name props]data` anywhere in the line
 * (ActionCommand.TryParse); between `::stop-commands::<token>` and `::<token>::` nothing is obeyed.
 * https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs
 */
export function runnerCommands(log: string): RunnerCommand[] {
  const out: RunnerCommand[] = [];
  let stopToken: string | undefined;
  for (const raw of log.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const parsed = parseV2(line) ?? parseV1(line);
    if (!parsed) continue;
    if (stopToken !== undefined) {
      if (parsed.name.toLowerCase() === stopToken.toLowerCase()) stopToken = undefined;
      continue;
    }
    if (parsed.name === 'stop-commands') {
      stopToken = parsed.data;
      continue;
    }
    if (REGISTERED.has(parsed.name)) out.push({ ...parsed, line });
  }
  return out;
}

function parseV2(line: string): Omit<RunnerCommand, 'line'> | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  return {
    name: (space < 0 ? info : info.slice(0, space)).toLowerCase(),
    data: unescapeData(message.slice(end + 2)),
  };
}

function parseV1(line: string): Omit<RunnerCommand, 'line'> | undefined {
  const start = line.indexOf('##[');
  if (start < 0) return undefined;
  const close = line.indexOf(']', start);
  if (close < 0) return undefined;
  const info = line.slice(start + 3, close);
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  // The runner only takes registered names in this form (and the stop token it registered).
  return { name, data: unescapeData(line.slice(close + 1)) };
}
