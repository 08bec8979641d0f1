import * as z from 'zod';
import { DURATION_PATTERN } from '../time.js';
import { BARE_MILLISECOND_KEYS } from './deprecations.js';
import { promotionConfigSchema } from './schema.js';

/**
 * The JSON Schema of .github/promotion.yml (for editors: `# yaml-language-server: $schema=...`)
 * and the key reference in docs/config.md, both generated from the zod schema by `npm run schema`.
 * Tests regenerate them in memory and fail when the committed files are stale.
 */

export const SCHEMA_FILE = 'schema/promotion.schema.json';
export const DOCS_FILE = 'docs/config.md';
const SCHEMA_ID =
  'https://raw.githubusercontent.com/promote-actions/promote/main/schema/promotion.schema.json';

/** The formats JSON Schema 2020-12 defines (section 7.3 of the validation vocabulary). */
const STANDARD_FORMATS = new Set([
  'date-time',
  'date',
  'time',
  'duration',
  'email',
  'idn-email',
  'hostname',
  'idn-hostname',
  'ipv4',
  'ipv6',
  'uri',
  'uri-reference',
  'iri',
  'iri-reference',
  'uuid',
  'uri-template',
  'json-pointer',
  'relative-json-pointer',
  'regex',
]);

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  [key: string]: unknown;
};

export function buildJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(promotionConfigSchema(), {
    io: 'input',
    target: 'draft-2020-12',
    // zod names its string checks as formats ("starts_with", "includes") next to the pattern
    // that already expresses them; validators warn about (or, strict, refuse) unknown formats.
    override: ({ jsonSchema }) => {
      if (typeof jsonSchema.format === 'string' && !STANDARD_FORMATS.has(jsonSchema.format))
        delete jsonSchema.format;
    },
  }) as JsonSchema;
  allowDeprecatedMilliseconds(generated);
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: 'Promote configuration (.github/promotion.yml)',
    description:
      'Configuration of the Promote actions (preflight-gates, open-promote-pr, migrate-with-rollback, prod-smoke-seal, tag-release). Every key is optional; an empty file is valid. Generated from the zod schema by `npm run schema`; do not edit.',
    ...rest,
  };
}

/**
 * The keys that still read a bare number as milliseconds (deprecations.ts) accept one in the
 * JSON Schema too, marked `deprecated` (JSON Schema 2020-12, meta-data vocabulary section 9.3),
 * so an editor and the loader agree on what loads.
 */
function allowDeprecatedMilliseconds(root: JsonSchema): void {
  for (const path of BARE_MILLISECOND_KEYS) {
    const parent = path
      .slice(0, -1)
      .reduce<JsonSchema | undefined>((s, key) => s?.properties?.[key], root);
    const key = path.at(-1)!;
    const current = parent?.properties?.[key];
    if (!parent?.properties || !current)
      throw new Error(`${path.join('.')} is not in the schema; update deprecations.ts`);
    const { default: fallback, description, ...durationSchema } = current;
    parent.properties[key] = {
      default: fallback,
      description,
      anyOf: [
        durationSchema,
        {
          type: 'integer',
          exclusiveMinimum: 0,
          deprecated: true,
          description: 'Deprecated: milliseconds. Write a duration instead, e.g. "30s" or "1h30m".',
        },
      ],
    };
  }
}

/** The committed text of schema/promotion.schema.json. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}

function typeOf(s: JsonSchema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const variants = (s.anyOf ?? s.oneOf)?.filter((v) => v.deprecated !== true);
  if (variants) return [...new Set(variants.map(typeOf))].join(' or ');
  const t = Array.isArray(s.type) ? s.type.join(' or ') : s.type;
  switch (t) {
    case 'array':
      return `list of ${s.items ? typeOf(s.items) : 'any'}`;
    case 'object':
      return s.properties ? 'mapping' : 'mapping (any keys)';
    case 'string':
      if (s.format === 'uri') return 'URL';
      if (s.pattern === '^([01]\\d|2[0-3]):[0-5]\\d$') return 'time (HH:MM)';
      if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return 'date (YYYY-MM-DD)';
      if (s.pattern === DURATION_PATTERN.source) return 'duration';
      return 'string';
    case 'integer':
      return 'whole number';
    case undefined:
      return 'any';
    default:
      return t;
  }
}

function showDefault(s: JsonSchema): string {
  if (s.default === undefined) return '';
  if (
    typeof s.default === 'object' &&
    s.default !== null &&
    Object.keys(s.default).length === 0 &&
    !Array.isArray(s.default)
  )
    return '';
  return `\`${JSON.stringify(s.default).replace(/\|/g, '\\|')}\``;
}

interface Row {
  key: string;
  type: string;
  required: boolean;
  /** Keys of which exactly one form is required (a union of mappings: `days` or `dates`). */
  oneOf?: string[];
  default: string;
  description: string;
}

