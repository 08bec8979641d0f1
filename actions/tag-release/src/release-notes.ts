import { fitMarkdown, RELEASE_BODY_LIMIT } from '@promote/core/report';
import { untrusted } from '@promote/core/untrusted-text';

export interface ReleaseLinks {
  repoUrl: string;
  tag: string;
  previousTag: string | null;
  runUrl?: string | undefined;
  deploymentUrl?: string | undefined;
}

export interface SealInfo {
  /** prod-smoke-seal's `seal` output: green or red. */
  seal?: string | undefined;
  /** prod-smoke-seal's `summary` output, given as the `seal-summary` input (markdown it rendered, or plain text). */
  summary?: string | undefined;
}

/** Hidden line that marks a release body as ours; NOTIFIED_MARKER records that chat was told. */
export const BODY_MARKER = '<!-- promote:tag-release -->';
export const NOTIFIED_MARKER = '<!-- promote:notified -->';

export function compareUrl(links: Pick<ReleaseLinks, 'repoUrl' | 'tag' | 'previousTag'>): string {
  return links.previousTag
    ? `${links.repoUrl}/compare/${links.previousTag}...${links.tag}`
    : `${links.repoUrl}/commits/${links.tag}`; // first release: every commit up to its tag
}

/** The changelog section without its `## [x.y.z] - date` line (the release has its own title). */
export function sectionBody(section: string): string {
  return section.replace(/^## .*\n+/, '').trimEnd();
}

export function renderSeal(seal: SealInfo): string {
  if (!seal.seal && !seal.summary) return '';
  const state = (seal.seal ?? '').trim().toLowerCase();
  const icon = state === 'green' ? '🟢' : state === 'red' ? '🔴' : '⚪';
  const word =
    state === 'green'
      ? 'green'
      : state === 'red'
        ? 'red'
        : state
          ? untrusted(state, 'inline')
          : 'not recorded';
  const summary = seal.summary?.trim() ? `\n\n${seal.summary.trim()}` : '';
  return `### Production smoke seal\n\n${icon} **${word}**${summary}`;
}

/**
 * Release notes: the changelog section, the smoke seal, and links (compare from the explicit
 * previous tag, deployment, run). Within GitHub's 125,000 characters: the section is what gets
 * cut (with a note), never the links or the seal verdict.
 */
export function renderReleaseBody(
  section: string,
  links: ReleaseLinks,
  seal: SealInfo,
  notified = false,
  /** Blocks other steps keep in the body (prod-smoke-seal's marked section), carried over. */
  kept = '',
): string {
  const linkParts = [
    `**Full changelog**: [${links.previousTag ? `${links.previousTag}...${links.tag}` : links.tag}](${compareUrl(links)})`,
  ];
  if (links.deploymentUrl) linkParts.push(`[Deployment](${links.deploymentUrl})`);
  if (links.runUrl) linkParts.push(`[Release run](${links.runUrl})`);
  const sealBlock = renderSeal(seal);
  const tail =
    `${sealBlock ? `\n\n${fitMarkdown(sealBlock, 10_000)}` : ''}${kept ? `\n\n${fitMarkdown(kept, 20_000)}` : ''}` +
    `\n\n---\n\n${linkParts.join(' · ')}\n\n${BODY_MARKER}` +
    (notified ? `\n${NOTIFIED_MARKER}` : '');
  const budget = RELEASE_BODY_LIMIT - tail.length - 100;
  const notes = fitMarkdown(sectionBody(section) || '_No user-facing changes._', budget, {
    note: `_… {omitted} more characters of notes did not fit GitHub's release limit; see the [changelog](${compareUrl(links)})._`,
  });
  return `${notes}${tail}`;
}

// prod-smoke-seal writes its seal into an existing release between these markers (its
// seal-targets.ts); a re-run of tag-release keeps that block instead of overwriting it.
const KEPT_BLOCK = /<!-- promote:smoke-seal:start -->[\s\S]*?<!-- promote:smoke-seal:end -->/;

/** The blocks of an existing release body that other steps own. */
export function keptBlocks(existingBody: string | null | undefined): string {
  return KEPT_BLOCK.exec(existingBody ?? '')?.[0] ?? '';
}

/** The annotated tag's message: the tag name, then the changelog section as plain text. */
export function renderTagMessage(tag: string, section: string): string {
  return `${tag}\n\n${section.trimEnd()}\n`;
}
