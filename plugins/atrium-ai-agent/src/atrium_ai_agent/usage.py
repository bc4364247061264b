"""The usage report: provider calls, tokens and latency per model and purpose, and per day."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from atrium.plugins import Invalid
from atrium_ai_agent.models import Usage

DEFAULT_DAYS = 30
MAX_DAYS = 366


def usage_report(db: Session, since: dt.date | None, until: dt.date | None, timezone: str) -> dict[str, Any]:
    """Totals, per model and purpose, and per day (in the company's time zone) from ``since`` to ``until``."""
    zone = zoneinfo.ZoneInfo(timezone)
    until = until or dt.datetime.now(zone).date()
    since = since or until - dt.timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        raise Invalid("'from' must not be after 'to'", field="from")
    if (until - since).days >= MAX_DAYS:
        raise Invalid(f"at most {MAX_DAYS} days per report", field="from")
    start = dt.datetime.combine(since, dt.time(), zone)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), zone)
    window = (Usage.created_at >= start, Usage.created_at < end)
    failed = func.count().filter(Usage.outcome != "ok")
    by_model = db.execute(
        select(
            Usage.model,
            Usage.purpose,
            func.count(),
            failed,
            func.coalesce(func.sum(Usage.prompt_tokens), 0),
            func.coalesce(func.sum(Usage.completion_tokens), 0),
            cast(func.avg(Usage.latency_ms), Integer),
            cast(func.percentile_cont(0.95).within_group(Usage.latency_ms), Integer),
        )
        .where(*window)
        .group_by(Usage.model, Usage.purpose)
        .order_by(Usage.model, Usage.purpose)
    ).all()
    day = func.date(func.timezone(timezone, Usage.created_at))
    by_day = db.execute(
        select(
            day,
            func.count(),
            func.coalesce(func.sum(Usage.prompt_tokens), 0),
            func.coalesce(func.sum(Usage.completion_tokens), 0),
        )
        .where(*window)
        .group_by(day)
        .order_by(day)
    ).all()
    rows = [
        {
            "model": m,
            "purpose": p,
            "calls": n,
            "failed": f,
            "prompt_tokens": pt,
            "completion_tokens": ct,
            "avg_latency_ms": avg or 0,
            "p95_latency_ms": p95 or 0,
        }
        for m, p, n, f, pt, ct, avg, p95 in by_model
    ]
    return {
        "since": since,
        "until": until,
        "calls": sum(r["calls"] for r in rows),
        "failed": sum(r["failed"] for r in rows),
        "prompt_tokens": sum(r["prompt_tokens"] for r in rows),
        "completion_tokens": sum(r["completion_tokens"] for r in rows),
        "by_model": rows,
        "by_day": [{"day": d, "calls": n, "prompt_tokens": pt, "completion_tokens": ct} for d, n, pt, ct in by_day],
    }
