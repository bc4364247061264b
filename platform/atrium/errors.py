"""Domain errors. Raised anywhere (API, workers, CLI); the API renders them as RFC 9457 problems."""

from __future__ import annotations

from typing import Any


class Problem(Exception):
    """An error a client can act on. ``code`` is stable; ``field`` names the offending input."""

    status = 400
    code = "bad_request"
    title = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        field: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors or ([{"field": field, "message": self.detail}] if field else [])
        self.headers = headers or {}
        if code:
            self.code = code

    def body(self) -> dict[str, Any]:
        """The ``application/problem+json`` document."""
        data: dict[str, Any] = {
            "type": f"https://atrium.dev/problems/{self.code}",
            "title": self.title,
            "status": self.status,
            "code": self.code,
            "detail": self.detail,
        }
        if self.errors:
            data["errors"] = self.errors
        return data


class Invalid(Problem):
    """Input that fails validation; always names the field."""

    status, code, title = 422, "validation_error", "Validation failed"


class Unauthorized(Problem):
    """Missing, invalid, expired or revoked credentials."""

    status, code, title = 401, "unauthorized", "Authentication required"

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": 'Bearer error="invalid_token"'})
        super().__init__(detail, **kwargs)


class Forbidden(Problem):
    """Authenticated, but the role does not allow this action."""

    status, code, title = 403, "forbidden", "Not allowed"


class NotFound(Problem):
    """No such object for this tenant (also what another tenant's ids look like)."""

    status, code, title = 404, "not_found", "Not found"


class Conflict(Problem):
    """The request conflicts with existing state (e.g. a duplicate slug)."""

    status, code, title = 409, "conflict", "Conflict"


class TooManyRequests(Problem):
    """A rate limit was hit; ``Retry-After`` says when to try again."""

    status, code, title = 429, "rate_limited", "Too many requests"
