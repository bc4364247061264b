import type { ConversationFilters } from "@/modules/inbox/types/ConversationFilters";

type Fields = { status: string; channel_id: string; assignee_id: string | null; unread_count: number };

/**
 * Whether a conversation with these fields may belong to a list with `filters`: false only when
 * a field proves it does not (search, tag and lead status are the server's to decide).
 */
export function mayMatchFilters(conversation: Fields, filters: ConversationFilters, meId: string | undefined): boolean {
  if (filters.status && conversation.status !== filters.status) return false;
  if (filters.channel_id && conversation.channel_id !== filters.channel_id) return false;
  if (filters.unread === true && conversation.unread_count === 0) return false;
  if (filters.unread === false && conversation.unread_count > 0) return false;
  if (filters.assignee === "unassigned" && conversation.assignee_id !== null) return false;
  if (filters.assignee === "me" && meId && conversation.assignee_id !== meId) return false;
  if (filters.assignee && !["me", "unassigned"].includes(filters.assignee) && conversation.assignee_id !== filters.assignee) return false;
  return true;
}
