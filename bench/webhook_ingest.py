"""Benchmark WhatsApp Cloud webhook ingest on a throwaway embedded stack, against its ceiling.

In one run, on the real servers (``atrium web``: gunicorn, gevent workers):

1. throughput: as many signed webhook POSTs as ``--concurrency`` connections
   get answered, for ``--burst-seconds``, alternately to Atrium's per-channel
   webhook and to a minimal Flask handler under the same gunicorn settings
   that only checks the HMAC and inserts one row (``bench/ceiling_app.py``),
   ``--rounds`` times each: Atrium's throughput as a share of the ceiling;
2. sustained ingest: ``--rate`` POSTs/s for ``--seconds`` to Atrium, with the
   acknowledgement latency counted from when each POST was due;
3. zero loss: every acknowledged body is in ``public.inbound_events``; then
   ``atrium worker`` drains the backlog (its rate is reported) and every
   stored event must have become exactly one message.

Every body is a distinct text message (``tests/fixtures/whatsapp/text.json``
with its ids replaced), signed over its exact bytes.

Usage: ``make bench-inbox`` or ``.venv/bin/python bench/webhook_ingest.py``.
Results go to ``bench/results/webhook_ingest.tmp`` (``--baseline`` also writes
``webhook_ingest.baseline.json``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from _load import Outcome, run
from _stack import (
    APP_SECRET,
    WEB_WORKERS,
    Company,
    Stack,
    WhatsAppBodies,
    cpu_per,
    free_port,
    header,
    summary,
    wait_ready,
    write_results,
)
from sqlalchemy import text

from atrium.db.session import get_engine

MAX_RATE = 5000  # bodies prepared per second of a throughput burst (above anything this machine reaches)
WAMID = "convert_from(body, 'UTF8')::jsonb #>> '{entry,0,changes,0,value,messages,0,id}'"


class Target:
    """A server under test: where to POST, and whose CPU time to count."""

    def __init__(self, name: str, pid: int, port: int, path: str) -> None:
        self.name, self.pid, self.port, self.path = name, pid, port, path


class Ingest:
    """Sends numbered bodies (never the same twice) and remembers which ones Atrium acknowledged."""

    def __init__(self, stack: Stack, bodies: WhatsAppBodies, concurrency: int) -> None:
        self.stack, self.bodies, self.concurrency = stack, bodies, concurrency
        self.next = 0
        self.acknowledged: set[str] = set()  # message ids of the bodies Atrium answered 2xx

    def send(self, target: Target, seconds: float, rate: float | None = None, count: int | None = None) -> dict:
        """One phase against ``target``: its outcome and the server's and PostgreSQL's CPU time."""
        count = count or int(seconds * (rate or MAX_RATE))
        first, self.next = self.next, self.next + count
        requests = self.bodies.requests(target.path, target.port, first, count)
        before = self.stack.cpu_seconds(web=[target.pid])
        outcome = run(target.port, requests, concurrency=self.concurrency, seconds=seconds, rate=rate)
        after = self.stack.cpu_seconds(web=[target.pid])
        before["load_generator"], after["load_generator"] = 0.0, outcome.generator_cpu_seconds  # this process alone
        cpu = cpu_per(len(outcome.acknowledged), before, after)
        if target.name == "atrium":
            self.acknowledged.update(self.bodies.wamid(first + i) for i in outcome.acknowledged)
        return report(outcome, cpu, rate)


def report(outcome: Outcome, cpu: dict[str, float], rate: float | None) -> dict:
    """The figures of one phase (CPU time per acknowledged request: load-independent, unlike the wall clock)."""
    return {
        "target_rate": rate,
        "sent": outcome.sent,
        "acknowledged": len(outcome.acknowledged),
        "non_2xx": {str(k): v for k, v in outcome.statuses.items() if not 200 <= k < 300},
        "errors": dict(outcome.errors),
        "unanswered": outcome.unanswered,
        "seconds": round(outcome.seconds, 2),
        "throughput_per_s": round(outcome.throughput, 1),
        "ack_latency": summary(outcome.latencies),
        "cpu_ms_per_request": cpu,
        "cores_used": round(outcome.throughput * sum(cpu.values()) / 1000, 2),  # of the machine's, by these processes
        "estimate_on_2_idle_cores_per_s": round(2000 / sum(cpu.values())) if sum(cpu.values()) else None,
    }


def start_ceiling(stack: Stack, workers: int) -> Target:
    """The minimal Flask handler under gunicorn with ``atrium web``'s settings."""
    with get_engine().begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE public.bench_ceiling (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body bytea NOT NULL)"
            )
        )
    port = free_port()
    os.environ["BENCH_APP_SECRET"] = APP_SECRET
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--chdir",
        os.path.dirname(__file__),
        "--worker-class",
        "gevent",
        "--workers",
        str(workers),
        "--worker-connections",
        "1000",
        "--bind",
        f"127.0.0.1:{port}",
        "ceiling_app:app",
    ]
    child = stack.spawn("ceiling", command)
    wait_ready(child, f"http://127.0.0.1:{port}", stack.directory / "ceiling.log", path="/healthz")
    return Target("ceiling", child.pid, port, "/webhook")


def stored_message_ids(channel_id: str) -> set[str]:
    """Message ids of every body stored for the channel in ``public.inbound_events``."""
    with get_engine().connect() as conn:
        rows = conn.execute(text(f"SELECT {WAMID} FROM public.inbound_events WHERE channel_id = :c"), {"c": channel_id})
        return {row[0] for row in rows}


