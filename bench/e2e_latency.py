"""Benchmark end-to-end latency: a WhatsApp Cloud webhook POSTed until its message reaches an SSE client.

On a throwaway embedded stack running the real servers (``atrium web`` and
``--worker-processes`` ``atrium worker``), a client subscribed to
``GET /api/v1/events`` waits for ``message.received`` events while distinct
signed text messages are POSTed at each of ``--rates`` per second for
``--seconds``. The latency of a message runs from the moment its POST was
due (as a provider would send it, even when the server is slow to take it)
to the moment its event was read from the stream: intake, queue, processing,
commit, Redis publish, fan-out and the stream itself.

Usage: ``make bench-inbox`` or ``.venv/bin/python bench/e2e_latency.py``.
Results go to ``bench/results/e2e_latency.tmp`` (``--baseline`` also writes
``e2e_latency.baseline.json``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time

import httpx
from _load import run_async
from _stack import Company, Stack, WhatsAppBodies, cpu_per, header, summary, write_results

EVENT_WAIT = 60.0  # longest wait for the last events after the POSTs stopped


async def listen(base: str, token: str, received: dict[str, float], subscribed: asyncio.Event) -> None:
    """Read the SSE stream; note when each ``message.received`` arrives (by provider message id)."""
    headers = {"Authorization": f"Bearer {token}"}
    async with (
        httpx.AsyncClient(base_url=base, timeout=None) as client,
        client.stream("GET", "/api/v1/events", headers=headers) as response,
    ):
        response.raise_for_status()
        subscribed.set()
        kind = None
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: ") and kind == "message.received":
                message = json.loads(line[6:])["data"]["message"]
                received[message["provider_message_id"]] = time.perf_counter()


async def measure(
    stack: Stack,
    company: Company,
    bodies: WhatsAppBodies,
    path: str,
    port: int,
    first: int,
    rate: float,
    seconds: float,
) -> dict:
    """POST at ``rate`` for ``seconds`` while listening; latency of every acknowledged message, CPU per message."""
    processes = {kind: [p.pid for p in stack.children if p.name == kind] for kind in ("web", "worker")}
    cpu_before = stack.cpu_seconds(**processes)
    received: dict[str, float] = {}
    subscribed = asyncio.Event()
    listener = asyncio.create_task(listen(company.base, company.token, received, subscribed))
    await asyncio.wait_for(subscribed.wait(), 30)
    requests = bodies.requests(path, port, first, int(rate * seconds))
    outcome = await run_async(port, requests, concurrency=128, seconds=seconds, rate=rate)
    expected = {bodies.wamid(first + i): outcome.started + i / rate for i in outcome.acknowledged}  # when each was due
    deadline = time.perf_counter() + EVENT_WAIT
    while time.perf_counter() < deadline and not expected.keys() <= received.keys():
        await asyncio.sleep(0.1)
    listener.cancel()
    await asyncio.gather(listener, return_exceptions=True)
    latencies = [received[w] - sent for w, sent in expected.items() if w in received]
    cpu = cpu_per(len(expected), cpu_before, stack.cpu_seconds(**processes))
    return {
        "rate": rate,
        "seconds": seconds,
        "posted": outcome.sent,
        "acknowledged": len(expected),
        "non_2xx": {str(k): v for k, v in outcome.statuses.items() if not 200 <= k < 300},
        "errors": dict(outcome.errors),
        "events_received": len(latencies),
        "events_missing": len(expected) - len(latencies),
        "latency": summary(latencies),
        "ack_latency": summary(outcome.latencies),
        "cpu_ms_per_message": cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="5,50,100", help="comma-separated POSTs per second, one phase each")
    parser.add_argument("--seconds", type=float, default=20, help="length of each phase")
    parser.add_argument("--worker-processes", type=int, default=2, help="`atrium worker` processes")
    parser.add_argument("--baseline", action="store_true", help="also write bench/results/e2e_latency.baseline.json")
    args = parser.parse_args()

    results = header("e2e_latency")
    results["settings"] = {"seconds": args.seconds, "worker_processes": args.worker_processes}
    results["phases"] = []
    with Stack() as stack:
        _, base = stack.web()
        for _ in range(args.worker_processes):
            stack.worker()
        company = Company(base)
        channel = company.connect_whatsapp()
        bodies = WhatsAppBodies("106540352242922", senders=200)
        port, first = int(base.rsplit(":", 1)[1]), 0
        asyncio.run(
            measure(stack, company, bodies, channel["webhook_url"], port, first, 20, 5)
        )  # warm-up: workers, caches
        first += 100
        for rate in (float(r) for r in args.rates.split(",")):
            print(f"POST -> SSE at {rate:.0f}/s for {args.seconds:.0f} s...", flush=True)
            phase = asyncio.run(
                measure(stack, company, bodies, channel["webhook_url"], port, first, rate, args.seconds)
            )
            first += int(rate * args.seconds)
            results["phases"].append(phase)
            print(f"  {phase}", flush=True)
        results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    write_results("e2e_latency", results, args.baseline)


if __name__ == "__main__":
    main()
