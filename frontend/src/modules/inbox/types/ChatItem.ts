import type { Message } from "@/api/schemas";

/** A row of the chat: a day separator or a message with its reactions and the message it answers. */
export type ChatItem =
  | { kind: "day"; day: string; at: string }
  | {
      kind: "message";
      message: Message;
      /** Reactions others put on this message (emoji, newest per author). */
      reactions: string[];
      /** The message answered: found, "missing" when it is not loaded, null when not a reply. */
      replyTo: Message | "missing" | null;
    };
