import { basename } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Logger } from '../logger.js';
import { upgradeDeprecatedValues } from './deprecations.js';
import { ConfigValidationError, fileLocator, issueEntries } from './errors.js';
import { DEFAULT_CONFIG_PATH } from './path.js';
import type { ConfigWith, PromotionConfig, SectionName } from './schema.js';
import { validateConfig } from './validate.js';
import { layerProblems, stagesOf, type AnyConfig } from './resolve.js';

/*
 * Validating promotion.yml: YAML to a config, or every problem with its line. Apart from
 * load.ts (reading the file), so that an action loads the YAML parser, zod and the schema only
 * when it has a config to validate (load.ts imports this module on first use; issue #18).
 */

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

/**
 * Validate config text (YAML) without throwing: every problem with its line. Empty text means
 * defaults. With `sections`, only those sections are validated (and returned) besides the
 * top-level keys: promotionConfigSchemaFor.
 */
export function checkConfig(
  text: string,
  path = DEFAULT_CONFIG_PATH,
  sections?: readonly SectionName[],
): ConfigCheck {
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
  const { schema, result } = validateConfig(upgraded.raw, sections);
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  const add = (entry: { path: PropertyKey[]; detail: string }) => {
    const text = `${locate(entry.path)}: ${entry.detail}`;
    if (seen.has(text)) return;
    seen.add(text);
    problems.push({ ...entry, ...keyPosition(doc, lineCounter, entry.path), text });
  };
  if (result.success) {
    const config = withStages(result.data as AnyConfig, upgraded.raw, add);
    layerProblems(config, upgraded.raw).forEach(add);
    if (problems.length === 0) return { ok: true, config: config as PromotionConfig, deprecations };
    return { ok: false, syntax: false, problems, deprecations };
  }
  issueEntries(result.error.issues, schema).forEach(add);
  return { ok: false, syntax: false, problems, deprecations };
}

/**
 * With `stages:`, the chain's last two stages are `branches` and its last stage's environment is
 * `environment` (what every action reads for the final hop). Writing both is refused: one place
 * says where production is.
 */
function withStages(
  config: AnyConfig,
  raw: Record<string, unknown>,
  add: (problem: { path: PropertyKey[]; detail: string }) => void,
): AnyConfig {
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
  path?: string,
  options?: { logger?: Logger },
): PromotionConfig;
/** Only `sections` (and the top-level keys) validated and returned: promotionConfigSchemaFor. */
export function parseConfig<S extends SectionName>(
  text: string,
  path: string | undefined,
  options: { logger?: Logger; sections: readonly S[] },
): ConfigWith<S>;
export function parseConfig(
  text: string,
  path = DEFAULT_CONFIG_PATH,
  options: { logger?: Logger; sections?: readonly SectionName[] } = {},
): PromotionConfig {
  const checked = checkConfig(text, path, options.sections);
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
