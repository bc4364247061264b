"""The notes API: ``/api/v1/plugins/example-notes/notes``.

``auth_required`` authenticates the caller, answers 404 while the company has
not enabled the plugin, and gives ``g.db``, a session bound to the company's
schema: every query below sees that company's notes only.
"""

from __future__ import annotations

import uuid

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from atrium.plugins import NotFound, PageArgs, Schema, auth_required, page_schema, paginate

from atrium_example_notes.jobs import export_notes
from atrium_example_notes.models import ExampleNote

blp = Blueprint("example-notes", __name__, url_prefix="/plugins/example-notes", description="Example plugin: notes")


class ExampleNoteSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    title = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    body = ma.fields.String(load_default="", validate=ma.validate.Length(max=10_000))
    created_at = ma.fields.DateTime(dump_only=True)


NotePage = page_schema(ExampleNoteSchema, "ExampleNotePage")


def _get(note_id: uuid.UUID) -> ExampleNote:
    note = g.db.get(ExampleNote, note_id)
    if note is None:
        raise NotFound("no note with this id")
    return note


@blp.route("/notes")
class Notes(MethodView):
    @auth_required()
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, NotePage)
    def get(self, args):
        """The company's notes, newest first."""
        return paginate(g.db, select(ExampleNote), [ExampleNote.id], args)

    @auth_required()
    @blp.arguments(ExampleNoteSchema)
    @blp.response(201, ExampleNoteSchema)
    def post(self, data):
        """Write a note."""
        note = ExampleNote(title=data["title"], body=data["body"])
        g.db.add(note)
        g.db.flush()
        return note


@blp.route("/notes/<uuid:note_id>")
class Note(MethodView):
    @auth_required()
    @blp.response(200, ExampleNoteSchema)
    def get(self, note_id):
        """One note."""
        return _get(note_id)

    @auth_required("admin")
    @blp.response(204)
    def delete(self, note_id):
        """Delete a note (admins)."""
        g.db.delete(_get(note_id))


@blp.route("/export")
class Export(MethodView):
    @auth_required("admin")
    @blp.response(202)
    def post(self):
        """Send every note to the configured ``export_url`` in the background."""
        export_notes.send()
