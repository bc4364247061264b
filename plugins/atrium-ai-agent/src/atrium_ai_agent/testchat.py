"""The test chat: the agent's next reply to a simulated lead, with nothing sent and nothing booked.

The same engine as real conversations runs with ``dry_run``: answers are kept
in memory, plugin tools are told not to change anything, and no message
reaches any channel. Provider calls are recorded as ``test_chat`` usage.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from atrium.plugins import Problem, TenantRef
from atrium_ai_agent import knowledge, scripted
from atrium_ai_agent.engine import Turn
from atrium_ai_agent.provider import ProviderUnavailable
from atrium_ai_agent.qualification import progress_of
from atrium_ai_agent.settings import AgentConfig


class ProviderDown(Problem):
    """The model and the fallback model both failed."""

    status, code, title = 503, "ai_provider_unavailable", "AI provider unavailable"


def simulate_reply(
    db: Session, config: AgentConfig, tenant: TenantRef, messages: list[dict[str, str]], lead: dict[str, Any]
) -> dict[str, Any]:
    """``{"reply", "model", "tool_calls", "knowledge"}`` for the transcript ``messages`` (the lead's last)."""
    if config.has_provider:
        simulated = {
            "contact_id": None,
            "name": lead.get("name"),
            "phone": None,
            "email": None,
            "interest": lead.get("interest"),
            "answers": {},
        }
        answers, _, _ = scripted.replay(config, messages)
        simulated["answers"] = answers
        turn = Turn(db, config, tenant, simulated, conversation_id=None, dry_run=True, purpose="test_chat")
        try:
            result = turn.run(messages)
        except ProviderUnavailable as exc:
            raise ProviderDown(f"the model and the fallback model failed ({exc})") from exc
        return {
            "reply": result.reply,
            "model": result.model,
            "tool_calls": result.tool_calls,
            "knowledge": result.knowledge,
        }
    answers, asked, greeted = scripted.replay(config, messages)
    last = messages[-1]["content"]
    step = scripted.scripted_turn(config, progress_of(config, answers), lead.get("name"), asked, last, greeted)
    tool_calls = []
    if step.answer:
        tool_calls.append(
            {
                "name": "record_answer",
                "arguments": {"field": step.answer[0], "value": step.answer[1]},
                "result": {"recorded": step.answer[0]},
                "source": "scripted",
            }
        )
    if step.complete:
        tool_calls.append(
            {
                "name": "handoff_to_human",
                "arguments": {"reason": "qualificação concluída"},
                "result": {"ok": True},
                "source": "scripted",
            }
        )
    hits = [h.as_dict() for h in knowledge.search(db, config, last)]
    return {"reply": step.reply, "model": scripted.MODEL, "tool_calls": tool_calls, "knowledge": hits}
