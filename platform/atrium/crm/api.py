"""CRM API: tags and pipeline stages of the caller's company."""

from __future__ import annotations

import uuid

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from atrium.api.pagination import PageArgs, page_schema, paginate
from atrium.api.schemas import Schema
from atrium.auth.guard import auth_required
from atrium.crm.models import PipelineStage, Tag
from atrium.errors import Conflict, NotFound

blp = Blueprint("crm", __name__, url_prefix="/api/v1", description="Tags and pipeline stages")

NO_TAG = "No tag with this id in this company"
NO_STAGE = "No pipeline stage with this id in this company"
COLOR = ma.validate.Regexp(r"^#[0-9a-fA-F]{6}$", error="a color like #1e88e5")


class TagSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=60))
    color = ma.fields.String(load_default="#64748b", validate=COLOR)
    created_at = ma.fields.DateTime(dump_only=True)


class TagPatchSchema(Schema):
    name = ma.fields.String(validate=ma.validate.Length(min=1, max=60))
    color = ma.fields.String(validate=COLOR)


class StageSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    key = ma.fields.String(
        required=True, validate=ma.validate.Regexp(r"^[a-z0-9_]{1,60}$", error="lowercase letters, digits and _")
    )
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=100))
    position = ma.fields.Integer(load_default=0, validate=ma.validate.Range(min=0, max=1000))
    color = ma.fields.String(load_default="#64748b", validate=COLOR)
    outcome = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.OneOf(["won", "lost"]))


class StagePatchSchema(Schema):
    name = ma.fields.String(validate=ma.validate.Length(min=1, max=100))
    position = ma.fields.Integer(validate=ma.validate.Range(min=0, max=1000))
    color = ma.fields.String(validate=COLOR)
    outcome = ma.fields.String(allow_none=True, validate=ma.validate.OneOf(["won", "lost"]))


TagPage = page_schema(TagSchema, "TagPage")
StagePage = page_schema(StageSchema, "StagePage")


def _get(model, object_id: uuid.UUID):
    obj = g.db.get(model, object_id)
    if obj is None:
        raise NotFound(f"no {model.__tablename__[:-1].replace('_', ' ')} with this id")
    return obj


def _save(obj, field: str):
    g.db.add(obj)
    try:
        with g.db.begin_nested():
            g.db.flush()
    except IntegrityError as exc:
        raise Conflict(f"another item already uses this {field}", field=field) from exc
    return obj


@blp.route("/tags")
class Tags(MethodView):
    @auth_required()
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, TagPage)
    def get(self, args):
        """List tags, newest first."""
        return paginate(g.db, select(Tag), [Tag.id], args)

    @auth_required("admin")
    @blp.arguments(TagSchema)
    @blp.response(201, TagSchema)
    @blp.alt_response(409, description="Another tag has this name")
    def post(self, data):
        """Create a tag."""
        return _save(Tag(**data), "name")


@blp.route("/tags/<uuid:tag_id>")
class TagItem(MethodView):
    @auth_required()
    @blp.response(200, TagSchema)
    @blp.alt_response(404, description=NO_TAG)
    def get(self, tag_id):
        """One tag."""
        return _get(Tag, tag_id)

    @auth_required("admin")
    @blp.arguments(TagPatchSchema)
    @blp.response(200, TagSchema)
    @blp.alt_response(404, description=NO_TAG)
    @blp.alt_response(409, description="Another tag has this name")
    def patch(self, data, tag_id):
        """Rename or recolor a tag."""
        tag = _get(Tag, tag_id)
        for key, value in data.items():
            setattr(tag, key, value)
        return _save(tag, "name")

    @auth_required("admin")
    @blp.response(204)
    @blp.alt_response(404, description=NO_TAG)
    def delete(self, tag_id):
        """Delete a tag."""
        g.db.delete(_get(Tag, tag_id))


@blp.route("/pipeline/stages")
class Stages(MethodView):
    @auth_required()
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, StagePage)
    def get(self, args):
        """List pipeline stages in board order."""
        return paginate(g.db, select(PipelineStage), [PipelineStage.position, PipelineStage.id], args, descending=False)

    @auth_required("admin")
    @blp.arguments(StageSchema)
    @blp.response(201, StageSchema)
    @blp.alt_response(409, description="Another stage has this key")
    def post(self, data):
        """Add a pipeline stage."""
        return _save(PipelineStage(**data), "key")


@blp.route("/pipeline/stages/<uuid:stage_id>")
class StageItem(MethodView):
    @auth_required()
    @blp.response(200, StageSchema)
    @blp.alt_response(404, description=NO_STAGE)
    def get(self, stage_id):
        """One pipeline stage."""
        return _get(PipelineStage, stage_id)

    @auth_required("admin")
    @blp.arguments(StagePatchSchema)
    @blp.response(200, StageSchema)
    @blp.alt_response(404, description=NO_STAGE)
    def patch(self, data, stage_id):
        """Rename, move or recolor a stage."""
        stage = _get(PipelineStage, stage_id)
        for key, value in data.items():
            setattr(stage, key, value)
        return _save(stage, "key")

    @auth_required("admin")
    @blp.response(204)
    @blp.alt_response(404, description=NO_STAGE)
    def delete(self, stage_id):
        """Delete a stage."""
        g.db.delete(_get(PipelineStage, stage_id))
