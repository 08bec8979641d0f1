import * as core from '@actions/core';

/** Where an annotation points (mirrors @actions/core's AnnotationProperties). */
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

export function actionsLogger(): Logger {
  return {
    debug: (m) => core.debug(m),
    info: (m) => core.info(m),
    notice: (m, p) => core.notice(m, p),
    warning: (m, p) => core.warning(m, p),
    error: (m, p) => core.error(m, p),
    group: (name, fn) => core.group(name, fn),
    setSecret: (v) => core.setSecret(v),
  };
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