def event_states(channel_id: str) -> dict[str, int]:
    """How many of the channel's stored events are in each state."""
    with get_engine().connect() as conn:
        rows = conn.execute(
            text("SELECT status, count(*) FROM public.inbound_events WHERE channel_id = :c GROUP BY status"),
            {"c": channel_id},
        )
        return dict(rows.all())


def drain(stack: Stack, channel_id: str, total: int, processes: int, timeout: float) -> dict:
    """Start ``processes`` ``atrium worker`` processes and wait until every stored event is done; their rate."""
    started = time.perf_counter()
    for _ in range(processes):
        stack.worker()
    states: dict[str, int] = {}
    while time.perf_counter() - started < timeout:
        states = event_states(channel_id)
        if states.get("processed", 0) + states.get("unroutable", 0) + states.get("dead", 0) >= total:
            break
        time.sleep(1)
    seconds = time.perf_counter() - started
    return {
        "events": total,
        "worker_processes": processes,
        "states": states,
        "seconds_including_worker_start": round(seconds, 1),
        "events_per_s": round(states.get("processed", 0) / seconds, 1),
        "timed_out": seconds >= timeout,
    }


def messages_per_event(schema: str, channel_id: str, wamids: set[str]) -> dict:
    """Messages stored for the channel: how many, and acknowledged events with none or several."""
    with get_engine().connect() as conn:
        rows = conn.execute(
            text(f'SELECT provider_message_id, count(*) FROM "{schema}".messages WHERE channel_id = :c GROUP BY 1'),
            {"c": channel_id},
        ).all()
    counts = dict(rows)
    return {
        "messages": sum(counts.values()),
        "acknowledged_without_message": sum(1 for w in wamids if w not in counts),
        "duplicated": sum(1 for n in counts.values() if n > 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=1000, help="POSTs per second of the sustained phase")
    parser.add_argument("--seconds", type=float, default=20, help="length of the sustained phase")
    parser.add_argument("--burst-seconds", type=float, default=5, help="length of each throughput burst")
    parser.add_argument("--rounds", type=int, default=3, help="throughput bursts per server (alternated)")
    parser.add_argument("--concurrency", type=int, default=64, help="open connections of the load generator")
    parser.add_argument("--workers", type=int, default=WEB_WORKERS, help="gunicorn workers of both servers")
    parser.add_argument(
        "--worker-processes", type=int, default=2, help="`atrium worker` processes draining the backlog"
    )
    parser.add_argument(
        "--drain-timeout", type=float, default=900, help="longest wait for the worker to drain the backlog"
    )
    parser.add_argument("--baseline", action="store_true", help="also write bench/results/webhook_ingest.baseline.json")
    args = parser.parse_args()

    results = header("webhook_ingest")
    results["settings"] = {
        k: getattr(args, k) for k in ("rate", "seconds", "burst_seconds", "rounds", "concurrency", "workers")
    }
    with Stack() as stack:
        web, base = stack.web(args.workers)
        company = Company(base)
        channel = company.connect_whatsapp()
        atrium = Target("atrium", web.pid, int(base.rsplit(":", 1)[1]), channel["webhook_url"])
        ceiling = start_ceiling(stack, args.workers)
        ingest = Ingest(stack, WhatsAppBodies("106540352242922"), args.concurrency)

        print("warming up both servers...", flush=True)
        for target in (atrium, ceiling):
            ingest.send(target, seconds=5, count=2000)
        bursts: dict[str, list[dict]] = {"atrium": [], "ceiling": []}
        for round_ in range(args.rounds):
            for target in (atrium, ceiling):
                figures = ingest.send(target, args.burst_seconds)
                bursts[target.name].append(figures)
                print(
                    f"  burst {round_ + 1} {target.name}: {figures['throughput_per_s']}/s, ack p99 {figures['ack_latency'].get('p99_ms')} ms",
                    flush=True,
                )
        best = {name: max(b["throughput_per_s"] for b in runs) for name, runs in bursts.items()}
        results["throughput"] = {
            "atrium_per_s": best["atrium"],
            "ceiling_per_s": best["ceiling"],
            "atrium_share_of_ceiling_pct": round(100 * best["atrium"] / best["ceiling"], 1),
            "bursts": bursts,
        }
        print(f"sustained: {args.rate:.0f}/s for {args.seconds:.0f} s...", flush=True)
        results["sustained"] = ingest.send(atrium, args.seconds, rate=args.rate)
        print(f"  {results['sustained']}", flush=True)

        stored = stored_message_ids(channel["id"])
        results["loss"] = {
            "acknowledged": len(ingest.acknowledged),
            "stored": len(stored),
            "acknowledged_not_stored": len(ingest.acknowledged - stored),
        }
        print(f"draining {len(stored)} stored events with atrium worker...", flush=True)
        results["processing"] = drain(stack, channel["id"], len(stored), args.worker_processes, args.drain_timeout)
        stored = stored_message_ids(channel["id"])  # requests cut off at a deadline may have been stored meanwhile
        results["loss"]["stored_in_the_end"] = len(stored)
        results["loss"].update(messages_per_event(company.schema, channel["id"], ingest.acknowledged))
        results["loss"]["zero_loss"] = (
            results["loss"]["acknowledged_not_stored"] == 0
            and results["loss"]["acknowledged_without_message"] == 0
            and results["loss"]["duplicated"] == 0
            and results["loss"]["messages"] == len(stored)
        )
        results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    write_results("webhook_ingest", results, args.baseline)


if __name__ == "__main__":
    main()
