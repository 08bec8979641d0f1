// Issue events (GET /repos/{o}/{r}/issues/{n}/events), owned by the preflight-gates tests: the
// override audit asks who added the emergency label. Not in the shared registry yet; tests pass
// `routes: issueEventsRoutes` to startEmulator and record events with `recordLabelEvent`.
import { pageReply } from '../pagination.js';
import { simpleUser } from '../shapes/user.js';
import type { EmulatorCore, RouteTable } from '../types.js';
import { itemOr404 } from './lookup.js';

interface LabelEvent {
  id: number;
  issue_number: number;
  event: 'labeled' | 'unlabeled';
  label: string;
  actor: string;
  created_at: string;
}

const events = new WeakMap<EmulatorCore, LabelEvent[]>();

function eventsOf(emu: EmulatorCore): LabelEvent[] {
  let list = events.get(emu);
  if (!list) events.set(emu, (list = []));
  return list;
}

/** A person adds (or removes) a label: the label on the item and the event in its history. */
export function recordLabelEvent(
  emu: EmulatorCore,
  e: {
    issueNumber: number;
    label: string;
    actor: string;
    at?: string;
    event?: 'labeled' | 'unlabeled';
  },
): void {
  const item = itemOr404(emu, e.issueNumber);
  const kind = e.event ?? 'labeled';
  if (kind === 'labeled' && !item.labels.includes(e.label)) item.labels.push(e.label);
  if (kind === 'unlabeled') item.labels = item.labels.filter((l) => l !== e.label);
  eventsOf(emu).push({
    id: emu.nextId(),
    issue_number: e.issueNumber,
    event: kind,
    label: e.label,
    actor: e.actor,
    created_at: e.at ?? emu.now(),
  });
}

export const issueEventsRoutes: RouteTable = {
  'issues/list-events': (ctx) => {
    itemOr404(ctx.emu, ctx.params.issue_number as number);
    const list = eventsOf(ctx.emu).filter((e) => e.issue_number === ctx.params.issue_number);
    return pageReply(ctx, list, (e) => ({
      id: e.id,
      node_id: Buffer.from(`LE_${e.id}`).toString('base64'),
      url: `${ctx.emu.apiRepo}/issues/events/${e.id}`,
      actor: simpleUser(ctx.emu, e.actor),
      event: e.event,
      commit_id: null,
      commit_url: null,
      created_at: e.created_at,
      performed_via_github_app: null,
      label: { name: e.label, color: 'ededed' },
    }));
  },
};
