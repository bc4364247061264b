"""The agent's background jobs, on their own ``ai`` queue (slow provider calls never hold other queues)."""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from sqlalchemy import and_, or_, select

from atrium.plugins import actor, current_tenant, tenant_session
from atrium_ai_agent.agent import answer_message, lock_conversation
from atrium_ai_agent.board import follow_stage
from atrium_ai_agent.handoff import hand_off, pending_handoff
from atrium_ai_agent.knowledge import embed_pending
from atrium_ai_agent.models import Document
from atrium_ai_agent.settings import load_config

log = logging.getLogger(__name__)

QUEUE = "ai"
REFRESH_EVERY_SECONDS = 300
PENDING_GRACE = dt.timedelta(minutes=10)  # a pending document has its own job queued
FAILED_RETRY_AFTER = dt.timedelta(hours=1)
REFRESH_BATCH = 50


@actor(queue_name=QUEUE, max_retries=3, min_backoff=2_000, time_limit=300_000)
def reply_to_message(message_id: str, conversation_id: str) -> None:
    """Answer (or deliberately not answer) one inbound message; at most once per message."""
    outcome = answer_message(message_id, conversation_id)
    log.info("AI agent handled a message", extra={"conversation_id": conversation_id, "outcome": outcome})


@actor(queue_name=QUEUE, max_retries=3, min_backoff=2_000)
def hand_off_switched_off(conversation_id: str) -> None:
    """A person switched the agent off (``PATCH /conversations/{id}``): record the handoff once."""
    with tenant_session(current_tenant().schema) as db:
        lock_conversation(db, conversation_id)
        if pending_handoff(db, uuid.UUID(conversation_id)):
            hand_off(db, load_config(db), uuid.UUID(conversation_id), reason="desligado por uma pessoa", by="agent")


@actor(queue_name=QUEUE, max_retries=3, min_backoff=2_000)
def close_cards_for_stage(contact_id: str, stage_key: str) -> None:
    """A contact was put in the CRM stage mapped to ``converted`` or ``lost``: its board cards follow."""
    with tenant_session(current_tenant().schema) as db:
        follow_stage(db, load_config(db), uuid.UUID(contact_id), stage_key)


@actor(queue_name=QUEUE, max_retries=3, min_backoff=5_000, time_limit=600_000)
def embed_document(document_id: str) -> None:
    """Embed a document's chunks with the company's current embedding model."""
    with tenant_session(current_tenant().schema) as db:
        document = db.get(Document, uuid.UUID(document_id), with_for_update=True)
        if document is None:
            return
        embed_pending(db, load_config(db), document)


@actor(queue_name=QUEUE, max_retries=0)
def refresh_embeddings() -> None:
    """Queue the documents to (re-)embed: pending or failed ones, and those embedded with another model."""
    with tenant_session(current_tenant().schema) as db:
        config = load_config(db)
        if not config.has_provider:
            return
        now = dt.datetime.now(dt.UTC)
        stale = db.scalars(
            select(Document.id)
            .where(
                Document.chunk_count > 0,
                or_(
                    Document.embedding_status == "disabled",
                    and_(Document.embedding_status == "pending", Document.updated_at < now - PENDING_GRACE),
                    and_(Document.embedding_status == "failed", Document.updated_at < now - FAILED_RETRY_AFTER),
                    and_(Document.embedding_status == "ready", Document.embedding_model != config.embedding_model),
                ),
            )
            .order_by(Document.updated_at)
            .limit(REFRESH_BATCH)
        ).all()
    for document_id in stale:
        embed_document.send(str(document_id))
