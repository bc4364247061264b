import { useInfiniteQuery } from "@tanstack/react-query";
import type { ConversationFilters } from "@/modules/inbox/types/ConversationFilters";
import { conversationsQuery } from "@/modules/inbox/utils/conversationsQuery";

/** The conversation list for `filters`, a page at a time (latest activity first). */
export const useConversations = (filters: ConversationFilters) => useInfiniteQuery(conversationsQuery(filters));
