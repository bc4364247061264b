"""Internal notes agents write on a contact; each one also lands on the contact's timeline."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from atrium.api.pagination import paginate
from atrium.errors import NotFound
from atrium.inbox.activity import Actor, record
from atrium.inbox.models import Contact, Note


def add_note(db: Session, contact: Contact, text: str, actor: Actor) -> Note:
    """Write a note on ``contact``."""
    note = Note(contact_id=contact.id, author_id=actor.id, text=text)
    db.add(note)
    db.flush()
    record(db, contact.id, "note_added", {"note_id": str(note.id)}, actor)
    return note


def notes_page(db: Session, contact_id: uuid.UUID, args: dict) -> dict:
    """A page of a contact's notes, newest first."""
    return paginate(db, select(Note).where(Note.contact_id == contact_id), [Note.id], args)


def delete_note(db: Session, contact: Contact, note_id: uuid.UUID, actor: Actor) -> None:
    """Delete one of ``contact``'s notes; 404 when it has no such note."""
    note = db.scalar(select(Note).where(Note.id == note_id, Note.contact_id == contact.id))
    if note is None:
        raise NotFound("no note with this id on this contact")
    db.delete(note)
    record(db, contact.id, "note_deleted", {"note_id": str(note.id)}, actor)
