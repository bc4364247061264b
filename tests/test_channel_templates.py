"""GET /api/v1/channels/{id}/templates: the approved templates the panel's template picker offers."""

from __future__ import annotations

import itertools

import httpx
import pytest
import respx
from inbound_helpers import sandbox_channel
from whatsapp_cloud_fakes import CONFIG, GRAPH, WABA_ID, graph_url, payload

_numbers = itertools.count(1)


def whatsapp_channel(tenant) -> dict:
    """A WhatsApp Cloud channel with a phone number id of its own (routing keys are unique)."""
    config = {**CONFIG, "phone_number_id": f"9{next(_numbers):014d}"}
    response = tenant.post("/api/v1/channels", json={"type": "whatsapp_cloud", "name": "Vendas", "config": config})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture()
def graph(monkeypatch):
    monkeypatch.setenv("META_GRAPH_API_URL", GRAPH)
    monkeypatch.delenv("META_GRAPH_API_VERSION", raising=False)
    with respx.mock(assert_all_called=False) as mock:
        yield mock


def test_a_sandbox_channel_lists_its_demo_template_with_text_and_variables(tenant_factory):
    t = tenant_factory()
    assert t.post("/api/v1/plugins/sandbox/enable").status_code == 200
    channel = sandbox_channel(t)
    response = t.get(f"/api/v1/channels/{channel['id']}/templates")
    assert response.status_code == 200, response.get_json()
    [template] = response.get_json()["items"]
    assert template["name"] == "boas_vindas" and template["language"] == "pt_BR"
    assert template["variables"] == ["body.1", "body.2"]
    assert "{{1}}" in template["components"][0]["text"]


def test_whatsapp_templates_come_from_the_business_account(tenant_factory, graph):
    graph.get(graph_url(f"{WABA_ID}/message_templates")).mock(
        side_effect=[
            httpx.Response(200, json=payload("templates_page1.json")),
            httpx.Response(200, json=payload("templates_page2.json")),
        ]
    )
    t = tenant_factory()
    channel = whatsapp_channel(t)
    items = t.get(f"/api/v1/channels/{channel['id']}/templates").get_json()["items"]
    assert items[0]["variables"] == ["header.1", "body.1", "body.2", "body.3", "button.0.1"]
    assert all(item["status"] == "APPROVED" for item in items)


def test_a_provider_that_fails_is_a_502_problem_without_its_details(tenant_factory, graph):
    graph.get(graph_url(f"{WABA_ID}/message_templates")).respond(500, json={"error": {"message": "secret internals"}})
    t = tenant_factory()
    channel = whatsapp_channel(t)
    response = t.get(f"/api/v1/channels/{channel['id']}/templates")
    assert response.status_code == 502
    assert response.content_type == "application/problem+json"
    assert response.get_json()["code"] == "provider_unavailable"
    assert "secret internals" not in response.get_data(as_text=True)


def test_an_unknown_channel_is_404(tenant_factory):
    t = tenant_factory()
    response = t.get("/api/v1/channels/0197a3c2-0000-7000-8000-000000000001/templates")
    assert response.status_code == 404
