import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { upgradeDeprecatedValues } from './deprecations.js';
import { ConfigValidationError, fileLocator, issueEntries } from './errors.js';
import { mergeInputs, type InputOverrides } from './merge.js';
import { promotionConfigSchema, type PromotionConfig } from './schema.js';
import { layerProblems, stagesOf } from './resolve.js';

export const DEFAULT_CONFIG_PATH = '.github/promotion.yml';

/** The one call of the contents API we make; structural so any Octokit (or a fake) fits. */
export interface ContentsReader {
  rest: {
    repos: {
      getContent(params: {
        owner: string;
        repo: string;
        path: string;
        ref?: string;
      }): Promise<{ data: unknown }>;
    };
  };
}

export type ConfigSource =
  | { kind: 'file'; path?: string; workspace?: string }
  | {
      kind: 'api';
      github: ContentsReader;
      owner: string;
      repo: string;
      ref?: string;
      path?: string;
    };

export interface LoadConfigOptions {
  source: ConfigSource;
  /** Action inputs over file values, keyed by dotted config path ('' / undefined = not given). */
  overrides?: InputOverrides;
  /** Input names for the override paths, for error messages (`input freeze-timezone: ...`). */
  inputNames?: Record<string, string>;
  logger?: Logger;
}

/**
 * Load and validate .github/promotion.yml from the checkout or through the contents API (no
 * checkout needed). No file means defaults. Any problem is a ConfigurationError naming the file,
 * the key path, the bad value and what is allowed, raised before the action does anything.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<PromotionConfig> {
  const { source, logger } = options;
  const path = source.path || DEFAULT_CONFIG_PATH;
  const text =
    source.kind === 'file'
      ? await readFromWorkspace(path, source.workspace)
      : await readFromApi(source, path);
  let config: PromotionConfig;
  if (text === undefined) {
    logger?.debug(
      `No ${path} found${source.kind === 'api' ? ` in ${source.owner}/${source.repo}${source.ref ? `@${source.ref}` : ''}` : ''}; using the defaults.`,
    );
    config = parseConfig('', path);
  } else {
    logger?.debug(`Loaded ${path} (${text.length} characters).`);
    config = parseConfig(text, path, { logger });
  }
  return options.overrides ? mergeInputs(config, options.overrides, options.inputNames) : config;
}

/**
 * The config file's text, or undefined when there is none (for an action that must tell "no
 * file" from "the defaults", as preflight-gates does). Errors as loadConfig's.
 */
export async function readConfigText(source: ConfigSource): Promise<string | undefined> {
  const path = source.path || DEFAULT_CONFIG_PATH;
  return source.kind === 'file'
    ? readFromWorkspace(path, source.workspace)
    : readFromApi(source, path);
}

/** One problem in a config file, with its place in the YAML where the file gives one. */
export interface ConfigProblem {
  /** Key path (`['preflight', 'timezone']`); [] for the file as a whole or a YAML syntax error. */
  path: PropertyKey[];
  /** 1-based line and column of the key (or of the closest enclosing key that exists). */
  line?: number;
  column?: number;
  /** What is wrong and what is allowed: `"EST" is a fixed UTC offset ...; use America/New_York`. */
  detail: string;
  /** The line the actions print: `promotion.yml: preflight.timezone: "EST" is ...`. */
  text: string;
}

/**
 * A file's problems (it does not load), or its config; either way the deprecated values it holds
 * (read as before for the rest of this major, each with the spelling to use: deprecations.ts).
 */
export type ConfigCheck =
  | { ok: true; config: PromotionConfig; deprecations: ConfigProblem[] }
  | { ok: false; syntax: boolean; problems: ConfigProblem[]; deprecations: ConfigProblem[] };

