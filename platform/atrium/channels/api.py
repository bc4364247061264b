"""Channels API: connect, list, reconfigure and disconnect the company's channels."""

from __future__ import annotations

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from atrium.api.pagination import PageArgs, page_schema, paginate
from atrium.api.schemas import Schema
from atrium.auth.guard import auth_required
from atrium.channels import service
from atrium.channels.registry import adapter_for, context
from atrium.errors import Problem
from atrium.inbox.models import Channel

blp = Blueprint("channels", __name__, url_prefix="/api/v1/channels", description="Connected channels (WhatsApp numbers, the sandbox...)")

NAME = ma.validate.Length(min=1, max=120)
CONFIG_HELP = "The channel type's configuration (its JSON Schema is the adapter's `config_schema`); secrets are write-only"


class UploadRuleSchema(Schema):
    mime_types = ma.fields.List(ma.fields.String())
    max_bytes = ma.fields.Integer()


class ChannelSchema(Schema):
    id = ma.fields.UUID()
    type = ma.fields.String()
    name = ma.fields.String()
    webhook_url = ma.fields.String(metadata={"description": "Absolute path the provider must call for this channel"})
    config = ma.fields.Dict(metadata={"description": "Plain configuration; secret (writeOnly) fields are never returned"})
    secrets_set = ma.fields.List(ma.fields.String(), metadata={"description": "Names of the secret fields that are set"})
    upload_rules = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Nested(UploadRuleSchema),
        metadata={"description": "Per message type (image, video, audio, document): the uploaded files this channel sends"},
    )
    status = ma.fields.String()
    last_event_at = ma.fields.DateTime(allow_none=True)
    last_error = ma.fields.String(allow_none=True)
    last_error_at = ma.fields.DateTime(allow_none=True)
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


class ChannelCreateSchema(Schema):
    type = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40), metadata={"example": "whatsapp_cloud"})
    name = ma.fields.String(required=True, validate=NAME)
    config = ma.fields.Dict(load_default=dict, metadata={"description": CONFIG_HELP})


class ChannelPatchSchema(Schema):
    name = ma.fields.String(validate=NAME)
    config = ma.fields.Dict(
        metadata={"description": "Merge patch over the configuration: keys replace, null removes, omitted keys (secrets too) are kept"}
    )


class ChannelTemplateSchema(Schema):
    name = ma.fields.String()
    language = ma.fields.String()
    category = ma.fields.String()
    status = ma.fields.String()
    components = ma.fields.List(ma.fields.Dict(), metadata={"description": "The provider's components (HEADER, BODY, FOOTER, BUTTONS), with their text and {{placeholders}}"})
    variables = ma.fields.List(ma.fields.String(), metadata={"description": "Names of the values to send: body.1, header.1, header.image, button.0.1..."})


class ChannelTemplateListSchema(Schema):
    items = ma.fields.List(ma.fields.Nested(ChannelTemplateSchema))


class ProviderUnavailable(Problem):
    """The channel's provider could not answer (502)."""

    status, code, title = 502, "provider_unavailable", "The provider did not answer"


ChannelPage = page_schema(ChannelSchema, "ChannelPage")


@blp.route("")
class Channels(MethodView):
    @auth_required()
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, ChannelPage)
    def get(self, args):
        """List the company's channels, newest first."""
        page = paginate(g.db, select(Channel), [Channel.id], args)
        return {**page, "items": [service.describe(c) for c in page["items"]]}

    @auth_required("admin")
    @blp.arguments(ChannelCreateSchema)
    @blp.response(201, ChannelSchema)
    @blp.alt_response(409, description="A routing key of this configuration (e.g. the phone number id) belongs to another channel")
    @blp.alt_response(422, description="Unknown type, or a configuration field that breaks the type's schema (named in the problem)")
    def post(self, data):
        """Connect a channel; the answer's `webhook_url` is where the provider must send its webhooks."""
        channel = service.create_channel(g.db, g.principal.tenant, data["type"], data["name"], data["config"])
        return service.describe(channel)


@blp.route("/<uuid:channel_id>")
class ChannelItem(MethodView):
    @auth_required()
    @blp.response(200, ChannelSchema)
    def get(self, channel_id):
        """One channel."""
        return service.describe(service.get_channel(g.db, channel_id))

    @auth_required("admin")
    @blp.arguments(ChannelPatchSchema)
    @blp.response(200, ChannelSchema)
    @blp.alt_response(409, description="A routing key of the new configuration belongs to another channel")
    def patch(self, data, channel_id):
        """Rename a channel or change its configuration (omitted secrets are kept)."""
        channel = service.get_channel(g.db, channel_id)
        return service.describe(service.update_channel(g.db, g.principal.tenant, channel, data.get("name"), data.get("config")))

    @auth_required("admin")
    @blp.response(204)
    def delete(self, channel_id):
        """Disconnect a channel, deleting its conversations and messages."""
        service.delete_channel(g.db, g.principal.tenant, service.get_channel(g.db, channel_id))


@blp.route("/<uuid:channel_id>/templates")
class ChannelTemplates(MethodView):
    @auth_required()
    @blp.response(200, ChannelTemplateListSchema)
    @blp.alt_response(502, description="The provider could not be reached or refused to list the templates")
    def get(self, channel_id):
        """The channel's approved message templates and their variables (what may start a conversation)."""
        channel = service.get_channel(g.db, channel_id)
        try:
            templates = adapter_for(channel.type).list_templates(context(channel))
        except Exception as exc:  # the provider's failure, whatever the plugin raises
            raise ProviderUnavailable(f"{channel.type} did not list its templates ({type(exc).__name__})") from exc
        return {"items": templates}
