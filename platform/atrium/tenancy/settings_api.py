"""Tenant settings API: the caller's company (name, language, time zone)."""

from __future__ import annotations

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.api.schemas import Schema
from atrium.auth.guard import auth_required
from atrium.tenancy import settings

blp = Blueprint("tenant", __name__, url_prefix="/api/v1/tenant", description="The company's settings")


def _known_time_zone(value: str) -> None:
    if value not in settings.time_zones():
        raise ma.ValidationError("an IANA time zone name, e.g. America/Sao_Paulo")


NAME = ma.validate.Length(min=2, max=200)
LOCALE = ma.validate.OneOf(settings.LOCALES)


class TenantSettingsSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    slug = ma.fields.String(dump_only=True)
    name = ma.fields.String(validate=NAME)
    locale = ma.fields.String(validate=LOCALE, metadata={"description": "Language of the panel: pt-BR or en"})
    timezone = ma.fields.String(
        validate=_known_time_zone,
        metadata={"description": "IANA time zone of the company's dates, e.g. America/Sao_Paulo"},
    )
    blueprint = ma.fields.String(dump_only=True, metadata={"description": "The blueprint the company started from"})
    created_at = ma.fields.DateTime(dump_only=True)


@blp.route("")
class TenantSettings(MethodView):
    @auth_required()
    @blp.response(200, TenantSettingsSchema)
    def get(self):
        """The caller's company: name, language and time zone."""
        return settings.get_tenant(g.principal.tenant.id)

    @auth_required("admin")
    @blp.arguments(TenantSettingsSchema)
    @blp.response(200, TenantSettingsSchema)
    def patch(self, data):
        """Change the company's name, language (pt-BR or en) or time zone."""
        return settings.update_tenant(g.principal.tenant.id, data)
