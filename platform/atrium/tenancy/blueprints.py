"""Tenant blueprints: declarative starting points (pipeline, tags, plugin settings) in ``tenants/*.toml``."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from atrium.config import get_settings
from atrium.errors import Invalid

DEFAULT_BLUEPRINT = "generic"


def blueprint_names(directory: Path | None = None) -> list[str]:
    """Names of the available blueprints (file names without ``.toml``)."""
    directory = directory or get_settings().blueprints_dir
    return sorted(p.stem for p in directory.glob("*.toml"))


def load_blueprint(name: str | None, directory: Path | None = None) -> dict[str, Any]:
    """Load blueprint ``name`` (default: ``generic``); unknown names are a 422 on ``blueprint``."""
    name = name or DEFAULT_BLUEPRINT
    directory = directory or get_settings().blueprints_dir
    if name not in blueprint_names(directory):
        raise Invalid(f"unknown blueprint '{name}'; choose one of: {', '.join(blueprint_names(directory))}", field="blueprint")
    data = tomllib.loads((directory / f"{name}.toml").read_text(encoding="utf-8"))
    data["id"] = name
    return data
