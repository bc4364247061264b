"""The sandbox channel: a lead's message injected through the durable path, an answer sent, delivered and read."""

from __future__ import annotations

import json

from click.testing import CliRunner
from inbound_helpers import contacts_of, count_messages, events_of, messages_of, sandbox_channel, wait_for

from atrium.channels.registry import adapters


def enabled(tenant):
    """``tenant`` with the sandbox plugin enabled."""
    assert tenant.post("/api/v1/plugins/sandbox/enable").status_code == 200
    return tenant


def inject(tenant, channel_id: str, **body):
    return tenant.post(f"/api/v1/plugins/sandbox/channels/{channel_id}/inbound", json={"from": "+5511987659999", "text": "Oi!", **body})


def test_a_lead_writes_the_agent_answers_and_the_answer_is_delivered_then_read(tenant_factory, worker):
    t = enabled(tenant_factory())
    channel = t.post("/api/v1/channels", json={"type": "sandbox", "name": "Sandbox", "config": {"read_after_ms": 300}}).get_json()
    injected = inject(t, channel["id"], name="Beatriz", text="Quero agendar uma visita")
    assert injected.status_code == 202, injected.get_json()
    assert injected.get_json()["event_id"] in {str(e.id) for e in events_of(channel["id"])}
    conversations = wait_for(lambda: t.get("/api/v1/conversations").get_json()["items"], what="the conversation")
    [conversation] = conversations
    assert conversation["contact"]["name"] == "Beatriz" and conversation["contact"]["phone"] == "+5511987659999"
    sent = t.post(f"/api/v1/conversations/{conversation['id']}/messages", json={"type": "text", "text": "Claro! Qual dia?"})
    assert sent.status_code == 202, sent.get_json()
    answer_id = sent.get_json()["id"]

    def answer():
        items = t.get(f"/api/v1/conversations/{conversation['id']}/messages").get_json()["items"]
        return next((m for m in items if m["id"] == answer_id and m["status"] == "read"), None)

    read = wait_for(answer, what="the answer read by the lead")
    assert read["provider_message_id"] == f"sbx-{answer_id}" and read["direction"] == "outbound"
    assert all(e.status == "processed" for e in events_of(channel["id"]))


def test_injection_is_idempotent_by_message_id(tenant_factory, worker):
    t = enabled(tenant_factory())
    channel = sandbox_channel(t)
    first = inject(t, channel["id"], message_id="lead-msg-1")
    again = inject(t, channel["id"], message_id="lead-msg-1")
    assert first.get_json()["event_id"] and again.status_code == 202 and again.get_json()["message_id"] == "lead-msg-1"
    # The body carries a timestamp in seconds: within the same second the repeat is the same stored
    # event (event_id None); across a second boundary it is a second event whose message is a duplicate.
    events = 1 if again.get_json()["event_id"] is None else 2
    wait_for(
        lambda: len(events_of(channel["id"])) == events and all(e.status == "processed" for e in events_of(channel["id"])),
        what="the injections processed",
    )
    assert count_messages(t, "lead-msg-1") == 1


def test_injection_needs_the_plugin_a_sandbox_channel_of_ones_own_and_a_text(tenant_factory):
    a, b = tenant_factory(), enabled(tenant_factory())
    channel = sandbox_channel(a)
    assert inject(a, channel["id"]).status_code == 404
    enabled(a)
    assert inject(b, channel["id"]).status_code == 404
    missing = inject(a, channel["id"], text="")
    assert missing.status_code == 422 and missing.get_json()["errors"][0]["field"] == "text"
    assert events_of(channel["id"]) == []


def test_the_command_line_injects_into_any_company(tenant_factory, worker):
    from atrium_sandbox.cli import sandbox

    t = tenant_factory()
    channel = sandbox_channel(t)
    result = CliRunner().invoke(sandbox, ["inject", channel["id"], "--from", "+5511987658888", "--name", "Caio", "--text", "Pelo terminal"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["event_id"]
    wait_for(lambda: [m.text for m in messages_of(t)] == ["Pelo terminal"], what="the injected message")
    assert [c.name for c in contacts_of(t)] == ["Caio"]
    unknown = CliRunner().invoke(sandbox, ["inject", "0195f3a0-0000-7000-8000-000000000000", "--from", "+5511987658888", "--text", "x"])
    assert unknown.exit_code != 0 and "no sandbox channel" in unknown.output


def test_the_sandbox_offers_a_demo_template():
    [template] = adapters()["sandbox"].list_templates(None)
    assert (template.name, template.status, template.variables) == ("boas_vindas", "APPROVED", ["body.1", "body.2"])
