"""WhatsApp Cloud outbound: what the plugin sends to the Graph API and how it reads Meta's answers.

A fake Graph API (respx, at ``META_GRAPH_API_URL``) records each request;
the tests assert the JSON and headers Meta would receive, and how refusals
become retryable or final ``SendError``s.
"""

from __future__ import annotations

import json

import httpx
import pytest
import respx
from whatsapp_cloud_fakes import ACCESS_TOKEN, CONFIG, GRAPH, PHONE_NUMBER_ID, WABA_ID, graph_url, payload

from atrium.channels.registry import adapter_for
from atrium.errors import NotFound, Problem
from atrium.plugins import ChannelContext, Identity, OutboundMessage, SendError

OUR_ID = "0197a3c2-5b1e-7c3a-9d2f-1a2b3c4d5e6f"
MARIA = (
    Identity("wa_id", "5511987654321"),
    Identity("phone", "+5511987654321"),
    Identity("bsuid", "BR.1502576394655843"),
)
MESSAGES = graph_url(f"{PHONE_NUMBER_ID}/messages")
ACCEPTED = {
    "messaging_product": "whatsapp",
    "contacts": [{"input": "5511987654321", "wa_id": "5511987654321"}],
    "messages": [{"id": "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjQ2QjE1MzA3NkNBMTg0RjY4MAA="}],
}


@pytest.fixture()
def adapter():
    return adapter_for("whatsapp_cloud")


@pytest.fixture()
def channel():
    return ChannelContext(id="0197a3c2-0000-7000-8000-000000000001", tenant_id="t1", config=dict(CONFIG))


@pytest.fixture()
def graph(monkeypatch):
    monkeypatch.setenv("META_GRAPH_API_URL", GRAPH)
    monkeypatch.delenv("META_GRAPH_API_VERSION", raising=False)
    monkeypatch.delenv("ATRIUM_WHATSAPP_MEDIA_MAX_BYTES", raising=False)
    with respx.mock(assert_all_called=False) as mock:
        yield mock


def message(type_: str, text: str | None = None, to=MARIA, reply_to: str | None = None, **content) -> OutboundMessage:
    return OutboundMessage(id=OUR_ID, to=to, type=type_, text=text, content=content, reply_to=reply_to)


def sent_json(route) -> dict:
    return json.loads(route.calls.last.request.content)


# ------------------------------------------------------------------ sending


def test_a_text_reply_is_posted_with_our_id_and_the_bearer_token(adapter, channel, graph):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    result = adapter.send(
        channel, message("text", "Claro! Veja em https://loja.example.com.br 😀", reply_to="wamid.IN-1")
    )
    assert result.provider_message_id == ACCEPTED["messages"][0]["id"]
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert sent_json(route) == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "5511987654321",
        "context": {"message_id": "wamid.IN-1"},
        "type": "text",
        "text": {"body": "Claro! Veja em https://loja.example.com.br 😀", "preview_url": True},
        "biz_opaque_callback_data": OUR_ID,
    }


def test_text_without_a_link_has_no_preview_and_odd_characters_travel_escaped(adapter, channel, graph):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    adapter.send(channel, message("text", "Bom dia \ud800 ☕"))
    assert b"\\ud800" in route.calls.last.request.content  # escaped like Meta's own JSON, never a broken encoding
    assert sent_json(route)["text"] == {"body": "Bom dia \ud800 ☕", "preview_url": False}


def test_a_username_contact_is_addressed_by_business_scoped_user_id(adapter, channel, graph):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    adapter.send(channel, message("text", "Oi!", to=(Identity("bsuid", "BR.8837261552010394"),)))
    body = sent_json(route)
    assert body["recipient"] == "BR.8837261552010394" and "to" not in body


def test_a_contact_known_only_by_phone_is_addressed_by_its_digits(adapter, channel, graph):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    adapter.send(channel, message("text", "Oi!", to=(Identity("phone", "+55 (11) 98765-4321"),)))
    assert sent_json(route)["to"] == "5511987654321"


