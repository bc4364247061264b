"""Auth API: sign-up, login, refresh, logout, me, tenant switching."""

from __future__ import annotations

import marshmallow as ma
from flask import g, request
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from atrium.api.schemas import Schema
from atrium.auth import service
from atrium.auth.guard import auth_required
from atrium.auth.models import Membership, User
from atrium.db.session import public_session
from atrium.tenancy.models import Tenant
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


class MeSchema(Schema):
    user = ma.fields.Nested(UserSchema)
    role = ma.fields.String()
    tenant = ma.fields.Nested(TenantSchema)
    tenants = ma.fields.List(ma.fields.Nested(TenantSchema), metadata={"description": "every company of the user"})


def _pair(pair: service.TokenPair) -> dict:
    return {
        "access_token": pair.access_token,
        "refresh_token": pair.refresh_token,
        "token_type": "Bearer",
        "expires_in": pair.expires_in,
        "tenant": pair.tenant,
    }


@blp.route("/signup")
class Signup(MethodView):
    @blp.arguments(SignupSchema)
    @blp.response(201, TokenPairSchema)
    @blp.alt_response(409, description="The slug or the email is taken")
    def post(self, data):
        """Create a company (tenant) and its owner, and log the owner in."""
        return _pair(service.signup(**data))


@blp.route("/auth/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, TokenPairSchema)
    @blp.alt_response(401, description="Wrong email or password")
    @blp.alt_response(429, description="Too many attempts for this account or address")
    def post(self, data):
        """Log in to one company."""
        return _pair(service.login(data["email"], data["password"], data["tenant"], request.remote_addr or "unknown"))


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
        principal = g.principal
        with public_session() as db:
            user = db.get(User, principal.user_id)
            tenants = db.scalars(
                select(Tenant)
                .join(Membership, Membership.tenant_id == Tenant.id)
                .where(Membership.user_id == user.id, Membership.is_active.is_(True), Tenant.status == "active")
                .order_by(Tenant.name)
            ).all()
            current = next(t for t in tenants if t.id == principal.tenant.id)
        return {"user": user, "role": principal.role, "tenant": current, "tenants": tenants}
