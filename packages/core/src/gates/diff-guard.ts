import { JSONPath } from 'jsonpath-plus';
import picomatch from 'picomatch';
import type { PreflightConfig } from '../config/sections/preflight.js';
import type { CheckAnnotation } from '../report.js';
import { approvers } from './reviews.js';
import { addedLines, type ChangedFile } from './diff.js';
import type { PreflightFacts } from './facts.js';
import { changedGateFiles } from './gate-files.js';
import { parseJsonc } from './jsonc.js';
import { cannotEvaluate, result, type GateResult } from './types.js';
import { untrusted } from '../untrusted-text.js';

interface Hit {
  kind: 'secret' | 'debug' | 'protected';
  file: string;
  line: number;
  message: string;
}

type GateFilesConfig = NonNullable<PreflightConfig['diff-guard']>['gate-files'];

/**
 * A change to the config file or to a script a gate runs needs the gate-files approval: the
 * gates judged this PR by the base branch's versions, and merging makes the PR's versions the
 * judges of the next promotion (issue #16).
 */
function gateFileHits(
  files: readonly ChangedFile[],
  facts: Pick<PreflightFacts, 'pr' | 'gateFiles'>,
  g: GateFilesConfig | undefined,
  approvers: readonly string[],
): Hit[] {
  if (!g?.protected) return [];
  const byLabel = facts.pr.labels.includes(g['approval-label']);
  const byReview = g['approved-by'].some((u) => approvers.includes(u));
  if (byLabel || byReview) return [];
  const needs = [
    `label "${g['approval-label']}"`,
    g['approved-by'].length && `an approving review by ${g['approved-by'].join(' or ')}`,
  ]
    .filter(Boolean)
    .join(' or ');
  return changedGateFiles(files, facts.gateFiles ?? []).map((f) => ({
    kind: 'protected' as const,
    file: f.filename,
    line: (f.patch ? addedLines(f.patch)[0]?.line : undefined) ?? 1,
    message: `gate file ${f.filename} changed without ${needs}; this PR was judged by the version on ${facts.pr.baseRef}`,
  }));
}

function scanDebug(files: readonly ChangedFile[], patterns: readonly string[]): Hit[] {
  const res = patterns.map((p) => [p, new RegExp(p)] as const);
  const hits: Hit[] = [];
  for (const f of files) {
    if (!f.patch) continue;
    for (const l of addedLines(f.patch)) {
      const m = res.find(([, re]) => re.test(l.content));
      if (m)
        hits.push({
          kind: 'debug',
          file: f.filename,
          line: l.line,
          message: `debug leftover matching /${m[0]}/`,
        });
    }
  }
  return hits;
}

export async function diffGuardGate(
  facts: Pick<PreflightFacts, 'pr' | 'files' | 'reviews' | 'protectedContents' | 'gateFiles'>,
  config: PreflightConfig,
): Promise<GateResult> {
  const g = config['diff-guard']!;
  const onError = g['on-error'];
  if (!facts.files.ok)
    return cannotEvaluate('diff-guard', `PR files: ${facts.files.error}`, onError);
  const { files, truncated } = facts.files.value;
  // Unscanned lines could hold anything: a truncated list or a file without a patch is not "clean".
  if (truncated) return cannotEvaluate('diff-guard', truncated, onError);
  const hits: Hit[] = [];
  if (g.secrets) {
    // secretlint and its rule preset are most of preflight-gates' code: loaded (a chunk of its
    // own in the bundle) only when the secret scan runs.
    const { scanSecrets } = await import('./secret-scan.js');
    hits.push(...(await scanSecrets(files)).map((h) => ({ kind: 'secret' as const, ...h })));
  }
  hits.push(...scanDebug(files, g['debug-patterns']));
  const who = facts.reviews.ok ? approvers(facts.reviews.value, facts.pr.author) : [];
  for (const p of g['protected-paths']) {
    const match = picomatch(p.path, { dot: true });
    for (const f of files.filter(
      (x) => match(x.filename) || (x.previous_filename && match(x.previous_filename)),
    )) {
      let touched = true;
      if (p['json-path']) {
        const c = facts.protectedContents.get(f.filename);
        if (!c?.ok)
          return cannotEvaluate(
            'diff-guard',
            c?.error ?? `contents of ${f.filename} were not read`,
            onError,
          );
        try {
          const pick = (text: string | null) =>
            text === null
              ? undefined
              : JSON.stringify(
                  JSONPath({ path: p['json-path']!, json: parseJsonc(text) as object, wrap: true }),
                );
          touched = pick(c.value.base) !== pick(c.value.head);
        } catch (e) {
          return cannotEvaluate(
            'diff-guard',
            `${f.filename}: ${e instanceof Error ? e.message : e}`,
            onError,
          );
        }
      }
      if (!touched) continue;
      const byLabel = p['approval-label'] && facts.pr.labels.includes(p['approval-label']);
      const byReview = p['approved-by'].some((u) => who.includes(u));
      if (byLabel || byReview) continue;
      const needs = [
        p['approval-label'] && `label "${p['approval-label']}"`,
        p['approved-by'].length && `an approving review by ${p['approved-by'].join(' or ')}`,
      ]
        .filter(Boolean)
        .join(' or ');
      const firstAdded = f.patch ? addedLines(f.patch)[0]?.line : undefined;
      hits.push({
        kind: 'protected',
        file: f.filename,
        line: firstAdded ?? 1,
        message: `protected ${p['json-path'] ? `${p['json-path']} in ` : ''}${f.filename} changed without ${needs || 'an approval (none configured: this path may not change in a promotion)'}`,
      });
    }
  }
  hits.push(...gateFileHits(files, facts, g['gate-files'], who));
  const noPatch = files
    .filter((f) => f.patch === undefined && f.additions > 0 && f.status !== 'removed')
    .map((f) => f.filename);
  const count = (k: Hit['kind']) => hits.filter((h) => h.kind === k).length;
  const summary = `${count('secret')} secrets, ${count('debug')} debug leftovers, ${count('protected')} protected changes${noPatch.length ? `, ${noPatch.length} unscanned` : ''}`;
  const annotations: CheckAnnotation[] = hits.map((h) => ({
    path: h.file,
    start_line: h.line,
    end_line: h.line,
    annotation_level: h.kind === 'debug' ? 'warning' : 'failure',
    title:
      h.kind === 'secret'
        ? 'possible secret'
        : h.kind === 'debug'
          ? 'debug leftover'
          : 'protected path',
    message: h.message,
  }));
  const details = [
    hits
      .map(
        (h) =>
          `- ${h.kind}: ${untrusted(`${h.file}:${h.line}`, 'code')} ${untrusted(h.message, 'inline')}`,
      )
      .join('\n'),
    noPatch.length
      ? `GitHub sent no patch (binary or too large) for these files, so their added lines were not scanned:\n${noPatch.map((f) => `- ${untrusted(f, 'code')}`).join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  // Any hit fails; unscanned files cannot be called clean, so they report as on-error says.
  const status = hits.length ? 'fail' : noPatch.length ? onError : 'pass';
  return result('diff-guard', status, summary, { details: details || undefined, annotations });
}
