"""Contacts: create, change and list them; phone numbers, stages, assignees and tags are checked here.

Every change that matters to a sales team (stage, assignee, tags) is written
to the contact's timeline, and every change is published as a domain event.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from sqlalchemy import Select, delete, exists, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session, selectinload

from atrium.api.pagination import paginate
from atrium.auth.models import Membership, User
from atrium.channels.contract import ContactInfo, Identity
from atrium.crm.models import PipelineStage, Tag
from atrium.db.base import new_id
from atrium.errors import Conflict, Invalid, NotFound
from atrium.inbox.activity import Actor, record
from atrium.inbox.events import emit
from atrium.inbox.filters import assignee_clause, matching_contact_ids
from atrium.inbox.ingest import find_or_create_contact
from atrium.inbox.models import Contact, ContactIdentity, ContactTag
from atrium.inbox.payloads import contact_payload, optional_id
from atrium.tenancy.context import current_tenant

PHONE = re.compile(r"^\+[1-9]\d{7,14}$")
SEPARATORS = re.compile(r"[\s().-]")
MAX_BULK = 500


def normalise_phone(value: str | None, field: str = "phone") -> str:
    """``value`` in E.164 (``+5511999990000``), spaces, dots, dashes and brackets dropped; 422 on ``field``."""
    candidate = SEPARATORS.sub("", value or "")
    if not PHONE.match(candidate):
        raise Invalid("a phone number in international format, like +5511999990000", field=field)
    return candidate


def get_contact(db: Session, contact_id: uuid.UUID, *, lock: bool = False) -> Contact:
    """The contact with this id (row-locked with ``lock``); 404 when the tenant has none."""
    stmt = select(Contact).where(Contact.id == contact_id)
    contact = db.scalars(stmt.with_for_update() if lock else stmt).first()
    if contact is None:
        raise NotFound("no contact with this id")
    return contact


def check_stage(db: Session, key: str | None, field: str = "stage_key") -> None:
    """422 on ``field`` unless ``key`` is ``None`` or a stage of the tenant's pipeline."""
    if key is not None and db.scalar(select(PipelineStage.id).where(PipelineStage.key == key)) is None:
        raise Invalid(f"no pipeline stage with key '{key}'", field=field)


