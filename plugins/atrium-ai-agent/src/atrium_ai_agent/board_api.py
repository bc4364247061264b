"""The AI board's API: ``GET /api/v1/ai/board`` and ``POST /api/v1/ai/board/{conversation_id}/move``.

HTTP only; the board and the moves are ``board.py``'s. Schemas are prefixed
``AiAgentBoard`` (OpenAPI names are shared by every plugin).
"""

from __future__ import annotations

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.plugins import PageArgs, Schema, auth_required
from atrium_ai_agent.board import board, move
from atrium_ai_agent.models import STATUSES
from atrium_ai_agent.settings import load_config

blp = Blueprint("ai-agent-board", __name__, url_prefix="/ai/board", description="AI agent: the board of conversations")

STATUS_HELP = "qualifying (awaiting AI), qualified, scheduled, awaiting_human, converted or lost"


class AiAgentBoardArgs(PageArgs):
    status = ma.fields.String(
        load_default=None,
        validate=ma.validate.OneOf(STATUSES),
        metadata={"description": f"One column only ({STATUS_HELP}); needed with a cursor"},
    )
    limit = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))


class AiAgentBoardContactSchema(Schema):
    id = ma.fields.UUID()
    name = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)


class AiAgentBoardChannelSchema(Schema):
    id = ma.fields.UUID()
    type = ma.fields.String()
    name = ma.fields.String()


class AiAgentBoardProgressSchema(Schema):
    answered = ma.fields.Integer(metadata={"description": "Qualification steps answered"})
    total = ma.fields.Integer(metadata={"description": "Qualification steps configured"})


class AiAgentBoardCardSchema(Schema):
    conversation_id = ma.fields.UUID()
    status = ma.fields.String(metadata={"description": STATUS_HELP})
    status_changed_at = ma.fields.DateTime(metadata={"description": "When it entered its column"})
    contact = ma.fields.Nested(AiAgentBoardContactSchema)
    channel = ma.fields.Nested(AiAgentBoardChannelSchema)
    assignee_id = ma.fields.UUID(allow_none=True)
    ai_active = ma.fields.Boolean()
    last_message_at = ma.fields.DateTime(allow_none=True)
    last_message_preview = ma.fields.String(allow_none=True)
    progress = ma.fields.Nested(AiAgentBoardProgressSchema)
    booking = ma.fields.Dict(
        allow_none=True, metadata={"description": "The meeting booked, if any (start, consultant)"}
    )


class AiAgentBoardColumnSchema(Schema):
    status = ma.fields.String(metadata={"description": STATUS_HELP})
    count = ma.fields.Integer(metadata={"description": "Every conversation in the column"})
    items = ma.fields.List(ma.fields.Nested(AiAgentBoardCardSchema))
    next_cursor = ma.fields.String(allow_none=True)


class AiAgentBoardSchema(Schema):
    columns = ma.fields.List(ma.fields.Nested(AiAgentBoardColumnSchema))


class AiAgentBoardMoveSchema(Schema):
    status = ma.fields.String(
        required=True, validate=ma.validate.OneOf(STATUSES), metadata={"description": f"The column: {STATUS_HELP}"}
    )


@blp.route("")
class Board(MethodView):
    @auth_required()
    @blp.arguments(AiAgentBoardArgs, location="query")
    @blp.response(200, AiAgentBoardSchema)
    def get(self, args):
        """Every column with its count and first cards, newest in the column first; ``status`` + ``cursor`` page one column."""
        return board(g.db, load_config(g.db), args)


@blp.route("/<uuid:conversation_id>/move")
class Move(MethodView):
    @auth_required()
    @blp.arguments(AiAgentBoardMoveSchema)
    @blp.response(200, AiAgentBoardCardSchema)
    def post(self, data, conversation_id):
        """Move a conversation to a column: awaiting AI switches the agent on, awaiting human / converted / lost hand off."""
        return move(g.db, load_config(g.db), conversation_id, data["status"], g.principal.user_id)
