"""The AI board: conversations the agent worked, by state (one column per status), and a person's moves.

A column lists the conversations that entered it most recently first
(``status_changed_at desc``), cursor-paginated. A card joins the agent's state
with the conversation, its contact and the qualification progress.
Moving a card is what a person means by dropping it in a column:

- ``qualifying`` (awaiting AI): the agent is switched on again (after a
  handoff or an opt-out too) and the lead is qualified from where they are;
- ``awaiting_human``, ``converted``, ``lost`` while the agent still works the
  conversation: a handoff (agent off, summary, ``conversation.handoff``);
- otherwise only the column changes (the agent stays as it is).

Every move sets the pipeline stage configured for the column (``stages``),
adds ``ai_status_changed`` to the contact's timeline and publishes
``ai.status_changed``. The other way round, a contact put in the CRM stage
mapped to ``converted`` or ``lost`` takes its conversations' cards there
(``follow_stage``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from atrium.plugins import (
    Invalid,
    conversation_info,
    conversations_info,
    paginate,
    record_activity,
    set_conversation_ai,
)
from atrium_ai_agent.agent import lock_conversation
from atrium_ai_agent.handoff import CLOSED, hand_off
from atrium_ai_agent.models import STATUSES, AgentConversation
from atrium_ai_agent.qualification import progress_of
from atrium_ai_agent.settings import AgentConfig
from atrium_ai_agent.state import move_stage, reactivate, set_status, state_of

MOVE_REASON = "movido no quadro da IA"


def board(db: Session, config: AgentConfig, args: dict[str, Any]) -> dict[str, Any]:
    """Every column (or only ``args['status']``) with its count and a page of cards from ``args['cursor']``."""
    status = args.get("status")
    if args.get("cursor") and not status:
        raise Invalid("a cursor belongs to one column: send its status too", field="status")
    counts = dict(db.execute(select(AgentConversation.status, func.count()).group_by(AgentConversation.status)).all())
    pages = {
        s: paginate(
            db,
            select(AgentConversation).where(AgentConversation.status == s),
            [AgentConversation.status_changed_at, AgentConversation.conversation_id],
            args,
        )
        for s in ([status] if status else STATUSES)
    }
    infos = conversations_info(db, [state.conversation_id for page in pages.values() for state in page["items"]])
    return {
        "columns": [
            {
                "status": s,
                "count": counts.get(s, 0),
                "items": [card(config, state, infos[str(state.conversation_id)]) for state in page["items"]],
                "next_cursor": page["next_cursor"],
            }
            for s, page in pages.items()
        ]
    }


def card(config: AgentConfig, state: AgentConversation, conversation: dict[str, Any]) -> dict[str, Any]:
    """One conversation as the board shows it."""
    contact = conversation["contact"]
    progress = progress_of(config, contact.get("custom_fields"))
    return {
        "conversation_id": state.conversation_id,
        "status": state.status,
        "status_changed_at": state.status_changed_at,
        "contact": {"id": contact["id"], "name": contact["name"], "phone": contact["phone"]},
        "channel": {
            "id": conversation["channel_id"],
            "type": conversation["channel_type"],
            "name": conversation["channel_name"],
        },
        "assignee_id": conversation["assignee_id"],
        "ai_active": conversation["ai_active"],
        "last_message_at": _instant(conversation["last_message_at"]),
        "last_message_preview": conversation["last_message_preview"],
        "progress": {"answered": sum(1 for s in progress.steps if progress.answered(s)), "total": len(progress.steps)},
        "booking": state.booking,
    }


def _instant(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def card_of(db: Session, config: AgentConfig, conversation_id: uuid.UUID) -> dict[str, Any]:
    """The card of one conversation (its state must exist)."""
    state = db.get(AgentConversation, conversation_id)
    return card(config, state, conversation_info(db, conversation_id))


def closing_status(config: AgentConfig, stage_key: str | None) -> str | None:
    """The closed column (``converted``, ``lost``) whose configured pipeline stage is ``stage_key``, if any."""
    return next((s for s in CLOSED if stage_key and config.stages.get(s) == stage_key), None)


def cards_to_close(db: Session, contact_id: uuid.UUID, status: str) -> list[uuid.UUID]:
    """The contact's conversations on the board that are not in column ``status``."""
    return list(
        db.scalars(
            select(AgentConversation.conversation_id).where(
                AgentConversation.contact_id == contact_id, AgentConversation.status != status
            )
        )
    )


def follow_stage(db: Session, config: AgentConfig, contact_id: uuid.UUID, stage_key: str) -> None:
    """The contact was put in the CRM stage mapped to ``converted`` or ``lost``: its cards follow (a handoff
    where the agent still works), recorded like a person's move."""
    status = closing_status(config, stage_key)
    for conversation_id in cards_to_close(db, contact_id, status) if status else ():
        lock_conversation(db, conversation_id)
        state = db.get(AgentConversation, conversation_id, populate_existing=True)
        previous = state.status
        if previous == status:
            continue
        if state.handed_off_at is None:
            hand_off(db, config, conversation_id, reason=f"etapa do funil: {stage_key}", by="system", status=status)
        else:
            set_status(db, state, status)
        record_activity(
            db,
            contact_id,
            "ai_status_changed",
            {"conversation_id": str(conversation_id), "from": previous, "to": status},
            actor_type="system",
        )


def move(db: Session, config: AgentConfig, conversation_id: uuid.UUID, status: str, by_id: uuid.UUID) -> dict[str, Any]:
    """A person puts the conversation in column ``status`` (see the module's docstring); returns its card.

    A conversation the agent never worked joins the board. Moving a card to its own column changes nothing.
    """
    if status not in STATUSES:
        raise Invalid(f"status must be one of {', '.join(STATUSES)}", field="status")
    lock_conversation(db, conversation_id)  # the agent's jobs of this conversation wait (or finish first)
    conversation = conversation_info(db, conversation_id)
    state = state_of(db, conversation)
    previous = state.status
    if status == previous:
        return card_of(db, config, conversation_id)
    if status == "qualifying":
        reactivate(db, state, status)
        if not conversation["ai_active"]:
            set_conversation_ai(db, conversation_id, True, actor_type="agent", actor_id=by_id)
    elif status in ("awaiting_human", *CLOSED) and state.handed_off_at is None:
        hand_off(
            db,
            config,
            conversation_id,
            reason=MOVE_REASON,
            by="agent",
            by_id=by_id,
            status=status if status in CLOSED else None,
        )
    else:
        set_status(db, state, status)
        move_stage(db, config, state.contact_id, status)
    record_activity(
        db,
        state.contact_id,
        "ai_status_changed",
        {"conversation_id": str(conversation_id), "from": previous, "to": status},
        actor_type="agent",
        actor_id=by_id,
    )
    return card_of(db, config, conversation_id)
