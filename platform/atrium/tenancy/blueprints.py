"""Tenant blueprints: declarative starting points (pipeline, tags, plugin settings) in ``tenants/*.toml``."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from atrium.config import get_settings
from atrium.errors import Invalid

DEFAULT_BLUEPRINT = "generic"
OUTCOMES = (None, "won", "lost")


def blueprint_names(directory: Path | None = None) -> list[str]:
    """Names of the available blueprints (file names without ``.toml``)."""
    directory = directory or get_settings().blueprints_dir
    return sorted(p.stem for p in directory.glob("*.toml"))


def load_blueprint(name: str | None, directory: Path | None = None) -> dict[str, Any]:
    """Load and check blueprint ``name`` (default: ``generic``).

    An unknown name, or a file that breaks the rules of ``check_blueprint``,
    is a 422 on ``blueprint``.
    """
    name = name or DEFAULT_BLUEPRINT
    directory = directory or get_settings().blueprints_dir
    if name not in blueprint_names(directory):
        raise Invalid(f"unknown blueprint '{name}'; choose one of: {', '.join(blueprint_names(directory))}", field="blueprint")
    try:
        data = tomllib.loads((directory / f"{name}.toml").read_text(encoding="utf-8"))
        check_blueprint(data)
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise Invalid(f"blueprint '{name}' is broken: {exc}", field="blueprint") from exc
    data["id"] = name
    return data


def check_blueprint(data: dict[str, Any]) -> None:
    """Raise ``ValueError`` naming the first entry that cannot be seeded (missing field, duplicate, bad outcome)."""
    _check_unique(data.get("pipeline", []), "pipeline", "key", required=("key", "name"))
    _check_unique(data.get("tags", []), "tags", "name", required=("name",))
    for stage in data.get("pipeline", []):
        if stage.get("outcome") not in OUTCOMES:
            raise ValueError(f"pipeline stage '{stage['key']}': outcome must be 'won', 'lost' or absent")


def _check_unique(entries: list[dict[str, Any]], section: str, key: str, required: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for position, entry in enumerate(entries, 1):
        for name in required:
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                raise ValueError(f"{section} entry {position} has no '{name}'")
        if entry[key] in seen:
            raise ValueError(f"duplicate {section} {key} '{entry[key]}'")
        seen.add(entry[key])
