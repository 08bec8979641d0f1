import { checkConfig, type ConfigProblem } from '@promote/core/config/parse';
import { formatPath } from '@promote/core/config/errors';
import type { PromotionConfig } from '@promote/core/config/schema';
import { parse } from 'yaml';
import { errorAnnotation, warningAnnotation } from './annotations.js';

/**
 * `lines`: the verdict (stdout when valid, stderr when not); `warnings`: deprecated values, which
 * still load (stderr, exit code unchanged).
 */
export type Validation =
  | {
      ok: true;
      config: PromotionConfig;
      raw: Record<string, unknown>;
      lines: string[];
      warnings: string[];
    }
  | { ok: false; lines: string[]; warnings: string[] };

/**
 * `file:line:col: key: what is wrong; what to do`, the form editors and terminals link; a
 * warning says so after the place (`file:line:col: warning: key: ...`), as compilers print one.
 */
export function problemLine(file: string, p: ConfigProblem, level?: 'warning'): string {
  const where = p.line !== undefined ? `${file}:${p.line}:${p.column ?? 1}` : file;
  const key = p.path.length > 0 ? `${formatPath(p.path)}: ` : '';
  return `${where}: ${level ? `${level}: ` : ''}${key}${p.detail}`;
}

/**
 * Check one config file's text (undefined: the file does not exist). Pure: the lines to print,
 * as `::error` annotations when running in GitHub Actions (`annotate`).
 */
export function validateConfigText(
  file: string,
  text: string | undefined,
  options: { annotate: boolean },
): Validation {
  if (text === undefined) {
    const message = `${file} not found; create it (reference: docs/config.md) or name the file: promote validate path/to/promotion.yml`;
    return {
      ok: false,
      lines: [options.annotate ? errorAnnotation(message, { file }) : message],
      warnings: [],
    };
  }
  const checked = checkConfig(text, file);
  const warnings = checked.deprecations.map((p) =>
    options.annotate
      ? warningAnnotation(`${formatPath(p.path)}: ${p.detail}`, {
          file,
          line: p.line,
          column: p.column,
          title: 'Promote config: deprecated value',
        })
      : problemLine(file, p, 'warning'),
  );
  const warned = warnings.length
    ? `, ${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}`
    : '';
  if (checked.ok) {
    const raw = (parse(text) ?? {}) as Record<string, unknown>;
    const sections = Object.keys(raw).filter((k) => k !== 'version');
    return {
      ok: true,
      config: checked.config,
      raw,
      lines: [
        `${file}: valid${sections.length ? ` (${sections.join(', ')})` : ' (empty: every default)'}${warned}`,
      ],
      warnings,
    };
  }
  const { problems } = checked;
  const lines = problems.map((p) =>
    options.annotate
      ? errorAnnotation(`${p.path.length ? `${formatPath(p.path)}: ` : ''}${p.detail}`, {
          file,
          line: p.line,
          column: p.column,
          title: checked.syntax ? 'Promote config: not valid YAML' : 'Promote config',
        })
      : problemLine(file, p),
  );
  lines.push(
    `${file}: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}${checked.syntax ? ' (not valid YAML)' : ''}; fix and re-run.`,
  );
  return { ok: false, lines, warnings };
}
