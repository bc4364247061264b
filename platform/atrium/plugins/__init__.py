"""The plugin SDK: everything a plugin may import from Atrium.

A plugin is a distribution with an entry point in the ``atrium`` group whose
name is the plugin id; the module it names holds ``@hookimpl`` functions.
See ``docs/plugins.md``. Nothing outside this module is a stable API.
"""

from atrium.api.pagination import PageArgs, page_schema, paginate
from atrium.api.schemas import Schema
from atrium.auth.guard import Principal, auth_required
from atrium.channels.contract import (
    STANDARD_MEDIA_RULES,
    ChannelAdapter,
    ChannelContext,
    ContactInfo,
    Identity,
    InboundMessage,
    MediaRule,
    OutboundFile,
    OutboundMessage,
    SendError,
    SendResult,
    StatusUpdate,
    Template,
)
from atrium.db.base import TenantBase, TimestampMixin
from atrium.db.session import public_session, tenant_session
from atrium.errors import Conflict, Forbidden, Invalid, NotFound, Problem, Unauthorized
from atrium.plugins.ai_tools import AITool, AIToolContext, ai_tools
from atrium.plugins.domain import (
    after_commit,
    conversation_info,
    conversation_messages,
    conversations_info,
    emit_event,
    record_activity,
    save_handoff_summary,
    send_text,
    set_conversation_ai,
    tenant_config,
    update_contact,
)
from atrium.plugins.hookspecs import hookimpl
from atrium.tenancy.context import TenantRef, current_tenant, tenant_context
from atrium.workers.actors import actor
from atrium.workers.scheduler import PeriodicJob


def plugin_settings(session, plugin_id: str) -> dict:
    """The current tenant's settings of ``plugin_id``, secrets decrypted, from a tenant ``session``."""
    from atrium.plugins.service import get_settings_for_plugin

    return get_settings_for_plugin(session, plugin_id)


def save_plugin_settings(session, plugin_id: str, settings: dict) -> dict:
    """Validate ``settings`` against the plugin's schema and store them as the current tenant's (as
    ``PUT /api/v1/plugins/<id>/settings`` does); returns them with secrets masked. ``Invalid`` names
    the offending field."""
    from atrium.plugins.service import put_settings

    return put_settings(session, plugin_id, settings)


def receive_inbound(channel_type: str, channel_id, body: bytes) -> str | None:
    """Take ``body`` in for channel ``channel_id`` through the durable inbound path, as a verified
    webhook would be (stored, then parsed by the adapter in a worker). Returns the event id, or
    ``None`` for a body already received for this channel. See ``docs/inbound.md``."""
    from atrium.channels.intake import receive_inbound as receive

    return receive(channel_type, channel_id, body)


__all__ = [
    "STANDARD_MEDIA_RULES",
    "AITool",
    "AIToolContext",
    "ChannelAdapter",
    "ChannelContext",
    "Conflict",
    "ContactInfo",
    "Forbidden",
    "Identity",
    "InboundMessage",
    "Invalid",
    "MediaRule",
    "NotFound",
    "OutboundFile",
    "OutboundMessage",
    "PageArgs",
    "PeriodicJob",
    "Principal",
    "Problem",
    "Schema",
    "SendError",
    "SendResult",
    "StatusUpdate",
    "Template",
    "TenantBase",
    "TenantRef",
    "TimestampMixin",
    "Unauthorized",
    "actor",
    "after_commit",
    "ai_tools",
    "auth_required",
    "conversation_info",
    "conversation_messages",
    "conversations_info",
    "current_tenant",
    "emit_event",
    "hookimpl",
    "page_schema",
    "paginate",
    "plugin_settings",
    "public_session",
    "receive_inbound",
    "record_activity",
    "save_handoff_summary",
    "save_plugin_settings",
    "send_text",
    "set_conversation_ai",
    "tenant_config",
    "tenant_context",
    "tenant_session",
    "update_contact",
]
