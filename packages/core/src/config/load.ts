import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { ConfigValidationError, fileLocator, formatIssues } from './errors.js';
import { mergeInputs, type InputOverrides } from './merge.js';
import { promotionConfigSchema, type PromotionConfig } from './schema.js';

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
    config = parseConfig(text, path);
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

/** Validate config text (YAML). `path` is used in messages. Empty text means defaults. */
export function parseConfig(text: string, path = DEFAULT_CONFIG_PATH): PromotionConfig {
  const label = basename(path);
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const at = e.linePos?.[0];
      const where = at ? ` line ${at.line}, column ${at.col}` : '';
      const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      return `${label}:${where}: ${what}`;
    });
    throw new ConfigValidationError(path, lines, `${path} is not valid YAML; fix it and re-run:`);
  }
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigValidationError(path, [
      `${label}: the file is ${Array.isArray(raw) ? 'a list' : `the value ${JSON.stringify(raw)}`}; it must be a mapping of sections (e.g. "preflight:", "notify:")`,
    ]);
  }
  const result = promotionConfigSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    throw new ConfigValidationError(
      path,
      formatIssues(result.error.issues, {
        schema: promotionConfigSchema,
        locate: fileLocator(label),
      }),
    );
  }
  return result.data;
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
