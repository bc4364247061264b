import { useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { TemplateForm } from "@/modules/inbox/components/TemplateForm";
import { useStartConversation } from "@/modules/inbox/hooks/useStartConversation";
import { useChannels } from "@/modules/workspace/hooks/useChannels";
import { Dialog } from "@/ui/Dialog";
import { SelectField } from "@/ui/SelectField";
import { TextField } from "@/ui/TextField";
import { useNotify } from "@/ui/toast/useNotify";

export type NewConversationDialogProps = { open: boolean; onClose: () => void };

/** Write first to a phone number: choose the channel, the number and an approved template. */
export function NewConversationDialog({ open, onClose }: NewConversationDialogProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const notify = useNotify();
  const channels = useChannels();
  const start = useStartConversation();
  const [channelId, setChannelId] = useState("");
  const [phone, setPhone] = useState("");
  const [name, setName] = useState("");
  const channel = channelId || channels.data?.[0]?.id || "";
  const fieldError = (field: string) => (start.error instanceof ApiError ? start.error.fieldMessage(field) : undefined);

  return (
    <Dialog open={open} title={t("newConversation.title")} onClose={onClose} closeLabel={t("common.close")} size="lg">
      {channels.data?.length === 0 ? (
        <p className="muted">{t("newConversation.noChannel")}</p>
      ) : (
        <div className="form">
          <SelectField
            label={t("inbox.channel")}
            value={channel}
            onChange={(event) => setChannelId(event.target.value)}
            options={(channels.data ?? []).map((item) => ({ value: item.id, label: `${item.name} (${item.type})` }))}
          />
          <TextField label={t("contact.phone")} type="tel" value={phone} required placeholder="+55 11 98765-4321" error={fieldError("phone")} onChange={(event) => setPhone(event.target.value)} />
          <TextField label={t("contact.name")} value={name} onChange={(event) => setName(event.target.value)} />
          {channel && (
            <TemplateForm
              key={channel}
              channelId={channel}
              submitLabel={t("newConversation.send")}
              busy={start.isPending}
              onSubmit={(template) =>
                start.mutate(
                  { channel_id: channel, phone, name: name || undefined, template },
                  {
                    onSuccess: (result) => {
                      onClose();
                      navigate(`/inbox/${result.conversation.id}`);
                    },
                    onError: (error) => !(error instanceof ApiError && error.fieldErrors.length > 0) && notify.error(error),
                  },
                )
              }
            />
          )}
        </div>
      )}
    </Dialog>
  );
}
