import { MessageSquarePlus } from "lucide-react";
import { useMemo, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import { CrmPanel } from "@/modules/crm/components/CrmPanel";
import { ChatView } from "@/modules/inbox/components/ChatView";
import { ConversationFiltersBar } from "@/modules/inbox/components/ConversationFiltersBar";
import { ConversationList } from "@/modules/inbox/components/ConversationList";
import { FirstRun } from "@/modules/inbox/components/FirstRun";
import { NewConversationDialog } from "@/modules/inbox/components/NewConversationDialog";
import { useConversation } from "@/modules/inbox/hooks/useConversation";
import { useConversations } from "@/modules/inbox/hooks/useConversations";
import { filtersFromParams } from "@/modules/inbox/utils/filtersFromParams";
import { IconButton } from "@/ui/IconButton";

/** /inbox and /inbox/:conversationId: the list, the open chat and its CRM panel (WhatsApp Web-like). */
export function InboxPage() {
  const { t } = useI18n();
  const { conversationId } = useParams();
  const [params] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const list = useConversations(filters);
  const conversation = useConversation(conversationId);
  const [detailsOpen, setDetailsOpen] = useState(() => globalThis.matchMedia?.("(min-width: 1200px)").matches ?? true);
  const [starting, setStarting] = useState(false);
  const firstRun = !conversationId && Object.keys(filters).length === 0 && list.data?.pages[0]?.items.length === 0;

  return (
    <div className={`inbox ${conversationId ? "has-chat" : ""} ${firstRun ? "first-run-mode" : ""} ${detailsOpen ? "details-open" : ""}`}>
      <section className="inbox-list" aria-label={t("inbox.conversations")}>
        <header className="pane-header">
          <h1>{t("nav.inbox")}</h1>
          <IconButton label={t("newConversation.title")} icon={<MessageSquarePlus size={20} aria-hidden="true" />} onClick={() => setStarting(true)} />
        </header>
        <ConversationFiltersBar />
        <ConversationList filters={filters} />
      </section>
      <div className="inbox-chat">
        {conversationId ? (
          <ChatView key={conversationId} conversationId={conversationId} detailsOpen={detailsOpen} onToggleDetails={() => setDetailsOpen((open) => !open)} />
        ) : firstRun ? (
          <FirstRun />
        ) : (
          <div className="chat-placeholder">
            <p className="muted">{t("inbox.pick")}</p>
          </div>
        )}
      </div>
      {conversationId && detailsOpen && conversation.data && (
        <div className="inbox-crm">
          <CrmPanel contactId={conversation.data.contact.id} conversationId={conversation.data.id} onClose={() => setDetailsOpen(false)} />
        </div>
      )}
      <NewConversationDialog open={starting} onClose={() => setStarting(false)} />
    </div>
  );
}
