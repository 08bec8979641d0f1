import { XMLParser } from 'fast-xml-parser';

export interface JUnitCase {
  name: string;
  ok: boolean;
  skipped?: boolean;
  message?: string;
}

/**
 * Test cases from a JUnit XML report (Playwright, Jest, pytest, Cypress all write one): a case
 * with a <failure> or <error> child failed; <skipped> is neither.
 */
export function parseJUnit(xml: string): JUnitCase[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    isArray: (name) => ['testsuite', 'testcase', 'failure', 'error'].includes(name),
  });
  const doc = parser.parse(xml) as Record<string, unknown>;
  const root = (doc.testsuites ?? doc) as Record<string, unknown>;
  const suites = (root.testsuite ?? []) as Record<string, unknown>[];
  const cases: JUnitCase[] = [];
  for (const suite of suites) {
    for (const tc of (suite.testcase ?? []) as Record<string, unknown>[]) {
      const problems = [...((tc.failure ?? []) as unknown[]), ...((tc.error ?? []) as unknown[])];
      const name =
        [tc['@classname'], tc['@name']]
          .filter((p) => typeof p === 'string' && p !== '')
          .join(' › ') || '(unnamed)';
      if (problems.length > 0) {
        const first = problems[0] as Record<string, unknown> | string;
        const message =
          typeof first === 'string' ? first : String(first['@message'] ?? first['#text'] ?? '');
        cases.push({
          name,
          ok: false,
          message:
            message
              .split('\n')
              .find((l) => l.trim() !== '')
              ?.trim() ?? '',
        });
      } else {
        cases.push({ name, ok: true, ...(tc.skipped !== undefined ? { skipped: true } : {}) });
      }
    }
  }
  return cases;
}