@pytest.mark.parametrize(
    ("type_", "content", "expected"),
    [
        (
            "image",
            {"media_id": "1013859600285441", "caption": "Catálogo"},
            {"id": "1013859600285441", "caption": "Catálogo"},
        ),
        ("image", {"link": "https://cdn.example.com.br/foto.jpg"}, {"link": "https://cdn.example.com.br/foto.jpg"}),
        (
            "document",
            {"media_id": "777", "caption": "Proposta", "filename": "proposta.pdf"},
            {"id": "777", "caption": "Proposta", "filename": "proposta.pdf"},
        ),
        ("audio", {"media_id": "888", "caption": "ignored"}, {"id": "888"}),
        (
            "video",
            {"link": "https://cdn.example.com.br/tour.mp4", "caption": "Tour"},
            {"link": "https://cdn.example.com.br/tour.mp4", "caption": "Tour"},
        ),
        ("sticker", {"media_id": "999"}, {"id": "999"}),
    ],
)
def test_media_is_sent_by_id_or_link(adapter, channel, graph, type_, content, expected):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    adapter.send(channel, message(type_, **content))
    body = sent_json(route)
    assert body["type"] == type_ and body[type_] == expected


def test_a_template_is_sent_with_its_variables_as_parameters(adapter, channel, graph):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    variables = {
        "body.2": "R$ 259,90",
        "body.1": "Maria",
        "body.3": "3 dias úteis",
        "header.1": "#4521",
        "button.0.1": "4521",
    }
    adapter.send(channel, message("template", name="pedido_confirmado", language="pt_BR", variables=variables))
    assert sent_json(route)["template"] == {
        "name": "pedido_confirmado",
        "language": {"code": "pt_BR"},
        "components": [
            {"type": "header", "parameters": [{"type": "text", "text": "#4521"}]},
            {
                "type": "body",
                "parameters": [
                    {"type": "text", "text": "Maria"},
                    {"type": "text", "text": "R$ 259,90"},
                    {"type": "text", "text": "3 dias úteis"},
                ],
            },
            {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "4521"}]},
        ],
    }


def test_a_named_template_with_an_image_header(adapter, channel, graph):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    variables = {
        "header.image": "https://cdn.example.com.br/casa.jpg",
        "body.nome": "João",
        "body.imovel": "Rua das Flores, 12",
        "body.data": "sábado",
    }
    adapter.send(channel, message("template", name="confirmacao_visita", language="pt_BR", variables=variables))
    components = sent_json(route)["template"]["components"]
    assert components[0] == {
        "type": "header",
        "parameters": [{"type": "image", "image": {"link": "https://cdn.example.com.br/casa.jpg"}}],
    }
    assert components[1]["parameters"][0] == {"type": "text", "text": "João", "parameter_name": "nome"}


def test_graph_components_given_as_is_are_sent_as_is(adapter, channel, graph):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    components = [
        {
            "type": "body",
            "parameters": [
                {"type": "currency", "currency": {"fallback_value": "R$ 10", "code": "BRL", "amount_1000": 10000}}
            ],
        }
    ]
    adapter.send(channel, message("template", name="cobranca", language="pt_BR", components=components))
    assert sent_json(route)["template"]["components"] == components


def test_reactions_and_mark_read(adapter, channel, graph):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    adapter.send(channel, message("reaction", reply_to="wamid.IN-1", emoji="👍"))
    body = sent_json(route)
    assert body["reaction"] == {"message_id": "wamid.IN-1", "emoji": "👍"} and "context" not in body
    graph.post(MESSAGES).respond(200, json={"success": True})
    adapter.mark_read(channel, "wamid.IN-1")
    assert sent_json(route) == {"messaging_product": "whatsapp", "status": "read", "message_id": "wamid.IN-1"}


@pytest.mark.parametrize(
    "bad",
    [
        message("text", "   "),
        message("text", "x" * 4097),
        message("image", caption="no media"),
        message("template", language="pt_BR"),
        message("template", name="t", variables={"footer.1": "x"}),
        message("reaction", emoji="👍"),
        message("text", "Oi", to=(Identity("lid", "123@lid"),)),
        message("location", latitude=1, longitude=2),
    ],
    ids=[
        "blank-text",
        "too-long",
        "media-without-source",
        "template-without-name",
        "unknown-variable",
        "reaction-without-target",
        "no-whatsapp-recipient",
        "unsupported-type",
    ],
)
def test_messages_that_cannot_be_sent_fail_for_good_without_calling_meta(adapter, channel, graph, bad):
    route = graph.post(MESSAGES).respond(200, json=ACCEPTED)
    with pytest.raises(SendError) as refused:
        adapter.send(channel, bad)
    assert refused.value.retryable is False
    assert not route.called


# ------------------------------------------------------------------ Meta's refusals


def test_a_closed_24_hour_window_is_final_and_says_why(adapter, channel, graph):
    graph.post(MESSAGES).respond(400, json=payload("graph_error_re_engagement.json"))
    with pytest.raises(SendError) as refused:
        adapter.send(channel, message("text", "Oi"))
    assert refused.value.retryable is False
    assert refused.value.code == "131047"
    assert "24 hours" in str(refused.value)