/** Validate config text (YAML) without throwing: every problem with its line. Empty text means defaults. */
export function checkConfig(text: string, path = DEFAULT_CONFIG_PATH): ConfigCheck {
  const label = basename(path);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const at = e.linePos?.[0];
      const where = at ? ` line ${at.line}, column ${at.col}` : '';
      let detail = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      if (e.code === 'DUPLICATE_KEY') {
        // yaml says only "Map keys must be unique": name the key and the fix.
        const key = /^[^:\n]+/.exec(text.slice(e.pos[0]))?.[0]?.trim();
        if (key) detail = `${key} is given twice in this mapping; keep one`;
      }
      return {
        path: [],
        ...(at ? { line: at.line, column: at.col } : {}),
        detail,
        text: `${label}:${where}: ${detail}`,
      };
    });
    return { ok: false, syntax: true, problems, deprecations: [] };
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const detail = `the file is ${Array.isArray(raw) ? 'a list' : `the value ${JSON.stringify(raw)}`}; it must be a mapping of sections (e.g. "preflight:", "notify:")`;
    return {
      ok: false,
      syntax: false,
      problems: [{ path: [], line: 1, column: 1, detail, text: `${label}: ${detail}` }],
      deprecations: [],
    };
  }
  const upgraded = upgradeDeprecatedValues(raw as Record<string, unknown>);
  const locate = fileLocator(label);
  const deprecations = upgraded.deprecations.map((d) => ({
    ...d,
    ...keyPosition(doc, lineCounter, d.path),
    text: `${locate(d.path)}: ${d.detail}`,
  }));
  const result = promotionConfigSchema.safeParse(upgraded.raw, { reportInput: true });
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  const add = (entry: { path: PropertyKey[]; detail: string }) => {
    const text = `${locate(entry.path)}: ${entry.detail}`;
    if (seen.has(text)) return;
    seen.add(text);
    problems.push({ ...entry, ...keyPosition(doc, lineCounter, entry.path), text });
  };
  if (result.success) {
    const config = withStages(result.data, upgraded.raw, add);
    layerProblems(config).forEach(add);
    if (problems.length === 0) return { ok: true, config, deprecations };
    return { ok: false, syntax: false, problems, deprecations };
  }
  issueEntries(result.error.issues, promotionConfigSchema).forEach(add);
  return { ok: false, syntax: false, problems, deprecations };
}

/**
 * With `stages:`, the chain's last two stages are `branches` and its last stage's environment is
 * `environment` (what every action reads for the final hop). Writing both is refused: one place
 * says where production is.
 */
function withStages(
  config: PromotionConfig,
  raw: Record<string, unknown>,
  add: (problem: { path: PropertyKey[]; detail: string }) => void,
): PromotionConfig {
  if (!config.stages) return config;
  for (const key of ['branches', 'environment'] as const)
    if (raw[key] !== undefined)
      add({
        path: [key],
        detail: `is replaced by stages: (each stage has its branch and environment); remove ${key}`,
      });
  const stages = stagesOf(config);
  const last = stages[stages.length - 1]!;
  return {
    ...config,
    branches: { production: last.branch, staging: stages[stages.length - 2]!.branch },
    environment: last.environment,
  };
}

/**
 * Validate config text (YAML). `path` is used in messages. Empty text means defaults. Each
 * deprecated value is a warning on the logger, an annotation on its line of the file.
 */
export function parseConfig(
  text: string,
  path = DEFAULT_CONFIG_PATH,
  options: { logger?: Logger } = {},
): PromotionConfig {
  const checked = checkConfig(text, path);
  for (const d of checked.deprecations)
    options.logger?.warning(d.text, {
      title: 'Promote config: deprecated value',
      file: path,
      ...(d.line !== undefined ? { startLine: d.line } : {}),
    });
  if (checked.ok) return checked.config;
  const lines = checked.problems.map((p) => p.text);
  if (checked.syntax)
    throw new ConfigValidationError(path, lines, `${path} is not valid YAML; fix it and re-run:`);
  throw new ConfigValidationError(path, lines);
}

/**
 * Where a key path is written: the key's own line for a mapping entry, the item's line for a list
 * entry; for a key that is missing, the closest enclosing key that exists.
 */
function keyPosition(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): { line?: number; column?: number } {
  let node: unknown = doc.contents;
  let offset: number | undefined = (node as { range?: number[] } | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as { range?: number[] } | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

async function readFromWorkspace(path: string, workspace?: string): Promise<string | undefined> {
  const full = isAbsolute(path)
    ? path
    : join(workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd(), path);
  try {
    return await readFile(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR')
      throw new ConfigurationError(`${path} is a directory; the config must be a YAML file.`);
    throw new ConfigurationError(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

async function readFromApi(
  source: Extract<ConfigSource, { kind: 'api' }>,
  path: string,
): Promise<string | undefined> {
  let data: unknown;
  try {
    ({ data } = await source.github.rest.repos.getContent({
      owner: source.owner,
      repo: source.repo,
      path,
      ...(source.ref ? { ref: source.ref } : {}),
    }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  if (Array.isArray(data))
    throw new ConfigurationError(
      `${path} in ${source.owner}/${source.repo} is a directory; the config must be a YAML file.`,
    );
  const file = data as { type?: string; content?: string; encoding?: string; size?: number };
  if (file.type !== undefined && file.type !== 'file') {
    throw new ConfigurationError(
      `${path} in ${source.owner}/${source.repo} is a ${file.type}, not a file.`,
    );
  }
  if (file.encoding === 'none' || (file.content === '' && (file.size ?? 0) > 0)) {
    // The contents API returns no content for files over 1 MB.
    throw new ConfigurationError(
      `${path} is ${file.size} bytes, too large for the contents API (1 MB); keep the config small.`,
    );
  }
  return Buffer.from(file.content ?? '', 'base64').toString('utf8');
}
