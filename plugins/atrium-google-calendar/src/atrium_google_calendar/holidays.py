"""Brazilian national holidays, computed for any year (no list to keep up to date)."""

from __future__ import annotations

import datetime as dt

FIXED = {
    (1, 1): "Confraternização Universal",
    (4, 21): "Tiradentes",
    (5, 1): "Dia do Trabalho",
    (9, 7): "Independência do Brasil",
    (10, 12): "Nossa Senhora Aparecida",
    (11, 2): "Finados",
    (11, 15): "Proclamação da República",
    (12, 25): "Natal",
}


def easter(year: int) -> dt.date:
    """Easter Sunday of ``year`` (Gregorian calendar, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def national_holidays(year: int, *, optional: bool = False) -> dict[dt.date, str]:
    """Brazil's national holidays in ``year`` by date, with their pt-BR names.

    Good Friday is included (observed nationwide). With ``optional``, the
    federal optional days off (pontos facultativos) Carnival Monday and Tuesday
    and Corpus Christi are included too.
    """
    days = {dt.date(year, month, day): name for (month, day), name in FIXED.items()}
    if year >= 2024:  # Lei 14.759/2023
        days[dt.date(year, 11, 20)] = "Dia Nacional de Zumbi e da Consciência Negra"
    sunday = easter(year)
    days[sunday - dt.timedelta(days=2)] = "Paixão de Cristo"
    if optional:
        days[sunday - dt.timedelta(days=48)] = "Carnaval"
        days[sunday - dt.timedelta(days=47)] = "Carnaval"
        days[sunday + dt.timedelta(days=60)] = "Corpus Christi"
    return dict(sorted(days.items()))
