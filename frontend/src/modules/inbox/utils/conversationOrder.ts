type Ordered = { id: string; last_message_at: string | null };

const time = (value: string | null) => (value ? Date.parse(value) : 0);

/** The list order of conversations: latest activity first, then id (as the API sorts them). */
export function conversationOrder(a: Ordered, b: Ordered): number {
  const difference = time(b.last_message_at) - time(a.last_message_at);
  if (difference !== 0) return difference;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
