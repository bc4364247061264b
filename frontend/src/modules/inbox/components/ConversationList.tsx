import { useCallback, useMemo, useRef } from "react";
import { useLocation } from "react-router";
import { useOnVisible } from "@/hooks/useOnVisible";
import { useI18n } from "@/i18n/hooks/useI18n";
import { ConversationListItem } from "@/modules/inbox/components/ConversationListItem";
import { useConversations } from "@/modules/inbox/hooks/useConversations";
import type { ConversationFilters } from "@/modules/inbox/types/ConversationFilters";
import { EmptyState } from "@/ui/EmptyState";
import { Spinner } from "@/ui/Spinner";

/** The conversations matching `filters`, newest activity first, more loaded on scroll. */
export function ConversationList({ filters }: { filters: ConversationFilters }) {
  const { t } = useI18n();
  const { search } = useLocation();
  const query = useConversations(filters);
  const end = useRef<HTMLLIElement>(null);
  const conversations = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const loadMore = useCallback(() => {
    if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  }, [query]);
  useOnVisible(end, loadMore, Boolean(query.hasNextPage));

  if (query.isPending) return <Spinner label={t("common.loading")} />;
  if (query.isError) return <EmptyState title={t("error.generic")} />;
  if (conversations.length === 0) return <EmptyState title={t(Object.keys(filters).length === 0 ? "inbox.empty" : "inbox.noMatch")} />;

  return (
    <ul className="conversation-list" aria-label={t("inbox.conversations")}>
      {conversations.map((conversation) => (
        <ConversationListItem key={conversation.id} conversation={conversation} search={search} />
      ))}
      <li ref={end} className="list-end">
        {query.isFetchingNextPage ? (
          <Spinner label={t("common.loading")} />
        ) : query.hasNextPage ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={loadMore}>
            {t("common.loadMore")}
          </button>
        ) : null}
      </li>
    </ul>
  );
}
