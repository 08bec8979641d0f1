// Stand-ins for actions/upload-artifact (v4+) and actions/download-artifact (v4+): artifacts
// belong to the workflow RUN (every job of the run, including the jobs of the workflows it
// calls, uploads to and downloads from the same store), never to a runner: a job's directories
// are deleted when it ends, its artifacts stay.
// https://docs.github.com/en/actions/tutorials/store-and-share-data
// Behaviour mirrored from the actions (README and src/upload/search.ts of actions/upload-artifact):
// - `path`: one path or glob per line, `!` lines exclude; hidden files are left out unless
//   `include-hidden-files: true`. The artifact's root is the least common ancestor of the search
//   paths when there are several, the file's own directory for a single literal file, else the
//   single search path (so `reports/junit.xml` + `coverage/cobertura.xml` keep their prefixes).
// - no file found: `if-no-files-found` warn (default) / error (the step fails) / ignore, with
//   the action's message "No files were found with the provided path: <path>. No artifacts
//   will be uploaded."
// - a second upload of the same name in a run fails (409 Conflict) unless `overwrite: true`.
// - download by `name` extracts the files into `path` (default the workspace) directly; a
//   missing name fails "Artifact not found for name: <name>". Without `name`, every artifact of
//   the run goes into `path/<name>/`. `pattern`, `merge-multiple`, `artifact-ids` and `run-id`
//   (other runs) are not modelled: no workflow here uses them, and the step fails naming them.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { StandIn, StandInContext } from './types.js';

export interface Artifact {
  id: number;
  name: string;
  /** relative path (forward slashes) -> bytes */
  files: Map<string, Buffer>;
  digest: string;
  /** the job that uploaded it (`caller/called` id) */
  job: string;
  retentionDays: number;
}

/** What the run's page lists: each artifact's name, files and the job that uploaded it. */
export interface ArtifactListing {
  id: number;
  name: string;
  files: string[];
  job: string;
}

/** One workflow run's artifacts (GitHub keeps them for the run, across its jobs). */
export class ArtifactStore {
  private readonly byName = new Map<string, Artifact>();
  private nextId = 1;

  /** `listing`: the run's public list (RunResult.artifacts), kept in step with the store */
  constructor(private readonly listing: ArtifactListing[] = []) {}

  list(): Artifact[] {
    return [...this.byName.values()];
  }

  get(name: string): Artifact | undefined {
    return this.byName.get(name);
  }

  put(a: Omit<Artifact, 'id'>, overwrite: boolean): Artifact {
    if (this.byName.has(a.name) && !overwrite) {
      throw new Error(
        `Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run`,
      );
    }
    const stored = { ...a, id: this.nextId++ };
    this.byName.set(a.name, stored);
    const entry = { id: stored.id, name: a.name, files: [...a.files.keys()], job: a.job };
    const at = this.listing.findIndex((l) => l.name === a.name);
    if (at >= 0) this.listing.splice(at, 1, entry);
    else this.listing.push(entry);
    return stored;
  }
}

