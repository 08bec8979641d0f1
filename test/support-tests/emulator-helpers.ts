// A plain fetch client for emulator tests (no Octokit retries in the way).
import type { Emulator } from '../support/emulator/index.js';

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export function client(gh: Emulator, token = 'ghs_test_token') {
  return async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await fetch(`${gh.url}${path}`, {
      method,
      headers: {
        authorization: `token ${token}`,
        accept: 'application/vnd.github+json',
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** Every test ends with this: an emulator that answered off-contract is a failing test. */
export function expectClean(gh: Emulator): void {
  expect({
    violations: gh.contractViolations,
    errors: gh.errors,
    unimplemented: gh.unimplemented,
  }).toEqual({
    violations: [],
    errors: [],
    unimplemented: [],
  });
}
