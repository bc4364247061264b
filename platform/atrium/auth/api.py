"""Auth API: sign-up, login, refresh, logout, me, tenant switching."""

from __future__ import annotations

import marshmallow as ma
from flask import g, request
from flask.views import MethodView
from flask_smorest import Blueprint

from atrium.api.schemas import Schema
from atrium.auth import service, users
from atrium.auth.guard import auth_required
from atrium.db.session import public_session
from atrium.tenancy.names import SLUG_RE

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="Sign-up, login and sessions")


class TenantSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    slug = ma.fields.String()
    name = ma.fields.String()
    locale = ma.fields.String()
    timezone = ma.fields.String()


class SignupSchema(Schema):
    company = ma.fields.String(required=True, validate=ma.validate.Length(min=2, max=200))
    slug = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp(SLUG_RE, error="3-40 lowercase letters, digits and inner hyphens"),
    )
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    email = ma.fields.Email(required=True)
    password = ma.fields.String(required=True, load_only=True, validate=ma.validate.Length(min=10, max=256))
    blueprint = ma.fields.String(load_default=None)


class LoginSchema(Schema):
    email = ma.fields.Email(required=True)
    password = ma.fields.String(required=True, load_only=True)
    tenant = ma.fields.String(load_default=None, metadata={"description": "slug; default: the user's first company"})


class RefreshSchema(Schema):
    refresh_token = ma.fields.String(required=True, load_only=True)


class SwitchSchema(Schema):
    tenant = ma.fields.String(required=True, metadata={"description": "slug of another company of the user"})


class TokenPairSchema(Schema):
    access_token = ma.fields.String()
    refresh_token = ma.fields.String()
    token_type = ma.fields.String()
    expires_in = ma.fields.Integer()
    tenant = ma.fields.Nested(TenantSchema)


class UserSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    email = ma.fields.String()
    name = ma.fields.String()


class InvitationSchema(Schema):
    tenant = ma.fields.Nested(TenantSchema)
    role = ma.fields.String()
    invited_at = ma.fields.DateTime()


class MeSchema(Schema):
    user = ma.fields.Nested(UserSchema)
    role = ma.fields.String()
    tenant = ma.fields.Nested(TenantSchema)
    tenants = ma.fields.List(ma.fields.Nested(TenantSchema), metadata={"description": "every company of the user"})
    invitations = ma.fields.List(
        ma.fields.Nested(InvitationSchema), metadata={"description": "companies waiting for the user to join"}
    )


def _pair(pair: service.TokenPair) -> dict:
    return {
        "access_token": pair.access_token,
        "refresh_token": pair.refresh_token,
        "token_type": "Bearer",
        "expires_in": pair.expires_in,
        "tenant": pair.tenant,
    }


def _client_ip() -> str:
    return request.remote_addr or "unknown"


@blp.route("/signup")
class Signup(MethodView):
    @blp.arguments(SignupSchema)
    @blp.response(201, TokenPairSchema)
    @blp.alt_response(409, description="The slug is taken, or the email has an account and the password is not its password")
    @blp.alt_response(429, description="Too many attempts for this account or address")
    def post(self, data):
        """Create a company (tenant) and its owner, and log the owner in.

        An email that already has an account gets the new company added to that
        account when the password is that account's password.
        """
        return _pair(service.signup(**data, ip=_client_ip()))


@blp.route("/auth/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, TokenPairSchema)
    @blp.alt_response(401, description="Wrong email or password")
    @blp.alt_response(429, description="Too many attempts for this account or address")
    def post(self, data):
        """Log in to one company."""
        return _pair(service.login(data["email"], data["password"], data["tenant"], _client_ip()))


@blp.route("/auth/refresh")
class Refresh(MethodView):
    @blp.arguments(RefreshSchema)
    @blp.response(200, TokenPairSchema)
    def post(self, data):
        """Exchange a refresh token for a new pair (the old one is spent)."""
        return _pair(service.refresh(data["refresh_token"]))


@blp.route("/auth/logout")
class Logout(MethodView):
    @auth_required()
    @blp.response(204)
    def post(self):
        """End this session: its access and refresh tokens stop working."""
        service.logout(g.principal.claims)


@blp.route("/auth/switch")
class Switch(MethodView):
    @auth_required()
    @blp.arguments(SwitchSchema)
    @blp.response(200, TokenPairSchema)
    def post(self, data):
        """Move this session to another company of the same user."""
        return _pair(service.switch_tenant(g.principal.claims, data["tenant"]))


@blp.route("/auth/me")
class Me(MethodView):
    @auth_required()
    @blp.response(200, MeSchema)
    def get(self):
        """The caller, their role and company, and every company they belong to."""
        user, tenants = service.companies_of(g.principal.user_id)
        current = next(t for t in tenants if t.id == g.principal.tenant.id)
        invitations = [
            {"tenant": tenant, "role": membership.role, "invited_at": membership.created_at}
            for tenant, membership in service.invitations_of(g.principal.user_id)
        ]
        return {"user": user, "role": g.principal.role, "tenant": current, "tenants": tenants, "invitations": invitations}


@blp.route("/auth/invitations/<uuid:tenant_id>/accept")
class AcceptInvitation(MethodView):
    @auth_required()
    @blp.response(204)
    def post(self, tenant_id):
        """Join a company that invited the caller (it then appears among their companies)."""
        with public_session() as db:
            users.answer_invitation(db, g.principal.user_id, tenant_id, accept=True)


@blp.route("/auth/invitations/<uuid:tenant_id>/decline")
class DeclineInvitation(MethodView):
    @auth_required()
    @blp.response(204)
    def post(self, tenant_id):
        """Decline a company's invitation (it is deleted)."""
        with public_session() as db:
            users.answer_invitation(db, g.principal.user_id, tenant_id, accept=False)
