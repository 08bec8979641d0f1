import picomatch from 'picomatch';
import { parseCommitMessage } from '../commits.js';
import type { PreflightConfig } from '../config/sections/preflight.js';
import type { PreflightFacts } from './facts.js';
import { cannotEvaluate, result, type GateResult } from './types.js';
import { untrusted } from '../untrusted-text.js';

export interface ChangeUnit {
  name: string;
  kinds: Set<'scope' | 'area' | 'issue'>;
  evidence: string[];
}

// Linked issues are the ones GitHub links: closing keywords (and "refs"). A bare "(#11)" is the
// squash-merge suffix naming the PR itself; counting it made every PR its own unit.
const ISSUE_REF = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?|refs?)\s*:?\s+#(\d+)\b/gi;

/**
 * Distinct units of change: conventional-commit scopes, configured path areas (a scope and an
 * area with the same name are one unit), and linked issues. The count is the gate; the list is
 * what a reviewer needs to split the promotion.
 */
function changeUnits(
  facts: Pick<PreflightFacts, 'pr' | 'files' | 'commits'>,
  config: PreflightConfig,
): ChangeUnit[] {
  const g = config['change-size']!;
  const units = new Map<string, ChangeUnit>();
  const add = (name: string, kind: 'scope' | 'area' | 'issue', evidence: string) => {
    const key = name.toLowerCase();
    const u = units.get(key) ?? { name: key, kinds: new Set(), evidence: [] };
    u.kinds.add(kind);
    if (u.evidence.length < 5 && !u.evidence.includes(evidence)) u.evidence.push(evidence);
    units.set(key, u);
  };
  // Merge commits repeat what the commits they merge already say ("Merge pull request #9").
  const messages = (facts.commits.ok ? facts.commits.value.messages : []).filter(
    (m) => !parseCommitMessage(m).merge,
  );
  if (g.count.includes('scopes')) {
    for (const m of messages) {
      const c = parseCommitMessage(m);
      if (c.scope)
        for (const s of c.scope
          .split(/[,/]/)
          .map((x) => x.trim())
          .filter(Boolean))
          add(s, 'scope', c.header);
    }
  }
  if (g.count.includes('areas') && facts.files.ok) {
    const matchers = Object.entries(g.areas).map(
      ([name, globs]) => [name, picomatch(globs, { dot: true })] as const,
    );
    for (const f of facts.files.value.files) {
      const hit = matchers.find(([, m]) => m(f.filename));
      if (hit) add(hit[0], 'area', f.filename);
    }
  }
  if (g.count.includes('issues')) {
    const texts = [facts.pr.body, ...messages];
    for (const t of texts) {
      for (const m of t.matchAll(ISSUE_REF)) {
        const n = Number(m[1]);
        if (n !== facts.pr.number) add(`#${n}`, 'issue', `#${n}`);
      }
    }
  }
  return [...units.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function changeSizeGate(
  facts: Pick<PreflightFacts, 'pr' | 'files' | 'commits'>,
  config: PreflightConfig,
): GateResult {
  const g = config['change-size']!;
  const onError = g['on-error'];
  const needsCommits = g.count.includes('scopes') || g.count.includes('issues');
  const needsFiles = g.count.includes('areas') && Object.keys(g.areas).length > 0;
  if (needsCommits && !facts.commits.ok)
    return cannotEvaluate('change-size', `commits: ${facts.commits.error}`, onError);
  if (needsFiles && !facts.files.ok)
    return cannotEvaluate('change-size', `PR files: ${facts.files.error}`, onError);
  const units = changeUnits(facts, config);
  const max = g['max-units'];
  const listing = units
    .map(
      (u) =>
        `- **${untrusted(u.name, 'inline')}** (${[...u.kinds].join(' + ')}): ${u.evidence.map((e) => untrusted(e, 'code')).join(', ')}`,
    )
    .join('\n');
  const truncated = [
    needsCommits && facts.commits.ok && facts.commits.value.truncated,
    needsFiles && facts.files.ok && facts.files.value.truncated,
  ].filter((x): x is string => typeof x === 'string');
  if (units.length > max) {
    const groups: string[] = [];
    for (let i = 0; i < units.length; i += max)
      groups.push(
        units
          .slice(i, i + max)
          .map((u) => untrusted(u.name, 'inline'))
          .join(', '),
      );
    const split = groups.map((grp, i) => `${i + 1}. ${grp}`).join('\n');
    return result('change-size', 'fail', `${units.length} units (max ${max}): split suggested`, {
      details: `Units:\n${listing}\n\nSuggested split into ${groups.length} promotions:\n${split}`,
    });
  }
  // A count from a truncated list is only a lower bound: fail closed rather than pass on it.
  if (truncated.length) return cannotEvaluate('change-size', truncated.join('; '), onError);
  return result(
    'change-size',
    'pass',
    `${units.length} unit${units.length === 1 ? '' : 's'} (max ${max})`,
    {
      details: listing ? `Units:\n${listing}` : undefined,
    },
  );
}
