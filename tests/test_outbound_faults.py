"""A worker process killed in the middle of a send: the message is never sent twice."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import uuid

from test_inbox_support import add_channel, wait_for

from atrium.channels import registry
from atrium.inbox import outbound
from atrium.inbox.models import Message
from atrium.inbox.sweeper import sweep
from atrium.tenancy.context import tenant_context

pytest_plugins = ("test_inbox_support",)  # fixtures: inbox, fake_adapter

WORKER = """
import pathlib, sys, time
from atrium.channels.contract import ChannelAdapter
from atrium.plugins.hookspecs import hookimpl
from atrium.plugins.manager import get_plugin_manager
from atrium.workers.runtime import run_worker

marker = pathlib.Path(sys.argv[1])

class Hanging(ChannelAdapter):
    type = "hanging"
    def authenticate(self, channel, headers, body):
        return False
    def parse(self, channel, payload):
        return []
    def send(self, channel, message):
        marker.write_text(message.id)  # the request is on its way to the provider...
        time.sleep(3600)  # ...and the process dies before the answer

class Plugin:
    @hookimpl
    def register_channel_types(self):
        return [Hanging()]

get_plugin_manager().register(Plugin(), name="hanging-channel")
run_worker(threads=1)
"""


def test_a_worker_killed_mid_send_never_causes_a_second_send(inbox, tmp_path):
    hanging = registry.adapters()["hanging"]  # this process's adapter records any further send
    channel_id = add_channel(inbox.tenant, "hanging")
    cid, _ = inbox.inbound("Oi", channel_id=channel_id)
    queued = inbox.send_text(cid)

    marker = tmp_path / "sending"
    process = subprocess.Popen([sys.executable, "-c", WORKER, str(marker)], env=os.environ.copy())
    try:
        wait_for(
            lambda: marker.exists() and marker.read_text() == queued["id"],
            timeout=60,
            what="the worker to start sending",
        )
        assert inbox.message(queued["id"]).status == "sending"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    with tenant_context(inbox.tenant):  # the job comes back, as the broker redelivers a dead worker's messages
        outbound.send_message(queued["id"])
    assert hanging.sends_of(queued["id"]) == []
    assert inbox.message(queued["id"]).status == "sending"

    with inbox.db() as db:  # no status webhook came within the grace period
        db.get(Message, uuid.UUID(queued["id"])).claimed_at -= outbound.SENDING_GRACE + dt.timedelta(seconds=1)
    with inbox.db() as db:
        assert sweep(db)["unknown"] == 1
    failed = inbox.message(queued["id"])
    assert failed.status == "failed" and failed.error["code"] == "delivery_unknown"
    assert hanging.sends_of(queued["id"]) == []
