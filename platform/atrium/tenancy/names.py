"""Slugs and schema names. A schema name is derived from a validated slug, never from raw input."""

from __future__ import annotations

import re

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$")
SCHEMA_RE = re.compile(r"^t_[a-z0-9_]{3,40}$")
RESERVED_SLUGS = frozenset(
    {"api", "www", "admin", "public", "static", "assets", "webhooks", "app", "login", "signup", "atrium", "pg-catalog"}
)


class InvalidName(ValueError):
    """A slug or schema name that does not follow the rules."""


def check_slug(slug: str) -> str:
    """Return ``slug`` if it is 3-40 lowercase letters, digits or inner hyphens and not reserved."""
    if not isinstance(slug, str) or not SLUG_RE.match(slug) or "--" in slug:
        raise InvalidName("slug must be 3-40 characters: lowercase letters, digits and single inner hyphens")
    if slug in RESERVED_SLUGS:
        raise InvalidName(f"slug '{slug}' is reserved")
    return slug


def schema_for_slug(slug: str) -> str:
    """The schema name of the tenant with ``slug``: ``t_`` + the slug with ``_`` for ``-``."""
    return check_schema_name("t_" + check_slug(slug).replace("-", "_"))


def check_schema_name(name: str) -> str:
    """Return ``name`` if it is a valid tenant schema name; raise ``InvalidName`` otherwise."""
    if not isinstance(name, str) or not SCHEMA_RE.match(name):
        raise InvalidName(f"invalid tenant schema name: {name!r}")
    return name
