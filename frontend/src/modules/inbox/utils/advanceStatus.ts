const RANK: Record<string, number> = { scheduled: 0, queued: 1, sending: 2, sent: 3, delivered: 4, read: 5 };

/**
 * The status to keep when `next` arrives for a message at `current`: statuses only move forward
 * (a late "sent" never undoes "read"); "failed" replaces anything before "delivered".
 */
export function advanceStatus(current: string, next: string): string {
  if (next === current) return current;
  if (next === "failed") return (RANK[current] ?? 0) >= RANK.delivered ? current : "failed";
  if (current === "failed") return (RANK[next] ?? 0) >= RANK.delivered ? next : current;
  if (!(next in RANK)) return next; // a status we do not know: the server knows better
  return (RANK[next] ?? 0) > (RANK[current] ?? -1) ? next : current;
}
