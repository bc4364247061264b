"""The AI agent's panel pages in a real browser against the real platform: the board, the inbox switch, the agenda.

Leads write through the sandbox channel and the agent answers them with its
scripted flow (no language model) in the platform's worker. Google Calendar is
a fake over HTTP (``fake_google.py``) the platform reaches through
``GOOGLE_CALENDAR_API_URL`` and the service account key's ``token_uri``.
"""

from __future__ import annotations

import re
import time

import pytest
from fake_google import MEETING, start_fake_google
from live_platform import live_platform
from panel import Company, go_to, log_in, sign_up_by_api, wait_until_live
from panel_build import ensure_built
from playwright.sync_api import Locator, Page, expect

LEADS = {"Rita Lima": "+5511987650011", "Sergio Dias": "+5511987650012"}


@pytest.fixture(scope="module")
def fake_google():
    """Google's token endpoint and Calendar API, faked over HTTP for the platform's processes."""
    google, server = start_fake_google()
    yield google
    server.shutdown()


@pytest.fixture(scope="module")
def platform(atrium_stack, fake_graph, fake_google, tmp_path_factory):
    """The platform as in conftest.py, with Calendar API calls sent to the fake."""
    ensure_built()
    env = {"META_GRAPH_API_URL": fake_graph.url, "GOOGLE_CALENDAR_API_URL": fake_google.url}
    with live_platform(tmp_path_factory.mktemp("platform-logs"), env) as running:
        yield running


