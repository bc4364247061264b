"""Actors declared before the broker exists, bound to it on first use.

``atrium.plugins.actor`` (this module's ``actor``) records a function and its
Dramatiq options; ``.send()`` binds it to the process's broker the first
time. The worker binds every declared actor at boot so it consumes their
queues. Actor names are ``<module>.<function>`` unless ``actor_name`` is given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import dramatiq

from atrium.workers.broker import get_broker

_declared: list["ActorRef"] = []
_lock = threading.Lock()


class ActorRef:
    """A function that runs as a Dramatiq actor; call it directly to run it inline."""

    def __init__(self, fn: Callable[..., Any], options: dict[str, Any]) -> None:
        self.fn = fn
        self.options = {"actor_name": f"{fn.__module__}.{fn.__qualname__}", **options}
        self.actor_name = self.options["actor_name"]
        self.queue_name = self.options.get("queue_name", "default")
        self._bound: tuple[dramatiq.Broker, dramatiq.Actor] | None = None
        self.__doc__ = fn.__doc__
        self.__name__ = fn.__name__

    def bind(self) -> dramatiq.Actor:
        """The Dramatiq actor for the current broker (declared on it on first use)."""
        broker = get_broker()
        with _lock:
            if self._bound is None or self._bound[0] is not broker:
                existing = broker.actors.get(self.actor_name)
                actor = existing or dramatiq.actor(self.fn, broker=broker, **self.options)
                self._bound = (broker, actor)
            return self._bound[1]

    def send(self, *args: Any, **kwargs: Any) -> dramatiq.Message:
        """Enqueue a run with these arguments (JSON-simple values only)."""
        return self.bind().send(*args, **kwargs)

    def send_with_options(self, *, args: tuple = (), kwargs: dict | None = None, **options: Any) -> dramatiq.Message:
        """Enqueue with Dramatiq message options (``delay`` in ms, ...)."""
        return self.bind().send_with_options(args=args, kwargs=kwargs or {}, **options)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)


def actor(fn: Callable[..., Any] | None = None, **options: Any):
    """Declare ``fn`` as an actor; usable bare (``@actor``) or with Dramatiq options."""

    def decorate(func: Callable[..., Any]) -> ActorRef:
        ref = ActorRef(func, options)
        with _lock:
            _declared.append(ref)
        return ref

    return decorate(fn) if fn is not None else decorate


def declared_actors() -> list[ActorRef]:
    """Every actor declared so far in this process."""
    with _lock:
        return list(_declared)
