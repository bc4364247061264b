"""Team administration inside one tenant: members, roles, deactivation (no Flask here)."""

from __future__ import annotations

import uuid

from sqlalchemy import func, null, select
from sqlalchemy.exc import IntegrityError

from atrium.auth.guard import ROLE_RANK, Principal
from atrium.auth.models import Membership, User
from atrium.auth.passwords import hash_password
from atrium.auth.service import check_password_rules, revoke_user_sessions, user_by_email
from atrium.errors import Conflict, Forbidden, Invalid, NotFound


def get_member(db, tenant_id: uuid.UUID, user_id: uuid.UUID) -> tuple[User, Membership]:
    """A member of the tenant; 404 for anyone else (including other tenants' users)."""
    membership = db.scalar(select(Membership).where(Membership.tenant_id == tenant_id, Membership.user_id == user_id))
    if membership is None:
        raise NotFound("no team member with this id")
    return membership.user, membership


def _check_can_grant(actor: Principal, role: str) -> None:
    if ROLE_RANK[role] > ROLE_RANK[actor.role]:
        raise Forbidden(f"only an owner can grant the {role} role")


def add_member(db, tenant_id: uuid.UUID, email: str, name: str, password: str | None) -> tuple[User, Membership]:
    """Add a person to the team as an agent: a new account with ``password``, or an invitation to an existing one.

    An existing account is never joined without its person's consent: its
    membership stays inactive until they accept it (``answer_invitation``),
    and the team sees only the e-mail meanwhile. Other roles are given with
    ``change_role``.
    """
    user = user_by_email(db, email)
    if user is not None and db.scalar(select(Membership).where(Membership.user_id == user.id, Membership.tenant_id == tenant_id)):
        raise Conflict("this person is already in the team or invited", field="email")
    if user is None:
        if not password:
            raise Invalid("a password is required for a new account", field="password")
        check_password_rules(password)
        user = User(email=email.lower(), name=name, password_hash=hash_password(password), is_active=True)
        membership = Membership(user=user, tenant_id=tenant_id, role="agent", is_active=True)
    else:
        membership = Membership(user=user, tenant_id=tenant_id, role="agent", is_active=False, accepted_at=null())
    try:
        with db.begin_nested():  # a concurrent add of the same person loses here, not with a 500
            db.add(membership)
    except IntegrityError as exc:
        raise Conflict("this person is already in the team", field="email") from exc
    return user, membership


def _owners_left(db, tenant_id: uuid.UUID, excluding: uuid.UUID) -> int:
    return db.scalar(
        select(func.count()).select_from(Membership).where(
            Membership.tenant_id == tenant_id,
            Membership.role == "owner",
            Membership.is_active.is_(True),
            Membership.user_id != excluding,
        )
    )


def change_role(db, actor: Principal, user_id: uuid.UUID, role: str) -> tuple[User, Membership]:
    """Give a member another role, effective on their next request.

    Only an owner grants or takes away the owner role; the last active owner cannot be demoted.
    """
    user, membership = get_member(db, actor.tenant.id, user_id)
    _check_can_grant(actor, role)
    _check_can_grant(actor, membership.role)
    if membership.role == "owner" and role != "owner" and not _owners_left(db, actor.tenant.id, user_id):
        raise Conflict("the company needs at least one active owner", field="role")
    membership.role = role
    return user, membership


def set_active(db, actor: Principal, user_id: uuid.UUID, active: bool) -> tuple[User, Membership]:
    """Deactivate (sessions revoked at once) or reactivate a member."""
    user, membership = get_member(db, actor.tenant.id, user_id)
    _check_can_grant(actor, membership.role)
    if active and membership.accepted_at is None:
        raise Conflict("this person has not accepted the invitation yet", field="user_id")
    if not active:
        if user_id == actor.user_id:
            raise Conflict("you cannot deactivate yourself", field="user_id")
        if membership.role == "owner" and not _owners_left(db, actor.tenant.id, user_id):
            raise Conflict("the company needs at least one active owner", field="user_id")
        revoke_user_sessions(db, user_id, actor.tenant.id)
    membership.is_active = active
    return user, membership


def withdraw_invitation(db, actor: Principal, user_id: uuid.UUID) -> None:
    """Delete an invitation its person has not answered; 404 for members and strangers alike."""
    _, membership = get_member(db, actor.tenant.id, user_id)
    if membership.accepted_at is not None:
        raise NotFound("no pending invitation for this person")
    _check_can_grant(actor, membership.role)
    db.delete(membership)


def answer_invitation(db, user_id: uuid.UUID, tenant_id: uuid.UUID, accept: bool) -> None:
    """Accept (the membership becomes active) or decline (it is deleted) an invitation to ``tenant_id``."""
    membership = db.scalar(
        select(Membership).where(
            Membership.user_id == user_id, Membership.tenant_id == tenant_id, Membership.accepted_at.is_(None)
        )
    )
    if membership is None:
        raise NotFound("no pending invitation from this company", field="tenant_id")
    if accept:
        membership.accepted_at, membership.is_active = func.now(), True
    else:
        db.delete(membership)
