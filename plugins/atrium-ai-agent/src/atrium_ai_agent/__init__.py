"""Atrium plugin ``ai-agent``: an AI agent that answers leads, qualifies them and hands them to a person.

It answers from the company's knowledge base (pgvector + Portuguese
full-text search), asks the qualification steps one at a time, books
meetings through tools other plugins contribute (``register_ai_tools``, e.g.
the Google Calendar plugin), and hands off with a structured summary. Built
on hooks and the SDK (``atrium.plugins``) only. See ``docs/ai-agent.md``.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from atrium.plugins import PeriodicJob, hookimpl, plugin_settings, save_plugin_settings, tenant_config, tenant_session
from atrium_ai_agent.jobs import (  # declares the actors
    REFRESH_EVERY_SECONDS,
    close_cards_for_stage,
    embed_document,
    hand_off_switched_off,
    refresh_embeddings,
    reply_to_message,
)
from atrium_ai_agent.settings import PLUGIN_ID, SETTINGS_SCHEMA, initial_settings, load_config

log = logging.getLogger(__name__)


@hookimpl
def register_settings_schema():
    """Provider, models, prompt, persona, limits, business hours, channels and qualification steps."""
    return SETTINGS_SCHEMA


@hookimpl
def register_migrations():
    """The ``ai_agent_*`` tables."""
    return [Path(__file__).parent / "migrations" / "versions"]


@hookimpl
def register_blueprints(app):
    """``/api/v1/ai/...`` (the board too) and ``/api/v1/conversations/{id}/ai``."""
    from atrium_ai_agent.api import ai, conversations
    from atrium_ai_agent.board_api import blp as board

    return [ai, board, conversations]


@hookimpl
def register_periodic_jobs():
    """Embed what is pending, failed, or embedded with another model, for each company using the agent."""
    return [PeriodicJob(refresh_embeddings, every_seconds=REFRESH_EVERY_SECONDS, per_tenant=True)]


@hookimpl
def on_tenant_created(tenant, blueprint, session):
    """Seed the knowledge base with the blueprint's ``[[knowledge]]`` documents."""
    from atrium_ai_agent.knowledge import create_document

    config = load_config(session)
    for entry in blueprint.get("knowledge", []):
        if entry.get("title") and entry.get("text"):
            create_document(session, config, entry["title"][:200], entry["text"], source="blueprint")


@hookimpl
def on_plugin_enabled(tenant, plugin_id):
    """The first time a company enables the agent, start its settings from its blueprint."""
    if plugin_id != PLUGIN_ID:
        return
    with tenant_session(tenant.schema) as db:
        if not plugin_settings(db, PLUGIN_ID):
            save_plugin_settings(db, PLUGIN_ID, initial_settings(tenant_config(db, "blueprint")))


@hookimpl
def on_domain_event(tenant, event):
    """A lead's message: answer it in the ``ai`` queue. The agent switched off by a person: hand off.
    A contact put in the stage mapped to ``converted`` or ``lost``: its board cards follow."""
    from atrium_ai_agent.board import cards_to_close, closing_status
    from atrium_ai_agent.handoff import pending_handoff

    data = event.get("data") or {}
    if event["kind"] == "message.received" and data.get("message", {}).get("direction") == "inbound":
        reply_to_message.send(data["message"]["id"], data["message"]["conversation_id"])
    elif event["kind"] == "conversation.updated" and data.get("conversation", {}).get("ai_active") is False:
        conversation_id = data["conversation"]["id"]
        with tenant_session(tenant.schema) as db:
            waiting = pending_handoff(db, uuid.UUID(conversation_id))
        if waiting:
            hand_off_switched_off.send(conversation_id)
    elif event["kind"] == "contact.updated" and data.get("stage_key"):
        with tenant_session(tenant.schema) as db:
            status = closing_status(load_config(db), data["stage_key"])
            follow = status is not None and bool(cards_to_close(db, uuid.UUID(data["id"]), status))
        if follow:
            close_cards_for_stage.send(data["id"], data["stage_key"])


__all__ = [
    "PLUGIN_ID",
    "SETTINGS_SCHEMA",
    "close_cards_for_stage",
    "embed_document",
    "hand_off_switched_off",
    "refresh_embeddings",
    "reply_to_message",
]
