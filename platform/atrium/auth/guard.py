"""Request authentication: the bearer token decides the user, the tenant and the role.

``auth_required`` wraps a view: it verifies the access token, checks the
login family was not revoked and the membership is still active, binds the
tenant (``g.principal``, ``g.db``: a session bound to the tenant's schema),
and, for views of a plugin's blueprint, answers 404 when the tenant has not
enabled that plugin. The session commits when the view returns normally.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from functools import wraps

from flask import current_app, g, request
from sqlalchemy import select

from atrium.auth.models import Membership, User
from atrium.auth.service import is_revoked
from atrium.auth.tokens import AccessClaims, decode_access_token
from atrium.db.session import public_session, tenant_session
from atrium.errors import Forbidden, NotFound, Unauthorized
from atrium.tenancy.context import TenantRef, tenant_context
from atrium.tenancy.models import Tenant

ROLE_RANK = {"agent": 1, "admin": 2, "owner": 3}


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of a request."""

    user_id: uuid.UUID
    tenant: TenantRef
    role: str
    claims: AccessClaims
    locale: str
    timezone: str

    def at_least(self, role: str) -> bool:
        """Whether the caller's role is ``role`` or above (agent < admin < owner)."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


def bearer_token() -> str:
    """The token of the ``Authorization: Bearer`` header; 401 when absent or malformed."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("send 'Authorization: Bearer <access token>'")
    return token.strip()


def authenticate(token: str | None = None) -> Principal:
    """Verify ``token`` (default: the request's bearer token) and membership; raise ``Unauthorized`` otherwise."""
    claims = decode_access_token(token if token is not None else bearer_token())
    if is_revoked(claims.family_id):
        raise Unauthorized("this session was signed out")
    with public_session() as db:
        row = db.execute(
            select(Membership.role, Tenant)
            .join(Tenant, Tenant.id == Membership.tenant_id)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.user_id == claims.user_id,
                Membership.tenant_id == claims.tenant_id,
                Membership.is_active.is_(True),
                User.is_active.is_(True),
                Tenant.status == "active",
            )
        ).first()
    if row is None:
        raise Unauthorized("this account no longer has access to this company")
    role, tenant = row
    return Principal(claims.user_id, tenant.ref(), role, claims, tenant.locale, tenant.timezone)


def _check_plugin_enabled(principal: Principal) -> None:
    plugin_id = current_app.extensions.get("atrium_plugin_blueprints", {}).get(request.blueprint)
    if plugin_id is None:
        return
    from atrium.plugins.service import enabled_plugin_ids

    if plugin_id not in enabled_plugin_ids(principal.tenant.id):
        raise NotFound(f"the plugin '{plugin_id}' is not enabled for this company")


def auth_required(role: str = "agent"):
    """Decorate a view: require a valid token whose role is at least ``role``.

    Put it above the flask-smorest decorators so the tenant session stays
    open while the response is serialised.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            principal = authenticate()
            if not principal.at_least(role):
                raise Forbidden(f"this action needs the {role} role")
            _check_plugin_enabled(principal)
            with tenant_context(principal.tenant), tenant_session(principal.tenant.schema) as db:
                g.principal, g.db = principal, db
                return view(*args, **kwargs)

        doc = copy.deepcopy(getattr(view, "_apidoc", {}))
        manual = doc.setdefault("manual_doc", {})
        manual["security"] = [{"bearerAuth": []}]
        responses = manual.setdefault("responses", {})
        responses.setdefault("401", {"description": "Missing, invalid, expired or revoked token"})
        if role != "agent":
            responses.setdefault("403", {"description": f"Requires the {role} role"})
        wrapper._apidoc = doc
        return wrapper

    return decorate
