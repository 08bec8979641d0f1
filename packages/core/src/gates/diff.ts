import parseDiff from 'parse-diff';

/** One file of a PR as `GET /pulls/{n}/files` returns it (the fields gates use). */
export interface ChangedFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  /** Absent for binary files and for diffs GitHub considers too large. */
  patch?: string;
  previous_filename?: string;
}

export interface AddedLine {
  line: number;
  content: string;
}

/**
 * The added lines of one file's patch (new-file line numbers). GitHub's `patch` holds the hunks
 * only (no `diff --git` header), so a header is prepended for parse-diff.
 */
export function addedLines(patch: string): AddedLine[] {
  const [file] = parseDiff(`--- a/x\n+++ b/x\n${patch.endsWith('\n') ? patch : `${patch}\n`}`);
  const out: AddedLine[] = [];
  for (const chunk of file?.chunks ?? []) {
    for (const change of chunk.changes) {
      if (change.type === 'add') out.push({ line: change.ln, content: change.content.slice(1) });
    }
  }
  return out;
}

/** Added line numbers per file, plus the files whose additions cannot be known (no patch). */
export function addedLineMap(files: readonly ChangedFile[]): {
  lines: Map<string, Set<number>>;
  unknown: string[];
} {
  const lines = new Map<string, Set<number>>();
  const unknown: string[] = [];
  for (const f of files) {
    if (f.status === 'removed' || f.additions === 0) continue;
    if (f.patch === undefined) {
      unknown.push(f.filename);
      continue;
    }
    lines.set(f.filename, new Set(addedLines(f.patch).map((l) => l.line)));
  }
  return { lines, unknown };
}
