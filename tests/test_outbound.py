"""The outbound actor: retries, refusals, the claim that prevents a double send, statuses that
arrive early or out of order, and the per-channel throttle."""

from __future__ import annotations

import datetime as dt
import uuid

from test_inbox_support import wait_for

from atrium.channels.contract import SendError
from atrium.inbox import aftercommit, outbound, throttle
from atrium.inbox.activity import Actor
from atrium.inbox.messages import queue_message
from atrium.inbox.models import Channel, Conversation, Message
from atrium.inbox.sweeper import sweep, sweep_outbound
from atrium.tenancy.context import tenant_context
from atrium.workers.scheduler import collect_jobs, enqueue

pytest_plugins = ("test_inbox_support",)  # fixtures: inbox, fake_adapter


def _run_actor(inbox, message_id) -> None:
    """Run one ``send_message`` job in this thread, as a worker would."""
    with tenant_context(inbox.tenant):
        outbound.send_message(str(message_id))


def test_retryable_refusals_are_retried_until_the_provider_accepts(inbox, worker):
    inbox.adapter.script.extend(
        [
            SendError("rate limited", code="131056", retryable=True, retry_after=0.05),
            SendError("service unavailable", code="http_503", retryable=True, retry_after=0.05),
        ]
    )
    cid, _ = inbox.inbound("Oi")
    queued = inbox.send_text(cid)
    sent = wait_for(lambda: (m := inbox.message(queued["id"])).status == "sent" and m, what="the send after retries")
    assert len(inbox.adapter.sends_of(queued["id"])) == 3
    assert sent.attempts == 3 and sent.error is None
    assert sent.provider_message_id == f"wamid.{queued['id']}"


def test_a_non_retryable_refusal_fails_with_the_reason(inbox, worker):
    inbox.adapter.script.append(SendError("(#131026) Message undeliverable", code="131026"))
    cid, _ = inbox.inbound("Oi")
    queued = inbox.send_text(cid)
    failed = wait_for(lambda: (m := inbox.message(queued["id"])).status == "failed" and m, what="the failure")
    assert failed.error == {"code": "131026", "message": "(#131026) Message undeliverable", "attempts": 1}
    assert len(inbox.adapter.sends_of(queued["id"])) == 1
    listed = inbox.t.get(f"/api/v1/conversations/{cid}/messages").get_json()["items"][0]
    assert listed["status"] == "failed" and listed["error"]["code"] == "131026"


def test_retries_stop_after_the_last_attempt(inbox, worker):
    inbox.adapter.script.extend(SendError("busy", code="http_500", retryable=True, retry_after=0.01) for _ in range(10))
    cid, _ = inbox.inbound("Oi")
    queued = inbox.send_text(cid)
    failed = wait_for(lambda: (m := inbox.message(queued["id"])).status == "failed" and m, what="giving up")
    assert len(inbox.adapter.sends_of(queued["id"])) == outbound.MAX_ATTEMPTS
    assert failed.error["code"] == "http_500" and f"after {outbound.MAX_ATTEMPTS} attempts" in failed.error["message"]


def test_a_message_left_sending_is_never_sent_again(inbox):
    """A worker died after claiming the message: its retry must not send it blindly."""
    cid, _ = inbox.inbound("Oi")
    queued = inbox.send_text(cid)
    with inbox.db() as db:
        message = db.get(Message, uuid.UUID(queued["id"]))
        message.status, message.claimed_at, message.attempts = "sending", dt.datetime.now(dt.UTC), 1
    _run_actor(inbox, queued["id"])
    assert inbox.adapter.sends_of(queued["id"]) == []
    with inbox.db() as db:
        assert sweep(db)["unknown"] == 0  # still within the grace period
    assert inbox.message(queued["id"]).status == "sending"

    with inbox.db() as db:
        db.get(Message, uuid.UUID(queued["id"])).claimed_at -= outbound.SENDING_GRACE + dt.timedelta(seconds=1)
    with inbox.db() as db:
        assert sweep(db)["unknown"] == 1
    failed = inbox.message(queued["id"])
    assert failed.status == "failed" and failed.error["code"] == "delivery_unknown"
    _run_actor(inbox, queued["id"])
    assert inbox.adapter.sends_of(queued["id"]) == []


