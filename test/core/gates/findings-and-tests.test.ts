import {
  findingsGate,
  parseSarif,
  severityFromScore,
} from '../../../packages/core/src/gates/findings.js';
import {
  parseCobertura,
  parseJUnit,
  parseLcov,
  testsGate,
} from '../../../packages/core/src/gates/tests.js';
import { fact, missing } from '../../../packages/core/src/gates/types.js';
import { facts, file, fixture, preflight, reports } from './facts-builder.js';

describe('findings gate', () => {
  test('SARIF severity comes from security-severity (CVSS bands) before level', () => {
    const f = parseSarif(fixture('findings.sarif'), 'f.sarif');
    expect(f.map((x) => x.severity)).toEqual(['medium', 'low', 'low', 'low']);
    expect(f[0]).toMatchObject({ file: 'src/api/render.ts', line: 12, rule: 'js/xss' });
    expect([9, 7, 4, 0.1, 0].map(severityFromScore)).toEqual([
      'critical',
      'high',
      'medium',
      'low',
      'note',
    ]);
  });

  test('one MEDIUM and three LOW pass when blocking at HIGH, with annotations at file:line', () => {
    const r = findingsGate(
      facts({ reports: reports({ 'f.sarif': fixture('findings.sarif') }) }),
      preflight({ findings: { sarif: ['f.sarif'] } }),
    );
    expect(r.row).toMatchObject({
      status: 'pass',
      summary: '0 CRITICAL, 0 HIGH, 1 MEDIUM, 3 LOW (block at HIGH)',
    });
    expect(r.annotations[0]).toMatchObject({
      path: 'src/api/render.ts',
      start_line: 12,
      annotation_level: 'warning',
    });
  });

  test('a CRITICAL in the JSON list fails and names the finding', () => {
    const r = findingsGate(
      facts({ reports: reports({ 'f.json': fixture('findings-critical.json') }) }),
      preflight({ findings: { json: ['f.json'], 'block-at': 'HIGH' } }),
    );
    expect(r.row.status).toBe('fail');
    expect(r.row.summary).toBe('1 CRITICAL, 0 HIGH, 0 MEDIUM, 1 LOW (block at HIGH)');
    expect(r.row.details).toContain('SQL injection in report query');
    expect(r.annotations).toEqual([
      expect.objectContaining({
        path: 'src/api/report.ts',
        start_line: 7,
        annotation_level: 'failure',
      }),
    ]);
  });

  test('an unreadable report is a failure, never a pass', () => {
    const r = findingsGate(
      facts({ reports: new Map([['f.sarif', missing('report file f.sarif: not found')]]) }),
      preflight({ findings: { sarif: ['f.sarif'] } }),
    );
    expect(r.row).toMatchObject({
      status: 'fail',
      summary: 'cannot evaluate: report file f.sarif: not found',
    });
    const warn = findingsGate(
      facts({ reports: reports({ 'f.sarif': '{"not":"sarif"}' }) }),
      preflight({ findings: { sarif: ['f.sarif'], 'on-error': 'warn' } }),
    );
    expect(warn.row).toMatchObject({
      status: 'warn',
      summary: 'cannot evaluate: f.sarif is not SARIF: no "runs" array',
    });
  });
});

describe('tests gate', () => {
  test('JUnit counts nested suites, failures and skips', () => {
    expect(parseJUnit(fixture('junit.xml'), 'j')).toMatchObject({
      total: 14,
      passed: 14,
      failed: 0,
    });
    expect(parseJUnit(fixture('junit-failing.xml'), 'j')).toMatchObject({
      total: 3,
      passed: 1,
      failed: 1,
      skipped: 1,
      failures: ['api › renders a report'],
    });
  });

  const lcov = [
    'SF:/home/runner/work/app/app/src/api/render.ts',
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `DA:${n},${n === 8 ? 0 : 3}`),
    'end_of_record',
    'SF:src/web/untouched.ts',
    'DA:1,0',
    'end_of_record',
  ].join('\n');

  test('coverage counts only the PR’s added lines that the report instruments', () => {
    expect(parseLcov(lcov).get('src/web/untouched.ts')).toEqual(new Map([[1, 0]]));
    const f = facts({
      files: fact({
        files: [
          file('src/api/render.ts', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']),
          file('README.md', ['docs']),
        ],
      }),
      reports: reports({ 'junit.xml': fixture('junit.xml'), 'lcov.info': lcov }),
    });
    const r = testsGate(
      f,
      preflight({ tests: { junit: ['junit.xml'], lcov: ['lcov.info'], 'min-coverage': 80 } }),
    );
    expect(r.row).toMatchObject({
      status: 'pass',
      summary: '14/14 pass, 87.5% coverage on changed lines (min 80%)',
    });
    expect(r.annotations).toEqual([
      expect.objectContaining({ path: 'src/api/render.ts', start_line: 8, end_line: 8 }),
    ]);
  });

  test('below the minimum fails; Cobertura works the same way', () => {
    expect(parseCobertura(fixture('cobertura.xml'), 'c').get('src/api/render.py')?.get(3)).toBe(0);
    const f = facts({
      files: fact({ files: [file('src/api/render.py', ['a', 'b', 'c', 'd'])] }),
      reports: reports({ 'c.xml': fixture('cobertura.xml') }),
    });
    const r = testsGate(f, preflight({ tests: { cobertura: ['c.xml'], 'min-coverage': 80 } }));
    expect(r.row).toMatchObject({
      status: 'fail',
      summary: '75% coverage on changed lines (min 80%)',
    });
  });

  test('a failing test fails the gate and is listed', () => {
    const r = testsGate(
      facts({ reports: reports({ 'j.xml': fixture('junit-failing.xml') }) }),
      preflight({ tests: { junit: ['j.xml'] } }),
    );
    expect(r.row).toMatchObject({ status: 'fail', summary: '1/2 pass, 1 skipped (1 failed)' });
    expect(r.row.details).toContain('api › renders a report');
  });

  test('a covered file without a patch (too large) is reported, not silently counted', () => {
    const f = facts({
      files: fact({
        files: [file('src/api/render.ts', ['a']), file('src/api/huge.ts', undefined, 'modified')],
      }),
      reports: reports({
        'l.info':
          'SF:src/api/render.ts\nDA:1,1\nend_of_record\nSF:src/api/huge.ts\nDA:1,0\nend_of_record\n',
      }),
    });
    const r = testsGate(f, preflight({ tests: { lcov: ['l.info'], 'min-coverage': 80 } }));
    expect(r.row.status).toBe('warn');
    expect(r.row.summary).toContain('1 file(s) without a diff from GitHub not counted');
    expect(r.row.details).toContain('src/api/huge.ts');
  });

  test('a truncated PR file list fails closed', () => {
    const f = facts({
      files: fact({
        files: [],
        truncated: 'the PR changes 3500 files but GitHub lists at most 3000',
      }),
      reports: reports({ 'l.info': 'SF:a\nDA:1,1\nend_of_record' }),
    });
    expect(testsGate(f, preflight({ tests: { lcov: ['l.info'] } })).row).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('3000'),
    });
  });
});
