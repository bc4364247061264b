"""The media proxy: an agent downloads a lead's WhatsApp photo through Atrium, never from Meta directly."""

from __future__ import annotations

import pytest
import respx
from inbound_helpers import wait_for
from test_whatsapp_cloud_webhooks import body_for, connect, conversations, history, meta_post, new_number
from whatsapp_cloud_fakes import ACCESS_TOKEN, GRAPH, graph_url

MEDIA_URL = "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256&ext=1749420000&hash=ATuX"
JPEG = b"\xff\xd8\xff\xe0jpeg-bytes"


@pytest.fixture()
def graph(monkeypatch):
    monkeypatch.setenv("META_GRAPH_API_URL", GRAPH)
    monkeypatch.delenv("META_GRAPH_API_VERSION", raising=False)
    with respx.mock(assert_all_called=False) as mock:
        yield mock


def media_messages(tenant, worker, client):
    number = new_number()
    channel = connect(tenant, number)
    assert meta_post(client, channel["webhook_url"], body_for("media.json", number)).status_code == 200
    wait_for(lambda: conversations(tenant), what="the conversation")
    conversation = conversations(tenant)[0]
    wait_for(lambda: len(history(tenant, conversation["id"])) == 5, what="the five media messages")
    return conversation["id"], {m["type"]: m for m in history(tenant, conversation["id"])}


def test_an_agent_downloads_inbound_media_through_atrium(tenant_factory, worker, client, graph):
    tenant = tenant_factory()
    conversation_id, by_type = media_messages(tenant, worker, client)
    lookup = graph.get(graph_url("1003383421387256")).respond(
        200, json={"url": MEDIA_URL, "mime_type": "image/jpeg", "file_size": len(JPEG), "id": "1003383421387256"}
    )
    graph.get(MEDIA_URL).respond(200, content=JPEG, headers={"Content-Type": "image/jpeg"})
    url = f"/api/v1/conversations/{conversation_id}/messages/{by_type['image']['id']}/media"

    response = tenant.get(url)

    assert response.status_code == 200
    assert response.data == JPEG
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert lookup.calls.last.request.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert client.get(url).status_code == 401  # the agent's token is required
    assert tenant_factory().get(url).status_code == 404  # another company sees nothing


def test_a_document_is_an_attachment_and_a_text_has_no_media(tenant_factory, worker, client, graph):
    tenant = tenant_factory()
    conversation_id, by_type = media_messages(tenant, worker, client)
    document = by_type["document"]
    graph.get(graph_url(document["content"]["media_id"])).respond(
        200, json={"url": MEDIA_URL, "mime_type": "text/html", "file_size": 7, "id": document["content"]["media_id"]}
    )
    graph.get(MEDIA_URL).respond(200, content=b"<html/>", headers={"Content-Type": "text/html"})

    response = tenant.get(f"/api/v1/conversations/{conversation_id}/messages/{document['id']}/media")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")  # never rendered on our origin

    other = tenant.get(f"/api/v1/conversations/{conversation_id}/messages/00000000-0000-7000-8000-000000000000/media")
    assert other.status_code == 404 and other.content_type == "application/problem+json"


def test_a_file_over_the_limit_is_a_413_problem(tenant_factory, worker, client, graph, monkeypatch):
    monkeypatch.setenv("ATRIUM_WHATSAPP_MEDIA_MAX_BYTES", "10")
    tenant = tenant_factory()
    conversation_id, by_type = media_messages(tenant, worker, client)
    graph.get(graph_url("1003383421387256")).respond(
        200, json={"url": MEDIA_URL, "mime_type": "image/jpeg", "file_size": 11, "id": "1003383421387256"}
    )
    response = tenant.get(f"/api/v1/conversations/{conversation_id}/messages/{by_type['image']['id']}/media")
    assert response.status_code == 413 and response.get_json()["code"] == "media_too_large"