def test_a_status_webhook_settles_an_interrupted_send(inbox):
    """The provider got the message before the worker died: its status (echoing our id) settles it."""
    inbox.adapter.script.append(RuntimeError("connection reset after the request was written"))
    cid, _ = inbox.inbound("Oi")
    queued = inbox.send_text(cid)
    _run_actor(inbox, queued["id"])
    assert inbox.message(queued["id"]).status == "sending"
    _run_actor(inbox, queued["id"])  # the job's retry
    assert len(inbox.adapter.sends_of(queued["id"])) == 1

    inbox.status("wamid.provider-1", "delivered", our_message_id=queued["id"])
    with inbox.db() as db:
        db.get(Message, uuid.UUID(queued["id"])).claimed_at -= outbound.SENDING_GRACE + dt.timedelta(seconds=1)
    with inbox.db() as db:
        assert sweep(db)["unknown"] == 0
    settled = inbox.message(queued["id"])
    assert (settled.status, settled.provider_message_id) == ("delivered", "wamid.provider-1")


def test_statuses_that_arrive_before_the_send_completes_are_reconciled(inbox):
    cid, _ = inbox.inbound("Oi")
    queued = inbox.send_text(cid)
    provider_id = f"wamid.{queued['id']}"  # what the fake provider will answer
    inbox.status(provider_id, "delivered")
    assert inbox.message(queued["id"]).status == "queued"  # kept in the backlog
    _run_actor(inbox, queued["id"])
    message = inbox.message(queued["id"])
    assert (message.status, message.provider_message_id) == ("delivered", provider_id)
    assert message.sent_at and message.delivered_at


def test_read_never_goes_back_to_delivered(inbox):
    cid, _ = inbox.inbound("Oi")
    queued = inbox.send_text(cid)
    _run_actor(inbox, queued["id"])
    provider_id = inbox.message(queued["id"]).provider_message_id
    inbox.status(provider_id, "read")
    inbox.status(provider_id, "delivered")
    inbox.status(provider_id, "sent")
    message = inbox.message(queued["id"])
    assert message.status == "read" and message.read_at and message.delivered_at
    listed = inbox.t.get(f"/api/v1/conversations/{cid}/messages").get_json()["items"][0]
    assert listed["status"] == "read"


def test_a_lost_job_is_enqueued_again_by_the_sweeper(inbox, worker):
    """Redis lost the job (or the enqueue failed): the sweeper finds the queued message and sends it."""
    cid, _ = inbox.inbound("Oi")
    with inbox.db() as db:
        message = queue_message(db, db.get(Conversation, cid), Actor("agent"), {"type": "text", "text": "perdida"})
        message.created_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
        db.info.pop(aftercommit.PENDING)  # the job is never enqueued: lost
        mid = message.id
    assert inbox.message(mid).status == "queued"
    with inbox.db() as db:
        assert sweep(db)["requeued"] == 1
    wait_for(lambda: inbox.message(mid).status == "sent", what="the send")
    assert len(inbox.adapter.sends_of(mid)) == 1


def test_the_throttle_shares_a_per_channel_rate():
    key = f"test:{uuid.uuid4()}"
    assert [throttle.take(key, 3) for _ in range(3)] == [0, 0, 0]
    assert throttle.take(key, 3) > 0
    assert throttle.take(f"test:{uuid.uuid4()}", 3) == 0  # another channel has its own bucket


def test_a_throttled_send_waits_for_its_turn(inbox, worker):
    with inbox.db() as db:
        db.get(Channel, inbox.channel_id).config = {"messages_per_second": 1}
    cid, _ = inbox.inbound("Oi")
    ids = [inbox.send_text(cid, f"mensagem {i}")["id"] for i in range(3)]
    for mid in ids:
        wait_for(lambda mid=mid: inbox.message(mid).status == "sent", what="every throttled send")
    assert all(len(inbox.adapter.sends_of(mid)) == 1 for mid in ids)


def test_the_scheduler_sweeps_every_tenants_outbox(inbox):
    [(plugin_id, job)] = [(p, j) for p, j in collect_jobs() if j.actor is sweep_outbound]
    assert job.per_tenant and job.every_seconds <= 15
    assert enqueue(plugin_id, job) >= 1  # one sweep per active tenant, this one included