@pytest.mark.parametrize(
    ("status", "body", "headers", "code", "retry_after"),
    [
        (429, {"error": {"message": "Too many calls", "code": 80007}}, {"Retry-After": "30"}, "80007", 30.0),
        (400, "graph_error_throughput.json", {}, "130429", None),
        (400, {"error": {"message": "(#131056) pair rate limit hit", "code": 131056}}, {}, "131056", None),
        (
            400,
            {"error": {"message": "(#4) Application request limit reached", "code": 4}},
            {
                "X-Business-Use-Case-Usage": json.dumps(
                    {WABA_ID: [{"type": "whatsapp", "call_count": 100, "estimated_time_to_regain_access": 2}]}
                )
            },
            "4",
            120.0,
        ),
        (503, "upstream unavailable", {}, "http_503", None),
        (
            500,
            {"error": {"message": "An unexpected error has occurred", "code": 1, "type": "OAuthException"}},
            {},
            "1",
            None,
        ),
    ],
    ids=["429-retry-after", "throughput", "pair-rate", "app-limit-usage-header", "503-not-json", "500"],
)
def test_throttling_and_outages_are_retryable(adapter, channel, graph, status, body, headers, code, retry_after):
    if isinstance(body, str) and body.endswith(".json"):
        body = payload(body)
    response = (
        httpx.Response(status, json=body, headers=headers)
        if isinstance(body, dict)
        else httpx.Response(status, text=body, headers=headers)
    )
    graph.post(MESSAGES).mock(return_value=response)
    with pytest.raises(SendError) as refused:
        adapter.send(channel, message("text", "Oi"))
    assert refused.value.retryable is True
    assert refused.value.code == code
    assert refused.value.retry_after == retry_after


@pytest.mark.parametrize(
    ("status", "error", "code"),
    [
        (
            401,
            {"message": "Error validating access token: Session has expired", "type": "OAuthException", "code": 190},
            "190",
        ),
        (
            400,
            {
                "message": "(#100) Invalid parameter",
                "type": "OAuthException",
                "code": 100,
                "error_data": {"details": "Parameter name is missing or empty"},
            },
            "100",
        ),
        (403, {}, "http_403"),
    ],
)
def test_other_refusals_are_final(adapter, channel, graph, status, error, code):
    graph.post(MESSAGES).respond(status, json={"error": error} if error else {"unexpected": True})
    with pytest.raises(SendError) as refused:
        adapter.send(channel, message("text", "Oi"))
    assert (refused.value.retryable, refused.value.code) == (False, code)


def test_network_failures_are_retryable_and_an_answer_without_id_is_not(adapter, channel, graph):
    route = graph.post(MESSAGES)
    route.mock(side_effect=httpx.ConnectTimeout("connect timed out"))
    with pytest.raises(SendError) as refused:
        adapter.send(channel, message("text", "Oi"))
    assert (refused.value.retryable, refused.value.code) == (True, "network")
    route.mock(
        side_effect=None, return_value=httpx.Response(200, json={"messaging_product": "whatsapp", "messages": []})
    )
    with pytest.raises(SendError) as refused:
        adapter.send(channel, message("text", "Oi"))
    assert (refused.value.retryable, refused.value.code) == (False, "bad_response")


# ------------------------------------------------------------------ templates


def test_approved_templates_are_listed_across_pages_with_their_variables(adapter, channel, graph):
    route = graph.get(graph_url(f"{WABA_ID}/message_templates"))
    route.side_effect = [
        httpx.Response(200, json=payload("templates_page1.json")),
        httpx.Response(200, json=payload("templates_page2.json")),
    ]
    templates = adapter.list_templates(channel)
    assert [(t.name, t.language, t.category, t.status) for t in templates] == [
        ("pedido_confirmado", "pt_BR", "UTILITY", "APPROVED"),
        ("confirmacao_visita", "pt_BR", "UTILITY", "APPROVED"),
    ]  # PENDING and REJECTED ones cannot be sent
    assert templates[0].variables == ["header.1", "body.1", "body.2", "body.3", "button.0.1"]
    assert templates[1].variables == ["header.image", "body.nome", "body.imovel", "body.data"]
    first, second = (call.request for call in route.calls)
    assert first.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert first.url.params["fields"] == "name,language,category,status,components,parameter_format"
    assert "after" not in first.url.params and second.url.params["after"] == "QVFIUlB6S2lFb3g0ZA"


