"""Sending outbound messages through their channel's adapter: at most once, with retries.

``send_message`` first takes a token from the channel's rate limit, then
*claims* the message: under a row lock it moves ``queued`` to ``sending``
and commits, and only then calls the adapter (whose idempotency key is our
message id). A run that finds ``sending`` never sends again: the previous
attempt may have reached the provider. Such a message is settled by a
status webhook echoing our id, or marked failed ``delivery_unknown`` by the
sweeper after ``SENDING_GRACE``.

A retryable refusal (429, 5xx, timeouts) puts the message back to
``queued`` and re-enqueues it after the provider's ``retry_after`` or an
exponential backoff, up to ``MAX_ATTEMPTS``; any other refusal, or the last
one, marks it ``failed`` with the reason.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from atrium.channels.contract import Identity, OutboundMessage, SendError, SendResult
from atrium.channels.registry import adapters, context
from atrium.db.session import tenant_session
from atrium.inbox import throttle
from atrium.inbox.aftercommit import after_commit
from atrium.inbox.events import emit
from atrium.inbox.ingest import STATUS_RANK, reconcile_backlog
from atrium.inbox.models import Channel, ContactIdentity, Conversation, Message
from atrium.inbox.payloads import message_payload
from atrium.inbox.uploads import outbound_file
from atrium.inbox.window import may_send, window_closed_reason
from atrium.tenancy.context import current_tenant
from atrium.workers.actors import actor

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BASE_BACKOFF = 2.0  # seconds before the second attempt; doubles each time
MAX_BACKOFF = 300.0
SENDING_GRACE = dt.timedelta(minutes=5)
DEFAULT_RATE = 80.0  # messages per second per channel (Meta's default per phone number)
MAX_INLINE_WAIT = 1.0  # longer throttling waits re-enqueue instead of sleeping


def now() -> dt.datetime:
    """The current time, timezone-aware."""
    return dt.datetime.now(dt.UTC)


def enqueue_send(db: Session, message_id: uuid.UUID, delay: float = 0) -> None:
    """Enqueue ``send_message`` for ``message_id`` once ``db`` commits (after ``delay`` seconds)."""
    after_commit(db, lambda: send_message.send_with_options(args=(str(message_id),), delay=int(delay * 1000) or None))


def fail(db: Session, message: Message, code: str, reason: str, **details) -> None:
    """Mark ``message`` failed with ``{"code", "message", ...}`` and publish the status."""
    message.status = "failed"
    message.error = {"code": code, "message": reason, **details}
    db.flush()
    emit(
        db,
        "message.status",
        {
            "message_id": str(message.id),
            "conversation_id": str(message.conversation_id),
            "status": "failed",
            "error": message.error,
        },
    )


def backoff(attempts: int) -> float:
    """Seconds before the next attempt after ``attempts`` refusals: exponential, capped, jittered."""
    return min(MAX_BACKOFF, BASE_BACKOFF * 2 ** (attempts - 1)) * random.uniform(0.75, 1.0)


@actor(queue_name="outbound", max_retries=3)
def send_message(message_id: str) -> None:
    """Send one outbound message through its channel, at most once."""
    schema = current_tenant().schema
    mid = uuid.UUID(message_id)
    with tenant_session(schema) as db:
        channel_id, rate = _pending(db, mid)
    if channel_id is None:
        return
    while (wait := throttle.take(f"channel:{channel_id}", rate)) > 0:
        if wait > MAX_INLINE_WAIT:
            send_message.send_with_options(args=(message_id,), delay=int(wait * 1000))
            return
        time.sleep(wait)
    with tenant_session(schema) as db:
        job = _claim(db, mid)
    if job is None:
        return
    adapter, channel_context, outbound = job
    try:
        result = adapter.send(channel_context, outbound)
    except SendError as exc:
        with tenant_session(schema) as db:
            _refused(db, mid, exc)
        return
    except Exception:  # the provider may have received it: leave it "sending" for the sweeper
        log.exception("send interrupted; delivery unknown", extra={"message_id": message_id})
        return
    with tenant_session(schema) as db:
        _sent(db, mid, result)


def _pending(db: Session, message_id: uuid.UUID) -> tuple[uuid.UUID | None, float]:
    row = db.execute(
        select(Message.channel_id, Channel.config)
        .join(Channel, Channel.id == Message.channel_id)
        .where(Message.id == message_id, Message.direction == "outbound", Message.status == "queued")
    ).first()
    if row is None:
        return None, 0
    return row.channel_id, max(float(row.config.get("messages_per_second") or DEFAULT_RATE), 0.1)


def _claim(db: Session, message_id: uuid.UUID):
    message = db.scalars(select(Message).where(Message.id == message_id).with_for_update()).first()
    if message is None or message.status != "queued":
        return None  # sent, failed, or "sending" after an interrupted attempt: never sent blindly
    channel = db.get(Channel, message.channel_id)
    adapter = adapters().get(channel.type)
    if adapter is None:
        fail(db, message, "channel_unavailable", f"no installed plugin provides the channel type '{channel.type}'")
        return None
    conversation = db.get(Conversation, message.conversation_id)
    if not may_send(conversation, adapter, message.type, now()):
        fail(db, message, "window_closed", window_closed_reason(adapter))
        return None
    message.status = "sending"
    message.claimed_at = now()
    message.attempts += 1
    to = db.execute(  # newest first: after a number change the adapter picks the current one
        select(ContactIdentity.kind, ContactIdentity.value)
        .where(ContactIdentity.contact_id == conversation.contact_id)
        .order_by(ContactIdentity.id.desc())
    )
    outbound = OutboundMessage(
        id=str(message.id),
        to=tuple(Identity(kind, value) for kind, value in to),
        type=message.type,
        text=message.text,
        content=message.content,
        reply_to=message.reply_to_provider_id,
        file=outbound_file(db, message.content),
    )
    return adapter, context(channel), outbound


def _refused(db: Session, message_id: uuid.UUID, exc: SendError) -> None:
    message = db.scalars(select(Message).where(Message.id == message_id).with_for_update()).first()
    if message is None or message.status != "sending":
        return  # erased, or a status webhook settled it meanwhile
    if exc.retryable and message.attempts < MAX_ATTEMPTS:
        delay = exc.retry_after if exc.retry_after is not None else backoff(message.attempts)
        message.status = "queued"
        message.next_attempt_at = now() + dt.timedelta(seconds=delay)
        enqueue_send(db, message.id, delay)
        log.info(
            "send refused; retrying", extra={"message_id": str(message.id), "attempt": message.attempts, "delay": delay}
        )
        return
    reason = str(exc) if not exc.retryable else f"gave up after {message.attempts} attempts: {exc}"
    fail(db, message, exc.code or "send_failed", reason, attempts=message.attempts)


def _sent(db: Session, message_id: uuid.UUID, result: SendResult) -> None:
    message = db.scalars(select(Message).where(Message.id == message_id).with_for_update()).first()
    if message is None:
        return  # erased meanwhile
    if message.provider_message_id is None:
        message.provider_message_id = result.provider_message_id
    if STATUS_RANK.get(message.status, 0) < STATUS_RANK["sent"]:
        message.status = "sent"
    message.sent_at = message.sent_at or now()
    db.flush()
    emit(db, "message.sent", {"message": message_payload(message)})
    reconcile_backlog(db, message)


@actor(queue_name="outbound", max_retries=3)
def send_read_receipt(channel_id: str, provider_message_id: str) -> None:
    """Tell the provider the contact's message ``provider_message_id`` was read."""
    with tenant_session(current_tenant().schema) as db:
        channel = db.get(Channel, uuid.UUID(channel_id))
        adapter = adapters().get(channel.type) if channel else None
        if adapter is None:
            return
        channel_context = context(channel)
    try:
        adapter.mark_read(channel_context, provider_message_id)
    except SendError as exc:
        if exc.retryable:
            raise
        log.warning("read receipt refused", extra={"channel_id": channel_id, "error": str(exc)})
