"""Team API: list, add, change role, deactivate and reactivate members of the company."""

from __future__ import annotations

import marshmallow as ma
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from atrium.api.pagination import PageArgs, page_schema, paginate
from atrium.api.schemas import Schema
from atrium.auth import users
from atrium.auth.guard import auth_required
from atrium.auth.models import ROLES, Membership, User
from atrium.db.session import public_session

blp = Blueprint("users", __name__, url_prefix="/api/v1/users", description="Team members and roles")


MEMBER_STATES = ("active", "inactive", "invited")


class MemberSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    email = ma.fields.String(dump_only=True)
    name = ma.fields.String(dump_only=True)
    role = ma.fields.String(dump_only=True)
    is_active = ma.fields.Boolean(dump_only=True)
    status = ma.fields.String(
        dump_only=True,
        validate=ma.validate.OneOf(MEMBER_STATES),
        metadata={"description": "invited: an existing account that has not accepted yet (its name stays hidden)"},
    )
    created_at = ma.fields.DateTime(dump_only=True)


class NewMemberSchema(Schema):
    email = ma.fields.Email(required=True)
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    password = ma.fields.String(load_default=None, load_only=True, validate=ma.validate.Length(min=10, max=256))


class RoleSchema(Schema):
    role = ma.fields.String(required=True, validate=ma.validate.OneOf(ROLES))


MemberPage = page_schema(MemberSchema, "MemberPage")


def _dump(user: User, membership: Membership) -> dict:
    invited = membership.accepted_at is None
    active = membership.is_active and user.is_active
    return {
        "id": user.id,
        "email": user.email,
        "name": user.email if invited else user.name,
        "role": membership.role,
        "is_active": active,
        "status": "invited" if invited else "active" if active else "inactive",
        "created_at": membership.created_at,
    }


@blp.route("")
class Members(MethodView):
    @auth_required()
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, MemberPage)
    def get(self, args):
        """Team members, oldest first."""
        with public_session() as db:
            stmt = select(Membership).where(Membership.tenant_id == g.principal.tenant.id)
            page = paginate(db, stmt, [Membership.id], args, descending=False)
        return {"items": [_dump(m.user, m) for m in page["items"]], "next_cursor": page["next_cursor"]}

    @auth_required("admin")
    @blp.arguments(NewMemberSchema)
    @blp.response(201, MemberSchema)
    def post(self, data):
        """Add someone to the team as an agent: a new account with a password, or an invitation to an existing
        account (``status`` ``invited``: inactive, and shown by e-mail only, until its person accepts it).

        A ``role`` in the body is ignored; change it with ``PUT /users/{id}/role``.
        """
        with public_session() as db:
            return _dump(*users.add_member(db, g.principal.tenant.id, data["email"], data["name"], data["password"]))


@blp.route("/<uuid:user_id>")
class Member(MethodView):
    @auth_required()
    @blp.response(200, MemberSchema)
    def get(self, user_id):
        """One team member."""
        with public_session() as db:
            return _dump(*users.get_member(db, g.principal.tenant.id, user_id))


@blp.route("/<uuid:user_id>/role")
class MemberRole(MethodView):
    @auth_required("admin")
    @blp.arguments(RoleSchema)
    @blp.response(200, MemberSchema)
    def put(self, data, user_id):
        """Change a member's role (owner-only for the owner role; the last owner stays)."""
        with public_session() as db:
            return _dump(*users.change_role(db, g.principal, user_id, data["role"]))


@blp.route("/<uuid:user_id>/deactivate")
class Deactivate(MethodView):
    @auth_required("admin")
    @blp.response(200, MemberSchema)
    def post(self, user_id):
        """Deactivate a member: they can no longer log in and their sessions end now."""
        with public_session() as db:
            return _dump(*users.set_active(db, g.principal, user_id, False))


@blp.route("/<uuid:user_id>/activate")
class Activate(MethodView):
    @auth_required("admin")
    @blp.response(200, MemberSchema)
    def post(self, user_id):
        """Reactivate a member."""
        with public_session() as db:
            return _dump(*users.set_active(db, g.principal, user_id, True))


@blp.route("/<uuid:user_id>/invitation")
class Invitation(MethodView):
    @auth_required("admin")
    @blp.response(204)
    def delete(self, user_id):
        """Withdraw an invitation its person has not answered yet."""
        with public_session() as db:
            users.withdraw_invitation(db, g.principal, user_id)
