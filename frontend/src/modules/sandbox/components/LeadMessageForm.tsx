import { type FormEvent, useState } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useInjectLeadMessage } from "@/modules/sandbox/hooks/useInjectLeadMessage";
import { Button } from "@/ui/Button";
import { TextField } from "@/ui/TextField";
import { useNotify } from "@/ui/toast/useNotify";

export type LeadMessageFormProps = {
  channelId: string;
  /** The lead's number and name (a conversation's contact), or editable when absent. */
  from?: string;
  name?: string;
  onSent?: () => void;
};

/** Write as a pretend lead through the sandbox channel (testing without WhatsApp). */
export function LeadMessageForm({ channelId, from, name, onSent }: LeadMessageFormProps) {
  const { t } = useI18n();
  const notify = useNotify();
  const inject = useInjectLeadMessage();
  const [text, setText] = useState(t("sandbox.defaultText"));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    inject.mutate(
      { channelId, from: from ?? String(form.get("from")), name: name ?? String(form.get("name") ?? ""), text },
      {
        onSuccess: () => {
          notify.success(t("sandbox.sent"));
          onSent?.();
        },
        onError: notify.error,
      },
    );
  };

  return (
    <form className="form" onSubmit={submit}>
      {from === undefined && <TextField label={t("sandbox.from")} name="from" defaultValue="+5511987654321" required />}
      {name === undefined && <TextField label={t("sandbox.name")} name="name" defaultValue="Maria Teste" />}
      <TextField label={t("sandbox.text")} value={text} onChange={(event) => setText(event.target.value)} required maxLength={4096} />
      <Button type="submit" variant="primary" busy={inject.isPending}>
        {t("sandbox.send")}
      </Button>
    </form>
  );
}
