import picomatch from 'picomatch';
import type * as z from 'zod';
import { ConfigurationError } from '../errors.js';
import { parseDuration } from '../time.js';
import { ConfigValidationError, formatPath, issueEntries } from './errors.js';
import type { ConfigWith, PromotionConfig, SectionName } from './schema.js';
import { APP_SECTIONS, type AppSection } from './keywords.js';
import type { WeeklyWindow } from './sections/preflight.js';

/**
 * Stages and apps (issue #20) as views of one config: `resolveConfig(config, { stage, app })`
 * is the config an action runs with when it works on that stage and that app. The stage's branch
 * is `branches.production` of the view (the branch promoted into), the stage before it
 * `branches.staging` (the branch promoted from), its environment `environment`; the sections are
 * the top-level ones with the stage's, then the app's, then the app's per-stage settings merged
 * over them key by key. So every action keeps reading `config.branches.production` and
 * `config.migrate`, and means "this stage, this app".
 */

export interface Stage {
  name: string;
  branch: string;
  environment: string;
  /** 0-based place in the chain. */
  index: number;
  /** How long a change must be sealed green here before it moves on (0: sealed green is enough). */
  soakMs: number;
  /** As written (e.g. "1h"), for messages. */
  soak?: string;
  /** When promotions into this stage may be merged; undefined = any time. */
  allow?: WeeklyWindow[];
  /** Zone of the allow windows without their own. */
  timezone: string;
  /** False for the two stages implied by `branches:` when the file has no `stages:`. */
  declared: boolean;
}

export interface AppIdentity {
  name: string;
  paths: string[];
}

/**
 * A config as an action validated it: the top-level keys (with `stages` and `apps`) and the
 * sections the action reads (ConfigWith; the others absent), or the whole file.
 */
export type AnyConfig = ConfigWith<never> & Partial<Pick<PromotionConfig, SectionName>>;

/** A config seen from one stage (and app): what an action that works there reads. */
export type ResolvedConfig<C extends AnyConfig = PromotionConfig> = C & {
  stage: Stage;
  app?: AppIdentity;
};

/** The chain, first to last. Without `stages:` it is branches.staging -> branches.production. */
export function stagesOf(config: AnyConfig): Stage[] {
  // preflight.timezone's default, for an action that does not read preflight (none of those
  // judges the allow windows).
  const zone = config.preflight?.timezone ?? 'UTC';
  if (!config.stages)
    return [
      {
        name: 'staging',
        branch: config.branches.staging,
        environment: 'staging',
        index: 0,
        soakMs: 0,
        timezone: zone,
        declared: false,
      },
      {
        name: 'production',
        branch: config.branches.production,
        environment: config.environment,
        index: 1,
        soakMs: 0,
        timezone: zone,
        declared: false,
      },
    ];
  return config.stages.map((s, index) => ({
    name: s.name,
    branch: s.branch,
    environment: s.environment ?? s.name,
    index,
    soakMs: s.soak ? parseDuration(s.soak, `stages[${index}].soak`) : 0,
    ...(s.soak ? { soak: s.soak } : {}),
    ...(s.allow ? { allow: s.allow } : {}),
    timezone: s.timezone ?? zone,
    declared: true,
  }));
}

function names(stages: readonly { name: string }[]): string {
  return stages.map((s) => s.name).join(', ');
}

/** The stage called `name`; an unknown name is an error listing the chain. */
export function stageNamed(config: AnyConfig, name: string): Stage {
  const stages = stagesOf(config);
  const stage = stages.find((s) => s.name === name);
  if (!stage)
    throw new ConfigurationError(
      `stage "${name}" is not in the chain (${names(stages)}); use one of those names (promotion.yml stages:)`,
    );
  return stage;
}

/** The stage whose branch is `branch` (a PR's base, a push's ref), if any. */
export function stageOfBranch(config: AnyConfig, branch: string): Stage | undefined {
  return stagesOf(config).find((s) => s.branch === branch);
}

/** The stage a promotion into `stage` comes from; undefined for the first stage. */
export function previousStage(config: AnyConfig, stage: Stage): Stage | undefined {
  return stage.index > 0 ? stagesOf(config)[stage.index - 1] : undefined;
}

