"""Dashboard API: the figures of the panel's home page."""

from __future__ import annotations

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.api.schemas import Schema
from atrium.auth.guard import auth_required
from atrium.dashboard.stats import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS, dashboard

blp = Blueprint("dashboard", __name__, url_prefix="/api/v1/dashboard", description="Dashboard figures")


class DashboardArgs(Schema):
    days = ma.fields.Integer(
        load_default=DEFAULT_DAYS,
        validate=ma.validate.Range(min=MIN_DAYS, max=MAX_DAYS),
        metadata={"description": f"Length of the daily series, {MIN_DAYS} to {MAX_DAYS} days, today included"},
    )


class DayPointSchema(Schema):
    date = ma.fields.Date(metadata={"description": "A calendar day in the company's time zone"})
    inbound = ma.fields.Integer(metadata={"description": "Messages received that day"})
    outbound = ma.fields.Integer(
        metadata={"description": "Messages sent by the team that day (not scheduled, not failed)"}
    )
    new_contacts = ma.fields.Integer()


class DashboardSchema(Schema):
    open_conversations = ma.fields.Integer()
    pending_conversations = ma.fields.Integer()
    new_contacts_24h = ma.fields.Integer(metadata={"description": "Contacts created in the last 24 hours"})
    messages_in_24h = ma.fields.Integer(metadata={"description": "Messages received in the last 24 hours"})
    messages_out_24h = ma.fields.Integer(metadata={"description": "Messages sent by the team in the last 24 hours"})
    timezone = ma.fields.String(
        metadata={"description": "The company's time zone, in which the series' days are counted"}
    )
    series = ma.fields.List(
        ma.fields.Nested(DayPointSchema), metadata={"description": "One entry per day, oldest first, ending today"}
    )


@blp.route("")
class Dashboard(MethodView):
    @auth_required()
    @blp.arguments(DashboardArgs, location="query")
    @blp.response(200, DashboardSchema)
    def get(self, args):
        """Dashboard: open and pending conversations, 24-hour totals and daily activity in the company's time zone."""
        return dashboard(g.db, g.principal.user_id, g.principal.timezone, args["days"])
