import { ExternalLink, X } from "lucide-react";
import { Link } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import { AiHandoffSummary } from "@/modules/ai-conversation/components/AiHandoffSummary";
import { ActivityTimeline } from "@/modules/crm/components/ActivityTimeline";
import { ContactFields } from "@/modules/crm/components/ContactFields";
import { ContactNotes } from "@/modules/crm/components/ContactNotes";
import { ContactTags } from "@/modules/crm/components/ContactTags";
import { LeadOwnerSelect } from "@/modules/crm/components/LeadOwnerSelect";
import { LeadStatusSelect } from "@/modules/crm/components/LeadStatusSelect";
import { useContact } from "@/modules/crm/hooks/useContact";
import { IconButton } from "@/ui/IconButton";
import { Spinner } from "@/ui/Spinner";

export type CrmPanelProps = { contactId: string; onClose?: () => void; /** Beside a chat: that conversation's AI handoff summary. */ conversationId?: string };

/** The CRM beside a conversation: lead status, owner, tags, fields, notes and timeline. */
export function CrmPanel({ contactId, onClose, conversationId }: CrmPanelProps) {
  const { t } = useI18n();
  const contact = useContact(contactId);
  if (!contact.data) return <Spinner label={t("common.loading")} />;
  return (
    <aside className="crm-panel" aria-label={t("crm.panel")}>
      <header className="crm-header">
        <p className="crm-name">{contact.data.name || contact.data.phone || t("contact.unnamed")}</p>
        <Link to={`/contacts/${contactId}`} className="muted small">
          {t("crm.openContact")} <ExternalLink size={12} aria-hidden="true" />
        </Link>
        {onClose && <IconButton className="crm-close" label={t("common.close")} icon={<X size={18} aria-hidden="true" />} onClick={onClose} />}
      </header>
      {conversationId && <AiHandoffSummary conversationId={conversationId} />}
      <LeadStatusSelect contact={contact.data} />
      <LeadOwnerSelect contact={contact.data} />
      <ContactTags contact={contact.data} />
      <ContactFields contact={contact.data} />
      <ContactNotes contactId={contactId} />
      <ActivityTimeline contactId={contactId} />
    </aside>
  );
}
