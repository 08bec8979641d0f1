import type { PreflightConfig, Severity } from '../config/sections/preflight.js';
import { SEVERITIES } from '../config/keywords.js';
import type { CheckAnnotation } from '../report.js';
import type { PreflightFacts } from './facts.js';
import { cannotEvaluate, result, type GateResult } from './types.js';
import { untrusted } from '../untrusted-text.js';

export interface Finding {
  severity: Severity;
  message: string;
  rule?: string;
  file?: string;
  line?: number;
  source: string;
}

/** CVSS bands GitHub code scanning uses for `security-severity`. */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'note';
}

const LEVELS: Record<string, Severity> = {
  error: 'high',
  warning: 'medium',
  note: 'low',
  none: 'note',
};

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** SARIF 2.1.0: severity from `properties.security-severity` (result, then rule), else `level`. */
export function parseSarif(text: string, source: string): Finding[] {
  const doc = obj(JSON.parse(text));
  if (!Array.isArray(doc.runs)) throw new Error(`${source} is not SARIF: no "runs" array`);
  const out: Finding[] = [];
  for (const run of doc.runs as Json[]) {
    const driver = obj(obj(obj(run).tool).driver);
    const rules = (Array.isArray(driver.rules) ? driver.rules : []) as Json[];
    for (const r of (Array.isArray(obj(run).results) ? obj(run).results : []) as Json[]) {
      const rule =
        (typeof r.ruleIndex === 'number' ? rules[r.ruleIndex] : undefined) ??
        rules.find((x) => x.id === r.ruleId) ??
        {};
      const score =
        obj(r.properties)['security-severity'] ?? obj(rule.properties)['security-severity'];
      const level =
        (r.level as string | undefined) ??
        (obj(rule.defaultConfiguration).level as string | undefined) ??
        'warning';
      const severity =
        score !== undefined && !Number.isNaN(Number(score))
          ? severityFromScore(Number(score))
          : (LEVELS[level] ?? 'medium');
      const loc = obj(
        obj(Array.isArray(r.locations) ? r.locations[0] : undefined).physicalLocation,
      );
      const uri = obj(loc.artifactLocation).uri as string | undefined;
      const line = obj(loc.region).startLine as number | undefined;
      const f: Finding = {
        severity,
        message: String(obj(r.message).text ?? r.ruleId ?? 'finding'),
        source,
      };
      if (typeof r.ruleId === 'string') f.rule = r.ruleId;
      if (uri) f.file = uri.replace(/^file:\/\//, '').replace(/^\.\//, '');
      if (typeof line === 'number') f.line = line;
      out.push(f);
    }
  }
  return out;
}

/** The simple list: `[{ severity, message, file?, line?, rule? }]` or `{ findings: [...] }`. */
function parseFindingsList(text: string, source: string): Finding[] {
  const doc: unknown = JSON.parse(text);
  const list = Array.isArray(doc) ? doc : obj(doc).findings;
  if (!Array.isArray(list))
    throw new Error(`${source} is not a findings list: expected an array or { "findings": [...] }`);
  return list.map((raw, i) => {
    const x = obj(raw);
    const sev = String(x.severity ?? '').toLowerCase();
    if (!(SEVERITIES as readonly string[]).includes(sev)) {
      throw new Error(
        `${source}[${i}].severity: ${JSON.stringify(x.severity)} is not one of ${SEVERITIES.join(', ')}`,
      );
    }
    const f: Finding = {
      severity: sev as Severity,
      message: String(x.message ?? x.title ?? 'finding'),
      source,
    };
    if (typeof x.rule === 'string') f.rule = x.rule;
    if (typeof x.file === 'string') f.file = x.file;
    if (typeof x.line === 'number') f.line = x.line;
    return f;
  });
}

const rank = (s: Severity) => SEVERITIES.length - SEVERITIES.indexOf(s); // critical highest

export function findingsGate(
  facts: Pick<PreflightFacts, 'reports'>,
  config: PreflightConfig,
): GateResult {
  const g = config.findings!;
  const findings: Finding[] = [];
  const sources = [
    ...g.sarif.map((p) => [p, parseSarif] as const),
    ...g.json.map((p) => [p, parseFindingsList] as const),
  ];
  for (const [path, parse] of sources) {
    const text = facts.reports.get(path);
    if (!text?.ok)
      return cannotEvaluate('findings', text?.error ?? `${path} was not read`, g['on-error']);
    try {
      findings.push(...parse(text.value, path));
    } catch (e) {
      return cannotEvaluate('findings', e instanceof Error ? e.message : String(e), g['on-error']);
    }
  }
  const block = g['block-at'];
  const counts = new Map<Severity, number>(SEVERITIES.map((s) => [s, 0]));
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const blocking = findings.filter((f) => rank(f.severity) >= rank(block));
  const shown = SEVERITIES.filter((s) => s !== 'note' || (counts.get('note') ?? 0) > 0);
  const summary = `${shown.map((s) => `${counts.get(s)} ${s.toUpperCase()}`).join(', ')} (block at ${block.toUpperCase()})`;
  const annotations: CheckAnnotation[] = findings
    .filter((f) => f.file)
    .map((f) => ({
      path: f.file!,
      start_line: f.line ?? 1,
      end_line: f.line ?? 1,
      annotation_level:
        rank(f.severity) >= rank(block)
          ? 'failure'
          : f.severity === 'medium'
            ? 'warning'
            : 'notice',
      title: `${f.severity.toUpperCase()}${f.rule ? ` ${f.rule}` : ''}`,
      message: f.message,
    }));
  const details = findings.length
    ? [...findings]
        .sort((a, b) => rank(b.severity) - rank(a.severity))
        .slice(0, 100)
        .map(
          (f) =>
            `- **${f.severity.toUpperCase()}** ${untrusted(f.message, 'inline')}${f.file ? ` (${untrusted(`${f.file}${f.line ? `:${f.line}` : ''}`, 'code')})` : ''}`,
        )
        .join('\n') + (findings.length > 100 ? `\n- … and ${findings.length - 100} more` : '')
    : undefined;
  return result('findings', blocking.length ? 'fail' : 'pass', summary, { details, annotations });
}
