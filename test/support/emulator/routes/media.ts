// Raw media types: `Accept: application/vnd.github.diff` (or .patch) on compare and pull requests.
import type { EmulatorCore, Reply, RouteContext } from '../types.js';

export function rawFormat(ctx: RouteContext): 'diff' | 'patch' | undefined {
  const m = /vnd\.github(?:\.v3)?\.(diff|patch)/.exec(ctx.accept);
  return m?.[1] as 'diff' | 'patch' | undefined;
}

/** The diff (git diff base..head) or patch series (git format-patch) between a merge base and a head. */
export async function rawReply(
  emu: EmulatorCore,
  format: 'diff' | 'patch',
  mergeBase: string,
  head: string,
): Promise<Reply> {
  const text =
    format === 'diff'
      ? await emu.git.run(['diff', '--no-color', '--no-renames', '--full-index', mergeBase, head])
      : await emu.git.run(['format-patch', '--stdout', '--no-color', `${mergeBase}..${head}`]);
  return {
    status: 200,
    body: text,
    headers: { 'content-type': `application/vnd.github.${format}; charset=utf-8` },
  };
}
