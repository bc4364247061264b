"""A small, fast HTTP/1.1 load generator for the benchmarks (asyncio, keep-alive, pre-built requests).

Requests are raw bytes built before the run, so the generator spends its time
on sockets, not on building or signing bodies. ``concurrency`` connections
each send one request at a time. With a ``rate``, request ``i`` is due at
``start + i / rate`` and its latency counts from that moment (a server that
falls behind is not hidden by a generator that waits for it); without one,
the connections send as fast as the server answers (the throughput ceiling).
Every run stops by itself after ``seconds`` (answers still awaited get
``grace`` more seconds, then count as unanswered).
"""

from __future__ import annotations

import asyncio
import itertools
import resource
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Outcome:
    """What a run did: answers by status, latencies of the 2xx ones, which requests were acknowledged."""

    sent: int = 0
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)  # indexes of the requests answered 2xx
    started: float = 0.0  # perf_counter() at the start: request i was due at started + i / rate
    seconds: float = 0.0  # first send to last answer
    generator_cpu_seconds: float = 0.0

    @property
    def unanswered(self) -> int:
        """Requests sent that got no answer (connection error, or still pending at the deadline)."""
        return self.sent - sum(self.statuses.values())

    @property
    def throughput(self) -> float:
        """Acknowledged requests per second."""
        return len(self.acknowledged) / self.seconds if self.seconds else 0.0


def request_bytes(method: str, path: str, port: int, headers: dict[str, str], body: bytes = b"") -> bytes:
    """One HTTP/1.1 request, ready to write on a keep-alive connection."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Status and whether the server will close the connection; the body is read and dropped."""
    head = await reader.readuntil(b"\r\n\r\n")
    status, length, close = int(head[9:12]), 0, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"connection":
            close = value.strip().lower() == b"close"
        elif name == b"transfer-encoding":
            raise ValueError("chunked responses are not expected here")
    await reader.readexactly(length)
    return status, close


async def _connection(
    port: int, requests: list[bytes], next_index, start: float, stop: float, rate: float | None, outcome: Outcome
) -> None:
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    try:
        for index in next_index:
            if index >= len(requests):
                return
            due = start + index / rate if rate else time.perf_counter()
            if due >= stop:
                return
            if rate and due > time.perf_counter():
                await asyncio.sleep(due - time.perf_counter())
            outcome.sent += 1
            answer = None
            for attempt in (1, 2):  # once more on a fresh connection if the server had closed an idle one
                reused = writer is not None
                sent = time.perf_counter()
                try:
                    if writer is None:
                        reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    writer.write(requests[index])
                    answer = await _read_response(reader)
                    break
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    if writer is not None:
                        writer.close()
                    writer = None
                    stale = reused and (isinstance(exc, ConnectionError) or getattr(exc, "partial", None) == b"")
                    if not (stale and attempt == 1):
                        outcome.errors[type(exc).__name__] += 1
                        break
            if answer is None:
                continue
            status, close = answer
            done = time.perf_counter()
            outcome.statuses[status] += 1
            if 200 <= status < 300:
                outcome.latencies.append(done - (due if rate else sent))
                outcome.acknowledged.append(index)
            outcome.seconds = max(outcome.seconds, done - start)
            if close:
                writer.close()
                writer = None
    finally:
        if writer is not None:
            writer.close()


async def run_async(
    port: int,
    requests: list[bytes],
    *,
    concurrency: int,
    seconds: float,
    rate: float | None = None,
    grace: float = 10.0,
) -> Outcome:
    """``run`` inside a running event loop (next to other tasks); no CPU accounting."""
    outcome = Outcome()
    next_index = itertools.count()
    start = outcome.started = time.perf_counter()
    tasks = [
        asyncio.create_task(_connection(port, requests, next_index, start, start + seconds, rate, outcome))
        for _ in range(concurrency)
    ]
    _, pending = await asyncio.wait(tasks, timeout=seconds + grace)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return outcome


def run(
    port: int,
    requests: list[bytes],
    *,
    concurrency: int,
    seconds: float,
    rate: float | None = None,
    grace: float = 10.0,
) -> Outcome:
    """Send ``requests`` (in order, each at most once) to 127.0.0.1:``port`` for ``seconds``; see the module doc."""
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    outcome = asyncio.run(run_async(port, requests, concurrency=concurrency, seconds=seconds, rate=rate, grace=grace))
    after = resource.getrusage(resource.RUSAGE_SELF)
    outcome.generator_cpu_seconds = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    return outcome
