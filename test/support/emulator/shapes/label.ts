import type { LabelRecord } from '../state.js';
import type { EmulatorCore } from '../types.js';

const PALETTE = ['d73a4a', '0075ca', 'cfd3d7', 'a2eeef', '7057ff', '008672', 'e4e669', 'd876e3'];

/** The repository label called `name`, created on first use as GitHub does when labelling. */
export function ensureLabel(emu: EmulatorCore, name: string): LabelRecord {
  const existing = emu.state.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (existing) return existing;
  const label = {
    id: emu.nextId(),
    name,
    color: PALETTE[emu.state.labels.length % PALETTE.length] as string,
    description: null,
    default: false,
  };
  emu.state.labels.push(label);
  return label;
}

export function labelShape(emu: EmulatorCore, name: string, nullDescription = true) {
  const l = ensureLabel(emu, name);
  return {
    id: l.id,
    node_id: Buffer.from(`05:Label${l.id}`).toString('base64'),
    url: `${emu.apiRepo}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    // pull-request-simple documents description as a non-null string
    description: nullDescription ? l.description : (l.description ?? ''),
    color: l.color,
    default: l.default,
  };
}
