"""WhatsApp Cloud inbound: Meta's signature and handshake, and every payload type read into normalised events.

The payloads in tests/fixtures/whatsapp follow Meta's documented webhook
formats (non-ASCII escaped as \\uXXXX, as Meta sends them); signatures are
computed over the fixture's exact bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import pytest
from whatsapp_cloud_fakes import APP_SECRET, CONFIG, PHONE_NUMBER_ID, VERIFY_TOKEN, payload, raw

from atrium.channels.registry import adapter_for
from atrium.plugins import ChannelContext, Identity, InboundMessage, StatusUpdate


@pytest.fixture()
def adapter():
    return adapter_for("whatsapp_cloud")


@pytest.fixture()
def channel():
    return ChannelContext(id="0197a3c2-0000-7000-8000-000000000001", tenant_id="t1", config=dict(CONFIG))


def signed(body: bytes, secret: str = APP_SECRET) -> dict[str, str]:
    return {"X-Hub-Signature-256": "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()}


def by_id(events) -> dict[str, InboundMessage]:
    return {e.provider_message_id: e for e in events if isinstance(e, InboundMessage)}


# ------------------------------------------------------------------ the plugin and its configuration


def test_the_plugin_provides_the_whatsapp_cloud_channel_type(adapter):
    schema = adapter.config_schema
    assert adapter.type == "whatsapp_cloud"
    assert adapter.global_webhook == "meta"
    assert adapter.customer_service_window_hours == 24  # free-form replies only within 24 h of the contact's message
    assert {k for k, v in schema["properties"].items() if v.get("writeOnly")} == {"access_token", "app_secret"}
    assert set(schema["required"]) == {"phone_number_id", "waba_id", "access_token"}
    assert adapter.routing_keys(CONFIG) == [("whatsapp_cloud", PHONE_NUMBER_ID)]


# ------------------------------------------------------------------ authentication


def test_a_signature_over_the_exact_bytes_is_accepted(adapter, channel):
    body = raw("text.json")
    assert b"\\u00e7" in body  # Meta's escaping is kept byte for byte
    assert adapter.authenticate(channel, signed(body), body)
    assert adapter.authenticate(channel, {"x-hub-signature-256": signed(body)["X-Hub-Signature-256"]}, body)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Hub-Signature-256": ""},
        {"X-Hub-Signature-256": "sha256=" + "0" * 64},
        {"X-Hub-Signature-256": "sha1=abc"},
        {"X-Hub-Signature": "sha1=" + "0" * 40},
    ],
    ids=["missing", "empty", "wrong", "other-algorithm", "legacy-sha1-only"],
)
def test_a_missing_or_wrong_signature_is_refused(adapter, channel, headers):
    assert not adapter.authenticate(channel, headers, raw("text.json"))


def test_a_body_changed_after_signing_is_refused(adapter, channel):
    body = raw("text.json")
    headers = signed(body)
    reencoded = body.replace(b"\\u00e7", "ç".encode())  # same JSON, different bytes
    assert not adapter.authenticate(channel, headers, reencoded)
    assert not adapter.authenticate(channel, signed(body, "another app's secret"), body)


def test_the_platform_webhook_checks_meta_app_secret(adapter, monkeypatch):
    body = raw("batch.json")
    monkeypatch.delenv("META_APP_SECRET", raising=False)
    assert not adapter.authenticate(None, signed(body, "platform-secret"), body)
    monkeypatch.setenv("META_APP_SECRET", "platform-secret")
    assert adapter.authenticate(None, signed(body, "platform-secret"), body)
    assert not adapter.authenticate(None, signed(body, APP_SECRET), body)


def test_the_handshake_answers_the_challenge_only_for_the_right_token(adapter, channel, monkeypatch):
    good = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"}
    assert adapter.verify_handshake(channel, good) == "1158201444"
    assert adapter.verify_handshake(channel, {**good, "hub.verify_token": "wrong"}) is None
    assert adapter.verify_handshake(channel, {**good, "hub.mode": "unsubscribe"}) is None
    assert adapter.verify_handshake(channel, {"hub.mode": "subscribe", "hub.challenge": "1"}) is None
    monkeypatch.delenv("META_VERIFY_TOKEN", raising=False)
    assert adapter.verify_handshake(None, good) is None
    monkeypatch.setenv("META_VERIFY_TOKEN", "platform-token")
    assert adapter.verify_handshake(None, {**good, "hub.verify_token": "platform-token"}) == "1158201444"


# ------------------------------------------------------------------ messages


def test_a_text_message_names_its_sender_by_every_id(adapter, channel):
    [message] = adapter.parse(channel, payload("text.json"))
    assert message.type == "text"
    assert message.text == "Olá! Quanto custa o plano anual? 😀"
    assert message.timestamp == dt.datetime(2025, 6, 8, 20, 59, 43, tzinfo=dt.UTC)
    assert message.contact.name == "Maria Conceição"
    assert message.contact.phone == "+5511987654321"
    assert set(message.contact.identities) == {
        Identity("wa_id", "5511987654321"),
        Identity("phone", "+5511987654321"),
        Identity("bsuid", "BR.1502576394655843"),
    }


def test_media_messages_keep_what_is_needed_to_download_them(adapter, channel):
    messages = by_id(adapter.parse(channel, payload("media.json")))
    assert [m.type for m in messages.values()] == ["image", "audio", "video", "document", "sticker"]
    image = messages["wamid.MEDIA-IMAGE-1"].content
    assert image["media_id"] == "1003383421387256" and image["mime_type"] == "image/jpeg"
    assert image["caption"] == "Foto do produto 📸"
    assert messages["wamid.MEDIA-AUDIO-1"].content == {
        "media_id": "1193349905236417",
        "mime_type": "audio/ogg; codecs=opus",
        "sha256": "Xl1hO0X3bXgP0m8m4dJt7YQ2dXk3vYt0m9VjC3Wc0sE=",
        "voice": True,
    }
    assert messages["wamid.MEDIA-DOC-1"].content["filename"] == "comprovante-pix.pdf"
    assert messages["wamid.MEDIA-STICKER-1"].content["animated"] is False
    assert messages["wamid.MEDIA-VIDEO-1"].content["caption"] == "Como instalar"


def test_locations_and_shared_contacts(adapter, channel):
    messages = by_id(adapter.parse(channel, payload("location_contacts.json")))
    location = messages["wamid.LOCATION-1"]
    assert location.type == "location"
    assert location.content == {
        "latitude": -23.561414,
        "longitude": -46.655881,
        "name": "MASP",
        "address": "Av. Paulista, 1578 - Bela Vista, São Paulo - SP",
        "url": "https://masp.org.br",
    }
    [card] = messages["wamid.CONTACTS-1"].content["contacts"]
    assert card["name"]["formatted_name"] == "Carlos Andrade"
    assert card["phones"][0]["wa_id"] == "5511912345678"


def test_interactive_and_template_button_replies(adapter, channel):
    messages = by_id(adapter.parse(channel, payload("interactive.json")))
    button = messages["wamid.IREPLY-BUTTON-1"]
    assert (button.type, button.text, button.reply_to) == ("interactive", "Agendar visita", "wamid.BUTTONS-SENT-1")
    assert button.content == {"kind": "button_reply", "reply_id": "agendar_visita", "title": "Agendar visita"}
    listed = messages["wamid.IREPLY-LIST-1"].content
    assert listed == {
        "kind": "list_reply",
        "reply_id": "plano_anual",
        "title": "Plano anual",
        "description": "12x de R$ 99",
    }
    flow = messages["wamid.IREPLY-FLOW-1"].content
    assert flow["kind"] == "nfm_reply" and flow["response"] == {
        "flow_token": "cadastro-42",
        "nome": "Maria",
        "curso": "Inglês",
    }
    quick = messages["wamid.BUTTON-1"]
    assert (quick.type, quick.text) == ("button", "Quero saber mais")
    assert quick.content == {"title": "Quero saber mais", "payload": "QUERO_SABER_MAIS"}
    assert quick.reply_to == "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABEYEjVBMkQ2MjNCMzQxQjI3QkE4MAA="


def test_reactions_and_their_removal(adapter, channel):
    messages = by_id(adapter.parse(channel, payload("reaction.json")))
    assert messages["wamid.REACTION-1"].content == {"emoji": "❤️", "message_id": "wamid.OUR-REPLY-1", "removed": False}
    assert messages["wamid.REACTION-2"].content == {"emoji": "", "message_id": "wamid.OUR-REPLY-1", "removed": True}


def test_a_number_change_notice_carries_the_new_number(adapter, channel):
    [notice] = adapter.parse(channel, payload("system.json"))  # system webhooks have no contacts array
    assert notice.type == "system"
    assert notice.content["kind"] == "user_changed_number"
    assert notice.content["new_wa_id"] == "5511955554444"
    assert Identity("wa_id", "5511987654321") in notice.contact.identities  # still found by the old number
    assert notice.text.startswith("User Maria changed")


def test_unknown_types_are_kept_as_unsupported_and_siblings_still_read(adapter, channel):
    messages = by_id(adapter.parse(channel, payload("unsupported.json")))
    assert list(messages) == ["wamid.UNSUPPORTED-1", "wamid.FUTURE-1", "wamid.ORDER-1", "wamid.AFTER-UNSUPPORTED-1"]
    poll = messages["wamid.UNSUPPORTED-1"]
    assert poll.type == "unsupported"
    assert poll.content["provider_type"] == "poll"
    assert poll.content["errors"] == [
        {
            "code": "131051",
            "title": "Message type unknown",
            "message": "Message type unknown",
            "details": "Message type is currently not supported.",
        }
    ]
    assert messages["wamid.FUTURE-1"].content == {"provider_type": "hologram", "errors": []}
    order = messages["wamid.ORDER-1"]
    assert order.type == "unsupported" and order.text == "Quero estes"
    assert order.content["order"]["product_items"][0]["product_retailer_id"] == "camiseta-azul-m"
    assert messages["wamid.AFTER-UNSUPPORTED-1"].text == "Mandei uma enquete, viu?"


def test_a_click_to_whatsapp_ad_referral_is_kept(adapter, channel):
    [message] = adapter.parse(channel, payload("referral.json"))
    assert message.referral["source_id"] == "120210000000000001"
    assert message.referral["source_type"] == "ad"
    assert message.referral["headline"] == "Matrículas abertas 2026"
    assert message.referral["ctwa_clid"].startswith("ARAkLkA8")
    assert message.referral["welcome_message"] == "Olá! Como podemos ajudar?"
    assert message.text == "Quero saber das matrículas"


def test_replies_and_forwarded_messages(adapter, channel):
    messages = by_id(adapter.parse(channel, payload("reply_forwarded.json")))
    assert messages["wamid.REPLY-1"].reply_to == "wamid.OUR-REPLY-1"
    forwarded = messages["wamid.FORWARDED-1"]
    assert forwarded.reply_to is None
    assert forwarded.content["forwarded"] is True and forwarded.content["frequently_forwarded"] is True


def test_a_username_user_without_a_phone_number(adapter, channel):
    [message] = adapter.parse(channel, payload("username.json"))
    assert message.contact.identities == (Identity("bsuid", "BR.8837261552010394"),)
    assert message.contact.phone is None
    assert message.contact.name == "Bia"


# ------------------------------------------------------------------ statuses and batches


def test_statuses_with_our_id_and_failure_details(adapter, channel):
    statuses = adapter.parse(channel, payload("statuses.json"))
    assert all(isinstance(s, StatusUpdate) for s in statuses)
    assert [(s.provider_message_id, s.status) for s in statuses] == [
        ("wamid.OUT-1", "sent"),
        ("wamid.OUT-1", "delivered"),
        ("wamid.OUT-1", "read"),
        ("wamid.OUT-2", "failed"),
    ]  # "deleted" is not a delivery status: skipped
    assert statuses[0].our_message_id == "0197a3c2-5b1e-7c3a-9d2f-1a2b3c4d5e6f"
    assert statuses[0].error is None
    assert statuses[3].error == {
        "code": "131047",
        "title": "Re-engagement message",
        "message": "Re-engagement message",
        "details": "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        "href": "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
    }


def test_every_entry_change_and_message_of_a_batch_is_read(adapter, channel):
    events = adapter.parse(channel, payload("batch.json"))
    assert [(type(e).__name__, e.provider_message_id) for e in events] == [
        ("InboundMessage", "wamid.BATCH-1"),
        ("InboundMessage", "wamid.BATCH-2"),
        ("InboundMessage", "wamid.BATCH-3"),
        ("StatusUpdate", "wamid.OUT-9"),
        ("InboundMessage", "wamid.BATCH-4"),
    ]  # the change for another phone number belongs to another channel
    assert [e.contact.name for e in events if isinstance(e, InboundMessage)] == [
        "Maria Conceição",
        "João Pedro",
        "Ana Luíza",
        "Maria Conceição",
    ]
    assert adapter.route(payload("batch.json")) == [
        ("whatsapp_cloud", PHONE_NUMBER_ID),
        ("whatsapp_cloud", "110000000000001"),
    ]
    other = ChannelContext(id="c2", tenant_id="t2", config={**CONFIG, "phone_number_id": "110000000000001"})
    assert [e.provider_message_id for e in adapter.parse(other, payload("batch.json"))] == ["wamid.OTHER-NUMBER-1"]


def test_hostile_payloads_lose_only_what_cannot_be_read(adapter, channel):
    events = adapter.parse(channel, payload("hostile.json"))
    messages = by_id(events)
    assert list(messages) == [
        "wamid.HOSTILE-NOSENDER",  # no "from", but the change's only contact sent it
        "wamid.HOSTILE-NULLTEXT",
        "wamid.HOSTILE-NULLS",
        "wamid.HOSTILE-WEIRD",
        "wamid.HOSTILE-NOTYPE",
        "wamid.HOSTILE-INTERACTIVE",
    ]
    assert messages["wamid.HOSTILE-NULLTEXT"].text is None
    assert messages["wamid.HOSTILE-NULLS"].type == "image" and messages["wamid.HOSTILE-NULLS"].content == {}
    weird = messages["wamid.HOSTILE-WEIRD"].text
    assert (
        "😀🇧🇷" in weird and "\x00" in weird and "\ud800" in weird and "\udfff" in weird
    )  # the core sanitises on storage
    assert messages["wamid.HOSTILE-NOTYPE"].type == "unsupported"
    assert messages["wamid.HOSTILE-INTERACTIVE"].content == {"kind": "nfm_reply", "response": "{not json"}
    assert [(s.provider_message_id, s.status) for s in events if isinstance(s, StatusUpdate)] == [
        ("wamid.OUT-7", "read")
    ]


@pytest.mark.parametrize(
    "body",
    [
        None,
        [],
        "text",
        42,
        {},
        {"object": "page", "entry": []},
        {"entry": "x"},
        {"entry": [{"changes": [{"value": []}]}]},
    ],
)
def test_bodies_that_are_not_whatsapp_webhooks_yield_nothing(adapter, channel, body):
    assert adapter.parse(channel, body) == []
    assert adapter.route(body) == []
