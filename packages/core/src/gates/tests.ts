import { XMLParser } from 'fast-xml-parser';
import type { PreflightConfig } from '../config/sections/preflight.js';
import type { CheckAnnotation } from '../report.js';
import { addedLineMap, type ChangedFile } from './diff.js';
import type { PreflightFacts } from './facts.js';
import { cannotEvaluate, result, type GateResult } from './types.js';
import { untrusted } from '../untrusted-text.js';

export interface TestCounts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
}

// Made on first use, not at import: most runs read no XML report (issue #18).
let parser: XMLParser | undefined;
const xml = () =>
  (parser ??= new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) =>
      ['testsuite', 'testcase', 'package', 'class', 'line', 'source'].includes(name),
  }));

type Node = Record<string, unknown>;

/** JUnit XML: counts test cases (nested testsuites included), not the suites' own attributes. */
export function parseJUnit(text: string, source: string): TestCounts {
  const doc = xml().parse(text) as Node;
  if (!doc.testsuites && !doc.testsuite)
    throw new Error(`${source} is not JUnit XML: no <testsuites> or <testsuite>`);
  const counts: TestCounts = { total: 0, passed: 0, failed: 0, skipped: 0, failures: [] };
  const visit = (node: Node, prefix: string) => {
    for (const suite of (node.testsuite as Node[] | undefined) ?? [])
      visit(suite, String(suite['@_name'] ?? prefix));
    for (const tc of (node.testcase as Node[] | undefined) ?? []) {
      counts.total++;
      if (tc.failure !== undefined || tc.error !== undefined) {
        counts.failed++;
        counts.failures.push(`${tc['@_classname'] ?? prefix} › ${tc['@_name'] ?? '?'}`);
      } else if (tc.skipped !== undefined) counts.skipped++;
      else counts.passed++;
    }
  };
  visit((doc.testsuites as Node | undefined) ?? doc, '');
  return counts;
}

/** Line hits per file: `file -> line -> hits`. */
export type Coverage = Map<string, Map<number, number>>;

export function parseLcov(text: string): Coverage {
  const cov: Coverage = new Map();
  let lines: Map<number, number> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith('SF:')) {
      const file = raw.slice(3).trim();
      lines = cov.get(file) ?? new Map();
      cov.set(file, lines);
    } else if (raw.startsWith('DA:') && lines) {
      const [ln, hits] = raw.slice(3).split(',');
      lines.set(Number(ln), Math.max(lines.get(Number(ln)) ?? 0, Number(hits)));
    } else if (raw === 'end_of_record') lines = undefined;
  }
  return cov;
}

export function parseCobertura(text: string, source: string): Coverage {
  const doc = xml().parse(text) as Node;
  const coverage = doc.coverage as Node | undefined;
  if (!coverage) throw new Error(`${source} is not Cobertura XML: no <coverage>`);
  const cov: Coverage = new Map();
  for (const pkg of ((coverage.packages as Node | undefined)?.package as Node[] | undefined) ??
    []) {
    for (const cls of ((pkg.classes as Node | undefined)?.class as Node[] | undefined) ?? []) {
      const file = String(cls['@_filename'] ?? '');
      const lines = cov.get(file) ?? new Map<number, number>();
      cov.set(file, lines);
      for (const l of ((cls.lines as Node | undefined)?.line as Node[] | undefined) ?? []) {
        const n = Number(l['@_number']);
        lines.set(n, Math.max(lines.get(n) ?? 0, Number(l['@_hits'] ?? 0)));
      }
    }
  }
  return cov;
}

/** Find a repository path in a coverage map whose paths may be absolute or source-relative. */
function lookup(
  cov: Coverage,
  index: Map<string, string[]>,
  repoPath: string,
): Map<number, number> | undefined {
  const exact = cov.get(repoPath);
  if (exact) return exact;
  const base = repoPath.slice(repoPath.lastIndexOf('/') + 1);
  for (const candidate of index.get(base) ?? []) {
    const c = candidate.replace(/\\/g, '/');
    if (c.endsWith(`/${repoPath}`) || repoPath.endsWith(`/${c}`)) return cov.get(candidate);
  }
  return undefined;
}

export interface ChangedLineCoverage {
  instrumented: number;
  covered: number;
  /** Uncovered added lines per file. */
  uncovered: Map<string, number[]>;
  /** Files with additions GitHub gave no patch for (binary / too large) that the report covers. */
  unknown: string[];
}

function changedLineCoverage(files: { files: ChangedFile[] }, cov: Coverage): ChangedLineCoverage {
  const index = new Map<string, string[]>();
  for (const k of cov.keys()) {
    const base = k.slice(k.replace(/\\/g, '/').lastIndexOf('/') + 1);
    index.set(base, [...(index.get(base) ?? []), k]);
  }
  const { lines, unknown } = addedLineMap(files.files);
  const out: ChangedLineCoverage = {
    instrumented: 0,
    covered: 0,
    uncovered: new Map(),
    unknown: [],
  };
  for (const [file, added] of lines) {
    const hits = lookup(cov, index, file);
    if (!hits) continue;
    for (const ln of added) {
      const h = hits.get(ln);
      if (h === undefined) continue;
      out.instrumented++;
      if (h > 0) out.covered++;
      else out.uncovered.set(file, [...(out.uncovered.get(file) ?? []), ln]);
    }
  }
  out.unknown = unknown.filter((f) => lookup(cov, index, f));
  return out;
}

