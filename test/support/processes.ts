// The processes a test started, found by parentage in /proc (Linux), so a test kills exactly its
// own tree: never `pkill -f <pattern>`, which also hits another test's (or another user's)
// process whose command line happens to match.
import { readdirSync, readFileSync } from 'node:fs';
import { waitUntil } from './wait.js';

/** pid, parent pid and state from /proc/<pid>/stat (the name in parentheses may hold spaces). */
function stat(pid: number): { ppid: number; state: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(ppid), state: state ?? '' };
  } catch {
    return undefined; // gone
  }
}

/** Every live descendant of `pid` (children, their children, ...), parents before children. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (!s) continue;
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  while (queue.length) {
    const next = queue.shift()!;
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

/** True while `pid` runs (a zombie waiting to be reaped has stopped running). */
export function isRunning(pid: number): boolean {
  const s = stat(pid);
  return s !== undefined && s.state !== 'Z';
}

const signal = (pid: number, sig: NodeJS.Signals) => {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
};

/**
 * SIGKILL `pid` and everything it started, as a runner machine that vanishes takes its processes
 * with it (children in their own process groups included). The tree is frozen first (SIGSTOP,
 * until no new child appears), so nothing forks while it is killed and nothing is reparented
 * away unseen. Returns the pids killed.
 */
export function killTree(pid: number): number[] {
  const frozen = new Set<number>();
  for (;;) {
    const found = [pid, ...descendants(pid)].filter((p) => !frozen.has(p));
    if (found.length === 0) break;
    for (const p of found) {
      signal(p, 'SIGSTOP');
      frozen.add(p);
    }
  }
  for (const p of frozen) signal(p, 'SIGKILL');
  return [...frozen];
}

/** Resolves when none of `pids` runs any more; fails after the wait bound naming those left. */
export async function waitForExit(pids: number[], what: string): Promise<void> {
  await waitUntil(() => pids.every((p) => !isRunning(p)), what, {
    detail: () => `still running: ${pids.filter(isRunning).join(', ')}`,
  });
}
