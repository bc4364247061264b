"""Loading plugins and calling hooks with isolation.

Plugins come from the ``atrium`` entry-point group, first-party and
third-party alike; the entry-point name is the plugin id. ``ATRIUM_LOAD_PLUGINS``
restricts loading to the listed ids. A plugin that fails to import is logged
and left out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any

import pluggy

from atrium.config import get_settings
from atrium.plugins import hookspecs

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class PluginInfo:
    """An installed plugin: id (entry-point name), version and distribution."""

    id: str
    version: str
    distribution: str | None


class AtriumPluginManager(pluggy.PluginManager):
    """A pluggy manager that knows each plugin's metadata and isolates failures."""

    def __init__(self) -> None:
        super().__init__("atrium")
        self.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}

    def load_entry_points(self, only: Iterable[str] | None = None) -> None:
        """Register every plugin of the ``atrium`` entry-point group (or only those in ``only``)."""
        wanted = set(only) if only is not None else None
        for ep in entry_points(group="atrium"):
            if (wanted is not None and ep.name not in wanted) or self.has_plugin(ep.name):
                continue
            try:
                module = ep.load()
                self.register(module, name=ep.name)
            except Exception:
                log.exception("plugin failed to load", extra={"plugin": ep.name})
                continue
            dist = ep.dist
            self.infos[ep.name] = PluginInfo(
                id=ep.name, version=dist.version if dist else "0", distribution=dist.name if dist else None
            )

    def plugin_infos(self) -> list[PluginInfo]:
        """Installed (non-core) plugins, sorted by id."""
        return sorted(self.infos.values(), key=lambda p: p.id)

    def call(self, hook: str, *, plugin_ids: Iterable[str] | None = None, **kwargs: Any) -> list[Any]:
        """Call ``hook`` on each implementation in pluggy order; collect non-``None`` results.

        An implementation that raises is logged and skipped. With
        ``plugin_ids``, only those plugins (and the core) are called.
        """
        return [result for _, result in self._each(hook, plugin_ids, kwargs)]

    def call_by_plugin(self, hook: str, **kwargs: Any) -> dict[str, Any]:
        """Call ``hook`` and return ``{plugin id: result}`` for implementations that answered."""
        return dict(self._each(hook, None, kwargs))

    def call_one(self, hook: str, plugin_id: str, **kwargs: Any) -> list[Any]:
        """Call ``hook`` on plugin ``plugin_id`` only, letting its exceptions propagate.

        For callers that isolate failures themselves (e.g. in a savepoint).
        """
        return [result for _, result in self._each(hook, [plugin_id], kwargs, isolate=False)]

    def _each(self, hook: str, plugin_ids: Iterable[str] | None, kwargs: dict[str, Any], isolate: bool = True):
        caller = getattr(self.hook, hook)
        allowed = set(plugin_ids) if plugin_ids is not None else None
        for impl in reversed(caller.get_hookimpls()):
            if allowed is not None and impl.plugin_name not in allowed:
                continue
            args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
            try:
                result = impl.function(**args)
            except Exception:
                if not isolate:
                    raise
                log.exception("plugin hook failed", extra={"plugin": impl.plugin_name, "hook": hook})
                continue
            if result is not None:
                yield impl.plugin_name, result


@lru_cache(maxsize=1)
def get_plugin_manager() -> AtriumPluginManager:
    """The process's plugin manager with every installed plugin loaded and validated."""
    pm = AtriumPluginManager()
    pm.load_entry_points(get_settings().load_plugins)
    pm.check_pending()
    return pm
