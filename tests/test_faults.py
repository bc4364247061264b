"""Faults on the inbound path: Redis stops while webhooks arrive; once it is back, every event is processed, none twice."""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from inbound_helpers import (
    body,
    count_messages,
    events_of,
    messages_of,
    post_signed,
    sandbox_channel,
    schema_of,
    text_message,
    wait_for,
)
from sqlalchemy import func, select

from atrium import embedded
from atrium.cache import get_redis
from atrium.channels.sweeper import sweep, sweep_inbound_events
from atrium.db.session import tenant_session
from atrium.inbox.models import DomainEvent


@contextmanager
def redis_stopped():
    """Shut the session's embedded Redis down for the block (saving its data), then start it again."""
    socket = Path(os.environ["REDIS_URL"].removeprefix("unix://"))
    server = next(h for h in embedded._handles if getattr(h, "socket_file", None) == str(socket))
    try:
        server.shutdown(save=True)
    except redis.ConnectionError:
        pass  # the server closes the connection as it goes
    with pytest.raises(redis.ConnectionError):
        get_redis().ping()
    try:
        yield
    finally:
        embedded.start_redis(socket.parent)
        wait_for(get_redis().ping, what="Redis to answer again")


def test_webhooks_arriving_while_redis_is_down_are_processed_exactly_once_after_it_is_back(client, tenant_factory, worker, caplog):
    t = tenant_factory()
    channel = sandbox_channel(t)
    messages = [text_message(f"mensagem {n}", message_id=f"wamid.outage-{n}") for n in range(5)]
    with redis_stopped(), caplog.at_level(logging.ERROR, logger="atrium.channels.processing"):
        answers = [post_signed(client, channel["webhook_url"], body([m])).status_code for m in messages]
        answers.append(post_signed(client, channel["webhook_url"], body([messages[0]])).status_code)
        assert answers == [200] * 6
        assert [e.status for e in events_of(channel["id"])] == ["pending"] * 5
        wait_for(  # queueing happens after the 200, in the process's background thread
            lambda: any("could not queue inbound events" in r.getMessage() for r in caplog.records),
            what="the failed enqueue to be logged",
        )
    assert messages_of(t) == []
    sweep_inbound_events.send()  # what the scheduler does every few seconds
    wait_for(lambda: all(e.status == "processed" for e in events_of(channel["id"])), what="every stored event processed")
    assert [count_messages(t, m["id"]) for m in messages] == [1] * 5
    with tenant_session(schema_of(t)) as db:
        received = db.scalar(select(func.count()).select_from(DomainEvent).where(DomainEvent.kind == "message.received"))
    assert received == 5
    sweep()
    assert len(messages_of(t)) == 5 and all(e.attempts == 0 for e in events_of(channel["id"]))
