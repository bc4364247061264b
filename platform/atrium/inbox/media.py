"""Streaming a message's media to an agent: from its provider, or from Atrium's uploads.

Providers keep inbound media behind their own credentials (Meta's URLs need
the channel's token and expire in minutes), so the panel downloads it through
this proxy with the agent's token. Files agents uploaded for outbound
messages (``content.upload_id``) are served from ``media_uploads``. Only images, audio, video and PDFs are
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
from atrium.inbox.uploads import stored_file

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
    """The media of message ``message_id`` of conversation ``conversation_id``: its upload, else from
    its provider.

    404 when the message is not in this conversation of this company, has no
    media, its upload was deleted, or its channel type does not serve media.
    """
    message = db.get(Message, message_id)
    if message is None or message.conversation_id != conversation_id:
        raise NotFound("no message with this id in this conversation")
    content = message.content or {}
    media_id, upload_id = content.get("media_id"), content.get("upload_id")
    if isinstance(upload_id, str) and upload_id:
        upload, chunks = stored_file(db, upload_id)
        content_type, size = upload.mime_type, upload.size
    elif isinstance(media_id, str) and media_id:
        channel = db.get(Channel, message.channel_id)
        try:
            content_type, size, chunks = adapter_for(channel.type).fetch_media(context(channel), media_id)
        except NotImplementedError as exc:
            raise NotFound(f"{channel.type} channels do not serve media") from exc
    else:
        raise NotFound("this message has no media to download")
    content_type = content_type.split(";")[0].strip().lower() or "application/octet-stream"
    filename = re.sub(r"[^\w.\- ]", "_", str(content.get("filename") or f"{message.type}-{message.id}"))[:120]
    return MediaStream(content_type, size, chunks, filename, bool(INLINE_TYPES.match(content_type)))
