"""Answering a lead's message in a conversation (run by the ``reply_to_message`` job, never in a webhook).

For each inbound message, in one transaction holding a per-conversation
advisory lock (so two jobs for one conversation take turns, while the inbox
keeps writing to it):

1. at most one reply per inbound message (``ai_agent_replies``), and only the
   lead's latest message is answered (a burst gets one answer);
2. the agent must be active on the conversation, or take it over: a new
   conversation on a channel listed in ``channel_ids`` that no person answered;
3. an opt-out keyword switches it off for the contact and hands off;
4. outside business hours it sends ``outside_hours_message`` (at most every
   12 hours) or stays silent;
5. at most ``max_replies_per_hour`` replies per conversation;
6. the reply comes from the language model with tools (``engine``), or from
   the scripted flow when no provider is configured;
7. nothing empty, nothing equal to the previous AI message, nothing after a
   person switched the agent off meanwhile, is sent.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from atrium.plugins import (
    NotFound,
    Problem,
    conversation_info,
    conversation_messages,
    current_tenant,
    send_text,
    set_conversation_ai,
    tenant_session,
    update_contact,
)
from atrium_ai_agent import scripted
from atrium_ai_agent.engine import Turn
from atrium_ai_agent.handoff import hand_off
from atrium_ai_agent.knowledge import fold
from atrium_ai_agent.models import AgentConversation, OptOut, Reply
from atrium_ai_agent.provider import ProviderUnavailable
from atrium_ai_agent.settings import AgentConfig, load_config
from atrium_ai_agent.state import lead_of, now, opted_out, progress_for, reactivate, settle_status, state_of

log = logging.getLogger(__name__)

HISTORY = 20
OUTSIDE_HOURS_EVERY = dt.timedelta(hours=12)
COUNTED = ("sent", "outside_hours")


def lock_conversation(db: Session, conversation_id: str | uuid.UUID) -> None:
    """Serialise the agent's work on one conversation until the transaction ends."""
    db.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": f"ai-agent:{conversation_id}"})


def opt_out_keyword(config: AgentConfig, message: str | None) -> str | None:
    """The opt-out keyword ``message`` contains as a word (case and accents ignored), if any."""
    words = set(re.findall(r"\w+", fold(message or "")))
    return next((k for k in config.opt_out_keywords if fold(k).strip() in words), None)


def as_chat(message: dict[str, Any]) -> dict[str, str]:
    """A stored message as a chat message for the model."""
    content = message["text"] or (
        f"[template: {message['content'].get('name')}]" if message["type"] == "template" else f"[{message['type']}]"
    )
    return {"role": "user" if message["direction"] == "inbound" else "assistant", "content": content}


def _record(
    db: Session, message_id: str, conversation_id: str, outcome: str, sent: dict | None = None, model: str | None = None
) -> str:
    db.add(
        Reply(
            inbound_message_id=uuid.UUID(message_id),
            conversation_id=uuid.UUID(conversation_id),
            outcome=outcome,
            message_id=uuid.UUID(sent["id"]) if sent else None,
            model=model,
        )
    )
    db.flush()
    return outcome


def _replies_since(db: Session, conversation_id: str, since: dt.datetime, outcomes: tuple[str, ...]) -> int:
    return db.scalar(
        select(func.count())
        .select_from(Reply)
        .where(
            Reply.conversation_id == uuid.UUID(conversation_id),
            Reply.created_at > since,
            Reply.outcome.in_(outcomes),
            Reply.message_id.is_not(None),
        )
    )


def _may_take_over(
    db: Session, config: AgentConfig, conversation: dict, state: AgentConversation | None, history: list[dict]
) -> bool:
    """A new conversation on an auto channel that no person has answered, with a contact who did not opt out."""
    if state is not None or uuid.UUID(conversation["channel_id"]) not in config.channel_ids:
        return False
    if any(m["direction"] == "outbound" and m["author_type"] == "agent" for m in history):
        return False
    return not opted_out(db, conversation["contact"]["id"])


def answer_message(message_id: str, conversation_id: str) -> str:
    """Handle one inbound message of the current company's conversation; returns what was done."""
    with tenant_session(current_tenant().schema) as db:
        lock_conversation(db, conversation_id)
        if db.get(Reply, uuid.UUID(message_id)) is not None:
            return "duplicate"
        try:
            conversation = conversation_info(db, uuid.UUID(conversation_id))
        except NotFound:
            return "gone"
        config = load_config(db)
        history = conversation_messages(db, uuid.UUID(conversation_id), limit=HISTORY)
        inbound = [m for m in history if m["direction"] == "inbound"]
        if not inbound or inbound[-1]["id"] != message_id:
            return "superseded"
        state = state_of(db, conversation, create=False)
        if not conversation["ai_active"]:
            if not _may_take_over(db, config, conversation, state, history):  # noted where the agent worked before
                return _record(db, message_id, conversation_id, "inactive") if state is not None else "inactive"
            conversation = set_conversation_ai(db, uuid.UUID(conversation_id), True, actor_type="system")
        state = state or state_of(db, conversation)
        if state.handed_off_at is not None:  # a person switched the agent on again
            reactivate(db, state)
        return _respond(db, config, conversation, state, history, inbound[-1])