/** The app names in their configured order ([] when the repository is one app). */
export function appNames(config: AnyConfig): string[] {
  return Object.keys(config.apps ?? {});
}

/**
 * The apps whose paths a change touches, in configured order. Computed from the change's file
 * list alone, so its cost grows with the files, never with a request per app.
 */
export function changedApps(config: AnyConfig, files: readonly string[]): string[] {
  const apps = config.apps ?? {};
  return Object.keys(apps).filter((name) => {
    const match = picomatch(apps[name]!.paths, { dot: true });
    return files.some((f) => match(f));
  });
}

/** Files of `files` that belong to `app` (its paths). */
export function appFiles(app: AppIdentity, files: readonly string[]): string[] {
  const match = picomatch(app.paths, { dot: true });
  return files.filter((f) => match(f));
}

/** The directory a glob list starts in (`apps/api/**` -> `apps/api`), or '' for the root. */
function baseDirectory(paths: readonly string[]): string {
  const { base } = picomatch.scan(paths[0] ?? '');
  return base.replace(/\/+$/, '');
}

type Layer = { path: (string | number)[]; sections: Partial<Record<AppSection, unknown>> };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Key by key: mappings merge, everything else (lists included) replaces. */
export function mergeSettings(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredClone(over);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = k in base ? mergeSettings(base[k], v) : structuredClone(v);
  return out;
}

function stageLayers(config: AnyConfig, stage: Stage, app?: string): Layer[] {
  const layers: Layer[] = [];
  if (config.stages) {
    const s = config.stages[stage.index] as Record<string, unknown> | undefined;
    if (s) layers.push({ path: ['stages', stage.index], sections: pick(s) });
  }
  if (app !== undefined) {
    const a = config.apps?.[app] as Record<string, unknown> | undefined;
    if (a) {
      layers.push({ path: ['apps', app], sections: pick(a) });
      const perStage = (a.stages as Record<string, Record<string, unknown>> | undefined)?.[
        stage.name
      ];
      if (perStage)
        layers.push({ path: ['apps', app, 'stages', stage.name], sections: pick(perStage) });
    }
  }
  return layers;
}

function pick(holder: Record<string, unknown>): Partial<Record<AppSection, unknown>> {
  const out: Partial<Record<AppSection, unknown>> = {};
  for (const s of APP_SECTIONS) if (holder[s] !== undefined) out[s] = holder[s];
  return out;
}

/** A problem in a stage's or app's settings, at the key that holds it. */
export interface LayerProblem {
  path: (string | number)[];
  detail: string;
}

/**
 * Each section's own schema getter (built on first use: lazy.ts), handed over by schema.ts when
 * it loads, which every config has passed through (loadConfig, parseConfig). Not imported here:
 * the actions import this module at start, and the sections would load zod with it (issue #18).
 */
let sectionSchemas: Record<AppSection, () => z.ZodType> | undefined;

/** schema.ts's registration of the section getters. */
export function useSectionSchemas(getters: Record<AppSection, () => z.ZodType>): void {
  sectionSchemas = getters;
}

function sectionSchema(section: AppSection): z.ZodType {
  if (!sectionSchemas)
    throw new Error(
      'resolveConfig: the config schema is not loaded; read the config with loadConfig or parseConfig first',
    );
  return sectionSchemas[section]();
}

/**
 * The top-level sections the layers merge over: those of `config`, and for a config validated
 * for one action only (the others absent), those of the file (`raw`) validated on their own, so
 * the file check judges every section a stage or app overrides. A section absent from both (an
 * action that does not read it, with no file text at hand) is left out of the view.
 */
export type SectionBases = Partial<Record<AppSection, unknown>>;

function sectionBases(config: AnyConfig, raw?: Record<string, unknown>): SectionBases {
  const bases: SectionBases = {};
  const layered = raw ? overriddenSections(config) : new Set<AppSection>();
  for (const section of APP_SECTIONS) {
    if (config[section] !== undefined) bases[section] = config[section];
    else if (layered.has(section) && raw) {
      const result = sectionSchema(section).safeParse(raw[section] ?? {}, { jitless: true });
      // A top-level mistake there is reported by the check of the whole file (preflight-gates).
      if (result.success) bases[section] = result.data;
    }
  }
  return bases;
}

