"""Request and response schemas of the inbox API (contacts, conversations, messages)."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest.fields import Upload

from atrium.api.pagination import PageArgs, page_schema
from atrium.api.schemas import Schema
from atrium.inbox.contacts import MAX_BULK
from atrium.inbox.conversations import STATUSES
from atrium.inbox.messages import OUTBOUND_TYPES

SHORT = ma.validate.Length(max=500)

# ---------------------------------------------------------------- contacts


class TagRefSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    name = ma.fields.String(dump_only=True)
    color = ma.fields.String(dump_only=True)


class IdentitySchema(Schema):
    kind = ma.fields.String(
        dump_only=True, metadata={"description": "phone, wa_id, bsuid, username, lid, jid, ig_sid, ..."}
    )
    value = ma.fields.String(dump_only=True)


class AttributionSchema(Schema):
    """First-touch UTM data given when a contact is created (e.g. by a landing page)."""

    utm_source = ma.fields.String(validate=SHORT)
    utm_medium = ma.fields.String(validate=SHORT)
    utm_campaign = ma.fields.String(validate=SHORT)
    utm_term = ma.fields.String(validate=SHORT)
    utm_content = ma.fields.String(validate=SHORT)
    gclid = ma.fields.String(validate=SHORT)
    fbclid = ma.fields.String(validate=SHORT)
    landing_page = ma.fields.String(validate=ma.validate.Length(max=2000))
    referrer = ma.fields.String(validate=ma.validate.Length(max=2000))


def _custom_fields(value: dict) -> None:
    if len(value) > 100:
        raise ma.ValidationError("at most 100 custom fields")


class ContactSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    name = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=200))
    phone = ma.fields.String(allow_none=True, metadata={"description": "E.164, e.g. +5511999990000"})
    email = ma.fields.Email(allow_none=True)
    stage_key = ma.fields.String(allow_none=True, metadata={"description": "Lead status: a pipeline stage key"})
    assignee_id = ma.fields.UUID(allow_none=True)
    custom_fields = ma.fields.Dict(
        keys=ma.fields.String(validate=ma.validate.Length(min=1, max=100)), validate=_custom_fields
    )
    attribution = ma.fields.Nested(AttributionSchema, load_only=True)
    tags = ma.fields.List(ma.fields.Nested(TagRefSchema), dump_only=True)
    merged_into_id = ma.fields.UUID(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)
    updated_at = ma.fields.DateTime(dump_only=True)


class ContactDetailSchema(ContactSchema):
    attribution = ma.fields.Dict(
        dump_only=True, allow_none=True, metadata={"description": "First touch: CTWA referral or UTM data"}
    )
    identities = ma.fields.List(ma.fields.Nested(IdentitySchema), dump_only=True)


class ContactPatchSchema(ContactSchema):
    class Meta(ContactSchema.Meta):
        exclude = ("attribution",)


class ContactArgs(PageArgs):
    q = ma.fields.String(validate=ma.validate.Length(min=1, max=200), metadata={"description": "Name, phone or e-mail"})
    tag = ma.fields.UUID(metadata={"description": "Tag id"})
    stage = ma.fields.String(metadata={"description": "Lead status (pipeline stage key)"})
    assignee = ma.fields.String(metadata={"description": "'me', 'unassigned' or a user id"})


class TagIdSchema(Schema):
    tag_id = ma.fields.UUID(required=True)


class NoteSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    contact_id = ma.fields.UUID(dump_only=True)
    author_id = ma.fields.UUID(dump_only=True, allow_none=True)
    text = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=10_000))
    created_at = ma.fields.DateTime(dump_only=True)


class ActivitySchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    kind = ma.fields.String(dump_only=True)
    data = ma.fields.Dict(dump_only=True)
    actor_type = ma.fields.String(dump_only=True)
    actor_id = ma.fields.UUID(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)


class MergeSchema(Schema):
    contact_id = ma.fields.UUID(required=True, metadata={"description": "The contact merged into this one"})


class BulkSchema(Schema):
    ids = ma.fields.List(ma.fields.UUID(), required=True, validate=ma.validate.Length(min=1, max=MAX_BULK))
    set_stage = ma.fields.String(allow_none=True)
    add_tag = ma.fields.UUID()
    remove_tag = ma.fields.UUID()
    assign = ma.fields.UUID(allow_none=True)


class BulkResultSchema(Schema):
    updated = ma.fields.Integer()
    missing = ma.fields.List(ma.fields.UUID(), metadata={"description": "Ids with no (unmerged) contact"})


class EraseArgs(Schema):
    erase = ma.fields.Boolean(load_default=False, metadata={"description": "Must be true: confirms the erasure"})


class AuditSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    action = ma.fields.String(dump_only=True)
    subject_type = ma.fields.String(dump_only=True)
    subject_id = ma.fields.UUID(dump_only=True)
    actor_type = ma.fields.String(dump_only=True)
    actor_id = ma.fields.UUID(dump_only=True, allow_none=True)
    details = ma.fields.Dict(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)


# ---------------------------------------------------------------- conversations and messages


class ContactRefSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    name = ma.fields.String(dump_only=True, allow_none=True)
    phone = ma.fields.String(dump_only=True, allow_none=True)
    stage_key = ma.fields.String(dump_only=True, allow_none=True)


def _date_time(description: str | None = None) -> ma.fields.String:
    metadata = {"format": "date-time"} | ({"description": description} if description else {})
    return ma.fields.String(dump_only=True, allow_none=True, metadata=metadata)


class ConversationSchema(Schema):
    """A conversation as built by ``atrium.inbox.payloads.conversation_view`` (already JSON-simple)."""

    id = ma.fields.UUID(dump_only=True)
    status = ma.fields.String(dump_only=True)
    channel_id = ma.fields.UUID(dump_only=True)
    channel_type = ma.fields.String(dump_only=True)
    unread_count = ma.fields.Integer(dump_only=True)
    last_message_at = _date_time()
    last_message_preview = ma.fields.String(dump_only=True, allow_none=True)
    last_inbound_at = _date_time()
    window_open = ma.fields.Boolean(dump_only=True, metadata={"description": "Whether free-form messages can be sent now"})
    window_expires_at = _date_time("When the customer-service window closes")
    assignee_id = ma.fields.UUID(dump_only=True, allow_none=True)
    ai_active = ma.fields.Boolean(dump_only=True)
    contact = ma.fields.Nested(ContactRefSchema, dump_only=True)
    tags = ma.fields.List(ma.fields.Nested(TagRefSchema), dump_only=True)
    created_at = _date_time()


class ConversationArgs(PageArgs):
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))
    channel_id = ma.fields.UUID()
    assignee = ma.fields.String(metadata={"description": "'me', 'unassigned' or a user id"})
    tag = ma.fields.UUID(metadata={"description": "Tag id (on the contact)"})
    unread = ma.fields.Boolean(load_default=None)
    stage = ma.fields.String(metadata={"description": "Lead status of the contact (pipeline stage key)"})
    q = ma.fields.String(
        validate=ma.validate.Length(min=1, max=200),
        metadata={"description": "Words in messages, contact name or phone"},
    )


class ConversationPatchSchema(Schema):
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))
    assignee_id = ma.fields.UUID(
        allow_none=True, metadata={"description": "A team member's user id, or null to unassign"}
    )
    ai_active = ma.fields.Boolean()


class ViewCountsSchema(Schema):
    mine = ma.fields.Integer()
    unassigned = ma.fields.Integer()
    all = ma.fields.Integer()
    unread = ma.fields.Integer()


class CountersSchema(Schema):
    mine = ma.fields.Integer(metadata={"description": "Unresolved conversations assigned to the caller"})
    unassigned = ma.fields.Integer()
    all = ma.fields.Integer(metadata={"description": "Unresolved (open or pending) conversations"})
    unread = ma.fields.Integer(metadata={"description": "Unresolved conversations with unread messages"})
    open = ma.fields.Integer()
    pending = ma.fields.Integer()
    resolved = ma.fields.Integer()
    by_status = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Nested(ViewCountsSchema),
        metadata={"description": "For each status (open, pending, resolved): mine, unassigned, all, unread"},
    )


def _parameters(value) -> None:
    values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
    if values is None or len(values) > 100 or not all(isinstance(v, str) for v in values):
        raise ma.ValidationError('a list of body values, or an object of variables ({"body.1": "Maria"}); strings only')


class TemplateSchema(Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=512))
    language = ma.fields.String(load_default="pt_BR", validate=ma.validate.Length(min=2, max=15))
    parameters = ma.fields.Raw(
        load_default=list,
        validate=_parameters,
        metadata={"description": "Body values in order, or variables by the names the channel's templates list"},
    )
    components = ma.fields.List(
        ma.fields.Dict(), metadata={"description": "The provider's own component list, sent as is"}
    )


class MediaContentSchema(Schema):
    url = ma.fields.Url(
        schemes={"https", "http"}, validate=ma.validate.Length(max=2000), metadata={"pattern": "^https?://"}
    )
    media_id = ma.fields.String(validate=SHORT)
    upload_id = ma.fields.UUID(metadata={"description": "A file uploaded with POST /api/v1/media"})
    caption = ma.fields.String(validate=ma.validate.Length(max=1024))
    filename = ma.fields.String(validate=ma.validate.Length(max=240))
    mime_type = ma.fields.String(validate=ma.validate.Length(max=100))


class MessageCreateSchema(Schema):
    type = ma.fields.String(required=True, validate=ma.validate.OneOf(OUTBOUND_TYPES))
    text = ma.fields.String(validate=ma.validate.Length(max=4096))
    content = ma.fields.Nested(
        MediaContentSchema, metadata={"description": "Media: url, media_id or upload_id; caption, filename"}
    )
    template = ma.fields.Nested(TemplateSchema)
    reply_to = ma.fields.UUID(metadata={"description": "Id of the message answered"})
    scheduled_at = ma.fields.AwareDateTime(metadata={"description": "Send later, at this time"})


class UploadArgs(Schema):
    file = Upload(required=True, metadata={"description": "The file (multipart/form-data)"})


class UploadSchema(Schema):
    id = ma.fields.UUID(dump_only=True, metadata={"description": "Send it as content.upload_id"})
    type = ma.fields.String(dump_only=True, metadata={"description": "The media message type: image, video, audio or document"})
    filename = ma.fields.String(dump_only=True)
    mime_type = ma.fields.String(dump_only=True)
    size = ma.fields.Integer(dump_only=True)
    sha256 = ma.fields.String(dump_only=True)
    created_at = ma.fields.DateTime(dump_only=True)


class MessageSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    conversation_id = ma.fields.UUID(dump_only=True)
    direction = ma.fields.String(dump_only=True, metadata={"description": "inbound or outbound"})
    type = ma.fields.String(dump_only=True)
    text = ma.fields.String(dump_only=True, allow_none=True)
    content = ma.fields.Dict(dump_only=True)
    status = ma.fields.String(
        dump_only=True,
        metadata={"description": "received (inbound); scheduled, queued, sending, sent, delivered, read, failed"},
    )
    error = ma.fields.Dict(dump_only=True, allow_none=True, metadata={"description": "Why it failed: {code, message}"})
    provider_message_id = ma.fields.String(dump_only=True, allow_none=True)
    reply_to = ma.fields.String(attribute="reply_to_provider_id", dump_only=True, allow_none=True)
    author_type = ma.fields.String(dump_only=True, metadata={"description": "contact, agent, ai or system"})
    author_id = ma.fields.UUID(dump_only=True, allow_none=True)
    created_at = ma.fields.DateTime(dump_only=True)
    scheduled_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    sent_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    delivered_at = ma.fields.DateTime(dump_only=True, allow_none=True)
    read_at = ma.fields.DateTime(dump_only=True, allow_none=True)


class NewConversationSchema(Schema):
    channel_id = ma.fields.UUID(required=True)
    phone = ma.fields.String(required=True, metadata={"description": "E.164, e.g. +5511999990000"})
    name = ma.fields.String(validate=ma.validate.Length(max=200), metadata={"description": "For a new contact"})
    template = ma.fields.Nested(TemplateSchema, required=True)


class StartedConversationSchema(Schema):
    conversation = ma.fields.Nested(ConversationSchema)
    message = ma.fields.Nested(MessageSchema)


ContactPage = page_schema(ContactSchema, "ContactPage")
NotePage = page_schema(NoteSchema, "NotePage")
ActivityPage = page_schema(ActivitySchema, "ActivityPage")
AuditPage = page_schema(AuditSchema, "AuditPage")
ConversationPage = page_schema(ConversationSchema, "ConversationPage")
MessagePage = page_schema(MessageSchema, "MessagePage")
