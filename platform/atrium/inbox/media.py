"""Streaming a message's media from its provider to an agent (nothing is stored here).

Providers keep inbound media behind their own credentials (Meta's URLs need
the channel's token and expire in minutes), so the panel downloads it through
this proxy with the agent's token. Only images, audio, video and PDFs are
shown inline; anything else is sent as an attachment, never rendered on our
origin.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from atrium.channels.registry import adapter_for, context
from atrium.errors import NotFound
from atrium.inbox.models import Channel, Message

INLINE_TYPES = re.compile(r"^(image|audio|video)/[\w.+-]+$|^application/pdf$")


@dataclass(frozen=True)
class MediaStream:
    """An open download: what it is, its size when known, and its bytes."""

    content_type: str
    size: int | None
    chunks: Iterator[bytes]
    filename: str
    inline: bool


def open_media(db: Session, conversation_id: uuid.UUID, message_id: uuid.UUID) -> MediaStream:
    """The media of message ``message_id`` of conversation ``conversation_id``, from its provider.

    404 when the message is not in this conversation of this company, has no
    provider media, or its channel type does not serve media.
    """
    message = db.get(Message, message_id)
    if message is None or message.conversation_id != conversation_id:
        raise NotFound("no message with this id in this conversation")
    media_id = (message.content or {}).get("media_id")
    if not isinstance(media_id, str) or not media_id:
        raise NotFound("this message has no media to download")
    channel = db.get(Channel, message.channel_id)
    try:
        content_type, size, chunks = adapter_for(channel.type).fetch_media(context(channel), media_id)
    except NotImplementedError as exc:
        raise NotFound(f"{channel.type} channels do not serve media") from exc
    content_type = content_type.split(";")[0].strip().lower() or "application/octet-stream"
    filename = re.sub(r"[^\w.\- ]", "_", str(message.content.get("filename") or f"{message.type}-{message.id}"))[:120]
    return MediaStream(content_type, size, chunks, filename, bool(INLINE_TYPES.match(content_type)))
