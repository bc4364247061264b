"""Base marshmallow schema: unknown and server-owned fields in request bodies are ignored."""

from __future__ import annotations

import marshmallow as ma


class Schema(ma.Schema):
    """Every API schema derives from this: unknown keys (``id``, ``tenant_id``, ``role``,
    ``owner_id``, ``created_at``...) sent by a client are dropped, never assigned."""

    class Meta:
        unknown = ma.EXCLUDE
        ordered = True