def test_a_template_preview_fills_values_then_examples(adapter, channel, graph):
    route = graph.get(graph_url(f"{WABA_ID}/message_templates"))
    route.side_effect = [
        httpx.Response(200, json=payload("templates_page1.json")),
        httpx.Response(200, json=payload("templates_page2.json")),
    ]
    order, visit = adapter.list_templates(channel)
    assert adapter.preview(order, {"body.1": "Ana"}) == (
        "Pedido #4521\n\nOlá Ana, seu pedido de R$ 259,90 foi confirmado e chega em 3 dias úteis.\n\n"
        "Loja Exemplo\n\n[Acompanhar] [Falar com atendente]"
    )
    assert adapter.preview(visit).startswith(
        "Oi João! Sua visita ao imóvel Rua das Flores, 12 está marcada para sábado, 10h."
    )


def test_a_refused_template_listing_is_a_clear_problem(adapter, channel, graph):
    graph.get(graph_url(f"{WABA_ID}/message_templates")).respond(
        401, json={"error": {"message": "Error validating access token: Session has expired", "code": 190}}
    )
    with pytest.raises(Problem) as problem:
        adapter.list_templates(channel)
    assert problem.value.status == 502
    assert "Session has expired" in problem.value.detail
    assert ACCESS_TOKEN not in problem.value.detail


# ------------------------------------------------------------------ media


MEDIA_URL = "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256&ext=1749420000&hash=ATuX"


def media_info(size: int | None = 11) -> dict:
    info = {
        "messaging_product": "whatsapp",
        "url": MEDIA_URL,
        "mime_type": "image/jpeg",
        "sha256": "lcnsNzZ5f0k7P9c1yR8bJ1vJ8R5mW0aH0vZ6m6Yb2qQ=",
        "id": "1003383421387256",
    }
    if size is not None:
        info["file_size"] = str(size)
    return info


def test_media_is_streamed_with_its_content_type(adapter, channel, graph):
    lookup = graph.get(graph_url("1003383421387256")).respond(200, json=media_info())
    download = graph.get(MEDIA_URL).respond(
        200, content=b"\xff\xd8\xffjpegdata", headers={"Content-Type": "image/jpeg"}
    )
    content_type, size, chunks = adapter.fetch_media(channel, "1003383421387256")
    assert (content_type, size) == ("image/jpeg", 11)
    assert b"".join(chunks) == b"\xff\xd8\xffjpegdata"
    assert lookup.calls.last.request.url.params["phone_number_id"] == PHONE_NUMBER_ID
    assert download.calls.last.request.headers["Authorization"] == f"Bearer {ACCESS_TOKEN}"


def test_media_over_the_limit_is_refused_before_downloading(adapter, channel, graph, monkeypatch):
    monkeypatch.setenv("ATRIUM_WHATSAPP_MEDIA_MAX_BYTES", "10")
    graph.get(graph_url("1003383421387256")).respond(200, json=media_info(size=11))
    download = graph.get(MEDIA_URL).respond(200, content=b"x" * 11)
    with pytest.raises(Problem) as problem:
        adapter.fetch_media(channel, "1003383421387256")
    assert problem.value.status == 413
    assert not download.called


def test_media_of_unknown_size_stops_at_the_limit(adapter, channel, graph, monkeypatch):
    monkeypatch.setenv("ATRIUM_WHATSAPP_MEDIA_MAX_BYTES", "100000")
    graph.get(graph_url("1003383421387256")).respond(200, json=media_info(size=None))

    def unsized(request):
        return httpx.Response(200, stream=httpx.ByteStream(b"x" * 300_000))  # no Content-Length

    graph.get(MEDIA_URL).mock(side_effect=unsized)
    _, size, chunks = adapter.fetch_media(channel, "1003383421387256")
    assert size is None
    received = bytearray()
    with pytest.raises(Problem) as problem:
        for chunk in chunks:
            received += chunk
    assert problem.value.status == 413
    assert len(received) <= 100_000


@pytest.mark.parametrize("media_id", ["../me", "1003383421387256/owner", ""])
def test_a_media_id_is_never_a_graph_path(adapter, channel, graph, media_id):
    with pytest.raises(NotFound):
        adapter.fetch_media(channel, media_id)
    assert not graph.calls


def test_unknown_media_is_not_found(adapter, channel, graph):
    graph.get(graph_url("404404")).respond(
        400,
        json={
            "error": {
                "message": "Unsupported get request. Object with ID '404404' does not exist",
                "code": 100,
                "error_subcode": 33,
            }
        },
    )
    with pytest.raises(NotFound):
        adapter.fetch_media(channel, "404404")
