"""``atrium events``: the operator's view of the inbound event store (dead letters, unroutable events)."""

from __future__ import annotations

import json
import sys
import uuid

import click

from atrium.channels import store


def _status_option(help_text: str, required: bool = False):
    return click.option("--status", type=click.Choice(store.EVENT_STATES), required=required, help=help_text)


@click.group()
def events() -> None:
    """Inspect and replay stored inbound webhook events."""


@events.command("list")
@_status_option("Only events in this state.")
@click.option("--type", "channel_type", default=None, help="Only events of this channel type.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
def list_command(status: str | None, channel_type: str | None, limit: int) -> None:
    """List the most recent events: id, received, type, status, attempts, tenant, last error."""
    rows = store.list_events(status, limit, channel_type)
    for e in rows:
        error = (e.last_error or "").replace("\n", " ")[:80]
        click.echo(f"{e.id}  {e.received_at:%Y-%m-%d %H:%M:%S}  {e.channel_type:16} {e.status:10} {e.attempts:>2}  {e.tenant_id or '-'}  {error}")
    if not rows:
        click.echo("no events")


@events.command("show")
@click.argument("event_id", type=click.UUID)
def show_command(event_id: uuid.UUID) -> None:
    """Show one event as JSON, with its raw body."""
    found = store.get_event(event_id)
    if found is None:
        raise click.ClickException(f"no event {event_id}")
    summary, body = found
    data = {**vars(summary), "body": body.decode("utf-8", "replace")}
    click.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))


@events.command("replay")
@click.argument("event_id", type=click.UUID, required=False)
@_status_option("Replay every event in this state (failed, dead or unroutable).")
@click.option("--inline", is_flag=True, help="Process in this process instead of queuing for the workers.")
def replay_command(event_id: uuid.UUID | None, status: str | None, inline: bool) -> None:
    """Replay one event (EVENT_ID) or every event with --status: fresh attempts, then processing."""
    from atrium.channels.processing import enqueue, process

    if (event_id is None) == (status is None):
        raise click.UsageError("give an EVENT_ID or --status, not both")
    if status is not None and status not in store.REPLAYABLE:
        raise click.BadParameter(f"only {', '.join(store.REPLAYABLE)} events can be replayed", param_hint="--status")
    ids = [event_id] if event_id is not None else store.ids_with_status(status)
    total = 1 if event_id is not None else store.count_events(status)
    replayed = 0
    with click.progressbar(ids, length=total, label="replaying", file=sys.stderr) as bar:
        for one in bar:
            if not store.reset_for_replay(one):
                continue
            replayed += 1
            if inline:
                process(one)
            elif not enqueue([one]):
                raise click.ClickException("the queue is unreachable; the sweeper will process the replayed events later")
    if event_id is not None and not replayed:
        raise click.ClickException(f"event {event_id} does not exist or is not failed, dead or unroutable")
    click.echo(f"replayed {replayed} event(s){' inline' if inline else '; the workers process them'}")


@events.command("sweep")
def sweep_command() -> None:
    """Run one sweeper pass now: queue every due pending or failed event."""
    from atrium.channels.sweeper import sweep

    click.echo(f"queued {sweep()} event(s)")
