import picomatch from 'picomatch';
import { appFiles, type AppIdentity } from '@promote/core/config/resolve';

/**
 * An app's paths as git pathspecs that only prune: each glob's literal leading directory
 * (`apps/api/**` -> `apps/api`), so git skips the subtrees no glob can reach, and the files it
 * lists are then matched with the same matcher as everywhere else (core's appFiles, picomatch with
 * dotfiles). git's own `:(glob)` magic is not used for the match itself because it disagrees with
 * picomatch on what app paths hold (https://git-scm.com/docs/gitglossary#Documentation/gitglossary.txt-aiddefpathspecapathspec):
 * a bare `apps/api` is every file under that directory to git and one file to picomatch; git has no
 * `{api,worker}` braces, extglobs or `!` negation; without `glob` magic git's `*` crosses `/`.
 * Both agree that `**` matches dotfiles (picomatch with `dot: true`). Pruning by literal base and
 * matching with picomatch gives exactly picomatch's answer, so open-promote-pr (which names the
 * apps a change touches from its file list) and tag-release agree on what touched an app.
 *
 * Returns [] when some glob has no literal base (`**\/*.sql`, a negation, an extglob): the whole
 * tree is listed then.
 */
export function prunePathspecs(paths: readonly string[]): string[] {
  const bases = new Set<string>();
  for (const p of paths) {
    const scan = picomatch.scan(p);
    const base = scan.base.replace(/\/+$/, '');
    if (scan.negated || scan.negatedExtglob || !base || base.includes('\\')) return [];
    bases.add(base);
  }
  // `top`: from the repository's root wherever git runs; `literal`: no magic in the base itself.
  return [...bases].sort().map((b) => `:(top,literal)${b}`);
}

/** Whether any of `files` belongs to the app (core's matcher). */
export function touchesApp(app: AppIdentity, files: readonly string[]): boolean {
  return appFiles(app, files).length > 0;
}
