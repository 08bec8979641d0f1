import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { InputOverrides } from './merge.js';
import { DEFAULT_CONFIG_PATH } from './path.js';
import type { ConfigWith, PromotionConfig, SectionName } from './schema.js';

export { DEFAULT_CONFIG_PATH };
export type { ConfigCheck, ConfigProblem } from './parse.js';

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
export async function loadConfig(options: LoadConfigOptions): Promise<PromotionConfig>;
/**
 * Only `sections` (and the top-level keys) validated and returned, for an action that reads no
 * other (promotionConfigSchemaFor); preflight-gates validates the whole file.
 */
export async function loadConfig<S extends SectionName>(
  options: LoadConfigOptions & { sections: readonly S[] },
): Promise<ConfigWith<S>>;
export async function loadConfig(
  options: LoadConfigOptions & { sections?: readonly SectionName[] },
): Promise<PromotionConfig> {
  const { source, logger, sections } = options;
  const path = source.path || DEFAULT_CONFIG_PATH;
  const text =
    source.kind === 'file'
      ? await readFromWorkspace(path, source.workspace)
      : await readFromApi(source, path);
  // zod, the schema and (for a file) the YAML parser are loaded here, not at start (issue #18).
  let config: PromotionConfig;
  if (text === undefined) {
    logger?.debug(
      `No ${path} found${source.kind === 'api' ? ` in ${source.owner}/${source.repo}${source.ref ? `@${source.ref}` : ''}` : ''}; using the defaults.`,
    );
    const { defaultConfig } = await import('./validate.js');
    config = defaultConfig(sections);
  } else {
    logger?.debug(`Loaded ${path} (${text.length} characters).`);
    const { parseConfig } = await import('./parse.js');
    config = parseConfig(text, path, {
      logger,
      ...(sections ? { sections } : {}),
    }) as PromotionConfig;
  }
  if (!options.overrides) return config;
  const { mergeInputs } = await import('./merge.js');
  return mergeInputs(config, options.overrides, options.inputNames, sections);
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
