"""Reading webhook bodies safely: strict JSON that can never crash the caller.

A hostile body must end in a clear 400, never a 500: truncated JSON,
invalid UTF-8, ``NaN``/``Infinity`` (not JSON, and refused by PostgreSQL's
JSONB), integers longer than Python parses, and nesting deep enough to
exhaust the recursion limit all raise ``MalformedBody``.
"""

from __future__ import annotations

import json
from typing import Any


class MalformedBody(ValueError):
    """A body that is not one strict JSON document."""


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_json(body: bytes) -> Any:
    """The JSON document in ``body``; ``MalformedBody`` saying why when it is not one."""
    try:
        return json.loads(body, parse_constant=_refuse_constant)
    except RecursionError as exc:
        raise MalformedBody("the JSON document is nested too deeply") from exc
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, too-long integers, NaN
        raise MalformedBody(f"the body is not valid JSON: {exc}") from exc