def check_member(db: Session, user_id: uuid.UUID | None, field: str) -> None:
    """422 on ``field`` unless ``user_id`` is ``None`` or an active member of the current tenant."""
    if user_id is None:
        return
    found = db.scalar(
        select(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(
            Membership.tenant_id == current_tenant().id,
            Membership.user_id == user_id,
            Membership.is_active.is_(True),
            User.is_active.is_(True),
        )
    )
    if found is None:
        raise Invalid("not an active member of this company", field=field)


def get_tag(db: Session, tag_id: uuid.UUID, field: str = "tag_id") -> Tag:
    """The tenant's tag with this id; 422 on ``field`` otherwise."""
    tag = db.get(Tag, tag_id)
    if tag is None:
        raise Invalid("no tag with this id", field=field)
    return tag


def _check_phone_free(db: Session, phone: str, contact_id: uuid.UUID | None) -> None:
    # the lock ingestion takes on a new identity: a webhook cannot create this number meanwhile
    db.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": f"identity:phone:{phone}"})
    owner = db.scalar(
        select(ContactIdentity.contact_id).where(ContactIdentity.kind == "phone", ContactIdentity.value == phone)
    )
    if owner is None:
        owner = db.scalar(select(Contact.id).where(Contact.phone == phone, Contact.merged_into_id.is_(None)).limit(1))
    if owner is not None and owner != contact_id:
        raise Conflict("another contact has this phone number", field="phone")


def _set_phone(db: Session, contact: Contact, phone: str | None) -> None:
    if phone is not None:
        phone = normalise_phone(phone)
        _check_phone_free(db, phone, contact.id)
    if contact.phone == phone:
        return
    if contact.phone:
        db.execute(
            delete(ContactIdentity).where(
                ContactIdentity.contact_id == contact.id,
                ContactIdentity.kind == "phone",
                ContactIdentity.value == contact.phone,
            )
        )
    contact.phone = phone
    if phone:
        db.execute(
            insert(ContactIdentity)
            .values(id=new_id(), contact_id=contact.id, kind="phone", value=phone)
            .on_conflict_do_nothing(index_elements=["kind", "value"])
        )


def create_contact(db: Session, actor: Actor, data: dict[str, Any]) -> Contact:
    """A new contact from ``name``, ``phone``, ``email``, ``custom_fields``, ``stage_key``,
    ``assignee_id`` and first-touch ``attribution`` (UTM data)."""
    check_stage(db, data.get("stage_key"))
    check_member(db, data.get("assignee_id"), "assignee_id")
    contact = Contact(
        name=data.get("name"),
        email=data.get("email"),
        custom_fields=data.get("custom_fields") or {},
        stage_key=data.get("stage_key"),
        assignee_id=data.get("assignee_id"),
    )
    if data.get("attribution"):
        contact.attribution = {
            "source": "utm",
            **data["attribution"],
            "first_touch_at": dt.datetime.now(dt.UTC).isoformat(),
        }
    db.add(contact)
    db.flush()
    if data.get("phone") is not None:
        _set_phone(db, contact, data["phone"])
    if contact.assignee_id:
        record(db, contact.id, "assigned", {"from": None, "to": str(contact.assignee_id)}, actor)
    if contact.stage_key:
        record(db, contact.id, "stage_changed", {"from": None, "to": contact.stage_key}, actor)
    db.flush()
    emit(db, "contact.created", contact_payload(contact))
    return contact


def update_contact(db: Session, actor: Actor, contact: Contact, data: dict[str, Any]) -> Contact:
    """Change the given fields of ``contact`` (``name``, ``phone``, ``email``, ``custom_fields``,
    ``stage_key``, ``assignee_id``); stage and assignee changes go to the timeline."""
    if "phone" in data:
        _set_phone(db, contact, data["phone"])
    if "stage_key" in data:
        set_stage(db, contact, data["stage_key"], actor)
    if "assignee_id" in data:
        assign_contact(db, contact, data["assignee_id"], actor)
    for key in ("name", "email", "custom_fields"):
        if key in data:
            setattr(contact, key, data[key])
    contact_changed(db, contact)
    return contact


def contact_changed(db: Session, contact: Contact) -> None:
    """Publish ``contact.updated`` with the contact's current fields."""
    db.flush()
    emit(db, "contact.updated", contact_payload(contact))


def set_stage(db: Session, contact: Contact, key: str | None, actor: Actor) -> bool:
    """Move ``contact`` to pipeline stage ``key`` (or none); ``False`` when it was already there."""
    check_stage(db, key)
    if contact.stage_key == key:
        return False
    record(db, contact.id, "stage_changed", {"from": contact.stage_key, "to": key}, actor)
    contact.stage_key = key
    return True


def assign_contact(db: Session, contact: Contact, user_id: uuid.UUID | None, actor: Actor) -> bool:
    """Make ``user_id`` (a member, or ``None``) the contact's owner; ``False`` when unchanged."""
    check_member(db, user_id, "assignee_id")
    if contact.assignee_id == user_id:
        return False
    record(db, contact.id, "assigned", {"from": optional_id(contact.assignee_id), "to": optional_id(user_id)}, actor)
    contact.assignee_id = user_id
    return True


def add_tag(db: Session, contact: Contact, tag: Tag, actor: Actor) -> bool:
    """Tag ``contact``; ``False`` when it already had the tag."""
    added = db.scalar(
        insert(ContactTag)
        .values(contact_id=contact.id, tag_id=tag.id)
        .on_conflict_do_nothing()
        .returning(ContactTag.tag_id)
    )
    if added is not None:
        record(db, contact.id, "tag_added", {"tag_id": str(tag.id), "name": tag.name}, actor)
        db.expire(contact, ["tags"])
    return added is not None


def remove_tag(db: Session, contact: Contact, tag: Tag, actor: Actor) -> bool:
    """Untag ``contact``; ``False`` when it did not have the tag."""
    removed = db.scalar(
        delete(ContactTag)
        .where(ContactTag.contact_id == contact.id, ContactTag.tag_id == tag.id)
        .returning(ContactTag.tag_id)
    )
    if removed is not None:
        record(db, contact.id, "tag_removed", {"tag_id": str(tag.id), "name": tag.name}, actor)
        db.expire(contact, ["tags"])
    return removed is not None


def contact_for_phone(db: Session, phone: str, name: str | None) -> Contact:
    """The contact with this E.164 ``phone`` (by phone, then by identity), or a new one named ``name``."""
    owner = db.scalar(select(Contact.id).where(Contact.phone == phone, Contact.merged_into_id.is_(None)).limit(1))
    if owner is not None:
        contact = db.get(Contact, owner)
        _set_phone(db, contact, phone)
        return contact
    contact, created = find_or_create_contact(
        db, ContactInfo(identities=(Identity("phone", phone),), name=name, phone=phone)
    )
    if created:
        emit(db, "contact.created", contact_payload(contact))
    return contact


def contacts_query(filters: dict[str, Any], me: uuid.UUID) -> Select:
    """Contacts (merged ones left out) matching ``q``, ``tag``, ``stage`` and ``assignee``."""
    stmt = select(Contact).where(Contact.merged_into_id.is_(None)).options(selectinload(Contact.tags))
    if filters.get("q"):
        stmt = stmt.where(Contact.id.in_(matching_contact_ids(filters["q"])))
    if filters.get("tag"):
        stmt = stmt.where(exists().where(ContactTag.contact_id == Contact.id, ContactTag.tag_id == filters["tag"]))
    if filters.get("stage"):
        stmt = stmt.where(Contact.stage_key == filters["stage"])
    if filters.get("assignee"):
        stmt = stmt.where(assignee_clause(Contact.assignee_id, filters["assignee"], me))
    return stmt


def list_contacts(db: Session, filters: dict[str, Any], me: uuid.UUID) -> dict:
    """A page of contacts, newest first (``filters`` also carries ``cursor`` and ``limit``)."""
    return paginate(db, contacts_query(filters, me), [Contact.id], filters)


def bulk_update(db: Session, actor: Actor, ids: list[uuid.UUID], actions: dict[str, Any]) -> dict[str, Any]:
    """Apply ``set_stage``, ``add_tag``, ``remove_tag`` and/or ``assign`` to up to ``MAX_BULK`` contacts.

    Returns ``{"updated": n, "missing": [ids not found]}``; each contact's timeline gets its entries.
    """
    if not ids or len(ids) > MAX_BULK:
        raise Invalid(f"between 1 and {MAX_BULK} contact ids", field="ids")
    if not {"set_stage", "add_tag", "remove_tag", "assign"} & actions.keys():
        raise Invalid("give at least one of set_stage, add_tag, remove_tag, assign", field="set_stage")
    if "set_stage" in actions:
        check_stage(db, actions["set_stage"], "set_stage")
    if "assign" in actions:
        check_member(db, actions["assign"], "assign")
    add = get_tag(db, actions["add_tag"], "add_tag") if actions.get("add_tag") else None
    remove = get_tag(db, actions["remove_tag"], "remove_tag") if actions.get("remove_tag") else None
    contacts = db.scalars(
        select(Contact)
        .where(Contact.id.in_(set(ids)), Contact.merged_into_id.is_(None))
        .order_by(Contact.id)
        .with_for_update()
    ).all()
    for contact in contacts:
        if "set_stage" in actions:
            set_stage(db, contact, actions["set_stage"], actor)
        if "assign" in actions:
            assign_contact(db, contact, actions["assign"], actor)
        if add:
            add_tag(db, contact, add, actor)
        if remove:
            remove_tag(db, contact, remove, actor)
        contact_changed(db, contact)
    found = {c.id for c in contacts}
    return {"updated": len(contacts), "missing": [i for i in dict.fromkeys(ids) if i not in found]}
