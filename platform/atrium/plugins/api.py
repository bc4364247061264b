"""Plugins API: the catalogue with per-tenant state, enable/disable, settings."""

from __future__ import annotations

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.api.schemas import Schema
from atrium.auth.guard import auth_required
from atrium.plugins import service
from atrium.plugins.manager import get_plugin_manager

blp = Blueprint("plugins", __name__, url_prefix="/api/v1/plugins", description="Installed plugins and their per-company settings")


class PluginSchema(Schema):
    id = ma.fields.String()
    version = ma.fields.String()
    enabled = ma.fields.Boolean()
    settings_schema = ma.fields.Dict(metadata={"description": "JSON Schema of the settings; writeOnly fields are secrets"})


class SettingsBody(ma.Schema):
    """A plugin's settings object; validated against the plugin's own JSON Schema."""

    class Meta:
        unknown = ma.INCLUDE

    @ma.post_dump(pass_original=True)
    def keep_every_key(self, data, original, **kwargs):
        """Dump the settings as they are (the fields are the plugin's, not this schema's)."""
        return dict(original)


class PluginListSchema(Schema):
    items = ma.fields.List(ma.fields.Nested(PluginSchema))
    next_cursor = ma.fields.String(allow_none=True)


def _describe(plugin_id: str, enabled: set[str], schema: dict | None = None) -> dict:
    info = service.plugin_info(plugin_id)
    schema = service.settings_schema(info.id) if schema is None else schema
    return {"id": info.id, "version": info.version, "enabled": info.id in enabled, "settings_schema": schema}


@blp.route("")
class Plugins(MethodView):
    @auth_required()
    @blp.response(200, PluginListSchema)
    def get(self):
        """Installed plugins, whether each is enabled for this company, and their settings schema."""
        enabled = service.enabled_plugin_ids(g.principal.tenant.id)
        schemas = service.settings_schemas()
        return {"items": [_describe(p.id, enabled, schemas[p.id]) for p in get_plugin_manager().plugin_infos()], "next_cursor": None}


@blp.route("/<plugin_id>")
class PluginItem(MethodView):
    @auth_required()
    @blp.response(200, PluginSchema)
    def get(self, plugin_id):
        """One installed plugin."""
        return _describe(plugin_id, service.enabled_plugin_ids(g.principal.tenant.id))


@blp.route("/<plugin_id>/enable")
class Enable(MethodView):
    @auth_required("admin")
    @blp.response(200, PluginSchema)
    def post(self, plugin_id):
        """Enable a plugin for this company."""
        service.set_enabled(g.principal.tenant, plugin_id, True)
        return _describe(plugin_id, service.enabled_plugin_ids(g.principal.tenant.id))


@blp.route("/<plugin_id>/disable")
class Disable(MethodView):
    @auth_required("admin")
    @blp.response(200, PluginSchema)
    def post(self, plugin_id):
        """Disable a plugin for this company (its settings are kept)."""
        service.set_enabled(g.principal.tenant, plugin_id, False)
        return _describe(plugin_id, service.enabled_plugin_ids(g.principal.tenant.id))


@blp.route("/<plugin_id>/settings")
class Settings(MethodView):
    @auth_required("admin")
    @blp.response(200, SettingsBody)
    def get(self, plugin_id):
        """This company's settings of the plugin; secret fields are masked."""
        return service.get_settings_masked(g.db, plugin_id)

    @auth_required("admin")
    @blp.arguments(SettingsBody)
    @blp.response(200, SettingsBody)
    @blp.alt_response(422, description="A field does not match the plugin's settings schema")
    def put(self, data, plugin_id):
        """Replace this company's settings of the plugin (validated; secrets encrypted, omitted secrets kept)."""
        return service.put_settings(g.db, plugin_id, data)