def _respond(
    db: Session, config: AgentConfig, conversation: dict, state: AgentConversation, history: list[dict], inbound: dict
) -> str:
    message_id, conversation_id = inbound["id"], conversation["id"]
    keyword = opt_out_keyword(config, inbound["text"])
    if keyword or opted_out(db, state.contact_id):  # this message, or earlier in another conversation
        if keyword and not opted_out(db, state.contact_id):
            db.add(OptOut(contact_id=state.contact_id, keyword=keyword[:50]))
        hand_off(
            db,
            config,
            uuid.UUID(conversation_id),
            reason=f"opt-out: {keyword or 'pedido anterior'}",
            by="contact",
            by_id=state.contact_id,
            status="opted_out",
        )
        return _record(db, message_id, conversation_id, "opted_out")
    at = now()
    if not config.within_business_hours(at):
        recent = _replies_since(db, conversation_id, at - OUTSIDE_HOURS_EVERY, ("outside_hours",))
        if config.outside_hours == "reply" and not recent:
            return _send(db, conversation_id, message_id, config.outside_hours_message, "outside_hours", history, None)
        return _record(db, message_id, conversation_id, "outside_hours")
    if _replies_since(db, conversation_id, at - dt.timedelta(hours=1), COUNTED) >= config.max_replies_per_hour:
        log.info("AI reply cap reached", extra={"conversation_id": conversation_id})
        return _record(db, message_id, conversation_id, "capped")

    lead = lead_of(conversation, config)
    handoff_reason = lost_reason = None
    if config.has_provider:
        turn = Turn(
            db, config, current_tenant(), lead, conversation_id=uuid.UUID(conversation_id), booking=state.booking
        )
        try:
            result = turn.run([as_chat(m) for m in history])
        except ProviderUnavailable as exc:
            log.warning(
                "AI provider unavailable; no reply", extra={"conversation_id": conversation_id, "error": str(exc)}
            )
            state.booking = turn.result.booking or state.booking  # a tool may have booked before the failure
            return _record(db, message_id, conversation_id, "failed")
        reply, model = result.reply, result.model
        state.booking = result.booking or state.booking
        state.notes = [*(state.notes or []), *result.notes]
        handoff_reason, lost_reason = result.handoff, result.lost
    else:
        greeted = any(m["author_type"] == "ai" for m in history)
        step = scripted.scripted_turn(
            config, progress_for(config, lead), lead["name"], state.asked_step, inbound["text"] or "", greeted
        )
        if step.answer:
            update_contact(db, state.contact_id, custom_fields={step.answer[0]: step.answer[1]}, actor_type="ai")
            lead["answers"][step.answer[0]] = step.answer[1]
        state.asked_step = step.asked
        reply, model = step.reply, scripted.MODEL
        handoff_reason = "qualificação concluída" if step.complete else None

    settle_status(db, config, state, progress_for(config, lead))
    outcome = _send(db, conversation_id, message_id, reply, "sent", history, model)
    if lost_reason:
        hand_off(db, config, uuid.UUID(conversation_id), reason=lost_reason, by="ai", status="lost")
    elif handoff_reason:
        hand_off(db, config, uuid.UUID(conversation_id), reason=handoff_reason, by="ai")
    return outcome


def _send(
    db: Session, conversation_id: str, message_id: str, reply: str, outcome: str, history: list[dict], model: str | None
) -> str:
    """Send ``reply`` unless it is empty, repeats the last AI message, or the agent was switched off meanwhile."""
    reply = (reply or "").strip()
    last_ai = next((m["text"] for m in reversed(history) if m["author_type"] == "ai"), None)
    if not reply:
        return _record(db, message_id, conversation_id, "empty", model=model)
    if reply == (last_ai or "").strip():
        return _record(db, message_id, conversation_id, "repeated", model=model)
    if not conversation_info(db, uuid.UUID(conversation_id), lock=True)["ai_active"]:
        return _record(db, message_id, conversation_id, "switched_off", model=model)
    try:
        sent = send_text(db, uuid.UUID(conversation_id), reply, author_type="ai")
    except Problem as exc:  # the 24-hour window closed, the channel's plugin is gone...
        log.info("AI reply refused by the inbox", extra={"conversation_id": conversation_id, "error": exc.detail})
        return _record(db, message_id, conversation_id, "refused", model=model)
    return _record(db, message_id, conversation_id, outcome, sent, model)
