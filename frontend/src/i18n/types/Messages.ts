import type { MessageKey } from "@/i18n/types/MessageKey";

/** A complete dictionary: a text for every key. */
export type Messages = Record<MessageKey, string>;
