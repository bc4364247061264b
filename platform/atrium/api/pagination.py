"""Cursor pagination: ``?cursor=&limit=`` in, ``{"items": [...], "next_cursor": ...}`` out.

The cursor is an opaque token of the last row's sort key; no endpoint returns
an unbounded list.
"""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import marshmallow as ma
from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import Session

from atrium.api.schemas import Schema
from atrium.errors import Invalid

MAX_LIMIT = 100


class PageArgs(Schema):
    """Query arguments of every list endpoint."""

    cursor = ma.fields.String(load_default=None, metadata={"description": "next_cursor of the previous page"})
    limit = ma.fields.Integer(load_default=50, validate=ma.validate.Range(min=1, max=MAX_LIMIT))


def page_schema(item: type[ma.Schema], name: str) -> type[ma.Schema]:
    """A ``{"items": [item], "next_cursor": str|null}`` schema named ``name``."""
    return type(
        name,
        (Schema,),
        {"items": ma.fields.List(ma.fields.Nested(item)), "next_cursor": ma.fields.String(allow_none=True)},
    )


def _encode(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if hasattr(v, "isoformat") else str(v) for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, count: int) -> list[str]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != count or not all(isinstance(v, str) for v in values):
            raise ValueError
        return values
    except ValueError as exc:
        raise Invalid("cursor is not valid for this list", field="cursor") from exc


def paginate(db: Session, stmt: Select, keys: list, args: dict, descending: bool = True) -> dict[str, Any]:
    """Run ``stmt`` ordered by ``keys`` (columns, last one unique) from ``args['cursor']``.

    Returns ``{"items", "next_cursor"}`` with at most ``args['limit']`` rows:
    entities when ``stmt`` selects one entity, rows (named by their columns,
    ``keys`` among them) when it selects several columns.
    """
    limit = args.get("limit", 50)
    if args.get("cursor"):
        values = [_coerce(col, v) for col, v in zip(keys, _decode(args["cursor"], len(keys)), strict=True)]
        stmt = stmt.where(_after(keys, values, descending))
    order = [k.desc() if descending else k.asc() for k in keys]
    result = db.execute(stmt.order_by(*order).limit(limit + 1))
    rows = result.scalars().all() if len(stmt.column_descriptions) == 1 else result.all()
    items = rows[:limit]
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        next_cursor = _encode([getattr(last, k.key) for k in keys])
    return {"items": items, "next_cursor": next_cursor}


def _coerce(column, value: str):
    python_type = column.type.python_type
    try:
        if python_type is uuid.UUID:
            return uuid.UUID(value)
        if hasattr(python_type, "fromisoformat"):
            return python_type.fromisoformat(value)
        return python_type(value)
    except (ValueError, TypeError) as exc:
        raise Invalid("cursor is not valid for this list", field="cursor") from exc


def _after(keys: list, values: list, descending: bool):
    clauses = []
    for i, key in enumerate(keys):
        equal = [keys[j] == values[j] for j in range(i)]
        beyond = key < values[i] if descending else key > values[i]
        clauses.append(and_(*equal, beyond))
    return or_(*clauses)