/** Keys some alternative of a union requires and others do not: the user picks one of them. */
function alternativeKeys(variants: JsonSchema[]): string[] {
  const objects = variants.filter((v) => v.properties);
  const required = objects.map(
    (v) => new Set((v.required ?? []).filter((k) => v.properties![k]?.default === undefined)),
  );
  return [...new Set(required.flatMap((r) => [...r]))].filter(
    (k) => !required.every((r) => r.has(k)),
  );
}

function collect(
  s: JsonSchema,
  prefix: string,
  required: boolean,
  rows: Row[],
  oneOf?: string[],
  choice?: string[],
): void {
  if (prefix) {
    rows.push({
      key: prefix,
      type: typeOf(s),
      required,
      ...(oneOf ? { oneOf } : {}),
      default: showDefault(s),
      description: s.description ?? '',
    });
  }
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    const alternatives = alternativeKeys(variants);
    for (const v of variants)
      if (v.properties || v.items)
        collect({ ...v, description: undefined }, prefix, false, rows, undefined, alternatives);
    return;
  }
  if (s.properties) {
    for (const [key, child] of Object.entries(s.properties)) {
      const alternative = choice?.includes(key) ? choice : undefined;
      collect(
        child,
        prefix ? `${prefix}.${key}` : key,
        !alternative && (s.required ?? []).includes(key) && child.default === undefined,
        rows,
        alternative,
      );
    }
  }
  if (s.items && (s.items.properties || s.items.anyOf))
    collect(s.items, `${prefix}[]`, false, rows);
  // A mapping by name (apps: { api: {...} }): its entries' keys under `<name>`.
  const entry = s.additionalProperties;
  if (typeof entry === 'object' && (entry.properties || entry.anyOf))
    collect(entry, `${prefix}.<name>`, false, rows);
}

/** Descriptions are ours (trusted markdown): keep their code spans, only keep the table intact. */
const cell = (text: string) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

function requirement(r: Row): string {
  if (r.oneOf) {
    const names = r.oneOf.map((k) => `\`${k}\``);
    const list =
      names.length > 2 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join(' or ');
    return `**One of ${list} is required.** `;
  }
  return r.required ? '**Required.** ' : '';
}

function table(rows: Row[]): string {
  const seen = new Set<string>();
  const lines = ['| Key | Type | Default | Description |', '| --- | --- | --- | --- |'];
  for (const r of rows) {
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    const description = `${requirement(r)}${cell(r.description)}`;
    lines.push(`| \`${r.key}\` | ${r.type} | ${r.default} | ${description} |`);
  }
  return lines.join('\n');
}

const STAGES_AND_APPS = [
  '## Stages and apps',
  '',
  'Without `stages:` and `apps:` a repository is one app promoted from `branches.staging` to `branches.production` (the `environment`), and every key below means exactly that.',
  '',
  "**Stages** (`stages:`, first to last, at least two) make the chain longer, e.g. `dev -> staging -> production`. Each stage has its branch and its GitHub environment (default: its name; the environment holds that stage's secrets and reviewers). A promotion goes from one stage to the next only: a pull request from stage N into stage N+1. With `stages:`, `branches` and `environment` are not written: the last stage is production. Per stage:",
  '',
  "- `soak`: how long a change must have been deployed to this stage and sealed green before preflight lets it into the next stage. Read from GitHub (the `deploy:migrate` deployment of the pull request's head on this stage's environment and its smoke seal), never from a file; the emergency override lifts it when `preflight.override.lifts` names `soak`, recording who and why.",
  '- `allow`: weekly windows in which promotions into this stage may merge (e.g. Tuesday to Thursday, 09:00-15:00 Europe/Berlin), judged by preflight at merge time like freeze windows; the freeze override lifts it.',
  '- any section (`smoke`, `migrate`, ...): settings for this stage only, e.g. `smoke.base-url` of staging.',
  '',
  "**Apps** (`apps:`, a mapping by name, in the order their migrations, smoke checks and releases run) split a monorepo. Each app has `paths` (globs) and may override any section. A change to an app's paths is a change to that app: preflight judges change size, coverage, drift and migrations per app; the on-merge chain migrates, seals and tags each app the merge changed, in this order, and a failure in one app restores that app only. Each app has its own version line (tag prefix `<name>-v`, e.g. `api-v1.4.0`, unless `release.tag-prefix` is set), its own CHANGELOG (`<the app's directory>/CHANGELOG.md` unless `release.changelog.path` is set), its own migration lock and its own seal status context. Settings for one app on one stage go under `apps.<name>.stages.<stage>`.",
  '',
  "Settings are merged key by key, most specific last: the top-level section, then the stage's, then the app's, then the app's on that stage. A list replaces the list it overrides (an app's `smoke.checks` are its checks, not added to the top-level ones). Every merged section is validated as the section itself, and a problem is reported at the key that holds it (`promotion.yml: apps.worker.migrate.preset: ...`). See examples/monorepo for two apps through three stages.",
];

