import type { ConversationFilters } from "@/modules/inbox/types/ConversationFilters";

const STATUSES = ["open", "pending", "resolved"] as const;

/** The conversation filters written in the page's query string (so a filtered inbox is a link). */
export function filtersFromParams(params: URLSearchParams): ConversationFilters {
  const filters: ConversationFilters = {};
  const status = params.get("status");
  if (status && (STATUSES as readonly string[]).includes(status)) filters.status = status as ConversationFilters["status"];
  for (const key of ["channel_id", "assignee", "tag", "stage", "q"] as const) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const unread = params.get("unread");
  if (unread === "true" || unread === "false") filters.unread = unread === "true";
  return filters;
}
