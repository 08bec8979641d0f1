// Lookups shared by route files: resolve or answer GitHub's 404/422.
import { HttpError } from '../errors.js';
import type { ItemBase, PullRecord } from '../state.js';
import type { EmulatorCore } from '../types.js';

/** A branch, tag or SHA to its commit, or GitHub's 422 "No commit found for SHA: x". */
export async function commitOr422(emu: EmulatorCore, ref: string): Promise<string> {
  const sha = await emu.git.resolveCommit(ref);
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

export async function commitOr404(emu: EmulatorCore, ref: string): Promise<string> {
  const sha = await emu.git.resolveCommit(ref);
  if (!sha) throw new HttpError(404, 'Not Found');
  return sha;
}

export function pullOr404(emu: EmulatorCore, number: number): PullRecord {
  const pull = emu.state.pulls.find((p) => p.number === number);
  if (!pull) throw new HttpError(404, 'Not Found');
  return pull;
}

/** Issues and pull requests share numbering; the issues API answers for both. */
export function itemOr404(emu: EmulatorCore, number: number): ItemBase {
  const item =
    emu.state.issues.find((i) => i.number === number) ??
    emu.state.pulls.find((p) => p.number === number);
  if (!item) throw new HttpError(404, 'Not Found');
  return item;
}

export function isSha(ref: string): boolean {
  return /^[0-9a-f]{40}$/.test(ref);
}