/** docs/config.md: one key table per section (key, type, default, description). */
export function renderConfigDocs(schema: Record<string, unknown> = buildJsonSchema()): string {
  const root = schema as JsonSchema;
  const out: string[] = [
    '# Configuration reference: `.github/promotion.yml`',
    '',
    '<!-- Generated from the zod schema by `npm run schema`; do not edit by hand. -->',
    '',
    "One file configures every Promote action. Every key is optional: an empty file (or none) is valid and gives the defaults below, except for preflight-gates, whose required check fails when the file is missing or empty or enables no gate (it reads the file from the pull request's base branch; see actions/preflight-gates/README.md). In `preflight`, `ci`, `diff-guard` and `branch-protection` run unless `enabled: false`; every other gate runs when its key is present. Keys are kebab-case like action inputs; action inputs, where an action has them, override these values. Secrets never go in this file: keys ending in `-env` name the environment variable that holds one.",
    '',
    'Editors that understand JSON Schema can check the file as you type:',
    '',
    '```yaml',
    `# yaml-language-server: $schema=${SCHEMA_ID}`,
    '```',
    '',
    'A bad file fails before any action does anything, one line per problem, for example:',
    '',
    '```text',
    'promotion.yml: preflight.freeze[0].from: "25:00" is not a time; use HH:MM',
    'promotion.yml: preflight.frezee: unknown key; allowed keys: timezone, override, freeze, ci, ... (did you mean freeze?)',
    '```',
    '',
    '**Durations** (type `duration` below) are one or more numbers with a unit, no spaces: `500ms`, `90s`, `15m`, `6h`, `2d`, `1w`, `1h30m`, `1.5h`; more than zero. A bare number is refused with the fix (`30 has no unit; write "30s" or "30m"`), because 30 could mean seconds or minutes. The one exception, until v2.0.0: `migrate.timeouts.*` and `migrate.lock.ttl`, `wait-timeout` and `poll-interval` took bare milliseconds before, so a bare number there is still read as milliseconds, with a warning naming the key and the spelling to use (docs/versioning.md, "Deprecations").',
    '',
    'Check a file before pushing it with the same rules: `npx promote validate [path] [--plan]` prints each problem as `file:line:column: key: problem; fix`, and with `--plan` what each action would run (see the README, "Check a config").',
    '',
    ...STAGES_AND_APPS,
  ];
  const props = root.properties ?? {};
  const topLevel = Object.entries(props).filter(([, s]) => !s.properties && !s.anyOf);
  if (topLevel.length > 0) {
    const rows: Row[] = [];
    for (const [key, s] of topLevel) collect(s, key, false, rows);
    out.push('', '## Top level', '', table(rows));
  }
  for (const [section, s] of Object.entries(props)) {
    if (!s.properties && !s.anyOf) continue;
    const rows: Row[] = [];
    collect({ ...s, description: undefined }, '', false, rows);
    out.push('', `## \`${section}\``, '');
    if (s.description) out.push(cell(s.description), '');
    out.push(
      rows.length > 0
        ? table(rows.map((r) => ({ ...r, key: `${section}.${r.key}` })))
        : '_No keys yet._',
    );
  }
  return `${out.join('\n')}\n`;
}
