"""Dashboard: inbox counters, 24-hour totals and the daily series in the company's time zone."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

from sqlalchemy import update

from atrium.inbox.models import Contact

pytest_plugins = ("test_inbox_support",)  # fixtures: inbox, fake_adapter

SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def _local(days_ago: int, hour: int, minute: int = 0, zone=SAO_PAULO) -> dt.datetime:
    """``hour:minute`` on the local day ``days_ago`` days before today, in ``zone``."""
    day = dt.datetime.now(zone).date() - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour, minute), zone)


def _expected(times: list[dt.datetime], zone, days: int) -> dict[str, int]:
    """Per local day (ISO date) of the last ``days`` days, how many of ``times`` fall on it."""
    today = dt.datetime.now(zone).date()
    counts = Counter(t.astimezone(zone).date() for t in times)
    return {(today - dt.timedelta(days=n)).isoformat(): counts[today - dt.timedelta(days=n)] for n in range(days)}


def _series(body: dict, key: str) -> dict[str, int]:
    return {point["date"]: point[key] for point in body["series"]}


def test_figures_and_daily_series_follow_the_company_time_zone(inbox):
    now = dt.datetime.now(dt.UTC)
    late_evening = _local(2, 23, 30)  # 02:30 UTC the next day: the day differs between São Paulo and UTC
    inbound_times = [
        now - dt.timedelta(hours=1),
        late_evening,
        _local(5, 12),
        now - dt.timedelta(hours=25),
        _local(20, 9),
    ]
    maria, _ = inbox.inbound(
        "Oi, quero saber do MBA", phone="+5511911110001", at=inbound_times[0], channel_id=inbox.open_channel_id
    )
    inbox.inbound("Boa noite", phone="+5511911110001", at=late_evening, channel_id=inbox.open_channel_id)
    inbox.inbound("Olá", phone="+5511911110002", at=inbound_times[2])
    joao, _ = inbox.inbound("Ainda tem vaga?", phone="+5511911110003", at=inbound_times[3])
    inbox.inbound("Bom dia", phone="+5511911110004", at=inbound_times[4])
    inbox.send_text(maria, "Olá, Maria! Tem sim.")
    tomorrow = (now + dt.timedelta(days=1)).isoformat()
    scheduled = inbox.t.post(
        f"/api/v1/conversations/{maria}/messages", json={"type": "text", "text": "Lembrete", "scheduled_at": tomorrow}
    )
    assert scheduled.status_code == 202, scheduled.get_json()
    assert inbox.t.patch(f"/api/v1/conversations/{joao}", json={"status": "pending"}).status_code == 200

    # Four contacts came in with those messages (created now); one more, created through the API,
    # is backdated to three days ago, and one merged into Maria's contact is no new lead.
    old = inbox.t.post("/api/v1/contacts", json={"name": "Antiga", "phone": "+5511911110005"}).get_json()
    three_days_ago = _local(3, 12)
    with inbox.db() as db:
        db.execute(update(Contact).where(Contact.id == old["id"]).values(created_at=three_days_ago))
    duplicate = inbox.t.post(
        "/api/v1/contacts", json={"name": "Maria (outro número)", "phone": "+5511911110006"}
    ).get_json()
    maria_contact = inbox.t.get(f"/api/v1/conversations/{maria}").get_json()["contact"]["id"]
    assert (
        inbox.t.post(f"/api/v1/contacts/{maria_contact}/merge", json={"contact_id": duplicate["id"]}).status_code == 200
    )

    response = inbox.t.get("/api/v1/dashboard")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["open_conversations"], body["pending_conversations"]) == (3, 1)
    assert (body["messages_in_24h"], body["messages_out_24h"], body["new_contacts_24h"]) == (1, 1, 4)
    assert body["timezone"] == "America/Sao_Paulo" and len(body["series"]) == 14
    assert _series(body, "inbound") == _expected(inbound_times, SAO_PAULO, 14)
    assert _series(body, "outbound") == _expected([now], SAO_PAULO, 14)
    assert _series(body, "new_contacts") == _expected([now] * 4 + [three_days_ago], SAO_PAULO, 14)

    month = inbox.t.get("/api/v1/dashboard?days=30").get_json()
    assert len(month["series"]) == 30 and sum(_series(month, "inbound").values()) == 5

    assert inbox.t.patch("/api/v1/tenant", json={"timezone": "UTC"}).status_code == 200
    in_utc = inbox.t.get("/api/v1/dashboard").get_json()
    assert in_utc["timezone"] == "UTC"
    assert _series(in_utc, "inbound") == _expected(inbound_times, dt.UTC, 14)
    assert _series(in_utc, "inbound")[late_evening.astimezone(dt.UTC).date().isoformat()] >= 1


def test_a_new_company_sees_zeros_for_every_day_until_today(tenant_factory, inbox):
    inbox.inbound("Só na outra empresa")
    body = tenant_factory().get("/api/v1/dashboard?days=7").get_json()
    assert {k: v for k, v in body.items() if k not in ("series", "timezone")} == {
        "open_conversations": 0,
        "pending_conversations": 0,
        "new_contacts_24h": 0,
        "messages_in_24h": 0,
        "messages_out_24h": 0,
    }
    today = dt.datetime.now(SAO_PAULO).date()
    assert [p["date"] for p in body["series"]] == [(today - dt.timedelta(days=n)).isoformat() for n in range(6, -1, -1)]
    assert all(p["inbound"] == p["outbound"] == p["new_contacts"] == 0 for p in body["series"])


def test_days_out_of_range_is_a_422_naming_days(client, tenant_factory):
    t = tenant_factory()
    for days in ("6", "91", "0", "-1", "abc"):
        response = t.get(f"/api/v1/dashboard?days={days}")
        assert response.status_code == 422, (days, response.get_json())
        assert [e["field"] for e in response.get_json()["errors"]] == ["days"]
    assert client.get("/api/v1/dashboard").status_code == 401
