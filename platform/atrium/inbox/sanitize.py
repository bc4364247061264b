"""Make provider text safe to store without losing it: NUL and lone surrogates become U+FFFD."""

from __future__ import annotations

from typing import Any


def clean_text(value: str) -> str:
    """``value`` with NUL characters and unpaired surrogates replaced by U+FFFD."""
    if "\x00" in value:
        value = value.replace("\x00", "\ufffd")
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        # UTF-16 round trip: each unpaired surrogate becomes exactly one U+FFFD, pairs stay intact.
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def clean(value: Any) -> Any:
    """``clean_text`` applied to every string (keys included) inside dicts and lists."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value
