// Concurrency groups, GitHub's rules:
// - at most one job (or run) in progress per group, and by default ONE pending: a newer pending
//   entry cancels the older pending one ("Canceling since a higher priority waiting request for
//   '<group>' exists");
// - `cancel-in-progress: true` cancels the one in progress when a new one arrives;
// - `queue: max` keeps up to 100 pending entries in arrival order instead (only with
//   cancel-in-progress false/unset). `queue: single` is the default.
// https://docs.github.com/en/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency
// https://github.blog/changelog/2026-05-07-github-actions-concurrency-groups-now-allow-larger-queues

export const MAX_QUEUE = 100;

export interface ConcurrencyEntry {
  /** called when the entry may start */
  start: () => void;
  /** called when GitHub cancels the entry (pending replaced, queue full, or in progress cancelled) */
  cancel: (message: string) => void;
}

interface Group {
  running?: ConcurrencyEntry;
  pending: ConcurrencyEntry[];
}

export interface ConcurrencyOptions {
  cancelInProgress?: boolean;
  queue?: 'single' | 'max';
}

export class ConcurrencyGroups {
  private readonly groups = new Map<string, Group>();

  /** Enters `entry` into `group`; it starts now or later, or is cancelled. Returns a release function. */
  enter(group: string, entry: ConcurrencyEntry, options: ConcurrencyOptions = {}): () => void {
    // Group names are case-insensitive on GitHub.
    const key = group.toLowerCase();
    let g = this.groups.get(key);
    if (!g) {
      g = { pending: [] };
      this.groups.set(key, g);
    }
    const message = `Canceling since a higher priority waiting request for '${group}' exists`;
    if (options.cancelInProgress) {
      for (const p of g.pending.splice(0)) p.cancel(message);
      g.running?.cancel(message);
    }
    const queueMax = options.queue === 'max' && !options.cancelInProgress;
    if (!g.running && g.pending.length === 0) {
      g.running = entry;
      entry.start();
    } else if (queueMax) {
      if (g.pending.length >= MAX_QUEUE) {
        entry.cancel(`The concurrency group '${group}' already has ${MAX_QUEUE} queued entries`);
      } else g.pending.push(entry);
    } else {
      for (const p of g.pending.splice(0)) p.cancel(message);
      g.pending.push(entry);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const current = this.groups.get(key);
      if (!current) return;
      if (current.running === entry) {
        current.running = current.pending.shift();
        current.running?.start();
      } else {
        const i = current.pending.indexOf(entry);
        if (i >= 0) current.pending.splice(i, 1);
      }
      if (!current.running && current.pending.length === 0) this.groups.delete(key);
    };
  }
}