/** Group sorted line numbers into ranges [start, end]. */
function ranges(lines: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of [...lines].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

export function testsGate(
  facts: Pick<PreflightFacts, 'reports' | 'files'>,
  config: PreflightConfig,
): GateResult {
  const g = config.tests!;
  const onError = g['on-error'];
  const read = (path: string) =>
    facts.reports.get(path) ?? { ok: false as const, error: `${path} was not read` };
  const parts: string[] = [];
  const details: string[] = [];
  let status: 'pass' | 'fail' | 'warn' = 'pass';
  const annotations: CheckAnnotation[] = [];
  try {
    if (g.junit.length) {
      const total: TestCounts = { total: 0, passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const path of g.junit) {
        const text = read(path);
        if (!text.ok) return cannotEvaluate('tests', text.error, onError);
        const c = parseJUnit(text.value, path);
        total.total += c.total;
        total.passed += c.passed;
        total.failed += c.failed;
        total.skipped += c.skipped;
        total.failures.push(...c.failures);
      }
      if (total.total === 0)
        return cannotEvaluate('tests', `no test cases in ${g.junit.join(', ')}`, onError);
      const ran = total.total - total.skipped;
      parts.push(`${total.passed}/${ran} pass${total.skipped ? `, ${total.skipped} skipped` : ''}`);
      if (total.failed) {
        status = 'fail';
        parts[parts.length - 1] += ` (${total.failed} failed)`;
        details.push(
          `Failed tests:\n${total.failures
            .slice(0, 50)
            .map((f) => `- ${untrusted(f, 'inline')}`)
            .join('\n')}`,
        );
      }
    }
    const covFiles = [
      ...g.lcov.map((p) => [p, 'lcov'] as const),
      ...g.cobertura.map((p) => [p, 'cobertura'] as const),
    ];
    if (covFiles.length) {
      if (!facts.files.ok)
        return cannotEvaluate('tests', `PR files: ${facts.files.error}`, onError);
      if (facts.files.value.truncated)
        return cannotEvaluate('tests', facts.files.value.truncated, onError);
      const cov: Coverage = new Map();
      for (const [path, kind] of covFiles) {
        const text = read(path);
        if (!text.ok) return cannotEvaluate('tests', text.error, onError);
        const parsed = kind === 'lcov' ? parseLcov(text.value) : parseCobertura(text.value, path);
        if (parsed.size === 0)
          return cannotEvaluate('tests', `${path} holds no coverage records`, onError);
        for (const [file, hits] of parsed) {
          const merged = cov.get(file) ?? new Map<number, number>();
          for (const [ln, h] of hits) merged.set(ln, Math.max(merged.get(ln) ?? 0, h));
          cov.set(file, merged);
        }
      }
      const c = changedLineCoverage(facts.files.value, cov);
      const min = g['min-coverage'];
      const minText = min !== undefined ? ` (min ${min}%)` : '';
      if (c.instrumented === 0) {
        parts.push(`no changed lines instrumented${minText}`);
      } else {
        const pct = Math.floor((c.covered / c.instrumented) * 1000) / 10;
        parts.push(
          `${Number.isInteger(pct) ? pct : pct.toFixed(1)}% coverage on changed lines${minText}`,
        );
        if (min !== undefined && pct < min) status = 'fail';
        details.push(`Changed lines covered: ${c.covered} of ${c.instrumented} instrumented.`);
        for (const [file, lines] of c.uncovered) {
          for (const [a, b] of ranges(lines)) {
            annotations.push({
              path: file,
              start_line: a,
              end_line: b,
              annotation_level: 'notice',
              title: 'changed line not covered',
              message:
                a === b
                  ? `Line ${a} is new and no test runs it.`
                  : `Lines ${a}-${b} are new and no test runs them.`,
            });
          }
        }
      }
      if (c.unknown.length) {
        if (status === 'pass') status = 'warn';
        parts.push(`${c.unknown.length} file(s) without a diff from GitHub not counted`);
        details.push(
          `GitHub sent no patch (binary or too large) for these covered files, so their changed lines are unknown and not counted:\n${c.unknown.map((f) => `- ${untrusted(f, 'code')}`).join('\n')}`,
        );
      }
    }
  } catch (e) {
    return cannotEvaluate('tests', e instanceof Error ? e.message : String(e), onError);
  }
  return result('tests', status, parts.join(', '), {
    details: details.join('\n\n') || undefined,
    annotations,
  });
}
