// GitHub's published OpenAPI description (@octokit/openapi), loaded once per process.
// The full file is 13 MB (~300 ms to parse); we keep a slim copy (no prose, no examples) in the
// OS temp dir keyed by the package version, which parses in ~35 ms for every later test file.
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorCacheDir } from './cache-dir.js';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  method: string;
  pathTemplate: string;
  docsUrl: string;
  parameters: OpenApiParameter[];
  requestSchema?: JsonSchema;
  requestRequired: boolean;
  /** status code (or 'default') -> JSON schema (null when the response has no JSON body). */
  responses: Record<string, JsonSchema | null>;
  /** GitHub's docs grouping (`x-github.category` / `subcategory`), e.g. 'pulls' / 'reviews' */
  category: string;
  subcategory: string;
}

export interface SlimDocument {
  version: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, unknown>;
    responses: Record<string, unknown>;
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '../../../node_modules/@octokit/openapi');
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);
const PROSE = new Set([
  'description',
  'summary',
  'example',
  'examples',
  'x-github',
  'x-githubEnterpriseOverlays',
  'title',
]);

// Bump when the slim format changes, so stale caches are not reused.
const SLIM_FORMAT = 5;

/**
 * Drops prose and examples, keeping property maps intact (a property may be called "description").
 * OpenAPI 3.0's `nullable: true` beside anyOf/oneOf/$ref (no `type`) becomes `anyOf: [null, schema]`,
 * which ajv understands. `oneOf` becomes `anyOf`: GitHub's alternatives overlap (basic-error vs
 * repository-rule-violation-error both accept `{ message }`), so a real answer would match two.
 */
function strip(value: unknown, inPropertyMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => strip(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!inPropertyMap && PROSE.has(key)) continue;
    const name = !inPropertyMap && key === 'oneOf' ? 'anyOf' : key;
    out[name] = strip(child, !inPropertyMap && key === 'properties');
  }
  // `nullable: true` beside an enum (issue.state_reason): ajv checks the enum first, so null must be in it.
  if (
    !inPropertyMap &&
    out.nullable === true &&
    Array.isArray(out.enum) &&
    !out.enum.includes(null)
  ) {
    out.enum = [...(out.enum as unknown[]), null];
  }
  if (!inPropertyMap && out.nullable === true && out.type === undefined) {
    const { nullable: _n, ...rest } = out;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  return out;
}

function loadSlim(): SlimDocument {
  const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const cacheDir = emulatorCacheDir();
  const cacheFile = path.join(
    cacheDir,
    `openapi-api.github.com-${pkg.version}-v${SLIM_FORMAT}.json`,
  );
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as SlimDocument;
  } catch {
    // first run on this machine: build the slim copy below
  }
  const full = JSON.parse(
    readFileSync(path.join(packageDir, 'generated/api.github.com.json'), 'utf8'),
  ) as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: Record<string, unknown>;
  };
  // Keep externalDocs on operations: GitHub answers errors with their documentation_url.
  const paths: SlimDocument['paths'] = {};
  for (const [p, item] of Object.entries(full.paths)) {
    paths[p] = {};
    for (const [m, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(m)) continue;
      const { externalDocs, ...rest } = op as {
        externalDocs?: { url?: string };
        'x-github'?: { category?: string; subcategory?: string };
      };
      paths[p][m] = {
        ...(strip(rest) as Record<string, unknown>),
        docsUrl: externalDocs?.url ?? '',
        category: rest['x-github']?.category ?? '',
        subcategory: rest['x-github']?.subcategory ?? '',
      };
    }
  }
  const slim: SlimDocument = {
    version: pkg.version,
    paths,
    components: {
      schemas: strip(full.components.schemas, true) as Record<string, JsonSchema>,
      parameters: strip(full.components.parameters, true) as Record<string, unknown>,
      responses: strip(full.components.responses, true) as Record<string, unknown>,
    },
  };
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify(slim));
    renameSync(tmp, cacheFile); // atomic: parallel Jest workers never read half a file
  } catch {
    // a read-only temp dir only costs speed
  }
  return slim;
}

function resolveRef<T>(doc: SlimDocument, value: unknown): T {
  const ref = (value as { $ref?: string } | undefined)?.$ref;
  if (!ref) return value as T;
  const [, , section, name] = ref.split('/');
  const table = (doc.components as Record<string, Record<string, unknown>>)[section ?? ''];
  return resolveRef<T>(doc, table?.[name ?? '']);
}

