import { parse as parseYaml } from 'yaml';
import type { PreflightConfig } from '../config/sections/preflight.js';
import type { PreflightFacts } from './facts.js';
import { approvers, latestReviews } from './reviews.js';
import { cannotEvaluate, result, type GateResult } from './types.js';
import { untrusted } from '../untrusted-text.js';

export { approvers };

function readKey(doc: unknown, dotted: string): unknown {
  let cur: unknown = doc;
  for (const part of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function approvalsGate(
  facts: Pick<PreflightFacts, 'pr' | 'reviews' | 'deployments' | 'reports'>,
  config: PreflightConfig,
): GateResult {
  const g = config.approvals!;
  const onError = g['on-error'];
  const parts: string[] = [];
  const problems: string[] = [];
  if (g.required > 0) {
    if (!facts.reviews.ok)
      return cannotEvaluate('approvals', `reviews: ${facts.reviews.error}`, onError);
    const who = approvers(facts.reviews.value, facts.pr.author);
    const changes = [...latestReviews(facts.reviews.value)]
      .filter(([, s]) => s === 'CHANGES_REQUESTED')
      .map(([u]) => u);
    parts.push(`${who.length}/${g.required} approvals${who.length ? ` (${who.join(', ')})` : ''}`);
    if (who.length < g.required)
      problems.push(`${g.required - who.length} more approving review(s) needed`);
    if (changes.length) problems.push(`changes requested by ${changes.join(', ')}`);
  }
  const dep = g['staging-deployment'];
  if (dep) {
    if (!facts.deployments.ok)
      return cannotEvaluate('approvals', `deployments: ${facts.deployments.error}`, onError);
    const ok = facts.deployments.value.some(
      (d) => d.environment === dep.environment && d.state === 'success',
    );
    parts.push(
      ok
        ? `${dep.environment} deployment succeeded`
        : `no successful ${dep.environment} deployment of this commit`,
    );
    if (!ok)
      problems.push(
        `no successful deployment of ${facts.pr.headSha.slice(0, 7)} to ${dep.environment}`,
      );
  }
  for (const s of g['state-files']) {
    const text = facts.reports.get(s.path);
    if (!text?.ok)
      return cannotEvaluate('approvals', text?.error ?? `${s.path} was not read`, onError);
    let doc: unknown;
    try {
      doc = parseYaml(text.value);
    } catch (e) {
      return cannotEvaluate(
        'approvals',
        `${s.path} is not YAML/JSON: ${e instanceof Error ? e.message.split('\n')[0] : e}`,
        onError,
      );
    }
    const value = readKey(doc, s.key);
    const ok = value !== undefined && String(value) === String(s.equals);
    parts.push(`${s.key}: ${value === undefined ? 'missing' : String(value)}`);
    if (!ok)
      problems.push(
        `${s.path}: ${s.key} is ${value === undefined ? 'missing' : JSON.stringify(value)}, needs ${JSON.stringify(s.equals)}`,
      );
  }
  if (!parts.length) return result('approvals', 'skip', 'nothing to check (required: 0)');
  return result('approvals', problems.length ? 'fail' : 'pass', parts.join(', '), {
    details: problems.length
      ? problems.map((p) => `- ${untrusted(p, 'inline')}`).join('\n')
      : undefined,
  });
}
