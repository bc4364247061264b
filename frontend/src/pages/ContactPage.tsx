import { ArrowLeft, Download, Trash2 } from "lucide-react";
import { Link, useNavigate, useParams } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useMe } from "@/modules/auth/hooks/useMe";
import { useContactPrivacy } from "@/modules/contacts/hooks/useContactPrivacy";
import { ActivityTimeline } from "@/modules/crm/components/ActivityTimeline";
import { ContactFields } from "@/modules/crm/components/ContactFields";
import { ContactNotes } from "@/modules/crm/components/ContactNotes";
import { ContactTags } from "@/modules/crm/components/ContactTags";
import { LeadOwnerSelect } from "@/modules/crm/components/LeadOwnerSelect";
import { LeadStatusSelect } from "@/modules/crm/components/LeadStatusSelect";
import { useContact } from "@/modules/crm/hooks/useContact";
import { hasRole } from "@/modules/layout/utils/hasRole";
import { Button } from "@/ui/Button";
import { useConfirm } from "@/ui/confirm/useConfirm";
import { EmptyState } from "@/ui/EmptyState";
import { Spinner } from "@/ui/Spinner";
import { useNotify } from "@/ui/toast/useNotify";

/** /contacts/:contactId: a contact's CRM record, identities, attribution and LGPD actions. */
export function ContactPage() {
  const { t } = useI18n();
  const { contactId = "" } = useParams();
  const contact = useContact(contactId);
  const me = useMe();
  const confirm = useConfirm();
  const notify = useNotify();
  const navigate = useNavigate();
  const { exportData, erase } = useContactPrivacy(contactId);
  const admin = hasRole(me.data?.role, "admin");

  if (contact.isError) return <EmptyState title={t("contacts.notFound")} />;
  if (!contact.data) return <Spinner label={t("common.loading")} />;
  const data = contact.data;
  const name = data.name || data.phone || data.email || t("contact.unnamed");

  const eraseContact = async () => {
    const ok = await confirm({ title: t("contacts.eraseTitle", { name }), body: t("contacts.eraseBody"), confirmLabel: t("contacts.erase"), destructive: true });
    if (!ok) return;
    erase.mutate(undefined, {
      onSuccess: () => {
        notify.success(t("contacts.erased"));
        navigate("/contacts", { replace: true });
      },
      onError: notify.error,
    });
  };

  return (
    <div className="page contact-page">
      <header className="page-header">
        <Link to="/contacts" className="icon-btn" aria-label={t("contacts.back")} title={t("contacts.back")}>
          <ArrowLeft size={20} aria-hidden="true" />
        </Link>
        <h1>{name}</h1>
        {admin && (
          <div className="row">
            <Button size="sm" busy={exportData.isPending} onClick={() => exportData.mutate(undefined, { onError: notify.error })}>
              <Download size={14} aria-hidden="true" /> {t("contacts.export")}
            </Button>
            <Button size="sm" variant="danger" busy={erase.isPending} onClick={() => void eraseContact()}>
              <Trash2 size={14} aria-hidden="true" /> {t("contacts.erase")}
            </Button>
          </div>
        )}
      </header>
      <div className="contact-grid">
        <section className="card" aria-label={t("contacts.details")}>
          <LeadStatusSelect contact={data} />
          <LeadOwnerSelect contact={data} />
          <ContactTags contact={data} />
          <ContactFields contact={data} />
          {data.identities.length > 0 && (
            <>
              <h3 className="crm-heading">{t("contacts.identities")}</h3>
              <ul className="plain-list">
                {data.identities.map((identity) => (
                  <li key={`${identity.kind}:${identity.value}`}>
                    <span className="muted">{identity.kind}</span> {identity.value}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.attribution && Object.keys(data.attribution).length > 0 && (
            <>
              <h3 className="crm-heading">{t("contacts.attribution")}</h3>
              <dl className="definition">
                {Object.entries(data.attribution).map(([key, value]) => (
                  <div key={key} className="definition-row">
                    <dt>{key}</dt>
                    <dd>{String(value)}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </section>
        <section className="card">
          <ContactNotes contactId={contactId} />
        </section>
        <section className="card">
          <ActivityTimeline contactId={contactId} />
        </section>
      </div>
    </div>
  );
}