interface Template {
  segments: string[];
  op: OpenApiOperation;
  literalCount: number;
}

export interface MatchedOperation {
  op: OpenApiOperation;
  params: Record<string, string>;
}

export class OpenApiIndex {
  readonly byId = new Map<string, OpenApiOperation>();
  private readonly byMethod = new Map<string, Template[]>();

  constructor(readonly doc: SlimDocument) {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const [method, raw] of Object.entries(item)) {
        const op = this.buildOperation(p, method, raw);
        this.byId.set(op.operationId, op);
        const segments = p.split('/').slice(1);
        const list = this.byMethod.get(op.method) ?? [];
        list.push({
          segments,
          op,
          literalCount: segments.filter((s) => !s.startsWith('{')).length,
        });
        this.byMethod.set(op.method, list);
      }
    }
  }

  private buildOperation(
    p: string,
    method: string,
    raw: Record<string, unknown>,
  ): OpenApiOperation {
    const parameters = ((raw.parameters as unknown[]) ?? []).map((x) =>
      resolveRef<OpenApiParameter>(this.doc, x),
    );
    const body = raw.requestBody as
      { required?: boolean; content?: Record<string, { schema?: JsonSchema }> } | undefined;
    const responses: Record<string, JsonSchema | null> = {};
    for (const [status, r] of Object.entries((raw.responses as Record<string, unknown>) ?? {})) {
      const resolved = resolveRef<{ content?: Record<string, { schema?: JsonSchema }> }>(
        this.doc,
        r,
      );
      responses[status] = resolved?.content?.['application/json']?.schema ?? null;
    }
    return {
      operationId: raw.operationId as string,
      method: method.toUpperCase(),
      pathTemplate: p,
      docsUrl: (raw.docsUrl as string) || 'https://docs.github.com/rest',
      parameters,
      requestSchema: body?.content?.['application/json']?.schema,
      requestRequired: body?.required === true,
      responses,
      category: (raw.category as string | undefined) ?? '',
      subcategory: (raw.subcategory as string | undefined) ?? '',
    };
  }

  /**
   * Finds the operation for a request path. Path parameters arrive percent-encoded (Octokit sends
   * `heads%2Fmain`); a raw slash in a trailing parameter (`git/refs/heads/feature/x`) is absorbed
   * by that parameter, as GitHub does for refs, file paths and tags.
   */
  match(method: string, pathname: string): MatchedOperation | undefined {
    const parts = pathname.split('/').slice(1);
    let best: { t: Template; params: Record<string, string>; score: number } | undefined;
    for (const t of this.byMethod.get(method.toUpperCase()) ?? []) {
      const params = matchTemplate(t.segments, parts);
      if (!params) continue;
      const exact = t.segments.length === parts.length ? 1000 : 0;
      const score = exact + t.literalCount;
      if (!best || score > best.score) best = { t, params, score };
    }
    return best ? { op: best.t.op, params: best.params } : undefined;
  }
}

// Parameters whose values may contain a slash (refs, file paths, branch and tag names).
const SLASHY_PARAMS = new Set(['ref', 'path', 'branch', 'tag', 'basehead']);

/**
 * Matches path segments against a template. A slashy parameter may take several raw segments
 * (`branches/feature/x/protection`); the first split that lets the rest match wins.
 */
function matchTemplate(
  segments: string[],
  parts: string[],
  si = 0,
  pi = 0,
): Record<string, string> | undefined {
  if (si === segments.length) return pi === parts.length ? {} : undefined;
  const seg = segments[si] as string;
  if (!seg.startsWith('{')) {
    return seg === parts[pi] ? matchTemplate(segments, parts, si + 1, pi + 1) : undefined;
  }
  const name = seg.slice(1, -1);
  const remainingSegments = segments.length - si - 1;
  const maxTake = SLASHY_PARAMS.has(name) ? parts.length - pi - remainingSegments : 1;
  for (let take = 1; take <= maxTake; take++) {
    const value = parts.slice(pi, pi + take).join('/');
    if (value === '' && name !== 'path') return undefined;
    const rest = matchTemplate(segments, parts, si + 1, pi + take);
    if (!rest) continue;
    try {
      return { [name]: decodeURIComponent(value), ...rest };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

let cached: OpenApiIndex | undefined;

/** The parsed description and its operation index, built once per process (per Jest module registry). */
export function openApi(): OpenApiIndex {
  cached ??= new OpenApiIndex(loadSlim());
  return cached;
}