const GLOB = /[*?[]/;

/** The literal directory prefix of a pattern (what @actions/glob calls the search path). */
function searchPath(pattern: string): string {
  const parts = pattern.split('/');
  const literal: string[] = [];
  for (const p of parts) {
    if (GLOB.test(p)) break;
    literal.push(p);
  }
  return literal.join('/') || '/';
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [dir];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function lca(paths: string[]): string {
  const split = paths.map((p) => p.split(sep));
  const first = split[0]!;
  let i = 0;
  while (i < first.length && split.every((s) => s[i] === first[i])) i++;
  return first.slice(0, i).join(sep) || sep;
}

function hidden(root: string, file: string): boolean {
  return relative(root, file)
    .split(sep)
    .some((segment) => segment.startsWith('.'));
}

/** The files a `path` input names, and the root the artifact keeps them relative to. */
export function findFilesToUpload(
  input: string,
  workspace: string,
  includeHidden: boolean,
): { files: string[]; root: string } {
  const lines = input
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(workspace, p));
  const includes = lines.filter((l) => !l.startsWith('!')).map(abs);
  const excludes = lines.filter((l) => l.startsWith('!')).map((l) => abs(l.slice(1)));
  const isExcluded = excludes.length ? picomatch(excludes, { dot: true }) : () => false;
  const searchPaths = includes.map(searchPath);
  const found = new Set<string>();
  for (const [i, pattern] of includes.entries()) {
    const base = searchPaths[i]!;
    const candidates = walk(base);
    const matches = GLOB.test(pattern)
      ? candidates.filter((f) => picomatch.isMatch(f, pattern, { dot: true }))
      : candidates; // a literal file, or every file under a literal directory
    for (const f of matches) {
      if (isExcluded(f)) continue;
      if (!includeHidden && hidden(base === f ? dirname(f) : base, f)) continue;
      found.add(f);
    }
  }
  const files = [...found].sort();
  if (searchPaths.length > 1) return { files, root: lca(searchPaths) };
  if (files.length === 1 && searchPaths[0] === files[0]) return { files, root: dirname(files[0]!) };
  return { files, root: searchPaths[0] ?? workspace };
}

function storeOf(ctx: StandInContext): ArtifactStore {
  if (!ctx.artifacts) throw new Error('artifacts: this step runs outside a workflow run');
  return ctx.artifacts;
}

// actions/upload-artifact v4 action.yml inputs and defaults.
export const uploadArtifact: StandIn = {
  inputs: {
    name: 'artifact',
    path: undefined,
    'if-no-files-found': 'warn',
    'retention-days': '0',
    'compression-level': '6',
    overwrite: 'false',
    'include-hidden-files': 'false',
  },
  async main(ctx) {
    const path = ctx.inputs.path ?? '';
    if (!path.trim()) throw new Error('Input required and not supplied: path');
    const mode = ctx.inputs['if-no-files-found'] ?? 'warn';
    if (!['warn', 'error', 'ignore'].includes(mode)) {
      throw new Error(
        `Unexpected input provided for if-no-files-found: ${mode}. Available options are warn,error,ignore`,
      );
    }
    const { files, root } = findFilesToUpload(
      path,
      ctx.workspace,
      ctx.inputs['include-hidden-files'] === 'true',
    );
    if (!files.length) {
      const message = `No files were found with the provided path: ${path}. No artifacts will be uploaded.`;
      if (mode === 'error') throw new Error(message);
      ctx.log(mode === 'warn' ? `::warning::${message}` : message);
      return;
    }
    ctx.log(`With the provided path, there will be ${files.length} file(s) uploaded`);
    const stored = new Map<string, Buffer>();
    const hash = createHash('sha256');
    for (const f of files) {
      const rel = relative(root, f).split(sep).join('/');
      const bytes = readFileSync(f);
      stored.set(rel, bytes);
      hash.update(rel).update(bytes);
    }
    const name = ctx.inputs.name || 'artifact';
    const artifact = storeOf(ctx).put(
      {
        name,
        files: stored,
        digest: hash.digest('hex'),
        job: ctx.job,
        retentionDays: Number(ctx.inputs['retention-days'] || 0) || 90,
      },
      ctx.inputs.overwrite === 'true',
    );
    ctx.log(
      `Artifact ${name} has been successfully uploaded! Final size is ${[...stored.values()].reduce((n, b) => n + b.length, 0)} bytes. Artifact ID is ${artifact.id}`,
    );
    ctx.setOutput('artifact-id', String(artifact.id));
    ctx.setOutput('artifact-digest', artifact.digest);
    ctx.setOutput(
      'artifact-url',
      `https://github.com/${ctx.github.repository}/actions/runs/${ctx.github.runId}/artifacts/${artifact.id}`,
    );
  },
};

function extract(a: Artifact, into: string): void {
  for (const [rel, bytes] of a.files) {
    const target = join(into, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
}

// actions/download-artifact v4+ action.yml inputs (name, path, pattern, merge-multiple,
// github-token, repository, run-id; artifact-ids since v5).
export const downloadArtifact: StandIn = {
  inputs: {
    name: undefined,
    'artifact-ids': undefined,
    path: undefined,
    pattern: undefined,
    'merge-multiple': 'false',
    'github-token': undefined,
    repository: undefined,
    'run-id': undefined,
  },
  async main(ctx) {
    for (const unmodelled of ['pattern', 'artifact-ids', 'run-id', 'github-token']) {
      if (ctx.inputs[unmodelled]) {
        throw new Error(
          `download-artifact stand-in: \`${unmodelled}\` is not modelled (artifacts of this run, by name or all)`,
        );
      }
    }
    const raw = ctx.inputs.path || ctx.workspace;
    const into = resolve(ctx.workspace, raw.replace(/^~(?=\/|$)/, ctx.env.HOME ?? '~'));
    const store = storeOf(ctx);
    const name = ctx.inputs.name;
    if (name) {
      const a = store.get(name);
      if (!a) {
        throw new Error(
          `Unable to download artifact(s): Artifact not found for name: ${name}\n        Please ensure that your artifact is not expired and the artifact was uploaded using a compatible version of toolkit/upload-artifact.\n        For more information, visit the GitHub Artifacts FAQ: https://github.com/actions/toolkit/blob/main/packages/artifact/docs/faq.md`,
        );
      }
      ctx.log(`Found artifact ${name} (ID: ${a.id})`);
      extract(a, into);
    } else {
      const all = store.list();
      ctx.log(`Found ${all.length} artifact(s)`);
      const merge = ctx.inputs['merge-multiple'] === 'true';
      for (const a of all) extract(a, merge ? into : join(into, a.name));
    }
    ctx.log(`Total of ${name ? 1 : store.list().length} artifact(s) downloaded`);
    ctx.setOutput('download-path', into);
  },
};
