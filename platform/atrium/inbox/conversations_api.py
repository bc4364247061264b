"""Conversations API: the inbox list, counters, status, assignment, read state, messages."""

from __future__ import annotations

from flask import Response, g
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.api.pagination import PageArgs
from atrium.api.responses import json_response
from atrium.auth.guard import auth_required
from atrium.inbox import conversations, counters, media, messages
from atrium.inbox.activity import Actor
from atrium.inbox.schemas import (
    ConversationArgs,
    ConversationPage,
    ConversationPatchSchema,
    ConversationSchema,
    CountersSchema,
    MessageCreateSchema,
    MessagePage,
    MessageSchema,
    NewConversationSchema,
    StartedConversationSchema,
)

blp = Blueprint("conversations", __name__, url_prefix="/api/v1/conversations", description="The shared inbox")


def _agent() -> Actor:
    return Actor("agent", g.principal.user_id)


@blp.route("")
class Conversations(MethodView):
    @auth_required()
    @blp.arguments(ConversationArgs, location="query")
    @blp.response(200, ConversationPage)
    def get(self, args):
        """List conversations, latest activity first, with filters and search."""
        return json_response(conversations.list_conversations(g.db, args, g.principal.user_id))

    @auth_required()
    @blp.arguments(NewConversationSchema)
    @blp.response(201, StartedConversationSchema)
    def post(self, data):
        """Start a conversation with a phone number by sending an approved template."""
        conversation, message = conversations.start_conversation(g.db, _agent(), data)
        return {"conversation": conversations.conversation_detail(conversation), "message": message}


@blp.route("/counters")
class Counters(MethodView):
    @auth_required()
    @blp.response(200, CountersSchema)
    def get(self):
        """Inbox counters: mine, unassigned, all, unread and per status (cached for a few seconds)."""
        return counters.counters(g.db, g.principal.user_id)


@blp.route("/<uuid:conversation_id>")
class ConversationItem(MethodView):
    @auth_required()
    @blp.response(200, ConversationSchema)
    def get(self, conversation_id):
        """One conversation."""
        return conversations.conversation_detail(conversations.get_conversation(g.db, conversation_id))

    @auth_required()
    @blp.arguments(ConversationPatchSchema)
    @blp.response(200, ConversationSchema)
    def patch(self, data, conversation_id):
        """Change the status (open, pending, resolved), the assignee (a member or null) or the AI flag."""
        conversation = conversations.get_conversation(g.db, conversation_id, lock=True)
        return conversations.conversation_detail(conversations.update_conversation(g.db, conversation, data, _agent()))


@blp.route("/<uuid:conversation_id>/read")
class ConversationRead(MethodView):
    @auth_required()
    @blp.response(200, ConversationSchema)
    def post(self, conversation_id):
        """Mark the conversation read (and send the contact a read receipt)."""
        conversation = conversations.get_conversation(g.db, conversation_id, lock=True)
        return conversations.conversation_detail(conversations.mark_read(g.db, conversation))


@blp.route("/<uuid:conversation_id>/messages")
class ConversationMessages(MethodView):
    @auth_required()
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, MessagePage)
    def get(self, args, conversation_id):
        """Message history, newest first."""
        conversation = conversations.get_conversation(g.db, conversation_id)
        return messages.messages_page(g.db, conversation.id, args)

    @auth_required()
    @blp.arguments(MessageCreateSchema)
    @blp.response(202, MessageSchema)
    def post(self, data, conversation_id):
        """Send a text, media or template message (queued; sent by a worker), or schedule it."""
        conversation = conversations.get_conversation(g.db, conversation_id, lock=True)
        return messages.queue_message(g.db, conversation, _agent(), data)


@blp.route("/<uuid:conversation_id>/messages/<uuid:message_id>")
class ScheduledMessage(MethodView):
    @auth_required()
    @blp.response(204)
    def delete(self, conversation_id, message_id):
        """Cancel a scheduled message that has not been sent yet."""
        conversation = conversations.get_conversation(g.db, conversation_id)
        messages.cancel_scheduled(g.db, conversation, message_id)


@blp.route("/<uuid:conversation_id>/messages/<uuid:message_id>/media")
class MessageMedia(MethodView):
    @auth_required()
    @blp.response(
        200,
        {"type": "string", "format": "binary"},
        content_type="application/octet-stream",
        description="The file, streamed from the provider with its own content type",
    )
    @blp.alt_response(404, description="No such message, or it has no media")
    @blp.alt_response(413, description="The file is larger than the channel allows")
    @blp.alt_response(502, description="The provider did not deliver the file")
    def get(self, conversation_id, message_id):
        """Download a message's media (image, audio, video, document) through Atrium."""
        stream = media.open_media(g.db, conversation_id, message_id)
        headers = {
            "Content-Disposition": f'{"inline" if stream.inline else "attachment"}; filename="{stream.filename}"',
            "Cache-Control": "private, max-age=300",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox; default-src 'none'",
        }
        if stream.size is not None:
            headers["Content-Length"] = str(stream.size)
        return Response(stream.chunks, content_type=stream.content_type, headers=headers)
