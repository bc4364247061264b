"""Request and response schemas of the agent's API (names prefixed ``AiAgent``: OpenAPI names are shared)."""

from __future__ import annotations

import marshmallow as ma

from atrium.plugins import Invalid, Schema, page_schema

MAX_TEXT = 500_000


class AiAgentToggleSchema(Schema):
    active = ma.fields.Boolean(
        required=True, metadata={"description": "true: the agent answers this conversation; false: hand it to a person"}
    )


class AiAgentStepAnswerSchema(Schema):
    step = ma.fields.String()
    field = ma.fields.String()
    intent = ma.fields.String()
    answer = ma.fields.Raw(allow_none=True)


class AiAgentConversationSchema(Schema):
    conversation_id = ma.fields.UUID(dump_only=True)
    active = ma.fields.Boolean(dump_only=True, metadata={"description": "The conversation's ai_active flag"})
    status = ma.fields.String(
        dump_only=True,
        allow_none=True,
        metadata={
            "description": "qualifying, qualified, scheduled, awaiting_human or lost; null before the agent's first reply"
        },
    )
    answers = ma.fields.List(ma.fields.Nested(AiAgentStepAnswerSchema), dump_only=True)
    booking = ma.fields.Dict(dump_only=True, allow_none=True)
    notes = ma.fields.List(ma.fields.String(), dump_only=True)
    handed_off_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    handoff_summary = ma.fields.Dict(dump_only=True, allow_none=True)


class AiAgentChatMessageSchema(Schema):
    role = ma.fields.String(required=True, validate=ma.validate.OneOf(("user", "assistant")))
    content = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=4096))


class AiAgentTestLeadSchema(Schema):
    name = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.Length(max=200))
    interest = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.Length(max=500))


class AiAgentTestChatSchema(Schema):
    messages = ma.fields.List(
        ma.fields.Nested(AiAgentChatMessageSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=50),
        metadata={"description": "The conversation so far, oldest first; the last message is the lead's"},
    )
    lead = ma.fields.Nested(AiAgentTestLeadSchema, load_default=dict)

    @ma.validates_schema
    def _last_is_the_leads(self, data, **kwargs):
        if data.get("messages") and data["messages"][-1]["role"] != "user":
            raise ma.ValidationError("the last message must be the lead's (role 'user')", "messages")


class AiAgentTestChatResultSchema(Schema):
    reply = ma.fields.String()
    model = ma.fields.String(metadata={"description": "The model that wrote the reply ('scripted' without a provider)"})
    tool_calls = ma.fields.List(
        ma.fields.Dict(), metadata={"description": "Each tool called: name, arguments, result, source"}
    )
    knowledge = ma.fields.List(
        ma.fields.Dict(), metadata={"description": "Chunks retrieved: title, text, score, matched_by"}
    )


class AiAgentDocumentCreateSchema(Schema):
    title = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    text = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=MAX_TEXT))


class AiAgentDocumentUpdateSchema(Schema):
    title = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    text = ma.fields.String(validate=ma.validate.Length(min=1, max=MAX_TEXT))


class AiAgentChunkSchema(Schema):
    position = ma.fields.Integer()
    text = ma.fields.String()
    embedded = ma.fields.Boolean()


class AiAgentDocumentSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    title = ma.fields.String(dump_only=True)
    source = ma.fields.String(dump_only=True, metadata={"description": "text, file or blueprint"})
    filename = ma.fields.String(dump_only=True, allow_none=True)
    chunk_count = ma.fields.Integer(dump_only=True)
    embedding_status = ma.fields.String(
        dump_only=True,
        metadata={"description": "pending, ready, failed or disabled (no provider: full-text search only)"},
    )
    embedding_model = ma.fields.String(dump_only=True, allow_none=True)
    embedding_error = ma.fields.String(dump_only=True, allow_none=True)
    chunks = ma.fields.List(
        ma.fields.Nested(AiAgentChunkSchema),
        dump_only=True,
        metadata={"description": "Chunk previews (all chunks for one document)"},
    )
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class AiAgentDocumentDetailSchema(AiAgentDocumentSchema):
    text = ma.fields.String(dump_only=True, metadata={"description": "The full text (to edit it)"})


AiAgentDocumentPage = page_schema(AiAgentDocumentSchema, "AiAgentDocumentPage")


class AiAgentUsageArgs(Schema):
    since = ma.fields.Date(
        data_key="from", load_default=None, metadata={"description": "First day (default: 30 days ago)"}
    )
    until = ma.fields.Date(data_key="to", load_default=None, metadata={"description": "Last day (default: today)"})


class AiAgentUsageRowSchema(Schema):
    model = ma.fields.String()
    purpose = ma.fields.String(metadata={"description": "reply, test_chat, embedding or search"})
    calls = ma.fields.Integer()
    failed = ma.fields.Integer()
    prompt_tokens = ma.fields.Integer()
    completion_tokens = ma.fields.Integer()
    avg_latency_ms = ma.fields.Integer()
    p95_latency_ms = ma.fields.Integer()


class AiAgentUsageDaySchema(Schema):
    day = ma.fields.Date()
    calls = ma.fields.Integer()
    prompt_tokens = ma.fields.Integer()
    completion_tokens = ma.fields.Integer()


class AiAgentUsageSchema(Schema):
    since = ma.fields.Date(data_key="from")
    until = ma.fields.Date(data_key="to")
    calls = ma.fields.Integer()
    failed = ma.fields.Integer()
    prompt_tokens = ma.fields.Integer()
    completion_tokens = ma.fields.Integer()
    by_model = ma.fields.List(ma.fields.Nested(AiAgentUsageRowSchema))
    by_day = ma.fields.List(ma.fields.Nested(AiAgentUsageDaySchema))


def load_or_invalid(schema: ma.Schema, data) -> dict:
    """``schema.load(data)``, a validation failure as a 422 naming each field."""
    try:
        return schema.load(data if data is not None else {})
    except ma.ValidationError as exc:
        errors = _flatten(exc.messages)
        raise Invalid(f"invalid value for '{errors[0]['field']}': {errors[0]['message']}", errors=errors) from exc


def _flatten(messages, prefix: str = "") -> list[dict]:
    if isinstance(messages, dict):
        return [
            e for key, value in messages.items() for e in _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        ]
    return [
        {
            "field": prefix or None,
            "location": "json",
            "message": " ".join(map(str, messages)) if isinstance(messages, list) else str(messages),
        }
    ]
