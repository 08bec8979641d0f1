import type { Review } from './facts.js';

// Apart from approvals.ts (which reads YAML state files) so that the gates that count approvals
// do not load the YAML parser (issue #18).

/** Latest decisive review per reviewer (a later comment does not undo an approval). */
export function latestReviews(reviews: readonly Review[]): Map<string, string> {
  const latest = new Map<string, string>();
  const sorted = [...reviews].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  for (const r of sorted) {
    if (r.state === 'COMMENTED' || r.state === 'PENDING') continue;
    latest.set(r.user, r.state);
  }
  return latest;
}

export function approvers(reviews: readonly Review[], author: string): string[] {
  return [...latestReviews(reviews)]
    .filter(([u, s]) => s === 'APPROVED' && u !== author)
    .map(([u]) => u);
}
