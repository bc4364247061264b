"""Loading plugins and calling hooks with isolation.

Plugins come from the ``atrium`` entry-point group, first-party and
third-party alike; the entry-point name is the plugin id. ``ATRIUM_LOAD_PLUGINS``
restricts loading to the listed ids. A plugin that fails to import or to
validate is logged and left out; a hook implementation that raises is logged
and skipped (see ``AtriumPluginManager.call``).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any

import pluggy

from atrium.config import get_settings
from atrium.plugins import hookspecs

log = logging.getLogger(__name__)

#: Core modules with the core's own hook implementations, registered like plugins (named by module).
CORE_PLUGINS: tuple[str, ...] = ("atrium.channels.defaults", "atrium.inbox.defaults", "atrium.outbound_webhooks.defaults")


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
        """Register every plugin of the ``atrium`` entry-point group (or only those in ``only``).

        A plugin that fails to import, or whose hook implementations do not
        match the specifications, is logged and left out.
        """
        wanted = set(only) if only is not None else None
        for ep in entry_points(group="atrium"):
            if wanted is not None and ep.name not in wanted:
                continue
            if self.has_plugin(ep.name):
                log.warning("plugin id installed twice; keeping the first", extra={"plugin": ep.name, "entry_point": ep.value})
                continue
            dist = ep.dist
            info = PluginInfo(id=ep.name, version=dist.version if dist else "0", distribution=dist.name if dist else None)
            try:
                self.add(ep.load(), info)
            except Exception:
                log.exception("plugin failed to load", extra={"plugin": ep.name})

    def add(self, plugin: object, info: PluginInfo) -> None:
        """Register ``plugin`` (a module or object with ``@hookimpl`` functions) as ``info.id``.

        Raises ``ValueError`` if the id is taken, and
        ``pluggy.PluginValidationError`` (leaving nothing registered) when an
        implementation names an unknown hook or arguments its specification
        does not have.
        """
        if self.has_plugin(info.id):
            raise ValueError(f"a plugin with id {info.id!r} is already registered")
        try:
            self.register(plugin, name=info.id)
            self._check_known_hooks(plugin)
        except Exception:
            self.remove(info.id)
            raise
        self.infos[info.id] = info

    def remove(self, plugin_id: str) -> None:
        """Unregister plugin ``plugin_id`` and forget its metadata."""
        self.unregister(name=plugin_id)
        self.infos.pop(plugin_id, None)
        for name in [n for n in vars(self.hook) if not n.startswith("_")]:
            caller = getattr(self.hook, name)
            if not caller.has_spec() and not caller.get_hookimpls():
                delattr(self.hook, name)

    @contextmanager
    def installed(self, plugin: object, plugin_id: str, version: str = "0") -> Iterator[object]:
        """Register ``plugin`` as installed plugin ``plugin_id`` for the duration of the block (tests)."""
        self.add(plugin, PluginInfo(id=plugin_id, version=version, distribution=None))
        try:
            yield plugin
        finally:
            self.remove(plugin_id)

    def _check_known_hooks(self, plugin: object) -> None:
        for caller in self.get_hookcallers(plugin) or ():
            if caller.has_spec():
                continue
            for impl in caller.get_hookimpls():
                if impl.plugin is plugin and not impl.optionalhook:
                    raise pluggy.PluginValidationError(plugin, f"unknown hook {caller.name!r}")

    def plugin_infos(self) -> list[PluginInfo]:
        """Installed (non-core) plugins, sorted by id."""
        return sorted(self.infos.values(), key=lambda p: p.id)

    def call(self, hook: str, *, plugin_ids: Iterable[str] | None = None, **kwargs: Any) -> list[Any]:
        """Call ``hook`` on each implementation in pluggy order; collect non-``None`` results.

        An implementation that raises is logged and skipped. With
        ``plugin_ids`` (e.g. the plugins a tenant enabled), only those
        plugins and the core's own implementations are called.
        """
        return [result for _, result in self._each(hook, plugin_ids, kwargs)]

    def call_by_plugin(self, hook: str, **kwargs: Any) -> dict[str, Any]:
        """Call ``hook`` and return ``{plugin id: result}`` for implementations that answered."""
        return dict(self._each(hook, None, kwargs))

    def call_one(self, hook: str, plugin_id: str, **kwargs: Any) -> list[Any]:
        """Call ``hook`` on plugin ``plugin_id`` only, letting its exceptions propagate.

        For callers that isolate failures themselves (e.g. in a savepoint).
        """
        return [result for _, result in self._each(hook, [plugin_id], kwargs, isolate=False, core=False)]

    def _each(self, hook: str, plugin_ids: Iterable[str] | None, kwargs: dict[str, Any], isolate: bool = True, core: bool = True):
        caller = getattr(self.hook, hook)
        allowed = set(plugin_ids) if plugin_ids is not None else None
        for impl in reversed(caller.get_hookimpls()):
            is_core = impl.plugin_name not in self.infos
            if allowed is not None and impl.plugin_name not in allowed and not (core and is_core):
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
    """The process's plugin manager with every installed plugin loaded and validated.

    Cached: after installing or removing a plugin in a running process
    (tests), call ``get_plugin_manager.cache_clear()``.
    """
    pm = AtriumPluginManager()
    for name in CORE_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    pm.load_entry_points(get_settings().load_plugins)
    return pm
