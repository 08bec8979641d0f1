import { EOL } from 'node:os';
import { issueCommand } from './workflow-commands.js';
import { randomToken } from './random-token.js';

/** Where an annotation points (the part of @actions/core's AnnotationProperties we use). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

/**
 * The log port every module writes through. Actions get `actionsLogger()`; tests hand in
 * `memoryLogger()` and read `.lines` back (an ESM namespace cannot be spied on).
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string, props?: AnnotationProperties): void;
  warning(message: string, props?: AnnotationProperties): void;
  error(message: string, props?: AnnotationProperties): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Register a secret so nothing printed afterwards shows it (the runner masks `::add-mask::`). */
  setSecret(value: string): void;
}

// The runner reads a line as a workflow command when it starts with `::` after leading spaces, or
// anywhere it holds the legacy `##[name]` form (ActionCommand.TryParseV2 and TryParse in
// https://github.com/actions/runner/blob/main/src/Runner.Common/ActionCommand.cs).
const COMMAND_LIKE = /^\s*::|##\[/m;

/**
 * `message` as log text that the runner cannot take for a workflow command: a commit subject
 * with a newline and `::warning::` in it, a command's output saying `::add-mask::`. Such text is
 * printed between `::stop-commands::<token>` and `::<token>::` with a token nobody can guess
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#stopping-and-starting-workflow-commands).
 * debug, notice, warning, error and group names need nothing: issueCommand escapes `%`, CR and
 * LF in a command's data, so their text stays inside the one command.
 */
export function commandSafe(message: string, token: () => string = randomToken): string {
  if (!COMMAND_LIKE.test(message)) return message;
  const t = `promote-${token()}`;
  return `::stop-commands::${t}\n${message}\n::${t}::`;
}

export function actionsLogger(): Logger {
  return {
    debug: (m) => issueCommand('debug', {}, m),
    info: (m) => process.stdout.write(`${commandSafe(m)}${EOL}`),
    notice: (m, p) => issueCommand('notice', annotation(p), m),
    warning: (m, p) => issueCommand('warning', annotation(p), m),
    error: (m, p) => issueCommand('error', annotation(p), m),
    group: async (name, fn) => {
      issueCommand('group', {}, name);
      try {
        return await fn();
      } finally {
        issueCommand('endgroup', {}, '');
      }
    },
    setSecret: (v) => issueCommand('add-mask', {}, v),
  };
}

/** An annotation's properties under the names the runner reads (`line`, not `startLine`). */
function annotation(p: AnnotationProperties = {}): Record<string, string | number | undefined> {
  return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine };
}

export interface MemoryLogger extends Logger {
  readonly lines: string[];
  readonly secrets: string[];
}

/** A logger that keeps every line, masking registered secrets the way the runner does. */
export function memoryLogger(): MemoryLogger {
  const lines: string[] = [];
  const secrets: string[] = [];
  const mask = (m: string) => secrets.reduce((s, v) => (v ? s.split(v).join('***') : s), m);
  const push = (level: string) => (m: string) => {
    lines.push(`${level}${mask(m)}`);
  };
  return {
    lines,
    secrets,
    debug: push('::debug::'),
    info: push(''),
    notice: push('::notice::'),
    warning: push('::warning::'),
    error: push('::error::'),
    async group(name, fn) {
      lines.push(`::group::${mask(name)}`);
      try {
        return await fn();
      } finally {
        lines.push('::endgroup::');
      }
    },
    setSecret(v) {
      if (v) secrets.push(v);
    },
  };
}
