"""Slot arithmetic and holidays, without Google: minimum notice, daylight saving time, levels, Brazil's holidays."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from atrium_google_calendar.availability import bookable, busy_minutes, day_slots, level
from atrium_google_calendar.holidays import national_holidays
from atrium_google_calendar.settings import load_config

SP = ZoneInfo("America/Sao_Paulo")


def test_slots_start_at_least_the_minimum_notice_after_now():
    config = load_config({"min_notice_minutes": 60})
    day = dt.date(2030, 3, 12)  # a Tuesday
    now = dt.datetime(2030, 3, 12, 10, 10, tzinfo=SP)

    first = bookable(config, day_slots(config, day), now)[0]

    assert first[0] == dt.datetime(2030, 3, 12, 11, 30, tzinfo=SP)
    assert bookable(config, day_slots(config, day), now + dt.timedelta(hours=8)) == []


def test_business_hours_are_local_wall_clock_times_across_daylight_saving_changes():
    config = load_config(
        {
            "time_zone": "America/New_York",
            "business_hours": {
                "fri": [{"start": "09:00", "end": "10:00"}],
                "mon": [{"start": "09:00", "end": "10:00"}],
            },
        }
    )

    before = day_slots(config, dt.date(2030, 3, 8))  # Friday, EST
    after = day_slots(config, dt.date(2030, 3, 11))  # Monday, EDT (clocks moved on Sunday the 10th)

    assert [s.astimezone(config.zone).isoformat() for s, _ in before] == [
        "2030-03-08T09:00:00-05:00",
        "2030-03-08T09:30:00-05:00",
    ]
    assert [s.astimezone(config.zone).isoformat() for s, _ in after] == [
        "2030-03-11T09:00:00-04:00",
        "2030-03-11T09:30:00-04:00",
    ]


def test_business_hours_until_midnight_and_overlapping_intervals():
    config = load_config(
        {"business_hours": {"tue": [{"start": "22:00", "end": "24:00"}, {"start": "23:00", "end": "24:00"}]}}
    )

    slots = day_slots(config, dt.date(2030, 3, 12))

    assert [s.astimezone(SP).strftime("%H:%M") for s, _ in slots] == ["22:00", "22:30", "23:00", "23:30"]
    assert slots[-1][1] == dt.datetime(2030, 3, 13, 0, 0, tzinfo=SP)


def test_levels_and_busy_minutes():
    assert [level(free, 18) for free in (0, 1, 3, 4, 8, 9, 18)] == [None, "few", "few", "some", "some", "many", "many"]
    nine = dt.datetime(2030, 3, 12, 9, tzinfo=SP)
    windows = [(nine, nine + dt.timedelta(hours=9))]
    busy = [
        (nine - dt.timedelta(hours=1), nine + dt.timedelta(hours=1)),
        (nine + dt.timedelta(hours=8), nine + dt.timedelta(hours=10)),
    ]
    assert busy_minutes(busy, windows) == 120


def test_brazilian_national_holidays_follow_easter_and_the_law():
    assert set(national_holidays(2025)) == {
        dt.date(2025, 1, 1),
        dt.date(2025, 4, 18),  # Paixão de Cristo (Easter: 20 April)
        dt.date(2025, 4, 21),
        dt.date(2025, 5, 1),
        dt.date(2025, 9, 7),
        dt.date(2025, 10, 12),
        dt.date(2025, 11, 2),
        dt.date(2025, 11, 15),
        dt.date(2025, 11, 20),
        dt.date(2025, 12, 25),
    }
    assert dt.date(2023, 11, 20) not in national_holidays(2023)  # national only from 2024
    optional = national_holidays(2027, optional=True)
    assert {dt.date(2027, 2, 8), dt.date(2027, 2, 9), dt.date(2027, 5, 27)} <= set(optional)  # Carnaval, Corpus Christi


def test_holidays_and_weekends_close_a_day_as_configured():
    config = load_config({"holidays": ["2030-03-12"]})
    assert day_slots(config, dt.date(2030, 3, 12)) == []
    assert day_slots(config, dt.date(2030, 4, 19)) == []  # Good Friday 2030
    assert day_slots(config, dt.date(2030, 3, 16)) == []  # Saturday
    assert len(day_slots(load_config({"national_holidays": False}), dt.date(2030, 4, 19))) == 18
