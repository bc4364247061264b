"""Sign-up, login, refresh-token rotation, logout and tenant switching (no Flask here)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, update

from atrium.auth import ratelimit
from atrium.auth.models import Membership, RefreshToken, User
from atrium.auth.passwords import MIN_LENGTH, hash_password, verify_password
from atrium.auth.tokens import AccessClaims, hash_refresh_token, issue_access_token, new_refresh_token
from atrium.cache import get_redis
from atrium.config import get_settings
from atrium.db.session import public_session
from atrium.errors import Conflict, Invalid, NotFound, Unauthorized
from atrium.ids import uuid7
from atrium.tenancy.models import Tenant
from atrium.tenancy.provisioning import Owner, provision


@dataclass(frozen=True)
class TokenPair:
    """What a successful login, sign-up, refresh or switch returns."""

    access_token: str
    refresh_token: str
    expires_in: int
    tenant: Tenant
    user: User


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _issue(db, user: User, tenant: Tenant, family_id: uuid.UUID | None = None) -> TokenPair:
    family_id = family_id or uuid7()
    token, digest = new_refresh_token()
    db.add(
        RefreshToken(
            id=uuid7(),
            family_id=family_id,
            user_id=user.id,
            tenant_id=tenant.id,
            token_hash=digest,
            expires_at=_now() + dt.timedelta(seconds=get_settings().refresh_token_ttl),
        )
    )
    access, ttl = issue_access_token(user.id, tenant.id, family_id)
    return TokenPair(access, token, ttl, tenant, user)


def check_password_rules(password: str) -> None:
    """Refuse passwords shorter than the minimum (422 on ``password``)."""
    if len(password) < MIN_LENGTH:
        raise Invalid(f"password must have at least {MIN_LENGTH} characters", field="password")


def user_by_email(db, email: str) -> User | None:
    """The account of ``email`` (case-insensitive), if any."""
    return db.scalar(select(User).where(func.lower(User.email) == email.lower()))


def _check_credentials(db, email: str, password: str, ip: str) -> User:
    """The active user with this email and password, rate-limited per account and per IP.

    Raises ``TooManyRequests`` past the limits, ``Unauthorized`` for wrong credentials.
    """
    settings = get_settings()
    account_key = f"login:acct:{email.lower()}"
    ratelimit.hit(f"login:ip:{ip}", settings.login_limit_per_ip, settings.login_limit_window)
    ratelimit.hit(account_key, settings.login_limit_per_account, settings.login_limit_window)
    user = user_by_email(db, email)
    if not verify_password(user.password_hash if user else None, password) or not user.is_active:
        raise Unauthorized("wrong email or password")
    ratelimit.clear(account_key)
    return user


def signup(company: str, slug: str, name: str, email: str, password: str, blueprint: str | None, ip: str) -> TokenPair:
    """Create a tenant with its owner and log the owner in.

    When ``email`` already has an account, the new company is added to that
    account only if ``password`` is its password (checked like a login, with
    the same rate limits); otherwise 409 on ``email``.
    """
    check_password_rules(password)
    with public_session() as db:
        existing = user_by_email(db, email)
        if existing is None:
            owner = Owner(email=email, name=name, password_hash=hash_password(password))
        else:
            try:
                owner = Owner(email=email, name=name, user_id=_check_credentials(db, email, password, ip).id)
            except Unauthorized as exc:
                raise Conflict(
                    "this email already has an account; sign up with its password to add a company to it",
                    field="email",
                ) from exc
    tenant, user = provision(slug, company, owner, blueprint)
    with public_session() as db:
        return _issue(db, user, tenant)


def _active_membership(db, user_id: uuid.UUID, tenant_id: uuid.UUID) -> Membership | None:
    return db.scalar(
        select(Membership)
        .join(Tenant, Tenant.id == Membership.tenant_id)
        .where(
            Membership.user_id == user_id,
            Membership.tenant_id == tenant_id,
            Membership.is_active.is_(True),
            Tenant.status == "active",
        )
    )


def login(email: str, password: str, tenant_slug: str | None, ip: str) -> TokenPair:
    """Check credentials (rate-limited per account and per IP) and open a session in a tenant.

    Without ``tenant_slug``, the user's oldest active membership is used.
    """
    with public_session() as db:
        user = _check_credentials(db, email, password, ip)
        query = (
            select(Tenant)
            .join(Membership, Membership.tenant_id == Tenant.id)
            .where(Membership.user_id == user.id, Membership.is_active.is_(True), Tenant.status == "active")
            .order_by(Membership.created_at)
        )
        if tenant_slug:
            query = query.where(Tenant.slug == tenant_slug)
        tenant = db.scalars(query.limit(1)).first()
        if tenant is None:
            raise Unauthorized("you have no access to this company" if tenant_slug else "your account has no active company")
        return _issue(db, user, tenant)


def refresh(token: str) -> TokenPair:
    """Rotate a refresh token. Reusing a spent one revokes its whole family."""
    with public_session() as db:
        row = db.scalar(select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(token)).with_for_update())
        if row is None:
            raise Unauthorized("unknown refresh token")
        if row.revoked_at is not None:
            raise Unauthorized("this session was signed out")
        if row.used_at is not None:
            _revoke_family(db, row.family_id)
            db.commit()
            raise Unauthorized("refresh token already used; every token of this login was revoked")
        if row.expires_at <= _now():
            raise Unauthorized("refresh token expired")
        row.used_at = _now()
        user = db.get(User, row.user_id)
        membership = _active_membership(db, row.user_id, row.tenant_id)
        if user is None or not user.is_active or membership is None:
            _revoke_family(db, row.family_id)
            db.commit()
            raise Unauthorized("this account no longer has access")
        return _issue(db, user, db.get(Tenant, row.tenant_id), family_id=row.family_id)


def _revoke_family(db, family_id: uuid.UUID) -> None:
    db.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=_now())
    )
    get_redis().set(f"atrium:revoked:{family_id}", "1", ex=get_settings().access_token_ttl + 60)


def logout(claims: AccessClaims) -> None:
    """End the session of ``claims``: its refresh family and its access tokens stop working."""
    with public_session() as db:
        _revoke_family(db, claims.family_id)


def is_revoked(family_id: uuid.UUID) -> bool:
    """Whether the login family of an access token was revoked."""
    return bool(get_redis().exists(f"atrium:revoked:{family_id}"))


def companies_of(user_id: uuid.UUID) -> tuple[User, list[Tenant]]:
    """The user and every active company where they have an active membership, by name."""
    with public_session() as db:
        tenants = db.scalars(
            select(Tenant)
            .join(Membership, Membership.tenant_id == Tenant.id)
            .where(Membership.user_id == user_id, Membership.is_active.is_(True), Tenant.status == "active")
            .order_by(Tenant.name)
        ).all()
        return db.get(User, user_id), list(tenants)


def switch_tenant(claims: AccessClaims, tenant_slug: str) -> TokenPair:
    """Open a session in another tenant the user belongs to; the current session ends."""
    with public_session() as db:
        tenant = db.scalar(select(Tenant).where(Tenant.slug == tenant_slug, Tenant.status == "active"))
        if tenant is None or _active_membership(db, claims.user_id, tenant.id) is None:
            raise NotFound("no company with this slug among yours", field="tenant")
        _revoke_family(db, claims.family_id)
        return _issue(db, db.get(User, claims.user_id), tenant)


def revoke_user_sessions(db, user_id: uuid.UUID, tenant_id: uuid.UUID) -> None:
    """Revoke every session of ``user_id`` in ``tenant_id`` (after deactivation or a role change)."""
    families = db.scalars(
        select(RefreshToken.family_id)
        .where(RefreshToken.user_id == user_id, RefreshToken.tenant_id == tenant_id, RefreshToken.revoked_at.is_(None))
        .distinct()
    ).all()
    for family_id in families:
        _revoke_family(db, family_id)


def invitations_of(user_id: uuid.UUID) -> list[tuple[Tenant, Membership]]:
    """The companies that invited ``user_id`` and are waiting for an answer, oldest invitation first."""
    with public_session() as db:
        rows = db.execute(
            select(Tenant, Membership)
            .join(Membership, Membership.tenant_id == Tenant.id)
            .where(Membership.user_id == user_id, Membership.accepted_at.is_(None), Tenant.status == "active")
            .order_by(Membership.created_at)
        ).all()
        return [(tenant, membership) for tenant, membership in rows]