/**
 * The sections some stage or app overrides: the only ones whose base the layers need. The rest
 * are not validated here, so a file without stages and apps builds no schema for sections the
 * action does not read (issue #18, cold start).
 */
function overriddenSections(config: AnyConfig): Set<AppSection> {
  const holders: Record<string, unknown>[] = [];
  for (const s of config.stages ?? []) holders.push(s as Record<string, unknown>);
  for (const a of Object.values(config.apps ?? {}) as Record<string, unknown>[]) {
    holders.push(a);
    if (isPlainObject(a.stages)) holders.push(...Object.values(a.stages).filter(isPlainObject));
  }
  const out = new Set<AppSection>();
  for (const h of holders)
    for (const section of Object.keys(pick(h)) as AppSection[]) out.add(section);
  return out;
}

/**
 * Merge the layers over the config's sections and validate each merged section as the section
 * itself is validated. Problems are reported at the most specific layer's key path.
 */
function applyLayers<C extends AnyConfig>(
  config: C,
  layers: readonly Layer[],
  bases: SectionBases,
): { config: C; problems: LayerProblem[] } {
  const out = { ...config } as Record<string, unknown>;
  const problems: LayerProblem[] = [];
  for (const section of APP_SECTIONS) {
    const given = layers.filter((l) => l.sections[section] !== undefined);
    if (given.length === 0 || bases[section] === undefined) continue;
    let merged: unknown = bases[section];
    for (const l of given) merged = mergeSettings(merged, l.sections[section]);
    const schema = sectionSchema(section);
    const result = schema.safeParse(merged, { reportInput: true, jitless: true });
    if (result.success) {
      // Only the sections the action validated are in its view.
      if (config[section] !== undefined) out[section] = result.data;
      continue;
    }
    const owner = given[given.length - 1]!;
    for (const entry of issueEntries(result.error.issues, schema))
      problems.push({
        path: [...owner.path, section, ...(entry.path as (string | number)[])],
        detail: entry.detail,
      });
  }
  return { config: out as C, problems };
}

function withAppDefaults<C extends AnyConfig>(
  config: C,
  app: AppIdentity,
  layers: readonly Layer[],
): C {
  if (!config.release) return config;
  const release = layers.map((l) => l.sections.release).filter(isPlainObject);
  const changelog = release.map((r) => r.changelog).filter(isPlainObject);
  const base = baseDirectory(app.paths);
  return {
    ...config,
    release: {
      ...config.release,
      // Each app has its own version line: never the repository's `v` prefix by inheritance.
      'tag-prefix': release.some((r) => 'tag-prefix' in r)
        ? config.release['tag-prefix']
        : `${app.name}-v`,
      changelog: {
        ...config.release.changelog,
        path: changelog.some((c) => 'path' in c)
          ? config.release.changelog.path
          : base
            ? `${base}/CHANGELOG.md`
            : `CHANGELOG-${app.name}.md`,
      },
    },
  };
}

const DEFAULT_SEAL_CONTEXT = 'promote/smoke-seal';

/**
 * What must differ between apps and stages unless the file says otherwise: the seal's commit
 * status context (a SHA can be sealed on staging and on production, and per app) and the
 * migration lock (each app has its own, per environment).
 */
function withPlaceDefaults<C extends AnyConfig>(
  config: C,
  stage: Stage,
  app: AppIdentity | undefined,
  declaredStages: boolean,
): C {
  const place = [app?.name, declaredStages ? stage.name : undefined].filter(Boolean).join('/');
  if (!place) return config;
  const out = { ...config };
  if (config.smoke) {
    const seal = config.smoke.seal;
    out.smoke = {
      ...config.smoke,
      seal:
        seal.context === DEFAULT_SEAL_CONTEXT
          ? { ...seal, context: `${DEFAULT_SEAL_CONTEXT}/${place}` }
          : seal,
    };
  }
  if (config.migrate) {
    const lock = config.migrate.lock;
    out.migrate = {
      ...config.migrate,
      lock:
        app && lock.ref === undefined
          ? {
              ...lock,
              ref: `refs/promote-locks/${stage.environment.replace(/[^A-Za-z0-9._-]/g, '-')}--${app.name}`,
            }
          : lock,
    };
  }
  return out;
}

