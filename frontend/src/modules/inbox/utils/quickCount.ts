import type { Counters } from "@/api/schemas";

type View = "all" | "mine" | "unassigned" | "unread";

/**
 * How many conversations a quick view lists: under `status` when the list is filtered by one, else
 * under every status (resolved included, as the unfiltered list shows them).
 */
export function quickCount(counters: Pick<Counters, "by_status">, status: string | null, view: View): number {
  const byStatus = counters.by_status ?? {};
  const statuses = status && status in byStatus ? [status] : Object.keys(byStatus);
  return statuses.reduce((sum, key) => sum + (byStatus[key]?.[view] ?? 0), 0);
}
