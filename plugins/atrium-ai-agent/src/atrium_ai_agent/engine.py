"""One reply of the language model: context, tool calls, and what the tools decided.

Shared by the conversation agent and the test chat (``dry_run``: nothing is
written outside the agent's own turn). The model reads the system prompt,
the persona, the lead, the qualification progress, knowledge retrieved for
the lead's last message and, near the end of the qualification, the results
of context tools (free calendar slots); it acts through tools, never by
having its prose parsed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from jsonschema import Draft202012Validator
from sqlalchemy.orm import Session

from atrium.plugins import AITool, AIToolContext, Problem, TenantRef, ai_tools, update_contact
from atrium_ai_agent import knowledge
from atrium_ai_agent.provider import chat
from atrium_ai_agent.qualification import progress_of
from atrium_ai_agent.settings import AgentConfig

log = logging.getLogger(__name__)

MAX_ROUNDS = 5
RULES = (
    "Regras: faça uma pergunta por mensagem e só avance de passo depois de uma resposta (registre-a com record_answer). "
    "Responda dúvidas só com o conhecimento abaixo ou com search_knowledge; não invente preços, datas nem condições. "
    "Se o lead pedir uma pessoa, ou você não puder ajudar, use handoff_to_human; se ele não tiver interesse, use mark_lost. "
    "Mensagens curtas e cordiais, próprias para WhatsApp."
)
MAX_ANSWER_LENGTH = 1000


@dataclass
class TurnResult:
    """The reply and everything the turn did."""

    reply: str = ""
    model: str | None = None
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    knowledge: list[dict[str, Any]] = field(default_factory=list)
    handoff: str | None = None
    lost: str | None = None
    booking: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def _builtin_specs(config: AgentConfig) -> list[dict[str, Any]]:
    def function(name: str, description: str, properties: dict[str, Any]) -> dict[str, Any]:
        parameters = {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }
        return {"type": "function", "function": {"name": name, "description": description, "parameters": parameters}}

    specs = [
        function(
            "search_knowledge",
            "Busca na base de conhecimento da empresa (cursos, preços, condições). Use antes de responder dúvidas.",
            {"query": {"type": "string", "description": "O que procurar"}},
        ),
        function(
            "handoff_to_human",
            "Passa a conversa para uma pessoa da equipe (o lead pediu, ou você não pode ajudar). Escreva também a mensagem final ao lead.",
            {"reason": {"type": "string", "description": "Por que a conversa vai para uma pessoa"}},
        ),
        function(
            "mark_lost",
            "Marca o lead como perdido (sem interesse, fora do perfil). Escreva também uma despedida cordial.",
            {"reason": {"type": "string", "description": "Por que o lead foi perdido"}},
        ),
    ]
    if config.steps:
        specs.insert(
            1,
            function(
                "record_answer",
                "Registra a resposta do lead a um passo da qualificação, com as palavras dele, antes de fazer a próxima pergunta.",
                {
                    "field": {
                        "type": "string",
                        "enum": [s.field for s in config.steps],
                        "description": "O campo do passo",
                    },
                    "value": {"type": "string", "description": "A resposta do lead"},
                },
            ),
        )
    return specs


class Turn:
    """One reply to the lead: call ``run(history)``."""

    def __init__(
        self,
        db: Session,
        config: AgentConfig,
        tenant: TenantRef,
        lead: dict[str, Any],
        *,
        conversation_id: uuid.UUID | None,
        booking: dict[str, Any] | None = None,
        dry_run: bool = False,
        purpose: str = "reply",
    ) -> None:
        self.db, self.config, self.tenant, self.lead = db, config, tenant, lead
        self.conversation_id, self.dry_run, self.purpose = conversation_id, dry_run, purpose
        self.result = TurnResult(booking=booking)
        self.plugin_tools: dict[str, AITool] = {t.name: t for t in ai_tools(tenant)}
        builtin = _builtin_specs(config)
        names = {s["function"]["name"] for s in builtin}
        self.specs = builtin + [t.openai_spec() for t in self.plugin_tools.values() if t.name not in names]

    # ------------------------------------------------------------------ context

    def _system_prompt(self, query: str) -> str:
        config, lead = self.config, self.lead
        progress = progress_of(config, self.lead.get("answers"))
        local = dt.datetime.now(zoneinfo.ZoneInfo(config.timezone))
        parts = [
            config.system_prompt.strip(),
            f"Você é {config.persona}. Agora são {local:%d/%m/%Y %H:%M} ({config.timezone}).",
            f"Lead: nome {lead.get('name') or 'não informado'}; interesse: {lead.get('interest') or 'não informado'}.",
            progress.describe(),
            RULES,
        ]
        if "book_meeting" in self.plugin_tools:
            parts.append(
                "Ofereça somente horários devolvidos por get_free_slots e marque com book_meeting quando o lead escolher um."
            )
        if self.result.booking:
            parts.append(f"Reunião já marcada: {json.dumps(self.result.booking, ensure_ascii=False, default=str)}.")
        hits = knowledge.search(self.db, config, query) if query else []
        self.result.knowledge = [h.as_dict() for h in hits]
        if hits:
            parts.append(
                "Conhecimento relevante:\n" + "\n".join(f"[{i}] {h.title}: {h.text}" for i, h in enumerate(hits, 1))
            )
        if (progress.at_last_step or progress.complete) and not self.result.booking:
            for tool in (t for t in self.plugin_tools.values() if t.in_context):
                found = self._call_plugin_tool(tool, {}, source="context")
                parts.append(f"Resultado de {tool.name}: {json.dumps(found, ensure_ascii=False, default=str)}")
        return "\n\n".join(p for p in parts if p)

    # ------------------------------------------------------------------ tools

    def _tool_context(self) -> AIToolContext:
        return AIToolContext(self.tenant, self.db, self.conversation_id, dict(self.lead), self.dry_run)

    def _call_plugin_tool(self, tool: AITool, arguments: dict[str, Any], source: str = "model") -> dict[str, Any]:
        errors = sorted(Draft202012Validator(tool.parameters).iter_errors(arguments), key=lambda e: list(e.path))
        if errors:
            result: dict[str, Any] = {"error": f"invalid arguments: {errors[0].message}"}
        else:
            try:
                with self.db.begin_nested():
                    result = tool.handler(self._tool_context(), arguments)
            except Problem as exc:
                result = {"error": exc.detail}
            except Exception:
                log.exception("AI tool failed", extra={"tool": tool.name})
                result = {"error": "the tool failed; do not retry it now"}
        if isinstance(result, dict) and isinstance(result.get("booking"), dict):
            self.result.booking = result["booking"]
        self.result.tool_calls.append({"name": tool.name, "arguments": arguments, "result": result, "source": source})
        return result

    def _record_answer(self, arguments: dict[str, Any]) -> dict[str, Any]:
        progress = progress_of(self.config, self.lead.get("answers"))
        step = progress.step_for_field(str(arguments.get("field")))
        value = str(arguments.get("value") or "").strip()[:MAX_ANSWER_LENGTH]
        if step is None or not value:
            return {"error": "field must be one of the steps' fields and value must not be empty"}
        if not self.dry_run:
            update_contact(
                self.db, uuid.UUID(self.lead["contact_id"]), custom_fields={step.field: value}, actor_type="ai"
            )
        self.lead.setdefault("answers", {})[step.field] = value
        upcoming = progress_of(self.config, self.lead["answers"]).next_step
        return {
            "recorded": step.field,
            "next_step": {"field": upcoming.field, "intent": upcoming.intent} if upcoming else None,
        }

    def _execute(self, name: str, raw: str) -> dict[str, Any]:
        try:
            arguments = json.loads(raw or "{}")
        except ValueError:
            arguments = None
        if not isinstance(arguments, dict):
            result: dict[str, Any] = {"error": "arguments must be a JSON object"}
            self.result.tool_calls.append({"name": name, "arguments": raw, "result": result, "source": "model"})
            return result
        if name in self.plugin_tools and name not in {
            "search_knowledge",
            "record_answer",
            "handoff_to_human",
            "mark_lost",
        }:
            return self._call_plugin_tool(self.plugin_tools[name], arguments)
        if name == "search_knowledge":
            hits = [h.as_dict() for h in knowledge.search(self.db, self.config, str(arguments.get("query") or ""))]
            known = {k["chunk_id"] for k in self.result.knowledge}
            self.result.knowledge += [h for h in hits if h["chunk_id"] not in known]
            result = {"results": [{"title": h["title"], "text": h["text"]} for h in hits]}
        elif name == "record_answer":
            result = self._record_answer(arguments)
        elif name in ("handoff_to_human", "mark_lost"):
            reason = str(arguments.get("reason") or "").strip()[:500] or "sem motivo informado"
            setattr(self.result, "handoff" if name == "handoff_to_human" else "lost", reason)
            self.result.notes.append(reason)
            result = {"ok": True, "next": "write the last message to the lead; a person takes over after it"}
        else:
            result = {"error": f"there is no tool named {name}"}
        self.result.tool_calls.append({"name": name, "arguments": arguments, "result": result, "source": "model"})
        return result

    # ------------------------------------------------------------------ the loop

    def run(self, history: list[dict[str, str]]) -> TurnResult:
        """Ask the model for the next message given ``history`` (``role``/``content``, oldest first).

        Raises ``ProviderUnavailable`` when the model and the fallback both fail.
        """
        query = next((m["content"] for m in reversed(history) if m["role"] == "user"), "")
        messages: list[dict[str, Any]] = [{"role": "system", "content": self._system_prompt(query)}, *history]
        for round_number in range(1, MAX_ROUNDS + 1):
            answer = chat(
                self.config,
                messages,
                self.specs,
                purpose=self.purpose,
                conversation_id=self.conversation_id,
                force_text=round_number == MAX_ROUNDS,
            )
            self.result.model = answer.model
            message = answer.message
            if not message.tool_calls:
                self.result.reply = (message.content or "").strip()
                return self.result
            messages.append(
                {
                    "role": "assistant",
                    "content": message.content or None,
                    "tool_calls": [
                        {
                            "id": c.id,
                            "type": "function",
                            "function": {"name": c.function.name, "arguments": c.function.arguments},
                        }
                        for c in message.tool_calls
                    ],
                }
            )
            for call in message.tool_calls:
                result = self._execute(call.function.name, call.function.arguments)
                messages.append(
                    {
                        "role": "tool",
                        "tool_call_id": call.id,
                        "content": json.dumps(result, ensure_ascii=False, default=str),
                    }
                )
        return self.result
