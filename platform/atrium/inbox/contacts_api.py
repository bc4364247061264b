"""Contacts API: CRUD, tags, notes, timeline, merge, bulk actions, LGPD export and erasure."""

from __future__ import annotations

from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.api.pagination import PageArgs
from atrium.auth.guard import auth_required
from atrium.errors import Invalid
from atrium.inbox import activity, contacts, merge, notes, privacy
from atrium.inbox.activity import Actor
from atrium.inbox.audit import audit_page
from atrium.inbox.schemas import (
    ActivityPage,
    AuditPage,
    BulkResultSchema,
    BulkSchema,
    ContactArgs,
    ContactDetailSchema,
    ContactPage,
    ContactPatchSchema,
    ContactSchema,
    EraseArgs,
    MergeSchema,
    NotePage,
    NoteSchema,
    TagIdSchema,
)

blp = Blueprint("contacts", __name__, url_prefix="/api/v1", description="Contacts, their notes, tags and timeline")


def _agent() -> Actor:
    return Actor("agent", g.principal.user_id)


@blp.route("/contacts")
class Contacts(MethodView):
    @auth_required()
    @blp.arguments(ContactArgs, location="query")
    @blp.response(200, ContactPage)
    def get(self, args):
        """List contacts, newest first, with filters and search."""
        return contacts.list_contacts(g.db, args, g.principal.user_id)

    @auth_required()
    @blp.arguments(ContactSchema)
    @blp.response(201, ContactDetailSchema)
    def post(self, data):
        """Create a contact (with first-touch UTM attribution, if any)."""
        return contacts.create_contact(g.db, _agent(), data)


@blp.route("/contacts/bulk")
class ContactsBulk(MethodView):
    @auth_required()
    @blp.arguments(BulkSchema)
    @blp.response(200, BulkResultSchema)
    def post(self, data):
        """Set the lead status, add or remove a tag, or assign many contacts at once."""
        ids = data.pop("ids")
        return contacts.bulk_update(g.db, _agent(), ids, data)


@blp.route("/contacts/<uuid:contact_id>")
class ContactItem(MethodView):
    @auth_required()
    @blp.response(200, ContactDetailSchema)
    def get(self, contact_id):
        """One contact with its identities and attribution."""
        return contacts.get_contact(g.db, contact_id)

    @auth_required()
    @blp.arguments(ContactPatchSchema)
    @blp.response(200, ContactDetailSchema)
    def patch(self, data, contact_id):
        """Change a contact's fields, lead status or assignee."""
        return contacts.update_contact(g.db, _agent(), contacts.get_contact(g.db, contact_id, lock=True), data)

    @auth_required("admin")
    @blp.arguments(EraseArgs, location="query")
    @blp.response(204)
    def delete(self, args, contact_id):
        """Erase a contact and everything about it (LGPD); requires ``erase=true``. Audited."""
        contact = contacts.get_contact(g.db, contact_id, lock=True)
        if not args["erase"]:
            raise Invalid(
                "deleting a contact erases its conversations and messages for good: confirm with erase=true",
                field="erase",
            )
        privacy.erase_contact(g.db, contact, _agent())


@blp.route("/contacts/<uuid:contact_id>/export")
class ContactExport(MethodView):
    @auth_required("admin")
    @blp.response(200, description="Everything stored about the contact (LGPD access request). Audited.")
    def get(self, contact_id):
        """Export everything stored about a contact as JSON."""
        document = privacy.export_contact(g.db, contacts.get_contact(g.db, contact_id), _agent())
        return document, 200, {"Content-Disposition": f'attachment; filename="contact-{contact_id}.json"'}


@blp.route("/contacts/<uuid:contact_id>/tags")
class ContactTags(MethodView):
    @auth_required()
    @blp.arguments(TagIdSchema)
    @blp.response(200, ContactDetailSchema)
    def post(self, data, contact_id):
        """Tag a contact."""
        contact = contacts.get_contact(g.db, contact_id, lock=True)
        contacts.add_tag(g.db, contact, contacts.get_tag(g.db, data["tag_id"]), _agent())
        contacts.contact_changed(g.db, contact)
        return contact


@blp.route("/contacts/<uuid:contact_id>/tags/<uuid:tag_id>")
class ContactTagItem(MethodView):
    @auth_required()
    @blp.response(204)
    def delete(self, contact_id, tag_id):
        """Remove a tag from a contact."""
        contact = contacts.get_contact(g.db, contact_id, lock=True)
        contacts.remove_tag(g.db, contact, contacts.get_tag(g.db, tag_id), _agent())
        contacts.contact_changed(g.db, contact)


@blp.route("/contacts/<uuid:contact_id>/notes")
class ContactNotes(MethodView):
    @auth_required()
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, NotePage)
    def get(self, args, contact_id):
        """A contact's notes, newest first."""
        return notes.notes_page(g.db, contacts.get_contact(g.db, contact_id).id, args)

    @auth_required()
    @blp.arguments(NoteSchema)
    @blp.response(201, NoteSchema)
    def post(self, data, contact_id):
        """Write a note on a contact."""
        return notes.add_note(g.db, contacts.get_contact(g.db, contact_id), data["text"], _agent())


@blp.route("/contacts/<uuid:contact_id>/notes/<uuid:note_id>")
class ContactNoteItem(MethodView):
    @auth_required()
    @blp.response(204)
    def delete(self, contact_id, note_id):
        """Delete a note."""
        notes.delete_note(g.db, contacts.get_contact(g.db, contact_id), note_id, _agent())


@blp.route("/contacts/<uuid:contact_id>/activities")
class ContactActivities(MethodView):
    @auth_required()
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, ActivityPage)
    def get(self, args, contact_id):
        """A contact's timeline, newest first."""
        return activity.timeline(g.db, contacts.get_contact(g.db, contact_id).id, args)


@blp.route("/contacts/<uuid:contact_id>/merge")
class ContactMerge(MethodView):
    @auth_required()
    @blp.arguments(MergeSchema)
    @blp.response(200, ContactDetailSchema)
    def post(self, data, contact_id):
        """Merge another contact (``contact_id`` in the body) into this one."""
        return merge.merge_contacts(g.db, contact_id, data["contact_id"], _agent())


@blp.route("/audit-log")
class AuditLog(MethodView):
    @auth_required("admin")
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, AuditPage)
    def get(self, args):
        """The company's audit log (contact exports and erasures), newest first."""
        return audit_page(g.db, args)
