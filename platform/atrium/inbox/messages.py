"""Message history and composing outbound messages (text, media, templates, scheduled ones).

Composing writes the message as ``queued`` (or ``scheduled`` with a future
``scheduled_at``) in the caller's transaction; the ``send_message`` actor is
enqueued only after the commit.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from atrium.api.pagination import paginate
from atrium.channels.contract import ChannelAdapter
from atrium.channels.registry import adapters
from atrium.errors import Conflict, Invalid, NotFound
from atrium.inbox.activity import Actor
from atrium.inbox.events import emit
from atrium.inbox.models import Channel, Conversation, Message
from atrium.inbox.outbound import enqueue_send, now
from atrium.inbox.payloads import conversation_payload, message_payload
from atrium.inbox.uploads import attach
from atrium.inbox.window import check_window

MEDIA_TYPES = ("image", "audio", "video", "document")
OUTBOUND_TYPES = ("text", "template", *MEDIA_TYPES)


def messages_page(db: Session, conversation_id, args: dict) -> dict:
    """A page of a conversation's messages, newest first."""
    stmt = select(Message).where(Message.conversation_id == conversation_id)
    return paginate(db, stmt, [Message.created_at, Message.id], args)


def channel_adapter(channel: Channel) -> ChannelAdapter:
    """The adapter serving ``channel``; 409 ``channel_unavailable`` when its plugin is not installed."""
    adapter = adapters().get(channel.type)
    if adapter is None:
        raise Conflict(f"no installed plugin provides the channel type '{channel.type}'", code="channel_unavailable")
    return adapter


def compose(data: dict[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    """``(type, text, content)`` of a message to send; 422 naming the missing or wrong field."""
    kind = data["type"]
    if kind == "text":
        text = (data.get("text") or "").strip()
        if not text:
            raise Invalid("a text message needs a non-empty text", field="text")
        return kind, text, {}
    if kind == "template":
        template = data.get("template")
        if not template:
            raise Invalid("a template message needs template.name and template.language", field="template")
        return kind, None, template_content(template)
    content = {k: v for k, v in (data.get("content") or {}).items() if v is not None}
    if sum(1 for key in ("url", "media_id", "upload_id") if content.get(key)) != 1:
        raise Invalid(
            f"a media message ({kind}) needs one of content.url, content.media_id or content.upload_id",
            field="content.url",
        )
    return kind, None, content


def template_content(template: dict[str, Any]) -> dict[str, Any]:
    """``OutboundMessage.content`` of a template: ``name``, ``language`` and ``variables`` named as
    ``list_templates`` reports them (a list of ``parameters`` fills ``body.1``, ``body.2``...),
    plus the provider's raw ``components`` when given."""
    parameters = template.get("parameters") or {}
    if isinstance(parameters, list):
        parameters = {f"body.{i}": value for i, value in enumerate(parameters, start=1)}
    content = {"name": template["name"], "language": template["language"], "variables": parameters}
    if template.get("components"):
        content["components"] = template["components"]
    return content


def preview(message: Message) -> str:
    """The line shown for ``message`` in the conversation list."""
    if message.text:
        return message.text[:200]
    if message.type == "template":
        return f"[template: {message.content.get('name')}]"[:200]
    return (message.content.get("caption") or f"[{message.type}]")[:200]


def touch(db: Session, conversation: Conversation, message: Message) -> None:
    """Make ``message`` the conversation's latest and publish both."""
    conversation.last_message_at = now()
    conversation.last_message_preview = preview(message)
    db.flush()
    emit(
        db, "message.created", {"message": message_payload(message), "conversation": conversation_payload(conversation)}
    )


def queue_message(db: Session, conversation: Conversation, actor: Actor, data: dict[str, Any]) -> Message:
    """Write an outbound message from ``data`` (``type``, ``text``, ``content``, ``template``,
    ``reply_to``, ``scheduled_at``) and enqueue its sending after the commit.

    Free-form messages outside the customer-service window are refused with 422
    ``window_closed``; scheduled ones are checked again when they fall due.
    """
    kind, text, content = compose(data)
    adapter = channel_adapter(db.get(Channel, conversation.channel_id))
    if content.get("upload_id"):  # the file's own fields; a caption, and a file name the agent gave
        given = {key: content[key] for key in ("caption", "filename") if content.get(key)}
        content = {**attach(db, content["upload_id"], kind, adapter), **given}
    at = now()
    scheduled_at = data.get("scheduled_at")
    if scheduled_at is not None and scheduled_at <= at:
        raise Invalid("scheduled_at must be in the future", field="scheduled_at")
    if scheduled_at is None:
        check_window(conversation, adapter, kind, at)
    message = Message(
        conversation_id=conversation.id,
        channel_id=conversation.channel_id,
        direction="outbound",
        type=kind,
        text=text,
        content=content,
        reply_to_provider_id=_reply_to(db, conversation, data.get("reply_to")),
        status="scheduled" if scheduled_at else "queued",
        author_type=actor.type,
        author_id=actor.id,
        scheduled_at=scheduled_at,
        attempts=0,
    )
    db.add(message)
    db.flush()
    if scheduled_at is None:
        touch(db, conversation, message)
        enqueue_send(db, message.id)
    else:
        emit(
            db,
            "message.created",
            {"message": message_payload(message), "conversation": conversation_payload(conversation)},
        )
    return message


def release_due(db: Session, message: Message) -> None:
    """Queue a scheduled message whose time has come (its window is checked when it is sent)."""
    message.status = "queued"
    touch(db, db.get(Conversation, message.conversation_id), message)
    enqueue_send(db, message.id)


def cancel_scheduled(db: Session, conversation: Conversation, message_id) -> None:
    """Delete a message that is still waiting for its ``scheduled_at``; 409 once it has left."""
    message = db.scalars(
        select(Message).where(Message.id == message_id, Message.conversation_id == conversation.id).with_for_update()
    ).first()
    if message is None:
        raise NotFound("no message with this id in this conversation")
    if message.status != "scheduled":
        raise Conflict("only a scheduled message that has not been sent yet can be cancelled", field="status")
    db.delete(message)
    db.flush()
    emit(db, "message.deleted", {"message_id": str(message.id), "conversation_id": str(conversation.id)})


def _reply_to(db: Session, conversation: Conversation, message_id) -> str | None:
    if message_id is None:
        return None
    provider_id = db.scalar(
        select(Message.provider_message_id).where(Message.id == message_id, Message.conversation_id == conversation.id)
    )
    if provider_id is None:
        raise Invalid("no message with a provider id in this conversation has this id", field="reply_to")
    return provider_id
