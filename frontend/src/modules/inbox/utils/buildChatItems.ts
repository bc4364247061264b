import type { Message } from "@/api/schemas";
import { calendarDay } from "@/i18n/utils/calendarDay";
import type { ChatItem } from "@/modules/inbox/types/ChatItem";

const str = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * The chat's rows from the loaded history (newest first, as the API pages it): oldest first,
 * a separator per calendar day in `timeZone`, reactions attached to the message they target
 * (the latest reaction of each side wins; an empty emoji removes it), replies linked to the
 * message they answer.
 */
export function buildChatItems(newestFirst: Message[], timeZone: string): ChatItem[] {
  const chronological = [...newestFirst].reverse();
  const byProviderId = new Map<string, Message>();
  const reactions = new Map<string, Map<string, string>>();
  for (const message of chronological) {
    if (message.type !== "reaction") {
      if (message.provider_message_id) byProviderId.set(message.provider_message_id, message);
      continue;
    }
    const target = str(message.content.message_id);
    if (!target) continue;
    const byAuthor = reactions.get(target) ?? new Map<string, string>();
    byAuthor.set(message.direction, str(message.content.emoji));
    reactions.set(target, byAuthor);
  }

  const items: ChatItem[] = [];
  let lastDay = "";
  for (const message of chronological) {
    if (message.type === "reaction") continue;
    const day = calendarDay(message.created_at, timeZone);
    if (day !== lastDay) {
      items.push({ kind: "day", day, at: message.created_at });
      lastDay = day;
    }
    const emojis = message.provider_message_id ? [...(reactions.get(message.provider_message_id)?.values() ?? [])].filter(Boolean) : [];
    items.push({
      kind: "message",
      message,
      reactions: emojis,
      replyTo: message.reply_to ? (byProviderId.get(message.reply_to) ?? "missing") : null,
    });
  }
  return items;
}
