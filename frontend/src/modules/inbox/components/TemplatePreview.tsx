import type { RenderedTemplate } from "@/modules/inbox/utils/renderTemplate";
import { useI18n } from "@/i18n/hooks/useI18n";

/** How the contact will read the template, updated as the variables are typed. */
export function TemplatePreview({ rendered }: { rendered: RenderedTemplate }) {
  const { t } = useI18n();
  return (
    <section className="template-preview" aria-label={t("template.preview")} aria-live="polite">
      <h3 className="sr-only">{t("template.preview")}</h3>
      <div className="bubble bubble-out">
        {rendered.header && <p className="message-template-header">{rendered.header}</p>}
        <p className="message-text" data-testid="template-preview-body">
          {rendered.body}
        </p>
        {rendered.footer && <p className="muted">{rendered.footer}</p>}
        {rendered.buttons.length > 0 && (
          <ul className="template-buttons">
            {rendered.buttons.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
