"""Files from the agent's computer: uploaded to Atrium, sent as media on the sandbox and on WhatsApp
Cloud (uploaded to Meta's ``/<phone number id>/media`` first), and shown back through the media proxy."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import respx
from inbound_helpers import schema_of, wait_for
from sqlalchemy import func, select, update
from test_whatsapp_cloud_webhooks import body_for, connect, conversations, meta_post, new_number
from whatsapp_cloud_fakes import ACCESS_TOKEN, CONFIG, GRAPH, PHONE_NUMBER_ID, graph_url

from atrium.channels.registry import adapter_for
from atrium.db.session import tenant_session
from atrium.inbox.models import MediaUpload
from atrium.inbox.sweeper import sweep
from atrium.plugins import ChannelContext, Identity, OutboundFile, OutboundMessage, SendError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
PDF = b"%PDF-1.7\n" + b"proposta " * 500


def upload(tenant, data: bytes, filename: str, mime: str | None = None):
    file = (io.BytesIO(data), filename, mime) if mime else (io.BytesIO(data), filename)
    return tenant.post("/api/v1/media", data={"file": file}, content_type="multipart/form-data")


def sandbox_conversation(tenant) -> str:
    assert tenant.post("/api/v1/plugins/sandbox/enable").status_code == 200
    channel = tenant.post("/api/v1/channels", json={"type": "sandbox", "name": "Sandbox", "config": {}}).get_json()
    injected = tenant.post(
        f"/api/v1/plugins/sandbox/channels/{channel['id']}/inbound",
        json={"from": "+5511987650001", "name": "Rita", "text": "Pode mandar o folder?"},
    )
    assert injected.status_code == 202, injected.get_json()
    return wait_for(lambda: tenant.get("/api/v1/conversations").get_json()["items"], what="the conversation")[0]["id"]


def problem(response) -> tuple[int, str, str | None]:
    body = response.get_json()
    assert response.content_type == "application/problem+json", body
    return response.status_code, body["code"], (body.get("errors") or [{}])[0].get("field")


def test_an_agent_sends_a_photo_from_the_computer_and_sees_it_in_the_chat(tenant_factory, worker):
    tenant = tenant_factory()
    conversation_id = sandbox_conversation(tenant)

    uploaded = upload(tenant, PNG, "folder.png", "image/png")
    assert uploaded.status_code == 201, uploaded.get_json()
    file = uploaded.get_json()
    assert (file["type"], file["mime_type"], file["filename"], file["size"]) == ("image", "image/png", "folder.png", len(PNG))

    sent = tenant.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"type": "image", "content": {"upload_id": file["id"], "caption": "Nosso folder"}},
    )
    assert sent.status_code == 202, sent.get_json()
    message = sent.get_json()
    assert message["content"] == {
        "caption": "Nosso folder", "upload_id": file["id"], "filename": "folder.png", "mime_type": "image/png",
        "size": len(PNG),
    }

    def delivered():
        items = tenant.get(f"/api/v1/conversations/{conversation_id}/messages").get_json()["items"]
        return next((m for m in items if m["id"] == message["id"] and m["status"] in ("delivered", "read")), None)

    wait_for(delivered, what="the photo delivered")
    media = tenant.get(f"/api/v1/conversations/{conversation_id}/messages/{message['id']}/media")
    assert media.status_code == 200
    assert media.data == PNG and media.headers["Content-Type"] == "image/png"
    assert media.headers["Content-Disposition"].startswith("inline")
    conversation = tenant.get(f"/api/v1/conversations/{conversation_id}").get_json()
    assert conversation["last_message_preview"] == "Nosso folder"


def test_bad_files_are_refused_with_a_problem_naming_the_field(tenant_factory):
    tenant = tenant_factory()
    too_big = upload(tenant, b"\xff\xd8\xff" + b"\x00" * (5 * 1024 * 1024), "foto.jpg", "image/jpeg")
    assert problem(too_big) == (413, "file_too_large", "file")
    assert problem(upload(tenant, b"MZ\x90\x00", "setup.exe", "application/x-msdownload")) == (
        422, "unsupported_media_type", "file",
    )
    assert problem(upload(tenant, b"<html>oi</html>", "foto.png", "image/png")) == (422, "unsupported_media_type", "file")
    assert problem(upload(tenant, b"", "vazio.pdf", "application/pdf"))[2] == "file"
    assert problem(tenant.post("/api/v1/media", data={}, content_type="multipart/form-data"))[2] == "file"
    # a file whose type the browser did not say is recognised by its name
    guessed = upload(tenant, PDF, "proposta.pdf", "application/octet-stream")
    assert guessed.status_code == 201 and guessed.get_json()["type"] == "document"


def test_a_message_must_reference_an_upload_of_this_company_that_the_channel_can_send(tenant_factory, worker):
    tenant = tenant_factory()
    conversation_id = sandbox_conversation(tenant)
    pdf = upload(tenant, PDF, "proposta.pdf", "application/pdf").get_json()
    url = f"/api/v1/conversations/{conversation_id}/messages"

    as_image = tenant.post(url, json={"type": "image", "content": {"upload_id": pdf["id"]}})
    assert problem(as_image) == (422, "validation_error", "content.upload_id")
    foreign = upload(other := tenant_factory(), PNG, "a.png", "image/png").get_json()
    assert other  # another company's upload is unknown here
    assert problem(tenant.post(url, json={"type": "image", "content": {"upload_id": foreign["id"]}}))[2] == (
        "content.upload_id"
    )
    both = tenant.post(url, json={"type": "document", "content": {"upload_id": pdf["id"], "url": "https://x.example/a.pdf"}})
    assert problem(both)[2] == "content.url"
    assert tenant.post(url, json={"type": "document", "content": {"upload_id": pdf["id"]}}).status_code == 202


def test_uploads_no_message_used_are_deleted_after_a_day(tenant_factory):
    tenant = tenant_factory()
    old = upload(tenant, PNG, "antigo.png", "image/png").get_json()
    recent = upload(tenant, PNG, "novo.png", "image/png").get_json()
    schema = schema_of(tenant)
    with tenant_session(schema) as db:
        db.execute(
            update(MediaUpload)
            .where(MediaUpload.id == old["id"])
            .values(created_at=func.now() - dt.timedelta(hours=25))
        )
    with tenant_session(schema) as db:
        assert sweep(db)["uploads_deleted"] == 1
    with tenant_session(schema) as db:
        assert [str(i) for i in db.scalars(select(MediaUpload.id))] == [recent["id"]]


def test_erasing_a_contact_erases_the_files_sent_to_them(tenant_factory, worker):
    tenant = tenant_factory()
    conversation_id = sandbox_conversation(tenant)
    file = upload(tenant, PNG, "folder.png", "image/png").get_json()
    url = f"/api/v1/conversations/{conversation_id}/messages"
    assert tenant.post(url, json={"type": "image", "content": {"upload_id": file["id"]}}).status_code == 202
    contact_id = tenant.get(f"/api/v1/conversations/{conversation_id}").get_json()["contact"]["id"]

    exported = tenant.get(f"/api/v1/contacts/{contact_id}/export").get_json()
    assert [m["upload_id"] for m in exported["media"]] == [file["id"]]
    assert tenant.delete(f"/api/v1/contacts/{contact_id}?erase=true").status_code in (200, 204)
    with tenant_session(schema_of(tenant)) as db:
        assert db.scalar(select(func.count()).select_from(MediaUpload)) == 0


# ------------------------------------------------------------------ WhatsApp Cloud


@pytest.fixture()
def graph(monkeypatch):
    monkeypatch.setenv("META_GRAPH_API_URL", GRAPH)
    monkeypatch.delenv("META_GRAPH_API_VERSION", raising=False)
    with respx.mock(assert_all_called=False) as mock:
        yield mock


def whatsapp_conversation(tenant, client, number: str) -> str:
    channel = connect(tenant, number)
    assert meta_post(client, channel["webhook_url"], body_for("text.json", number, fresh=True)).status_code == 200
    return wait_for(lambda: conversations(tenant), what="the conversation")[0]["id"]


def test_whatsapp_uploads_the_file_to_meta_then_sends_it_by_media_id(tenant_factory, worker, client, graph):
    tenant = tenant_factory()
    number = new_number()
    conversation_id = whatsapp_conversation(tenant, client, number)
    uploaded_to_meta = graph.post(graph_url(f"{number}/media")).respond(200, json={"id": "1037543291543636"})
    sent_to_meta = graph.post(graph_url(f"{number}/messages")).respond(
        200, json={"messaging_product": "whatsapp", "messages": [{"id": "wamid.OUT-PDF-1"}]}
    )
    file = upload(tenant, PDF, "Proposta Comercial.pdf", "application/pdf").get_json()

    sent = tenant.post(
        f"/api/v1/conversations/{conversation_id}/messages",
        json={"type": "document", "content": {"upload_id": file["id"], "caption": "Segue a proposta"}},
    )
    assert sent.status_code == 202, sent.get_json()
    message_id = sent.get_json()["id"]

    def status():
        items = tenant.get(f"/api/v1/conversations/{conversation_id}/messages").get_json()["items"]
        return next(m for m in items if m["id"] == message_id)

    wait_for(lambda: status()["status"] in ("sent", "failed"), what="the send")
    assert status()["status"] == "sent" and status()["provider_message_id"] == "wamid.OUT-PDF-1"

    request = uploaded_to_meta.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert request.headers["Content-Type"].startswith("multipart/form-data")
    form = request.content
    assert b'name="messaging_product"\r\n\r\nwhatsapp' in form
    assert b'name="type"\r\n\r\napplication/pdf' in form
    assert b'filename="Proposta Comercial.pdf"' in form and PDF in form
    body = json.loads(sent_to_meta.calls.last.request.content)
    assert body["type"] == "document"
    assert body["document"] == {"id": "1037543291543636", "caption": "Segue a proposta", "filename": "Proposta Comercial.pdf"}
    # the agent sees the file it sent through the same proxy as received media
    media = tenant.get(f"/api/v1/conversations/{conversation_id}/messages/{message_id}/media")
    assert media.status_code == 200 and media.data == PDF and media.headers["Content-Type"] == "application/pdf"


def test_meta_refusing_the_upload_fails_the_message_with_its_reason(tenant_factory, worker, client, graph):
    tenant = tenant_factory()
    number = new_number()
    conversation_id = whatsapp_conversation(tenant, client, number)
    graph.post(graph_url(f"{number}/media")).respond(
        400, json={"error": {"message": "(#131053) Media upload error", "code": 131053,
                             "error_data": {"details": "Unsupported file type"}}}
    )
    messages = graph.post(graph_url(f"{number}/messages"))
    file = upload(tenant, PNG, "foto.png", "image/png").get_json()
    sent = tenant.post(
        f"/api/v1/conversations/{conversation_id}/messages", json={"type": "image", "content": {"upload_id": file["id"]}}
    )

    def failed():
        items = tenant.get(f"/api/v1/conversations/{conversation_id}/messages").get_json()["items"]
        return next((m for m in items if m["id"] == sent.get_json()["id"] and m["status"] == "failed"), None)

    message = wait_for(failed, what="the refused upload")
    assert message["error"]["code"] == "131053" and "Unsupported file type" in message["error"]["message"]
    assert not messages.called


def test_whatsapp_upload_refusals_are_retryable_or_final_like_sends(graph):
    adapter = adapter_for("whatsapp_cloud")
    channel = ChannelContext(id="0197a3c2-0000-7000-8000-000000000009", tenant_id="t1", config=dict(CONFIG))
    file = OutboundFile("up-1", "foto.png", "image/png", len(PNG), "0" * 64, read=lambda: PNG)
    message = OutboundMessage(
        id="0197a3c2-5b1e-7c3a-9d2f-000000000001", to=(Identity("wa_id", "5511987654321"),), type="image",
        content={"upload_id": "up-1"}, file=file,
    )
    upload = graph.post(graph_url(f"{PHONE_NUMBER_ID}/media"))
    messages = graph.post(graph_url(f"{PHONE_NUMBER_ID}/messages"))

    upload.respond(503, json={"error": {"message": "Service temporarily unavailable", "code": 2}})
    with pytest.raises(SendError) as busy:
        adapter.send(channel, message)
    assert busy.value.retryable

    upload.respond(200, json={"success": True})  # no media id
    with pytest.raises(SendError) as odd:
        adapter.send(channel, message)
    assert odd.value.code == "bad_response" and not odd.value.retryable
    assert not messages.called