def wait_for(predicate, what: str, timeout: float = 30.0):
    """Poll ``predicate`` (an API check, for setup) until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)
    return value


def agent_company(api) -> tuple[Company, list[dict]]:
    """A company (education blueprint) whose AI agent takes every sandbox conversation; two leads it answered."""
    company = sign_up_by_api(api, blueprint="education")
    for plugin in ("sandbox", "ai-agent"):
        assert api.post(f"/api/v1/plugins/{plugin}/enable", headers=company.headers).status_code == 200
    channel = api.post(
        "/api/v1/channels", headers=company.headers, json={"type": "sandbox", "name": "Sandbox", "config": {}}
    ).json()
    settings = api.get("/api/v1/plugins/ai-agent/settings", headers=company.headers).json()
    saved = api.put(
        "/api/v1/plugins/ai-agent/settings", headers=company.headers, json={**settings, "channel_ids": [channel["id"]]}
    )
    assert saved.status_code == 200, saved.text
    for name, phone in LEADS.items():
        sent = api.post(
            f"/api/v1/plugins/sandbox/channels/{channel['id']}/inbound",
            headers=company.headers,
            json={"from": phone, "name": name, "text": "Oi! Quero saber da pós"},
        )
        assert sent.status_code == 202, sent.text

    def answered():
        column = api.get("/api/v1/ai/board", headers=company.headers).json()["columns"][0]
        return column["items"] if column["count"] == len(LEADS) else None

    return company, wait_for(answered, "the agent to answer both leads")


def column(page: Page, name: str) -> Locator:
    return page.get_by_role("region", name=name, exact=True)


def card(page: Page, column_name: str, lead: str) -> Locator:
    return column(page, column_name).get_by_role("article", name=lead)


def drag(page: Page, source: Locator, target: Locator) -> None:
    """Drag ``source`` onto ``target`` with the mouse, in small steps as a hand does."""
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + 12)
    page.mouse.down()
    page.mouse.move(start["x"] + start["width"] / 2 + 20, start["y"] + 20, steps=5)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 60, steps=15)
    page.mouse.up()


def test_a_card_dragged_to_another_column_stays_there_after_a_reload(page, api, shoot):
    company, _ = agent_company(api)
    log_in(page, company.email)
    wait_until_live(page)
    go_to(page, "Agente de IA")
    page.get_by_role("navigation", name="Páginas do agente de IA").get_by_role("link", name="Quadro").click()
    expect(page).to_have_url(re.compile(r"/ai/board$"))
    expect(card(page, "Aguardando IA", "Rita Lima")).to_be_visible()
    expect(card(page, "Aguardando IA", "Sergio Dias")).to_be_visible()
    expect(column(page, "Aguardando IA").get_by_label("2 conversas")).to_be_visible()
    expect(card(page, "Aguardando IA", "Rita Lima")).to_contain_text("0 de 5 perguntas")
    shoot(page, "ai-board")

    drag(page, card(page, "Aguardando IA", "Rita Lima"), column(page, "Qualificados"))
    expect(card(page, "Qualificados", "Rita Lima")).to_be_visible()
    expect(column(page, "Qualificados").get_by_label("1 conversa")).to_be_visible()
    page.reload()
    expect(card(page, "Qualificados", "Rita Lima")).to_be_visible()
    expect(card(page, "Aguardando IA", "Rita Lima")).to_have_count(0)

    # the keyboard way: "Move to" menu; awaiting human hands the conversation off
    page.get_by_role("button", name="Mover Sergio Dias para").focus()
    page.keyboard.press("Enter")
    page.get_by_role("menuitem", name="Aguardando humano").click()
    expect(card(page, "Aguardando humano", "Sergio Dias")).to_be_visible()
    expect(card(page, "Aguardando humano", "Sergio Dias").get_by_title(re.compile("agente de IA está respondendo"))).to_have_count(0)
    shoot(page, "ai-board-moved")

    # a click on the name opens the conversation
    card(page, "Aguardando humano", "Sergio Dias").get_by_role("link", name="Sergio Dias").click()
    expect(page).to_have_url(re.compile(r"/inbox/[0-9a-f-]{36}$"))
    expect(page.get_by_role("region", name="Conversa com Sergio Dias")).to_be_visible()


def test_the_inbox_switch_turns_the_agent_off_and_shows_the_handoff_summary(page, api, shoot):
    company, cards = agent_company(api)
    rita = next(c for c in cards if c["contact"]["name"] == "Rita Lima")
    log_in(page, company.email)
    page.goto(f"/inbox/{rita['conversation_id']}")
    switch = page.get_by_role("switch", name="Agente de IA")
    expect(switch).to_be_checked()
    switch.click()
    expect(switch).not_to_be_checked()
    crm = page.get_by_role("complementary", name="CRM do contato")
    summary = crm.get_by_role("region", name="Resumo do agente de IA")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Motivo: desligado por uma pessoa")
    expect(summary).to_contain_text("Em que curso o candidato se formou e em que ano")
    expect(crm.get_by_role("list", name="Histórico")).to_contain_text("Passado para uma pessoa pelo agente de IA")
    shoot(page, "inbox-ai-switch")

    page.reload()
    expect(page.get_by_role("switch", name="Agente de IA")).not_to_be_checked()
    state = api.get(f"/api/v1/conversations/{rita['conversation_id']}/ai", headers=company.headers).json()
    assert state["active"] is False and state["status"] == "awaiting_human"

    page.get_by_role("switch", name="Agente de IA").click()
    expect(page.get_by_role("switch", name="Agente de IA")).to_be_checked()
    wait_for(
        lambda: api.get(f"/api/v1/conversations/{rita['conversation_id']}/ai", headers=company.headers).json()["active"],
        "the agent to be on again",
    )


def test_the_agenda_shows_each_consultants_week_from_google_calendar(page, api, fake_google, shoot):
    company = sign_up_by_api(api)
    log_in(page, company.email)
    go_to(page, "Agenda")
    expect(page.get_by_role("heading", name="A agenda precisa do plugin Google Calendar")).to_be_visible()

    assert api.post("/api/v1/plugins/google-calendar/enable", headers=company.headers).status_code == 200
    settings = {
        "service_account_json": fake_google.service_account_key(),
        "consultants": [
            {"id": "ana", "name": "Ana Lima", "calendar_id": "ana@escola.example"},
            {"id": "bruno", "name": "Bruno Costa", "calendar_id": "bruno@escola.example"},
        ],
        "national_holidays": False,
    }
    saved = api.put("/api/v1/plugins/google-calendar/settings", headers=company.headers, json=settings)
    assert saved.status_code == 200, saved.text

    page.get_by_role("button", name="Próxima semana").click()  # a whole week ahead: every weekday has slots
    expect(page).to_have_url(re.compile(r"/agenda\?week=\d{4}-W\d{2}$"))
    page.get_by_role("button", name="Atualizar").click()
    ana = page.get_by_role("region", name="Ana Lima")
    expect(ana).to_be_visible()
    expect(page.get_by_role("region", name="Bruno Costa")).to_be_visible()
    tuesday = ana.locator("article[data-date]").nth(1)
    expect(tuesday.get_by_role("list", name="Compromissos")).to_contain_text(f"10:00–11:00 {MEETING}")
    expect(tuesday.get_by_role("list", name="Horários livres")).not_to_contain_text("10:00")
    expect(tuesday).to_contain_text("16 de 18 horários livres")
    expect(tuesday).to_contain_text("Muitos horários")
    expect(ana.locator("article[data-date]").nth(5)).to_contain_text("Fechado")
    assert "/calendar/v3/freeBusy" in fake_google.paths and "/token" in fake_google.paths
    shoot(page, "agenda")

    page.reload()  # the week is in the address: a bookmark
    expect(page.get_by_role("region", name="Ana Lima").get_by_text(MEETING)).to_be_visible()
