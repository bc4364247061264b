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
        return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def clean(value: Any) -> Any:
    """``clean_text`` applied to every string (keys included) inside dicts and lists."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean(v) for v in value]
    return value
