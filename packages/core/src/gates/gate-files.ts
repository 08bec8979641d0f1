import { posix } from 'node:path';
import type { PreflightConfig } from '../config/sections/preflight.js';
import type { ChangedFile } from './diff.js';

/**
 * The files that decide the gates: the config file and the files gate commands name. A PR may
 * change them, but it is judged by the base branch's versions (issue #16: whoever can push to
 * staging could otherwise lower the coverage minimum or rewrite a custom gate's script in the
 * very PR the gates judge). This module is the pure part: which files those are.
 */

/** A command a gate runs, by the id its outcome is stored under (`drift`, `backup`, `custom:<name>`). */
export interface GateCommand {
  id: string;
  argv: readonly string[];
  /** Per-command timeout ("10m"): custom commands set their own, the others get 10 minutes. */
  timeout: string;
}

const GATE_COMMAND_TIMEOUT = '10m';

/** The commands the enabled gates run, in report order. */
export function gateCommands(config: PreflightConfig): GateCommand[] {
  const out: GateCommand[] = [];
  if (config.drift?.enabled && config.drift.command)
    out.push({ id: 'drift', argv: config.drift.command, timeout: GATE_COMMAND_TIMEOUT });
  if (config.backup?.enabled && config.backup.command)
    out.push({ id: 'backup', argv: config.backup.command, timeout: GATE_COMMAND_TIMEOUT });
  if (config.custom?.enabled)
    for (const c of config.custom.commands)
      out.push({ id: `custom:${c.name}`, argv: c.run, timeout: c.timeout });
  return out;
}

/**
 * The repository path an argv element names, if it can name one: relative, inside the
 * repository, no option (`--min`), no assignment, no URL, and with a directory or an extension
 * (`python3`, `sh` and `1` are programs on PATH or values, not files of the repository).
 */
export function repoPathOf(arg: string): string | undefined {
  if (!arg || arg.startsWith('-') || /[=\s\\]|:\/\//.test(arg) || posix.isAbsolute(arg))
    return undefined;
  const path = posix.normalize(arg);
  if (path === '.' || path === '..' || path.startsWith('../') || path.endsWith('/'))
    return undefined;
  if (!path.includes('/') && !path.includes('.')) return undefined;
  return path;
}

/** Paths of the gate files: the config file first, then each repository path a command names. */
export function gateFilePaths(configPath: string, config: PreflightConfig): string[] {
  const paths = [posix.normalize(configPath)];
  for (const c of gateCommands(config))
    for (const arg of c.argv) {
      const p = repoPathOf(arg);
      if (p) paths.push(p);
    }
  return [...new Set(paths)];
}

/** The PR's changed files that are gate files (a rename counts under either name). */
export function changedGateFiles(
  files: readonly ChangedFile[],
  gateFiles: readonly string[],
): ChangedFile[] {
  const wanted = new Set(gateFiles);
  return files.filter(
    (f) => wanted.has(f.filename) || (f.previous_filename && wanted.has(f.previous_filename)),
  );
}
