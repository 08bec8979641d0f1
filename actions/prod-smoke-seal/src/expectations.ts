import { nodeUtil } from '@promote/core/builtins';
import { JSONPath } from 'jsonpath-plus';

/** What a healthy response looks like, compiled from `expect:` (regexes built once, in the plan). */
export interface Expectation {
  status: StatusMatcher;
  bodyContains: string[];
  bodyRegex?: RegExp;
  json: JsonAssertion[];
  headers: HeaderAssertion[];
}

export interface StatusMatcher {
  codes?: number[];
  range?: [number, number];
  /** As the user wrote it, for messages: "200", "[200, 204]", "200-299". */
  text: string;
}

export interface JsonAssertion {
  path: string;
  equals?: unknown;
  matches?: RegExp;
  exists?: boolean;
}

export interface HeaderAssertion {
  name: string;
  equals?: string;
  matches?: RegExp;
}

export interface ObservedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  method: 'GET' | 'HEAD';
}

export function statusMatches(matcher: StatusMatcher, status: number): boolean {
  if (matcher.codes) return matcher.codes.includes(status);
  if (matcher.range) return status >= matcher.range[0] && status <= matcher.range[1];
  return false;
}

const SNIPPET = 60;
function snippet(value: unknown): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'undefined');
  return text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text;
}

/**
 * Every unmet expectation as one sentence ("$.status is \"degraded\", expected \"ok\""); empty
 * when the response is healthy. Status first: a wrong status makes the body checks noise.
 */
export function evaluateResponse(expect: Expectation, response: ObservedResponse): string[] {
  if (!statusMatches(expect.status, response.status)) {
    return [`status ${response.status}, expected ${expect.status.text}`];
  }
  const problems: string[] = [];
  for (const header of expect.headers) {
    const raw = response.headers[header.name.toLowerCase()];
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (value === undefined) {
      problems.push(`header ${header.name} is missing`);
    } else if (header.equals !== undefined && value.trim() !== header.equals) {
      problems.push(
        `header ${header.name} is ${snippet(value)}, expected ${snippet(header.equals)}`,
      );
    } else if (header.matches && !header.matches.test(value)) {
      problems.push(`header ${header.name} is ${snippet(value)}, does not match ${header.matches}`);
    }
  }
  // HEAD has no body: body and JSON expectations are a config mistake caught in the plan.
  if (response.method === 'HEAD') return problems;
  for (const text of expect.bodyContains) {
    if (!response.body.includes(text)) problems.push(`body does not contain ${snippet(text)}`);
  }
  if (expect.bodyRegex && !expect.bodyRegex.test(response.body)) {
    problems.push(`body does not match ${expect.bodyRegex}`);
  }
  if (expect.json.length > 0) problems.push(...evaluateJson(expect.json, response.body));
  return problems;
}

function evaluateJson(assertions: JsonAssertion[], body: string): string[] {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return [`body is not JSON (starts with ${snippet(body.slice(0, 30))})`];
  }
  const problems: string[] = [];
  for (const a of assertions) {
    let found: unknown[];
    try {
      found = JSONPath({ path: a.path, json: document as object, wrap: true }) as unknown[];
    } catch (error) {
      problems.push(`${a.path}: ${(error as Error).message}`);
      continue;
    }
    const exists = found.length > 0;
    const value = found.length === 1 ? found[0] : found;
    if (a.exists !== undefined && a.exists !== exists) {
      problems.push(
        a.exists ? `${a.path} is missing` : `${a.path} exists (${snippet(value)}), expected absent`,
      );
      continue;
    }
    if (a.equals !== undefined) {
      if (!exists) problems.push(`${a.path} is missing, expected ${snippet(a.equals)}`);
      else if (!nodeUtil().isDeepStrictEqual(value, a.equals))
        problems.push(`${a.path} is ${snippet(value)}, expected ${snippet(a.equals)}`);
    }
    if (a.matches) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (!exists) problems.push(`${a.path} is missing, expected to match ${a.matches}`);
      else if (!a.matches.test(text))
        problems.push(`${a.path} is ${snippet(value)}, does not match ${a.matches}`);
    }
  }
  return problems;
}
