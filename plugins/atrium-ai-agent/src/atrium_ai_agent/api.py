"""The agent's API: ``/api/v1/ai/...`` (test chat, knowledge base, usage) and
``/api/v1/conversations/{id}/ai`` (switch the agent for one conversation).

Both blueprints belong to the plugin: they answer 404 to companies that have
not enabled it. HTTP only; the work is in the domain modules.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from flask import g, request
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select
from werkzeug.exceptions import UnsupportedMediaType

from atrium.plugins import Invalid, PageArgs, auth_required, conversation_info, paginate, set_conversation_ai
from atrium_ai_agent import knowledge
from atrium_ai_agent.agent import lock_conversation
from atrium_ai_agent.extract import extract_text
from atrium_ai_agent.handoff import hand_off
from atrium_ai_agent.models import Document
from atrium_ai_agent.qualification import progress_of
from atrium_ai_agent.schemas import (
    AiAgentConversationSchema,
    AiAgentDocumentCreateSchema,
    AiAgentDocumentDetailSchema,
    AiAgentDocumentPage,
    AiAgentDocumentUpdateSchema,
    AiAgentTestChatResultSchema,
    AiAgentTestChatSchema,
    AiAgentToggleSchema,
    AiAgentUsageArgs,
    AiAgentUsageSchema,
    load_or_invalid,
)
from atrium_ai_agent.settings import load_config
from atrium_ai_agent.state import opted_out, reactivate, state_of
from atrium_ai_agent.testchat import simulate_reply
from atrium_ai_agent.usage import usage_report

ai = Blueprint("ai-agent", __name__, url_prefix="/ai", description="AI agent: test chat, knowledge base, usage")
conversations = Blueprint(
    "ai-agent-conversations", __name__, url_prefix="/conversations", description="AI agent: per-conversation switch"
)

PREVIEW_CHUNKS = 3
PREVIEW_LENGTH = 200

UPLOAD_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "title": {"type": "string", "minLength": 1, "maxLength": 200},
                    "text": {"type": "string", "minLength": 1},
                },
                "required": ["title", "text"],
            }
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": ".txt, .md or .pdf (at most 3 MB)"},
                    "title": {"type": "string", "maxLength": 200, "description": "Default: the file name"},
                },
                "required": ["file"],
            }
        },
    },
}


# ---------------------------------------------------------------- conversations


def _conversation_view(conversation_id: uuid.UUID) -> dict:
    conversation = conversation_info(g.db, conversation_id)
    config = load_config(g.db)
    state = state_of(g.db, conversation, create=False)
    fields = conversation["contact"].get("custom_fields") or {}
    return {
        "conversation_id": conversation_id,
        "active": conversation["ai_active"],
        "status": state.status if state else None,
        "answers": progress_of(config, fields).as_list(),
        "booking": state.booking if state else None,
        "notes": list(state.notes or []) if state else [],
        "handed_off_at": state.handed_off_at if state else None,
        "handoff_summary": conversation["handoff_summary"],
    }


@conversations.route("/<uuid:conversation_id>/ai")
class ConversationAgent(MethodView):
    @auth_required()
    @conversations.response(200, AiAgentConversationSchema)
    def get(self, conversation_id):
        """The agent's state of a conversation: active, status, answers, booking, handoff summary."""
        return _conversation_view(conversation_id)

    @auth_required()
    @conversations.arguments(AiAgentToggleSchema)
    @conversations.response(200, AiAgentConversationSchema)
    def post(self, data, conversation_id):
        """Switch the agent on or off for a conversation; off hands it to a person with a summary."""
        conversation = conversation_info(g.db, conversation_id)
        lock_conversation(g.db, conversation_id)
        config = load_config(g.db)
        me = g.principal.user_id
        if data["active"]:
            state = state_of(g.db, conversation)
            if state.handed_off_at is not None or opted_out(g.db, state.contact_id):
                reactivate(g.db, state)
            set_conversation_ai(g.db, conversation_id, True, actor_type="agent", actor_id=me)
        elif conversation["ai_active"] or state_of(g.db, conversation, create=False) is not None:
            state = state_of(g.db, conversation)
            if state.handed_off_at is None:
                hand_off(g.db, config, conversation_id, reason="desligado por uma pessoa", by="agent", by_id=me)
        return _conversation_view(conversation_id)


# ---------------------------------------------------------------- test chat


