"""The plugin's tenant table. Its name starts with the plugin's prefix, ``example_notes_``."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from atrium.plugins import TenantBase, TimestampMixin


class ExampleNote(TimestampMixin, TenantBase):
    """A note written by a team member."""

    __tablename__ = "example_notes_note"

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
