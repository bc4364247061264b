"""Group commit: concurrent callers' writes done together, one round trip for many.

A web process answering many webhooks at once would otherwise pay a
statement and its round trip per request. ``GroupCommit`` lets
the first caller become the *leader*: it writes its own item together with
every item other callers queued meanwhile, in one call of ``write``, and
hands each caller its result. Callers that arrive while a write is in
flight wait for the next one, which the first of them leads. Nobody waits
for a timer: alone, a caller writes at once; under load, batches grow by
themselves to what arrived during the previous write.

It uses ``threading`` primitives, so it serves OS threads and, in gevent's
monkey-patched web workers, greenlets alike.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class _Call(Generic[T, R]):
    __slots__ = ("error", "item", "lead", "ready", "result")

    def __init__(self, item: T) -> None:
        self.item = item
        self.ready = threading.Event()
        self.lead = False
        self.result: R | None = None
        self.error: BaseException | None = None


class GroupCommit(Generic[T, R]):
    """Runs ``write(items) -> results`` (one result per item, in order) on batches of concurrent calls."""

    def __init__(self, write: Callable[[list[T]], Sequence[R]], max_batch: int = 200) -> None:
        self._write = write
        self._max_batch = max_batch
        self._lock = threading.Lock()
        self._queue: list[_Call[T, R]] = []
        self._busy = False  # a leader is writing, or has been chosen

    def __call__(self, item: T) -> R:
        """Write ``item`` (with whatever else is waiting) and return its result; ``write``'s error is raised."""
        call: _Call[T, R] = _Call(item)
        with self._lock:
            self._queue.append(call)
            leads, self._busy = not self._busy, True
        if not leads:
            call.ready.wait()
            leads = call.lead
        if leads:
            self._lead()
        if call.error is not None:
            raise call.error
        return call.result  # type: ignore[return-value]

    def _lead(self) -> None:
        """Write the oldest waiting calls (the leader's own first), answer them, hand over to the next."""
        with self._lock:
            batch, self._queue = self._queue[: self._max_batch], self._queue[self._max_batch :]
        try:
            results = self._write([call.item for call in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"group write returned {len(results)} results for {len(batch)} items")
            for call, result in zip(batch, results, strict=True):
                call.result = result
        except BaseException as exc:  # noqa: BLE001 -- every caller of the batch sees the failure
            interrupted = RuntimeError("the group write was interrupted") if not isinstance(exc, Exception) else exc
            for call in batch:
                call.error = interrupted
            batch[0].error = exc  # the leader's own call: an interrupt propagates in the leader only
        finally:
            with self._lock:
                if self._queue:
                    successor = self._queue[0]
                    successor.lead = True
                    successor.ready.set()
                else:
                    self._busy = False
            for call in batch:
                if not call.lead:
                    call.ready.set()
