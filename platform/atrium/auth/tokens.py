"""Access tokens (JWT, HS256 pinned, at most 15 minutes) and opaque refresh tokens.

JWTs are made and checked with ``joserfc``, Authlib's JOSE implementation.
Only HS256 is accepted: ``alg: none``, RS/ES algorithms and key confusion
are refused before any claim is read. ``iss``, ``aud``, ``exp``, ``nbf`` and
``iat`` are required and checked with no leeway.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from atrium.config import get_settings
from atrium.errors import Unauthorized

ALGORITHM = "HS256"


@dataclass(frozen=True)
class AccessClaims:
    """The verified content of an access token."""

    user_id: uuid.UUID
    tenant_id: uuid.UUID
    family_id: uuid.UUID
    jti: str
    expires_at: int


def _key() -> OctKey:
    secret = get_settings().jwt_secret
    if not secret or len(secret) < 32:
        raise RuntimeError("ATRIUM_JWT_SECRET must be set to at least 32 characters")
    return OctKey.import_key(secret.encode())


def issue_access_token(user_id: uuid.UUID, tenant_id: uuid.UUID, family_id: uuid.UUID) -> tuple[str, int]:
    """Return a signed access token and its lifetime in seconds."""
    settings = get_settings()
    now = int(time.time())
    ttl = min(settings.access_token_ttl, 900)
    claims = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": str(user_id),
        "tid": str(tenant_id),
        "sid": str(family_id),
        "jti": uuid.uuid4().hex,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
    }
    return jwt.encode({"alg": ALGORITHM, "typ": "JWT"}, claims, _key(), algorithms=[ALGORITHM]), ttl


def decode_access_token(token: str) -> AccessClaims:
    """Verify ``token`` and return its claims; raise ``Unauthorized`` for anything wrong."""
    settings = get_settings()
    try:
        decoded = jwt.decode(token, _key(), algorithms=[ALGORITHM])
        if decoded.header.get("alg") != ALGORITHM:
            raise Unauthorized("unexpected token algorithm")
        registry = jwt.JWTClaimsRegistry(
            leeway=0,
            iss={"essential": True, "value": settings.jwt_issuer},
            aud={"essential": True, "value": settings.jwt_audience},
            **{name: {"essential": True} for name in ("sub", "tid", "sid", "jti", "exp", "nbf", "iat")},
        )
        claims = decoded.claims
        registry.validate(claims)
        return AccessClaims(
            user_id=_uuid(claims["sub"]),
            tenant_id=_uuid(claims["tid"]),
            family_id=_uuid(claims["sid"]),
            jti=claims["jti"],
            expires_at=int(claims["exp"]),
        )
    except (JoseError, ValueError, TypeError) as exc:
        raise Unauthorized("invalid or expired access token") from exc


def _uuid(value: object) -> uuid.UUID:
    if not isinstance(value, str):
        raise TypeError("expected a UUID string")
    return uuid.UUID(value)


def new_refresh_token() -> tuple[str, str]:
    """A fresh opaque refresh token and the SHA-256 hex digest stored for it."""
    token = secrets.token_urlsafe(48)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    """The stored form of a refresh token."""
    return hashlib.sha256(token.encode()).hexdigest()
