"""Slot arithmetic, with no I/O: business hours on a day, minus busy periods, in the company's time zone.

Every instant handled here is an aware ``datetime`` in UTC; local wall-clock
times only exist while the day's business hours are laid out.
"""

from __future__ import annotations

import datetime as dt

from atrium_google_calendar.settings import CalendarConfig

UTC = dt.UTC
Interval = tuple[dt.datetime, dt.datetime]

#: Share of a day's slots still free from which the day shows as "many", then "some"; below, "few".
LEVELS = ((0.5, "many"), (0.2, "some"), (0.0, "few"))


def local_midnight(config: CalendarConfig, day: dt.date) -> dt.datetime:
    """The start of ``day`` in the company's time zone."""
    return dt.datetime.combine(day, dt.time(), tzinfo=config.zone)


def day_bounds(config: CalendarConfig, first: dt.date, last: dt.date | None = None) -> Interval:
    """From local midnight of ``first`` to local midnight after ``last`` (default: ``first``), in UTC."""
    end = local_midnight(config, (last or first) + dt.timedelta(days=1))
    return local_midnight(config, first).astimezone(UTC), end.astimezone(UTC)


def day_slots(config: CalendarConfig, day: dt.date) -> list[Interval]:
    """Every slot of the business schedule on ``day``, ignoring calendars; none on a closed day."""
    if config.is_closed(day):
        return []
    midnight = local_midnight(config, day)
    step = int(config.slot.total_seconds() // 60)
    starts: dict[dt.datetime, None] = {}
    for opens, closes in config.business_hours[day.weekday()]:
        for minute in range(opens, closes - step + 1, step):
            starts[(midnight + dt.timedelta(minutes=minute)).astimezone(UTC)] = None
    return [(start, start + config.slot) for start in sorted(starts)]


def overlaps(slot: Interval, busy: list[Interval]) -> bool:
    """Whether any busy period overlaps ``slot`` (touching ends do not)."""
    return any(b_start < slot[1] and b_end > slot[0] for b_start, b_end in busy)


def bookable(config: CalendarConfig, slots: list[Interval], now: dt.datetime) -> list[Interval]:
    """The slots that start at least the minimum notice after ``now``."""
    earliest = now + config.min_notice
    return [slot for slot in slots if slot[0] >= earliest]


def busy_minutes(busy: list[Interval], windows: list[Interval]) -> float:
    """Minutes of ``busy`` falling inside ``windows`` (for the least-busy choice)."""
    total = 0.0
    for w_start, w_end in windows:
        for b_start, b_end in busy:
            overlap = min(w_end, b_end) - max(w_start, b_start)
            total += max(overlap.total_seconds(), 0) / 60
    return total


def level(free: int, total: int) -> str | None:
    """How available a day looks: ``many``, ``some`` or ``few`` free slots; ``None`` when none is free."""
    if free <= 0 or total <= 0:
        return None
    return next(name for threshold, name in LEVELS if free / total >= threshold)
