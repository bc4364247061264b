import { Bot, RotateCcw, Send, User } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { ApiError } from "@/api/ApiError";
import { useI18n } from "@/i18n/hooks/useI18n";
import { KnowledgeHitList } from "@/modules/ai/components/KnowledgeHitList";
import { ToolCallList } from "@/modules/ai/components/ToolCallList";
import { useAiTestChat } from "@/modules/ai/hooks/useAiTestChat";
import type { AiChatEntry } from "@/modules/ai/types/AiChatEntry";
import { newUid } from "@/modules/ai/utils/newUid";
import { readTestChatResult } from "@/modules/ai/utils/readTestChatResult";
import { Button } from "@/ui/Button";
import { TextAreaField } from "@/ui/TextAreaField";
import { TextField } from "@/ui/TextField";

/**
 * A chat with the agent as a simulated lead (name and interest): the transcript lives in this
 * page only and goes whole to `POST /ai/test-chat` for each reply; nothing reaches a channel.
 * Each reply shows the model that wrote it, the tools it called and the knowledge it retrieved.
 */
export function AiTestChat() {
  const { t } = useI18n();
  const chat = useAiTestChat();
  const [leadName, setLeadName] = useState("");
  const [interest, setInterest] = useState("");
  const [draft, setDraft] = useState("");
  const [entries, setEntries] = useState<AiChatEntry[]>([]);
  const log = useRef<HTMLDivElement>(null);

  useEffect(() => {
    log.current?.scrollTo?.({ top: log.current.scrollHeight });
  }, [entries, chat.isPending]);

  const ask = (transcript: AiChatEntry[]) => {
    chat.mutate(
      {
        messages: transcript.map(({ role, content }) => ({ role, content })),
        lead: { name: leadName.trim() || null, interest: interest.trim() || null },
      },
      {
        onSuccess: (result) => {
          const { reply, model, toolCalls, knowledge } = readTestChatResult(result);
          setEntries([...transcript, { id: newUid("reply"), role: "assistant", content: reply, model, toolCalls, knowledge }]);
        },
      },
    );
  };

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    const content = draft.trim();
    if (!content || chat.isPending) return;
    const transcript: AiChatEntry[] = [...entries, { id: newUid("lead"), role: "user", content }];
    setEntries(transcript);
    setDraft("");
    ask(transcript);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) send(event);
  };

  const restart = () => {
    chat.reset();
    setEntries([]);
    setDraft("");
  };

  const failed = chat.isError && entries.at(-1)?.role === "user";
  const errorText = chat.error instanceof ApiError ? (chat.error.code === "ai_provider_unavailable" ? t("ai.test.providerDown") : chat.error.message) : t("error.network");

  return (
    <div className="ai-test">
      <section className="card ai-test-lead" aria-labelledby="ai-test-lead">
        <h2 id="ai-test-lead">{t("ai.test.lead")}</h2>
        <p className="muted small">{t("ai.test.intro")}</p>
        <TextField label={t("ai.test.leadName")} value={leadName} maxLength={200} onChange={(event) => setLeadName(event.target.value)} />
        <TextField label={t("ai.test.interest")} hint={t("ai.test.interestHint")} value={interest} maxLength={500} onChange={(event) => setInterest(event.target.value)} />
        <Button onClick={restart} disabled={entries.length === 0 && !chat.isError}>
          <RotateCcw size={16} aria-hidden="true" /> {t("ai.test.restart")}
        </Button>
      </section>
      <section className="card ai-test-chat" aria-label={t("ai.test.chat")}>
        <div className="ai-chat-log" role="log" aria-label={t("ai.test.messages")} ref={log}>
          {entries.length === 0 && <p className="muted center">{t("ai.test.empty")}</p>}
          {entries.map((entry) => (
            <article key={entry.id} className={`ai-chat-entry ai-chat-${entry.role}`} aria-label={entry.role === "user" ? t("ai.test.fromLead") : t("ai.test.fromAgent")}>
              <p className="ai-chat-author">
                {entry.role === "user" ? <User size={14} aria-hidden="true" /> : <Bot size={14} aria-hidden="true" />}{" "}
                {entry.role === "user" ? leadName.trim() || t("ai.test.leadDefault") : t("ai.test.agent")}
              </p>
              <p className="ai-chat-text">{entry.content}</p>
              {entry.role === "assistant" && (
                <div className="ai-chat-meta">
                  <p className="small">
                    {t("ai.test.model")}: <code data-testid="ai-reply-model">{entry.model}</code>
                  </p>
                  <details className="ai-disclosure">
                    <summary>{t("ai.test.toolsCount", { count: entry.toolCalls?.length ?? 0 })}</summary>
                    <ToolCallList calls={entry.toolCalls ?? []} />
                  </details>
                  <details className="ai-disclosure">
                    <summary>{t("ai.test.knowledgeCount", { count: entry.knowledge?.length ?? 0 })}</summary>
                    <KnowledgeHitList hits={entry.knowledge ?? []} />
                  </details>
                </div>
              )}
            </article>
          ))}
          {chat.isPending && (
            <p className="muted small" role="status">
              {t("ai.test.thinking")}
            </p>
          )}
        </div>
        {failed && (
          <div className="form-error ai-chat-error" role="alert">
            <span>{errorText}</span>
            <Button size="sm" onClick={() => ask(entries)}>
              {t("ai.test.retry")}
            </Button>
          </div>
        )}
        <form className="ai-chat-composer" onSubmit={send}>
          <TextAreaField
            label={t("ai.test.message")}
            hint={t("ai.test.messageHint")}
            rows={2}
            maxLength={4096}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <Button type="submit" variant="primary" busy={chat.isPending} disabled={!draft.trim()}>
            <Send size={16} aria-hidden="true" /> {t("ai.test.send")}
          </Button>
        </form>
      </section>
    </div>
  );
}