@ai.route("/test-chat")
class TestChat(MethodView):
    @auth_required()
    @ai.arguments(AiAgentTestChatSchema)
    @ai.response(200, AiAgentTestChatResultSchema)
    def post(self, data):
        """The agent's next reply to a simulated lead, with the model, tools and knowledge used. Nothing is sent."""
        return simulate_reply(g.db, load_config(g.db), g.principal.tenant, data["messages"], data["lead"] or {})


# ---------------------------------------------------------------- knowledge


def _with_chunks(documents: list[Document], per_document: int | None) -> list[dict]:
    """Documents with their chunks: the first ``per_document`` shortened (a list), or all of them and the full text."""
    found = knowledge.chunks_of(g.db, [d.id for d in documents], per_document)
    shorten = (
        (lambda t: t if len(t) <= PREVIEW_LENGTH else t[: PREVIEW_LENGTH - 1] + "…") if per_document else (lambda t: t)
    )
    return [
        {
            **{
                k: getattr(d, k)
                for k in (
                    "id",
                    "title",
                    "source",
                    "filename",
                    "chunk_count",
                    "embedding_status",
                    "embedding_model",
                    "embedding_error",
                    "created_at",
                    "updated_at",
                )
            },
            "chunks": [
                {"position": c.position, "text": shorten(c.text), "embedded": c.embedding is not None}
                for c in found[d.id]
            ],
            **({} if per_document else {"text": d.text}),
        }
        for d in documents
    ]


def _new_document(config):
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise Invalid("send the document as the 'file' field", field="file")
        body = extract_text(upload.filename, upload.read())
        title = (request.form.get("title") or PurePath(upload.filename).stem or upload.filename).strip()[:200]
        return knowledge.create_document(g.db, config, title, body, source="file", filename=upload.filename[:255])
    if not request.is_json:
        raise UnsupportedMediaType("send JSON (title and text) or multipart/form-data (file)")
    data = load_or_invalid(AiAgentDocumentCreateSchema(), request.get_json())
    return knowledge.create_document(g.db, config, data["title"], data["text"])


@ai.route("/knowledge")
class Knowledge(MethodView):
    @auth_required()
    @ai.arguments(PageArgs, location="query")
    @ai.response(200, AiAgentDocumentPage)
    def get(self, args):
        """The knowledge base, newest first, with the first chunks of each document."""
        page = paginate(g.db, select(Document), [Document.id], args)
        return {"items": _with_chunks(page["items"], PREVIEW_CHUNKS), "next_cursor": page["next_cursor"]}

    @auth_required("admin")
    @ai.doc(requestBody=UPLOAD_BODY)
    @ai.response(201, AiAgentDocumentDetailSchema)
    def post(self):
        """Add a document: JSON ``title`` and ``text``, or a multipart ``file`` (.txt, .md, .pdf). Searchable at once; embedded by a worker."""
        document = _new_document(load_config(g.db))
        return _with_chunks([document], None)[0]


@ai.route("/knowledge/<uuid:document_id>")
class KnowledgeItem(MethodView):
    @auth_required()
    @ai.response(200, AiAgentDocumentDetailSchema)
    def get(self, document_id):
        """One document with its full text and all its chunks."""
        return _with_chunks([knowledge.get_document(g.db, document_id)], None)[0]

    @auth_required("admin")
    @ai.arguments(AiAgentDocumentUpdateSchema)
    @ai.response(200, AiAgentDocumentDetailSchema)
    def patch(self, data, document_id):
        """Change the title or the text (a new text is chunked and embedded again)."""
        document = knowledge.get_document(g.db, document_id)
        knowledge.update_document(g.db, load_config(g.db), document, data.get("title"), data.get("text"))
        return _with_chunks([document], None)[0]

    @auth_required("admin")
    @ai.response(204)
    def delete(self, document_id):
        """Delete a document and its chunks."""
        knowledge.delete_document(g.db, knowledge.get_document(g.db, document_id))


# ---------------------------------------------------------------- usage


@ai.route("/usage")
class UsageReport(MethodView):
    @auth_required("admin")
    @ai.arguments(AiAgentUsageArgs, location="query")
    @ai.response(200, AiAgentUsageSchema)
    def get(self, args):
        """Provider calls, tokens and latency per model and purpose, and per day (default: the last 30 days)."""
        return usage_report(g.db, args["since"], args["until"], load_config(g.db).timezone)
