import semver from 'semver';
import { untrusted } from '@promote/core/untrusted-text';
import { CHANGELOG_HEADINGS, type ChangelogHeading } from '@promote/core/config/keywords';
import { subjectWithoutPullRequest } from '@promote/core/commits';
import type { AnalyzedCommit } from './version.js';

export interface SectionInput {
  version: string;
  /** YYYY-MM-DD (UTC). */
  date: string;
  commits: AnalyzedCommit[];
  /** https://github.com/owner/repo, for PR and commit links. */
  repoUrl: string;
}

/** `## [2.7.0] - 2026-11-22` then `### Added` / `### Changed` / ... in Keep a Changelog order. */
export function renderChangelogSection(input: SectionInput): string {
  const groups = new Map<ChangelogHeading, string[]>();
  for (const c of input.commits) {
    if (c.status !== 'counted' || !c.heading) continue;
    const p = c.parsed;
    const scope = p.scope ? `**${untrusted(p.scope, 'inline')}:** ` : '';
    const breaking = p.breaking ? '**BREAKING** ' : '';
    const subject = untrusted(subjectWithoutPullRequest(p.subject), 'inline');
    const link = p.pullRequest
      ? `([#${p.pullRequest}](${input.repoUrl}/pull/${p.pullRequest}))`
      : `([${c.sha.slice(0, 7)}](${input.repoUrl}/commit/${c.sha}))`;
    const notes = p.notes
      .filter(
        (n) =>
          /^BREAKING[ -]CHANGE$/i.test(n.title) && n.text.trim() && n.text.trim() !== p.subject,
      )
      .map((n) => `: ${untrusted(n.text, 'inline')}`)
      .join('');
    const line = `- ${breaking}${scope}${subject} ${link}${notes}`;
    const list = groups.get(c.heading);
    if (list) list.push(line);
    else groups.set(c.heading, [line]);
  }
  const parts = [`## [${input.version}] - ${input.date}`];
  for (const heading of CHANGELOG_HEADINGS) {
    const lines = groups.get(heading);
    if (lines?.length) parts.push(`### ${heading}\n\n${lines.join('\n')}`);
  }
  if (parts.length === 1) parts.push('_No user-facing changes._');
  return `${parts.join('\n\n')}\n`;
}

export interface InsertInput {
  version: string;
  section: string;
  tag: string;
  previousTag: string | null;
  /** https://github.com/owner/repo */
  repoUrl: string;
}

const NEW_FILE_HEADER =
  '# Changelog\n\nAll notable changes to this project are documented in this file.\n\n' +
  'The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),\n' +
  'and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).\n\n' +
  '## [Unreleased]\n';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the changelog already has a section for `version` (a re-run: nothing to write). */
export function hasVersionSection(content: string, version: string): boolean {
  return new RegExp(`^##\\s+\\[?${escapeRegExp(version)}\\]?(\\s|$)`, 'm').test(content);
}

/** The section for `version` from an existing changelog, or null. */
export function extractVersionSection(content: string, version: string): string | null {
  const m = new RegExp(`^##\\s+\\[?${escapeRegExp(version)}\\]?(?:\\s.*)?$`, 'm').exec(content);
  if (!m) return null;
  const rest = content.slice(m.index);
  const next = rest.slice(m[0].length).search(/^## |^\[[^\]\n]+\]:\s/m);
  return `${(next === -1 ? rest : rest.slice(0, m[0].length + next)).trimEnd()}\n`;
}

/**
 * The changelog with the section inserted: after the `## [Unreleased]` block if there is one (its
 * hand-written notes stay where they are), else before the newest version, else at the end. The
 * compare link goes with the other link definitions at the bottom, and `[Unreleased]` is moved to
 * compare from the new tag. Idempotent: a changelog that already has the version is returned as is.
 */
export function insertChangelogSection(
  existing: string | null,
  input: InsertInput,
): { content: string; changed: boolean } {
  const original = existing ?? '';
  if (existing !== null && hasVersionSection(existing, input.version))
    return { content: existing, changed: false };
  let text =
    existing === null || !existing.trim() ? NEW_FILE_HEADER : existing.replace(/\r\n/g, '\n');
  if (!text.endsWith('\n')) text += '\n';

  // Split off the trailing block of link reference definitions.
  const lines = text.split('\n');
  let linkStart = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i] as string;
    if (l.trim() === '') continue;
    if (/^\[[^\]]+\]:\s*\S/.test(l)) linkStart = i;
    else break;
  }
  const body = lines.slice(0, linkStart).join('\n').replace(/\n+$/, '\n');
  let links = lines.slice(linkStart).filter((l) => l.trim() !== '');

  const section = input.section.trimEnd() + '\n';
  const unreleased = /^## \[?unreleased\]?.*$/im.exec(body);
  let newBody: string;
  // Newest first: the section goes before the first lower version. Two releases finishing out of
  // order (a later merge's release wrote its section first) still read newest first.
  const versions = [...body.matchAll(/^## \[?(\d+\.\d+\.\d+[^\]\s]*)/gm)].filter(
    (m) => (!unreleased || m.index > unreleased.index) && semver.valid(m[1]),
  );
  const lower = versions.find((m) => semver.lt(m[1] as string, input.version));
  const newest = lower === versions[0];
  if (lower) {
    newBody = `${body.slice(0, lower.index)}${section}\n${body.slice(lower.index)}`;
  } else if (versions.length) {
    // Older than every section there: the end of the list.
    newBody = `${body.replace(/\n*$/, '\n')}\n${section}`;
  } else if (unreleased) {
    // Unreleased is the last section: append after it.
    newBody = `${body.replace(/\n*$/, '\n')}\n${section}`;
  } else {
    const firstH2 = /^## /m.exec(body);
    newBody = firstH2
      ? `${body.slice(0, firstH2.index)}${section}\n${body.slice(firstH2.index)}`
      : `${body.replace(/\n*$/, '\n')}\n${section}`;
  }

  const compare = input.previousTag
    ? `${input.repoUrl}/compare/${input.previousTag}...${input.tag}`
    : `${input.repoUrl}/releases/tag/${input.tag}`;
  const versionLink = `[${input.version}]: ${compare}`;
  const unreleasedIdx = links.findIndex((l) => /^\[unreleased\]:/i.test(l));
  if (newest && (unreleasedIdx !== -1 || unreleased)) {
    const line = `[Unreleased]: ${input.repoUrl}/compare/${input.tag}...HEAD`;
    if (unreleasedIdx !== -1) links[unreleasedIdx] = line;
    else links = [line, ...links];
  }
  const at = links.findIndex((l) => !/^\[unreleased\]:/i.test(l));
  if (at === -1) links.push(versionLink);
  else links.splice(at, 0, versionLink);

  const content = `${newBody.replace(/\n*$/, '\n')}\n${links.join('\n')}\n`;
  return { content, changed: content !== original };
}

/** Today's date as Keep a Changelog writes it (UTC). */
export function changelogDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}
