"""Files agents upload to send as media messages, stored in the tenant's schema.

An upload is validated against ``STANDARD_MEDIA_RULES`` (WhatsApp Cloud
API's documented MIME types and per-type limits) and kept as ``bytea`` in
``media_uploads``, so every web and worker replica reads the same file. A
message references it by ``content.upload_id``; the channel's adapter gets
its bytes as ``OutboundMessage.file`` and the media proxy serves it back to
agents. Uploads no message uses are deleted after ``UNUSED_TTL``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import re
import uuid
from collections.abc import Iterator
from typing import IO

from sqlalchemy import Text, delete, func, select
from sqlalchemy.orm import Session

from atrium.channels.contract import STANDARD_MEDIA_RULES, ChannelAdapter, OutboundFile, SendError
from atrium.db.session import tenant_session
from atrium.errors import Invalid, NotFound, Problem
from atrium.inbox.models import MediaUpload, Message

MAX_UPLOAD_BYTES = max(rule.max_bytes for rule in STANDARD_MEDIA_RULES.values())
CHUNK = 1024 * 1024  # the media proxy reads stored files this much at a time
UNUSED_TTL = dt.timedelta(hours=24)
ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "video/3gp": "video/3gpp",
    "audio/mp3": "audio/mpeg",
    "audio/x-m4a": "audio/mp4",
    "audio/m4a": "audio/mp4",
    "audio/opus": "audio/ogg",
}
SIGNATURES = {  # MIME types whose first bytes are checked, so a mislabelled file is refused
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "application/pdf": (b"%PDF-",),
}
UNSAFE_FILENAME = re.compile(r"[^\w.\- ()]")


class FileTooLarge(Problem):
    """An uploaded file is larger than its type allows."""

    status, code, title = 413, "file_too_large", "File too large"


def mime_type_of(declared: str | None, filename: str) -> str:
    """The file's MIME type: the declared one without parameters, else guessed from ``filename``."""
    mime = (declared or "").split(";")[0].strip().lower()
    if not mime or mime == "application/octet-stream":
        mime = (mimetypes.guess_type(filename)[0] or "application/octet-stream").lower()
    return ALIASES.get(mime, mime)


def message_type_for(mime: str) -> str:
    """The media message type (image, video, audio, document) that sends a file of type ``mime``."""
    for kind, rule in STANDARD_MEDIA_RULES.items():
        if mime in rule.mime_types:
            return kind
    accepted = ", ".join(sorted(m for rule in STANDARD_MEDIA_RULES.values() for m in rule.mime_types))
    raise Invalid(
        f"files of type {mime} cannot be sent; accepted types: {accepted}", field="file", code="unsupported_media_type"
    )


def store_upload(
    db: Session, stream: IO[bytes], filename: str | None, declared_type: str | None, user_id
) -> MediaUpload:
    """Validate and store an uploaded file; 413 ``file_too_large`` or 422 on ``file`` when refused."""
    name = UNSAFE_FILENAME.sub("_", (filename or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()[:200] or "file"
    mime = mime_type_of(declared_type, name)
    kind = message_type_for(mime)
    limit = STANDARD_MEDIA_RULES[kind].max_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"a {kind} file may have at most {limit // (1024 * 1024)} MB", field="file")
    if not data:
        raise Invalid("the file is empty", field="file")
    signatures = SIGNATURES.get(mime)
    if signatures and not data.startswith(signatures):
        raise Invalid(f"the file's content is not {mime}", field="file", code="unsupported_media_type")
    upload = MediaUpload(
        type=kind,
        filename=name,
        mime_type=mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        uploaded_by=user_id,
    )
    db.add(upload)
    db.flush()
    return upload


def attach(db: Session, upload_id, kind: str, adapter: ChannelAdapter) -> dict:
    """The message ``content`` fields of upload ``upload_id`` sent as ``kind`` on ``adapter``'s channel
    (marked used); 422 on ``content.upload_id`` when the upload is unknown or the channel cannot send it."""
    field = "content.upload_id"
    try:
        upload = db.get(MediaUpload, uuid.UUID(str(upload_id)))
    except ValueError:
        upload = None
    if upload is None:
        raise Invalid("no uploaded file has this id", field=field)
    rule = adapter.upload_rules.get(kind)
    if rule is None:
        raise Invalid(f"{adapter.type} channels cannot send an uploaded file as {kind}", field=field)
    if upload.mime_type not in rule.mime_types:
        raise Invalid(f"{adapter.type} channels cannot send a {upload.mime_type} file as {kind}", field=field)
    if upload.size > rule.max_bytes:
        raise Invalid(f"{adapter.type} channels send {kind} files of at most {rule.max_bytes} bytes", field=field)
    upload.used_at = upload.used_at or func.now()
    return {
        "upload_id": str(upload.id),
        "filename": upload.filename,
        "mime_type": upload.mime_type,
        "size": upload.size,
    }


def outbound_file(db: Session, content: dict) -> OutboundFile | None:
    """The ``OutboundFile`` of a message's ``content`` (``None`` without an upload); its bytes are read on demand."""
    upload_id = content.get("upload_id")
    upload = db.get(MediaUpload, uuid.UUID(upload_id)) if upload_id else None
    if upload is None:
        return None
    schema = db.info["schema"]

    def read() -> bytes:
        with tenant_session(schema) as session:
            data = session.scalar(select(MediaUpload.data).where(MediaUpload.id == upload.id))
        if data is None:
            raise SendError("the uploaded file was deleted before it was sent", code="upload_missing")
        return bytes(data)

    return OutboundFile(str(upload.id), upload.filename, upload.mime_type, upload.size, upload.sha256, read)


def stored_file(db: Session, upload_id: str) -> tuple[MediaUpload, Iterator[bytes]]:
    """An upload and an iterator over its bytes, read ``CHUNK`` at a time in sessions of their own
    (so the download can outlive the request's session); 404 when it no longer exists."""
    try:
        upload = db.get(MediaUpload, uuid.UUID(upload_id))
    except ValueError:
        upload = None
    if upload is None:
        raise NotFound("the uploaded file no longer exists")
    schema = db.info["schema"]
    return upload, _chunks(schema, upload.id, upload.size)


def _chunks(schema: str, upload_id: uuid.UUID, size: int) -> Iterator[bytes]:
    for start in range(0, size, CHUNK):
        with tenant_session(schema) as db:
            chunk = db.scalar(
                select(func.substring(MediaUpload.data, start + 1, CHUNK)).where(MediaUpload.id == upload_id)
            )
        if chunk is None:
            return
        yield bytes(chunk)


def delete_unused(db: Session) -> int:
    """Delete uploads older than ``UNUSED_TTL`` that no message ever used; returns how many."""
    cutoff = dt.datetime.now(dt.UTC) - UNUSED_TTL
    return db.execute(
        delete(MediaUpload).where(MediaUpload.used_at.is_(None), MediaUpload.created_at < cutoff)
    ).rowcount


def delete_orphans(db: Session, upload_ids: list[str]) -> int:
    """Delete the uploads among ``upload_ids`` that no remaining message references (after an erasure)."""
    if not upload_ids:
        return 0
    still_used = select(Message.id).where(Message.content["upload_id"].astext == MediaUpload.id.cast(Text))
    return db.execute(
        delete(MediaUpload).where(MediaUpload.id.in_([uuid.UUID(i) for i in upload_ids]), ~still_used.exists())
    ).rowcount
