// Validates requests and responses against GitHub's OpenAPI description with ajv.
// Validators are compiled lazily, once per operation, and shared by every emulator in the process.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { openApi, type JsonSchema, type OpenApiOperation } from './openapi.js';

const addFormats =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

function makeAjv(paramsMode: boolean): Ajv {
  // strict: false because the description uses OpenAPI keywords (nullable, discriminator, x-*).
  const ajv = new Ajv({
    strict: false,
    allErrors: false,
    validateSchema: false,
    logger: false,
    coerceTypes: paramsMode ? 'array' : false,
    useDefaults: paramsMode,
  });
  addFormats(ajv, ['date-time', 'date', 'uri', 'email']);
  ajv.addFormat('int64', true);
  ajv.addFormat('uri-template', true);
  ajv.addFormat('binary', true);
  return ajv;
}

let bodyAjv: Ajv | undefined;
let paramAjv: Ajv | undefined;
const requestValidators = new Map<string, ValidateFunction>();
const paramValidators = new Map<string, { path: ValidateFunction; query: ValidateFunction }>();
const responseValidators = new Map<string, ValidateFunction | null>();

const COMPONENT_REF = /"\$ref":"#\/components\/schemas\/([^"]+)"/g;
const added = new WeakMap<Ajv, Set<string>>();

/**
 * Operation schemas point at '#/components/schemas/x'. Rather than hand ajv all 969 components
 * (~250 ms per Ajv instance, paid again by every Jest test file), each one an operation reaches is
 * added on first use under the key 'ghs-x', and refs are rewritten to that key.
 */
function rebase(ajv: Ajv, schema: unknown): JsonSchema {
  const text = JSON.stringify(schema);
  const seen = added.get(ajv) ?? new Set<string>();
  added.set(ajv, seen);
  for (const [, name] of text.matchAll(COMPONENT_REF)) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const component = openApi().doc.components.schemas[name];
    ajv.addSchema(rebase(ajv, component), `ghs-${name}`);
  }
  return JSON.parse(text.replaceAll('"#/components/schemas/', '"ghs-')) as JsonSchema;
}

function compileBody(schema: unknown): ValidateFunction {
  bodyAjv ??= makeAjv(false);
  return bodyAjv.compile(rebase(bodyAjv, schema));
}

export interface ContractProblem {
  message: string;
  errors: {
    resource?: string;
    field?: string;
    code: string;
    message: string;
    value?: string | null;
  }[];
}

function render(value: unknown): string {
  if (value === undefined) return 'nil';
  const text = JSON.stringify(value) ?? 'nil';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function pointerAt(data: unknown, instancePath: string): unknown {
  let cur = data;
  for (const key of instancePath.split('/').slice(1)) {
    cur = (cur as Record<string, unknown> | undefined)?.[
      key.replaceAll('~1', '/').replaceAll('~0', '~')
    ];
  }
  return cur;
}

/** GitHub's wording: `"head" wasn't supplied.` / `For 'properties/status', "bogus" is not a member of enum.` */
function describe(error: ErrorObject, data: unknown): string {
  const where = error.instancePath
    .split('/')
    .slice(1)
    .map((k) => (/^\d+$/.test(k) ? `items/${k}` : `properties/${k}`))
    .join('/');
  const value = pointerAt(data, error.instancePath);
  const prefix = where ? `For '${where}', ${render(value)}` : `${render(value)}`;
  switch (error.keyword) {
    case 'required':
      return `"${(error.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
    case 'enum':
      return `${prefix} is not a member of enum.`;
    case 'type':
      return `${prefix} is not ${/^[aeiou]/.test(String(error.params.type)) ? 'an' : 'a'} ${String(error.params.type)}.`;
    case 'maxItems':
      return `${prefix} is too long (maximum is ${String(error.params.limit)} items).`;
    case 'maxLength':
      // GitHub's words, e.g. a check-run summary over the limit (reviewdog/action-rubocop#67).
      return `Only ${String(error.params.limit)} characters are allowed; ${String((value as string).length)} were supplied.`;
    default:
      return `${prefix} ${error.message ?? 'is invalid'}.`;
  }
}

function problem(errors: ErrorObject[], data: unknown): ContractProblem {
  const first = errors[0] as ErrorObject;
  const text = describe(first, data);
  return {
    message: `Invalid request.\n\n${text}`,
    errors: [{ code: 'invalid', field: first.instancePath.slice(1) || undefined, message: text }],
  };
}

/** Validates the JSON body; returns the GitHub-shaped problem, or undefined when the body is fine. */
export function checkRequestBody(op: OpenApiOperation, body: unknown): ContractProblem | undefined {
  if (!op.requestSchema) return undefined;
  if (body === undefined) {
    if (!op.requestRequired) return undefined;
    return {
      message: 'Invalid request.\n\nInvalid input: object is missing.',
      errors: [{ code: 'missing', message: 'body' }],
    };
  }
  let validate = requestValidators.get(op.operationId);
  if (!validate) {
    validate = compileBody(op.requestSchema);
    requestValidators.set(op.operationId, validate);
  }
  return validate(body) ? undefined : problem(validate.errors ?? [], body);
}

function paramSchema(op: OpenApiOperation, where: 'path' | 'query'): JsonSchema {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of op.parameters) {
    if (p.in !== where) continue;
    properties[p.name] = p.schema ?? {};
    if (p.required) required.push(p.name);
  }
  return { type: 'object', properties, required };
}

/**
 * Validates (and coerces, in place: "5" -> 5, defaults filled) path and query parameters.
 * A path parameter of the wrong type is a 404 on GitHub; a bad query parameter a 422.
 */
export function checkParams(
  op: OpenApiOperation,
  pathParams: Record<string, unknown>,
  query: Record<string, unknown>,
): { where: 'path' | 'query'; problem: ContractProblem } | undefined {
  let v = paramValidators.get(op.operationId);
  if (!v) {
    paramAjv ??= makeAjv(true);
    v = {
      path: paramAjv.compile(rebase(paramAjv, paramSchema(op, 'path'))),
      query: paramAjv.compile(rebase(paramAjv, paramSchema(op, 'query'))),
    };
    paramValidators.set(op.operationId, v);
  }
  if (!v.path(pathParams))
    return { where: 'path', problem: problem(v.path.errors ?? [], pathParams) };
  if (!v.query(query)) return { where: 'query', problem: problem(v.query.errors ?? [], query) };
  return undefined;
}

/**
 * Validates a response body against the schema documented for its status. Returns a description
 * of the mismatch, or undefined. Undocumented error statuses are allowed (GitHub sends them);
 * an undocumented success status is a mismatch.
 */
export function checkResponse(
  op: OpenApiOperation,
  status: number,
  body: unknown,
): string | undefined {
  const key = String(status);
  if (!(key in op.responses)) {
    if (status >= 400) return undefined;
    return `${op.operationId} does not document status ${key} (documented: ${Object.keys(op.responses).join(', ')})`;
  }
  const cacheKey = `${op.operationId} ${key}`;
  let validate = responseValidators.get(cacheKey);
  if (validate === undefined) {
    const schema = op.responses[key];
    validate = schema ? compileBody(schema) : null;
    responseValidators.set(cacheKey, validate);
  }
  if (!validate) return undefined;
  if (validate(body)) return undefined;
  const e = validate.errors?.[0];
  return `${op.operationId} ${key} response does not match GitHub's schema: ${e?.instancePath || '(root)'} ${e?.message ?? ''} ${
    e ? JSON.stringify(e.params) : ''
  }`.trim();
}