function resolveWithProblems<C extends AnyConfig>(
  config: C,
  where: { stage?: string; app?: string },
  bases: SectionBases = sectionBases(config),
): { config: ResolvedConfig<C>; problems: LayerProblem[] } {
  const stages = stagesOf(config);
  const stage =
    where.stage === undefined ? stages[stages.length - 1]! : stageNamed(config, where.stage);
  if (where.app !== undefined && !config.apps?.[where.app]) {
    const declared = appNames(config);
    throw new ConfigurationError(
      declared.length === 0
        ? `app "${where.app}" is given, but promotion.yml declares no apps; omit the app or declare it under apps:`
        : `app "${where.app}" is not declared in promotion.yml (apps: ${declared.join(', ')}); use one of those names`,
    );
  }
  const layers = stageLayers(config, stage, where.app);
  const applied = applyLayers(config, layers, bases);
  const previous = previousStage(config, stage);
  let resolved: C = {
    ...applied.config,
    branches: { production: stage.branch, staging: previous?.branch ?? stage.branch },
    environment: stage.environment,
  };
  let app: AppIdentity | undefined;
  if (where.app !== undefined) {
    app = { name: where.app, paths: [...config.apps![where.app]!.paths] };
    resolved = withAppDefaults(resolved, app, layers);
  }
  resolved = withPlaceDefaults(resolved, stage, app, config.stages !== undefined);
  return { config: { ...resolved, stage, ...(app ? { app } : {}) }, problems: applied.problems };
}

/**
 * The config an action works with for `stage` (default: the last, production) and `app`
 * (default: the repository as one app). A bad stage or app setting is a ConfigValidationError
 * naming its key; an unknown stage or app a ConfigurationError listing the known ones.
 */
export function resolveConfig<C extends AnyConfig>(
  config: C,
  where: { stage?: string; app?: string } = {},
): ResolvedConfig<C> {
  const { config: resolved, problems } = resolveWithProblems(config, where);
  if (problems.length > 0)
    throw new ConfigValidationError(
      'promotion.yml',
      problems.map((p) => `promotion.yml: ${formatPath(p.path)}: ${p.detail}`),
    );
  return resolved;
}

/**
 * Every problem of the stage and app settings, for the file check: each app on each stage is
 * resolved once; tag prefixes and changelog paths that two apps would share are refused.
 */
export function layerProblems(
  config: AnyConfig,
  /** The file's top-level sections as written, for the sections `config` does not hold. */
  raw?: Record<string, unknown>,
): LayerProblem[] {
  const bases = sectionBases(config, raw);
  const problems: LayerProblem[] = [];
  const seen = new Set<string>();
  const add = (p: LayerProblem) => {
    const key = `${formatPath(p.path)}: ${p.detail}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  };
  const apps: (string | undefined)[] = config.apps ? appNames(config) : [undefined];
  const stages = stagesOf(config);
  for (const app of appNames(config))
    for (const name of Object.keys(config.apps![app]!.stages ?? {}))
      if (!stages.some((s) => s.name === name))
        add({
          path: ['apps', app, 'stages', name],
          detail: `is not a stage of the chain (${names(stages)}); use one of those names`,
        });
  for (const stage of stages) {
    const prefixes = new Map<string, string>();
    const changelogs = new Map<string, string>();
    for (const app of apps) {
      const { config: r, problems: found } = resolveWithProblems(
        config,
        { stage: stage.name, ...(app ? { app } : {}) },
        bases,
      );
      found.forEach(add);
      if (!app || found.length > 0 || !r.release) continue;
      const prefix = r.release['tag-prefix'];
      const other = prefixes.get(prefix);
      if (other)
        add({
          path: ['apps', app, 'release', 'tag-prefix'],
          detail: `"${prefix}" is also the tag prefix of app ${other}; each app needs its own version line (e.g. ${app}-v)`,
        });
      prefixes.set(prefix, app);
      const log = r.release.changelog.path;
      const owner = changelogs.get(log);
      if (owner && r.release.changelog.mode !== 'skip')
        add({
          path: ['apps', app, 'release', 'changelog', 'path'],
          detail: `"${log}" is also the changelog of app ${owner}; give each app its own (e.g. apps/${app}/CHANGELOG.md)`,
        });
      changelogs.set(log, app);
    }
  }
  return problems;
}
