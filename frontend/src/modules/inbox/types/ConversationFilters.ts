/** The conversation list's filters, as GET /api/v1/conversations takes them (all optional). */
export type ConversationFilters = {
  status?: "open" | "pending" | "resolved";
  channel_id?: string;
  assignee?: string; // "me", "unassigned" or a user id
  tag?: string;
  unread?: boolean;
  stage?: string;
  q?: string;
};
