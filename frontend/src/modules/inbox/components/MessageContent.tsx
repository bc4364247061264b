import { FileText, MapPin, Smile } from "lucide-react";
import type { ChannelTemplate, Message } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useMessageMedia } from "@/modules/inbox/hooks/useMessageMedia";
import { renderTemplate } from "@/modules/inbox/utils/renderTemplate";

const MEDIA_TYPES = ["image", "sticker", "audio", "video", "document"];

export type MessageContentProps = { message: Message; templates?: ChannelTemplate[] };

const str = (value: unknown): string => (typeof value === "string" ? value : typeof value === "number" ? String(value) : "");

/** The body of a message, for every type a channel delivers (text, media, location, template...). */
export function MessageContent({ message, templates }: MessageContentProps) {
  const { t } = useI18n();
  const content = message.content ?? {};
  const media = useMessageMedia(message, MEDIA_TYPES.includes(message.type));
  const url = media.url ?? "";
  const caption = str(content.caption);
  const captionNode = caption ? <p className="message-caption">{caption}</p> : null;
  const unavailable = (kind: string) => (
    <p className="message-media-missing">{t(media.loading ? "message.mediaLoading" : "message.mediaUnavailable", { kind })}</p>
  );

  switch (message.type) {
    case "text":
      return <p className="message-text">{message.text}</p>;
    case "image":
      return (
        <figure className="message-media">
          {url ? <img src={url} alt={caption || t("message.image")} loading="lazy" /> : unavailable(t("message.image"))}
          {captionNode}
        </figure>
      );
    case "sticker":
      return url ? <img className="message-sticker" src={url} alt={t("message.sticker")} loading="lazy" /> : <p className="message-text">{t("message.sticker")} <Smile size={14} aria-hidden="true" /></p>;
    case "audio":
      return url ? <audio controls preload="none" src={url} aria-label={t("message.audio")} /> : unavailable(t("message.audio"));
    case "video":
      return (
        <figure className="message-media">
          {url ? <video controls preload="metadata" src={url} aria-label={caption || t("message.video")} /> : unavailable(t("message.video"))}
          {captionNode}
        </figure>
      );
    case "document": {
      const name = str(content.filename) || t("message.document");
      return (
        <div className="message-document">
          <FileText size={20} aria-hidden="true" />
          {url ? (
            <a href={url} target="_blank" rel="noreferrer noopener" download={url.startsWith("blob:") ? name : undefined}>
              {name}
            </a>
          ) : (
            <span>{media.loading ? t("message.mediaLoading", { kind: name }) : name}</span>
          )}
          {captionNode}
        </div>
      );
    }
    case "location": {
      const lat = str(content.latitude);
      const lng = str(content.longitude);
      const label = str(content.name) || str(content.address) || `${lat}, ${lng}`;
      return (
        <a className="message-location" href={`https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=16/${lat}/${lng}`} target="_blank" rel="noreferrer noopener">
          <MapPin size={18} aria-hidden="true" />
          <span>
            {label}
            {str(content.address) && str(content.name) && <span className="muted"> · {str(content.address)}</span>}
          </span>
        </a>
      );
    }
    case "contacts": {
      const people = Array.isArray(content.contacts) ? (content.contacts as Record<string, unknown>[]) : [];
      return (
        <p className="message-text">
          {t("message.contacts")}: {people.map((person) => str((person.name as Record<string, unknown> | undefined)?.formatted_name) || str(person.name)).filter(Boolean).join(", ")}
        </p>
      );
    }
    case "interactive":
    case "button":
      return <p className="message-text">{str(content.title) || str(content.payload) || message.text}</p>;
    case "template": {
      const template = templates?.find((item) => item.name === str(content.name) && (!content.language || item.language === str(content.language)));
      const variables = (content.variables ?? {}) as Record<string, string>;
      const rendered = template ? renderTemplate(template, variables) : null;
      return (
        <div className="message-template">
          <p className="message-template-name">{t("message.template", { name: str(content.name) })}</p>
          {rendered ? (
            <>
              {rendered.header && <p className="message-template-header">{rendered.header}</p>}
              <p className="message-text">{rendered.body}</p>
              {rendered.footer && <p className="muted">{rendered.footer}</p>}
            </>
          ) : (
            Object.keys(variables).length > 0 && <p className="message-text">{Object.values(variables).join(" · ")}</p>
          )}
        </div>
      );
    }
    case "system":
      return <p className="message-text">{str(content.body) || message.text}</p>;
    default:
      return <p className="message-text muted">{message.text || t("message.unsupported", { type: str(content.provider_type) || message.type })}</p>;
  }
}
